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
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="FilingResult .json/.jsonl files, or filings")
    p.add_argument("-o", "--output", metavar="FILE", default="output/report.html", help="where to write the page (default output/report.html)")
    add_input_options(p)
    p.set_defaults(run=run)


def _results(args):
    from extractor.pipeline import process_file
    from extractor.report import load_results

    for path in args.inputs:
        if path.endswith((".json", ".jsonl")):
            yield from load_results(path)
        else:
            yield process_file(path, form=args.form, max_bytes=args.max_bytes)


def run(args) -> int:
    from extractor.atomic import atomic_write_text, check_writable
    from extractor.report import render_report

    check_writable(args.output)  # a wrong -o is reported before the work, not after it
    page = render_report(_results(args))
    atomic_write_text(args.output, page)
    logging.getLogger("extractor.report").info(f"wrote {args.output}")
    return 0
