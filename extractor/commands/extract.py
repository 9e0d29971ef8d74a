"""``extractor extract PATH...``: FilingResult JSON for each input."""

from __future__ import annotations

import sys

from extractor.atomic import atomic_open, check_writable
from extractor.commands import add_input_options
from extractor.errors import ExtractorError


def add_parser(sub) -> None:
    p = sub.add_parser(
        "extract",
        help="extract compute contracts from filings as FilingResult JSON",
        description="Print one FilingResult JSON object for one PATH, JSON Lines for several (in order). "
        "'-' reads standard input.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="filing files (HTML, iXBRL, full submission .txt, .nc, plain text) or -")
    add_input_options(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    p.add_argument("--compact", action="store_true", help="one line per result even for a single PATH")
    p.set_defaults(run=run)


def run(args) -> int:
    from extractor.cli import batch_exit_code
    from extractor.pipeline import process_file

    if args.output:
        check_writable(args.output)  # a wrong -o is reported before the work, not after it
    single = len(args.paths) == 1 and not args.compact
    lines: list[str] = []
    failed = 0

    def emit(line: str) -> None:
        if args.output:
            lines.append(line)
        else:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    for path in args.paths:
        try:
            result = process_file(path, form=args.form, max_bytes=args.max_bytes)
        except ExtractorError as exc:
            if args.debug:
                raise
            failed += 1
            print(f"extractor: error: {exc}", file=sys.stderr)
            continue
        except Exception as exc:  # one bad filing never stops the others
            if args.debug:
                raise
            failed += 1
            print(f"extractor: error: {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        emit(result.model_dump_json(indent=2) if single else result.model_dump_json())
    if args.output and lines:
        with atomic_open(args.output, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    return batch_exit_code(len(args.paths), failed)
