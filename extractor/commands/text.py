"""``extractor text PATH``: the normalized text that every offset refers to."""

from __future__ import annotations

import sys

from extractor.commands import add_input_options


def add_parser(sub) -> None:
    p = sub.add_parser(
        "text",
        help="print the normalized document text (all offsets index into it)",
        description="Print the normalized text of one document of the filing (default: the primary "
        "document). Offsets in `extract` and `sections` output index into exactly this text, for the "
        "document their `document` field names.",
    )
    p.add_argument("path", metavar="PATH", help="a filing file or -")
    add_input_options(p)
    p.add_argument("--document", metavar="ID", help="the document to print: its id, type or file name (EX-99.1, d123dex991.htm)")
    p.set_defaults(run=run)


def run(args) -> int:
    from extractor.documents import find_part
    from extractor.pipeline import read_documents, read_input

    data = read_input(args.path, max_bytes=args.max_bytes)
    parts, warnings = read_documents(data, source=args.path, form=args.form, max_bytes=args.max_bytes)
    document = find_part(parts, args.document).document
    for warning in warnings:
        print(f"extractor: warning: {warning}", file=sys.stderr)
    sys.stdout.write(document.text)
    if not document.text.endswith("\n"):
        sys.stdout.write("\n")
    return 0
