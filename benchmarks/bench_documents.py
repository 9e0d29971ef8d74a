"""What reading every document of a filing costs: parse + sections of the primary document
alone, against parse + sections of the primary and each prose exhibit (issue 11's bound:
the exhibits may cost no more than their share of the bytes).

    python benchmarks/bench_documents.py                 # the full submissions of ../shared/corpus
    python benchmarks/bench_documents.py --repeat 5 FILE...

CPU seconds of this process (time.process_time), median of --repeat runs per file. "bytes
read" counts the primary document's and the read exhibits' bytes, not the encoded
attachments (graphics, PDFs, XBRL) that are skipped.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from extractor.documents import read_parts
from extractor.parse import parse_bytes
from extractor.pipeline import segment

SHARED = Path(os.environ.get("EXTRACTOR_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def _seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def measure(path: Path, repeat: int) -> dict:
    data = path.read_bytes()

    def primary_only():
        document = parse_bytes(data, source=str(path))
        segment(document, form=document.form)

    def every_document():
        document = parse_bytes(data, source=str(path))
        parts, _ = read_parts(document)
        for part in parts:
            segment(part.document, form=part.form)

    document = parse_bytes(data, source=str(path))
    parts, _ = read_parts(document)
    exhibit_bytes = sum(len(e.data) for e in document.exhibits if any(p.info.sequence == e.sequence and p.info.type == e.type.strip().upper() for p in parts[1:]))
    primary_bytes = len(data) - sum(len(e.data) for e in document.exhibits)
    one, all_ = _seconds(primary_only, repeat), _seconds(every_document, repeat)
    return {
        "file": path.name, "mb": len(data) / 1e6, "documents": len(parts), "exhibit_share": exhibit_bytes / max(1, primary_bytes + exhibit_bytes),
        "primary_s": one, "all_s": all_, "mb_s": len(data) / 1e6 / max(all_, 1e-9), "extra_cost": all_ / max(one, 1e-9) - 1,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    files = args.files or sorted((SHARED / "corpus").glob("*/*full-submission*.txt"))
    if not files:
        print("no files (../shared/corpus is absent; name files)", file=sys.stderr)
        return 2
    print(f"{'file':58} {'MB':>6} {'docs':>4} {'exhibit bytes':>13} {'primary s':>9} {'all s':>7} {'extra cost':>10} {'MB/s':>6}")
    rows = [measure(path, args.repeat) for path in files]
    for r in rows:
        print(f"{r['file'][:58]:58} {r['mb']:6.2f} {r['documents']:4d} {r['exhibit_share']:12.0%} {r['primary_s']:9.3f} {r['all_s']:7.3f} {r['extra_cost']:9.0%} {r['mb_s']:6.1f}")
    total_mb = sum(r["mb"] for r in rows)
    print(f"all: {total_mb:.1f} MB, {sum(r['documents'] for r in rows)} documents; primary only {total_mb / sum(r['primary_s'] for r in rows):.1f} MB/s, "
          f"every document {total_mb / sum(r['all_s'] for r in rows):.1f} MB/s; exhibit share of bytes read "
          f"{sum(r['exhibit_share'] * r['mb'] for r in rows) / total_mb:.0%}, extra time {sum(r['all_s'] for r in rows) / sum(r['primary_s'] for r in rows) - 1:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
