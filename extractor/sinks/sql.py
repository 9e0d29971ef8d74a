"""The SQL sink: SQLite by default (a file, no server), PostgreSQL for teams; one schema.

SQLAlchemy Core builds the tables from ``schema.py`` and talks to both
databases (psycopg 3 for ``postgresql://`` URLs). Loading a filing deletes its
old rows and inserts the new ones in one transaction: a reload never
duplicates, and a kill never leaves half a filing. The deal tables (deal_tables.py)
are brought up to date in the same transaction.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.url import make_url

from extractor.errors import OutputError, SinkError, UsageError
from extractor.models import FilingResult
from extractor.sinks import DEFAULT_DB
from extractor.sinks.records import FailureRecord
from extractor.sinks import deal_tables
from extractor.sinks.rows import failure_row, filing_rows
from extractor.sinks.schema import FAILURES, FILING_TABLES, FILINGS, TABLES, Column


def engine_url(url: str) -> sa.URL:
    """``postgresql://`` and ``postgres://`` use psycopg 3; SQLite files get their folder made."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url[len(prefix) :]
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError:
        raise UsageError(f"--db: not a database URL: {url!r} (try sqlite:///FILE or postgresql://HOST/DB)") from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise UsageError(f"--db: unsupported database {parsed.get_backend_name()!r} (use sqlite:/// or postgresql://)")
    if parsed.get_backend_name() == "postgresql":
        from extractor import extras

        extras.require("postgres")
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        os.makedirs(os.path.dirname(os.path.abspath(parsed.database)), exist_ok=True)
    return parsed


def sqlite_file(url: str) -> Path | None:
    """The file of a ``sqlite:///FILE`` URL (None for other databases)."""
    parsed = engine_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return Path(parsed.database)
    return None


_TYPES = {
    "text": sa.Text,
    "int": sa.BigInteger,
    "float": lambda: sa.Float(precision=53),
    "bool": sa.Boolean,
    "json": lambda: sa.JSON().with_variant(JSONB(), "postgresql"),
    "timestamp": lambda: sa.DateTime(timezone=True),
}


def _column(col: Column) -> sa.Column:
    return sa.Column(col.name, _TYPES[col.type](), primary_key=col.primary_key, nullable=col.nullable, index=col.index)


def build_metadata() -> tuple[sa.MetaData, dict[str, sa.Table]]:
    metadata = sa.MetaData()
    tables = {t.name: sa.Table(t.name, metadata, *(_column(c) for c in t.columns)) for t in TABLES}
    return metadata, tables


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # atomic commits, readers never blocked
    cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: safe against a killed process
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def migrate(engine: Engine, tables: dict[str, sa.Table]) -> list[str]:
    """Bring a database made by an older schema up to this one: every column that its tables
    lack is added (all added columns are nullable: old rows read as None there). Idempotent;
    returns the ``table.column`` names added. Schema 1 -> 2 adds ``sections.parent_id``,
    ``sections.document`` and ``evidence.document``. Indexes the schema has and a table lacks
    are made too (``filings.source``, without which each load scanned the whole table)."""
    added: list[str] = []
    inspector = sa.inspect(engine)
    existing_tables = set(inspector.get_table_names())
    with engine.begin() as conn:
        for name, table in tables.items():
            if name not in existing_tables:
                continue
            have = {c["name"] for c in inspector.get_columns(name)}
            for column in table.columns:
                if column.name in have:
                    continue
                if not column.nullable or column.primary_key:
                    raise SinkError(f"table {name} lacks the required column {column.name}; make a new database")
                kind = column.type.compile(dialect=engine.dialect)
                conn.execute(sa.text(f'ALTER TABLE {name} ADD COLUMN "{column.name}" {kind}'))
                added.append(f"{name}.{column.name}")
            have_indexes = {i["name"] for i in inspector.get_indexes(name)}
            for index in table.indexes:  # an index added to the schema later (filings.source)
                if index.name not in have_indexes:
                    index.create(conn)
    return added


def _disk_full(exc: Exception) -> bool:
    """SQLite's SQLITE_FULL ("database or disk is full") or PostgreSQL's disk_full (53100)."""
    orig = getattr(exc, "orig", None)
    if getattr(orig, "sqlstate", None) == "53100" or getattr(orig, "pgcode", None) == "53100":
        return True
    return getattr(orig, "sqlite_errorname", None) == "SQLITE_FULL" or "database or disk is full" in str(orig or "")


class SqlSink:
    """Filings, sections, contracts, evidence and failures in one database."""

    def __init__(self, url: str = DEFAULT_DB) -> None:
        self.url = engine_url(url)
        self.name = self.url.render_as_string(hide_password=True)
        try:
            self.engine: Engine = sa.create_engine(self.url)
        except sa.exc.ArgumentError as exc:
            detail = str(exc).strip().splitlines()[0]
            raise UsageError(f"--db: {detail} (try sqlite:///FILE or postgresql://HOST/DB)") from None
        if self.url.get_backend_name() == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.metadata, self.tables = build_metadata()
        self._held: Connection | None = None  # the open transaction of ``hold``
        self._groups: set[str] = set()
        self._pending: dict[str, list] = {}
        with self._errors("create tables"):
            self.metadata.create_all(self.engine)
        with self._errors("upgrade tables"):
            self.added_columns = migrate(self.engine, self.tables)
        with self._errors("fill the deal tables"), self.engine.begin() as conn:
            if deal_tables.needs_rebuild(conn, self.tables):
                deal_tables.rebuild(conn, self.tables)

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sa.exc.SQLAlchemyError as exc:
            detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            if _disk_full(exc):  # no later filing can be written either: the batch stops, with what it wrote kept
                raise OutputError(f"cannot {doing}: {detail}", source=self.name) from None
            raise SinkError(f"cannot {doing}: {detail}", source=self.name) from None

    def done_keys(self, version: str) -> set[str]:
        filings, failures = self.tables["filings"], self.tables["failures"]
        with self._errors("read loaded filings"), self.engine.connect() as conn:
            done = set(conn.scalars(sa.select(filings.c.sha256).where(filings.c.extractor_version == version)))
            done.update(
                conn.scalars(
                    sa.select(failures.c.sha256).where(
                        failures.c.extractor_version == version, failures.c.sha256.is_not(None)
                    )
                )
            )
        return done

    def results(self, shas: set[str], version: str) -> list[FilingResult]:
        """The FilingResults of these filings, loaded by ``version``, from their ``result_json``."""
        filings = self.tables["filings"]
        found: list[FilingResult] = []
        ordered = sorted(shas)
        with self._errors("read loaded filings"), self.engine.connect() as conn:
            for i in range(0, len(ordered), 500):
                query = sa.select(filings.c.result_json).where(filings.c.sha256.in_(ordered[i : i + 500]), filings.c.extractor_version == version)
                for (value,) in conn.execute(query):
                    found.append(FilingResult.model_validate_json(value) if isinstance(value, str) else FilingResult.model_validate(value))
        return found

    def load_filing(self, result: FilingResult) -> None:
        """Replace the filing's rows and bring its deals up to date: in one transaction of its
        own, or in the held one (``hold``), whose deals are brought up to date at ``commit``."""
        if self._held is not None:
            with self._errors(f"load filing {(result.filing.sha256 or '')[:12]}"):
                self._groups.update(self._load(self._held, result, self._pending))
            return
        pending: dict[str, list] = {}
        with self._errors(f"load filing {(result.filing.sha256 or '')[:12]}"), self.engine.begin() as conn:
            groups = self._load(conn, result, pending)
            deal_tables.refresh_groups(conn, self.tables, groups, [f for facts in pending.values() for f in facts])

    def hold(self) -> None:
        """Load the next filings in one transaction, until ``commit``: each deal group they
        touch is recomputed once per transaction, not once per filing (a group's cost grows
        with its filings, so per filing a big group was quadratic)."""
        if self._held is None:
            with self._errors("begin a transaction"):
                self._held = self.engine.connect()
                self._held.begin()
            self._groups, self._pending = set(), {}

    def prepare(self) -> None:
        """Recompute the deal groups of the held filings (still uncommitted)."""
        if self._held is None:
            return
        try:
            with self._errors("recompute deals"):
                pending = [f for facts in self._pending.values() for f in facts]
                deal_tables.refresh_groups(self._held, self.tables, self._groups, pending)
        except (SinkError, OutputError):  # a full disk too: nothing of the held filings stays half-done
            self.rollback()
            raise
        self._groups, self._pending = set(), {}

    def commit(self) -> None:
        """Commit the held filings, their deals recomputed, all together (or none)."""
        if self._held is None:
            return
        self.prepare()
        try:
            with self._errors("commit filings"):
                self._held.commit()
        except (SinkError, OutputError):  # a full disk too: nothing of the held filings stays half-done
            self.rollback()
            raise
        self._release()

    def rollback(self) -> None:
        if self._held is not None:
            try:
                self._held.rollback()
            except sa.exc.SQLAlchemyError:
                pass
            self._release()

    def _release(self) -> None:
        try:
            self._held.close()
        except sa.exc.SQLAlchemyError:
            pass
        self._held, self._groups, self._pending = None, set(), {}

    def _load(self, conn: Connection, result: FilingResult, pending: dict[str, list]) -> set[str]:
        """The filing's rows in place of its old ones (same sha256, or same source); returns the
        deal groups to recompute. ``pending``: sha256 -> contracts loaded but not yet in
        deal_contracts (this filing's are added)."""
        rows = filing_rows(result, loaded_at=datetime.now(timezone.utc))
        replaced = {rows.sha256}
        if result.filing.source:  # the same input with other bytes (the file changed): replaced too
            filings = self.tables[FILINGS.name]
            replaced.update(conn.scalars(sa.select(filings.c.sha256).where(filings.c.source == result.filing.source)))
        groups = deal_tables.groups_of_filings(conn, self.tables, replaced)
        for sha256 in sorted(replaced):
            groups.update(deal_tables.group_key(f) for f in pending.pop(sha256, ()))
            self._delete_filing(conn, sha256)
        deal_tables.forget_filings(conn, self.tables, replaced)
        failures = self.tables["failures"]
        resolved = failures.c.sha256 == rows.sha256
        if result.filing.source:
            resolved = resolved | (failures.c.source == result.filing.source)
        conn.execute(sa.delete(failures).where(resolved))
        by_table = rows.by_table()
        for table in reversed(FILING_TABLES):  # parents first
            table_rows = by_table[table.name]
            if table_rows:
                conn.execute(sa.insert(self.tables[table.name]), list(table_rows))
        new_facts = deal_tables.facts_of(result)
        pending[rows.sha256] = new_facts
        groups.update(deal_tables.group_key(f) for f in new_facts)
        return groups

    def _delete_filing(self, conn: Connection, sha256: str) -> None:
        for table in FILING_TABLES:  # children first
            sql_table = self.tables[table.name]
            key = sql_table.c.sha256 if table is FILINGS else sql_table.c.filing_sha256
            conn.execute(sa.delete(sql_table).where(key == sha256))

    def record_failure(self, record: FailureRecord) -> None:
        failures = self.tables[FAILURES.name]
        with self._errors(f"record failure of {record.source}"), self._transaction() as conn:
            conn.execute(sa.delete(failures).where(failures.c.source == record.source))
            conn.execute(sa.insert(failures), [failure_row(record)])

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        if self._held is not None:
            yield self._held
        else:
            with self.engine.begin() as conn:
                yield conn

    def close(self) -> None:
        """Ends a held transaction uncommitted (an interrupted run: its filings are loaded again next time)."""
        self.rollback()
        self.engine.dispose()
