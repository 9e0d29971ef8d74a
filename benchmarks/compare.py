"""extractor against edgartools and doc2dict: throughput, peak memory, sections right.

    python benchmarks/compare.py                 # all three tools, 3 runs per document
    python benchmarks/compare.py --repeat 1 --only twilio

Runs every S-1, 424B and 10-K document of ../shared/corpus (set EXTRACTOR_SHARED
elsewhere) through each tool, each tool and document in its own fresh process
(compare_tools.py), and judges each tool's top-level sections against the labels in
tests/data/sections_*.json with the same test for all tools (compare_judge.py).
Prints a Markdown table and writes the details to output/compare.json.

All tools get the same bytes: a full submission (.txt) is cut down to its primary
document first (outside the timing), and a full submission is skipped where the
corpus also holds its primary document as a file of its own.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from compare_judge import Label, ToolSection, Verdict, judge, neutral_text  # noqa: E402
from compare_tools import TOOLS  # noqa: E402

SHARED = Path(os.environ.get("EXTRACTOR_SHARED") or REPO.parent / "shared")
LABELS = REPO / "tests" / "data"
GROUPS = ("S-1", "424B", "10-K")
MB = 1_000_000


@dataclass(frozen=True)
class Filing:
    path: str  # relative to the corpus
    form: str
    group: str  # S-1, 424B or 10-K
    primary: Path  # the primary document every tool reads
    bytes: int
    labels: tuple[Label, ...]


def form_group(form: str) -> str | None:
    form = form.upper()
    if form.startswith(("S-1", "F-1")):
        return "S-1"
    if form.startswith("424B"):
        return "424B"
    if form.startswith("10-K"):
        return "10-K"
    return None


def primary_document(data: bytes) -> bytes:
    """The first <TEXT> block of an EDGAR submission, or the data as it is."""
    head = data[:8192].upper()
    if b"<DOCUMENT>" not in head and b"<SEC-DOCUMENT>" not in head and b"PRIVACY-ENHANCED" not in head:
        return data
    upper = data.upper()
    start = upper.find(b"<TEXT>")
    if start < 0:
        return data
    end = upper.find(b"</TEXT>", start)
    return data[start + len(b"<TEXT>") : end if end > 0 else len(data)].strip()


def load_labels(folder: Path) -> dict[str, tuple[Label, ...]]:
    labels: dict[str, tuple[Label, ...]] = {}
    for label_file in sorted(folder.glob("sections_*.json")):
        for path, entry in json.loads(label_file.read_text(encoding="utf-8")).items():
            labels[path] = tuple(Label(s["id"], s["title"], s["opening"]) for s in entry["sections"])
    return labels


def select_filings(corpus: Path, labels: dict, work: Path, only: list[str]) -> list[Filing]:
    with open(corpus / "MANIFEST.tsv", newline="", encoding="utf-8") as fh:
        rows = [row for row in csv.DictReader(fh, delimiter="\t") if form_group(row["form"])]
    standalone = {row["accession"] for row in rows if not row["path"].endswith(".txt") and row["accession"]}
    filings = []
    for row in rows:
        if row["path"].endswith(".txt") and row["accession"] in standalone:
            continue  # the same primary document is in the corpus on its own
        if only and not any(word in row["path"] for word in only):
            continue
        primary = work / row["path"].replace("/", "__")
        data = primary_document((corpus / row["path"]).read_bytes())
        primary.write_bytes(data)
        group = form_group(row["form"])
        filings.append(Filing(row["path"], row["form"], group, primary, len(data), labels.get(row["path"], ())))
    return filings


def run_tool(python: str, tool: str, filing: Filing, repeat: int, work: Path) -> dict:
    out = work / f"{tool}__{filing.primary.name}.json"
    command = [python, str(HERE / "compare_tools.py"), "--tool", tool, "--file", str(filing.primary),
               "--form", filing.form, "--repeat", str(repeat), "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0 or not out.is_file():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"tool": tool, "error": last[:300]}
    return json.loads(out.read_text(encoding="utf-8"))


def score(filing: Filing, result: dict) -> list[Verdict]:
    if not filing.labels or "error" in result:
        return []
    sections = [ToolSection(s["id"], s["title"], s["text"]) for s in result["sections"] if s["level"] == 1 or result["tool"] == "doc2dict"]
    return judge(list(filing.labels), sections, neutral_text(filing.primary.read_bytes()))


def file_record(filing: Filing, result: dict, verdicts: list[Verdict]) -> dict:
    record = {"path": filing.path, "form": filing.form, "group": filing.group, "bytes": filing.bytes}
    if "error" in result:
        return record | {"error": result["error"]}
    core = statistics.median(result["core_seconds"])
    total = statistics.median(c + t for c, t in zip(result["core_seconds"], result["text_seconds"]))
    peak = max(result["peak_rss"] - result["baseline_rss"], 0)
    return record | {
        "core_seconds": result["core_seconds"],
        "text_seconds": result["text_seconds"],
        "median_seconds": core,
        "median_seconds_with_text": total,
        "mb_per_s": filing.bytes / MB / core,
        "mb_per_s_with_text": filing.bytes / MB / total,
        "peak_rss_over_baseline": peak,
        "peak_rss_multiple": peak / filing.bytes,
        "sections_labelled": len(verdicts),
        "sections_right": sum(v.right for v in verdicts),
        "verdicts": [{"id": v.section_id, "title": v.title, "right": v.right, "reason": v.reason} for v in verdicts],
    }


def summarize(records: list[dict], group: str | None) -> dict:
    """Throughput over a group: total bytes / total median seconds (bigger files weigh more)."""
    chosen = [r for r in records if group is None or r["group"] == group]
    timed = [r for r in chosen if "error" not in r]
    seconds = sum(r["median_seconds"] for r in timed)
    with_text = sum(r["median_seconds_with_text"] for r in timed)
    mb = sum(r["bytes"] for r in timed) / MB
    return {
        "files": len(chosen),
        "failed": len(chosen) - len(timed),
        "mb": mb,
        "mb_per_s": mb / seconds if seconds else None,
        "mb_per_s_with_text": mb / with_text if with_text else None,
        "peak_rss_multiple_max": max((r["peak_rss_multiple"] for r in timed), default=None),
        "sections_right": sum(r.get("sections_right", 0) for r in timed),
        "sections_labelled": sum(r["sections_labelled"] for r in timed),
    }


def rate(value: float | None) -> str:
    return f"{value:.2f}" if value else "-"


def markdown_table(summary: dict[str, dict]) -> str:
    """One row per tool: MB/s per form group, the speed ratio, peak memory, sections right."""
    ours = summary.get("extractor", {})
    lines = [
        "| tool | S-1 MB/s | 424B MB/s | 10-K MB/s | all MB/s | all MB/s with section text "
        "| extractor faster (S-1 / all) | peak memory, x input (max) "
        "| sections right S-1 | 424B | 10-K | all | failed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for tool, row in summary.items():
        ratios = []
        for group in ("S-1", "all"):
            mine, theirs = ours.get(group, {}).get("mb_per_s"), row[group]["mb_per_s"]
            ratios.append(f"{mine / theirs:.1f}x" if mine and theirs else "-")
        peak = row["all"]["peak_rss_multiple_max"]
        cells = [tool]
        cells += [rate(row[group]["mb_per_s"]) for group in (*GROUPS, "all")]
        cells += [rate(row["all"]["mb_per_s_with_text"]), " / ".join(ratios), f"{peak:.1f}" if peak is not None else "-"]
        cells += [f"{row[g]['sections_right']}/{row[g]['sections_labelled']}" for g in (*GROUPS, "all")]
        cells.append(str(row["all"]["failed"]))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="extractor vs edgartools vs doc2dict on the shared corpus")
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    parser.add_argument("--repeat", type=int, default=3, help="runs per document; the median counts (default 3)")
    parser.add_argument("--only", nargs="*", default=[], help="only corpus paths containing one of these words")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--python", action="append", default=[], metavar="TOOL=PATH",
                        help="interpreter for one tool (default: this one), e.g. edgartools=/venv-bench/bin/python")
    parser.add_argument("-o", "--out", type=Path, default=REPO / "output" / "compare.json")
    return parser.parse_args(argv)


def interpreters(pairs: list[str]) -> dict[str, str]:
    chosen = {tool: sys.executable for tool in TOOLS}
    for pair in pairs:
        tool, _, path = pair.partition("=")
        if tool not in chosen or not path:
            raise SystemExit(f"compare: --python wants TOOL=PATH with TOOL one of {', '.join(TOOLS)}, got {pair!r}")
        chosen[tool] = path
    return chosen


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not (args.corpus / "MANIFEST.tsv").is_file():
        print(f"compare: no corpus at {args.corpus} (set EXTRACTOR_SHARED)", file=sys.stderr)
        return 2
    python = interpreters(args.python)
    with tempfile.TemporaryDirectory(prefix="extractor-compare-") as tmp:
        work = Path(tmp)
        filings = select_filings(args.corpus, load_labels(args.labels), work, args.only)
        records: dict[str, list[dict]] = {}
        for tool in args.tools:
            records[tool] = []
            for filing in filings:
                result = run_tool(python[tool], tool, filing, args.repeat, work)
                records[tool].append(file_record(filing, result, score(filing, result)))
                shown = records[tool][-1]
                status = shown.get("error") or f"{shown['mb_per_s']:.2f} MB/s, {shown['sections_right']}/{shown['sections_labelled']} right"
                print(f"  {tool:<10} {filing.path:<60} {status}", file=sys.stderr)
    summary = {tool: {g: summarize(rows, g) for g in GROUPS} | {"all": summarize(rows, None)} for tool, rows in records.items()}
    table = markdown_table(summary)
    print(table)
    from extractor.atomic import atomic_write_text

    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"repeat": args.repeat, "summary": summary, "table": table, "files": records}
    atomic_write_text(args.out, json.dumps(payload, indent=1))
    print(f"\ndetails: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
