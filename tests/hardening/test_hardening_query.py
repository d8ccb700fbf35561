"""``query``, ``search`` and ``browse`` against SQL that never ends, output of any size, Ctrl-C
and ``fts3_tokenizer()``, each through the real ``ministerbrev`` executable.

A query may run ``--timeout`` seconds (30 by default; 0: no limit), then stops with one
line and exit 1; Ctrl-C stops it with one line and exit 130; rows are written as SQLite
finds them, so memory stays flat; a table shows its first 10,000 rows and says so.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from pipeline.store import store_path
from tests.test_store import copy_of, output_folder

CLI = str(Path(sys.executable).with_name("ministerbrev"))
ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
ENDLESS_COUNT = ENDLESS + "SELECT count(*) FROM c"
ENDLESS_ROWS = ENDLESS + "SELECT * FROM c"
# Millions of rows with some text in each: held in memory at once, they take well over 1 GB.
MILLIONS = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 5000000) "
            "SELECT x, 'row number ' || x || ' of five million' AS label FROM c")
MEMORY_BOUND_KB = 500 * 1024
REFUSED_TOKENIZER = ("Refused or failed: fts3_tokenizer() is refused: it reads and sets "
                     "addresses in memory")


def time_limit_line(what: str, seconds: str) -> str:
    return (f"Stopped: the {what} ran past its time limit of {seconds} s (--timeout SECONDS "
            "gives it longer, --timeout 0 no limit)")


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory) -> Path:
    """An output folder as a run leaves it, with one failure and no letters: the queries here
    make their own rows."""
    return output_folder(tmp_path_factory.mktemp("empty-store") / "out", [])


def run_cli(*args: str, seconds: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=seconds)


def start_cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stderr_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def wait_until_open(process: subprocess.Popen, path: Path, seconds: float = 60) -> None:
    """Wait until ``process`` has ``path`` open: the query is under way (its SIGINT handler
    is in place before the store is opened)."""
    target = str(path.resolve())
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        fds = Path(f"/proc/{process.pid}/fd")
        try:
            if any(os.readlink(fds / fd) == target for fd in os.listdir(fds)):
                return
        except FileNotFoundError:
            pass
        time.sleep(0.05)
    pytest.fail(f"{path} was not opened within {seconds} s")


def read_lines(process: subprocess.Popen, count: int, seconds: float = 60) -> list[bytes]:
    """The first ``count`` lines ``process`` writes to stdout, read as they come."""
    fd, data = process.stdout.fileno(), b""
    deadline = time.monotonic() + seconds
    while data.count(b"\n") < count:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            pytest.fail(f"{count} line(s) did not come within {seconds} s: {data[:200]!r}")
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            pytest.fail(f"stdout ended: {process.communicate()[1]!r}")
        data += chunk
    return data.split(b"\n")[:count]


def resident_kb(process: subprocess.Popen) -> int:
    status = Path(f"/proc/{process.pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines()
                    if line.startswith("VmRSS:")))


def stopped(process: subprocess.Popen) -> tuple[int, str]:
    try:
        _out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail("the command went on for 60 s after it was asked to stop")
    return process.returncode, err.decode()


# -- a time limit -------------------------------------------------------------------------------


@pytest.mark.subprocess
@pytest.mark.parametrize(("timeout", "said"), [("1", "1"), ("2.5", "2.5")])
def test_a_query_that_never_ends_stops_at_its_time_limit(empty_store, timeout, said):
    done = run_cli("query", "--out", str(empty_store), "--timeout", timeout, ENDLESS_COUNT)
    assert done.returncode == 1
    assert stderr_lines(done.stderr) == [time_limit_line("query", said)]
    assert done.stdout == ""


@pytest.mark.parametrize("command", ["query", "search"])
def test_the_time_limit_is_thirty_seconds_unless_told(command):
    """Waiting out the default in a test would cost 30 s: its value is read from the
    command itself, and the limits above show that a limit stops what runs past it."""
    import typer.main

    from pipeline.cli import app

    click_command = typer.main.get_command(app).commands[command]
    [timeout] = [param for param in click_command.params if param.name == "timeout"]
    assert timeout.default == 30


@pytest.mark.subprocess
@pytest.mark.parametrize("flag", ["--nl", "--csv", "--tsv", "--json"])
def test_endless_rows_stop_at_the_time_limit_after_the_rows_before_it(empty_store, flag):
    done = run_cli("query", "--out", str(empty_store), flag, "--timeout", "1", ENDLESS_ROWS)
    assert done.returncode == 1
    assert stderr_lines(done.stderr) == [time_limit_line("query", "1")]
    lines = done.stdout.splitlines()
    first = {"--nl": '{"x": 1}', "--csv": "x", "--tsv": "x", "--json": "["}[flag]
    assert lines[0] == first and len(lines) > 100


@pytest.mark.subprocess
def test_a_table_of_endless_rows_shows_the_first_ten_thousand_and_says_so(empty_store):
    done = run_cli("query", "--out", str(empty_store), ENDLESS_ROWS)
    assert done.returncode == 0, done.stderr
    assert stderr_lines(done.stderr) == [
        "10000 row(s)", "Only the first 10000 rows are shown as a table: --csv, --tsv, --json "
        "or --nl print them all"]
    numbers = [line.strip("│ ") for line in done.stdout.splitlines() if line.startswith("│")]
    assert numbers == [str(number) for number in range(1, 10_001)]


@pytest.fixture(scope="module")
def many_letters(tmp_path_factory, seed_pdf) -> Path:
    """The seed letter through the real pipeline, and 300 copies of it from other dates."""
    from pipeline.process import process_file

    record = process_file(seed_pdf).record
    assert record is not None
    copies = [copy_of(record, f"copy-{number}", f"2021-{1 + number % 12:02d}-01",
                      "Finansministeriet", "Finansudvalget") for number in range(300)]
    return output_folder(tmp_path_factory.mktemp("many") / "out", [record, *copies])


@pytest.mark.subprocess
def test_search_has_a_time_limit_too(many_letters):
    done = run_cli("search", "--out", str(many_letters), "--timeout", "0.000001", "--nl",
                   "familiebehandling")
    assert done.returncode == 1
    assert stderr_lines(done.stderr) == [time_limit_line("search", "1e-06")]
    found = run_cli("search", "--out", str(many_letters), "--nl", "--limit", "500",
                    "familiebehandling")
    assert found.returncode == 0, found.stderr
    assert len(found.stdout.splitlines()) == 301


# -- Ctrl-C -------------------------------------------------------------------------------------


@pytest.mark.subprocess
@pytest.mark.parametrize("options", [[], ["--timeout", "0"]])
def test_ctrl_c_stops_a_query_inside_sqlite(empty_store, options):
    """The endless count runs until Ctrl-C stops it (``--timeout 0`` is no limit at all)."""
    process = start_cli("query", "--out", str(empty_store), *options, ENDLESS_COUNT)
    try:
        wait_until_open(process, store_path(empty_store))
        time.sleep(1.5)  # well inside SQLite's work on the count
        assert process.poll() is None, "the count has no end"
        process.send_signal(signal.SIGINT)
        code, err = stopped(process)
    finally:
        process.kill()
    assert code == 130
    assert stderr_lines(err) == ["Interrupted (Ctrl-C): the query was stopped"]


@pytest.mark.subprocess
def test_ctrl_c_stops_a_query_whose_reader_stopped_reading(empty_store):
    """Rows fill the pipe nobody reads, so the command waits in a write when Ctrl-C comes."""
    process = start_cli("query", "--out", str(empty_store), "--nl", ENDLESS_ROWS)
    try:
        wait_until_open(process, store_path(empty_store))
        time.sleep(1.5)  # the pipe's 64 KiB fill in far less
        process.send_signal(signal.SIGINT)
        code, err = stopped(process)
    finally:
        process.kill()
    assert code == 130
    assert stderr_lines(err) == ["Interrupted (Ctrl-C): the query was stopped"]


# -- rows as they come --------------------------------------------------------------------------


@pytest.mark.subprocess
@pytest.mark.parametrize(("flag", "first"), [
    ("--nl", b'{"x": 1, "label": "row number 1 of five million"}'),
    ("--csv", b"x,label"), ("--tsv", b"x\tlabel"), ("--json", b"[")])
def test_millions_of_rows_stream_in_little_memory(empty_store, flag, first):
    """The first rows come while SQLite is far from the last, and memory stays flat."""
    process = start_cli("query", "--out", str(empty_store), flag, MILLIONS)
    try:
        assert read_lines(process, 1) == [first]
        sizes = [resident_kb(process)]
        for _ in range(5):
            read_lines(process, 20_000)
            sizes.append(resident_kb(process))
        assert process.poll() is None, "the query is still running"
    finally:
        process.kill()
        process.communicate()
    assert max(sizes) < MEMORY_BOUND_KB, f"resident memory (KiB) while streaming: {sizes}"


@pytest.mark.subprocess
def test_a_reader_that_closes_the_pipe_ends_the_query_without_a_word(empty_store):
    process = start_cli("query", "--out", str(empty_store), "--nl", ENDLESS_ROWS)
    try:
        assert read_lines(process, 1) == [b'{"x": 1}']
        process.stdout.close()  # as `| head -1` does
        _out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 141
    assert err.decode() == ""


# -- fts3_tokenizer -----------------------------------------------------------------------------


@pytest.mark.subprocess
@pytest.mark.parametrize("sql", [
    "SELECT fts3_tokenizer('simple')",
    "SELECT FTS3_Tokenizer('simple', x'0000000000000000')",
    "SELECT length(t) FROM (SELECT fts3_tokenizer('porter') AS t)",
])
def test_query_refuses_fts3_tokenizer(empty_store, sql):
    done = run_cli("query", "--out", str(empty_store), "--nl", sql)
    assert done.returncode == 1
    assert stderr_lines(done.stderr) == [REFUSED_TOKENIZER]
    assert done.stdout == ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


@pytest.fixture(scope="module")
def browsing(empty_store):
    """``ministerbrev browse`` on 127.0.0.1 and a free port; yields the base URL."""
    port = free_port()
    server = subprocess.Popen([CLI, "browse", "--out", str(empty_store), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.communicate()[1]
            try:
                get(f"{base}/-/versions.json")
                break
            except OSError:
                assert time.monotonic() < deadline, f"nothing served at {base} after 60 s"
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.subprocess
@pytest.mark.parametrize("sql", ["SELECT fts3_tokenizer('simple') AS address",
                                 "SELECT hex(FTS3_TOKENIZER('unicode61')) AS address"])
def test_browse_refuses_fts3_tokenizer(browsing, sql):
    status, page = get(f"{browsing}/letters.json?" + urlencode({"sql": sql}))
    assert status == 400
    assert page["ok"] is False and page["rows"] == []
    assert page["error"].lower() == "not authorized to use function: fts3_tokenizer"


@pytest.mark.subprocess
def test_browse_still_answers_other_sql(browsing):
    status, page = get(f"{browsing}/letters.json?" + urlencode(
        {"sql": "SELECT count(*) AS letters FROM letters", "_shape": "array"}))
    assert status == 200 and page == [{"letters": 0}]
