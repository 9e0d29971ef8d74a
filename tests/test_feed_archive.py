"""`extractor fetch --feed DAY` and `extractor batch ARCHIVE --only-form F` over a feed archive built here."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from extractor.batch.forms import header_form
from extractor.cli import main
from fake_edgar import TEST_USER_AGENT, FakeEdgar, status
from planted import Planted, contract_8k, feed_archive, nc_submission

DAY_PATH = "/Archives/edgar/Feed/2025/QTR1/20250106.nc.tar.gz"


def filing(n: int, company: str, fee: str, form: str = "8-K") -> Planted:
    cik = str(4000000 + n)
    return Planted(cik, f"{int(cik):010d}-25-{n:06d}", form, "2025-01-06", company,
                   (f"f{n}.htm", contract_8k(company, "Helios Models, Inc.", fee, "January 2029", 60)))


ALPHA = filing(1, "Alpha Racks Inc.", "$7 million")
BETA = filing(2, "Beta Grid Corp", "$900,000")
TEN_Q = filing(3, "Quarterly Co", "$5 million", form="10-Q")


@pytest.fixture()
def archive_bytes() -> bytes:
    return feed_archive([
        (f"{ALPHA.accession}.nc", nc_submission(ALPHA)),
        (f"{TEN_Q.accession}.nc", nc_submission(TEN_Q)),
        ("../../escape.nc", nc_submission(BETA)),
        (f"{BETA.accession}.nc", nc_submission(BETA)),
    ])


def fetch_feed(fake, store, day="2025-01-06"):
    return main(["fetch", "--feed", day, "--sec-url", fake.sec_url, "--user-agent", TEST_USER_AGENT,
                 "--store", str(store), "--rate", "10", "--backoff", "0.01", "--retries", "1"])


def test_fetch_feed_stores_the_day_once_and_batch_reads_it_filtered(archive_bytes, tmp_path, capsys):
    fake = FakeEdgar()
    fake.put(DAY_PATH, archive_bytes)
    store = tmp_path / "filings"
    with fake:
        assert fetch_feed(fake, store) == 0
        assert fetch_feed(fake, store) == 0
    out = capsys.readouterr().out
    path = store / "feed" / "2025" / "QTR1" / "20250106.nc.tar.gz"
    assert f"fetched {path}" in out and f"skipped {path}" in out
    assert hashlib.sha256(path.read_bytes()).hexdigest() == hashlib.sha256(archive_bytes).hexdigest()
    assert fake.paths().count(DAY_PATH) == 1  # the second run verified the file instead
    db = tmp_path / "feed.sqlite"
    code = main(["batch", str(path), "--only-form", "8-K", "--db", f"sqlite:///{db}", "--out", str(tmp_path / "out"), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 1  # the member named ../../escape.nc is refused and recorded
    assert "2 processed, 1 failed" in err and "1 left out by --only-form" in err
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select f.accession, f.cik, f.form, c.monthly_fee_usd from contracts c "
                            "join filings f on f.sha256 = c.filing_sha256 order by 1").fetchall()
        failures = conn.execute("select source, reason from failures").fetchall()
    assert rows == [(ALPHA.accession, ALPHA.cik, "8-K", 7_000_000.0), (BETA.accession, BETA.cik, "8-K", 900_000.0)]
    assert len(failures) == 1 and "escape.nc" in failures[0][0] and "'..'" in failures[0][1]
    assert not (tmp_path / "escape.nc").exists() and not list(tmp_path.rglob("escape.nc"))
    assert not list((tmp_path / "out").glob(".tmp-batch-*"))  # members were private copies, all gone


def test_a_day_without_an_archive_and_a_failing_server_are_one_line_errors(tmp_path, capsys):
    fake = FakeEdgar()
    with fake:
        assert fetch_feed(fake, tmp_path / "s", "2025-01-04") == 1
        assert "no dissemination archive for 2025-01-04" in capsys.readouterr().err
        fake.put(DAY_PATH, b"x" * 1000)
        fake.script(DAY_PATH, status(503), status(503), status(503))
        assert fetch_feed(fake, tmp_path / "s") == 1
        assert "server error 503" in capsys.readouterr().err
        assert fetch_feed(fake, tmp_path / "s", "2025-13-01") == 2
        assert fetch_feed(fake, tmp_path / "s", "2025-01-06") == 0  # the faults are used up
    assert not [p for p in (tmp_path / "s").rglob("*") if p.name.startswith(".tmp-")]


def test_header_form_reads_only_submission_headers():
    assert header_form(nc_submission(TEN_Q)[:300]) == "10-Q"
    assert header_form(b"<SEC-DOCUMENT>x\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t8-K/A\n") == "8-K/A"
    assert header_form(b"<html><body>FORM 8-K</body></html>") is None
