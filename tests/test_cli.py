"""The command-line contract: commands, help, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extractor.cli import COMMANDS, EXIT_MOSTLY_FAILED, EXIT_OK, EXIT_SOME_FAILED, batch_exit_code, build_parser, main

PASSAGE = "Acme Cloud Inc. agreed to pay us $2.0 million per month for GPU capacity through June 2028.\n"


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args], input=stdin, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_exists_and_has_help(command, capsys):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert command in sub.choices, f"command {command} is not registered"
    assert sub.choices[command].description, f"{command} has no description"
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: extractor " + command in capsys.readouterr().out


def test_no_command_is_a_usage_error(capsys):
    assert main([]) == 2


def test_batch_exit_codes():
    assert batch_exit_code(10, 0) == EXIT_OK
    assert batch_exit_code(10, 1) == EXIT_SOME_FAILED
    assert batch_exit_code(10, 9) == EXIT_MOSTLY_FAILED
    assert batch_exit_code(1, 1) == EXIT_SOME_FAILED


def test_missing_file_is_one_line_error():
    proc = run_cli("extract", "/nonexistent/filing.htm")
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "no such file" in lines[0] and "Traceback" not in proc.stderr


def test_extract_stdin_and_several_paths_in_order(tmp_path):
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text(PASSAGE)
    two.write_text("Nothing about compute here.\n")
    proc = run_cli("extract", str(one), "-", str(two), stdin=PASSAGE)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["filing"]["source"] for r in rows] == [str(one), "-", str(two)]
    assert rows[0]["filing"]["sha256"] == rows[1]["filing"]["sha256"]


def test_extract_keeps_going_after_a_bad_path_and_writes_output_atomically(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PASSAGE)
    out = tmp_path / "out" / "results.jsonl"
    proc = run_cli("extract", str(good), str(tmp_path / "missing.txt"), "-o", str(out))
    assert proc.returncode == 1
    assert "missing.txt" in proc.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["filing"]["source"] for r in rows] == [str(good)]
    assert [p.name for p in out.parent.iterdir()] == ["results.jsonl"]


def test_schema_is_the_filing_result_json_schema():
    proc = run_cli("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["title"] == "FilingResult"
    for field in ("schema_version", "extractor_version", "filing", "sections", "contracts", "warnings"):
        assert field in schema["properties"]
    contract = schema["$defs"]["Contract"]["properties"]
    for field in ("provider", "customer", "fee", "monthly_fee", "total_value", "term", "termination_notice",
                  "capacity", "facility", "discounts", "prepayment", "renewal", "evidence", "confidence"):
        assert field in contract


def test_text_prints_plain_text_unchanged(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text(PASSAGE)
    proc = run_cli("text", str(path))
    assert proc.returncode == 0
    assert proc.stdout.strip() == PASSAGE.strip()


@pytest.mark.parametrize("options", [["--max-bytes", "-1"], ["--max-bytes", "ten"], ["--form", "garbage!!"]])
def test_bad_option_values_are_usage_errors(options, tmp_path, capsys):
    path = tmp_path / "p.txt"
    path.write_text(PASSAGE)
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(path), *options])
    assert exit_info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_form_override_is_normalized(tmp_path, capsys):
    path = tmp_path / "p.txt"
    path.write_text(PASSAGE)
    assert main(["sections", "--json", "--form", "s-1/a", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["form"] == "S-1/A"
