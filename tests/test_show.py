"""``ministerbrev show``: one letter's record as a person reads it, and the way back to its
source file. A real corpus letter goes through the real pipeline into an output folder as
``process`` leaves it; the real command reads it back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from models import LetterRecord
from pipeline.cli import app
from pipeline.cli.reading import in_context
from pipeline.process import Outcome
from pipeline.sources.oda.documents import OdaDocument, PdfFile
from pipeline.sources.oda.steps import with_provenance
from pipeline.store import run_query
from tests.test_store import output_folder

ROOT = Path(__file__).resolve().parent.parent
ANSWER_PDF = ROOT / "corpus" / "letters" / "fm-2021-03-24-spm12-videreforsel.pdf"


@pytest.fixture(scope="module")
def answer_record() -> LetterRecord:
    """Finansministeriet answers question 12: a subject, a question, amounts, a date."""
    from pipeline.process import process_file

    record = process_file(ANSWER_PDF).record
    assert record is not None
    return record


@pytest.fixture(scope="module")
def out(tmp_path_factory, answer_record) -> Path:
    return output_folder(tmp_path_factory.mktemp("show") / "out", [answer_record])


def show(out: Path, *args: str):
    return CliRunner().invoke(app, ["show", *args, "--out", str(out)], env={"COLUMNS": "200"})


def fact_lines(output: str, title: str) -> list[str]:
    """The lines of one section of facts (``Amounts (13)`` and the lines under it)."""
    lines = output.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(f"{title} ("))
    section = []
    for line in lines[first + 1:]:
        if not line.startswith("  "):
            break
        section.append(line.strip())
    return section


def test_show_prints_the_letters_fields(out, answer_record):
    result = show(out, answer_record.doc_id)
    assert result.exit_code == 0, result.output
    letter, source = answer_record.letter, answer_record.source
    assert result.stdout.startswith(f"Letter {answer_record.doc_id}\n")
    expected = {"date": letter.date, "kind": letter.kind, "subject": letter.subject,
                "sender": letter.sender.ministry, "minister": letter.sender.minister,
                "recipients": "Finansudvalget", "file": source.absolute_path}
    for label, value in expected.items():
        assert any(line.split() and line.split()[0] == label and line.rstrip().endswith(value)
                   for line in result.stdout.splitlines()), (label, value, result.stdout)
    assert "spørgsmål nr. 12 (Alm. del), Finansudvalget, answered" in result.stdout
    assert f"{source.path} ({source.pages} pages, native text)" in result.stdout
    for case in letter.case_numbers:
        assert f"{case.kind} {case.value}" in result.stdout


def test_show_prints_each_fact_in_its_sentence_with_its_page(out, answer_record):
    output = show(out, answer_record.doc_id).stdout
    amounts = fact_lines(output, "Amounts")
    assert len(amounts) == len(answer_record.amounts)
    for amount, line in zip(answer_record.amounts, amounts, strict=True):
        assert line.startswith(f"p. {amount.evidence.page}: ")
        assert f"**{amount.raw}**" in line
        if amount.origin == "table":  # a cell says where in its table it stands
            assert f"; table: {amount.table_row}, {amount.table_column}" in line
    total = next(line for line in amounts if "**18,6 mia. kr.**" in line)
    # the heading "Svar:" above the paragraph is no part of its sentence
    assert total == ("p. 1: Ved udgangen af 2020 udgjorde den samlede akkumulerede "
                     "videreførsel på statens driftsbevillinger **18,6 mia. kr.**, svarende til "
                     "23 pct. af de samlede driftsbevillinger på finansloven for 2020.  "
                     "(18600000000 DKK)")
    # A date has no sentence of its own in the record: it is cut from the text around it.
    [date_line] = fact_lines(output, "Dates")
    assert date_line == ("p. 1: Folketingets Finansudvalg har i brev af **3. marts 2021** "
                         "stillet følgende spørgsmål nr. 12 (Alm. del), som hermed besvares.  "
                         "(2021-03-03)")


def test_a_unique_prefix_is_enough_and_the_jsonl_serves_where_the_file_is_gone(
        out, answer_record, tmp_path):
    whole = show(out, answer_record.doc_id).stdout
    assert show(out, answer_record.doc_id[:5].upper()).stdout == whole
    only_jsonl = output_folder(tmp_path / "out", [answer_record])
    (only_jsonl / "records" / f"{answer_record.doc_id}.json").unlink()
    assert show(only_jsonl, answer_record.doc_id[:5]).stdout == whole


def test_an_unknown_id_is_one_clear_line_and_exit_1(out):
    result = show(out, "0000dead")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"No letter with a doc_id starting '0000dead' in {out}"


def test_json_prints_the_record(out, answer_record):
    result = show(out, answer_record.doc_id[:8], "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == answer_record.model_dump(mode="json")


def test_a_record_that_breaks_the_contract_is_one_line_and_json_still_shows_it(
        answer_record, tmp_path):
    broken = answer_record.model_dump(mode="json")
    broken["letter"]["kind"] = "postkort"
    out = tmp_path / "out"
    out.mkdir()
    (out / "records.jsonl").write_text(json.dumps(broken, ensure_ascii=False) + "\n")
    result = show(out, answer_record.doc_id[:6])
    assert result.exit_code == 1 and result.stdout == ""
    assert "breaks the contract (1 error)" in result.stderr
    assert json.loads(show(out, answer_record.doc_id[:6], "--json").stdout) == broken


def test_a_fact_cut_from_a_long_text_is_marked_where_it_is_cut():
    text = "indledning " * 40 + "i perioden 2017-2020 " + "og videre " * 40
    start = text.index("2017-2020")
    quoted = in_context(text, start, start + len("2017-2020"))
    # cut at spaces, never inside a word
    assert quoted.startswith("… indledning ") and quoted.endswith((" og …", " videre …"))
    assert "i perioden **2017-2020** og" in quoted
    assert len(quoted) < 400


# -- the way back to the source -----------------------------------------------------------------


def test_a_processed_letter_keeps_its_absolute_path_in_the_record_and_the_store(
        out, answer_record):
    assert answer_record.source.absolute_path == str(ANSWER_PDF.resolve())
    assert Path(answer_record.source.absolute_path).is_file()
    row = run_query(out, "SELECT path, source_path, oda_id, ft_url FROM letters").as_dicts()
    assert row == [{"path": answer_record.source.path, "source_path": str(ANSWER_PDF.resolve()),
                    "oda_id": None, "ft_url": None}]


def test_a_letter_from_oda_shows_its_document_and_its_page_on_ft_dk(answer_record, tmp_path):
    file_url = "https://www.ft.dk/samling/20201/almdel/fiu/spm/12/svar/1745423/2345678.pdf"
    document = OdaDocument(id=101, title="Svar på spørgsmål 12 om videreførsel", type="Brev",
                           date="2021-03-24T00:00:00", updated="2026-10-05T08:00:00",
                           pdf_files=[PdfFile(id=9001, url=file_url)])
    provenance = document.provenance(document.pdf_files[0])
    page = "https://www.ft.dk/samling/20201/almdel/fiu/spm/12/svar/1745423/index.htm"
    assert provenance.page_url == page
    record = with_provenance(Outcome(path="a.pdf", record=answer_record), provenance).record
    out = output_folder(tmp_path / "out", [record])
    output = show(out, record.doc_id).stdout
    assert "ODA           document 101: Svar på spørgsmål 12 om videreførsel" in output
    assert f"ft.dk         {page}" in output and f"pdf           {file_url}" in output
    row = run_query(out, "SELECT oda_id, oda_title, ft_url FROM letters").rows
    assert row == [(101, "Svar på spørgsmål 12 om videreførsel", page)]
