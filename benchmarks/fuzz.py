"""Mutation fuzzing of the whole pipeline: fixture filings (and small corpus files) mutated at the
byte, markup, SGML-wrapper, entity and number level, each run through ``process_bytes`` in a worker
process with a time limit (SIGALRM) and a memory limit (RLIMIT_AS); failures bucketed by exception
type and innermost frame, the smallest input of each bucket kept as its reproducer.

    python benchmarks/fuzz.py --seed 1 --count 2000 --jobs 2 --out output/fuzz
    python benchmarks/fuzz.py --seed 7 --count 100000 --jobs 2 --out output/fuzz   # the long run

A clear ``ExtractorError`` (an input the pipeline refuses with a one-line reason) is not a
failure; any other exception, a time-out, or a result whose JSON does not read back is. The
pipeline checks its own output invariants (extractor/invariants.py) on every result.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import resource
import signal
import subprocess
import sys
import time
import traceback
from collections import Counter
from multiprocessing import get_context
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EXTRACTOR_SHARED", REPO.parent / "shared"))
MAX_SEED_BYTES = 300_000

KINDS = (
    "flip", "truncate", "splice", "duplicate_tag", "unclose", "deep_nesting", "huge_attribute", "nul",
    "invalid_utf8", "bom", "document_count", "uuencode", "huge_number", "huge_entity", "date", "duration",
)


def seeds() -> list[bytes]:
    files = sorted((REPO / "fixtures" / "filings").iterdir())
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        files += sorted(p for p in corpus.glob("*/*") if p.is_file() and p.stat().st_size <= MAX_SEED_BYTES and p.suffix in (".htm", ".html", ".txt", ".nc"))
    return [p.read_bytes() for p in files if p.is_file() and not p.name.endswith(".md")]


def mutate(data: bytes, kind: str, rng: random.Random, pool: list[bytes]) -> bytes:
    n = len(data)
    at = rng.randrange(max(1, n))
    if kind == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            if out:
                out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == "truncate":
        return data[: rng.randrange(max(1, n))]
    if kind == "splice":
        other = rng.choice(pool)
        return data[:at] + other[rng.randrange(max(1, len(other))):]
    if kind == "duplicate_tag":
        tag = rng.choice([b"<DOCUMENT>", b"<TEXT>", b"<html>", b"<body>", b"<table>", b"<tr>", b"</DOCUMENT>", b"<SEC-HEADER>"])
        return data[:at] + tag * rng.randint(1, 50) + data[at:]
    if kind == "unclose":
        return data.replace(b"</", b"<", rng.randint(1, 200))
    if kind == "deep_nesting":
        depth = rng.choice([300, 3000, 30000])
        return data[:at] + b"<div>" * depth + b"deep" + data[at:]
    if kind == "huge_attribute":
        return data[:at] + b'<p class="' + b"x" * rng.choice([10_000, 1_000_000]) + b'">' + data[at:]
    if kind == "nul":
        return data[:at] + b"\x00" * rng.randint(1, 100) + data[at:]
    if kind == "invalid_utf8":
        return data[:at] + bytes(rng.choice([0xC0, 0xFF, 0xFE, 0xED, 0xF8]) for _ in range(rng.randint(1, 30))) + data[at:]
    if kind == "bom":
        return rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + data
    if kind == "document_count":
        return data.replace(b"<DOCUMENT>", b"", rng.randint(1, 3)) if rng.random() < 0.5 else data.replace(b"</DOCUMENT>", b"</DOCUMENT><DOCUMENT>", 2)
    if kind == "uuencode":
        return data[:at] + b"\nbegin 644 x.jpg\n" + b"M" + bytes(rng.randrange(33, 96) for _ in range(60)) + b"\n" * 3 + data[at:]
    if kind == "huge_number":
        return data[:at] + b" $" + b"9" * rng.choice([30, 400, 5000]) + rng.choice([b" billion per month", b" million", b" MW", b" years"]) + data[at:]
    if kind == "huge_entity":
        return data[:at] + b"&#" + b"9" * rng.choice([8, 400, 5000]) + b";" + data[at:]
    if kind == "date":
        day = f" through {rng.choice(['June 31', 'February 30', 'Month 99', '13/45', '0000-00-00', '9999-99-99'])}, {rng.randint(0, 99999)} ".encode()
        return data[:at] + day + data[at:]
    if kind == "duration":
        return data[:at] + f" for a term of {rng.choice(['1e400', '9' * 50, '-5', 'zero', 'ninety-nine trillion'])} months ".encode() + data[at:]
    raise ValueError(kind)


def _limits(memory_mb: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def run_one(task: tuple[str, bytes, float]) -> tuple[str, str | None, str | None]:
    """(kind, bucket or None, detail) for one mutated input."""
    from extractor.errors import ExtractorError
    from extractor.models import FilingResult
    from extractor.pipeline import process_bytes

    kind, data, seconds = task
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        result = process_bytes(data, source="fuzz")
        FilingResult.model_validate_json(result.model_dump_json())
        return kind, None, None
    except ExtractorError as exc:
        if exc.message.startswith("internal:"):
            return kind, f"invariant {exc.message[:80]}", exc.message
        return kind, None, None
    except _Timeout:
        return kind, "hang", f"over {seconds} s"
    except MemoryError:
        return kind, "memory", "over the memory limit"
    except Exception as exc:  # the bucket: type and innermost frame
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return kind, f"{type(exc).__name__} {Path(frame.filename).name}:{frame.lineno}", f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", default="output/fuzz")
    parser.add_argument("--seconds", type=float, default=30.0, help="time limit per input")
    parser.add_argument("--memory-mb", type=int, default=3000, help="address-space limit per worker")
    parser.add_argument("--progress", type=int, default=1000, help="a progress line (and summary.json) every N inputs; 0 for none")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    pool = seeds()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def tasks():
        for _ in range(args.count):
            kind = rng.choice(KINDS)
            yield kind, mutate(rng.choice(pool), kind, rng, pool), args.seconds

    per_kind: Counter = Counter()
    buckets: dict[str, dict] = {}
    started = time.monotonic()
    done = 0
    feed = tasks()
    # A worker stuck in C code (a regex or libxml2) does not see SIGALRM: a result that does not
    # come within a grace period counts as a hang, and the pool is replaced (pending inputs re-run).
    grace = 2 * args.seconds + 30
    workers = _pool(args)
    pending: list = []
    try:
        while True:
            while len(pending) < 4 * args.jobs:
                task = next(feed, None)
                if task is None:
                    break
                pending.append((task, workers.apply_async(run_one, (task,))))
            if not pending:
                break
            task, handle = pending.pop(0)
            try:
                result = handle.get(timeout=grace)
            except multiprocessing.TimeoutError:
                result = (task[0], "hang (worker stuck)", f"no result in {grace:.0f} s")
                workers.terminate()
                workers = _pool(args)
                pending = [(t, workers.apply_async(run_one, (t,))) for t, _ in pending]
            _collect(task[1], result, per_kind, buckets, out)
            done += 1
            if args.progress and done % args.progress == 0:
                failures = sum(v["count"] for v in buckets.values())
                print(f"fuzz: {done}/{args.count} in {time.monotonic() - started:.0f} s, {failures} failures", file=sys.stderr, flush=True)
                _write_summary(out, args, done, time.monotonic() - started, per_kind, buckets)
    finally:
        workers.terminate()
    seconds = time.monotonic() - started
    _write_summary(out, args, done, seconds, per_kind, buckets)
    print(f"fuzz: {args.count} inputs in {seconds:.0f} s; {sum(v['count'] for v in buckets.values())} failures in {len(buckets)} buckets")
    for kind, count in sorted(per_kind.items()):
        print(f"  {kind:16} {count}")
    for bucket, value in buckets.items():
        print(f"  FAIL {bucket}: {value['count']} ({value['detail']}) -> {value['file']}")
    return 1 if buckets else 0


def _pool(args):
    return get_context("spawn").Pool(args.jobs, initializer=_limits, initargs=(args.memory_mb,), maxtasksperchild=200)


def _write_summary(out: Path, args, done: int, seconds: float, per_kind: Counter, buckets: dict) -> None:
    summary = {"seed": args.seed, "count": args.count, "done": done, "seconds": round(seconds, 1),
               "commit": _commit(), "per_kind": dict(sorted(per_kind.items())),
               "failures": {b: {"count": v["count"], "detail": v["detail"], "reproducer": v["file"]} for b, v in buckets.items()}}
    tmp = out / "summary.json.part"
    tmp.write_text(json.dumps(summary, indent=1) + "\n")
    tmp.replace(out / "summary.json")


def _commit() -> str | None:
    try:
        return subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def _collect(data: bytes, result: tuple, per_kind, buckets, out: Path) -> None:
    kind, bucket, detail = result
    per_kind[kind] += 1
    if bucket is None:
        return
    entry = buckets.setdefault(bucket, {"count": 0, "detail": detail, "file": None, "size": None})
    entry["count"] += 1
    if entry["size"] is None or len(data) < entry["size"]:  # the smallest input of the bucket is its reproducer
        name = f"repro-{hashlib.sha256(bucket.encode()).hexdigest()[:10]}.bin"
        (out / name).write_bytes(data)
        entry.update(file=name, size=len(data), detail=detail)


if __name__ == "__main__":
    sys.exit(main())
