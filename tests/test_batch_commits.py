"""Filings into the database several to a transaction (extractor/batch/commits.py): a deal
group is recomputed once per commit, not once per filing (a group of k filings cost k
recomputations of up to k contracts: quadratic), with the same rows as one transaction
per filing; a commit that fails loads its filings one at a time, so a bad one fails alone."""

from __future__ import annotations

import sqlalchemy as sa
from test_batch_support import database_url, make_result, table_rows  # noqa: F401 (fixture)

from extractor.batch.commits import GroupCommit
from extractor.batch.items import BatchItem, ItemOutcome
from extractor.errors import SinkError
from extractor.sinks.jsonl import JsonlSink
from extractor.sinks.schema import DEAL_TABLES
from extractor.sinks.sql import SqlSink

FILINGS = 30


def _outcomes(n: int = FILINGS) -> list[ItemOutcome]:
    """``n`` filings of one deal group (the same parties, other bytes), fees rising."""
    outcomes = []
    for i in range(n):
        sha = f"{i:02d}" + "c" * 62
        result = make_result(sha, source=f"filing-{i:02d}.txt", fee=1e9 + i * 1e6)
        result = result.model_copy(update={"filing": result.filing.model_copy(update={"filed": f"2025-01-{i % 28 + 1:02d}", "accession": f"0000000123-25-{i:06d}"})})
        outcomes.append(ItemOutcome(BatchItem(source=result.filing.source, path="unused", sha256=sha, size=1000), result=result))
    return outcomes


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _deal_recomputations(sink: SqlSink) -> list[int]:
    counter = [0]

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("DELETE FROM DEALS"):
            counter[0] += 1

    sa.event.listen(sink.engine, "before_cursor_execute", count)
    return counter


def _deal_rows(url: str) -> dict:
    return {t.name: table_rows(url, t.name) for t in DEAL_TABLES}


def _reset(url: str) -> None:
    sink = SqlSink(url)
    sink.metadata.drop_all(sink.engine)
    sink.close()


def test_a_batch_of_one_group_recomputes_it_once_per_commit_with_the_same_rows(tmp_path, database_url):
    _reset(database_url)
    sink = SqlSink(database_url)
    one_by_one = _deal_recomputations(sink)
    for outcome in _outcomes():
        sink.load_filing(outcome.result)
    sink.close()
    expected = _deal_rows(database_url)
    assert one_by_one[0] == FILINGS  # the cost this module removes: one recomputation per filing

    _reset(database_url)
    sink, clock, loaded = SqlSink(database_url), _Clock(), []
    grouped = _deal_recomputations(sink)
    writer = GroupCommit([JsonlSink(tmp_path / "out"), sink], loaded.append, lambda o, e: None, min_seconds=1.0, clock=clock)
    for i, outcome in enumerate(_outcomes()):
        writer.add(outcome)
        clock.now += 0.1  # ten filings a second: a commit every second
        if writer.due():
            writer.flush()
    writer.flush()
    sink.close()
    assert _deal_rows(database_url) == expected
    assert grouped[0] == writer.commits == 3 and len(loaded) == FILINGS


def test_a_commit_waits_longer_the_longer_the_last_one_took():
    clock = _Clock()
    writer = GroupCommit([], lambda o: None, lambda o, e: None, min_seconds=1.0, ratio=4.0, clock=clock)
    writer.held, writer._since, writer._last_commit = [object()], 0.0, 2.0
    clock.now = 7.9
    assert not writer.due()
    clock.now = 8.0
    assert writer.due()


def test_a_failed_commit_loads_its_filings_one_at_a_time_and_only_the_bad_one_fails(tmp_path, database_url):
    _reset(database_url)
    sink, failed, loaded = SqlSink(database_url), [], []
    writer = GroupCommit([JsonlSink(tmp_path / "out"), sink], loaded.append, lambda o, e: failed.append(o.item.source), clock=_Clock())
    outcomes = _outcomes(4)
    bad = outcomes[2].result
    bad_contract = bad.contracts[0].model_copy(update={"id": None})  # no id: its rows cannot be inserted (NOT NULL key)
    outcomes[2] = ItemOutcome(outcomes[2].item, result=bad.model_copy(update={"contracts": [bad_contract]}))
    for outcome in outcomes:
        writer.add(outcome)
    writer.flush()
    sink.close()
    assert failed == ["filing-02.txt"]
    assert sorted(o.item.source for o in loaded) == ["filing-00.txt", "filing-01.txt", "filing-03.txt"]
    assert [r[0] for r in table_rows(database_url, "filings")] == sorted(o.item.sha256 for o in loaded)


def test_an_interrupted_batch_leaves_nothing_half_written(tmp_path, database_url):
    _reset(database_url)
    sink, loaded = SqlSink(database_url), []
    jsonl = JsonlSink(tmp_path / "out")
    writer = GroupCommit([jsonl, sink], loaded.append, lambda o, e: None, clock=_Clock())
    for outcome in _outcomes(3):
        writer.add(outcome)
    writer.close()  # Ctrl-C before the commit
    sink.close()
    jsonl.close()
    assert loaded == [] and table_rows(database_url, "filings") == [] and table_rows(database_url, "deals") == []
    assert (tmp_path / "out" / "filings.jsonl").read_text() == ""


def test_sink_error_is_what_a_bad_row_raises(database_url):
    """The premise of the failure test: a contract without an id is refused by the database."""
    _reset(database_url)
    sink = SqlSink(database_url)
    result = make_result()
    result = result.model_copy(update={"contracts": [result.contracts[0].model_copy(update={"id": None})]})
    try:
        sink.load_filing(result)
    except SinkError:
        pass
    else:
        raise AssertionError("a contract without an id was loaded")
    finally:
        sink.close()


def test_a_filing_the_database_holds_but_the_json_lines_lack_is_copied_not_processed_again(tmp_path, database_url):
    """A kill between a commit and its JSON lines: the next run copies those filings from the database."""
    import io

    from test_batch_support import write_filings

    from extractor.batch.progress import LogProgress
    from extractor.batch.runner import BatchOptions, run_batch

    _reset(database_url)
    write_filings(tmp_path / "in", 3)
    options = BatchOptions(sources=(str(tmp_path / "in"),), out=str(tmp_path / "out"), db=database_url, jobs=1)
    assert run_batch(options, LogProgress(io.StringIO())).processed == 3
    lines = (tmp_path / "out" / "filings.jsonl").read_text().splitlines()
    (tmp_path / "out" / "filings.jsonl").write_text(lines[0] + "\n")  # the last two lines never written
    again = run_batch(options, LogProgress(io.StringIO()))
    assert (again.processed, again.skipped) == (0, 3)
    assert sorted((tmp_path / "out" / "filings.jsonl").read_text().splitlines()) == sorted(lines)
