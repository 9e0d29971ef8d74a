"""``extractor sections PATH``: the canonical section tree of a filing."""

from __future__ import annotations

import json
import sys

from extractor.commands import add_input_options


def add_parser(sub) -> None:
    p = sub.add_parser(
        "sections",
        help="print the filing's canonical sections",
        description="Print the section tree (id, offsets, title). With --json: "
        '{"form": ..., "sections": [{"id","title","level","start","end","text"}]}, '
        "where text is the section body (heading excluded, subsections included).",
    )
    p.add_argument("path", metavar="PATH", help="a filing file or -")
    add_input_options(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of the readable tree")
    p.add_argument("--document", metavar="ID", help="only this document of the filing: its id, type or file name (EX-99.1)")
    p.set_defaults(run=run)


def run(args) -> int:
    from extractor.documents import find_part
    from extractor.pipeline import read_documents, read_input, segment

    data = read_input(args.path, max_bytes=args.max_bytes)
    parts, warnings = read_documents(data, source=args.path, form=args.form, max_bytes=args.max_bytes)
    if args.document:
        parts = [find_part(parts, args.document)]
    for warning in warnings:
        print(f"extractor: warning: {warning}", file=sys.stderr)
    read = [(part, segment(part.document, form=part.form)) for part in parts]
    form = args.form or parts[0].document.form
    if args.json:
        payload = {
            "form": form,
            "documents": [part.info.model_dump() for part in parts],
            "sections": [
                {
                    "id": s.id,
                    "title": s.title,
                    "level": s.level,
                    "start": s.start,
                    "end": s.end,
                    "parent": s.parent,
                    "document": part.info.id,
                    "text": part.document.text[s.body_start : s.end].strip(),
                }
                for part, sections in read
                for s in sections
            ],
        }
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for n, (part, sections) in enumerate(read):
        if n == 0 and part.info.primary:
            print(f"form: {form or 'unknown'}  ({len(part.document.text):,} characters, {len(sections)} sections)")
        else:
            print(f"\ndocument: {part.info.id}" + (f" ({part.info.filename})" if part.info.filename else "")
                  + f"  ({len(part.document.text):,} characters, {len(sections)} sections)")
        width = max((len(s.id) + 2 * (s.level - 1) for s in sections), default=10)
        for s in sections:
            label = "  " * (s.level - 1) + s.id
            print(f"{label:<{width}}  {s.start:>9,}-{s.end:<9,}  {s.title}")
    return 0
