"""Parquet output (``--parquet DIR``): one file per table of ``schema.py``.

Written at the end of a run from the JSON Lines (the batch's record on disk),
so the files always hold every filing of ``--out``, once, and the deals that all
their contracts make. Each file is
streamed row group by row group (bounded memory) into a temporary file that is
renamed into place: a kill leaves the previous complete file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extractor.atomic import atomic_open
from extractor.models import FilingResult
from extractor.sinks.records import FailureRecord
from extractor.sinks.rows import Row, deal_rows, failure_row, filing_rows, json_text
from extractor.sinks.schema import DEAL_TABLES, FAILURES, FILING_TABLES, Column, Table

ROW_GROUP = 10_000

_TYPES = {
    "text": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "json": pa.string(),  # the JSON as text: every engine reads it
    "timestamp": pa.timestamp("us", tz="UTC"),
}


def arrow_schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(c.name, _TYPES[c.type], nullable=not c.primary_key) for c in table.columns])


def _cell(column: Column, value):
    return json_text(value) if column.type == "json" and value is not None else value


def write_table(path: Path, table: Table, rows: Iterable[Row]) -> int:
    """Stream ``rows`` into ``path`` atomically; return how many were written."""
    schema = arrow_schema(table)
    count = 0
    with atomic_open(path, "wb") as fh, pq.ParquetWriter(fh, schema) as writer:
        iterator = iter(rows)
        while batch := list(islice(iterator, ROW_GROUP)):
            columns = {c.name: [_cell(c, row.get(c.name)) for row in batch] for c in table.columns}
            writer.write_table(pa.Table.from_pydict(columns, schema=schema))
            count += len(batch)
    return count


def exported(folder: str | os.PathLike) -> bool:
    """Whether every table's file is there."""
    return all((Path(folder) / f"{table.name}.parquet").is_file() for table in (*FILING_TABLES, FAILURES, *DEAL_TABLES))


def export(folder: str | os.PathLike, results: Callable[[], Iterator[FilingResult]], failures: Iterable[FailureRecord]) -> dict[str, int]:
    """Write ``<folder>/<table>.parquet`` for every table; ``results`` is called once per table
    (each table is a separate pass over the filings, to keep memory bounded)."""
    folder = Path(folder)
    loaded_at = datetime.now(timezone.utc)
    counts = {}
    for table in FILING_TABLES:
        rows = (row for result in results() for row in filing_rows(result, loaded_at=loaded_at).by_table()[table.name])
        counts[table.name] = write_table(folder / f"{table.name}.parquet", table, rows)
    counts[FAILURES.name] = write_table(folder / f"{FAILURES.name}.parquet", FAILURES, (failure_row(f) for f in failures))
    counts.update(export_deals(folder, results))
    return counts


def export_deals(folder: Path, results: Callable[[], Iterator[FilingResult]]) -> dict[str, int]:
    """The deal tables from every filing's contracts (only contracts are held in memory)."""
    from extractor.deals import build_deals, facts_from_results

    deals = build_deals(facts_from_results(results()))
    rows = [deal_rows(deal).by_table() for deal in deals]
    return {
        table.name: write_table(folder / f"{table.name}.parquet", table, (row for by_table in rows for row in by_table[table.name]))
        for table in DEAL_TABLES
    }
