"""`extractor fetch --query/--preset` and `extractor pipeline` against the fake EDGAR (search host included)."""

from __future__ import annotations

import sqlite3

import pytest

from extractor.cli import main
from extractor.edgar import iter_store
from fake_edgar import TEST_USER_AGENT, FakeEdgar, FakeEfts, Indexed
from planted import Planted, contract_8k, html_page, plant

ALPHA = Planted(
    "2000001", "0002000001-25-000003", "8-K", "2025-01-06", "Alpha Cloud Inc.",
    ("alpha-8k.htm", contract_8k("Alpha Cloud Inc.", "Orbit Labs, Inc.", "$3 million", "December 2027", 90)),
    (("alpha-ex101.htm", "EX-10.1", html_page("CAPACITY SERVICES AGREEMENT", "Schedule A: GPU compute capacity.")),
     ("alpha-ex991.htm", "EX-99.1", html_page("PRESS RELEASE", "Alpha signs a compute capacity deal."))),
)
BETA = Planted(
    "2000002", "0002000002-25-000011", "8-K", "2025-02-10", "Beta Compute Corp",
    ("beta-8k.htm", contract_8k("Beta Compute Corp", "Vector AI, Inc.", "$500,000", "March 2026", 60)),
)
OLD = Planted(
    "2000003", "0002000003-24-000001", "8-K", "2024-06-03", "Gamma Old Co",
    ("gamma-8k.htm", contract_8k("Gamma Old Co", "Delta, Inc.", "$1 million", "June 2026", 30)),
)


@pytest.fixture()
def edgar():
    efts = FakeEfts()
    fake = FakeEdgar()
    fake.route(FakeEfts.path, efts)
    for filing in (ALPHA, BETA, OLD):
        plant(fake, filing)
        efts.add(filing.indexed())
    # the press release of ALPHA matches too: one filing, fetched once
    efts.add(Indexed(ALPHA.accession, "alpha-ex991.htm", "8-K", ALPHA.filed, ALPHA.cik, ALPHA.company,
                     "GPU compute capacity at a price per month", file_type="EX-99.1"))
    with fake:
        fake.efts = efts
        yield fake


def access(fake, store):
    return ["--sec-url", fake.sec_url, "--data-url", fake.data_url, "--efts-url", fake.sec_url,
            "--user-agent", TEST_USER_AGENT, "--store", str(store), "--rate", "10", "--backoff", "0.01"]


def test_fetch_query_stores_each_found_filing_once_with_its_exhibits(edgar, tmp_path, capsys):
    store = tmp_path / "filings"
    code = main(["fetch", *access(edgar, store), "--query", '"GPU compute capacity"', "--since", "2025-01-01"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "3 hits seen of 3 reported" in captured.err
    filings = {f.ref.accession: f for f in iter_store(store)}
    assert sorted(filings) == sorted([ALPHA.accession, BETA.accession])
    alpha = filings[ALPHA.accession]
    assert alpha.primary.name == "alpha-8k.htm" and sorted(p.name for p in alpha.exhibits) == ["alpha-ex101.htm", "alpha-ex991.htm"]
    assert alpha.ref.company == ALPHA.company and alpha.ref.filed == ALPHA.filed
    assert "fetched 2, skipped 0" in captured.out
    assert edgar.max_in_one_second() <= 10


def test_fetch_query_with_cik_and_form(edgar, tmp_path, capsys):
    store = tmp_path / "filings"
    assert main(["fetch", *access(edgar, store), "--query", '"per month"', "--cik", BETA.cik, "--form", "8-K"]) == 0
    assert [f.ref.accession for f in iter_store(store)] == [BETA.accession]
    asked = edgar.efts.asked[-1]
    assert asked["ciks"] == f"{int(BETA.cik):010d}" and asked["forms"] == "8-K"
    assert main(["fetch", *access(edgar, store), "--query", "x", "--ticker", "ABC"]) == 2


def test_hostile_hits_write_nothing_outside_the_store(tmp_path, capsys):
    efts = FakeEfts()
    source = {"ciks": ["0002000001"], "form": "8-K", "file_date": "2025-01-06", "adsh": ALPHA.accession}
    efts.add(
        Indexed("x", "x", "8-K", "2025-01-06", "1", "E", "GPU", raw={**source, "adsh": "../../../escape"}, raw_id="../../../escape:a.htm"),
        Indexed("x", "x", "8-K", "2025-01-06", "1", "E", "GPU", raw={**source, "ciks": ["../../x"]}, raw_id=f"{ALPHA.accession}:a.htm"),
        Indexed("x", "x", "8-K", "2025-01-06", "1", "E", "GPU", raw=source, raw_id=f"{ALPHA.accession}:/etc/passwd"),
    )
    fake = FakeEdgar()
    fake.route(FakeEfts.path, efts)
    # a filing index that lists a hostile document name, and a document bigger than --max-bytes
    plant(fake, Planted("2000009", "0002000009-25-000001", "8-K", "2025-01-06", "Big Co", ("big.htm", "GPU " * 5000)))
    efts.add(Indexed("0002000009-25-000001", "big.htm", "8-K", "2025-01-06", "2000009", "Big Co", "GPU"))
    work = tmp_path / "work"
    store = work / "filings"
    with fake:
        code = main(["fetch", *access(fake, store), "--query", "GPU", "--since", "2025-01-01", "--max-bytes", "1000"])
    captured = capsys.readouterr()
    assert code == 1
    assert "3 refused" in captured.err and "over the limit" in captured.out
    outside = [p for p in tmp_path.rglob("*") if store not in p.parents and p != store and p not in (work,)]
    assert outside == []
    assert [p for p in store.rglob("*") if p.is_file() and not p.name.startswith(".") and ".cache" not in p.parts] == []


def contracts(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "select f.accession, c.monthly_fee_usd from contracts c join filings f on f.sha256 = c.filing_sha256 order by 1"
        ).fetchall()


def test_pipeline_preset_searches_fetches_extracts_and_loads_and_a_rerun_adds_nothing(edgar, tmp_path, capsys):
    store, db, out = tmp_path / "filings", tmp_path / "found.sqlite", tmp_path / "out"
    args = ["pipeline", "--preset", "compute", "--since", "2025-01-01", *access(edgar, store),
            "--db", f"sqlite:///{db}", "--out", str(out)]
    code = main(args)
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err
    assert contracts(db) == [(ALPHA.accession, 3_000_000.0), (BETA.accession, 500_000.0)]
    assert "fetched 2, skipped 0" in captured.out
    before = len(edgar.hits)
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "fetched 0, skipped 2" in captured.out and "0 processed" in captured.out
    assert contracts(db) == [(ALPHA.accession, 3_000_000.0), (BETA.accession, 500_000.0)]
    assert not any(p.endswith(".htm") for p in edgar.paths()[before:])
    # a new filing appears: the next run fetches and loads only it
    late = Planted("2000004", "0002000004-25-000002", "8-K", "2025-03-03", "Epsilon AI Corp",
                   ("eps-8k.htm", contract_8k("Epsilon AI Corp", "Sigma Robotics, Inc.", "$2 million", "March 2028", 45)))
    plant(edgar, late)
    edgar.efts.add(late.indexed())
    assert main(args) == 0
    assert "fetched 1, skipped 2" in capsys.readouterr().out
    assert [row[0] for row in contracts(db)] == [ALPHA.accession, BETA.accession, late.accession]


def test_pipeline_needs_a_query(edgar, tmp_path, capsys):
    assert main(["pipeline", *access(edgar, tmp_path / "s")]) == 2
    assert "--query QUERY or --preset NAME" in capsys.readouterr().err
