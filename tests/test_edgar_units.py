"""The pieces under `extractor fetch`, each on its own: names, limiter, selection, parsers, plan, store, cache."""

from __future__ import annotations

import json
import os
import random
import time

import pytest

from extractor.edgar.cache import ResponseCache
from extractor.edgar.client import EdgarClient, RetryPolicy, check_user_agent
from extractor.edgar.index import (
    FilingIndex, IndexedDocument, parse_index_html, parse_index_json, parse_master_index, parse_submission_columns,
    parse_tickers,
)
from extractor.edgar.limiter import RateLimiter
from extractor.edgar.names import cik_option, normalize_accession, normalize_cik, safe_document_name
from extractor.edgar.plan import plan_filing
from extractor.edgar.selection import build_selection, expand_forms, parse_quarter
from extractor.edgar.store import FilingRecord, FilingStore, RefRecord, StoredDocument, iter_store
from extractor.edgar.urls import EdgarUrls
from extractor.errors import NotFound, StoreError, UnsafePath, UsageError
from extractor.types import FilingRef
from fake_edgar import FIXTURE_EDGAR, fixture_document

URLS = EdgarUrls("http://mirror.test", "http://data.mirror.test")


# -- names -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["aapl-20230701.htm", "0001234567-24-000001.txt", "d435686d8k.htm", "R1.htm", "ex 10.1.htm"])
def test_ordinary_document_names_pass(name):
    assert safe_document_name(name) == name


@pytest.mark.parametrize(
    "name", ["", "../../x", "/etc/passwd", "a/b.htm", "a\\b.htm", "..", "x..htm", "tab\there", "nul\x00", "del\x7f",
             ".hidden", "C:evil", "filing.json", "x" * 300],
)
def test_unsafe_document_names_are_refused(name):
    with pytest.raises(UnsafePath):
        safe_document_name(name)


def test_accession_and_cik_shapes():
    assert normalize_accession("000123456724000001") == "0001234567-24-000001"
    assert normalize_accession("0001234567-24-000001") == "0001234567-24-000001"
    assert normalize_cik("0000320193") == "320193"
    for bad in ("0001234567-24-00001", "../0001234567-24-000001", "0001234567_24_000001"):
        with pytest.raises(UnsafePath):
            normalize_accession(bad)
    for bad in ("0", "12345678901", "-5", "1e5"):
        with pytest.raises(UnsafePath):
            normalize_cik(bad)
    with pytest.raises(UsageError):
        cik_option("abc")


def test_user_agent_must_name_an_email():
    assert check_user_agent(" Jane Doe jane@example.com ") == "Jane Doe jane@example.com"
    for bad in (None, "", "   ", "python-requests/2.0", "Jane jane@example.com\r\nX-Evil: 1"):
        with pytest.raises(UsageError, match="EXTRACTOR_USER_AGENT"):
            check_user_agent(bad)


# -- limiter and retry policy (virtual clock) ---------------------------------------------------

class VirtualClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_limiter_spaces_starts_so_no_second_holds_more_than_the_rate():
    clock = VirtualClock()
    limiter = RateLimiter(4, clock=clock, sleep=clock.sleep)
    starts = []
    for _ in range(20):
        limiter.acquire()
        starts.append(clock.now)
    for i, start in enumerate(starts):
        assert sum(1 for s in starts[i:] if s - start < 1.0) <= 4


def test_block_pauses_once_and_is_extended_not_restarted():
    clock = VirtualClock()
    limiter = RateLimiter(10, clock=clock, sleep=clock.sleep)
    limiter.acquire()
    limiter.block(5.0)
    clock.now += 1.0
    limiter.block(5.0)  # a second worker seeing the same block: one pause, now ending at 106
    assert limiter.pauses == 1 and limiter.paused
    limiter.acquire()
    assert clock.now == pytest.approx(106.0)
    limiter.block(1.0)
    assert limiter.pauses == 2


@pytest.mark.parametrize("rate", [0, -1, 10.5, 50])
def test_limiter_refuses_rates_outside_fair_access(rate):
    with pytest.raises(UsageError, match="at most 10"):
        RateLimiter(rate)


def test_backoff_doubles_with_jitter_and_is_capped():
    policy = RetryPolicy(backoff=1.0, max_backoff=8.0)
    rng = random.Random(7)
    for attempt in range(1, 10):
        base = min(8.0, 2 ** (attempt - 1))
        delays = [policy.delay(attempt, rng) for _ in range(50)]
        assert all(0.5 * base <= d <= 1.5 * base for d in delays)
        assert len({round(d, 6) for d in delays}) > 1  # jittered


# -- selection -------------------------------------------------------------------------------------

def test_forms_default_and_amendments():
    assert "S-1" in expand_forms(None, amendments=False) and "S-1/A" not in expand_forms(None, amendments=False)
    assert expand_forms(["s-1", "10-K"], amendments=True) == {"S-1", "S-1/A", "10-K", "10-K/A"}
    assert parse_quarter("2024-q3") == (2024, 3) and parse_quarter("2020Q1") == (2020, 1)
    with pytest.raises(UsageError):
        parse_quarter("2024-Q0")


def test_selection_filters_form_dates_and_limit():
    refs = [FilingRef(cik="1", accession=f"0000000001-24-00000{i}", form=form, filed=filed)
            for i, (form, filed) in enumerate([("8-K", "2024-03-01"), ("8-K/A", "2024-02-01"), ("4", "2024-02-01"),
                                               ("8-K", "2023-12-31"), ("8-K", "2024-01-15")])]
    chosen = build_selection(["8-K"], since="2024-01-01", until="2024-03-01").pick(refs)
    assert [r.accession[-1] for r in chosen] == ["0", "4"]
    assert len(build_selection(["8-K"], amendments=True, limit=2).pick(refs)) == 2


# -- parsers on the fixture responses -----------------------------------------------------------------

EIGHT_K = FIXTURE_EDGAR / "www/Archives/edgar/data/1234567/000123456724000010"


def test_parse_index_html_reads_types_and_skips_the_submission_row():
    documents = parse_index_html((EIGHT_K / "0001234567-24-000010-index.html").read_bytes())
    assert [(d.name, d.type, d.sequence) for d in documents] == [
        ("xmpl-8k.htm", "8-K", 1), ("xmpl-ex101.htm", "EX-10.1", 2), ("xmpl-ex991.htm", "EX-99.1", 3)]
    assert documents[0].size == fixture_document("1234567", "0001234567-24-000010", "xmpl-8k.htm").stat().st_size
    assert parse_index_html(b"") == () and parse_index_html(b"<html><p>no table</p></html>") == ()


def test_parse_index_json_and_refuse_other_json():
    listing = parse_index_json((EIGHT_K / "index.json").read_bytes())
    assert {d.name for d in listing} >= {"xmpl-8k.htm", "0001234567-24-000010.txt"}
    assert next(d for d in listing if d.name.endswith(".txt")).size is None
    with pytest.raises(Exception, match="not a directory listing"):
        parse_index_json(b'{"hits": []}')


def test_parse_master_index():
    refs = list(parse_master_index((FIXTURE_EDGAR / "www/Archives/edgar/full-index/2024/QTR1/master.idx").read_text()))
    assert len(refs) == 5
    assert refs[2] == FilingRef(cik="1234567", accession="0001234567-24-000010", form="8-K", filed="2024-03-04",
                                company="EXAMPLE COMPUTE CORP")
    assert list(parse_master_index("1|A|8-K|20240101|edgar/data/1/x.txt\n")) == []  # nothing before the rule line


def test_parse_submissions_and_tickers():
    payload = json.loads((FIXTURE_EDGAR / "data/submissions/CIK0001234567.json").read_bytes())
    refs = list(parse_submission_columns(payload["filings"]["recent"], cik="1234567", company=payload["name"]))
    assert refs[0].accession == "0001234567-24-000010" and refs[0].primary_document == "xmpl-8k.htm"
    assert all(r.company == "Example Compute Corp" for r in refs)
    tickers = parse_tickers(json.loads((FIXTURE_EDGAR / "www/files/company_tickers.json").read_bytes()))
    assert tickers == {"XMPL": "1234567", "OTHR": "2345678"}
    assert parse_tickers({"fields": ["cik", "name", "ticker", "exchange"], "data": [[320193, "Apple", "aapl", "Nasdaq"]]}) == {"AAPL": "320193"}


# -- the plan of one filing ------------------------------------------------------------------------------

def _index(listing, documents=()):
    return FilingIndex(tuple(IndexedDocument(n, s) for n, s in listing), tuple(documents))


def test_plan_prefers_the_document_typed_as_the_form_over_the_hint():
    index = _index([("main.htm", 10), ("fees.htm", 5), ("ex10.htm", 7)], [
        IndexedDocument("main.htm", 10, "424B2", sequence=1), IndexedDocument("fees.htm", 5, "EX-FILING FEES", sequence=2),
        IndexedDocument("ex10.htm", 7, "EX-10.3", sequence=3)])
    ref = FilingRef(cik="5", accession="0000000005-24-000001", form="424B2", primary_document="fees.htm")
    plan = plan_filing(index, ref, URLS, exhibits=True, full_submission=True)
    assert [(d.name, d.role, d.expected_size) for d in plan.documents] == [
        ("main.htm", "primary", 10), ("ex10.htm", "exhibit", 7), ("0000000005-24-000001.txt", "submission", None)]
    assert plan.ref.url == "http://mirror.test/Archives/edgar/data/5/000000000524000001/main.htm"
    assert "EX-FILING FEES" in plan.warnings[0]


def test_xbrl_ex101_schemas_are_not_ex10_exhibits():
    """Regression: EX-101.SCH (an XBRL schema) was taken for an EX-10 exhibit by a prefix match."""
    from extractor.edgar.plan import is_material_contract

    for doc_type in ("EX-10", "EX-10.1", "ex-10.2", "EX-10.A49"):
        assert is_material_contract(IndexedDocument("x.htm", type=doc_type))
    for doc_type in ("EX-101.SCH", "EX-101.INS", "EX-1.1", "EX-99.1", None):
        assert not is_material_contract(IndexedDocument("x.htm", type=doc_type))
    assert not is_material_contract(IndexedDocument("", type="EX-10.1"))


def test_plan_falls_back_to_the_full_submission_and_refuses_what_is_not_listed():
    ref = FilingRef(cik="5", accession="0000000005-24-000001", form="10-K", primary_document="gone.htm")
    plan = plan_filing(_index([("0000000005-24-000001.txt", None)]), ref, URLS, full_submission=True)
    assert [d.name for d in plan.documents] == ["0000000005-24-000001.txt"] and plan.warnings
    with pytest.raises(NotFound, match="names no primary document"):
        plan_filing(_index([("other.htm", 1)]), ref, URLS)
    typed = _index([("a.htm", 1)], [IndexedDocument("b.htm", 1, "10-K", sequence=1)])
    with pytest.raises(NotFound, match="not listed"):
        plan_filing(typed, ref, URLS)
    with pytest.raises(UnsafePath):
        plan_filing(_index([("a.htm", 1), ("../b", 1)]), FilingRef(cik="5", accession=ref.accession, primary_document="a.htm"), URLS)


# -- store -----------------------------------------------------------------------------------------------

def _record(cik, accession, names):
    return FilingRecord(
        ref=RefRecord(cik=cik, accession=accession, form="8-K", primary_document=names[0]),
        index_url="u", fetched_at="t",
        documents=[StoredDocument(name=n, role="primary" if i == 0 else "exhibit", url="u", bytes=1, sha256="0" * 64)
                   for i, n in enumerate(names)],
    )


def test_iter_store_yields_complete_entries_in_cik_order(tmp_path):
    store = FilingStore(tmp_path)
    for cik, accession in [("320193", "0000320193-24-000001"), ("72333", "0000072333-24-000001"), ("5", "0000000005-24-000001")]:
        folder = store.entry_dir(cik, accession)
        folder.mkdir(parents=True)
        (folder / "a.htm").write_text("a")
        if cik != "5":  # no filing.json: not complete, not listed
            store.commit(folder, _record(cik, accession, ["a.htm", "b.htm"]))
    (tmp_path / ".cache").mkdir()
    filings = list(iter_store(tmp_path))
    assert [f.ref.cik for f in filings] == ["72333", "320193"]
    assert filings[0].primary == tmp_path.resolve() / "72333" / "0000072333-24-000001" / "a.htm"
    assert [p.name for p in filings[0].exhibits] == ["b.htm"] and filings[0].submission is None
    assert store.problems(filings[0].folder, filings[0].record) == ["a.htm does not match its sha256", "b.htm is missing"]


def test_iter_store_refuses_a_tampered_record(tmp_path):
    store = FilingStore(tmp_path)
    folder = store.entry_dir("5", "0000000005-24-000001")
    folder.mkdir(parents=True)
    text = _record("5", "0000000005-24-000001", ["a.htm"]).model_dump_json().replace('"a.htm"', '"../../x"')
    (folder / "filing.json").write_text(text)
    with pytest.raises(StoreError, match="unreadable filing.json"):
        list(iter_store(tmp_path))
    seen = []
    assert list(iter_store(tmp_path, on_error=lambda path, exc: seen.append(path))) == [] and seen == [folder]
    with pytest.raises(StoreError, match="no such filing store"):
        list(iter_store(tmp_path / "absent"))


# -- cache and client --------------------------------------------------------------------------------------

def test_cache_keeps_archives_for_good_and_expires_the_rest(tmp_path):
    cache = ResponseCache(tmp_path, ttl=60)
    cache.put("u1", b"one")
    assert cache.get("u1", forever=False) == b"one"
    path = next(tmp_path.rglob("*.bin"))
    old = time.time() - 3600
    os.utime(path, (old, old))
    assert cache.get("u1", forever=False) is None
    assert cache.get("u1", forever=True) == b"one"
    assert URLS.is_archive("http://mirror.test/Archives/edgar/data/5/x/index.json")
    assert not URLS.is_archive(URLS.submissions("5")) and URLS.submissions("5").endswith("/CIK0000000005.json")


def test_client_requires_user_agent():
    with pytest.raises(UsageError):
        EdgarClient("", RateLimiter(1))


def test_closing_the_limiter_ends_a_block_pause_at_once():
    import threading

    from extractor.errors import FetchError

    limiter = RateLimiter(10)
    limiter.block(600)
    errors = []

    def worker():
        try:
            limiter.acquire()
        except FetchError as exc:
            errors.append(str(exc))

    thread = threading.Thread(target=worker)
    thread.start()
    limiter.close()
    thread.join(timeout=10)
    assert not thread.is_alive() and errors == ["the run was interrupted"]


def test_one_fetch_at_a_time_writes_a_store_and_a_killed_runs_temporaries_go(tmp_path):
    store = FilingStore(tmp_path)
    folder = store.entry_dir("5", "0000000005-24-000001")
    folder.mkdir(parents=True)
    (folder / ".tmp-abc.part").write_bytes(b"half")
    with store.writing():
        assert not (folder / ".tmp-abc.part").exists()
        with pytest.raises(StoreError, match="another fetch"):
            with FilingStore(tmp_path).writing():
                pass
    with store.writing():  # released
        pass


def test_document_urls_are_quoted():
    assert URLS.document("5", "0000000005-24-000001", "ex 10#1.htm").endswith("/000000000524000001/ex%2010%231.htm")


def test_a_store_that_cannot_be_written_is_a_store_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot write to the store"):
        with FilingStore(tmp_path / "file" / "store").writing():
            pass
    ResponseCache(tmp_path / "file" / "cache").put("u", b"x")  # best effort: no error
