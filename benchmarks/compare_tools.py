"""Run one tool over one document in this (fresh) process and report time, memory, sections.

    python benchmarks/compare_tools.py --tool edgartools --file F --form S-1 --repeat 3 --out R.json

The parent (compare.py) starts one such process per tool and document, so every
measurement starts from a fresh interpreter. Here we: import the tool, warm it up on
a tiny document (lazy imports and caches), take the interpreter's peak RSS as the
baseline, then run the tool ``--repeat`` times over the document. Each run does the
tool's parse + sections + section text (extractor: parse + segment + term extraction).
Network connections to anything but loopback are refused for the whole process.

With ``--step`` the process takes turns with the other tools' processes (issue 15): it
prints ``ready`` once warmed up, then runs once each time the parent sends a line on
stdin and prints ``done`` after it, so compare.py can run tool A, B, C, A, B, C, ...
on the same document and a drift of the machine hits every tool alike. Whatever the
tools themselves print goes to stderr in that mode; stdout carries only the protocol.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare_names import id_from_edgartools, id_from_title, part_from_title  # noqa: E402

TOOLS = ("extractor", "edgartools", "doc2dict")

WARM_UP = (
    b"<html><body><p><a href='#s1'>Risk Factors</a></p><p><b>PART I</b></p>"
    b"<p id='s1'><b>RISK FACTORS</b></p><p>Investing in us involves risk. " + b"Words here. " * 40 + b"</p>"
    b"<p><b>USE OF PROCEEDS</b></p><p>We estimate the net proceeds. " + b"More words. " * 40 + b"</p>"
    b"<p><b>BUSINESS</b></p><p>Under our cloud services agreement, a customer has agreed to pay us "
    b"$10 million per month for GPU capacity through June 2027; either party may terminate the "
    b"agreement with 60 days' notice.</p>"
    b"</body></html>"
)


REFUSED: list[str] = []  # hosts a tool tried to reach (reported, never reached)


def refuse_network() -> None:
    """Any connection to a host other than loopback fails at once (and is recorded)."""
    original = socket.socket.connect

    def connect(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") and sock.family != socket.AF_UNIX:
            REFUSED.append(host)
            raise ConnectionRefusedError(f"benchmark: network access to {host} is not allowed")
        return original(sock, address)

    socket.socket.connect = connect


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


Section = tuple[str, str, int, str]  # (section_id, title, level, text)


# Each tool runs in two timed steps: ``core`` is the tool's own parse + sections
# (extractor: parse + segment + term extraction), ``texts`` turns its result into
# (id, title, level, text) per section (edgartools: Section.text(); doc2dict: a walk
# over its tree; extractor: slicing the document text).


def extractor_core(data: bytes, form: str):
    from extractor.pipeline import extract, parse_filing, segment

    document = parse_filing(data, source="benchmark", form=form)
    sections = segment(document, form=form)
    extract(document, sections)
    return document, sections


def extractor_texts(core, form: str) -> list[Section]:
    document, sections = core
    return [(s.id, s.title, s.level, document.text[s.body_start : s.end]) for s in sections]


def edgartools_core(data: bytes, form: str):
    from edgar.documents import ParserConfig, parse_html

    document = parse_html(data.decode("utf-8", errors="replace"), ParserConfig(form=form))
    return document, document.sections


def edgartools_texts(core, form: str) -> list[Section]:
    _, sections = core
    return [(id_from_edgartools(name, s.item, s.part, form), s.title or name, 1, s.text()) for name, s in sections.items()]


def doc2dict_core(data: bytes, form: str):
    from doc2dict import html2dict, txt2dict

    looks_html = b"<html" in data[:4096].lower() or b"<p" in data[:65536].lower()
    return html2dict(data) if looks_html else txt2dict(data.decode("utf-8", errors="replace"))


def doc2dict_texts(tree, form: str) -> list[Section]:
    found: list[Section] = []
    collect_doc2dict(tree.get("document", tree), form, 1, None, found)
    return found


def collect_doc2dict(nodes: dict, form: str, level: int, part: str | None, found: list[Section]) -> str:
    """Every titled node of doc2dict's tree is a candidate section; returns the text below."""
    texts: list[str] = []
    for _, node in sorted(nodes.items(), key=node_order):
        if not isinstance(node, dict):
            continue
        title = node.get("title")
        here = [title] if isinstance(title, str) else []
        for key in ("text", "textsmall"):
            if isinstance(node.get(key), str):
                here.append(node[key])
        if isinstance(node.get("table"), dict):
            here.extend(table_lines(node["table"]))
        if isinstance(title, str):
            part = part_from_title(title) or part
        contents = node.get("contents")
        inner = collect_doc2dict(contents, form, level + 1, part, found) if isinstance(contents, dict) else ""
        body = "\n".join(here + ([inner] if inner else []))
        if isinstance(title, str):
            found.append((id_from_title(title, form, part), title, level, body))
        texts.append(body)
    return "\n".join(texts)


def table_lines(table: dict) -> list[str]:
    """A doc2dict table as text: the paragraph it took in as preamble, rows, footnotes."""
    lines = [table["preamble"]] if isinstance(table.get("preamble"), str) else []
    lines.extend(" ".join(map(str, row)) for row in table.get("data") or [])
    lines.extend(" ".join(map(str, note)) for note in table.get("footnotes") or [])
    return lines


def node_order(item: tuple) -> float:
    """doc2dict keys its nodes by position in the document, not always in order."""
    key = item[0]
    try:
        return float(key)
    except (TypeError, ValueError):
        return float("inf")


RUNNERS: dict[str, tuple[Callable, Callable]] = {
    "extractor": (extractor_core, extractor_texts),
    "edgartools": (edgartools_core, edgartools_texts),
    "doc2dict": (doc2dict_core, doc2dict_texts),
}


def installed_version(tool: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(tool)
    except PackageNotFoundError:
        return None


def measure(tool: str, data: bytes, form: str, repeat: int, turn: Callable[[], None] | None = None,
            done: Callable[[], None] | None = None) -> dict:
    """Wall-clock and CPU seconds of each run (CPU time is what a busy machine distorts least).

    ``turn`` (if given) is called before each run and waits for this process's turn; ``done``
    after each run, to hand the turn back."""
    core_step, texts_step = RUNNERS[tool]
    texts_step(core_step(WARM_UP, form), form)
    baseline = peak_rss_bytes()
    runs: dict[str, list[float]] = {"core_seconds": [], "text_seconds": [], "core_cpu_seconds": [], "text_cpu_seconds": []}
    sections: list[Section] = []
    for _ in range(repeat):
        sections = []  # the previous run's texts do not count toward this run's peak
        if turn:
            turn()
        wall, cpu = time.perf_counter(), time.process_time()
        core = core_step(data, form)
        wall_parsed, cpu_parsed = time.perf_counter(), time.process_time()
        sections = texts_step(core, form)
        del core
        runs["core_seconds"].append(wall_parsed - wall)
        runs["core_cpu_seconds"].append(cpu_parsed - cpu)
        runs["text_seconds"].append(time.perf_counter() - wall_parsed)
        runs["text_cpu_seconds"].append(time.process_time() - cpu_parsed)
        if done:
            done()
    return {
        "tool": tool,
        "version": installed_version(tool),
        "bytes": len(data),
        **runs,
        "baseline_rss": baseline,
        "peak_rss": peak_rss_bytes(),
        "sections": [{"id": s[0], "title": s[1], "level": s[2], "text": s[3]} for s in sections],
        "network_refused": sorted(set(REFUSED)),
    }


def stepper() -> tuple[Callable[[], None], Callable[[], None]]:
    """The ``--step`` protocol: ``ready`` on stdout once warmed up (the first wait), a line
    on stdin before each run, ``done`` after it. The tools' own prints go to stderr."""
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    said_ready = False

    def turn() -> None:
        nonlocal said_ready
        if not said_ready:
            protocol.write("ready\n")
            said_ready = True
        if not sys.stdin.readline():
            raise SystemExit("compare_tools: the parent closed stdin before this run")

    def done() -> None:
        protocol.write("done\n")

    return turn, done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", choices=TOOLS, required=True)
    parser.add_argument("--file", required=True, help="the document (already the primary document)")
    parser.add_argument("--form", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", required=True, help="where to write the JSON result")
    parser.add_argument("--step", action="store_true", help="run once per line on stdin (see above)")
    args = parser.parse_args(argv)
    refuse_network()
    os.environ.setdefault("EDGAR_IDENTITY", "extractor benchmark bench@localhost")
    data = Path(args.file).read_bytes()
    turn, done = stepper() if args.step else (None, None)
    result = measure(args.tool, data, args.form, args.repeat, turn, done)
    from extractor.atomic import atomic_write_text  # after the measurement: not in the baseline

    atomic_write_text(args.out, json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
