"""``query`` and ``search`` as analysts use them, on a store of the whole corpus: the output
flags sqlite-utils has (``--csv``, ``--tsv``, ``--json``, ``--nl``, ``--table``), named
parameters (``-p NAME VALUE``), FTS5's query syntax, and the errors a person can make."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.process import process_file
from pipeline.run.archive import Archive
from pipeline.store import run_query

ROOT = Path(__file__).resolve().parent.parent
LETTERS = ROOT / "corpus" / "letters"
SEED = "uim-2020-11-04-handlingsplan.pdf"  # recommends "øget fokus på familiebehandling"
JOBROTATION = "bm-2014-03-27-jobrotation.pdf"
PLEJEHJEM = "aem-2023-09-14-plejehjem-evaluering.pdf"  # "en klar ansvarsfordeling mellem …"
FREE_LEGAL_AID = "jm-2023-10-05-spm1304-fri-proces.pdf"  # answers spørgsmål nr. 1304
SENIOR_PENSION = "bm-2024-06-05-spm88-seniorpension.pdf"  # answers spørgsmål nr. 88
MITID = "digst-2023-11-28-aktstykke-mitid.pdf"
FORMAT_FLAGS = ("--table", "--csv", "--tsv", "--json", "--nl")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """An output folder holding every corpus letter, each through the whole real pipeline."""
    folder = tmp_path_factory.mktemp("corpus-store")
    with Archive(folder) as archive:
        for pdf in sorted(LETTERS.glob("*.pdf")):
            archive.write(process_file(pdf))
    return folder


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def query(out: Path, *args: str):
    return invoke("query", "--out", str(out), *args)


def search(out: Path, *args: str):
    return invoke("search", "--out", str(out), *args)


def filename_of(out: Path) -> dict[str, str]:
    return dict(run_query(out, "SELECT doc_id, filename FROM letters").rows)


def found(out: Path, words: str) -> set[str]:
    """The files of the letters a search finds, read from its --nl output."""
    result = search(out, words, "--nl", "--limit", "50")
    assert result.exit_code == 0, result.output
    names = filename_of(out)
    return {names[json.loads(line)["doc_id"]] for line in result.stdout.splitlines()}


def parsed(output: str, flag: str) -> list[dict]:
    """Rows of an output as dicts of strings or values, whatever the flag printed."""
    if flag in ("--csv", "--tsv"):
        return list(csv.DictReader(io.StringIO(output), delimiter="," if flag == "--csv"
                                   else "\t"))
    if flag == "--json":
        return json.loads(output)
    return [json.loads(line) for line in output.splitlines()]


# -- query: output ------------------------------------------------------------------------------

MINISTRY_SQL = ("SELECT filename, ministry, year FROM letters WHERE ministry = 'Finansministeriet' "
                "ORDER BY date")


@pytest.mark.parametrize("flag", ["--csv", "--tsv", "--json", "--nl"])
def test_query_prints_each_machine_format_that_reads_back_as_the_rows(out, flag):
    result = query(out, flag, MINISTRY_SQL)
    assert result.exit_code == 0, result.output
    rows = parsed(result.stdout, flag)
    assert [row["filename"] for row in rows] == [
        filename for (filename, _ministry, _year) in run_query(out, MINISTRY_SQL).rows]
    assert len(rows) == 3 and {row["ministry"] for row in rows} == {"Finansministeriet"}
    assert [str(row["year"]) for row in rows] == ["2019", "2021", "2022"]


def test_json_keeps_numbers_as_numbers_and_nl_is_one_object_a_line(out):
    sql = "SELECT year, count(*) AS letters FROM letters WHERE year IN (2019, 2021) GROUP BY 1"
    as_json = json.loads(query(out, "--json", sql).stdout)
    lines = query(out, "--nl", sql).stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json
    assert all(isinstance(row["year"], int) for row in as_json) and len(lines) == 2


@pytest.mark.parametrize("flag", ["--format=table", "--table", None])
def test_query_prints_a_table_by_default_or_when_asked(out, flag):
    result = query(out, *([flag] if flag else []), MINISTRY_SQL)
    assert result.exit_code == 0, result.output
    assert "┃ filename" in result.stdout and "fm-2021-03-24-spm12-videreforsel.pdf" in result.stdout
    assert "3 row(s)" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "nl"])
def test_format_option_gives_the_same_output_as_its_flag(out, fmt):
    assert query(out, "--format", fmt, MINISTRY_SQL).stdout == query(
        out, f"--{fmt}", MINISTRY_SQL).stdout


@pytest.mark.parametrize("flags", [("--csv", "--json"), ("--table", "--nl"),
                                   ("--format", "tsv", "--csv"), ("--nl", "--format", "nl")])
@pytest.mark.parametrize("command", ["query", "search"])
def test_two_output_formats_at_once_are_an_error(out, command, flags):
    what = MINISTRY_SQL if command == "query" else "familiebehandling"
    result = invoke(command, "--out", str(out), *flags, what)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Choose one output format" in result.stderr


def test_a_table_to_a_pipe_or_file_cuts_no_value_short(out):
    long_value = " ".join(f"ord{number}" for number in range(120))  # far wider than 80 columns
    result = query(out, "--table", "SELECT :long AS value, 'x' AS other", "-p", "long", long_value)
    assert result.exit_code == 0, result.output
    assert long_value in result.stdout


@pytest.mark.subprocess
def test_the_command_piped_into_another_prints_every_line_of_a_letter_whole(out):
    sql = f"SELECT filename, body_text FROM letters WHERE filename = '{PLEJEHJEM}'"
    printed = subprocess.run(
        [str(Path(sys.executable).parent / "ministerbrev"), "query", "--out", str(out), sql],
        capture_output=True, text=True, check=True, cwd=ROOT).stdout
    [(body_text,)] = run_query(out, "SELECT body_text FROM letters WHERE filename = ?",
                               (PLEJEHJEM,)).rows
    widest = max(body_text.splitlines(), key=len)
    assert len(widest) > 80 and widest in printed


# -- query: parameters and errors ---------------------------------------------------------------


def test_named_parameters_fill_the_sql_as_strings(out):
    result = query(out, "--csv", "SELECT filename FROM letters WHERE year = :year AND "
                   "ministry = :ministry", "-p", "year", "2021", "--param", "ministry",
                   "Finansministeriet")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["filename", "fm-2021-03-24-spm12-videreforsel.pdf"]
    echoed = json.loads(query(out, "--json", "SELECT :n AS n", "-p", "n", "7").stdout)
    assert echoed == [{"n": "7"}]


def test_a_parameter_the_sql_names_but_no_p_gives_is_a_clear_error(out):
    result = query(out, "SELECT filename FROM letters WHERE year = :year")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert ":year but no value was given for it (-p year VALUE)" in result.stderr


@pytest.mark.parametrize("sql", ["", "   ", "\n-- only a comment\n", "/* nothing */ ;"])
def test_an_empty_query_is_an_error_not_zero_rows(out, sql):
    result = query(out, sql)
    assert result.exit_code == 1 and "row(s)" not in result.output
    assert result.stderr.count("\n") == 1 and "the query is empty" in result.stderr


# -- search: FTS5 syntax ------------------------------------------------------------------------


def test_plain_words_must_all_occur(out):
    assert found(out, "familiebehandling") == {SEED}
    assert JOBROTATION in found(out, "jobrotation")
    assert found(out, "familiebehandling jobrotation") == set()


def test_a_quoted_phrase_matches_the_words_in_that_order_only(out):
    assert found(out, '"klar ansvarsfordeling"') == {PLEJEHJEM}
    assert found(out, '"ansvarsfordeling klar"') == set()


def test_or_finds_either_and_not_leaves_out(out):
    assert {SEED, JOBROTATION} <= found(out, "familiebehandling OR jobrotation")
    assert JOBROTATION not in found(out, "jobrotation NOT ansøgningsprocessen")


def test_near_wants_the_words_within_so_many_tokens(out):
    assert found(out, "NEAR(klar ansvarsfordeling, 0)") == {PLEJEHJEM}
    assert PLEJEHJEM in found(out, "klar medarbejderne")
    assert PLEJEHJEM not in found(out, "NEAR(klar medarbejderne, 3)")


def test_a_star_searches_for_a_prefix(out):
    assert found(out, "plejehjemsl*") == {PLEJEHJEM}  # plejehjemsleder
    assert found(out, "plejehjemsl") == set()


def test_a_column_filter_searches_that_column_only(out):
    assert found(out, "recommendations: familiebehandling") == {SEED}
    assert found(out, "subject: familiebehandling") == set()
    assert JOBROTATION in found(out, "subject: jobrotationsordningen")


def test_a_case_number_is_found_as_written_with_its_hyphen(out):
    assert found(out, "2023-4471") == {PLEJEHJEM}  # Sagsnr.: 2023 - 4471, in the letterhead
    assert found(out, '"2023 4471"') == {PLEJEHJEM}
    assert found(out, "refs: 2023-4471") == {PLEJEHJEM}
    assert found(out, "2020-6967") == {SEED}


def test_a_question_number_is_found_as_letters_write_it(out):
    assert found(out, '"spørgsmål 1304"') == {FREE_LEGAL_AID}
    assert found(out, 'refs: "spørgsmål nr. 1304"') == {FREE_LEGAL_AID}
    assert found(out, '"spm. 88"') == {SENIOR_PENSION}


@pytest.mark.parametrize(("words", "reason"), [
    ('"unclosed', "not closed"),
    ("AND", 'at "AND"'),
    ("foo:bar", 'no column "foo"'),
    ("familiebehandling AND", "ends too early"),
    ("NEAR(klar ansvarsfordeling, x)", "whole number"),
])
def test_invalid_syntax_is_one_line_and_exit_2(out, words, reason):
    result = search(out, words)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("Invalid search: ") and reason in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


@pytest.mark.parametrize("words", ["", "   ", "? -"])
def test_an_empty_search_is_an_error(out, words):
    result = search(out, words)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "nothing to search for" in result.stderr


# -- search: output -----------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--csv", "--tsv", "--json", "--nl"])
def test_search_prints_each_machine_format_with_subject_and_marked_snippet(out, flag):
    result = search(out, flag, "jobrotation")
    assert result.exit_code == 0, result.output
    rows = parsed(result.stdout, flag)
    assert list(rows[0]) == ["doc_id", "date", "ministry", "subject", "snippet", "score"]
    best = rows[0]
    assert filename_of(out)[best["doc_id"]] == JOBROTATION
    assert best["subject"] == "Evaluering af jobrotationsordningen"
    assert "**Jobrotation**" in best["snippet"] or "**jobrotation**" in best["snippet"]


@pytest.mark.parametrize("flag", ["--table", None])
def test_search_table_shows_each_letters_subject_in_full(out, flag):
    result = search(out, *([flag] if flag else []), "MitID")
    assert result.exit_code == 0, result.output
    [(subject,)] = run_query(out, "SELECT subject FROM letters WHERE filename = ?",
                             (MITID,)).rows
    assert len(subject) > 70 and subject in result.stdout  # one line, though wider than 80
    assert "letter(s) match 'MitID'" in result.stderr


# -- the command itself -------------------------------------------------------------------------


def test_version_prints_the_installed_distributions_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout == f"ministerbrev {version('ministerbrev')}\n"


@pytest.mark.parametrize("command", [[], ["query"], ["search"], ["process"], ["evaluate"]])
def test_h_is_help_on_the_app_and_its_commands(command):
    short, long = invoke(*command, "-h"), invoke(*command, "--help")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout and "Usage:" in short.stdout


def test_evaluate_leaves_outputs_alone_by_default():
    result = invoke("evaluate", "--help")
    assert ".state/evaluate" in " ".join(result.stdout.split())
