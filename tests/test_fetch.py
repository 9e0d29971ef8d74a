"""`extractor fetch` end to end against the fake EDGAR serving fixtures/edgar (no ../shared needed)."""

from __future__ import annotations

import hashlib
import json

import pytest

from extractor.cli import main
from extractor.edgar import iter_store
from fake_edgar import TEST_USER_AGENT, fixture_document, fixture_edgar, temporaries

CIK = "1234567"
EIGHT_K = "0001234567-24-000010"
S1 = "0001234567-24-000002"
S1A = "0001234567-24-000005"
TEN_K = "0001234567-23-000004"
OLD_8K = "0001234567-22-000007"


@pytest.fixture()
def edgar():
    with fixture_edgar() as fake:
        yield fake


def fetch(edgar, store, *args, rate="10"):
    return main([
        "fetch", "--sec-url", edgar.sec_url, "--data-url", edgar.data_url, "--user-agent", TEST_USER_AGENT,
        "--store", str(store), "--rate", rate, "--backoff", "0.01", *args,
    ])


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fetch_by_ticker_follows_paging_checks_the_index_and_stores_everything(edgar, tmp_path, capsys):
    store = tmp_path / "filings"
    code = fetch(edgar, store, "--ticker", "xmpl", "--form", "8-K", "--form", "S-1", "--form", "10-K",
                 "--amendments", "--exhibits", "--full-submission")
    out = capsys.readouterr().out
    assert code == 0, out
    assert "fetched 5, skipped 0" in out
    filings = {f.ref.accession: f for f in iter_store(store)}
    assert sorted(filings) == sorted([EIGHT_K, S1, S1A, TEN_K, OLD_8K])
    # the S-1's submissions primaryDocument is its fee exhibit; the index names the S-1 itself
    s1 = filings[S1]
    assert s1.primary.name == "xmpl-s1.htm" and s1.ref.form == "S-1"
    assert any("xmpl-ex107.htm" in w and "EX-FILING FEES" in w for w in s1.record.warnings)
    # --exhibits alone: the EX-10 agreement and the EX-99 press release; the full submission beside them
    eight_k = filings[EIGHT_K]
    assert [p.name for p in eight_k.exhibits] == ["xmpl-ex101.htm", "xmpl-ex991.htm"]
    assert eight_k.submission is not None and eight_k.submission.name == f"{EIGHT_K}.txt"
    assert eight_k.ref.url.endswith(f"/Archives/edgar/data/{CIK}/{EIGHT_K.replace('-', '')}/xmpl-8k.htm")
    assert eight_k.ref.company == "Example Compute Corp" and eight_k.ref.filed == "2024-03-04"
    # the 10-K sits on the older submissions page, and has no -index.html: the hint, checked against index.json
    assert filings[TEN_K].primary.name == "xmpl-10k.htm"
    assert "/data/submissions/CIK0001234567-submissions-001.json" in edgar.paths()
    # a filing with no separate documents falls back to its full submission
    assert filings[OLD_8K].primary.name == f"{OLD_8K}.txt"
    for filing in filings.values():
        for document in filing.record.documents:
            path = filing.folder / document.name
            assert document.sha256 == sha256(path) == sha256(fixture_document(CIK, filing.ref.accession, document.name))
            assert document.bytes == path.stat().st_size
    assert temporaries(store) == []
    assert all(hit.user_agent == TEST_USER_AGENT and "gzip" in hit.accept_encoding for hit in edgar.hits)
    assert edgar.max_in_one_second() <= 10


def test_rerun_skips_verified_filings_and_refetches_a_corrupted_one(edgar, tmp_path, capsys):
    store = tmp_path / "filings"
    assert fetch(edgar, store, "--cik", CIK, "--form", "8-K") == 0
    first = len(edgar.hits)
    assert fetch(edgar, store, "--cik", CIK, "--form", "8-K") == 0
    assert "fetched 0, skipped 2" in capsys.readouterr().out
    assert not any(p.endswith(".htm") or p.endswith(".txt") for p in edgar.paths()[first:])
    damaged = store / CIK / EIGHT_K / "xmpl-8k.htm"
    damaged.write_bytes(damaged.read_bytes().replace(b"Example", b"Exampel"))
    assert fetch(edgar, store, "--cik", CIK, "--form", "8-K") == 0
    assert "fetched 1, skipped 1" in capsys.readouterr().out
    assert sha256(damaged) == sha256(fixture_document(CIK, EIGHT_K, "xmpl-8k.htm"))


def test_asking_for_exhibits_later_completes_an_entry(edgar, tmp_path, capsys):
    store = tmp_path / "filings"
    assert fetch(edgar, store, "--cik", CIK, "--form", "8-K", "--since", "2024-01-01") == 0
    assert [f.exhibits for f in iter_store(store)] == [()]
    assert fetch(edgar, store, "--cik", CIK, "--form", "8-K", "--since", "2024-01-01", "--exhibits", "EX-10") == 0
    assert "fetched 1, skipped 0" in capsys.readouterr().out
    assert [p.name for f in iter_store(store) for p in f.exhibits] == ["xmpl-ex101.htm"]
    # the same types again: nothing to do; the default types add the press release, and keep the agreement
    assert fetch(edgar, store, "--cik", CIK, "--form", "8-K", "--since", "2024-01-01", "--exhibits", "ex-10") == 0
    assert "fetched 0, skipped 1" in capsys.readouterr().out
    assert fetch(edgar, store, "--cik", CIK, "--form", "8-K", "--since", "2024-01-01", "--exhibits") == 0
    assert "fetched 1, skipped 0" in capsys.readouterr().out
    (entry,) = iter_store(store)
    assert [p.name for p in entry.exhibits] == ["xmpl-ex101.htm", "xmpl-ex991.htm"] and entry.record.exhibit_types == ["EX-10", "EX-99"]
    assert edgar.paths().count(f"/Archives/edgar/data/{CIK}/{EIGHT_K.replace('-', '')}/xmpl-8k.htm") == 1
    assert edgar.paths().count(f"/Archives/edgar/data/{CIK}/{EIGHT_K.replace('-', '')}/xmpl-ex101.htm") == 1
    assert fetch(edgar, store, "--cik", CIK, "--exhibits", "GRAPHIC") == 2


def test_quarter_of_the_full_index_selects_by_form(edgar, tmp_path, capsys):
    store = tmp_path / "filings"
    assert fetch(edgar, store, "--quarter", "2024-Q1", "--form", "8-K") == 0
    assert [f.ref.accession for f in iter_store(store)] == [EIGHT_K]
    assert "/Archives/edgar/full-index/2024/QTR1/master.idx" in edgar.paths()
    assert not any("/submissions/" in p for p in edgar.paths())


def test_date_range_skips_older_submission_pages(edgar, tmp_path, capsys):
    store = tmp_path / "filings"
    assert fetch(edgar, store, "--cik", CIK, "--form", "S-1", "--amendments", "--since", "2024-02-01", "--until", "2024-12-31") == 0
    assert [f.ref.accession for f in iter_store(store)] == [S1A]
    assert not any("submissions-001" in p for p in edgar.paths())


def test_without_user_agent_the_command_refuses_and_says_how(edgar, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("EXTRACTOR_USER_AGENT", raising=False)
    code = main(["fetch", "--sec-url", edgar.sec_url, "--data-url", edgar.data_url, "--cik", CIK, "--store", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "--user-agent" in err and "EXTRACTOR_USER_AGENT" in err and "Traceback" not in err
    assert edgar.hits == []


def test_environment_supplies_user_agent_and_base_urls(edgar, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("EXTRACTOR_USER_AGENT", TEST_USER_AGENT)
    monkeypatch.setenv("EXTRACTOR_SEC_URL", edgar.sec_url)
    monkeypatch.setenv("EXTRACTOR_DATA_URL", edgar.data_url)
    code = main(["fetch", "--cik", CIK, "--form", "10-K", "--store", str(tmp_path / "s"), "--rate", "10"])
    assert code == 0
    assert [f.ref.accession for f in iter_store(tmp_path / "s")] == [TEN_K]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--cik", CIK, "--rate", "11"], "at most 10"),
        (["--cik", CIK, "--rate", "0"], "--rate"),
        (["--quarter", "2024-Q5"], "--quarter"),
        (["--cik", CIK, "--since", "2024-13-01"], "--since"),
        (["--cik", CIK, "--since", "2024-05-01", "--until", "2024-01-01"], "after --until"),
        (["--cik", "12ab"], "--cik"),
        (["--form", "8-K"], "--ticker"),
        (["--cik", CIK, "--sec-url", "ftp://mirror"], "--sec-url"),
    ],
)
def test_bad_options_are_usage_errors(edgar, tmp_path, capsys, args, message):
    code = main(["fetch", "--user-agent", TEST_USER_AGENT, "--store", str(tmp_path), "--sec-url", edgar.sec_url,
                 "--data-url", edgar.data_url, *args])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert edgar.hits == []


def test_unknown_ticker_is_one_line_error(edgar, tmp_path, capsys):
    assert fetch(edgar, tmp_path, "--ticker", "NOPE") == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("extractor:")]
    assert len(errors) == 1 and "NOPE" in errors[0] and "ticker file" in errors[0]


def test_fetch_then_extract_in_one_line(edgar, tmp_path, capsys):
    out_file = tmp_path / "out.jsonl"
    code = fetch(edgar, tmp_path / "filings", "--cik", CIK, "--form", "8-K", "--since", "2024-01-01", "--extract", str(out_file))
    assert code == 0, capsys.readouterr()
    results = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert len(results) == 1
    filing = results[0]["filing"]
    assert (filing["cik"], filing["accession"], filing["form"], filing["filed"]) == (CIK, EIGHT_K, "8-K", "2024-03-04")
    assert filing["source"].endswith("xmpl-8k.htm")


def test_failures_are_listed_with_accession_and_reason_and_set_the_exit_code(edgar, tmp_path, capsys):
    from fake_edgar import status

    edgar.script(f"/Archives/edgar/data/{CIK}/{EIGHT_K.replace('-', '')}/xmpl-8k.htm", status(404))
    assert fetch(edgar, tmp_path / "s", "--cik", CIK, "--form", "8-K", "--form", "10-K") == 1  # some failed
    out = capsys.readouterr().out
    assert "fetched 2, skipped 0 (complete and verified), failed 1" in out
    (line,) = [line for line in out.splitlines() if line.startswith("failed 0")]
    assert line.startswith(f"failed {EIGHT_K} (8-K, CIK {CIK}): ") and "xmpl-8k.htm: 404 not found" in line

    for accession in (EIGHT_K, OLD_8K):
        edgar.script(f"/Archives/edgar/data/{CIK}/{accession.replace('-', '')}/index.json", status(404))
    assert fetch(edgar, tmp_path / "t", "--cik", CIK, "--form", "8-K") == 3  # nearly all failed
    assert "fetched 0, skipped 0 (complete and verified), failed 2" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [(["--quarter", "2031-Q2"], "no full index for 2031 Q2"), (["--cik", "7654321"], "no filings for CIK 7654321")],
)
def test_missing_listings_are_one_line_errors(edgar, tmp_path, capsys, args, message):
    assert fetch(edgar, tmp_path, *args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert message in err[-1] and not any("Traceback" in line for line in err)


def test_a_cached_index_that_does_not_parse_is_asked_for_again(edgar, tmp_path, capsys):
    from extractor.edgar.cache import ResponseCache

    store = tmp_path / "filings"
    index_url = f"{edgar.sec_url}/Archives/edgar/data/{CIK}/{TEN_K.replace('-', '')}/index.json"
    ResponseCache(store / ".cache").put(index_url, b"<html>a proxy's error page</html>")
    assert fetch(edgar, store, "--cik", CIK, "--form", "10-K") == 0
    assert [f.ref.accession for f in iter_store(store)] == [TEN_K]
    assert ResponseCache(store / ".cache").get(index_url, forever=True).startswith(b"{")


def test_list_shows_the_selection_and_downloads_nothing(edgar, tmp_path, capsys):
    assert fetch(edgar, tmp_path / "s", "--cik", CIK, "--form", "8-K", "--list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"{CIK}\t{EIGHT_K}\t8-K\t2024-03-04\tExample Compute Corp", f"{CIK}\t{OLD_8K}\t8-K\t2022-06-01\tExample Compute Corp"]
    assert not any("/Archives/" in p for p in edgar.paths())


def test_a_hostile_submissions_page_name_is_refused(edgar, tmp_path, capsys):
    page = json.loads(edgar.body("/data/submissions/CIK0001234567.json"))
    page["filings"]["files"][0]["name"] = "../../files/company_tickers.json"
    edgar.put("/data/submissions/CIK0001234567.json", json.dumps(page).encode())
    assert fetch(edgar, tmp_path, "--cik", CIK, "--form", "10-K") == 1
    assert "path separator" in capsys.readouterr().err
    assert not any("company_tickers" in p for p in edgar.paths())
