from __future__ import annotations

import json

from extractor.cli import main
from extractor.models import Contract, Evidence, FilingMeta, FilingResult, MonthlyFee, Party
from extractor.report import load_results, render_report

SENTENCE = 'Anthropic <PBC> pays us $1.25 billion per month.'


def _result() -> FilingResult:
    evidence = Evidence(section="mda", start=10, end=10 + len(SENTENCE), text=SENTENCE)
    contract = Contract(
        id="c-0123456789ab",
        kind="compute_services",
        provider=Party(name="xAI", is_filer=True),
        customer=Party(name="Anthropic"),
        monthly_fee=MonthlyFee(amount=1.25e9, text="$1.25 billion per month", evidence=evidence),
        evidence=[evidence],
        confidence=0.9,
    )
    return FilingResult(filing=FilingMeta(source="s1.htm", company="SpaceX", form="S-1"), contracts=[contract])


def test_report_highlights_value_text_and_escapes_markup():
    page = render_report([_result()])
    assert "<mark>$1.25 billion per month</mark>" in page
    assert "Anthropic &lt;PBC&gt;" in page and "<PBC>" not in page
    assert "xAI (filer)" in page
    assert "USD 1,250,000,000" in page
    assert "[mda 10-" in page


def test_report_command_reads_json_lines(tmp_path):
    results = tmp_path / "r.jsonl"
    results.write_text(_result().model_dump_json() + "\n" + _result().model_dump_json() + "\n")
    assert len(list(load_results(results))) == 2
    out = tmp_path / "report.html"
    assert main(["report", str(results), "-o", str(out)]) == 0
    assert out.read_text().count("<mark>$1.25 billion per month</mark>") == 2


def test_report_rejects_json_that_is_not_a_result(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"hello": 1}))
    assert main(["report", str(bad), "-o", str(tmp_path / "x.html")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not FilingResult JSON" in err[0]
    assert not (tmp_path / "x.html").exists()
