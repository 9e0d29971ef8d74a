"""``extractor batch`` end to end on small filings written here: sinks, incrementality,
failure isolation, exit codes, hostile archives, the filing store, progress."""

from __future__ import annotations

import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from test_batch_support import FILING_TEXT, count, database_url, table_rows, write_filings  # noqa: F401 (fixture)

from extractor.batch.progress import LogProgress, RichProgress
from extractor.batch.runner import BatchOptions, run_batch
from extractor.cli import EXIT_MOSTLY_FAILED, EXIT_OK, EXIT_SOME_FAILED, main

TABLES = ("filings", "sections", "contracts", "evidence", "failures")


def _batch(*args: str) -> int:
    return main(["batch", "--no-progress", *map(str, args)])


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _snapshot(url: str) -> dict[str, list[tuple]]:
    return {table: table_rows(url, table) for table in TABLES}


def test_folder_into_every_sink_then_incremental_then_force(tmp_path, database_url, capsys):
    inputs = tmp_path / "in"
    write_filings(inputs, 5)
    (inputs / "empty.txt").write_text("  \n")
    out, parquet = tmp_path / "out", tmp_path / "pq"

    assert _batch(inputs, "--out", out, "--db", database_url, "--parquet", parquet, "--jobs", 2) == EXIT_SOME_FAILED
    err = capsys.readouterr().err
    assert "empty.txt: read: empty input" in err and "6 inputs: 5 processed, 1 failed" in err
    assert count(database_url, "filings") == 5 and count(database_url, "sections") >= 5
    failures = table_rows(database_url, "failures")
    assert [(Path(f[0]).name, f[2], f[3]) for f in failures] == [("empty.txt", "read", "empty input")]
    lines = _jsonl(out / "filings.jsonl")
    assert sorted(Path(r["filing"]["source"]).name for r in lines) == [f"filing-{n:04d}.txt" for n in range(5)]
    assert [r["stage"] for r in _jsonl(out / "failures.jsonl")] == ["read"]
    assert pq.read_table(parquet / "filings.parquet").num_rows == 5
    assert pq.read_table(parquet / "failures.parquet").num_rows == 1
    first = _snapshot(database_url)

    # Again: everything already processed by this version is skipped, nothing is added.
    assert _batch(inputs, "--out", out, "--db", database_url, "--jobs", 2) == EXIT_OK
    assert "6 skipped" in capsys.readouterr().err  # the failed input too: same bytes, same version
    assert _snapshot(database_url) == first and len(_jsonl(out / "filings.jsonl")) == 5

    # A new filing and --force: all processed again, each filing still once.
    write_filings(inputs, 1, start=5)
    assert _batch(inputs, "--out", out, "--db", database_url, "--jobs", 2, "--force") == EXIT_SOME_FAILED
    assert count(database_url, "filings") == 6 and count(database_url, "failures") == 1
    assert len(_jsonl(out / "filings.jsonl")) == 6 and len(_jsonl(out / "failures.jsonl")) == 1
    assert not list(out.glob(".tmp-*"))


def test_exit_codes_and_duplicate_inputs(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    bad = tmp_path / "bad"
    bad.mkdir()
    for n in range(10):
        (bad / f"empty-{n}.txt").write_bytes(b" " * n)
    assert _batch(bad, "--out", tmp_path / "o1", "--db", db, "--jobs", 1) == EXIT_MOSTLY_FAILED
    assert count(db, "failures") == 10

    good = tmp_path / "good"
    first, second = write_filings(good, 2)
    (good / "copy-of-first.txt").write_bytes(first.read_bytes())  # same bytes: one filing
    os.mkfifo(good / "a-fifo")  # would block a reader forever
    # A mistyped SOURCE is a usage error before any work (nothing written), not a failed filing.
    capsys.readouterr()
    assert _batch(good, tmp_path / "missing.txt", "--out", tmp_path / "o2", "--no-db", "--jobs", 1) == 2
    assert capsys.readouterr().err.strip().splitlines() == [f"extractor: error: no such file or folder: {tmp_path / 'missing.txt'}"]
    assert not (tmp_path / "o2").exists()
    assert _batch(good, "--out", tmp_path / "o2", "--no-db", "--jobs", 1) == EXIT_SOME_FAILED
    err = capsys.readouterr().err
    assert "a-fifo: read: not a regular file" in err
    assert "2 processed, 1 failed, 0 skipped (already processed), 1 duplicates" in err
    assert len(_jsonl(tmp_path / "o2" / "filings.jsonl")) == 2
    assert _batch(good, "--out", tmp_path / "o2", "--no-db", "--jobs", 0) == 2  # usage error


def _tar_add(tar: tarfile.TarFile, name: str, data: bytes, kind: bytes = tarfile.REGTYPE) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.type = (len(data), kind) if kind == tarfile.REGTYPE else (0, kind)
    if kind == tarfile.SYMTYPE:
        info.linkname = "/etc/passwd"
    tar.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)


def test_hostile_archives_harm_nothing_and_are_reported(tmp_path, capsys):
    work = tmp_path / "deep" / "er"
    work.mkdir(parents=True)
    absolute = tmp_path / "absolute-target.txt"
    good = FILING_TEXT.format(day=1, n=1, fee=10).encode()
    with tarfile.open(work / "feed.tar.gz", "w:gz") as tar:
        _tar_add(tar, "0001/good.txt", good)
        _tar_add(tar, "../../x", good + b"dotdot")
        _tar_add(tar, str(absolute), good + b"absolute")
        _tar_add(tar, "link", b"", tarfile.SYMTYPE)
    with tarfile.open(work / "bomb.tar.gz", "w:gz") as tar:
        _tar_add(tar, "first.txt", FILING_TEXT.format(day=2, n=2, fee=20).encode())
        _tar_add(tar, "zeros.txt", bytes(64 * 1024 * 1024))  # 64 MB of zeros: about 64 KB compressed
    with zipfile.ZipFile(work / "feed.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("good.txt", FILING_TEXT.format(day=3, n=3, fee=30))
        archive.writestr("../../x", "dotdot")
        archive.writestr("zeros.txt", bytes(8 * 1024 * 1024))
    out = tmp_path / "out"

    code = _batch(work, "--out", out, "--no-db", "--jobs", 2, "--max-bytes", 4 * 1024 * 1024)
    assert code == EXIT_SOME_FAILED
    failures = {Path(r["source"]).name.split("::")[-1] if "::" not in r["source"] else r["source"].split("::")[1]: r["reason"]
                for r in _jsonl(out / "failures.jsonl")}
    assert failures["../../x"] == "refused: member name contains '..'"
    assert "absolute path" in failures[str(absolute)]
    assert "link" in failures["link"]
    assert "archive abandoned" in failures["bomb.tar.gz"] and "decompression bomb" in failures["bomb.tar.gz"]
    assert "over the limit" in failures["zeros.txt"]  # the zip member, refused from its declared size
    processed = sorted(r["filing"]["source"].split("::")[1] for r in _jsonl(out / "filings.jsonl"))
    assert processed == ["0001/good.txt", "first.txt", "good.txt"]
    assert not absolute.exists() and not (tmp_path / "x").exists() and not (work.parent / "x").exists()
    assert not list(out.glob(".tmp-*")), "the private member folder is removed"
    capsys.readouterr()


def _store_entry(store: Path, cik: str, accession: str, documents: dict[str, tuple[str, str, str]]) -> Path:
    """A complete store entry as ``extractor fetch`` writes it: documents, then filing.json.
    ``documents``: file name -> (role, type, text)."""
    store_mod = pytest.importorskip("extractor.edgar.store")
    folder = store / cik / accession
    folder.mkdir(parents=True)
    listed = []
    for name, (role, type_, text) in documents.items():
        (folder / name).write_text(text)
        listed.append({"name": name, "role": role, "type": type_, "url": f"https://example.test/{name}",
                       "bytes": (folder / name).stat().st_size, "sha256": store_mod.sha256_file(folder / name)})
    primary = next(name for name, (role, _, _) in documents.items() if role == "primary")
    record = {
        "ref": {"cik": cik, "accession": accession, "form": "8-K", "filed": "2026-03-02", "company": "Example Cloud Inc.",
                "url": f"https://example.test/{primary}", "primary_document": primary},
        "index_url": "https://example.test/index.json",
        "fetched_at": "2026-03-03T00:00:00Z",
        "documents": listed,
    }
    (folder / "filing.json").write_text(json.dumps(record))
    return folder


ONE_PARAGRAPH = FILING_TEXT.replace(".\n\nThe customer", ". The customer")  # the fee in the agreement's paragraph


def test_filing_store_source_uses_the_stored_reference(tmp_path):
    store = tmp_path / "store"
    folder = _store_entry(store, "1234567", "0001234567-26-000001", {
        "form8-k.txt": ("primary", "8-K", ONE_PARAGRAPH.format(day=4, n=4, fee=40)),
        "ex10-1.txt": ("exhibit", "EX-10.1", ONE_PARAGRAPH.format(day=5, n=5, fee=50)),
    })
    _store_entry(store, "7654321", "0007654321-26-000009", {"other.txt": ("primary", "8-K", FILING_TEXT.format(day=9, n=9, fee=90))})
    (folder.parent / "0001234567-26-000002").mkdir()  # incomplete entry (no filing.json): not read
    expected = ("form8-k.txt", "8-K", "1234567", "0001234567-26-000001", "Example Cloud Inc.")
    # The whole store; one company's folder; one filing's folder. A filing and its exhibits are one filing.
    for n, (source, filings) in enumerate(((store, 2), (folder.parent, 1), (folder, 1))):
        out = tmp_path / f"out{n}"
        assert _batch(source, "--out", out, "--no-db", "--jobs", 1) == EXIT_OK
        results = sorted(_jsonl(out / "filings.jsonl"), key=lambda r: (r["filing"]["cik"], r["filing"]["source"]))
        assert len(results) == filings
        m = results[0]["filing"]
        assert (Path(m["source"]).name, m["form"], m["cik"], m["accession"], m["company"]) == expected
        assert [d["id"] for d in results[0]["documents"]] == ["8-K", "EX-10.1"]
        fees = sorted(c["monthly_fee"]["amount"] for c in results[0]["contracts"])
        assert {e["document"] for c in results[0]["contracts"] for e in c["evidence"]} == {"8-K", "EX-10.1"}
        assert fees == [40e6, 50e6]  # two counterparties (Labs 4, Labs 5): two contracts, one per document
    # incremental: nothing new the second time; a changed exhibit makes the filing new again
    assert _batch(store, "--out", tmp_path / "out0", "--no-db", "--jobs", 1) == EXIT_OK
    (folder / "ex10-1.txt").write_text(ONE_PARAGRAPH.format(day=6, n=6, fee=60))
    log = io.StringIO()
    summary = run_batch(BatchOptions(sources=(str(store),), out=str(tmp_path / "out0"), db=None, jobs=1), LogProgress(log))
    assert (summary.processed, summary.skipped) == (1, 1)


def test_progress_bar_and_log_lines(tmp_path):
    inputs = tmp_path / "in"
    write_filings(inputs, 2)
    (inputs / "empty.txt").write_bytes(b"")
    log = io.StringIO()
    summary = run_batch(BatchOptions(sources=(str(inputs),), out=str(tmp_path / "o1"), db=None, jobs=1), LogProgress(log, every=0))
    assert summary.processed == 2 and summary.failed == 1 and summary.exit_code == EXIT_SOME_FAILED
    text = log.getvalue()
    assert "batch: starting on 3 files" in text and "empty.txt: read: empty input" in text
    assert "3 inputs: 2 processed, 1 failed" in text

    bar = io.StringIO()
    run_batch(BatchOptions(sources=(str(inputs),), out=str(tmp_path / "o2"), db=None, jobs=1), RichProgress(bar))
    drawn = bar.getvalue()
    assert "3/3 files" in drawn and "1 failed" in drawn and "empty.txt" in drawn


def test_corrupt_archives_fail_alone(tmp_path):
    """A truncated .tar.gz keeps the members read before the damage; a zip member in an
    unsupported compression method fails alone and its neighbours go through."""
    work = tmp_path / "in"
    work.mkdir()
    with tarfile.open(work / "cut.tar.gz", "w:gz") as tar:
        _tar_add(tar, "first.txt", FILING_TEXT.format(day=6, n=6, fee=60).encode())
        _tar_add(tar, "second.txt", bytes(range(256)) * 4000)  # incompressible: the cut lands here
    whole = (work / "cut.tar.gz").read_bytes()
    (work / "cut.tar.gz").write_bytes(whole[: len(whole) * 2 // 3])
    with zipfile.ZipFile(work / "odd.zip", "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("deflate64.txt", FILING_TEXT.format(day=7, n=7, fee=70))
        archive.writestr("plain.txt", FILING_TEXT.format(day=8, n=8, fee=80))
    data = bytearray((work / "odd.zip").read_bytes())
    for header, method_at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # first member: method 9 (Deflate64)
        at = data.index(header) + method_at
        data[at : at + 2] = (9).to_bytes(2, "little")
    (work / "odd.zip").write_bytes(bytes(data))
    out = tmp_path / "out"

    assert _batch(work, "--out", out, "--no-db", "--jobs", 1) == EXIT_SOME_FAILED
    failures = {r["source"].split("/")[-1]: r["reason"] for r in _jsonl(out / "failures.jsonl")}
    assert failures.keys() == {"cut.tar.gz", "odd.zip::deflate64.txt"}
    assert "corrupt or unreadable archive" in failures["cut.tar.gz"]
    assert "unreadable member: NotImplementedError" in failures["odd.zip::deflate64.txt"]
    assert sorted(r["filing"]["source"].split("::")[1] for r in _jsonl(out / "filings.jsonl")) == ["first.txt", "plain.txt"]


def test_outputs_inside_a_source_folder_are_never_inputs(tmp_path, capsys):
    inputs = tmp_path / "in"
    write_filings(inputs, 3)
    args = (inputs, "--out", inputs / "output", "--db", f"sqlite:///{inputs / 'extractor.sqlite'}",
            "--parquet", inputs / "parquet", "--jobs", 1)
    assert _batch(*args) == EXIT_OK
    assert _batch(*args) == EXIT_OK
    err = capsys.readouterr().err
    assert "3 inputs: 3 processed" in err and "3 inputs: 0 processed, 0 failed, 3 skipped" in err
