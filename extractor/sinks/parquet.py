"""Parquet output (``--parquet DIR``): one dataset per table of ``schema.py``.

Written at the end of a run from the JSON Lines (the batch's record on disk),
so the files always hold every filing of ``--out``, once, and the deals that all
their contracts make. ``DIR/<table>.parquet`` is a folder of parts
(``part-NN.parquet``, what pyarrow, pandas, polars, Spark and DuckDB read as one
table): a filing's rows are in the part its source hashes to (a changed file keeps its
part), a deal's in the part of its group. A part is rewritten only when what it holds
changed (a digest per part in ``DIR/.manifest.json``), so one changed filing rewrites
one part of each filing table, not the whole export. Each part is streamed row group by
row group into a temporary file renamed into place; the manifest is marked incomplete
while parts are written, so an export a kill interrupted is finished by the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extractor import __version__
from extractor.atomic import TMP_PREFIX, atomic_open
from extractor.models import FilingResult
from extractor.sinks.records import FailureRecord
from extractor.sinks.rows import Row, deal_rows, failure_row, filing_rows, json_text
from extractor.sinks.schema import DEAL_TABLES, FAILURES, FILING_TABLES, Column, Table

ROW_GROUP = 10_000
PARTS = 64  # parts per table: one changed filing rewrites 1/64 of each filing table
PASS_PARTS = 8  # filing-table parts built per pass over the JSON Lines (bounded memory)
MANIFEST = ".manifest.json"
LAYOUT = 1

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


def _part_of(key: str | None) -> str:
    return f"{int(hashlib.sha256((key or '').encode()).hexdigest()[:8], 16) % PARTS:02d}"


def _digest(hashes: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(hashes)).encode()).hexdigest()


def _read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}
    if manifest.get("layout") != LAYOUT or manifest.get("extractor_version") != __version__:
        return {}  # other code made those rows: every part again
    return manifest


def _write_manifest(folder: Path, parts: dict, counts: dict, complete: bool) -> None:
    manifest = {"layout": LAYOUT, "extractor_version": __version__, "complete": complete, "parts": parts, "counts": counts}
    with atomic_open(folder / MANIFEST, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, sort_keys=True)


def exported(folder: str | os.PathLike) -> bool:
    """Whether the last export finished (every table's parts are there and current)."""
    folder = Path(folder)
    manifest = _read_manifest(folder)
    tables = (*FILING_TABLES, FAILURES, *DEAL_TABLES)
    return bool(manifest.get("complete")) and all((folder / f"{t.name}.parquet").is_dir() for t in tables)


def _table_dir(folder: Path, table: Table) -> Path:
    path = folder / f"{table.name}.parquet"
    if path.is_file() or path.is_symlink():  # a single file of an older export: the folder of parts replaces it
        path.unlink()
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob(TMP_PREFIX + "*"):  # a part a kill interrupted
        stale.unlink(missing_ok=True)
    return path


def export(folder: str | os.PathLike, lines: Callable[[], Iterator[str]], failures: Iterable[FailureRecord]) -> dict[str, int]:
    """Bring ``<folder>/<table>.parquet`` up to date for every table; ``lines`` (called once
    or more) gives the FilingResult JSON lines. Returns the rows each table holds."""
    from extractor.deals import build_deals
    from extractor.deals.identity import ContractFact
    from extractor.models import Contract, FilingMeta

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    old = _read_manifest(folder)
    old_parts, old_counts = old.get("parts", {}), old.get("counts", {})
    # one pass: each filing's part and line digest, and its contracts (for the deals)
    part_of_line: list[str] = []
    hashes: dict[str, list[str]] = {}
    facts: list[ContractFact] = []
    for line in lines():
        record = json.loads(line)
        filing = record["filing"]
        part = _part_of(filing.get("source") or filing.get("sha256"))
        part_of_line.append(part)
        hashes.setdefault(part, []).append(hashlib.sha256(line.encode()).hexdigest())
        meta = FilingMeta.model_validate(filing)
        facts.extend(ContractFact(meta, Contract.model_validate(c)) for c in record.get("contracts", ()))
    digests = {f"filings/{part}": _digest(h) for part, h in hashes.items()}
    deal_parts: dict[str, list] = {}
    for deal in build_deals(facts):
        deal_parts.setdefault(_part_of(deal.deal_group), []).append(deal_rows(deal).by_table())
    for part, rows in deal_parts.items():
        digests[f"deals/{part}"] = _digest([_row_hash(r) for by in rows for t in DEAL_TABLES for r in by[t.name]])
    failure_rows = [failure_row(f) for f in failures]
    digests["failures/00"] = _digest([_row_hash(r) for r in failure_rows])
    changed = {key for key, digest in digests.items() if old_parts.get(key) != digest}
    gone = set(old_parts) - set(digests)
    if not changed and not gone and exported(folder):
        return _totals(old_counts)
    counts = {k: v for k, v in old_counts.items() if k.split("|")[1] not in changed | gone} if old_parts else {}
    _write_manifest(folder, {k: v for k, v in old_parts.items() if k not in changed | gone}, counts, complete=False)
    dirs = {t.name: _table_dir(folder, t) for t in (*FILING_TABLES, FAILURES, *DEAL_TABLES)}
    for key in gone:
        kind, part = key.split("/")
        for t in (FILING_TABLES if kind == "filings" else DEAL_TABLES if kind == "deals" else (FAILURES,)):
            (dirs[t.name] / f"part-{part}.parquet").unlink(missing_ok=True)
    loaded_at = datetime.now(timezone.utc)
    todo = sorted(key.split("/")[1] for key in changed if key.startswith("filings/"))
    for i in range(0, len(todo), PASS_PARTS):
        chunk = set(todo[i : i + PASS_PARTS])
        rows: dict[str, dict[str, list]] = {part: {t.name: [] for t in FILING_TABLES} for part in chunk}
        for index, line in enumerate(lines()):
            if part_of_line[index] in chunk:
                by_table = filing_rows(FilingResult.model_validate_json(line), loaded_at=loaded_at).by_table()
                for name, table_rows in by_table.items():
                    rows[part_of_line[index]][name].extend(table_rows)
        for part in sorted(chunk):
            for t in FILING_TABLES:
                counts[f"{t.name}|filings/{part}"] = write_table(dirs[t.name] / f"part-{part}.parquet", t, rows[part][t.name])
            del rows[part]
    for key in sorted(changed):
        kind, part = key.split("/")
        if kind == "deals":
            for t in DEAL_TABLES:
                counts[f"{t.name}|{key}"] = write_table(dirs[t.name] / f"part-{part}.parquet", t,
                                                         (r for by in deal_parts[part] for r in by[t.name]))
        elif kind == "failures":
            counts[f"{FAILURES.name}|{key}"] = write_table(dirs[FAILURES.name] / f"part-{part}.parquet", FAILURES, failure_rows)
    for t in (*FILING_TABLES, *DEAL_TABLES):  # an empty table still has a part: readers need its schema
        if not any(dirs[t.name].glob("part-*.parquet")):
            write_table(dirs[t.name] / "part-00.parquet", t, ())
    _write_manifest(folder, digests, counts, complete=True)
    return _totals(counts)


def _totals(counts: dict) -> dict[str, int]:
    totals = {t.name: 0 for t in (*FILING_TABLES, FAILURES, *DEAL_TABLES)}
    for key, n in counts.items():
        totals[key.split("|")[0]] += n
    return totals


def _row_hash(row: Row) -> str:
    return hashlib.sha256(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()
