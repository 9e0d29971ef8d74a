"""Extract-stage speed over real S-1s (and any other filings given).

    python benchmarks/bench_extract.py [--repeat 3] [PATH ...]

Without PATHs it takes every S-1 / S-1/A / 424B in ../shared/corpus/MANIFEST.tsv.
Parse and segment run once per filing (not timed here); the extract stage
(gate + spaCy rules + linking + merging) is timed, best of --repeat, after one
warm-up run that pays for building the spaCy pipeline. Prints per filing: input
MB, text characters, the share of the text that passes the gate, extract ms and
MB/s of input; then the totals and the one-off pipeline build time.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from extractor.pipeline import parse_filing, segment
from extractor.rules import extract_contracts
from extractor.rules.nlp.gate import candidate_passages
from extractor.rules.nlp.pipeline import get_nlp

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FORMS = ("S-1", "S-1/A", "424B4", "424B1", "424B3")


def corpus_s1s() -> list[Path]:
    with open(CORPUS / "MANIFEST.tsv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [CORPUS / r["path"] for r in rows if r["form"] in FORMS and (CORPUS / r["path"]).is_file()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    paths = args.paths or corpus_s1s()
    if not paths:
        print("no filings (is ../shared/corpus here?)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    get_nlp()
    build = time.perf_counter() - t0
    total_bytes = total_seconds = 0.0
    print(f"{'filing':48s} {'MB':>6s} {'chars':>9s} {'gated':>6s} {'contracts':>9s} {'ms':>8s} {'MB/s':>7s}")
    for path in paths:
        data = path.read_bytes()
        document = parse_filing(data, source=str(path))
        sections = segment(document, form=document.form)
        extract_contracts(document, sections)  # warm-up: compiles the patterns once
        best = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            contracts, _ = extract_contracts(document, sections)
            best = min(best, time.perf_counter() - t)
        gated = sum(p.end - p.start for p in candidate_passages(document)) / max(len(document.text), 1)
        mb = len(data) / 1e6
        total_bytes += mb
        total_seconds += best
        name = str(path.relative_to(CORPUS)) if CORPUS in path.parents else path.name
        print(f"{name[:48]:48s} {mb:6.2f} {len(document.text):9,d} {gated:6.1%} {len(contracts):9d} {best * 1e3:8.1f} {mb / best:7.1f}")
    print(f"{'total':48s} {total_bytes:6.2f} {'':9s} {'':6s} {'':9s} {total_seconds * 1e3:8.1f} {total_bytes / total_seconds:7.1f}")
    print(f"spaCy pipeline build (once per process): {build * 1e3:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
