"""`extractor batch` at scale: filings per second at 100, 1,000 and 10,000 filings into
SQLite and PostgreSQL (--jobs 1 and 2) and a Dask LocalCluster (2 workers), the
incremental re-run that skips everything, and what a Parquet export rewrites when one
filing changes.

    python benchmarks/bench_scale.py                          # everything (about an hour on 2 cores)
    python benchmarks/bench_scale.py --sizes 100 1000 --configs sqlite-j2
    python benchmarks/bench_scale.py --only big-group --big-group 200 1000
    python benchmarks/bench_scale.py --only parquet

Inputs are replicas of the small fixture filings (fixtures/deals, fixtures/filings) and
the small corpus 8-Ks and exhibits of ../shared/corpus (left out, with a message, when
it is absent), each with changed bytes: the fixture deal series (S-1, S-1/A, 424B4,
10-Q, 8-K/A) gets a new filer, CIK, accession and counterparty per five replicas, so
deal groups have the sizes of a real deal (5 filings); the other templates get a
distinct company name / accession / marker. The one-big-group case (every replica of
the series with the same parties: one deal with N statements) is measured on its own.

Each run is `python -m extractor batch` in a fresh process, as a user runs it, into a
fresh database and --out folder. Measured: wall seconds; CPU seconds of the batch
process itself (the one that writes every sink: where a per-filing cost that grows with
the database would show) and of its workers; and, sampled once a second from the
growing filings.jsonl and /proc, the batch process's CPU per filing over the first and
the last tenth of the run ("growth" = last / first: 1.0 is flat). Timings are noisy on
a shared machine; the CPU figures much less so.

Writes output/bench_scale.json and prints markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EXTRACTOR_SHARED", ROOT.parent / "shared"))
PG_URL = os.environ.get("EXTRACTOR_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:54340/postgres")
PG_DB = "scale_bench"
CONFIGS = ("sqlite-j1", "sqlite-j2", "pg-j1", "pg-j2", "dask-2")
CORPUS_MAX_BYTES = 50_000  # keep replicas small: tens of KB
CLOCK = os.sysconf("SC_CLK_TCK")

# made-up words for filers and counterparties (a name per series of five filings)
_SYLLABLES = ("kor", "van", "el", "tris", "mar", "qu", "ost", "ri", "dal", "fen", "zu", "bra", "lin", "op", "sev", "ta")


def _word(n: int, length: int = 3) -> str:
    parts = []
    for _ in range(length):
        parts.append(_SYLLABLES[n % len(_SYLLABLES)])
        n //= len(_SYLLABLES)
    return "".join(parts).capitalize()


def _templates() -> tuple[list[Path], list[Path]]:
    """(the deal series, the other templates)."""
    series = sorted((ROOT / "fixtures" / "deals").glob("halvard-*.txt"))
    others = [p for p in sorted((ROOT / "fixtures" / "filings").iterdir()) if p.stat().st_size <= CORPUS_MAX_BYTES]
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        for folder in ("8-k", "ex-10"):
            others += [p for p in sorted((corpus / folder).glob("*")) if p.is_file() and p.stat().st_size <= CORPUS_MAX_BYTES]
    else:
        print(f"bench_scale: {corpus} is absent: replicas of the fixture filings only", file=sys.stderr)
    return series, others


def _series_replica(data: str, series: int, *, big_group: bool, serial: int) -> str:
    if big_group:  # the same parties every time, a distinct accession: one deal, N statements
        return data.replace("0001987654-", f"{9000000000 + serial:010d}-")
    filer, customer = _word(series), _word(series + 7919, 2)
    cik = f"{2000000 + series:07d}"
    for old, new in (("Halvard", filer), ("HALVARD", filer.upper()), ("halvard", filer.lower()),
                     ("Nebula", customer), ("NEBULA", customer.upper()), ("1987654", cik)):
        data = data.replace(old, new)
    return data


def _other_replica(data: bytes, serial: int) -> bytes:
    """A distinct input: a marker the parser keeps out of the text, and, in a full
    submission, a distinct accession number."""
    marker = f"replica {serial}".encode()
    data = re.sub(rb"(ACCESSION NUMBER:\s*)(\d{10})-", lambda m: m.group(1) + f"{8000000000 + serial:010d}-".encode(), data, count=1)
    if re.search(rb"<body[^>]*>", data, re.I):
        return re.sub(rb"(<body[^>]*>)", lambda m: m.group(1) + b"<!-- " + marker + b" -->", data, count=1, flags=re.I)
    return data + b"\n\n(" + marker + b")\n"


def build_inputs(folder: Path, n: int, *, big_group: bool = False) -> dict:
    """``n`` replica filings in ``folder`` (made once, reused when already complete)."""
    stamp = folder / ".complete"
    if stamp.is_file():
        return json.loads(stamp.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    series, others = _templates()
    texts = [p.read_text(encoding="utf-8") for p in series]
    other_bytes = [(p.suffix, p.read_bytes()) for p in others]
    total = 0
    for i in range(n):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        if big_group:
            data = _series_replica(texts[i % len(texts)], 0, big_group=True, serial=i).encode()
            name = f"{i:05d}-series.txt"
        elif i % 2 == 0:  # half the inputs tell the fixture deals, five filings a series
            k = i // 2
            data = _series_replica(texts[k % len(texts)], k // len(texts), big_group=False, serial=i).encode()
            name = f"{i:05d}-series.txt"
        else:
            suffix, raw = other_bytes[(i // 2) % len(other_bytes)]
            data = _other_replica(raw, i)
            name = f"{i:05d}-other{suffix}"
        (sub / name).write_bytes(data)
        total += len(data)
    info = {"filings": n, "bytes": total, "templates": len(series) + len(others), "big_group": big_group}
    stamp.write_text(json.dumps(info))
    return info


# --- one batch run, sampled ------------------------------------------------------------


def _proc_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK
    except (OSError, IndexError, ValueError):
        return float("nan")


def _lines(path: Path, state: dict) -> int:
    if path.is_file():
        with open(path, "rb") as fh:
            fh.seek(state.get("offset", 0))
            chunk = fh.read()
        state["offset"] = state.get("offset", 0) + len(chunk)
        state["lines"] = state.get("lines", 0) + chunk.count(b"\n")
    return state.get("lines", 0)


def run_batch(inputs: Path, out: Path, db: str | None, *, jobs: int = 2, dask: str | None = None, parquet: Path | None = None,
              extra: tuple[str, ...] = ()) -> dict:
    cmd = [sys.executable, "-m", "extractor", "-q", "batch", str(inputs), "--out", str(out), "--no-progress"]
    cmd += ["--db", db] if db else ["--no-db"]
    cmd += ["--dask", dask] if dask else ["--jobs", str(jobs)]
    if parquet:
        cmd += ["--parquet", str(parquet)]
    cmd += list(extra)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    samples, state = [], {}
    while proc.poll() is None:
        samples.append((time.monotonic() - start, _lines(out / "filings.jsonl", state), _proc_cpu(proc.pid)))
        time.sleep(0.5)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    stderr = proc.stderr.read().decode(errors="replace")
    cpu_all = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"cmd": " ".join(cmd), "rc": proc.returncode, "wall_s": wall, "cpu_s": cpu_all, "samples": samples,
            "stderr": stderr[-2000:], "main_cpu_s": samples[-1][2] if samples else None}


def growth(samples: list, total: int) -> dict:
    """The batch process's CPU per filing over the first and the last fifth of the filings
    loaded (lines appear a commit at a time, so the windows are wide)."""
    points = [(n, cpu) for _, n, cpu in samples if cpu == cpu and n > 0]
    if total < 500 or len(points) < 20 or points[-1][0] < total * 0.8:
        return {}
    top = points[-1][0]

    def window(lo: float, hi: float) -> float | None:
        inside = [p for p in points if lo <= p[0] <= hi]
        if len(inside) < 2 or inside[-1][0] == inside[0][0]:
            return None
        return (inside[-1][1] - inside[0][1]) / (inside[-1][0] - inside[0][0])

    first, last = window(0, top * 0.25), window(top * 0.75, top)
    if first is None or last is None:
        return {}
    return {"main_cpu_ms_per_filing_first_tenth": 1000 * first, "main_cpu_ms_per_filing_last_tenth": 1000 * last,
            "growth": last / first if first > 0 else None}


# --- databases -------------------------------------------------------------------------


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(sql)


def fresh_db(kind: str, work: Path) -> str:
    if kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work / 'scale.sqlite'}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{work / 'scale.sqlite'}"
    _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    _pg_admin(f"CREATE DATABASE {PG_DB}")
    return PG_URL.rsplit("/", 1)[0] + f"/{PG_DB}"


def _loaded(db: str) -> dict:
    import sqlalchemy as sa

    from extractor.sinks.sql import engine_url

    engine = sa.create_engine(engine_url(db))
    try:
        with engine.connect() as conn:
            return {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar() for t in ("filings", "contracts", "deals", "failures")}
    finally:
        engine.dispose()


# --- the measurements ------------------------------------------------------------------


def measure_config(config: str, inputs: Path, info: dict, work: Path, cluster_address: str | None) -> dict:
    kind, _, workers = config.partition("-")
    db = fresh_db("pg" if kind == "pg" else "sqlite", work)
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    jobs = int(workers[1:]) if workers.startswith("j") else 2
    dask = cluster_address if kind == "dask" else None
    first = run_batch(inputs, out, db, jobs=jobs, dask=dask)
    rerun = run_batch(inputs, out, db, jobs=jobs, dask=dask)
    n = info["filings"]
    row = {
        "config": config, "filings": n, "bytes": info["bytes"], "rc": first["rc"], "wall_s": first["wall_s"],
        "filings_per_s": n / first["wall_s"], "cpu_s": first["cpu_s"], "filings_per_cpu_s": n / first["cpu_s"],
        "main_cpu_s": first["main_cpu_s"], **growth(first["samples"], n), "loaded": _loaded(db),
        "rerun_rc": rerun["rc"], "rerun_wall_s": rerun["wall_s"], "rerun_cpu_s": rerun["cpu_s"],
        "rerun_wall_s_per_1000": 1000 * rerun["wall_s"] / n, "rerun_cpu_s_per_1000": 1000 * rerun["cpu_s"] / n,
        "cmd": first["cmd"],
    }
    if first["rc"] not in (0, 1):
        row["stderr"] = first["stderr"]
    if kind == "pg":
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    return row


def _parquet_files(folder: Path) -> dict:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.rglob("*.parquet")) if p.is_file()}


def measure_parquet(inputs: Path, info: dict, work: Path) -> dict:
    """Batch with --parquet, change one filing's bytes, batch again: which files are rewritten."""
    out, pq_dir, db = work / "pq-out", work / "pq", fresh_db("sqlite", work)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(pq_dir, ignore_errors=True)
    changed_inputs = work / "pq-inputs"
    shutil.rmtree(changed_inputs, ignore_errors=True)
    shutil.copytree(inputs, changed_inputs)
    first = run_batch(changed_inputs, out, db, jobs=2, parquet=pq_dir)
    before = _parquet_files(pq_dir)
    victim = sorted(changed_inputs.rglob("*-series.txt"))[len(before) % 7]
    victim.write_bytes(victim.read_bytes().replace(b"</BODY>", b"<!-- changed --></BODY>", 1))
    second = run_batch(changed_inputs, out, db, jobs=2, parquet=pq_dir)
    after = _parquet_files(pq_dir)
    rewritten = [name for name, stamp in after.items() if before.get(name) != stamp]
    shutil.rmtree(changed_inputs, ignore_errors=True)
    return {
        "filings": info["filings"], "first_wall_s": first["wall_s"], "rc": (first["rc"], second["rc"]),
        "files": len(after), "files_rewritten": len(rewritten), "bytes_total": sum(s for _, s in after.values()),
        "bytes_rewritten": sum(after[name][1] for name in rewritten), "rewritten": rewritten[:20],
        "second_wall_s": second["wall_s"], "second_cpu_s": second["cpu_s"], "cmd": second["cmd"],
    }


def measure_big_group(n: int, work: Path) -> dict:
    inputs = work / f"big-{n}"
    info = build_inputs(inputs, n, big_group=True)
    db = fresh_db("sqlite", work)
    out = work / "big-out"
    shutil.rmtree(out, ignore_errors=True)
    run = run_batch(inputs, out, db, jobs=2)
    return {"filings": n, "rc": run["rc"], "wall_s": run["wall_s"], "filings_per_s": n / run["wall_s"], "main_cpu_s": run["main_cpu_s"],
            "main_cpu_ms_per_filing": 1000 * run["main_cpu_s"] / n, **growth(run["samples"], n), "loaded": _loaded(db), "cmd": run["cmd"]}


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def print_tables(results: dict) -> None:
    runs = results.get("runs", [])
    if runs:
        sizes = sorted({r["filings"] for r in runs})
        print("\n| configuration | " + " | ".join(f"{s:,} filings/s (CPU ms/filing of the writer, first→last quarter)" for s in sizes)
              + " | re-run s per 1,000 (wall / CPU) |")
        print("|---|" + "---:|" * (len(sizes) + 1))
        for config in dict.fromkeys(r["config"] for r in runs):
            cells = []
            for s in sizes:
                r = next((r for r in runs if r["config"] == config and r["filings"] == s), None)
                if r is None:
                    cells.append("–")
                    continue
                g = r.get("main_cpu_ms_per_filing_first_tenth")
                grow = f" ({g:.1f}→{r['main_cpu_ms_per_filing_last_tenth']:.1f})" if g is not None else ""
                cells.append(f"{r['filings_per_s']:.1f}{grow}")
            big = max((r for r in runs if r["config"] == config), key=lambda r: r["filings"])
            cells.append(f"{big['rerun_wall_s_per_1000']:.2f} / {big['rerun_cpu_s_per_1000']:.2f} (at {big['filings']:,})")
            print(f"| {config} | " + " | ".join(cells) + " |")
    for b in results.get("big_group", []):
        print(f"\none big group, {b['filings']:,} filings (sqlite-j2): {b['filings_per_s']:.1f} filings/s, writer CPU {b['main_cpu_ms_per_filing']:.1f} ms/filing"
              + (f" ({b['main_cpu_ms_per_filing_first_tenth']:.1f} -> {b['main_cpu_ms_per_filing_last_tenth']:.1f} first -> last quarter)" if "growth" in b else ""))
    for p in results.get("parquet", []):
        print(f"\nparquet, {p['filings']:,} filings, one changed: {p['files_rewritten']} of {p['files']} files rewritten, "
              f"{p['bytes_rewritten']:,} of {p['bytes_total']:,} bytes; second run {p['second_wall_s']:.1f} s wall, {p['second_cpu_s']:.1f} s CPU")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--configs", nargs="+", default=list(CONFIGS), choices=CONFIGS)
    parser.add_argument("--only", choices=("runs", "big-group", "parquet"), nargs="+", default=["runs", "big-group", "parquet"])
    parser.add_argument("--big-group", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--parquet-sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=ROOT / "output" / "bench_scale")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "output" / "bench_scale.json")
    args = parser.parse_args(argv)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict = {"date": time.strftime("%Y-%m-%d"), "commit": _commit(), "cpus": os.cpu_count(), "argv": sys.argv[1:],
                     "runs": [], "big_group": [], "parquet": []}

    def save() -> None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(results, indent=1, default=str))

    cluster = None
    try:
        if "runs" in args.only:
            if "dask-2" in args.configs:
                from distributed import LocalCluster

                cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
            for n in args.sizes:
                inputs = args.work / f"inputs-{n}"
                info = build_inputs(inputs, n)
                for config in args.configs:
                    row = measure_config(config, inputs, info, args.work, cluster.scheduler_address if cluster else None)
                    results["runs"].append(row)
                    save()
                    print(f"{config} {n}: {row['filings_per_s']:.1f} filings/s ({row['wall_s']:.1f} s, rc {row['rc']}), "
                          f"writer {1000 * (row['main_cpu_s'] or 0) / n:.1f} ms/filing, growth {row.get('growth')}, "
                          f"re-run {row['rerun_wall_s']:.2f} s wall {row['rerun_cpu_s']:.2f} s CPU, loaded {row['loaded']}", flush=True)
        if "big-group" in args.only:
            for n in args.big_group:
                results["big_group"].append(measure_big_group(n, args.work))
                save()
                print(json.dumps({k: v for k, v in results["big_group"][-1].items() if k != "cmd"}), flush=True)
        if "parquet" in args.only:
            for n in args.parquet_sizes:
                inputs = args.work / f"inputs-{n}"
                results["parquet"].append(measure_parquet(inputs, build_inputs(inputs, n), args.work))
                save()
                print(json.dumps({k: v for k, v in results["parquet"][-1].items() if k != "cmd"}), flush=True)
    finally:
        if cluster is not None:
            cluster.close()
        save()
    print_tables(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
