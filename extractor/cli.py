"""Command-line entry point: argument parsing only.

Each command lives in ``extractor/commands/<name>.py`` with two functions:
``add_parser(subparsers)`` declares its arguments and ``run(args) -> int``
calls the library. Library errors become one-line messages and exit codes here.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from extractor import __version__
from extractor.errors import ExtractorError, OutputError, UsageError

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_MOSTLY_FAILED = 3  # nearly every input failed (see batch_exit_code)

COMMANDS = ("extract", "sections", "text", "fetch", "batch", "deals", "regress", "eval", "report", "schema", "search", "watch", "pipeline", "completion")
LOGGER = "extractor"  # every module logs under it; the CLI shows INFO and up (-v: DEBUG, -q: warnings only)


def batch_exit_code(total: int, failed: int) -> int:
    """0 when every input went through; 1 when some failed; 3 when nearly all
    (90% or more, of two or more inputs) failed."""
    if failed <= 0:
        return EXIT_OK
    if total >= 2 and failed >= 0.9 * total:
        return EXIT_MOSTLY_FAILED
    return EXIT_SOME_FAILED


EPILOG = """examples:
  extractor extract filing.htm                     FilingResult JSON of one filing
  extractor batch filings/ --db sqlite:///deals.db many filings into JSON Lines and SQLite
  extractor fetch --ticker NVDA --form 8-K --limit 5 --user-agent "Ann Lee ann@example.com"
  extractor report output/filings.jsonl            an HTML page to review the terms
  extractor COMMAND --help                         each command's options and examples
"""


def _add_verbosity(parser: argparse.ArgumentParser, default) -> None:
    """-v/-q on the main parser and on every command (``extractor -v batch`` and ``extractor batch -v`` alike)."""
    parser.add_argument("-v", "--verbose", action="count", default=default, help="say more: retries, pauses, files left out (-vv: every request)")
    parser.add_argument("-q", "--quiet", action="count", default=default, help="say less: only warnings and errors (no progress, no summary)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor",
        description="Turn SEC EDGAR filings into evidence-backed JSON about compute contracts.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    _add_verbosity(parser, 0)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"extractor.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"extractor.commands.{name}":
                continue  # command not built yet
            raise
        module.add_parser(sub)
    from extractor.commands.examples import epilog

    for name, command in sub.choices.items():
        _add_verbosity(command, argparse.SUPPRESS)  # SUPPRESS: a command's -v adds to the main parser's
        if command.epilog is None:
            command.epilog = epilog(name)
        if command.formatter_class is argparse.HelpFormatter:
            command.formatter_class = argparse.RawDescriptionHelpFormatter  # keep the examples' lines
    return parser


def verbosity(args) -> int:
    """-1 quiet, 0 normal, 1 verbose, 2 very verbose."""
    return max(-1, min(2, getattr(args, "verbose", 0) - getattr(args, "quiet", 0)))


def configure_logging(level: int) -> None:
    """Messages of the ``extractor`` loggers to stderr, one line each, by ``verbosity``."""
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        if getattr(handler, "_extractor_cli", False):
            logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler._extractor_cli = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel({-1: logging.WARNING, 0: logging.INFO, 1: logging.DEBUG, 2: 5}[level])
    logger.propagate = False


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    args.verbosity = verbosity(args)
    configure_logging(args.verbosity)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except (UsageError, OutputError) as exc:  # exit 2: bad arguments, or an output that cannot be written
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
