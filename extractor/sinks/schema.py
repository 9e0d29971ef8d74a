"""The tables every tabular sink writes (SQL and Parquet), declared once as data.

One schema for SQLite, PostgreSQL and Parquet. Offsets are named ``start_offset``
/ ``end_offset`` (``end`` is reserved in SQL). Dates from the text stay ISO
strings (``YYYY-MM`` or ``YYYY-MM-DD``), so ``term_end < '2030'`` works everywhere.
Amounts are in currency units; ``*_usd`` columns are filled only when the
currency is USD. Each table keeps the full JSON beside its typed columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["text", "int", "float", "bool", "json", "timestamp"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    primary_key: bool = False
    nullable: bool = True
    index: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]


def _pk(name: str, type: ColumnType = "text") -> Column:
    return Column(name, type, primary_key=True, nullable=False)


FILINGS = Table(
    "filings",
    (
        _pk("sha256"),
        Column("source", "text", index=True),  # a changed input replaces its old rows: looked up per filing
        Column("bytes", "int"),
        Column("form", "text", index=True),
        Column("cik", "text", index=True),
        Column("company", "text"),
        Column("accession", "text", index=True),
        Column("filed", "text"),
        Column("url", "text"),
        Column("schema_version", "int"),
        Column("extractor_version", "text", nullable=False),
        Column("section_count", "int"),
        Column("contract_count", "int"),
        Column("warning_count", "int"),
        Column("loaded_at", "timestamp"),
        Column("result_json", "json"),
    ),
)

SECTIONS = Table(
    "sections",
    (
        _pk("filing_sha256"),
        _pk("ordinal", "int"),
        Column("section_id", "text", index=True),
        Column("title", "text"),
        Column("level", "int"),
        Column("start_offset", "int"),
        Column("end_offset", "int"),
        Column("parent_id", "text"),  # schema 2: the level-1 section of a level-2 one
        Column("document", "text"),  # schema 2: the document of the filing (8-K, EX-99.1) the offsets index
    ),
)

CONTRACTS = Table(
    "contracts",
    (
        _pk("filing_sha256"),
        _pk("contract_id"),
        Column("ordinal", "int"),
        Column("kind", "text"),
        Column("provider", "text", index=True),
        Column("provider_is_filer", "bool"),
        Column("customer", "text", index=True),
        Column("customer_is_filer", "bool"),
        Column("monthly_fee_usd", "float"),
        Column("monthly_fee_derived", "bool"),
        Column("fee_amount", "float"),
        Column("fee_currency", "text"),
        Column("fee_period", "text"),
        Column("total_value", "float"),
        Column("total_value_currency", "text"),
        Column("term_start", "text"),
        Column("term_end", "text"),
        Column("term_months", "int"),
        Column("notice_days", "int"),
        Column("notice_party", "text"),
        Column("capacity_mw", "float"),
        Column("capacity_value", "float"),
        Column("capacity_unit", "text"),
        Column("facility", "text"),
        Column("location", "text"),
        Column("confidence", "float"),
        Column("contract_json", "json"),
    ),
)

EVIDENCE = Table(
    "evidence",
    (
        _pk("filing_sha256"),
        _pk("contract_id"),
        _pk("ordinal", "int"),
        Column("section_id", "text"),
        Column("start_offset", "int"),
        Column("end_offset", "int"),
        Column("text", "text"),
        Column("document", "text"),  # schema 2
    ),
)

FAILURES = Table(
    "failures",
    (
        _pk("source"),
        Column("sha256", "text", index=True),
        Column("stage", "text", nullable=False),
        Column("reason", "text", nullable=False),
        Column("extractor_version", "text", nullable=False),
        Column("failed_at", "timestamp"),
    ),
)

# Deals across filings (extractor/deals): one row per deal with its current terms, and
# its events. Derived from the contracts table: a group's rows are recomputed whenever a
# filing of that group is loaded or replaced, so they are the same in any load order.
DEALS = Table(
    "deals",
    (
        _pk("deal_id"),
        Column("deal_group", "text", nullable=False, index=True),
        Column("filer", "text"),
        Column("filer_cik", "text", index=True),
        Column("filer_side", "text"),
        Column("provider", "text", index=True),
        Column("customer", "text", index=True),
        Column("provider_key", "text"),
        Column("customer_key", "text"),
        Column("subject", "text"),
        Column("kind", "text"),
        Column("fee_amount", "float"),
        Column("fee_currency", "text"),
        Column("fee_period", "text"),
        Column("monthly_fee_usd", "float"),
        Column("total_value", "float"),
        Column("total_value_currency", "text"),
        Column("term_start", "text"),
        Column("term_end", "text"),
        Column("term_months", "int"),
        Column("notice_days", "int"),
        Column("capacity_mw", "float"),
        Column("gpus", "float"),
        Column("facility", "text"),
        Column("location", "text"),
        Column("first_filed", "text"),
        Column("first_form", "text"),
        Column("first_accession", "text"),
        Column("last_filed", "text"),
        Column("last_form", "text"),
        Column("last_accession", "text"),
        Column("filing_count", "int"),
        Column("event_count", "int"),
        Column("last_changed", "text"),
        Column("deal_json", "json"),
    ),
)

DEAL_EVENTS = Table(
    "deal_events",
    (
        _pk("deal_id"),
        _pk("ordinal", "int"),
        Column("field", "text", nullable=False),
        Column("change", "text", nullable=False),
        Column("old_value", "text"),
        Column("new_value", "text"),
        Column("old_number", "float"),
        Column("new_number", "float"),
        Column("old_filed", "text"),
        Column("old_form", "text"),
        Column("old_accession", "text"),
        Column("filed", "text", index=True),
        Column("form", "text"),
        Column("accession", "text"),
        Column("filing_sha256", "text"),
        Column("amendment", "bool"),
        Column("old_evidence", "text"),
        Column("evidence", "text"),
    ),
)

# Which contract belongs to which deal (join contracts to deals on it).
DEAL_CONTRACTS = Table(
    "deal_contracts",
    (
        _pk("filing_sha256"),
        _pk("contract_id"),
        Column("deal_id", "text", nullable=False, index=True),
        Column("deal_group", "text", nullable=False, index=True),
    ),
)

TABLES: tuple[Table, ...] = (FILINGS, SECTIONS, CONTRACTS, EVIDENCE, FAILURES, DEALS, DEAL_EVENTS, DEAL_CONTRACTS)
DEAL_TABLES: tuple[Table, ...] = (DEAL_EVENTS, DEAL_CONTRACTS, DEALS)
# Tables holding a filing's rows, children first (the order to delete them in).
FILING_TABLES: tuple[Table, ...] = (EVIDENCE, CONTRACTS, SECTIONS, FILINGS)
