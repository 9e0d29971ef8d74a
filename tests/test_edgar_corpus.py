"""Fetching against the real EDGAR samples of ../shared/corpus/edgar-api, served by the fake EDGAR."""

from __future__ import annotations

import hashlib
import json

import pytest

from extractor.cli import main
from extractor.edgar import EdgarClient, EdgarUrls, FetchOptions, FilingStore, RetryPolicy, fetch_filing, iter_store
from extractor.edgar.plan import is_material_contract
from extractor.edgar.index import iter_submissions, parse_index_html, parse_index_json, parse_master_index, parse_tickers
from extractor.types import FilingRef
from fake_edgar import TEST_USER_AGENT, FakeEdgar, PauseRecordingLimiter, block403, corpus_files, hits_during_pause, temporaries

pytestmark = pytest.mark.corpus


@pytest.fixture()
def edgar(corpus_dir):
    fake = FakeEdgar()
    for path, body in corpus_files(corpus_dir).items():
        fake.put(path, body)
    with fake:
        yield fake


@pytest.fixture(scope="module")
def manifest_sha(corpus_manifest):
    return {row["path"]: row["sha256"] for row in corpus_manifest}


def client_for(edgar, **kwargs):
    return EdgarClient(TEST_USER_AGENT, PauseRecordingLimiter(10), urls=EdgarUrls(edgar.sec_url, edgar.data_url),
                       retry=RetryPolicy(backoff=0.05), block_pause=0.5, **kwargs)


def test_real_listings_parse(corpus_dir):
    api = corpus_dir / "edgar-api"
    nordstrom = parse_index_html((api / "archives-index/0000072333-23-000015-index.html").read_bytes())
    assert [d.type for d in nordstrom if is_material_contract(d)] == ["EX-10.1", "EX-10.2"]
    assert any(d.type == "EX-101.SCH" for d in nordstrom)  # XBRL schemas look alike but are not contracts
    assert nordstrom[0].type == "8-K" and nordstrom[0].name.endswith(".htm")
    apple_2000 = parse_index_html((api / "archives-index/0000912057-00-023442-index.html").read_bytes())
    assert apple_2000 and all(d.name == "" for d in apple_2000)  # documents only inside the .txt
    listing = parse_index_json((api / "archives-index/0001213900-24-004875-index.json").read_bytes())
    assert "0001213900-24-004875.txt" in {d.name for d in listing} and len(listing) > 10
    rows = list(parse_master_index((api / "full-index/master-1993-QTR4-sample.idx").read_text("latin-1")))
    assert rows and all(r.accession and r.cik.isdigit() and len(r.filed) == 10 for r in rows)
    assert parse_tickers(json.loads((api / "company_tickers.json").read_bytes()))["AAPL"] == "320193"


def test_submissions_paging_is_followed_only_when_needed(edgar):
    client = client_for(edgar)
    recent_only = list(iter_submissions(client, "320193", since="2014-01-01"))
    assert not any("submissions-001" in p for p in edgar.paths())
    everything = list(iter_submissions(client, "320193"))
    assert len(everything) > len(recent_only) >= 1000
    assert "/data/submissions/CIK0000320193-submissions-001.json" in edgar.paths()
    assert everything[-1].filed < "1995"


def test_ticker_to_a_2000_filing_on_the_second_page(edgar, tmp_path, capsys, manifest_sha):
    store = tmp_path / "filings"
    code = main(["fetch", "--sec-url", edgar.sec_url, "--data-url", edgar.data_url, "--user-agent", TEST_USER_AGENT,
                 "--store", str(store), "--rate", "10", "--ticker", "AAPL", "--form", "10-Q",
                 "--since", "2000-05-01", "--until", "2000-05-31", "--exhibits"])
    out = capsys.readouterr().out
    assert code == 0, out
    (filing,) = iter_store(store)
    assert (filing.ref.cik, filing.ref.accession, filing.ref.form) == ("320193", "0000912057-00-023442", "10-Q")
    # the index names no separate documents: the primary document is the full submission
    assert filing.primary.name == "0000912057-00-023442.txt"
    assert hashlib.sha256(filing.primary.read_bytes()).hexdigest() == manifest_sha["10-q/apple-2000-10q-plain-text-full-submission.txt"]
    assert any("only inside the full submission" in w for w in filing.record.warnings)


def test_nordstrom_8k_with_its_ex10_exhibits(edgar, tmp_path, manifest_sha):
    store = FilingStore(tmp_path / "filings")
    ref = FilingRef(cik="72333", accession="0000072333-23-000015", form="8-K", primary_document="jwn-20230301.htm")
    outcome = fetch_filing(client_for(edgar), store, ref, FetchOptions(exhibits=True, full_submission=True))
    assert outcome.status == "fetched", outcome.reason
    (filing,) = iter_store(store.root)
    got = {d.name: d.sha256 for d in filing.record.documents}
    assert got["jwn-20230301.htm"] == manifest_sha["8-k/nordstrom-2023-8k.htm"]
    assert got["jwn-03062023xex101.htm"] == manifest_sha["ex-10/nordstrom-2023-ex10-1-stock-option-award-agreement.htm"]
    assert got["jwn-03062023xex102.htm"] == manifest_sha["ex-10/nordstrom-2023-ex10-2-psu-award-agreement.htm"]
    assert got["0000072333-23-000015.txt"] == manifest_sha["8-k/nordstrom-2023-8k-item5.02-full-submission.txt"]
    assert not any(p.endswith(".jpg") or p.endswith(".xsd") for p in edgar.paths())


@pytest.mark.parametrize("page", ["sec-rate-exceeded.html", "sec-undeclared-automated-tool.html"])
def test_real_block_pages_pause_and_resume(edgar, tmp_path, corpus_dir, page):
    blocked = "/Archives/edgar/data/1045810/000104581026000024/nvda-20260302.htm"
    edgar.script(blocked, block403((corpus_dir / "edgar-api" / "errors" / page).read_bytes()))
    client = client_for(edgar)
    store = FilingStore(tmp_path / "filings")
    ref = FilingRef(cik="1045810", accession="0001045810-26-000024", form="8-K")
    outcome = fetch_filing(client, store, ref, FetchOptions(exhibits=True))
    assert outcome.status == "fetched", outcome.reason
    assert client.limiter.pauses == 1 and hits_during_pause(edgar.hits, client.limiter.pause_windows[0]) == []
    assert temporaries(store.root) == []


def test_quarter_of_real_index_reports_each_missing_filing(edgar, tmp_path, capsys):
    code = main(["fetch", "--sec-url", edgar.sec_url, "--data-url", edgar.data_url, "--user-agent", TEST_USER_AGENT,
                 "--store", str(tmp_path / "filings"), "--rate", "10", "--quarter", "1993-Q4", "--form", "10-K", "--limit", "2"])
    out = capsys.readouterr().out
    assert code == 3  # every selected filing failed
    failures = [line for line in out.splitlines() if line.startswith("failed 0")]
    assert len(failures) == 2 and all("404 not found" in line and "index.json" in line for line in failures)
    assert not list((tmp_path / "filings").glob("*/*/filing.json"))
