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
    p.set_defaults(run=run)


def run(args) -> int:
    from extractor.pipeline import parse_filing, read_input, segment

    data = read_input(args.path, max_bytes=args.max_bytes)
    document = parse_filing(data, source=args.path, form=args.form, max_bytes=args.max_bytes)
    form = args.form or document.form
    sections = segment(document, form=form)
    for warning in document.warnings:
        print(f"extractor: warning: {warning}", file=sys.stderr)
    if args.json:
        payload = {
            "form": form,
            "sections": [
                {
                    "id": s.id,
                    "title": s.title,
                    "level": s.level,
                    "start": s.start,
                    "end": s.end,
                    "text": document.text[s.body_start : s.end].strip(),
                }
                for s in sections
            ],
        }
        json.dump(payload, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print(f"form: {form or 'unknown'}  ({len(document.text):,} characters, {len(sections)} sections)")
    width = max((len(s.id) + 2 * (s.level - 1) for s in sections), default=10)
    for s in sections:
        label = "  " * (s.level - 1) + s.id
        print(f"{label:<{width}}  {s.start:>9,}-{s.end:<9,}  {s.title}")
    return 0
