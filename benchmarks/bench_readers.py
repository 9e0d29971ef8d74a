"""HTML block readers side by side, in one process, with interleaved repeats.

Readers (markup -> raw blocks, spacer cut included):

    today    extractor/parse/html.py at --baseline (default: the commit before the speed work),
             imported from a `git archive` copy of that commit's package under another name
    lean     extractor/parse/html.py as checked out
    lexbor   the selectolax/Lexbor prototype (benchmarks/lexbor_reader.py), if selectolax is installed
    events   the libxml2 parse-event prototype (benchmarks/event_reader.py), only when asked for

Two measures per file: `reader` times read_html_blocks() on the decoded primary document;
`pipeline` times parse_bytes() + segment() of the whole file with that reader (lexbor swapped
into the checked-out package). Every repeat runs each reader once on each file, in rotating
order, so a busy spell of the shared machine hits all readers alike. MB/s = file bytes /
median CPU seconds (time.process_time); group figures are total bytes / total medians.

    python benchmarks/bench_readers.py                     # the corpus S-1s
    python benchmarks/bench_readers.py --repeat 9 --readers today lean FILE...
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("EXTRACTOR_SHARED") or REPO.parent / "shared") / "corpus"
BASELINE = "c6c4912"  # main when the speed work began
_IMPORT = re.compile(r"\b(from|import) extractor\b")


def load_baseline(revision: str, folder: Path):
    """The ``extractor`` package at ``revision``, importable as ``extractor_baseline``."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision, "extractor"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    (folder / "extractor").rename(folder / "extractor_baseline")
    for path in (folder / "extractor_baseline").rglob("*.py"):
        path.write_text(_IMPORT.sub(r"\1 extractor_baseline", path.read_text()))
    sys.path.insert(0, str(folder))
    return importlib.import_module("extractor_baseline")


def primary_markup(package, data: bytes) -> str | None:
    """The decoded primary document when it is HTML (what read_html_blocks gets), else None."""
    detect = importlib.import_module(f"{package}.parse.detect")
    sgml = importlib.import_module(f"{package}.parse.sgml")
    encoding = importlib.import_module(f"{package}.parse.encoding")
    kind = detect.detect_kind(data)
    content = data
    if kind in (detect.SGML, detect.NC):
        primary = sgml.split_submission(data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")).primary()
        if primary is None or primary.uuencoded:
            return None
        content = primary.body
        kind = detect.markup_kind(content)
    return encoding.decode(content)[0] if kind in (detect.HTML, detect.IXBRL) else None


def readers(names: list[str], baseline: str, folder: Path) -> dict:
    """name -> (read_html_blocks, pipeline function of bytes)."""
    import extractor.parse as parse
    from extractor.pipeline import segment

    out = {}
    for name in names:
        if name == "today":
            package = load_baseline(baseline, folder)
            base_parse = importlib.import_module("extractor_baseline.parse")
            base_segment = importlib.import_module("extractor_baseline.pipeline").segment
            read = importlib.import_module("extractor_baseline.parse.html").read_html_blocks
            out[name] = (read, lambda data, p=base_parse, s=base_segment: _parse_and_segment(p.parse_bytes, s, data))
            del package
        elif name == "lean":
            out[name] = (parse.read_html_blocks, lambda data: _parse_and_segment(parse.parse_bytes, segment, data))
        elif name == "lexbor":
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            lexbor_reader = importlib.import_module("lexbor_reader")
            out[name] = (lexbor_reader.read_html_blocks, lambda data: _with_reader(lexbor_reader.read_html_blocks, data))
        elif name == "events":
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            event_reader = importlib.import_module("event_reader")
            out[name] = (event_reader.read_html_blocks, lambda data: _with_reader(event_reader.read_html_blocks, data))
    return out


def _parse_and_segment(parse_bytes, segment, data: bytes):
    document = parse_bytes(data)
    return segment(document, form=document.form)


def _with_reader(read, data: bytes):
    import extractor.parse as parse
    from extractor.pipeline import segment

    kept = parse.read_html_blocks
    parse.read_html_blocks = read
    try:
        return _parse_and_segment(parse.parse_bytes, segment, data)
    finally:
        parse.read_html_blocks = kept


def seconds(function, argument) -> float:
    start = time.process_time()
    function(argument)
    return time.process_time() - start


def run(files: list[Path], chosen: dict, repeat: int) -> dict:
    inputs = []
    for path in files:
        data = path.read_bytes()
        inputs.append((path, data, primary_markup("extractor", data)))
    names = list(chosen)
    times = {(name, measure, path): [] for name in names for measure in ("reader", "pipeline") for path, _d, _m in inputs}
    for name in names:  # warm up: imports, caches, the first-document cost
        read, pipeline = chosen[name]
        read("<html><body><p>warm up</p><table><tr><td>1</td></tr></table></body></html>")
        pipeline(inputs[-1][1])
    for round_ in range(repeat):
        for index, (path, data, markup) in enumerate(inputs):
            turn = names[(round_ + index) % len(names) :] + names[: (round_ + index) % len(names)]
            for name in turn:
                read, pipeline = chosen[name]
                if markup is not None:
                    times[(name, "reader", path)].append(seconds(read, markup))
                times[(name, "pipeline", path)].append(seconds(pipeline, data))
    return {key: statistics.median(values) for key, values in times.items() if values}


def report(files: list[Path], medians: dict, names: list[str]) -> None:
    sizes = {path: path.stat().st_size for path in files}
    largest = sorted(files, key=sizes.get, reverse=True)[:3]
    header = " ".join(f"{name + ' ' + measure:>16}" for measure in ("reader", "pipeline") for name in names)
    print(f"{'file':<44} {'MB':>5} {header}   (MB/s per CPU second, median)")
    for path in files:
        cells = []
        for measure in ("reader", "pipeline"):
            for name in names:
                t = medians.get((name, measure, path))
                cells.append(f"{sizes[path] / 1e6 / t:16.1f}" if t else f"{'-':>16}")
        print(f"{path.name[:44]:<44} {sizes[path] / 1e6:5.2f} {' '.join(cells)}")
    for label, group in (("three largest S-1s", largest), ("all files", files)):
        print(f"\n{label}:")
        for measure in ("reader", "pipeline"):
            rates = {}
            for name in names:
                ts = [medians.get((name, measure, path)) for path in group]
                if all(ts):
                    rates[name] = (sum(sizes[p] for p in group) / 1e6 / sum(ts), statistics.median(sizes[p] / 1e6 / t for p, t in zip(group, ts)))
            base = rates.get(names[0])
            text = ", ".join(
                f"{name} {total:.1f} MB/s (per-file median {median:.1f}; {total / base[0]:.2f}x {names[0]})" if base else f"{name} {total:.1f}"
                for name, (total, median) in rates.items()
            )
            print(f"  {measure:<9} {text}")


def default_files() -> list[Path]:
    return sorted((p for p in (CORPUS / "s-1").glob("*") if p.is_file()), key=lambda p: p.stat().st_size, reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--readers", nargs="+", default=["today", "lean", "lexbor"], choices=["today", "lean", "lexbor", "events"])
    parser.add_argument("--baseline", default=BASELINE, help=f"the commit whose reader is 'today' (default {BASELINE})")
    args = parser.parse_args(argv)
    files = args.files or default_files()
    names = list(args.readers)
    if "lexbor" in names and importlib.util.find_spec("selectolax") is None:
        names.remove("lexbor")
        print("selectolax not installed: no lexbor reader", file=sys.stderr)
    with tempfile.TemporaryDirectory() as folder:
        chosen = readers(names, args.baseline, Path(folder))
        medians = run(files, chosen, args.repeat)
    report(files, medians, names)
    return 0


if __name__ == "__main__":
    sys.exit(main())
