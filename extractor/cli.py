"""Command-line entry point: argument parsing only.

Each command lives in ``extractor/commands/<name>.py`` with two functions:
``add_parser(subparsers)`` declares its arguments and ``run(args) -> int``
calls the library. Library errors become one-line messages and exit codes here.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from extractor import __version__
from extractor.errors import ExtractorError, UsageError

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_MOSTLY_FAILED = 3  # nearly every input failed (see batch_exit_code)

COMMANDS = ("extract", "sections", "text", "fetch", "batch", "regress", "eval", "report", "schema", "search", "watch", "pipeline")


def batch_exit_code(total: int, failed: int) -> int:
    """0 when every input went through; 1 when some failed; 3 when nearly all
    (90% or more, of two or more inputs) failed."""
    if failed <= 0:
        return EXIT_OK
    if total >= 2 and failed >= 0.9 * total:
        return EXIT_MOSTLY_FAILED
    return EXIT_SOME_FAILED


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor",
        description="Turn SEC EDGAR filings into evidence-backed JSON about compute contracts.",
    )
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"extractor.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"extractor.commands.{name}":
                continue  # command not built yet
            raise
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except UsageError as exc:
        if args.debug:
            raise
        print(f"extractor: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ExtractorError as exc:
        if args.debug:
            raise
        print(f"extractor: error: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    except Exception as exc:  # the CLI boundary: one line, never a traceback
        if args.debug:
            raise
        print(f"extractor: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return EXIT_SOME_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
