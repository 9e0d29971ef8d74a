"""One module per CLI command: ``add_parser(subparsers)`` and ``run(args)``."""

from __future__ import annotations

import argparse
import os
import re

from extractor.pipeline import DEFAULT_MAX_BYTES

_FORM = re.compile(r"^[A-Z0-9][A-Z0-9. -]{0,15}(/A)?$")  # S-1, 424B4, 10-K/A, EX-10.1, DEF 14A


ENV_DB = "EXTRACTOR_DB"  # batch --db
ENV_OUT = "EXTRACTOR_OUT"  # batch --out
ENV_STORE = "EXTRACTOR_STORE"  # fetch --store


def env_default(name: str, default: str) -> str:
    """An option's default: the environment variable when it is set and not empty, else ``default``."""
    return os.environ.get(name) or default


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return number


def form_name(value: str) -> str:
    """An argparse type: an EDGAR form name such as S-1, S-1/A, 424B4, 10-K, 8-K."""
    form = value.strip().upper()
    if not _FORM.match(form):
        raise argparse.ArgumentTypeError(f"not an EDGAR form name: {value!r} (e.g. S-1, S-1/A, 424B4, 10-K, 10-Q, 8-K)")
    return form


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by the commands that read filings."""
    parser.add_argument("--form", type=form_name, metavar="FORM", help="override the detected form (S-1, 10-K, 8-K, ...)")
    parser.add_argument(
        "--max-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse inputs larger than N bytes (default {DEFAULT_MAX_BYTES:,})",
    )
