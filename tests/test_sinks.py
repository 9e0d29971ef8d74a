"""The sinks on their own: SQL (SQLite and a real PostgreSQL), JSON Lines, Parquet."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa
from test_batch_support import query, count, database_url, make_result, table_rows  # noqa: F401 (fixture)

from extractor import __version__
from extractor.batch.items import failure
from extractor.errors import SinkError, UsageError
from extractor.sinks import parquet
from extractor.sinks.jsonl import FILINGS_FILE, JsonlSink
from extractor.sinks.schema import TABLES
from extractor.sinks.sql import SqlSink, engine_url


def test_sql_tables_and_typed_contract_columns(database_url):
    sink = SqlSink(database_url)
    sink.load_filing(make_result())
    sink.close()
    engine = sa.create_engine(engine_url(database_url))
    with engine.connect() as conn:
        names = set(sa.inspect(conn).get_table_names())
        row = conn.execute(
            sa.text(
                "SELECT provider, customer, monthly_fee_usd, fee_amount, fee_period, term_end, notice_days, "
                "notice_party, capacity_mw, confidence, contract_json FROM contracts"
            )
        ).one()
    engine.dispose()
    assert names >= {t.name for t in TABLES}
    assert row[:10] == ("Example Cloud Inc.", "Example Labs", 1.25e9, 1.25e9, "month", "2029-05", 90, "either", 300.0, 0.9)
    full = row[10] if isinstance(row[10], dict) else json.loads(row[10])
    assert full["termination_notice"]["days"] == 90
    assert count(database_url, "sections") == 2 and count(database_url, "evidence") == 2


def test_sql_reload_replaces_rows_never_duplicates(database_url):
    sink = SqlSink(database_url)
    sink.load_filing(make_result(fee=1e9))
    sink.load_filing(make_result(fee=2e9))  # the same filing (sha256) again
    sink.load_filing(make_result("b" * 64, source="other.txt"))
    sink.close()
    assert count(database_url, "filings") == 2
    assert count(database_url, "contracts") == 2 and count(database_url, "sections") == 4
    fees = {row[0]: row[1] for row in _query(database_url, "SELECT filing_sha256, monthly_fee_usd FROM contracts")}
    assert fees["a" * 64] == 2e9


def test_sql_failures_replace_and_clear_on_success(database_url):
    sink = SqlSink(database_url)
    sink.record_failure(failure("filing.txt", "parse", "first reason", sha256="a" * 64))
    sink.record_failure(failure("filing.txt", "parse", "second reason", sha256="a" * 64))
    assert [r[:3] for r in _query(database_url, "SELECT source, stage, reason FROM failures")] == [
        ("filing.txt", "parse", "second reason")
    ]
    assert sink.done_keys(__version__) == {"a" * 64}
    sink.load_filing(make_result())  # the same input now goes through: its failure is gone
    assert count(database_url, "failures") == 0
    assert sink.done_keys(__version__) == {"a" * 64} and sink.done_keys("0.0.0-other") == set()
    sink.close()


_REFUSE_EVIDENCE = {
    "sqlite": ["CREATE TRIGGER refuse BEFORE INSERT ON evidence BEGIN SELECT RAISE(ABORT, 'refused by test'); END"],
    "postgresql": [
        "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER refuse BEFORE INSERT ON evidence FOR EACH ROW EXECUTE FUNCTION refuse()",
    ],
}


def test_sql_load_is_one_transaction(database_url):
    """The database refuses the last insert of a reload (evidence, by a trigger):
    the filing's previous rows are all still there, none of the new ones."""
    sink = SqlSink(database_url)
    sink.load_filing(make_result())
    before = {t.name: table_rows(database_url, t.name) for t in TABLES}
    with sink.engine.begin() as conn:
        for statement in _REFUSE_EVIDENCE[sink.engine.dialect.name]:
            conn.execute(sa.text(statement))
    with pytest.raises(SinkError, match="cannot load filing .*refused by test"):
        sink.load_filing(make_result(fee=5e9))
    sink.close()
    assert {t.name: table_rows(database_url, t.name) for t in TABLES} == before


def test_sql_bad_urls_are_one_line_errors(tmp_path):
    with pytest.raises(UsageError, match="unsupported database"):
        SqlSink("mysql://localhost/x")
    with pytest.raises(UsageError, match="not a database URL"):
        SqlSink("not a url")
    with pytest.raises(SinkError, match="cannot create tables"):
        SqlSink("postgresql://nobody@127.0.0.1:1/none")
    assert engine_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert engine_url("postgres://u@h/db").drivername == "postgresql+psycopg"


def test_jsonl_torn_line_is_cut_and_duplicates_compacted(tmp_path):
    sink = JsonlSink(tmp_path)
    sink.load_filing(make_result(fee=1e9))
    sink.record_failure(failure("bad.txt", "read", "empty input"))
    sink.close()
    path = tmp_path / FILINGS_FILE
    with open(path, "ab") as fh:  # what a kill mid-write leaves
        fh.write(b'{"schema_version": 1, "filing": {"sha')
    sink = JsonlSink(tmp_path)
    assert sink.done_keys(__version__) == {"a" * 64}
    sink.load_filing(make_result(fee=2e9))
    sink.load_filing(make_result("b" * 64, source="bad.txt"))  # the failed input now goes through
    sink.close()
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert sorted(r["filing"]["sha256"] for r in lines) == ["a" * 64, "b" * 64]
    assert [r["contracts"][0]["monthly_fee"]["amount"] for r in lines if r["filing"]["sha256"] == "a" * 64] == [2e9]
    assert (tmp_path / "failures.jsonl").read_text() == ""


def test_parquet_export_has_every_table_typed(tmp_path):
    results = [make_result(), make_result("b" * 64, source="b.txt")]
    failures = [failure("c.txt", "read", "empty input")]
    counts = parquet.export(tmp_path / "pq", lambda: (r.model_dump_json() for r in results), failures)
    # the two filings state one deal (the same parties): one deal row, both its contracts
    assert counts == {"evidence": 4, "contracts": 2, "sections": 4, "filings": 2, "failures": 1, "deals": 1, "deal_events": 0, "deal_contracts": 2}
    contracts = pq.read_table(tmp_path / "pq" / "contracts.parquet")
    assert str(contracts.schema.field("monthly_fee_usd").type) == "double"
    assert contracts.column("notice_days").to_pylist() == [90, 90]
    assert json.loads(contracts.column("contract_json")[0].as_py())["kind"] == "compute_services"
    filings = pq.read_table(tmp_path / "pq" / "filings.parquet")
    assert filings.column("loaded_at")[0].as_py() <= datetime.now(timezone.utc)
    assert not list((tmp_path / "pq").glob(".tmp-*"))


_query = query  # shared with the other database tests (test_batch_support)


def test_a_changed_file_replaces_its_old_rows(database_url, tmp_path):
    sql, jsonl = SqlSink(database_url), JsonlSink(tmp_path)
    for sink in (sql, jsonl):
        sink.load_filing(make_result("a" * 64, source="filing.txt"))
    sql.close(), jsonl.close()
    sql, jsonl = SqlSink(database_url), JsonlSink(tmp_path)
    for sink in (sql, jsonl):
        sink.load_filing(make_result("c" * 64, source="filing.txt"))  # same path, new bytes
    sql.close(), jsonl.close()
    assert [row[0] for row in table_rows(database_url, "filings")] == ["c" * 64]
    assert count(database_url, "contracts") == 1 and count(database_url, "sections") == 2
    lines = [json.loads(line) for line in (tmp_path / FILINGS_FILE).read_text().splitlines()]
    assert [r["filing"]["sha256"] for r in lines] == ["c" * 64]


# The first questions an analyst asks (README "Batch processing"): the same SQL
# runs on SQLite and PostgreSQL.
ANALYST_QUERIES = {
    "over_1bn_a_month": """
        SELECT f.company, f.form, f.filed, c.provider, c.customer, c.monthly_fee_usd, c.term_end
        FROM contracts c JOIN filings f ON f.sha256 = c.filing_sha256
        WHERE c.monthly_fee_usd > 1000000000
        ORDER BY c.monthly_fee_usd DESC""",
    "ending_before_2030": """
        SELECT f.company, c.provider, c.customer, c.term_start, c.term_end, c.notice_days, c.notice_party
        FROM contracts c JOIN filings f ON f.sha256 = c.filing_sha256
        WHERE c.term_end < '2030'
        ORDER BY c.term_end""",
    "by_counterparty": """
        SELECT CASE WHEN c.provider_is_filer THEN c.customer ELSE c.provider END AS counterparty,
               COUNT(*) AS contracts, SUM(c.monthly_fee_usd) AS monthly_fee_usd,
               SUM(c.total_value) AS total_value, SUM(c.capacity_mw) AS capacity_mw, MAX(c.term_end) AS last_end
        FROM contracts c
        GROUP BY CASE WHEN c.provider_is_filer THEN c.customer ELSE c.provider END
        ORDER BY contracts DESC, counterparty""",
}


def test_the_readme_queries_run_on_both_databases(database_url):
    sink = SqlSink(database_url)
    sink.load_filing(make_result("a" * 64, source="a.txt", fee=1.25e9))
    sink.load_filing(make_result("b" * 64, source="b.txt", fee=5e8))
    sink.close()
    big = _query(database_url, ANALYST_QUERIES["over_1bn_a_month"])
    assert [(r[0], r[3], r[4], r[5], r[6]) for r in big] == [
        ("Example Cloud Inc.", "Example Cloud Inc.", "Example Labs", 1.25e9, "2029-05")
    ]
    assert len(_query(database_url, ANALYST_QUERIES["ending_before_2030"])) == 2
    assert _query(database_url, ANALYST_QUERIES["by_counterparty"]) == [("Example Labs", 2, 1.75e9, None, 600.0, "2029-05")]


def test_the_readme_shows_exactly_the_tested_queries():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    flat = " ".join(readme.split())
    for name, sql in ANALYST_QUERIES.items():
        assert " ".join(sql.split()) + ";" in flat, f"README no longer shows the tested query {name}"


def test_a_changed_input_is_found_by_an_index_not_a_scan_and_old_databases_get_it(database_url):
    """Loading a filing looks up the rows of its source (the same input with other bytes);
    without an index on filings.source that read the whole table once per filing."""
    SqlSink(database_url).close()
    engine = sa.create_engine(engine_url(database_url))
    with engine.begin() as conn:
        conn.execute(sa.text("DROP INDEX ix_filings_source"))  # a database made before the index
    sink = SqlSink(database_url)
    sink.load_filing(make_result())
    sink.close()
    with engine.connect() as conn:
        indexes = {tuple(i["column_names"]) for i in sa.inspect(conn).get_indexes("filings")}
        if database_url.startswith("sqlite"):
            plan = " ".join(r[-1] for r in conn.execute(sa.text("EXPLAIN QUERY PLAN SELECT sha256 FROM filings WHERE source = 'x'")))
            assert "USING" in plan and "INDEX" in plan, plan
    engine.dispose()
    assert ("source",) in indexes


def _parts(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*.parquet") if p.is_file()}


def test_parquet_export_after_one_filing_changed_rewrites_only_its_parts(tmp_path):
    """Each table is a folder of parts; one changed filing rewrites the part its source is in
    (of each filing table) and the part of its deal group, and the rows are those of a fresh export."""
    results = [make_result(f"{i:02d}" + "d" * 62, source=f"f{i:02d}.txt", fee=1e9 + i) for i in range(40)]
    lines = [r.model_dump_json() for r in results]
    folder = tmp_path / "pq"
    parquet.export(folder, lambda: iter(lines), [])
    assert parquet.exported(folder)
    before = _parts(folder)
    assert parquet.export(folder, lambda: iter(lines), []) and _parts(folder) == before  # nothing changed: nothing written

    changed = make_result("ff" + "d" * 62, source="f07.txt", fee=5e9)  # f07.txt's bytes changed
    lines[7] = changed.model_dump_json()
    counts = parquet.export(folder, lambda: iter(lines), [])
    after = _parts(folder)
    rewritten = sorted(name for name, inode in after.items() if before.get(name) != inode)
    filing_parts = {name.split("/")[1] for name in rewritten if name.split("/")[0] in ("filings.parquet", "sections.parquet")}
    assert len(filing_parts) == 1 and len(rewritten) <= 4 + 3, rewritten  # one part of each filing table, the deal's part
    assert len(before) > 20
    fresh = tmp_path / "fresh"
    assert parquet.export(fresh, lambda: iter(lines), []) == counts
    for table in ("filings", "contracts", "evidence", "deals", "deal_contracts"):
        plain = lambda t: sorted((json.dumps({k: v for k, v in r.items() if k != "loaded_at"}, sort_keys=True, default=str)
                                  for r in pq.read_table(t / f"{table}.parquet").to_pylist()))  # noqa: E731
        assert plain(folder) == plain(fresh), table
    assert [r["monthly_fee_usd"] for r in pq.read_table(folder / "contracts.parquet").to_pylist() if r["filing_sha256"].startswith("ff")] == [5e9]


def test_an_older_export_of_single_files_is_replaced_by_folders_of_parts(tmp_path):
    folder = tmp_path / "pq"
    folder.mkdir()
    (folder / "filings.parquet").write_bytes(b"PAR1 an older single-file export")
    parquet.export(folder, lambda: iter([make_result().model_dump_json()]), [])
    assert (folder / "filings.parquet").is_dir() and pq.read_table(folder / "filings.parquet").num_rows == 1
