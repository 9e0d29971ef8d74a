"""JSON Lines under ``--out``: ``filings.jsonl`` (one FilingResult per line) and
``failures.jsonl`` (one FailureRecord per line).

Kill-safety: lines are appended whole and flushed as each filing finishes; a
line torn by a kill is cut off when the folder is next opened. A filing loaded
again (``--force``, a new extractor version, or a re-run after a kill) is
appended again, and the end of every run compacts the file (atomically:
temporary file, then rename) so that each sha256 appears once, the last line
winning. Readers of a folder a batch is still writing should likewise keep the
last line per ``filing.sha256``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from extractor.atomic import atomic_open
from extractor.errors import OutputError, SinkError
from extractor.models import FilingResult
from extractor.sinks.records import FailureRecord

FILINGS_FILE = "filings.jsonl"
FAILURES_FILE = "failures.jsonl"


class JsonlLog:
    """An append-only JSON Lines file; a record is superseded by a later one with the
    same value for any of ``keys`` (e.g. the same sha256, or the same source)."""

    def __init__(self, path: Path, keys: tuple[Callable[[dict], str | None], ...]) -> None:
        self.path, self.keys = path, keys
        self._fh = None
        self.repair()

    def repair(self) -> None:
        """Cut a torn last line (no newline: the writer was killed mid-line)."""
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        with open(self.path, "r+b") as fh:
            end = fh.seek(0, os.SEEK_END)
            pos = end
            while pos > 0:
                step = min(pos, 1 << 16)
                fh.seek(pos - step)
                chunk = fh.read(step)
                newline = chunk.rfind(b"\n")
                if newline >= 0:
                    pos = pos - step + newline + 1
                    break
                pos -= step
            if pos != end:
                fh.truncate(pos)

    def records(self) -> Iterator[dict]:
        for number, line in self._numbered_lines():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise SinkError(f"line {number} is not JSON ({exc.msg})", source=str(self.path)) from None

    def lines(self) -> Iterator[str]:
        """The records as their JSON text (no newline)."""
        for _, line in self._numbered_lines():
            yield line.rstrip("\n")

    def _numbered_lines(self) -> Iterator[tuple[int, str]]:
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    yield number, line

    def append(self, line: str) -> None:
        self.append_all([line])

    def append_all(self, lines: list[str]) -> None:
        """The lines in one write, whole or not at all: a kill leaves all of them, none, or a torn
        last line (cut when the folder is next opened); a write that fails (a full disk) is cut back
        off and raised as an OutputError."""
        if self._fh is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._fh = open(self.path, "ab", buffering=0)
            except OSError as exc:
                raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(self.path)) from None
        data = b"".join(line.encode("utf-8") + b"\n" for line in lines)
        before = self._fh.seek(0, os.SEEK_END)
        try:
            view = memoryview(data)
            while view:
                view = view[self._fh.write(view):]
        except OSError as exc:
            fh, self._fh = self._fh, None
            try:
                fh.truncate(before)  # frees what was written: never half a line
            except OSError:
                pass
            fh.close()
            raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(self.path)) from None

    def compact(self, drop: Callable[[int, dict], bool] = lambda index, record: False) -> None:
        """Rewrite keeping the records no later one supersedes, minus those ``drop(line_index, record)`` names."""
        self.close()
        last: list[dict[str, int]] = [{} for _ in self.keys]
        for index, record in enumerate(self.records()):
            for by_key, key in zip(last, self.keys, strict=True):
                by_key[key(record)] = index
        keep = set.intersection(*(set(by_key.values()) for by_key in last))
        with atomic_open(self.path, "w", encoding="utf-8") as out:
            for index, record in enumerate(self.records()):
                if index in keep and not drop(index, record):
                    out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")

    def close(self) -> None:
        if self._fh is not None:
            fh, self._fh = self._fh, None
            try:
                os.fsync(fh.fileno())
            except OSError as exc:
                raise OutputError(f"cannot write: {exc.strerror or exc}", source=str(self.path)) from None
            finally:
                fh.close()


class JsonlSink:
    """FilingResults and failures as JSON Lines in one folder."""

    def __init__(self, out: str | os.PathLike) -> None:
        folder = Path(out)
        # A filing is replaced by a later line with its sha256, or from its source (the file changed).
        self.filings = JsonlLog(folder / FILINGS_FILE, keys=(lambda r: r["filing"]["sha256"], lambda r: r["filing"]["source"]))
        self.failures = JsonlLog(folder / FAILURES_FILE, keys=(lambda r: r["source"],))
        self._versions: dict[str, str] = {}  # sha256 -> extractor_version of its last line
        self._sources: set[str | None] = set()
        self._filing_lines = 0
        for record in self.filings.records():
            self._versions[record["filing"]["sha256"]] = record.get("extractor_version", "")
            self._sources.add(record["filing"]["source"])
            self._filing_lines += 1
        self._failed: dict[str, tuple[str | None, str]] = {}  # source -> (sha256, version)
        self._failure_lines = 0
        for record in self.failures.records():
            self._failed[record["source"]] = (record.get("sha256"), record.get("extractor_version", ""))
            self._failure_lines += 1
        self._failed_shas = {sha for sha, _ in self._failed.values() if sha}
        self._resolved: set[str] = set()  # sources and sha256s loaded in this run
        self._dirty = self._filing_lines != min(len(self._versions), len(self._sources)) or self._failure_lines != len(self._failed)

    def done_keys(self, version: str) -> set[str]:
        done = {sha for sha, v in self._versions.items() if v == version}
        done.update(sha for sha, v in self._failed.values() if sha and v == version)
        return done

    def load_filing(self, result: FilingResult) -> None:
        self.load_filings([result])

    def load_filings(self, results: list[FilingResult]) -> None:
        """Several filings' lines in one write: those of a database transaction just committed."""
        self.filings.append_all([result.model_dump_json() for result in results])
        for result in results:
            self._note(result)

    def _note(self, result: FilingResult) -> None:
        sha, source = result.filing.sha256, result.filing.source
        self._dirty |= sha in self._versions or source in self._sources or source in self._failed or sha in self._failed_shas
        self._sources.add(source)
        self._versions[sha] = result.extractor_version
        self._resolved.update(k for k in (sha, source) if k)

    def record_failure(self, record: FailureRecord) -> None:
        self.failures.append(record.model_dump_json())
        self._dirty |= record.source in self._failed
        self._failed[record.source] = (record.sha256, record.extractor_version)
        if record.sha256:
            self._failed_shas.add(record.sha256)

    def close(self) -> None:
        self.filings.close()
        self.failures.close()
        for log in (self.filings, self.failures):  # both files exist after a run, empty when nothing went there
            if not log.path.exists():
                log.path.parent.mkdir(parents=True, exist_ok=True)
                log.path.touch()
        if not self._dirty:
            return
        self.filings.compact()
        before = self._failure_lines  # failures older than this run that a success in this run resolved
        self.failures.compact(
            drop=lambda index, r: index < before and (r["source"] in self._resolved or r.get("sha256") in self._resolved)
        )
        self._dirty = False

    def iter_failures(self) -> Iterator[FailureRecord]:
        for record in self.failures.records():
            yield FailureRecord.model_validate(record)


class StdoutSink:
    """``--out -``: each FilingResult as one JSON line on standard output as it finishes.

    Nothing is kept, so nothing counts as done: every input is processed (a database
    beside it replaces its rows, never duplicates). Failures go to standard error
    through the progress lines only."""

    def __init__(self, stream=None) -> None:
        self.stream = stream

    def done_keys(self, version: str) -> set[str]:
        return set()

    def load_filing(self, result: FilingResult) -> None:
        stream = self.stream or sys.stdout
        stream.write(result.model_dump_json() + "\n")
        stream.flush()

    def record_failure(self, record: FailureRecord) -> None:
        pass

    def close(self) -> None:
        pass
