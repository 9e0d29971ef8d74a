"""Raw blocks -> Document fields: page furniture removed, headings marked, text assembled.

Page furniture is what repeats on every page and is not content: page numbers,
running headers and footers, "Table of Contents" back-links. Running headers
and footers are short texts that recur next to page breaks (digits ignored).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractor.parse.blocks import PAGE_BREAK, RawBlock
from extractor.types import HEADING, PARAGRAPH, TABLE_ROW, Block, Link

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7}|[A-Z]{1,2}\s?[-–]\s?\d{1,3}|\d{1,3}\s?[-–]\s?\d{1,3})\s*[-–—]?$"
    r"|^page\s+\d{1,4}\s+of\s+\d{1,4}$",
    re.I,
)
_BACK_LINK = re.compile(
    r"^(?:back to |return to |go to )?(?:the )?(?:table of contents|contents|index|toc|top"
    r"|index to (?:consolidated )?financial statements|financial statements index)\.?$",
    re.I,
)
_DIGITS = re.compile(r"\d+")
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
NEAR_BREAK = 2  # blocks on either side of a page break that may be headers or footers
MIN_REPEATS = 3


@dataclass(frozen=True)
class Assembled:
    text: str
    blocks: tuple[Block, ...]
    links: tuple[Link, ...]
    anchors: dict[str, int]


def _is_back_link(block: RawBlock) -> bool:
    return bool(block.links) and len(block.text) <= 60 and bool(_BACK_LINK.match(block.text.strip(" |")))


def _is_page_number(block: RawBlock) -> bool:
    text = block.text
    if len(text) > 20 and text[0] not in " |" and text[-1] not in " |":
        return False  # most blocks: too long, and nothing to strip (spares copying every paragraph)
    text = text.strip(" |")
    return len(text) <= 20 and bool(_PAGE_NUMBER.match(text))


def _furniture_key(block: RawBlock) -> str | None:
    if len(block.text) > 150 or block.kind == PAGE_BREAK or block.text.endswith("."):
        return None  # a sentence ("Not applicable.") is content even when it recurs at page ends
    return _DIGITS.sub("#", block.text.lower())


def _near_breaks(blocks: list[RawBlock]) -> list[bool]:
    """True for blocks within NEAR_BREAK blocks of a page break."""
    near = [False] * len(blocks)
    breaks = [i for i, b in enumerate(blocks) if b.kind == PAGE_BREAK]
    for i in breaks:
        for j in range(max(0, i - NEAR_BREAK), min(len(blocks), i + NEAR_BREAK + 1)):
            near[j] = True
    return near


def drop_furniture(blocks: list[RawBlock]) -> list[RawBlock]:
    """Remove page numbers, back-links and running headers/footers; PAGE_BREAK markers go too."""
    near = _near_breaks(blocks)
    page_count = sum(1 for b in blocks if b.kind == PAGE_BREAK)
    counts: Counter[str] = Counter()
    if page_count >= MIN_REPEATS:
        for block, is_near in zip(blocks, near):
            if is_near and not block.anchors:
                key = _furniture_key(block)
                if key:
                    counts[key] += 1
    threshold = max(MIN_REPEATS, page_count // 3)  # running heads recur on a good share of the pages
    kept: list[RawBlock] = []
    orphan_anchors: list[str] = []
    for block, is_near in zip(blocks, near):
        drop = block.kind == PAGE_BREAK or _is_back_link(block)
        if not drop and _is_page_number(block):
            drop = block.kind != TABLE_ROW or is_near
        if not drop and is_near and counts and not block.anchors:
            key = _furniture_key(block)
            drop = bool(key) and counts[key] >= threshold
        if drop:
            orphan_anchors.extend(block.anchors)
            continue
        if orphan_anchors:
            block = _with_anchors(block, tuple(orphan_anchors) + block.anchors)
            orphan_anchors = []
        kept.append(block)
    return kept


def _with_anchors(block: RawBlock, anchors: tuple[str, ...]) -> RawBlock:
    from dataclasses import replace

    return replace(block, anchors=anchors)


def heading_like(block: RawBlock) -> bool:
    """Short, styled or capitalised text that reads as a title rather than prose."""
    text = block.text
    if len(text) > 200 or text.count("\n") > 2:
        return False
    if block.tag in _HEADING_TAGS:
        return True
    styled = block.bold or block.underline
    if not (styled or text.isupper()) or text[-1] in ",;" or len(text.split()) > 25:
        return False  # most paragraphs: plain lower-case prose, decided before counting letters
    letters = sum(1 for c in text if c.isalpha())
    if letters < 2:
        return False
    return styled or letters >= 3


def assemble(blocks: list[RawBlock]) -> Assembled:
    pieces: list[str] = []
    out_blocks: list[Block] = []
    links: list[Link] = []
    anchors: dict[str, int] = {}
    pos = 0
    previous: RawBlock | None = None
    for raw in blocks:
        if previous is not None:
            sep = "\n" if raw.table and raw.table == previous.table else "\n\n"
            pieces.append(sep)
            pos += len(sep)
        kind = raw.kind
        if kind == PARAGRAPH and heading_like(raw):
            kind = HEADING
        start, end = pos, pos + len(raw.text)
        out_blocks.append(
            Block(kind, start, end, raw.bold, raw.italic, raw.underline, raw.centered, raw.font_size, raw.anchors, raw.tag)
        )
        for name in raw.anchors:
            anchors.setdefault(name, start)
        for link in raw.links:
            links.append(Link(link.target, start + link.start, start + link.end, raw.text[link.start : link.end]))
        pieces.append(raw.text)
        pos = end
        previous = raw
    return Assembled("".join(pieces), tuple(out_blocks), tuple(links), anchors)
