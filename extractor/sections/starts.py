"""Where level-1 sections start, and the checks every form shares: the heading at an
anchor, where its body begins, TOC order without overlaps, and closing the ends."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.sections.forms import item_key, normalize_title, part_number
from extractor.sections.headings import heading_candidates
from extractor.types import HEADING, Block, Document, Section

NEAR_ANCHOR_BLOCKS = 3  # a TOC anchor may sit a few blocks before its heading
MAX_EXACT = 500  # starts ordered exactly (longest increasing run) up to this many


@dataclass(frozen=True)
class Start:
    """A level-1 section found in the body, before its end is known."""

    id: str
    title: str
    start: int
    body_start: int
    order: tuple = ()  # item order ((part,) number, letter) for 10-K/10-Q/8-K; () for prospectuses


def block_index(document: Document, offset: int) -> int:
    """Index of the first block that starts at or after ``offset``."""
    return document.block_index(offset)


def block_at_offset(document: Document, offset: int) -> Block | None:
    index = block_index(document, offset)
    return document.blocks[index] if index < len(document.blocks) else None


def heading_at(document: Document, offset: int, title: str) -> tuple[int, int, str] | None:
    """The heading block at (or just after) an anchor: ``(start, body_start, text)``."""
    blocks = document.blocks
    index = block_index(document, offset)
    wanted = normalize_title(title)
    for i in range(index, min(index + NEAR_ANCHOR_BLOCKS, len(blocks))):
        block = blocks[i]
        text = document.text[block.start : block.end]
        key = normalize_title(text)
        if key and (key.startswith(wanted[:12]) or wanted.startswith(key[:12]) or block.kind == HEADING):
            body = body_start(document, i)
            return block.start, body, document.text[block.start : body]
    if index < len(blocks):
        block = blocks[index]
        return block.start, block.end, document.text[block.start : block.end]
    return None


def body_start(document: Document, index: int) -> int:
    """End of the heading; a heading split over two blocks ('Item 1.' / 'Business',
    'MANAGEMENT'S DISCUSSION AND ANALYSIS' / 'OF FINANCIAL CONDITION ...') takes both."""
    blocks = document.blocks
    block = blocks[index]
    text = document.text[block.start : block.end]
    bare = item_key(text, "10-K") is not None and len(normalize_title(text)) <= 9
    if index + 1 < len(blocks):
        following = blocks[index + 1]
        short_heading = following.kind == HEADING and following.end - following.start <= 200
        continues = document.text[following.start : following.start + 3].lower() in ("of ", "and", "to ")
        if short_heading and (bare or (part_number(text) and len(text) <= 8) or (continues and block.kind == HEADING)):
            return following.end
    return block.end


def monotonic(starts: list[Start]) -> list[Start]:
    """The longest run of entries, in the given order, whose positions (and item order) both
    increase: an entry that would overlap or break the TOC order is dropped, as few as possible."""
    n = len(starts)
    if n <= 1:
        return list(starts)
    if n > MAX_EXACT:  # quadratic below; a greedy pass keeps pathological inputs linear
        kept: list[Start] = []
        for start in starts:
            if not kept or _precedes(kept[-1], start):
                kept.append(start)
        return kept
    best = [1] * n
    previous = [-1] * n
    for i in range(n):
        for j in range(i):
            if _precedes(starts[j], starts[i]) and best[j] + 1 > best[i]:
                best[i], previous[i] = best[j] + 1, j
    i = max(range(n), key=lambda k: (best[k], -k))
    chain = []
    while i >= 0:
        chain.append(starts[i])
        i = previous[i]
    return chain[::-1]


def _precedes(a: Start, b: Start) -> bool:
    if b.start <= a.start:
        return False
    return not (a.order and b.order and b.order <= a.order)


def merge(starts: list[Start], extra: list[Start]) -> list[Start]:
    """Both lists in document order, one start per position, order validated."""
    merged = sorted(starts + extra, key=lambda s: s.start)
    return monotonic([s for i, s in enumerate(merged) if i == 0 or s.start != merged[i - 1].start])


def with_signatures(document: Document, starts: list[Start], after: Start) -> list[Start]:
    """A SIGNATURES heading after ``after`` is a top-level section."""
    if any(s.id == "signatures" for s in starts):
        return starts
    for heading in heading_candidates(document, from_offset=after.body_start):
        if heading.key in ("signatures", "signature"):
            return merge(starts, [Start("signatures", heading.text, heading.start, heading.end)])
    return starts


def close(document: Document, starts: list[Start]) -> list[Section]:
    """Ends: each level-1 section runs to the next one; text before the first is cover_page."""
    text = document.text
    sections: list[Section] = []
    if text[: starts[0].start].strip():
        sections.append(Section("cover_page", "Cover Page", 1, 0, starts[0].start, 0))
    for i, start in enumerate(starts):
        end = starts[i + 1].start if i + 1 < len(starts) else len(text)
        title = " ".join(start.title.split())
        sections.append(Section(start.id, title, 1, start.start, end, min(start.body_start, end)))
    return sections
