"""One test per fault, asserted at the fake EDGAR: rate, pause, store contents, reported reasons."""

from __future__ import annotations

import hashlib

import pytest

from extractor.edgar import EdgarClient, EdgarUrls, FetchOptions, FilingStore, RetryPolicy, fetch_filing, fetch_filings, iter_store
from extractor.edgar.store import RECORD_NAME
from extractor.types import FilingRef
from fake_edgar import (
    FIXTURE_EDGAR, TEST_USER_AGENT, block403, block429, drop, fixture_document, fixture_edgar, hits_during_pause, PauseRecordingLimiter,
    slow, status, temporaries, wrong_length,
)

RATE = 10
PAUSE = 0.5
CIK = "1234567"
FILINGS = [
    FilingRef(cik=CIK, accession="0001234567-24-000010", form="8-K", primary_document="xmpl-8k.htm"),
    FilingRef(cik=CIK, accession="0001234567-24-000005", form="S-1/A", primary_document="xmpl-s1a.htm"),
    FilingRef(cik=CIK, accession="0001234567-24-000002", form="S-1", primary_document="xmpl-ex107.htm"),
    FilingRef(cik=CIK, accession="0001234567-23-000004", form="10-K", primary_document="xmpl-10k.htm"),
]
EIGHT_K_DOC = "/Archives/edgar/data/1234567/000123456724000010/xmpl-8k.htm"
S1A_DOC = "/Archives/edgar/data/1234567/000123456724000005/xmpl-s1a.htm"


@pytest.fixture()
def edgar():
    with fixture_edgar() as fake:
        yield fake


def client_for(edgar, *, retries=3, timeout=5.0, block_retries=3, notify=None) -> EdgarClient:
    return EdgarClient(
        TEST_USER_AGENT,
        PauseRecordingLimiter(RATE),
        urls=EdgarUrls(edgar.sec_url, edgar.data_url),
        retry=RetryPolicy(retries=retries, backoff=0.05, block_retries=block_retries),
        timeout=timeout,
        block_pause=PAUSE,
        notify=notify,
    )


def run(edgar, tmp_path, *, jobs=3, **client_options):
    client = client_for(edgar, **client_options)
    store = FilingStore(tmp_path / "filings")
    summary = fetch_filings(client, store, FILINGS, FetchOptions(exhibits=True, jobs=jobs))
    assert edgar.max_in_one_second() <= RATE  # whatever the fault, no second saw more than the limit
    assert all(hit.user_agent == TEST_USER_AGENT for hit in edgar.hits)
    return client, store, summary


def assert_store_is_sound(store: FilingStore) -> None:
    """Every file in the store is complete: no temporaries, and each document matches its sha256."""
    assert temporaries(store.root) == []
    for filing in iter_store(store.root):
        for document in filing.record.documents:
            data = (filing.folder / document.name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == document.sha256
            assert data == fixture_document(CIK, filing.ref.accession, document.name).read_bytes()
    for folder in store.root.glob("*/*"):
        if not (folder / RECORD_NAME).exists():  # an incomplete entry holds only complete documents
            for path in folder.iterdir():
                assert path.read_bytes() == fixture_document(folder.parent.name, folder.name, path.name).read_bytes()


def assert_block_honoured(edgar, client, blocked_path) -> None:
    assert client.limiter.pauses == 1
    assert client.stats.blocks == 1
    (window,) = client.limiter.pause_windows
    assert window[1] - window[0] == pytest.approx(PAUSE)
    # no worker sent anything while the pause lasted: nothing reached the server then but
    # what was already on its way when the client saw the block
    assert hits_during_pause(edgar.hits, window) == []
    assert [hit.path for hit in edgar.hits].index(blocked_path) < len(edgar.hits) - 1  # the run went on after it
    assert edgar.max_in_one_second() <= RATE


def test_429_without_retry_after_pauses_every_worker(edgar, tmp_path):
    edgar.script(EIGHT_K_DOC, block429())
    notices = []
    client, store, summary = run(edgar, tmp_path, notify=notices.append)
    assert notices == [f"EDGAR signalled a block (429 Too Many Requests); every worker pauses for {PAUSE:g} s"]
    assert summary.count("fetched") == 4, summary.failures
    assert edgar.paths().count(EIGHT_K_DOC) == 2
    assert_block_honoured(edgar, client, EIGHT_K_DOC)
    assert_store_is_sound(store)


def test_403_rate_threshold_page_pauses_every_worker(edgar, tmp_path):
    edgar.script(S1A_DOC, block403((FIXTURE_EDGAR / "errors" / "rate-threshold.html").read_bytes()))
    client, store, summary = run(edgar, tmp_path)
    assert summary.count("fetched") == 4, summary.failures
    assert_block_honoured(edgar, client, S1A_DOC)
    assert_store_is_sound(store)


def test_a_block_that_does_not_lift_fails_with_reason(edgar, tmp_path):
    page = (FIXTURE_EDGAR / "errors" / "undeclared-tool.html").read_bytes()
    edgar.script(S1A_DOC, *[block403(page)] * 3)
    client, store, summary = run(edgar, tmp_path, block_retries=2)
    (failure,) = summary.failures
    assert failure.ref.accession == "0001234567-24-000005"
    assert "blocked" in failure.reason and "Undeclared Automated Tool" in failure.reason
    assert summary.count("fetched") == 3
    assert not (store.root / CIK / "0001234567-24-000005" / RECORD_NAME).exists()
    assert_store_is_sound(store)


def test_503_then_success_is_retried(edgar, tmp_path):
    edgar.script(EIGHT_K_DOC, status(503), status(502))
    client, store, summary = run(edgar, tmp_path)
    assert summary.count("fetched") == 4, summary.failures
    assert edgar.paths().count(EIGHT_K_DOC) == 3 and client.stats.retries == 2
    assert edgar.max_in_one_second() <= RATE
    assert_store_is_sound(store)


def test_503_that_persists_fails_after_bounded_retries(edgar, tmp_path):
    edgar.script(EIGHT_K_DOC, *[status(503)] * 4)
    client, store, summary = run(edgar, tmp_path, retries=2)
    (failure,) = summary.failures
    assert failure.ref.accession == "0001234567-24-000010"
    assert "server error 503" in failure.reason and "3 attempts" in failure.reason
    assert edgar.paths().count(EIGHT_K_DOC) == 3
    assert not (store.root / CIK / "0001234567-24-000010" / "xmpl-8k.htm").exists()
    assert_store_is_sound(store)


def test_connection_dropped_mid_body_is_retried_and_leaves_no_partial_file(edgar, tmp_path):
    edgar.script(EIGHT_K_DOC, drop())
    client, store, summary = run(edgar, tmp_path)
    assert summary.count("fetched") == 4, summary.failures
    assert edgar.paths().count(EIGHT_K_DOC) == 2
    assert_store_is_sound(store)


def test_slow_server_times_out_and_is_retried(edgar, tmp_path):
    edgar.script(S1A_DOC, slow(1.5))
    client, store, summary = run(edgar, tmp_path, timeout=0.5)
    assert summary.count("fetched") == 4, summary.failures
    assert edgar.paths().count(S1A_DOC) == 2 and client.stats.retries == 1
    assert_store_is_sound(store)


def test_wrong_content_length_is_a_truncated_body(edgar, tmp_path):
    size = fixture_document(CIK, "0001234567-24-000010", "xmpl-8k.htm").stat().st_size
    edgar.script(EIGHT_K_DOC, wrong_length(size + 500))
    client, store, summary = run(edgar, tmp_path)
    assert summary.count("fetched") == 4, summary.failures
    assert edgar.paths().count(EIGHT_K_DOC) == 2
    assert_store_is_sound(store)


def test_short_content_length_is_caught_by_the_index_size(edgar, tmp_path):
    size = fixture_document(CIK, "0001234567-24-000010", "xmpl-8k.htm").stat().st_size
    edgar.script(EIGHT_K_DOC, *[wrong_length(size - 100)] * 3)
    client, store, summary = run(edgar, tmp_path, retries=2)
    (failure,) = summary.failures
    assert failure.ref.accession == "0001234567-24-000010"
    assert f"got {size - 100:,} bytes but the filing index lists {size:,}" in failure.reason
    assert not (store.root / CIK / "0001234567-24-000010" / "xmpl-8k.htm").exists()
    assert_store_is_sound(store)


def test_404_fails_that_filing_with_its_accession_and_the_rest_go_through(edgar, tmp_path):
    edgar.script(EIGHT_K_DOC, status(404))
    client, store, summary = run(edgar, tmp_path)
    (failure,) = summary.failures
    assert failure.ref.accession == "0001234567-24-000010"
    assert "404 not found" in failure.reason and "xmpl-8k.htm" in failure.reason
    assert edgar.paths().count(EIGHT_K_DOC) == 1  # a 404 is an answer, not retried
    assert summary.count("fetched") == 3
    assert sorted(f.ref.accession for f in iter_store(store.root)) == [
        "0001234567-23-000004", "0001234567-24-000002", "0001234567-24-000005"]
    assert_store_is_sound(store)


# -- a hostile index -------------------------------------------------------------------------

HOSTILE = "0001234567-24-000099"
HOSTILE_FOLDER = f"/Archives/edgar/data/{CIK}/{HOSTILE.replace('-', '')}"


def hostile_index(*names_and_sizes) -> bytes:
    import json

    items = [{"name": name, "size": size, "type": "text.gif"} for name, size in names_and_sizes]
    return json.dumps({"directory": {"item": items, "name": HOSTILE_FOLDER}}).encode()


def files_under(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "name, reason",
    [
        ("../../x", "path separator"),
        ("/tmp/x", "path separator"),
        ("..", "'..'"),
        ("x\x00.htm", "control character"),
        ("a\\..\\x", "path separator"),
    ],
)
def test_hostile_document_names_write_nothing_outside_the_store(edgar, tmp_path, name, reason):
    edgar.put(f"{HOSTILE_FOLDER}/index.json", hostile_index((name, "10")))
    edgar.put(f"{HOSTILE_FOLDER}/x", b"owned")
    client = client_for(edgar)
    store = FilingStore(tmp_path / "store" / "filings")
    before = files_under(tmp_path)
    outcome = fetch_filing(client, store, FilingRef(cik=CIK, accession=HOSTILE, form="8-K", primary_document=name))
    assert outcome.status == "failed"
    assert reason in outcome.reason and "document name" in outcome.reason
    assert files_under(tmp_path) == before
    assert not any(p.endswith(("/x", "x.htm")) for p in edgar.paths())


def test_hostile_accession_is_refused_before_it_becomes_a_path(edgar, tmp_path):
    outcome = fetch_filing(client_for(edgar), FilingStore(tmp_path / "filings"), FilingRef(cik=CIK, accession="../../etc", form="8-K"))
    assert outcome.status == "failed" and "not an accession number" in outcome.reason
    assert edgar.hits == [] and files_under(tmp_path) == []


def test_2gb_listed_in_the_index_is_refused_before_download(edgar, tmp_path):
    edgar.put(f"{HOSTILE_FOLDER}/index.json", hostile_index(("big.htm", str(2 * 1024**3))))
    edgar.put(f"{HOSTILE_FOLDER}/big.htm", b"<html>small really</html>")
    store = FilingStore(tmp_path / "filings")
    outcome = fetch_filing(client_for(edgar), store, FilingRef(cik=CIK, accession=HOSTILE, form="8-K", primary_document="big.htm"))
    assert outcome.status == "failed"
    assert "2,147,483,648 bytes" in outcome.reason and "--max-bytes" in outcome.reason
    assert f"{HOSTILE_FOLDER}/big.htm" not in edgar.paths()
    assert files_under(tmp_path) == []


def test_2gb_content_length_is_refused_without_reading(edgar, tmp_path):
    edgar.put(f"{HOSTILE_FOLDER}/index.json", hostile_index(("big.htm", "")))
    edgar.put(f"{HOSTILE_FOLDER}/big.htm", b"<html>small really</html>")
    edgar.script(f"{HOSTILE_FOLDER}/big.htm", wrong_length(2 * 1024**3))
    store = FilingStore(tmp_path / "filings")
    outcome = fetch_filing(client_for(edgar), store, FilingRef(cik=CIK, accession=HOSTILE, form="8-K", primary_document="big.htm"))
    assert outcome.status == "failed"
    assert "declares 2,147,483,648 bytes" in outcome.reason and HOSTILE in outcome.ref.accession
    assert edgar.paths().count(f"{HOSTILE_FOLDER}/big.htm") == 1  # refused, not retried
    assert files_under(tmp_path) == []


def test_a_redirect_is_not_followed_past_the_rate_limiter(edgar, tmp_path):
    edgar.script(EIGHT_K_DOC, status(301))
    client, store, summary = run(edgar, tmp_path)
    (failure,) = summary.failures
    assert failure.ref.accession == "0001234567-24-000010" and "redirected (301)" in failure.reason
    assert_store_is_sound(store)
