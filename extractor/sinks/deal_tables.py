"""The ``deals``, ``deal_events`` and ``deal_contracts`` tables of a SQL database, kept current.

A deal's rows depend on every contract of its group (identity.py), so loading or
replacing a filing recomputes, in the same transaction, each group the filing's old or
new contracts belong to, from the contracts table: the rows are the same whatever order
the filings came in, and a kill leaves them matching the contracts. A database made
before these tables existed gets them filled from all its contracts when first opened.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from extractor.deals import ContractFact, build_deals
from extractor.deals.identity import group_key
from extractor.models import Contract, FilingMeta, FilingResult
from extractor.sinks.rows import deal_rows
from extractor.sinks.schema import DEAL_TABLES

_CHUNK = 500  # keys per IN (...) list
_META = ("sha256", "source", "form", "cik", "company", "accession", "filed", "url")


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i : i + _CHUNK]


def groups_of_filings(conn: Connection, tables: dict[str, sa.Table], shas: Iterable[str]) -> set[str]:
    """The deal groups the contracts of these filings are in now."""
    dc = tables["deal_contracts"]
    found: set[str] = set()
    for chunk in _chunks(sorted(set(shas))):
        found.update(conn.scalars(sa.select(dc.c.deal_group).where(dc.c.filing_sha256.in_(chunk)).distinct()))
    return found


def forget_filings(conn: Connection, tables: dict[str, sa.Table], shas: Iterable[str]) -> None:
    dc = tables["deal_contracts"]
    for chunk in _chunks(sorted(set(shas))):
        conn.execute(sa.delete(dc).where(dc.c.filing_sha256.in_(chunk)))


def facts_of(result: FilingResult) -> list[ContractFact]:
    return [ContractFact(result.filing, c) for c in result.contracts]


def _facts_query(tables: dict[str, sa.Table]) -> sa.Select:
    filings, contracts = tables["filings"], tables["contracts"]
    return sa.select(*(filings.c[name] for name in _META), contracts.c.contract_json).join(
        contracts, contracts.c.filing_sha256 == filings.c.sha256
    )


def _fact(row) -> ContractFact:
    meta = FilingMeta(**{name: row._mapping[name] for name in _META})
    contract_json = row._mapping["contract_json"]
    contract = Contract.model_validate_json(contract_json) if isinstance(contract_json, str) else Contract.model_validate(contract_json)
    return ContractFact(meta, contract)


def refresh_groups(conn: Connection, tables: dict[str, sa.Table], groups: set[str], new_facts: list[ContractFact] = ()) -> None:
    """Recompute the deals of ``groups`` from the contracts table plus ``new_facts`` (the
    contracts of a filing being loaded, not yet in deal_contracts)."""
    if not groups:
        return
    dc, contracts = tables["deal_contracts"], tables["contracts"]
    facts = [f for f in new_facts if group_key(f) in groups]
    for chunk in _chunks(sorted(groups)):
        query = _facts_query(tables).join(
            dc, sa.and_(dc.c.filing_sha256 == contracts.c.filing_sha256, dc.c.contract_id == contracts.c.contract_id)
        )
        facts.extend(_fact(row) for row in conn.execute(query.where(dc.c.deal_group.in_(chunk))))
    _delete_groups(conn, tables, sorted(groups))
    _insert(conn, tables, build_deals(facts))


def rebuild(conn: Connection, tables: dict[str, sa.Table]) -> None:
    """Every deal from every contract (a database that had no deal tables yet)."""
    facts = [_fact(row) for row in conn.execute(_facts_query(tables))]
    for table in DEAL_TABLES:
        conn.execute(sa.delete(tables[table.name]))
    _insert(conn, tables, build_deals(facts))


def needs_rebuild(conn: Connection, tables: dict[str, sa.Table]) -> bool:
    """Contracts but no deal rows: the tables were added to an existing database."""
    has = lambda t: conn.execute(sa.select(sa.literal(1)).select_from(tables[t]).limit(1)).first() is not None  # noqa: E731
    return has("contracts") and not has("deal_contracts")


def _delete_groups(conn: Connection, tables: dict[str, sa.Table], groups: list[str]) -> None:
    deals, events, dc = tables["deals"], tables["deal_events"], tables["deal_contracts"]
    for chunk in _chunks(groups):
        ids = sa.select(deals.c.deal_id).where(deals.c.deal_group.in_(chunk))
        conn.execute(sa.delete(events).where(events.c.deal_id.in_(ids)))
        conn.execute(sa.delete(deals).where(deals.c.deal_group.in_(chunk)))
        conn.execute(sa.delete(dc).where(dc.c.deal_group.in_(chunk)))


def _insert(conn: Connection, tables: dict[str, sa.Table], deals) -> None:
    by_table: dict[str, list] = {t.name: [] for t in DEAL_TABLES}
    for deal in deals:
        for name, rows in deal_rows(deal).by_table().items():
            by_table[name].extend(rows)
    for table in reversed(DEAL_TABLES):  # deals first
        if by_table[table.name]:
            conn.execute(sa.insert(tables[table.name]), by_table[table.name])


LIST_COLUMNS = (
    "deal_id", "provider", "customer", "kind", "facility", "monthly_fee_usd", "total_value", "term_end", "notice_days",
    "capacity_mw", "gpus", "filing_count", "first_filed", "last_filed", "event_count", "last_changed",
)


def read_deals(url: str, *, customer: str | None = None, provider: str | None = None) -> list[dict]:
    """The ``deals`` rows of a database (largest total first), optionally of one customer or
    provider. A name matches its canonical key exactly ("Nebula Cloud, Inc." is not "Nebula
    Cloud Holdings"); a name that is no deal's key matches as a part of the names shown."""
    from extractor.deals.names import name_key
    from extractor.errors import SinkError, UsageError
    from extractor.sinks.sql import engine_url, sqlite_file

    database = sqlite_file(url)
    if database is not None and not database.is_file():
        raise UsageError(f"--db: no database at {database} (run `extractor batch` first)")
    engine = sa.create_engine(engine_url(url))
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("deals"):
                raise UsageError("--db: the database has no deals table (run `extractor batch` with this version)")
            rows = [dict(r._mapping) for r in conn.execute(sa.text("SELECT * FROM deals"))]
    except sa.exc.SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise SinkError(f"cannot read deals: {detail}", source=engine_url(url).render_as_string(hide_password=True)) from None
    finally:
        engine.dispose()
    for side, name in (("customer", customer), ("provider", provider)):
        if name:
            key = name_key(name)
            exact = [r for r in rows if r[f"{side}_key"] == key]
            rows = exact or [r for r in rows if name.lower() in (r[side] or "").lower()]
    for row in rows:
        if isinstance(row.get("deal_json"), str):
            row["deal_json"] = json.loads(row["deal_json"])
    return sorted(rows, key=lambda r: (-(r["total_value"] or 0), -(r["monthly_fee_usd"] or 0), r["deal_id"]))
