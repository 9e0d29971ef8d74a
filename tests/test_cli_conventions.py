"""What a new user expects of the command line: bad output places refused before any work with one
line and exit 2, non-filings left out of a batch, no lock file left behind, failures.jsonl always
there, stdin and stdout as '-', Ctrl-C as one line and exit 130, -v/-q, the environment's defaults,
missing extras named, examples in every --help, and shell completion."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.batch.screen import not_a_filing
from extractor.cli import COMMANDS, build_parser, main
from extractor.models import FilingResult
from fake_edgar import fixture_edgar

FILINGS = Path(__file__).resolve().parent.parent / "fixtures" / "filings"
FILING = FILINGS / "8k-gpu-cloud.htm"
EXE = [sys.executable, "-m", "extractor"]


def _run(*args, env=None, stdin=None, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([*EXE, *map(str, args)], capture_output=True, text=True, env=env, input=stdin, timeout=timeout)


def _error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


# --- every output place checked before any work ----------------------------------------


def test_a_bad_database_url_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["batch", str(FILING), "--out", str(tmp_path / "o"), "--db", "sqlite://x"]) == 2
    line = _error_line(capsys)
    assert line.startswith("extractor: error: --db: ") and "sqlite:///FILE" in line
    assert not (tmp_path / "o" / "filings.jsonl").exists()  # no work was done


def test_a_corrupt_sqlite_file_is_refused_before_work_and_left_alone(tmp_path, capsys):
    db = tmp_path / "broken.sqlite"
    db.write_bytes(b"this is not a database, and it stays as it is\n" * 20)
    before = db.read_bytes()
    assert main(["batch", str(FILING), "--out", str(tmp_path / "o"), "--db", f"sqlite:///{db}"]) == 2
    assert "not a database" in _error_line(capsys)
    assert db.read_bytes() == before and not (tmp_path / "o" / "filings.jsonl").exists()


def test_an_unwritable_parquet_folder_fails_before_the_work(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    code = main(["batch", str(FILING), "--out", str(tmp_path / "o"), "--no-db", "--parquet", str(blocker / "pq")])
    assert code == 2
    assert _error_line(capsys).startswith(f"extractor: error: --parquet {blocker / 'pq'}: ")
    assert not (tmp_path / "o").exists()


def test_an_unwritable_out_is_exit_2(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    assert main(["batch", str(FILING), "--out", str(blocker / "out"), "--no-db"]) == 2
    assert _error_line(capsys).startswith(f"extractor: error: --out {blocker / 'out'}: ")


def test_a_mistyped_source_and_an_empty_folder_are_usage_errors(tmp_path, capsys):
    assert main(["batch", str(tmp_path / "filngs"), "--out", str(tmp_path / "o"), "--no-db"]) == 2
    assert _error_line(capsys) == f"extractor: error: no such file or folder: {tmp_path / 'filngs'}"
    (tmp_path / "empty").mkdir()
    assert main(["batch", str(tmp_path / "empty"), "--out", str(tmp_path / "o"), "--no-db", "-q"]) == 2
    assert _error_line(capsys) == f"extractor: error: no filings in {tmp_path / 'empty'}"


# --- what is not a filing is left out ----------------------------------------------------

INDEX_PAGE = b"""<!DOCTYPE html><html><head><title>EDGAR Filing Documents for 0009999999-25-000001</title></head>
<body><div id="formDiv"><table class="tableFile"><tr><td>1</td><td>8-K</td><td><a href="x.htm">x.htm</a></td></tr>
</table></div></body></html>"""


def _mixed_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "8k.htm").write_bytes(FILING.read_bytes())
    (folder / "README.md").write_text("# Deals we track\n\nThese are the 8-Ks; the monthly fee is $5 million.\n")
    (folder / "notes.json").write_text(json.dumps({"customer": "Example AI", "fee": "$1.25 billion per month"}))
    (folder / "0009999999-25-000001-index.html").write_bytes(INDEX_PAGE)
    (folder / "manifest.tsv").write_text("".join(f"path{n}\tform\tcik\t{n}\n" for n in range(6)))


def test_batch_leaves_out_what_is_not_a_filing_and_counts_it(tmp_path, capsys):
    inputs = tmp_path / "in"
    _mixed_folder(inputs)
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "--out", str(out), "--no-db", "-j", "1", "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "1 inputs: 1 processed, 0 failed" in err and "4 files not filings, left out (--all-files reads them)" in err
    lines = (out / "filings.jsonl").read_text().splitlines()
    assert [json.loads(line)["filing"]["source"] for line in lines] == [str(inputs / "8k.htm")]
    # the batch's own filings.jsonl, put into the folder it reads, is not read as a filing
    (inputs / "filings.jsonl").write_bytes((out / "filings.jsonl").read_bytes())
    assert main(["batch", str(inputs), "--out", str(tmp_path / "out2"), "--no-db", "-j", "1", "-v"]) == 0
    err = capsys.readouterr().err
    assert f"batch: left out {inputs / 'filings.jsonl'}: JSON" in err and "5 files not filings" in err
    assert len((tmp_path / "out2" / "filings.jsonl").read_text().splitlines()) == 1
    # --all-files reads them all (and each is then processed or failed)
    assert main(["batch", str(inputs), "--out", str(tmp_path / "out3"), "--no-db", "-j", "1", "--all-files", "-q"]) in (0, 1)
    assert capsys.readouterr().err.count("batch: failed:") + len((tmp_path / "out3" / "filings.jsonl").read_text().splitlines()) == 6


@pytest.mark.parametrize(
    "head, kind",
    [
        (b'{"filing": {"sha256": "ab"}}\n', "JSON"),
        (b"\xef\xbb\xbf[1, 2]", "JSON"),
        (b"# Title\n\ntext", "Markdown"),
        (b"%PDF-1.7\n", "a PDF file"),
        (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', "a news feed (Atom or RSS)"),
        (b"Description:  Daily Index of EDGAR Dissemination Feed\nLast Data Received:  Jan 2, 2025\n", "an EDGAR index file"),
        (b"[project]\nname = 'x'\n", "a configuration file (TOML or INI)"),
        (b"from __future__ import annotations\n\nimport os\n", "source code"),
        (b"<html><head><title>Directory listing of daily-index/2025/QTR1/</title></head></html>", "an EDGAR directory listing"),
    ],
)
def test_the_screen_names_what_a_file_is(head, kind):
    assert not_a_filing(head) == kind


@pytest.mark.parametrize("name", sorted(p.name for p in FILINGS.iterdir()))
def test_the_screen_passes_every_fixture_filing(name):
    assert not_a_filing((FILINGS / name).read_bytes()[:65536]) is None


def test_the_screen_passes_plain_text_and_submissions():
    assert not_a_filing(b"<SEC-DOCUMENT>0001-25-000001.txt : 20250102\n<SEC-HEADER>...") is None
    assert not_a_filing(b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001,MIC-CLEAR\n") is None
    assert not_a_filing(b"EXHIBIT 10.1\n\nCLOUD SERVICES AGREEMENT\n\nThis Agreement is made ...") is None
    assert not_a_filing(b"") is None  # empty: the pipeline's own error says so


# --- what a run leaves behind ------------------------------------------------------------


def test_a_finished_run_leaves_no_lock_and_always_a_failures_file(tmp_path):
    out = tmp_path / "out"
    db = tmp_path / "x.sqlite"
    assert main(["batch", str(FILING), "--out", str(out), "--db", f"sqlite:///{db}", "-q"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["failures.jsonl", "filings.jsonl"]
    assert (out / "failures.jsonl").read_text() == ""
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from filings").fetchone() == (1,)


# --- standard input and output -----------------------------------------------------------


def test_stdin_source_and_stdout_out(tmp_path):
    db = tmp_path / "x.sqlite"
    done = _run("batch", "-", "--out", "-", "--db", f"sqlite:///{db}", stdin=FILING.read_text())
    assert done.returncode == 0, done.stderr
    results = [FilingResult.model_validate_json(line) for line in done.stdout.splitlines()]
    assert len(results) == 1 and results[0].filing.source.startswith("stdin:") and results[0].contracts
    assert "1 processed" in done.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from filings").fetchone() == (1,)
    refused = _run("batch", "-", "--out", "-", "--parquet", tmp_path / "pq", "--no-db", stdin="x")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "--out -" in refused.stderr


# --- Ctrl-C ------------------------------------------------------------------------------


def test_ctrl_c_during_a_parallel_batch_is_one_line_and_exit_130(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    body = (FILINGS / "s1-spacex-compute.htm").read_bytes()
    for n in range(400):  # distinct bytes, so none is a duplicate: minutes of work for two workers
        (inputs / f"s1-{n:03}.htm").write_bytes(body + f"<!-- copy {n} -->".encode())
    out = tmp_path / "out"
    process = subprocess.Popen(
        [*EXE, "batch", str(inputs), "--out", str(out), "--no-db", "-j", "2", "--no-progress"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not (out / "filings.jsonl").exists() or not (out / "filings.jsonl").read_text():
            assert process.poll() is None and time.monotonic() < deadline, "the batch ended before it could be interrupted"
            time.sleep(0.1)
        os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole process group
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130
    assert "Traceback" not in err and err.strip().splitlines()[-1] == "extractor: interrupted"
    assert len(err.strip().splitlines()) == 2, err  # the starting line and the interruption
    for line in (out / "filings.jsonl").read_text().splitlines():
        FilingResult.model_validate_json(line)  # whole lines only
    assert not (out / ".batch.lock").exists()


# --- verbosity, environment, extras ------------------------------------------------------


def test_quiet_prints_nothing_on_success_and_verbose_shows_more(tmp_path, capsys):
    assert main(["-q", "batch", str(FILING), "--out", str(tmp_path / "o"), "--no-db"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["report", str(tmp_path / "o" / "filings.jsonl"), "-o", str(tmp_path / "r.html"), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["report", str(tmp_path / "o" / "filings.jsonl"), "-o", str(tmp_path / "r.html")]) == 0
    assert capsys.readouterr().err.strip() == f"wrote {tmp_path / 'r.html'}"


def test_environment_variables_give_the_defaults(tmp_path):
    env = {**os.environ, "EXTRACTOR_OUT": str(tmp_path / "env-out"), "EXTRACTOR_DB": f"sqlite:///{tmp_path / 'env.sqlite'}"}
    done = _run("batch", FILING, "-q", env=env)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env-out" / "filings.jsonl").exists() and (tmp_path / "env.sqlite").exists()
    parser = build_parser()
    assert "EXTRACTOR_DB" in parser._subparsers._group_actions[0].choices["batch"].format_help()


def test_edgar_identity_is_the_user_agent_when_extractor_user_agent_is_unset(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "EXTRACTOR_USER_AGENT"}
    env["EDGAR_IDENTITY"] = "Ida Analyst ida@example.org"
    with fixture_edgar() as edgar:
        done = _run(
            "fetch", "--sec-url", edgar.sec_url, "--data-url", edgar.data_url, "--ticker", "xmpl", "--form", "8-K",
            "--limit", "1", "--store", tmp_path / "store", "--backoff", "0.01", "-q", env=env,
        )
        agents = {hit.user_agent for hit in edgar.hits}
    assert done.returncode == 0, done.stderr
    assert agents == {"Ida Analyst ida@example.org"}
    assert done.stderr == ""  # -q: no progress lines


def test_retries_are_shown_with_verbose(tmp_path):
    from fake_edgar import status

    env = {**os.environ, "EXTRACTOR_USER_AGENT": "Test Runner test@example.com"}
    with fixture_edgar() as edgar:
        edgar.script("/files/company_tickers.json", status(503))
        done = _run(
            "fetch", "--sec-url", edgar.sec_url, "--data-url", edgar.data_url, "--ticker", "xmpl", "--form", "8-K",
            "--limit", "1", "--store", tmp_path / "store", "--backoff", "0.01", "--no-cache", "-v", env=env,
        )
    assert done.returncode == 0, done.stderr
    assert "status 503" in done.stderr or "503" in done.stderr
    assert "retry 1 of 4" in done.stderr


def _without(module: str, *args) -> subprocess.CompletedProcess:
    code = f"import sys; sys.modules[{module!r}] = None; from extractor.cli import main; sys.exit(main({list(map(str, args))!r}))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "module, extra, option",
    [("pyarrow", "parquet", ["--parquet", "PQ"]), ("psycopg", "postgres", ["--db", "postgresql://me@127.0.0.1:1/x"]),
     ("distributed", "dask", ["--dask", "tcp://127.0.0.1:1"])],
)
def test_a_missing_extra_is_named_in_one_line(tmp_path, module, extra, option):
    option = [str(tmp_path / "pq") if o == "PQ" else o for o in option]
    done = _without(module, "batch", FILING, "--out", tmp_path / "o", *option)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and f"pip install 'extractor[{extra}]'" in done.stderr
    assert not (tmp_path / "o" / "filings.jsonl").exists()


def test_extract_needs_none_of_the_extras(tmp_path):
    code = (
        "import sys; [sys.modules.__setitem__(m, None) for m in ('pyarrow', 'psycopg', 'distributed', 'dask')];"
        f"from extractor.cli import main; sys.exit(main(['batch', {str(FILING)!r}, '--out', {str(tmp_path / 'o')!r}, '-q']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "o" / "filings.jsonl").read_text()


# --- help and completion -----------------------------------------------------------------


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in ("schema",)])
def test_every_command_help_has_examples(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "examples:\n  extractor " in capsys.readouterr().out


def test_shell_completion_scripts(capsys):
    for shell in ("bash", "zsh"):
        assert main(["completion", shell]) == 0
        script = capsys.readouterr().out
        assert "extractor" in script and "--all-files" in script and "batch" in script
    done = subprocess.run(["bash", "-n"], input=_run("completion", "bash").stdout, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr  # the bash script parses
