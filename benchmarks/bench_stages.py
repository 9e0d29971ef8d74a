"""Throughput (MB/s) per stage of parse + segment, and peak memory, on real filings.

Stages, each timed on its own over the same input:

    detect     bytes -> kind, SGML split, primary document picked and decoded
    prune      spacer cells and the hidden ix:header cut from the markup (regex, C speed)
    parse      markup -> raw blocks (prune + libxml2's push parser, the tree read and cut as it
               is built; or the text reader)
    normalize  page furniture removed, text assembled, form from the cover page
    segment    Document -> canonical sections

`lxml` is libxml2 building the whole tree of the pruned markup in one call (its push
parser, which parse uses to keep memory low, costs about 30% more).
Title caches of the segmenter are emptied before every run, so a repeated run of
the same file is not helped by the previous one.

`total` is parse_filing() + segment() end to end, which is what the 25 MB/s
target (issue 15) is about (median over --repeat runs, one process, one core; CPU time of
the process by default, --clock wall for elapsed time). MB/s is
input bytes (the whole file as read) per second. Peak memory is the growth of
the peak resident set while one file is processed, measured in a fresh Python
process after a warm-up (libxml2 memory is outside tracemalloc's view).

    python benchmarks/bench_stages.py                      # S-1 and 10-K files of ../shared/corpus
    python benchmarks/bench_stages.py --repeat 9 FILE...   # your own files
    python benchmarks/bench_stages.py --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from extractor.parse import parse_bytes
from extractor.parse.cover import cover_form
from extractor.parse.detect import HTML, IXBRL, NC, SGML, detect_kind, markup_kind
from extractor.parse.encoding import decode
from extractor.parse.html import build_tree, read_html_blocks
from extractor.parse.layout import assemble, drop_furniture
from extractor.parse.prune import prune
from extractor.parse.sgml import split_submission, unix_newlines
from extractor.parse.text import read_plain_blocks
from extractor.sections import forms, segment

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("EXTRACTOR_SHARED") or REPO.parent / "shared") / "corpus"
TARGET_MB_S = 25.0  # parse + sections, median of the three largest S-1s (issue 15)


def detect_stage(data: bytes) -> tuple[str, str]:
    kind = detect_kind(data)
    content = data
    if kind in (SGML, NC):
        primary = split_submission(unix_newlines(data)).primary()
        content = primary.body if primary and not primary.uuencoded else b" "
    markup = markup_kind(content) if kind in (SGML, NC) else kind
    return markup, decode(content)[0]


def parse_stage(markup: str, text: str):
    if markup in (HTML, IXBRL):
        return read_html_blocks(text)[0]
    return read_plain_blocks(text)


def prune_stage(markup: str, text: str):
    return prune(text) if markup in (HTML, IXBRL) else text


def lxml_only(markup: str, pruned: str):
    """The floor of the parse stage: libxml2 building the tree of the pruned markup, no Python walk."""
    return build_tree(pruned)


def normalize_stage(raw):
    assembled = assemble(drop_furniture(raw))
    cover_form(assembled.text)
    return assembled


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = time.process_time


def timed(function, *args, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        _cold_title_caches()
        start = clock()
        result = function(*args)
        times.append(clock() - start)
    return max(statistics.median(times), 1e-9), result


def _cold_title_caches() -> None:
    for cached in (forms.normalize_title, forms.prospectus_id, forms.item_key):
        cached.cache_clear()


_PEAK_SCRIPT = """
import sys
from extractor.parse import parse_bytes
from extractor.sections import segment

def peak_kb():  # VmHWM, not ru_maxrss: that one keeps the parent's peak across fork and exec
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

data = open(sys.argv[1], "rb").read()
segment(parse_bytes(b"<html><body><p>warm up</p></body></html>"))
before = peak_kb()
segment(parse_bytes(data))
print((peak_kb() - before) * 1024)
"""


def peak_rss_growth(path: Path) -> int | None:
    """Bytes the peak RSS grows by while one file is parsed and segmented, in a fresh Python
    process (a forked child would reuse the heap its parent freed and show too little)."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _PEAK_SCRIPT, str(path)], capture_output=True, text=True, timeout=600, check=True
        )
        return int(done.stdout.strip())
    except (subprocess.SubprocessError, ValueError, OSError):
        return None


def bench_file(path: Path, repeat: int) -> dict:
    data = path.read_bytes()
    mb = len(data) / 1e6
    t_detect, (markup, text) = timed(detect_stage, data, repeat=repeat)
    t_prune, pruned = timed(prune_stage, markup, text, repeat=repeat)
    t_parse, raw = timed(parse_stage, markup, text, repeat=repeat)
    t_lxml = timed(lxml_only, markup, pruned, repeat=repeat)[0] if markup in (HTML, IXBRL) else None
    t_normalize, _ = timed(normalize_stage, raw, repeat=repeat)
    document = parse_bytes(data)
    t_segment, sections = timed(segment, document, repeat=repeat)
    t_total, _ = timed(lambda: segment(parse_bytes(data)), repeat=repeat)
    peak = peak_rss_growth(path)
    return {
        "file": str(path),
        "bytes": len(data),
        "kind": document.kind,
        "form": document.form,
        "sections": sum(1 for s in sections if s.level == 1),
        "mb_s": {
            "detect": mb / t_detect,
            "prune": mb / t_prune,
            "parse": mb / t_parse,
            "normalize": mb / t_normalize,
            "segment": mb / t_segment,
            "total": mb / t_total,
            "lxml_tree_only": mb / t_lxml if t_lxml else None,
        },
        "seconds_total": t_total,
        "peak_rss_growth_bytes": peak,
        "peak_over_input": (peak / len(data)) if peak else None,
    }


def default_files() -> list[Path]:
    return sorted(
        [p for folder in ("s-1", "10-k") for p in (CORPUS / folder).glob("*") if p.is_file()],
        key=lambda p: p.stat().st_size,
        reverse=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="filings to measure (default: S-1 and 10-K in the corpus)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per stage; the median is reported (default 5)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="cpu",
        help="cpu: this process's CPU time (default; on a shared machine wall time counts other "
        "people's work too); wall: elapsed time",
    )
    args = parser.parse_args(argv)
    global clock
    clock = CLOCKS[args.clock]
    files = args.files or default_files()
    if not files:
        print(f"no files (corpus not found at {CORPUS})", file=sys.stderr)
        return 2
    results = []
    print(
        f"{'file':<48} {'MB':>5} {'detect':>7} {'prune':>7} {'parse':>7} {'normal':>7} {'segment':>7} {'total':>7} "
        f"{'lxml':>7} {'peak/in':>7}   (MB/s; parse includes prune; lxml = tree of the pruned markup alone)"
    )
    for path in files:
        r = bench_file(path, args.repeat)
        results.append(r)
        m = r["mb_s"]
        peak = f"{r['peak_over_input']:.1f}x" if r["peak_over_input"] else "n/a"
        lxml_rate = f"{m['lxml_tree_only']:7.1f}" if m["lxml_tree_only"] else f"{'-':>7}"
        print(
            f"{path.name[:48]:<48} {r['bytes'] / 1e6:5.2f} {m['detect']:7.1f} {m['prune']:7.1f} {m['parse']:7.1f} "
            f"{m['normalize']:7.1f} {m['segment']:7.1f} {m['total']:7.1f} {lxml_rate} {peak:>7}"
        )
    s1 = sorted((r for r in results if "/s-1/" in r["file"]), key=lambda r: r["bytes"], reverse=True)[:3]
    if s1:
        median = statistics.median(r["mb_s"]["total"] for r in s1)
        verdict = "meets" if median >= TARGET_MB_S else "misses"
        print(f"\nparse + sections, median of the three largest S-1 files: {median:.1f} MB/s ({verdict} the {TARGET_MB_S:.0f} MB/s target)")
    if args.json:
        from extractor.atomic import atomic_write_text

        atomic_write_text(args.json, json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
