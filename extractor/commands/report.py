"""``extractor report``: a static HTML page to review extracted terms."""

from __future__ import annotations

import logging

from extractor.commands import add_input_options


def add_parser(sub) -> None:
    p = sub.add_parser(
        "report",
        help="write a static HTML page to review extracted terms with highlighted evidence",
        description="Render FilingResult JSON / JSON Lines files (from `extract` or `batch`) as one HTML page. "
        "Inputs that are not JSON are treated as filings and extracted first.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="FilingResult .json/.jsonl files, a batch's --out folder, or filings")
    p.add_argument("-o", "--output", metavar="FILE", default="output/report.html", help="where to write the page (default output/report.html)")
    add_input_options(p)
    p.set_defaults(run=run)


def _inputs(args) -> tuple[list, list]:
    """The results and failures to show. A batch's --out folder (or its filings.jsonl) brings the
    failures.jsonl beside it."""
    from pathlib import Path

    from extractor.pipeline import process_file
    from extractor.report import load_failures, load_results
    from extractor.sinks.jsonl import FAILURES_FILE, FILINGS_FILE

    results, failures = [], []
    for path in args.inputs:
        if Path(path).is_dir() and (Path(path) / FILINGS_FILE).is_file():
            path = str(Path(path) / FILINGS_FILE)
        if path.endswith((".json", ".jsonl")):
            results.extend(load_results(path))
            beside = Path(path).with_name(FAILURES_FILE)
            if Path(path).name == FILINGS_FILE and beside.is_file():
                failures.extend(load_failures(beside))
        else:
            results.append(process_file(path, form=args.form, max_bytes=args.max_bytes))
    return results, failures


def run(args) -> int:
    from extractor.atomic import atomic_write_text, check_writable
    from extractor.report import render_report

    check_writable(args.output)  # a wrong -o is reported before the work, not after it
    results, failures = _inputs(args)
    page = render_report(results, failures)
    atomic_write_text(args.output, page)
    logging.getLogger("extractor.report").info(f"wrote {args.output}")
    return 0
