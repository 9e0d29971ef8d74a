"""extractor against edgartools and doc2dict: throughput, peak memory, sections right.

    python benchmarks/compare.py                 # all three tools, 3 runs per document
    python benchmarks/compare.py --repeat 1 --only twilio

Runs every S-1, 424B and 10-K document of ../shared/corpus (set EXTRACTOR_SHARED
elsewhere) through each tool, each tool and document in its own fresh process
(compare_tools.py), the tools taking turns run by run (A, B, C, A, B, C, ...), and
judges each tool's top-level sections against the labels in tests/data/sections_*.json
with the same test for all tools (compare_judge.py).
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
import select
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
TOOL_SECONDS, TOOL_SECONDS_PER_RUN = 300, 120  # a tool process that takes longer has hung


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


class ToolProcess:
    """One tool's ``compare_tools.py --step`` process on one document: it runs once per turn."""

    def __init__(self, python: str, tool: str, filing: Filing, repeat: int, work: Path):
        self.tool, self.error = tool, None
        self.out = work / f"{tool}__{filing.primary.name}.json"
        self.log = work / f"{tool}__{filing.primary.name}.stderr"
        command = [python, str(HERE / "compare_tools.py"), "--tool", tool, "--file", str(filing.primary),
                   "--form", filing.form, "--repeat", str(repeat), "--out", str(self.out), "--step"]
        with open(self.log, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True)

    def expect(self, word: str, seconds: float) -> bool:
        """Wait for the process to say ``word``; on silence, a wrong word or an exit, it failed."""
        if self.error:
            return False
        ready, _, _ = select.select([self.process.stdout], [], [], seconds)
        line = self.process.stdout.readline().strip() if ready else None
        if line == word:
            return True
        self.fail(f"no result after {seconds} s" if line is None else None)
        return False

    def run_once(self) -> None:
        if self.error:
            return
        try:
            self.process.stdin.write("go\n")
            self.process.stdin.flush()
        except OSError:
            pass  # it has exited: expect() reads why
        self.expect("done", TOOL_SECONDS_PER_RUN)

    def fail(self, error: str | None) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if error is None:
            lines = self.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            error = (lines or ["no output"])[-1][:300]
        self.error = error

    def result(self) -> dict:
        if not self.error:
            try:
                self.process.stdin.close()
            except OSError:
                pass
            try:
                self.process.wait(timeout=TOOL_SECONDS)
            except subprocess.TimeoutExpired:
                self.fail(f"no result after {TOOL_SECONDS} s")
        if not self.error and (self.process.returncode != 0 or not self.out.is_file()):
            self.fail(None)
        if self.error:
            return {"tool": self.tool, "error": self.error}
        try:
            return json.loads(self.out.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return {"tool": self.tool, "error": f"unreadable result: {exc}"}


def run_tools(python: dict[str, str], tools: list[str], filing: Filing, repeat: int, work: Path) -> dict[str, dict]:
    """Every tool on one document, the tools taking turns run by run (A, B, C, A, B, C, ...),
    each in a fresh process of its own that stays warm between its runs: a drift of the
    machine's speed hits every tool's median alike (issue 15). No run is timed while another
    tool's process is still importing and warming up."""
    processes = [ToolProcess(python[tool], tool, filing, repeat, work) for tool in tools]
    for process in processes:
        process.expect("ready", TOOL_SECONDS)
    for _ in range(repeat):
        for process in processes:
            process.run_once()
    return {process.tool: process.result() for process in processes}


def score(filing: Filing, result: dict) -> list[Verdict]:
    if not filing.labels or "error" in result:
        return []
    sections = [ToolSection(s["id"], s["title"], s["text"]) for s in result["sections"] if s["level"] == 1 or result["tool"] == "doc2dict"]
    return judge(list(filing.labels), sections, neutral_text(filing.primary.read_bytes()))


def median_sum(first: list[float], second: list[float]) -> float:
    return statistics.median(a + b for a, b in zip(first, second))


def file_record(filing: Filing, result: dict, verdicts: list[Verdict]) -> dict:
    """One tool on one document: its median timings (wall and CPU), peak memory, verdicts."""
    record = {"path": filing.path, "form": filing.form, "group": filing.group, "bytes": filing.bytes}
    if "error" in result:  # its labels still count, as sections it did not get right
        return record | {"error": result["error"], "sections_labelled": len(filing.labels), "sections_right": 0}
    peak = max(result["peak_rss"] - result["baseline_rss"], 0)
    medians = {
        "wall": statistics.median(result["core_seconds"]),
        "wall_with_text": median_sum(result["core_seconds"], result["text_seconds"]),
        "cpu": statistics.median(result["core_cpu_seconds"]),
        "cpu_with_text": median_sum(result["core_cpu_seconds"], result["text_cpu_seconds"]),
    }
    return record | {
        "version": result.get("version"),
        "network_refused": result.get("network_refused", []),
        "runs": {key: result[key] for key in ("core_seconds", "text_seconds", "core_cpu_seconds", "text_cpu_seconds")},
        "median_seconds": medians,
        "mb_per_s": {clock: filing.bytes / MB / seconds for clock, seconds in medians.items() if seconds > 0},
        "peak_rss_over_baseline": peak,
        "peak_rss_multiple": peak / filing.bytes,
        "sections_labelled": len(verdicts),
        "sections_right": sum(v.right for v in verdicts),
        "verdicts": [{"id": v.section_id, "title": v.title, "right": v.right, "reason": v.reason} for v in verdicts],
    }


def summarize(records: list[dict], group: str | None) -> dict:
    """A group of documents: total bytes / total median seconds per clock (big files weigh more)."""
    chosen = [r for r in records if group is None or r["group"] == group]
    timed = [r for r in chosen if "error" not in r]
    mb = sum(r["bytes"] for r in timed) / MB
    rates = {}
    for clock in ("wall", "wall_with_text", "cpu", "cpu_with_text"):
        seconds = sum(r["median_seconds"][clock] for r in timed)
        rates[clock] = mb / seconds if seconds else None
    return {
        "files": len(chosen),
        "failed": len(chosen) - len(timed),
        "mb": mb,
        "mb_per_s": rates,
        "peak_rss_multiple_max": max((r["peak_rss_multiple"] for r in timed), default=None),
        "sections_right": sum(r["sections_right"] for r in chosen),
        "sections_labelled": sum(r["sections_labelled"] for r in chosen),
    }


def progress_note(record: dict) -> str:
    if "error" in record:
        return f"failed: {record['error']}"
    return f"{record['mb_per_s']['cpu']:.2f} MB/s, {record['sections_right']}/{record['sections_labelled']} sections right"


def closing_note(summary: dict[str, dict]) -> str:
    """The ratios of this one run against the issue's targets."""
    ours = summary.get("extractor")
    if not ours:
        return ""
    lines = []
    for tool, target in (("edgartools", 10), ("doc2dict", 4)):
        theirs = summary.get(tool)
        if not theirs:
            continue
        for group in ("S-1", "all"):
            mine, other = ours[group]["mb_per_s"]["cpu"], theirs[group]["mb_per_s"]["cpu"]
            if mine and other:
                goal = f" (target {target}x)" if group == "S-1" else ""
                lines.append(f"- {group} throughput: extractor {mine:.2f} MB/s vs {tool} {other:.2f} MB/s = {mine / other:.1f}x{goal}")
    right = ", ".join(f"{tool} {row['all']['sections_right']}/{row['all']['sections_labelled']}" for tool, row in summary.items())
    lines.append(f"- sections right (all labelled documents): {right}")
    for group in ("S-1", "all"):
        peaks = ", ".join(
            f"{tool} {row[group]['peak_rss_multiple_max']:.1f}x"
            for tool, row in summary.items() if row[group]["peak_rss_multiple_max"] is not None
        )
        lines.append(f"- peak memory over the interpreter baseline, largest multiple of input size ({group}): {peaks} (target for extractor: under 10x)")
    return "\n".join(lines)


def rate(value: float | None) -> str:
    return f"{value:.2f}" if value else "-"


def markdown_table(summary: dict[str, dict]) -> str:
    """One row per tool: MB/s (CPU time) per form group, wall-clock MB/s, the speed ratio,
    peak memory and sections right."""
    ours = summary.get("extractor", {})
    lines = [
        "| tool | S-1 MB/s | 424B MB/s | 10-K MB/s | all MB/s | all MB/s wall-clock | all MB/s with section text "
        "| extractor faster (S-1 / all) | peak memory, x input (max) "
        "| sections right S-1 | 424B | 10-K | all | failed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for tool, row in summary.items():
        ratios = []
        for group in ("S-1", "all"):
            mine, theirs = ours.get(group, {}).get("mb_per_s", {}).get("cpu"), row[group]["mb_per_s"]["cpu"]
            ratios.append(f"{mine / theirs:.1f}x" if mine and theirs else "-")
        peak = row["all"]["peak_rss_multiple_max"]
        cells = [tool]
        cells += [rate(row[group]["mb_per_s"]["cpu"]) for group in (*GROUPS, "all")]
        cells += [rate(row["all"]["mb_per_s"]["wall"]), rate(row["all"]["mb_per_s"]["cpu_with_text"])]
        cells += [" / ".join(ratios), f"{peak:.1f}" if peak is not None else "-"]
        cells += [f"{row[g]['sections_right']}/{row[g]['sections_labelled']}" for g in (*GROUPS, "all")]
        cells.append(str(row["all"]["failed"]))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


MODULES = {"extractor": "extractor", "edgartools": "edgar", "doc2dict": "doc2dict"}


def missing_tools(python: dict[str, str], tools: list[str]) -> list[str]:
    """The tools whose module the chosen interpreter cannot find."""
    missing = []
    for tool in tools:
        probe = f"import importlib.util, sys; sys.exit(importlib.util.find_spec({MODULES[tool]!r}) is None)"
        try:
            found = subprocess.run([python[tool], "-c", probe], capture_output=True).returncode == 0
        except OSError:
            found = False
        if not found:
            missing.append(f"{tool} (in {python[tool]})")
    return missing


def repo_commit() -> str | None:
    """The repository's commit, "-dirty" when the work tree has changes (what was measured)."""
    done = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"], capture_output=True, text=True)
    return done.stdout.strip() or None


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
            raise ValueError(f"--python wants TOOL=PATH with TOOL one of {', '.join(TOOLS)}, got {pair!r}")
        chosen[tool] = path
    return chosen


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not (args.corpus / "MANIFEST.tsv").is_file():
        print(f"compare: no corpus at {args.corpus} (set EXTRACTOR_SHARED)", file=sys.stderr)
        return 2
    try:
        python = interpreters(args.python)
    except ValueError as exc:
        print(f"compare: {exc}", file=sys.stderr)
        return 2
    missing = missing_tools(python, args.tools)
    if missing:
        print(f"compare: not installed: {', '.join(missing)}; pip install -e '.[bench]' or choose --tools", file=sys.stderr)
        return 2
    commit = repo_commit()  # before the run: what was measured
    with tempfile.TemporaryDirectory(prefix="extractor-compare-") as tmp:
        work = Path(tmp)
        filings = select_filings(args.corpus, load_labels(args.labels), work, args.only)
        records: dict[str, list[dict]] = {tool: [] for tool in args.tools}
        for filing in filings:  # tools take turns run by run on each document, so a busy spell hits all of them
            for tool, result in run_tools(python, args.tools, filing, args.repeat, work).items():
                record = file_record(filing, result, score(filing, result))
                records[tool].append(record)
                print(f"  {tool:<10} {filing.path:<66} {progress_note(record)}", file=sys.stderr)
    summary = {tool: {g: summarize(rows, g) for g in GROUPS} | {"all": summarize(rows, None)} for tool, rows in records.items()}
    table = markdown_table(summary)
    note = closing_note(summary)
    print(table + "\n\n" + note)
    from extractor.atomic import atomic_write_text

    args.out.parent.mkdir(parents=True, exist_ok=True)
    versions = {tool: next((r["version"] for r in rows if r.get("version")), None) for tool, rows in records.items()}
    payload = {"repeat": args.repeat, "commit": commit, "versions": versions, "summary": summary, "table": table, "note": note, "files": records}
    atomic_write_text(args.out, json.dumps(payload, indent=1))
    print(f"\ndetails: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
