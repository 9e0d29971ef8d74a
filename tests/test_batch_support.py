"""Helpers shared by the batch and sink tests (no tests here).

Databases: ``database_url`` gives a fresh SQLite file, or a fresh PostgreSQL
database on the server named by EXTRACTOR_TEST_PG_URL (skipped when unset).
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from extractor.models import (
    Capacity,
    Contract,
    Evidence,
    Fee,
    FilingMeta,
    FilingResult,
    MonthlyFee,
    Party,
    SectionInfo,
    Term,
    TerminationNotice,
)
from extractor.sinks.sql import engine_url

PG_ENV = "EXTRACTOR_TEST_PG_URL"
PG_MISSING = f"{PG_ENV} is not set: no PostgreSQL server for this test (.ci/run starts one)"
VOLATILE = {"loaded_at", "failed_at"}  # when, not what: left out of row comparisons

FILING_TEXT = (
    "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
    "On {day} March 2026 the Company entered into a master services agreement with "
    "Example Compute Labs {n} for GPU cloud capacity.\n\n"
    "The customer has agreed to pay us ${fee} million per month through May 2029. "
    "Either party may terminate the agreement with 90 days' notice.\n"
)


def write_filings(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    """``count`` distinct small plain-text filings (each its own sha256)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"filing-{n:04d}.txt"
        path.write_text(FILING_TEXT.format(day=1 + n % 28, n=n, fee=10 + n), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty database of each kind; the PostgreSQL one is dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'extractor.sqlite'}"
        return
    server = os.environ.get(PG_ENV)
    if not server:
        pytest.skip(PG_MISSING)
    name = f"extractor_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(engine_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield engine_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def table_rows(url: str, table: str) -> list[tuple]:
    """Every row of ``table`` without its timestamps, JSON as sorted-key text, sorted."""
    engine = sa.create_engine(engine_url(url))
    try:
        with engine.connect() as conn:
            result = conn.execute(sa.text(f"SELECT * FROM {table}"))
            keys = [k for k in result.keys() if k not in VOLATILE]
            rows = [tuple(_plain(row._mapping[k]) for k in keys) for row in result]
    finally:
        engine.dispose()
    return sorted(rows, key=repr)


def _plain(value):
    if isinstance(value, str) and value[:1] in "{[":
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True)
    return value


def count(url: str, table: str) -> int:
    engine = sa.create_engine(engine_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
    finally:
        engine.dispose()


def make_result(sha: str = "a" * 64, *, source: str = "filing.txt", fee: float = 1.25e9, version: str | None = None) -> FilingResult:
    """A FilingResult with one compute contract, written by hand (independent of the rules)."""
    sentence = "The customer has agreed to pay us $1.25 billion per month through May 2029."
    evidence = Evidence(section="item_1_01", start=100, end=100 + len(sentence), text=sentence)
    notice = Evidence(section="item_1_01", start=200, end=250, text="Either party may terminate with 90 days' notice.")
    contract = Contract(
        id=f"{sha[:8]}-0",
        kind="compute_services",
        provider=Party(name="Example Cloud Inc.", is_filer=True),
        customer=Party(name="Example Labs", is_filer=False),
        fee=Fee(amount=fee, period="month", text="$1.25 billion per month", evidence=evidence),
        monthly_fee=MonthlyFee(amount=fee, text="$1.25 billion per month", evidence=evidence),
        term=Term(end="2029-05", text="through May 2029", evidence=evidence),
        termination_notice=TerminationNotice(days=90, party="either", text="90 days' notice", evidence=notice),
        capacity=Capacity(value=300, unit="MW", mw=300, text="300 MW", evidence=evidence),
        evidence=[evidence, notice],
        confidence=0.9,
    )
    extra = {"extractor_version": version} if version else {}
    return FilingResult(
        filing=FilingMeta(source=source, sha256=sha, bytes=1234, form="8-K", cik="123", company="Example Cloud Inc."),
        sections=[
            SectionInfo(id="item_1_01", title="Item 1.01", level=1, start=0, end=300),
            SectionInfo(id="item_9_01", title="Item 9.01", level=1, start=300, end=400),
        ],
        contracts=[contract],
        **extra,
    )


REPO_ROOT = Path(__file__).resolve().parents[1]


def query(url: str, sql: str) -> list[tuple]:
    """The rows of one SQL query against a database URL (a fresh engine, disposed after)."""
    engine = sa.create_engine(engine_url(url))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql))]
    finally:
        engine.dispose()
