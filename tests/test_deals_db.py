"""The deal tables in SQLite, PostgreSQL and Parquet: the fixture deal comes out as one deal
with five filings whatever order the filings are loaded in, batch keeps it current, and the
README's deal queries run on both databases."""

from __future__ import annotations

import json
import shutil
from itertools import permutations
from pathlib import Path

import pyarrow.parquet as pq
import sqlalchemy as sa
from deals_support import DEALS_DIR, FILES, NEBULA_CURRENT, NEBULA_EVENTS, fixture_results
from test_batch_support import query, database_url, table_rows  # noqa: F401 (fixture)

from extractor.cli import main
from extractor.sinks.schema import DEAL_TABLES
from extractor.sinks.sql import SqlSink, engine_url

DEAL_TABLE_NAMES = [t.name for t in DEAL_TABLES]


_query = query  # shared with the other database tests (test_batch_support)


def _reset(url: str) -> None:
    sink = SqlSink(url)
    sink.metadata.drop_all(sink.engine)
    sink.close()


def _load(url: str, names) -> dict[str, list[tuple]]:
    results = fixture_results()
    sink = SqlSink(url)
    for name in names:
        sink.load_filing(results[name])
    sink.close()
    return {table: table_rows(url, table) for table in DEAL_TABLE_NAMES}


def test_every_load_order_gives_the_same_deal_rows(database_url):
    orders = list(permutations(FILES))
    if database_url.startswith("postgresql"):
        orders = orders[::11]  # a server round trip per statement: a spread of the 120 orders
    expected = _load(database_url, FILES)
    for order in orders[1:]:
        _reset(database_url)
        assert _load(database_url, order) == expected, f"load order {order}"
    rows = _query(database_url, "SELECT customer, filing_count, first_form, last_form, event_count FROM deals ORDER BY customer")
    assert rows == [("Nebula Cloud Holdings Ltd.", 2, "424B4", "10-Q", 0), ("Nebula Cloud, Inc.", 5, "S-1", "8-K/A", 4)]


def test_the_fixture_deal_has_its_current_values_and_events(database_url):
    _load(database_url, reversed(FILES))
    columns = list(NEBULA_CURRENT)
    (row,) = _query(database_url, f"SELECT {', '.join(columns)}, first_filed, last_filed FROM deals WHERE customer = 'Nebula Cloud, Inc.'")
    assert dict(zip(columns, row[:-2])) == NEBULA_CURRENT and row[-2:] == ("2025-09-02", "2026-02-17")
    events = _query(
        database_url,
        "SELECT e.field, e.change, e.old_value, e.new_value, e.form, e.amendment, e.evidence FROM deal_events e "
        "JOIN deals d ON d.deal_id = e.deal_id WHERE d.customer = 'Nebula Cloud, Inc.' ORDER BY e.ordinal",
    )
    assert [(f, c, o, n, form) for f, c, o, n, form, _, _ in events] == [
        (f, c, str(int(o)) if isinstance(o, float) else o, str(int(n)) if isinstance(n, float) else n, form) for f, c, o, n, form in NEBULA_EVENTS
    ]
    assert [bool(e[5]) for e in events] == [True, False, False, False]  # the S-1/A supersedes the S-1
    assert "Halvard Cloud Services" in events[2][6]  # the new party's evidence names it
    assert "June 2031" in events[3][6]
    # every contract of the deal is linked to it
    linked = _query(database_url, "SELECT COUNT(*) FROM deal_contracts dc JOIN deals d ON d.deal_id = dc.deal_id WHERE d.customer = 'Nebula Cloud, Inc.'")
    assert linked == [(5,)]


def test_reloading_and_replacing_filings_keeps_the_deals_current(database_url):
    results = fixture_results()
    before = _load(database_url, FILES)
    sink = SqlSink(database_url)
    sink.load_filing(results["halvard-10q.txt"])  # the same filing again: nothing changes
    sink.close()
    assert {t: table_rows(database_url, t) for t in DEAL_TABLE_NAMES} == before
    # the 8-K/A's file now holds other bytes without the contract: the deal loses that filing
    emptied = results["halvard-8ka.txt"].model_copy(update={"contracts": [], "filing": results["halvard-8ka.txt"].filing.model_copy(update={"sha256": "e" * 64})})
    sink = SqlSink(database_url)
    sink.load_filing(emptied)
    sink.close()
    rows = _query(database_url, "SELECT filing_count, term_end, last_form, event_count FROM deals WHERE customer = 'Nebula Cloud, Inc.'")
    assert rows == [(4, "2029-06", "10-Q", 3)]  # total raised, GPUs added, a new party


def test_a_database_from_before_the_deal_tables_gets_them_filled(database_url):
    expected = _load(database_url, FILES)
    engine = sa.create_engine(engine_url(database_url))
    with engine.begin() as conn:
        for table in DEAL_TABLE_NAMES:
            conn.execute(sa.text(f"DROP TABLE {table}"))
    engine.dispose()
    SqlSink(database_url).close()
    assert {t: table_rows(database_url, t) for t in DEAL_TABLE_NAMES} == expected


def _plain_rows(rows: list[dict], skip=("deal_json",)) -> list[tuple]:
    return sorted((tuple((k, v) for k, v in sorted(r.items()) if k not in skip) for r in rows), key=repr)


def test_batch_builds_the_same_deals_in_sqlite_and_parquet_in_any_order(tmp_path, capsys):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    # two runs: the later filings first, then the S-1 and S-1/A
    for name in FILES[2:]:
        shutil.copy(DEALS_DIR / name, first / name)
    for name in FILES[:2]:
        shutil.copy(DEALS_DIR / name, second / name)
    db = f"sqlite:///{tmp_path / 'deals.sqlite'}"
    for folder in (first, second):
        code = main(["batch", "--no-progress", str(folder), "--out", str(tmp_path / "out"), "--db", db, "--parquet", str(tmp_path / "pq"), "--jobs", "1"])
        assert code == 0
    capsys.readouterr()
    rows = _query(db, "SELECT customer, filing_count, total_value, term_end, gpus FROM deals ORDER BY customer")
    assert rows == [("Nebula Cloud Holdings Ltd.", 2, None, "2030-09", None), ("Nebula Cloud, Inc.", 5, 2.9e9, "2031-06", 32000.0)]
    engine = sa.create_engine(engine_url(db))
    with engine.connect() as conn:
        for table in DEAL_TABLE_NAMES:
            in_sql = [dict(r._mapping) for r in conn.execute(sa.text(f"SELECT * FROM {table}"))]
            in_parquet = pq.read_table(tmp_path / "pq" / f"{table}.parquet").to_pylist()
            assert _plain_rows(in_sql) == _plain_rows(in_parquet), table
            if table == "deals":
                by_id = {r["deal_id"]: json.loads(r["deal_json"]) for r in in_parquet}
                assert all(by_id[r["deal_id"]] == json.loads(r["deal_json"]) for r in in_sql)
    engine.dispose()


# The questions an analyst asks of the deals (README "Deals across filings"): the same SQL
# on SQLite and PostgreSQL.
DEAL_QUERIES = {
    "largest_by_total": """
        SELECT provider, customer, kind, total_value, monthly_fee_usd, term_end, filing_count, last_filed
        FROM deals
        WHERE total_value IS NOT NULL
        ORDER BY total_value DESC
        LIMIT 20""",
    "deals_of_a_customer": """
        SELECT d.provider, d.kind, d.facility, d.monthly_fee_usd, d.total_value, d.term_end, d.gpus, d.capacity_mw,
               d.first_filed, d.last_filed, d.filing_count
        FROM deals d
        WHERE d.customer_key = 'nebula cloud'
        ORDER BY d.first_filed""",
    "changed_last_quarter": """
        SELECT d.provider, d.customer, e.field, e.change, e.old_value, e.new_value, e.form, e.filed, e.evidence
        FROM deal_events e JOIN deals d ON d.deal_id = e.deal_id
        WHERE e.filed >= '2026-01-01' AND e.filed < '2026-04-01'
        ORDER BY e.filed, d.deal_id, e.ordinal""",
}


def test_the_readme_deal_queries_run_on_both_databases(database_url):
    _load(database_url, FILES)
    assert _query(database_url, DEAL_QUERIES["largest_by_total"]) == [
        ("HALVARD COMPUTE CORP.", "Nebula Cloud, Inc.", "compute_services", 2.9e9, 6e7, "2031-06", 5, "2026-02-17")
    ]
    assert [r[2] for r in _query(database_url, DEAL_QUERIES["deals_of_a_customer"])] == ["Tamarack"]  # not the Holdings deal
    changed = _query(database_url, DEAL_QUERIES["changed_last_quarter"])
    assert [r[2:8] for r in changed] == [("term_end", "extended", "2029-06", "2031-06", "8-K/A", "2026-02-17")]


def test_the_readme_shows_exactly_the_tested_deal_queries():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    flat = " ".join(readme.split())
    for name, sql in DEAL_QUERIES.items():
        assert " ".join(sql.split()) + ";" in flat, f"README no longer shows the tested query {name}"
