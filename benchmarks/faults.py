"""`extractor batch` under faults, measured as a user meets them: SIGKILL at random moments then a
re-run, a full disk, a read-only output folder, a corrupt SQLite file.

    python benchmarks/faults.py                      # 5 kill trials, SQLite
    python benchmarks/faults.py --kills 5 --db postgresql://postgres@127.0.0.1:5432/postgres

Each trial prints one line (pass/FAIL and what was checked) and a JSON of every figure goes to
--json (default output/faults.json). The full-disk and read-only trials mount a small tmpfs and
need root; without it they are reported as skipped. Inputs are generated filings of our own text
(`--filings`, default 300) plus two inputs that fail (over --max-bytes), so that every input must
end up exactly once in ``filings`` or ``failures``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAX_BYTES = 200_000

TEXT = (
    "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
    "On {day} March 2026 the Company entered into a cloud services agreement with Cobalt Reach AI {n} "
    "for access to GPU compute capacity of {mw} MW at our Lindqvist campus. Cobalt Reach AI {n} has agreed "
    "to pay us ${fee} million per month through June 2029, and either party may terminate the agreement "
    "on 90 days' written notice.\n"
)


def write_inputs(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"filing-{n:05d}.txt"
        path.write_text(TEXT.format(day=1 + n % 28, n=n, mw=5 + n % 40, fee=10 + n), encoding="utf-8")
        paths.append(path)
    for n in range(2):  # inputs that fail: over --max-bytes
        path = folder / f"too-large-{n}.txt"
        path.write_text(TEXT.format(day=1, n=90_000 + n, mw=1, fee=1) * (MAX_BYTES // 300 + 10), encoding="utf-8")
        paths.append(path)
    return paths


def batch_command(src: Path, out: Path, db: str | None, jobs: int) -> list[str]:
    command = [sys.executable, "-m", "extractor", "batch", str(src), "--out", str(out), "--jobs", str(jobs),
               "--no-progress", "--max-bytes", str(MAX_BYTES)]
    return command + (["--db", db] if db else [])


def run(command: list[str], timeout: float = 1800) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=timeout)


def jsonl_state(path: Path) -> tuple[list[dict], bool]:
    """The lines of a JSON Lines file and whether every one of them is whole."""
    if not path.exists():
        return [], True
    data = path.read_bytes()
    whole = not data or data.endswith(b"\n")
    rows = []
    for line in data.splitlines():
        try:
            rows.append(json.loads(line))
        except ValueError:
            whole = False
    return rows, whole


def db_counts(db: str) -> dict:
    import sqlalchemy as sa

    from extractor.sinks.sql import engine_url

    engine = sa.create_engine(engine_url(db))
    try:
        with engine.connect() as conn:
            shas = [r[0] for r in conn.execute(sa.text("SELECT sha256 FROM filings"))]
            failures = [r[0] for r in conn.execute(sa.text("SELECT source FROM failures"))]
    finally:
        engine.dispose()
    return {"filings": len(shas), "distinct_filings": len(set(shas)), "failures": len(failures), "distinct_failures": len(set(failures))}


def accounted(out: Path, db: str | None, inputs: list[Path]) -> dict:
    """Every input once in filings + failures, in the JSON Lines and in the database."""
    filings, filings_whole = jsonl_state(out / "filings.jsonl")
    failures, failures_whole = jsonl_state(out / "failures.jsonl")
    good = sum(1 for p in inputs if p.name.startswith("filing-"))
    shas = [r["filing"]["sha256"] for r in filings]
    failed_sources = [Path(r.get("source", "")).name for r in failures]
    check = {
        "jsonl_filings": len(shas), "jsonl_distinct": len(set(shas)), "jsonl_failures_distinct": len(set(failed_sources)),
        "jsonl_whole": filings_whole and failures_whole,
        "tmp_files": sorted(p.name for p in out.iterdir() if p.name.startswith(".tmp")) if out.exists() else [],
    }
    ok = (len(shas) == len(set(shas)) == good and len(set(failed_sources)) == len(inputs) - good
          and check["jsonl_whole"] and not check["tmp_files"])
    if db:
        counts = db_counts(db)
        check["db"] = counts
        ok = ok and counts["filings"] == counts["distinct_filings"] == good and counts["distinct_failures"] == len(inputs) - good
    check["ok"] = ok
    return check


CREATED: list[tuple[str, str]] = []  # (server URL, database) made by reset_db, dropped at the end


def drop_created() -> None:
    import sqlalchemy as sa

    from extractor.sinks.sql import engine_url

    for server, name in CREATED:
        admin = sa.create_engine(engine_url(server), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    CREATED.clear()


def reset_db(db: str | None) -> str | None:
    """A fresh database for one trial: a new SQLite file, or a new PostgreSQL database on the server."""
    if db is None or db.startswith("sqlite"):
        return None
    import uuid

    import sqlalchemy as sa

    from extractor.sinks.sql import engine_url

    name = f"faults_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(engine_url(db), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    CREATED.append((db, name))
    return engine_url(db).set(database=name).render_as_string(hide_password=False)


def kill_trial(work: Path, inputs_dir: Path, inputs: list[Path], db: str | None, jobs: int, rng: random.Random, full_seconds: float) -> dict:
    out = work / "out"
    url = reset_db(db) or f"sqlite:///{out / 'extractor.sqlite'}"
    delay = rng.uniform(0.05, 0.9) * full_seconds
    proc = subprocess.Popen(batch_command(inputs_dir, out, url, jobs), cwd=REPO, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    finished_first = proc.poll() is not None
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    lines_at_kill = len(jsonl_state(out / "filings.jsonl")[0])
    started = time.monotonic()
    rerun = run(batch_command(inputs_dir, out, url, jobs))
    check = accounted(out, url, inputs)
    check.update(killed_after_s=round(delay, 2), finished_before_kill=finished_first, lines_at_kill=lines_at_kill,
                 rerun_exit=rerun.returncode, rerun_s=round(time.monotonic() - started, 1))
    check["ok"] = check["ok"] and rerun.returncode == 1  # 1: some inputs failed (the two too-large ones)
    return check


@contextmanager
def tmpfs(size: str):
    where = Path(tempfile.mkdtemp(prefix="extractor-faults-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, text=True)
    if mounted.returncode != 0:
        shutil.rmtree(where, ignore_errors=True)
        yield None
        return
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)
        shutil.rmtree(where, ignore_errors=True)


def full_disk_trial(inputs_dir: Path, inputs: list[Path], jobs: int) -> dict:
    with tmpfs("400k") as disk:
        if disk is None:
            return {"skipped": "cannot mount a tmpfs (needs root)"}
        out = disk / "out"
        first = run(batch_command(inputs_dir, out, f"sqlite:///{out / 'extractor.sqlite'}", jobs))
        filings, whole = jsonl_state(out / "filings.jsonl")
        stderr = [line for line in first.stderr.splitlines() if line.startswith("extractor:")]
        subprocess.run(["mount", "-o", "remount,size=256m", str(disk)], check=True)
        second = run(batch_command(inputs_dir, out, f"sqlite:///{out / 'extractor.sqlite'}", jobs))
        check = accounted(out, f"sqlite:///{out / 'extractor.sqlite'}", inputs)
        check.update(full_exit=first.returncode, full_error=stderr[-1] if stderr else "", full_error_lines=len(stderr),
                     lines_when_full=len(filings), whole_when_full=whole, rerun_exit=second.returncode)
        check["ok"] = check["ok"] and first.returncode == 2 and whole and second.returncode == 1
        return check


def read_only_trial(inputs_dir: Path, jobs: int) -> dict:
    with tmpfs("16m") as disk:
        if disk is None:
            return {"skipped": "cannot mount a tmpfs (needs root)"}
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        started = time.monotonic()
        result = run(batch_command(inputs_dir, disk / "out", None, jobs))
        stderr = [line for line in result.stderr.splitlines() if line.startswith("extractor:")]
        check = {"exit": result.returncode, "error": stderr[-1] if stderr else "", "error_lines": len(stderr),
                 "seconds": round(time.monotonic() - started, 2)}
        check["ok"] = result.returncode == 2 and len(stderr) == 1
        return check


def corrupt_sqlite_trial(work: Path, inputs_dir: Path, jobs: int) -> dict:
    db = work / "corrupt.sqlite"
    data = b"SQLite format 3\x00" + bytes(random.Random(5).randrange(256) for _ in range(8192))
    db.write_bytes(data)
    result = run(batch_command(inputs_dir, work / "out-corrupt", f"sqlite:///{db}", jobs))
    stderr = [line for line in result.stderr.splitlines() if line.startswith("extractor:")]
    try:
        sqlite3.connect(db).execute("SELECT 1 FROM sqlite_master").fetchall()
        readable = True
    except sqlite3.DatabaseError:
        readable = False
    check = {"exit": result.returncode, "error": stderr[-1] if stderr else "", "error_lines": len(stderr),
             "file_unchanged": db.read_bytes() == data, "db_readable": readable,
             "jsonl_written": (work / "out-corrupt" / "filings.jsonl").exists()}
    check["ok"] = result.returncode == 2 and len(stderr) == 1 and check["file_unchanged"] and not check["jsonl_written"]
    return check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--filings", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="a PostgreSQL server URL for the kill trials (default: a SQLite file per trial)")
    parser.add_argument("--json", default="output/faults.json")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    results: dict = {"filings": args.filings, "jobs": args.jobs, "db": "postgresql" if args.db else "sqlite", "kills": []}
    with tempfile.TemporaryDirectory(prefix="extractor-faults-") as tmp:
        work = Path(tmp)
        inputs = write_inputs(work / "in", args.filings)
        started = time.monotonic()
        whole = run(batch_command(work / "in", work / "whole", None if not args.db else reset_db(args.db), args.jobs))
        full_seconds = time.monotonic() - started
        results["uninterrupted_s"] = round(full_seconds, 1)
        print(f"uninterrupted run: {full_seconds:.1f} s, exit {whole.returncode}")
        for trial in range(args.kills):
            trial_dir = work / f"kill-{trial}"
            trial_dir.mkdir()
            check = kill_trial(trial_dir, work / "in", inputs, args.db, args.jobs, rng, full_seconds)
            results["kills"].append(check)
            print(f"kill {trial + 1}: {'pass' if check['ok'] else 'FAIL'} killed at {check['killed_after_s']} s with "
                  f"{check['lines_at_kill']} lines; after the re-run {check['jsonl_filings']} filings, "
                  f"{check['jsonl_failures_distinct']} failures, {check.get('db', {})}")
        for name, trial in (("full_disk", lambda: full_disk_trial(work / "in", inputs, args.jobs)),
                            ("read_only_out", lambda: read_only_trial(work / "in", args.jobs)),
                            ("corrupt_sqlite", lambda: corrupt_sqlite_trial(work, work / "in", args.jobs))):
            check = trial()
            results[name] = check
            state = "skipped" if "skipped" in check else ("pass" if check["ok"] else "FAIL")
            print(f"{name}: {state} {json.dumps(check)}")
    drop_created()
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n")
    failed = [c for c in results["kills"] if not c["ok"]] + [
        results[n] for n in ("full_disk", "read_only_out", "corrupt_sqlite") if "skipped" not in results[n] and not results[n]["ok"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
