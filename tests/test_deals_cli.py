"""``extractor deals``: the deals of a database as a table, JSON or CSV, filtered by party."""

from __future__ import annotations

import csv
import io
import json

import pytest
from deals_support import FILES, fixture_results

from extractor.cli import main
from extractor.sinks.sql import SqlSink


@pytest.fixture
def deals_db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'deals.sqlite'}"
    sink = SqlSink(url)
    for name in FILES:
        sink.load_filing(fixture_results()[name])
    sink.close()
    return url


def test_csv_lists_one_row_per_deal(deals_db, capsys):
    assert main(["deals", "--db", deals_db, "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["customer"], r["filing_count"], r["total_value"], r["term_end"]) for r in rows] == [
        ("Nebula Cloud, Inc.", "5", "2900000000.0", "2031-06"),
        ("Nebula Cloud Holdings Ltd.", "2", "", "2030-09"),
    ]


def test_a_customer_name_matches_its_own_deals_not_look_alikes(deals_db, capsys):
    assert main(["deals", "--db", deals_db, "--customer", "Nebula Cloud", "--json"]) == 0
    (deal,) = json.loads(capsys.readouterr().out)
    assert deal["customer"] == "Nebula Cloud, Inc." and [s["form"] for s in deal["statements"]] == ["S-1", "S-1/A", "424B4", "10-Q", "8-K/A"]
    assert [e["field"] for e in deal["events"]] == ["total_value", "gpus", "provider", "term_end"]
    assert main(["deals", "--db", deals_db, "--customer", "Nebula Cloud Holdings Ltd", "--json"]) == 0
    assert [d["customer"] for d in json.loads(capsys.readouterr().out)] == ["Nebula Cloud Holdings Ltd."]
    assert main(["deals", "--db", deals_db, "--customer", "nebula", "--csv"]) == 0  # no deal's key: a part of the name
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert main(["deals", "--db", deals_db, "--provider", "Halvard Compute Corporation", "--csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert main(["deals", "--db", deals_db, "--provider", "Nebula Cloud", "--csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1  # the header only


def test_the_table_shows_the_current_terms(deals_db, capsys):
    assert main(["deals", "--db", deals_db]) == 0
    out = capsys.readouterr().out
    assert "2 deals" in out and "Nebula Cloud Holdings Ltd." in out
    line = next(line for line in out.splitlines() if "Nebula Cloud, Inc." in line)
    for cell in ("$60M", "$2.9B", "2031-06", "32,000 GPUs", "2025-09-02", "2026-02-17"):
        assert cell in line


def test_a_missing_database_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["deals", "--db", f"sqlite:///{tmp_path / 'none.sqlite'}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no database at" in err
    assert not (tmp_path / "none.sqlite").exists()
