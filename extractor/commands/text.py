"""``extractor text PATH``: the normalized text that every offset refers to."""

from __future__ import annotations

import sys

from extractor.commands import add_input_options


def add_parser(sub) -> None:
    p = sub.add_parser(
        "text",
        help="print the normalized document text (all offsets index into it)",
        description="Print the normalized text of the filing's primary document. Offsets in "
        "`extract` and `sections` output index into exactly this text.",
    )
    p.add_argument("path", metavar="PATH", help="a filing file or -")
    add_input_options(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from extractor.pipeline import parse_filing, read_input

    data = read_input(args.path, max_bytes=args.max_bytes)
    document = parse_filing(data, source=args.path, form=args.form, max_bytes=args.max_bytes)
    for warning in document.warnings:
        print(f"extractor: warning: {warning}", file=sys.stderr)
    sys.stdout.write(document.text)
    if not document.text.endswith("\n"):
        sys.stdout.write("\n")
    return 0
