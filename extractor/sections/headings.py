"""Heading candidates in the body: blocks that read as titles, with their style signature."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.sections.forms import normalize_title
from extractor.types import HEADING, TABLE_ROW, Block, Document

MAX_HEADING_CHARS = 250
_ENDS_WITH_PAGE = re.compile(r"(?:\||\s)\s*(?:[A-Z]{1,2}-)?\d{1,3}$")


@dataclass(frozen=True)
class Heading:
    index: int  # block index
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return normalize_title(self.text)


def signature(document: Document, block: Block) -> tuple:
    """How a heading looks: used to tell top-level headings from look-alike sub-headings."""
    text = document.text[block.start : block.end]
    return (block.bold, block.centered, text.isupper(), block.font_size)


def heading_candidates(document: Document, *, from_offset: int = 0, short_rows: bool = True) -> list[Heading]:
    """Heading blocks (and short table rows, which some filers use for headings) after ``from_offset``."""
    out = []
    text = document.text
    for index, block in enumerate(document.blocks):
        if block.start < from_offset or block.end - block.start > MAX_HEADING_CHARS:
            continue
        if block.kind == HEADING or (short_rows and block.kind == TABLE_ROW and block.bold):
            out.append(Heading(index, block.start, block.end, text[block.start : block.end]))
    return out


def looks_like_toc_line(text: str) -> bool:
    """'Business | 3' or 'Item 1. Business 3': a table-of-contents row, not a body heading.
    Only the line's tail is searched: a match is at most eight characters long, and a search of
    a whole long line with a long run of spaces backtracks quadratically (minutes on fuzzed input)."""
    return bool(_ENDS_WITH_PAGE.search(text.strip()[-16:]))


MAX_LINE_CHARS = 250
LONG_BLOCK = 600


def heading_lines(document: Document) -> list[Heading]:
    """Short lines that could be item headings: whole short blocks, the lines of short
    blocks ('Section 5 ...' / 'Item 5.02 ...'), and the first line of longer blocks."""
    out = []
    text = document.text
    for index, block in enumerate(document.blocks):
        body = text[block.start : block.end]
        if "\n" not in body:
            if block.kind == TABLE_ROW and not block.bold:
                continue  # a plain table row naming an item (a list of omitted items) is no heading
            if block.end - block.start <= MAX_LINE_CHARS or body[:4].lower() == "item":
                out.append(Heading(index, block.start, block.end, body))
            continue
        offset = block.start
        for number, line in enumerate(body.split("\n")):
            if len(line) <= MAX_LINE_CHARS and (number == 0 or len(body) <= LONG_BLOCK or line[:4].lower() in ("item", "part")):
                out.append(Heading(index, offset, offset + len(line), line))
            offset += len(line) + 1
    return out
