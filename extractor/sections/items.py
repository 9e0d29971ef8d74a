"""Itemized forms (10-K, 10-Q, 8-K): items from TOC anchors first, item headings second,
then the end matter (signatures, exhibit index, F-pages, non-item TOC entries)."""

from __future__ import annotations

import re

from extractor.sections.forms import (
    ANNUAL,
    CURRENT,
    END_MATTER,
    ITEM_LABEL,
    QUARTERLY,
    REGULATION_AB,
    SECTION_15D_SUPPLEMENT,
    is_foreign,
    item_key,
    part_number,
    periodic_end_matter_id,
    prospectus_id,
)
from extractor.sections.headings import MAX_LINE_CHARS, Heading, heading_candidates, heading_lines, looks_like_toc_line
from extractor.sections.starts import Start, block_index, body_start, heading_at, merge, monotonic, with_signatures
from extractor.sections.toc import TocEntry, linked_toc
from extractor.types import HEADING, TABLE_ROW, Document

ITEM_SEARCH_BLOCKS = 40  # an item heading may follow its anchor after a cautionary note
TOC_LEAD = 300  # the first linked entry may follow an unlinked 'Item 1.' cell
DENSE_GAP = 400  # item headings further apart than this always have body between them
MIN_TOC_RUN = 4
PAGE_REF = re.compile(r"^[\s|]*(?:page)?[\s|]*(?:[A-Z]{1,2}-)?[0-9ivxlc]{0,4}[\s|]*$", re.I)
EXECUTIVE_OFFICERS = re.compile(
    r"executive officers of (?:the )?(?:registrant|company)|information (?:about|regarding|concerning|on) (?:our |the company'?s? )?executive officers"
    r"|^(?:our )?executive officers$",
    re.I,
)


def item_starts(document: Document, family: str) -> list[Start]:
    toc = linked_toc(document)
    toc_span = (max(0, toc[0].toc_start - TOC_LEAD), max(e.toc_start for e in toc) + 1) if toc else (0, 0)
    found: dict[object, Start] = {}  # one start per item id; 'other' sections by position
    for start in _items_from_toc(document, toc, family) + _items_from_headings(document, family, toc_span):
        found.setdefault(start.id if start.id != "other" else start.start, start)
    items = monotonic(sorted(found.values(), key=lambda s: s.start))
    if not items:
        return []
    starts = with_signatures(document, items, items[-1])
    starts = _end_matter(document, starts, toc, items[-1])
    if family == ANNUAL:
        starts = _executive_officers(document, starts)
    return starts


def _executive_officers(document: Document, starts: list[Start]) -> list[Start]:
    """The unnumbered 'Information about our Executive Officers' item of Part I (between Item 4
    and Item 5) when no TOC entry gave it: its own heading block, bold or styled as one."""
    if any(s.id == "other" and EXECUTIVE_OFFICERS.search(s.title) for s in starts):
        return starts
    after = next((s for s in starts if s.id == "item_4"), None)
    before = next((s for s in starts if s.id == "item_5"), None)
    if after is None or before is None:
        return starts
    for heading in heading_candidates(document, from_offset=after.body_start):
        if heading.start >= before.start:
            break
        text = " ".join(heading.text.split())
        if len(text) <= 80 and EXECUTIVE_OFFICERS.search(text) and not item_key(text, ANNUAL) and not looks_like_toc_line(text):
            return merge(starts, [Start("other", text, heading.start, body_start(document, heading.index))])
    return starts


# -- the table of contents ------------------------------------------------------------------


def _items_from_toc(document: Document, toc: list[TocEntry], family: str) -> list[Start]:
    starts = []
    part = 1
    last_order: tuple = ()
    for i, entry in enumerate(toc):
        number = part_number(entry.title)
        if number:
            part, last_order = number, ()
        key = item_key(strip_part(entry.title), family) or item_key(strip_part(entry.context), family)
        if key is None:
            continue
        if family == QUARTERLY and not number and last_order and key[1] <= last_order:
            part += 1  # 'Item 1.' again after 'Item 4.': the unlinked PART II line was passed
        last_order = key[1]
        following = toc[i + 1].position if i + 1 < len(toc) else -1
        limit = following if following > entry.position else len(document.text)
        located = _item_heading_near(document, entry.position, key[0], family, limit) or heading_at(
            document, entry.position, entry.title
        )
        if located is None:
            continue
        begin, body, heading_text = located
        section_id, order = _item_id(family, key, part)
        title = heading_text if item_key(strip_part(heading_text), family) else entry.title
        starts.append(Start(section_id, title, begin, body, order))
    return monotonic(starts)


def _item_heading_near(document: Document, offset: int, item: str, family: str, limit: int):
    """The block at or after a TOC anchor (before ``limit``) that is this item's own heading:
    skips 'PART I' and the notes some filers put between the anchor and the heading."""
    index = block_index(document, offset)
    for i in range(index, min(index + ITEM_SEARCH_BLOCKS, len(document.blocks))):
        block = document.blocks[i]
        if block.start >= limit:
            break
        text = document.text[block.start : block.end]
        key = item_key(strip_part(text), family) if block.end - block.start <= 300 else None
        if key and key[0] == item:
            body = body_start(document, i)
            return block.start, body, document.text[block.start : body]
    return None


def strip_part(title: str) -> str:
    """'PART I Item 1. Business' -> 'Item 1. Business'."""
    return re.sub(r"^part\s+[iv]+\b[\s.:,—–-]*", "", title.strip(), flags=re.I) or title


def _item_id(family: str, key: tuple[str, tuple], part: int) -> tuple[str, tuple]:
    section_id, order = key
    if family == QUARTERLY:
        return f"part_{'i' * part if part < 4 else 'iv'}_{section_id}", (part, *order)
    return section_id, order


# -- headings in the body -------------------------------------------------------------------


def _items_from_headings(document: Document, family: str, toc_span: tuple[int, int]) -> list[Start]:
    parts = _part_headings(document, toc_span) if family == QUARTERLY else []
    candidates: list[tuple[Heading, tuple[str, tuple]]] = []
    substitutes = []
    for heading in heading_lines(document):
        if toc_span[0] <= heading.start < toc_span[1] or looks_like_toc_line(heading.text):
            continue
        key = item_key(strip_part(heading.text), family)
        if key:
            candidates.append((heading, key))
        elif _form_heading(document, heading):
            substitutes.append(Start("other", heading.text, heading.start, _line_body_start(document, heading)))
    candidates = _drop_unlinked_toc(document, candidates)
    starts = list(substitutes)  # asset-backed issuers' 'Item 1117 of Regulation AB' headings
    for heading, key in candidates:
        part = 1
        for position, number in parts:
            if position <= heading.start:
                part = number
        section_id, order = _item_id(family, key, part)
        starts.append(Start(section_id, heading.text, heading.start, _line_body_start(document, heading), order))
    return monotonic(sorted(starts, key=lambda s: s.start))


def _form_heading(document: Document, heading: Heading) -> bool:
    """Asset-backed issuers' 'Item 1117 of Regulation AB' and the Section 15(d) supplement."""
    block = document.blocks[heading.index]
    if REGULATION_AB.match(heading.text):
        return block.kind == HEADING
    return block.bold and bool(SECTION_15D_SUPPLEMENT.match(heading.text))


def _part_headings(document: Document, toc_span: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    for heading in heading_candidates(document):
        if toc_span[0] <= heading.start < toc_span[1] or looks_like_toc_line(heading.text):
            continue
        number = part_number(heading.text)
        if number:
            out.append((heading.start, number))
    return out


def _line_body_start(document: Document, heading: Heading) -> int:
    """Where the text after an item heading line begins (a long block: after 'Item 8.01')."""
    block = document.blocks[heading.index]
    if heading.end - heading.start > MAX_LINE_CHARS:
        label = ITEM_LABEL.match(heading.text)
        return heading.start + (label.end() if label else 0)
    if heading.start == block.start and heading.end == block.end:
        return body_start(document, heading.index)
    return min(heading.end + 1, block.end)


def _drop_unlinked_toc(document: Document, candidates: list) -> list:
    """A run of MIN_TOC_RUN or more item headings with no body text between them is an
    unlinked table of contents when the same items come again later; otherwise they are
    stacked headings that share one paragraph ('Items 10-13 ... incorporated by reference')."""
    keep = [True] * len(candidates)
    run_start = 0
    for i in range(1, len(candidates) + 1):
        dense = i < len(candidates) and not _body_between(document, candidates[i - 1][0], candidates[i][0])
        if dense:
            continue
        if i - run_start >= MIN_TOC_RUN:
            later = {key[0] for _, key in candidates[i:]}
            for j in range(run_start, i):
                keep[j] = candidates[j][1][0] not in later
        run_start = i
    return [c for c, k in zip(candidates, keep) if k]


def _body_between(document: Document, first: Heading, second: Heading) -> bool:
    """Is there prose ('None.' counts) between two item headings, or are they far apart?"""
    if second.start - first.end > DENSE_GAP:
        return True
    for block in document.blocks[first.index + 1 : second.index]:
        text = document.text[block.start : block.end]
        if block.kind != TABLE_ROW and not PAGE_REF.match(text) and item_key(text, "10-K") is None:
            return True
    return False


# -- end matter -----------------------------------------------------------------------------


def _end_matter(document: Document, starts: list[Start], toc: list[TocEntry], last_item: Start) -> list[Start]:
    """Non-item TOC entries ('Executive officers of the registrant', anything after the last
    item, and in a 20-F the front matter between the TOC and Item 1: 'Introduction',
    'Forward-Looking Statements') are top-level; without such entries, the end-matter
    headings after the items are."""
    extra: list[Start] = []
    first_item = starts[0]
    foreign = is_foreign(document)  # a 20-F's 'Introduction' before Item 1; a 10-K's front matter is its cover
    for entry in toc:
        title = strip_part(entry.title)
        if item_key(title, "10-K") or item_key(title, CURRENT) or part_number(entry.title) or not title.strip():
            continue
        front = foreign and toc[0].toc_start < entry.position < first_item.start
        if entry.position <= last_item.start and not EXECUTIVE_OFFICERS.search(title) and not front:
            continue
        located = heading_at(document, entry.position, entry.title)
        if located:
            section_id = prospectus_id(title)
            extra.append(Start(section_id if section_id in END_MATTER else "other", located[2], located[0], located[1]))
    if not extra:
        signatures = [s for s in starts if s.id == "signatures"]
        extra = _end_matter_headings(document, signatures[0] if signatures else last_item)
    return merge(starts, extra)


def _end_matter_headings(document: Document, after: Start) -> list[Start]:
    """End-matter headings after the signatures (or the last item when there are none):
    sub-headings inside an item ('Item 14(a)(1): Financial Statements') are not end matter."""
    found: list[Start] = []
    seen: set[str] = set()
    for heading in heading_candidates(document, from_offset=after.body_start, short_rows=False):
        if looks_like_toc_line(heading.text):
            continue
        key = periodic_end_matter_id(heading.text)
        if key and key not in seen:
            seen.add(key)
            section_id = key.split(":")[0]
            found.append(Start(section_id, heading.text, heading.start, body_start(document, heading.index)))
    return found
