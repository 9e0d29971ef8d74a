"""One module per CLI command: ``add_parser(subparsers)`` and ``run(args)``."""

from __future__ import annotations

import argparse

from extractor.pipeline import DEFAULT_MAX_BYTES


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by the commands that read filings."""
    parser.add_argument("--form", metavar="FORM", help="override the detected form (S-1, 10-K, 8-K, ...)")
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse inputs larger than N bytes (default {DEFAULT_MAX_BYTES:,})",
    )
