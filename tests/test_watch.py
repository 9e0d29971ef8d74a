"""`extractor watch`: Atom feed and daily index polling against the fake EDGAR, rounds, restarts, signals."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.edgar import EdgarClient, EdgarUrls, FilingStore, RateLimiter, RetryPolicy
from extractor.edgar.feed import edgar_today, parse_atom_feed
from extractor.edgar.loading import LoadOptions
from extractor.edgar.watch import SEEN_FILE, Watcher, WatchOptions
from fake_edgar import TEST_USER_AGENT, FakeAtomFeed, FakeEdgar, FeedEntry, status
from planted import Planted, contract_8k, plant

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2025, 1, 7)


def filing(n: int, company: str, customer: str, fee: str, filed: str = "2025-01-07", form: str = "8-K") -> Planted:
    cik = str(3000000 + n)
    return Planted(cik, f"{int(cik):010d}-25-{n:06d}", form, filed, company,
                   (f"f{n}-8k.htm", contract_8k(company, customer, fee, "June 2028", 90)))


ALPHA = filing(1, "Alpha Cloud Inc.", "Orbit Labs, Inc.", "$3 million")
DAILY = filing(2, "Daily Compute LLC", "Nimbus AI, Inc.", "$250,000", filed="2025-01-06")
BETA = filing(3, "Beta Compute Corp", "Vector AI, Inc.", "$500,000")
FORM4 = filing(4, "Insider Person", "Nobody", "$1", form="4")
CO_REGISTRANT = replace(ALPHA, cik="3999999", company="Alpha Cloud Holdings")
MALFORMED = FeedEntry(raw="<entry><title>8-K - Broken (12ab) (Filer)</title><id>urn:tag:sec.gov,2008:accession-number=../../x</id></entry>")


def daily_index(*filings: Planted) -> bytes:
    rows = "".join(f"{f.cik}|{f.company}|{f.form}|{f.filed.replace('-', '')}|edgar/data/{f.cik}/{f.accession}.txt\n" for f in filings)
    head = "Description:           Daily Index of EDGAR Dissemination Feed\n\nCIK|Company Name|Form Type|Date Filed|File Name\n"
    return (head + "-" * 80 + "\n" + rows + "99|Bad|8-K|20250106|edgar/data/99/not-an-accession.txt\n").encode()


def index_path(day: date) -> str:
    return f"/Archives/edgar/daily-index/{day.year}/QTR{(day.month - 1) // 3 + 1}/master.{day:%Y%m%d}.idx"


@pytest.fixture()
def edgar():
    # ALPHA is listed twice, for its co-registrant too (EDGAR serves it under both CIKs)
    feed = FakeAtomFeed([FORM4.entry(), CO_REGISTRANT.entry(), ALPHA.entry(), MALFORMED])
    fake = FakeEdgar()
    fake.route(FakeAtomFeed.path, feed)
    for planted in (ALPHA, CO_REGISTRANT, DAILY, BETA, FORM4):
        plant(fake, planted)
    with fake:
        fake.feed = feed
        yield fake


def client_for(fake) -> EdgarClient:
    # one limiter for the "restarted" watchers too: in the test they follow each other within a second
    limiter = getattr(fake, "limiter", None) or RateLimiter(10)
    fake.limiter = limiter
    return EdgarClient(TEST_USER_AGENT, limiter, urls=EdgarUrls(fake.sec_url, fake.data_url, fake.sec_url),
                       retry=RetryPolicy(retries=1, backoff=0.01), block_pause=0.05)


def db_contracts(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "select f.accession, c.monthly_fee_usd from contracts c join filings f on f.sha256 = c.filing_sha256 order by 1"
        ).fetchall()


def watcher(fake, tmp_path, printed: list) -> Watcher:
    options = WatchOptions(forms=frozenset({"8-K"}), load=LoadOptions(db=f"sqlite:///{tmp_path / 'w.sqlite'}", out=str(tmp_path / "out")))
    return Watcher(client_for(fake), FilingStore(tmp_path / "filings"), options,
                   on_contract=lambda result, contract: printed.append(result.filing.accession), today=lambda: TODAY)


def test_two_rounds_a_new_filing_between_and_restarts_keep_each_contract_once(edgar, tmp_path):
    edgar.put(index_path(TODAY - timedelta(days=1)), daily_index(DAILY, FORM4, ALPHA))
    printed: list[str] = []
    first = watcher(edgar, tmp_path, printed).round()
    assert sorted(printed) == sorted([ALPHA.accession, DAILY.accession])
    assert (first.listed, first.new, first.fetched, first.contracts) == (2, 2, 2, 2)
    assert any("malformed feed entry" in w for w in first.warnings)
    assert FORM4.folder + "/f4-8k.htm" not in edgar.paths()
    # a filing appears between rounds; the watch restarts (a new process would build a new Watcher)
    edgar.feed.add(BETA.entry())
    printed.clear()
    second = watcher(edgar, tmp_path, printed).round()
    assert printed == [BETA.accession] and (second.new, second.fetched) == (1, 1)
    # a round killed after loading BETA but before its seen-set was saved: the restart redoes it quietly
    seen = tmp_path / "filings" / SEEN_FILE
    seen.write_text("".join(line + "\n" for line in seen.read_text().split() if line != BETA.accession))
    printed.clear()
    before = len(edgar.hits)
    third = watcher(edgar, tmp_path, printed).round()
    assert printed == [] and (third.new, third.fetched, third.processed) == (1, 0, 0)
    assert not any(p.endswith(".htm") for p in edgar.paths()[before:])
    assert BETA.accession in seen.read_text().split()
    assert db_contracts(tmp_path / "w.sqlite") == [(ALPHA.accession, 3_000_000.0), (DAILY.accession, 250_000.0), (BETA.accession, 500_000.0)]
    # nothing new: nothing fetched, nothing printed
    fourth = watcher(edgar, tmp_path, printed).round()
    assert (fourth.new, printed) == (0, [])
    assert edgar.max_in_one_second() <= 10


def test_a_filing_that_fails_to_fetch_is_tried_again_next_round(edgar, tmp_path):
    edgar.files.pop(f"{ALPHA.folder}/f1-8k.htm")
    printed: list[str] = []
    first = watcher(edgar, tmp_path, printed).round()
    assert first.failed and ALPHA.accession in first.failed[0] and printed == []
    assert ALPHA.accession not in (tmp_path / "filings" / SEEN_FILE).read_text() if (tmp_path / "filings" / SEEN_FILE).exists() else True
    plant(edgar, ALPHA)
    second = watcher(edgar, tmp_path, printed).round()
    assert printed == [ALPHA.accession] and not second.failed


def run_watch(fake, tmp_path, *args):
    return main(["watch", "--sec-url", fake.sec_url, "--data-url", fake.data_url, "--user-agent", TEST_USER_AGENT,
                 "--store", str(tmp_path / "filings"), "--db", f"sqlite:///{tmp_path / 'w.sqlite'}", "--out", str(tmp_path / "out"),
                 "--rate", "10", "--backoff", "0.01", "--retries", "1", *args])


def test_watch_once_prints_one_json_line_per_new_contract(edgar, tmp_path, capsys):
    edgar.put(index_path(edgar_today() - timedelta(days=1)), daily_index(DAILY))
    assert run_watch(edgar, tmp_path, "--once", "--form", "8-K") == 0
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert sorted(line["filing"]["accession"] for line in lines) == sorted([ALPHA.accession, DAILY.accession])
    alpha = next(line for line in lines if line["filing"]["accession"] == ALPHA.accession)
    assert alpha["filing"]["company"] == ALPHA.company and alpha["contract"]["monthly_fee"]["amount"] == 3_000_000
    assert "round: 2 listed, 2 new, 2 fetched" in captured.err
    assert run_watch(edgar, tmp_path, "--once", "--form", "8-K") == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "0 new" in captured.err
    assert len(db_contracts(tmp_path / "w.sqlite")) == 2


def test_a_feed_that_keeps_failing_is_reported_and_the_exit_code_says_so(edgar, tmp_path, capsys):
    edgar.script(FakeAtomFeed.path, *[status(503)] * 5)
    assert run_watch(edgar, tmp_path, "--once", "--form", "8-K") == 1
    err = capsys.readouterr().err
    assert "could not read EDGAR" in err and "503" in err and "Traceback" not in err


def test_parse_atom_feed_skips_malformed_entries_and_duplicates():
    body = FakeAtomFeed([ALPHA.entry(), ALPHA.entry(), MALFORMED])({"action": "getcurrent", "output": "atom", "type": "8-K"})[1]
    read = parse_atom_feed(body)
    assert [(r.accession, r.cik, r.form, r.filed, r.company) for r in read.refs] == [
        (ALPHA.accession, ALPHA.cik, "8-K", ALPHA.filed, ALPHA.company)]
    assert len(read.warnings) == 1
    with pytest.raises(Exception, match="not XML"):
        parse_atom_feed(b"<feed><entry>")


@pytest.mark.corpus
def test_the_real_atom_sample_parses(corpus_dir):
    read = parse_atom_feed((corpus_dir / "edgar-api" / "current-feed" / "getcurrent-atom-sample.xml").read_bytes())
    assert len(read.refs) == 20 and not read.warnings  # 40 entries: each filing listed for two parties
    assert all(r.filed == "2025-12-12" and r.cik and r.form for r in read.refs)


def test_sigterm_stops_a_running_watch_cleanly(edgar, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "extractor", "watch", "--sec-url", edgar.sec_url, "--user-agent", TEST_USER_AGENT,
         "--store", str(tmp_path / "filings"), "--db", f"sqlite:///{tmp_path / 'w.sqlite'}", "--out", str(tmp_path / "out"),
         "--form", "8-K", "--interval", "120", "--rate", "10"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (tmp_path / "filings" / SEEN_FILE).exists():
            time.sleep(0.2)
        assert (tmp_path / "filings" / SEEN_FILE).exists(), "the first round never finished"
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "SIGTERM" in err and "watch: stopped" in err and "Traceback" not in err
    assert len(out.splitlines()) == 1 and json.loads(out)["filing"]["accession"] == ALPHA.accession
