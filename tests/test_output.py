"""Writing results: whole files only, one line per letter, failures kept apart."""

from __future__ import annotations

import json

from models import Failure, LetterRecord
from pipeline.output import OutputFolder, keyed_lines
from tests.test_models import minimal_record


def record(doc_id: str = "0123456789abcdef", body: str = "afsat 73,4 mio. kr. i alt"):
    return LetterRecord.model_validate(minimal_record(
        doc_id=doc_id, body_text=body,
        source={**minimal_record()["source"], "sha256": doc_id + "0" * 48},
    ))


def test_a_record_is_written_as_a_file_and_a_line(tmp_path):
    with OutputFolder(tmp_path) as out:
        out.write_record(record())
    assert json.loads((tmp_path / "records" / "0123456789abcdef.json").read_text())["doc_id"]
    lines = (tmp_path / "records.jsonl").read_text().splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["0123456789abcdef"]
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_letter_written_again_keeps_one_line(tmp_path):
    for body in ("first version", "second version"):
        with OutputFolder(tmp_path) as out:
            out.write_record(record(body=body))
    lines = (tmp_path / "records.jsonl").read_text().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["body_text"] == "second version"


def test_a_torn_last_line_from_a_killed_run_is_dropped(tmp_path):
    with OutputFolder(tmp_path) as out:
        out.write_record(record())
    with (tmp_path / "records.jsonl").open("a") as jsonl:
        jsonl.write('{"doc_id": "abc')  # a run killed mid-write
    with OutputFolder(tmp_path) as out:
        out.write_record(record(doc_id="fedcba9876543210"))
    lines = (tmp_path / "records.jsonl").read_text().splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["0123456789abcdef",
                                                               "fedcba9876543210"]


def test_opening_a_folder_keeps_the_last_line_of_each_letter_and_knows_every_letter(tmp_path):
    """Several runs appended to one file: each letter's newest line stays, others' too."""
    lines = [record(body="old").model_dump_json(), record("fedcba9876543210").model_dump_json(),
             record(body="new").model_dump_json()]
    (tmp_path / "records.jsonl").write_text("\n".join(lines) + "\n")
    for doc_id in ("0123456789abcdef", "fedcba9876543210"):
        (tmp_path / "records" / f"{doc_id}.json").parent.mkdir(exist_ok=True)
        (tmp_path / "records" / f"{doc_id}.json").write_text("{}")
    with OutputFolder(tmp_path) as out:
        assert out.has_record("0123456789abcdef") and out.has_record("fedcba9876543210")
        assert not out.has_record("aaaaaaaaaaaaaaaa")
    kept = [json.loads(line) for line in (tmp_path / "records.jsonl").read_text().splitlines()]
    assert [(line["doc_id"], line["body_text"]) for line in kept] == [
        ("fedcba9876543210", "afsat 73,4 mio. kr. i alt"), ("0123456789abcdef", "new")]


def test_a_failure_is_forgotten_once_the_file_is_processed(tmp_path):
    failure = Failure(path="a.pdf", sha256=None, error="damaged", message="a.pdf: damaged")
    with OutputFolder(tmp_path) as out:
        out.write_failure(failure)
    assert json.loads((tmp_path / "failures.jsonl").read_text())["error"] == "damaged"
    with OutputFolder(tmp_path) as out:
        out.write_record(record())
    assert (tmp_path / "failures.jsonl").read_text() == ""


def test_closing_rereads_the_file_only_if_it_may_need_tidying(tmp_path, monkeypatch):
    """An archive's records.jsonl holds several KB a letter: a run that only added new
    letters, alone, leaves it as it is without reading it again at the end."""
    import pipeline.output as output

    tidied = []
    tidy = output.tidy_jsonl
    def counting_tidy(path, **kwargs):
        if path.name == "records.jsonl":  # failures.jsonl is small and always tidied
            tidied.append(1)
        return tidy(path, **kwargs)

    monkeypatch.setattr(output, "tidy_jsonl", counting_tidy)
    with OutputFolder(tmp_path) as out:
        out.write_record(record())
        out.write_record(record("fedcba9876543210"))
    assert len(tidied) == 1  # on opening
    with OutputFolder(tmp_path) as out:
        out.write_record(record(body="again"))  # a letter the file holds: a second line
    assert len(tidied) == 3
    lines = (tmp_path / "records.jsonl").read_text().splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["fedcba9876543210",
                                                               "0123456789abcdef"]


def letters_and_bodies(folder) -> list[tuple[str, str]]:
    lines = (folder / "records.jsonl").read_text().splitlines()
    return sorted((line["doc_id"], line["body_text"]) for line in map(json.loads, lines))


def test_two_runs_writing_into_one_folder_at_once_leave_one_line_per_letter(tmp_path):
    """Whichever run closes first leaves the file tidy, though the other wrote meanwhile."""
    first, second = OutputFolder(tmp_path), OutputFolder(tmp_path)
    first.open()
    second.open()
    first.write_record(record(body="from the first run"))
    second.write_record(record(body="from the second run"))  # the same letter, again
    second.close()
    assert letters_and_bodies(tmp_path) == [("0123456789abcdef", "from the second run")]
    first.write_record(record("fedcba9876543210"))
    first.close()
    assert letters_and_bodies(tmp_path) == [("0123456789abcdef", "from the second run"),
                                            ("fedcba9876543210", "afsat 73,4 mio. kr. i alt")]


def test_lines_written_by_another_tool_are_read_as_well(tmp_path):
    """Lines of another shape (spaces after the colons, the key not first) are parsed."""
    lines = [json.dumps(record(doc_id="fedcba9876543210").model_dump(mode="json")),
             json.dumps({"schema_version": "1", "doc_id": "0123456789abcdef"})]
    (tmp_path / "records.jsonl").write_text("\n".join(lines) + "\n")
    assert [key for key, _text in keyed_lines(tmp_path / "records.jsonl", "doc_id")] == [
        "fedcba9876543210", "0123456789abcdef"]


def test_a_torn_line_that_another_run_appended_to_is_dropped_whole(tmp_path):
    """The torn line begins like a whole one and the line after it ends like one; taken by
    its beginning, the letter would keep a line that is no JSON."""
    whole = record(doc_id="fedcba9876543210").model_dump_json()
    torn = record().model_dump_json()[:60]
    (tmp_path / "records.jsonl").write_text(torn + whole + "\n" + whole + "\n")
    with OutputFolder(tmp_path):
        pass
    lines = (tmp_path / "records.jsonl").read_text().splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["fedcba9876543210"]
