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
    page = out.read_text()
    filings_part = page[: page.find('<section id="deals">')] + page[page.find("</section>") :]  # the deal view marks them too
    assert filings_part.count("<mark>$1.25 billion per month</mark>") == 2


def test_report_rejects_json_that_is_not_a_result(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"hello": 1}))
    assert main(["report", str(bad), "-o", str(tmp_path / "x.html")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not FilingResult JSON" in err[0]
    assert not (tmp_path / "x.html").exists()


def test_report_of_a_batch_opens_with_a_summary_and_puts_contracts_first(tmp_path):
    from pathlib import Path

    filings = Path(__file__).resolve().parent.parent / "fixtures" / "filings"
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(5):  # five filings with nothing in them, named to sort before the one that has a contract
        (inputs / f"a-{n}.txt").write_text(f"Item 8.01 Other Events. Our board met on day {n}; no agreement was signed.\n")
    (inputs / "b-deal.htm").write_bytes((filings / "8k-gpu-cloud.htm").read_bytes())
    (inputs / "c-empty.txt").write_text("   \n")
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "--out", str(out), "--no-db", "-j", "1", "-q"]) == 1
    assert main(["report", str(out), "-o", str(tmp_path / "r.html"), "-q"]) == 0
    page = (tmp_path / "r.html").read_text()
    summary = page.index('class="summary"')
    assert "<b>6</b> filings &middot; <b>1</b> contracts in <b>1</b> of them &middot; <b>1</b> failed" in page
    deal, failed, empty = page.index("b-deal.htm"), page.index("Failed (1)"), page.index("No compute contract found (5)")
    assert summary < deal < failed < empty
    assert "c-empty.txt" in page[failed:empty] and page.index("a-0.txt") > empty
