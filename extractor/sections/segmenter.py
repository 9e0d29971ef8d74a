"""Document -> canonical sections: table-of-contents anchors first, styled headings
second, then validation (own body heading, TOC order, no overlaps, no stubs)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from extractor.sections.forms import (
    ITEM_LABEL,
    CURRENT,
    END_MATTER,
    PROSPECTUS,
    QUARTERLY,
    form_family,
    item_key,
    normalize_title,
    part_number,
    prospectus_id,
)
from extractor.sections.headings import (
    MAX_LINE_CHARS,
    Heading,
    heading_candidates,
    heading_lines,
    looks_like_toc_line,
    signature,
)
from extractor.sections.toc import TocEntry, linked_toc, text_toc
from extractor.types import HEADING, TABLE_ROW, Document, Section

NEAR_ANCHOR_BLOCKS = 3
ITEM_SEARCH_BLOCKS = 40  # an item heading may follow its anchor after a cautionary note  # a TOC anchor may sit a few blocks before its heading
DENSE_GAP = 400
PAGE_REF = re.compile(r"^[\s|]*(?:page)?[\s|]*(?:[A-Z]{1,2}-)?[0-9ivxlc]{0,4}[\s|]*$", re.I)
EXECUTIVE_OFFICERS = re.compile(r"executive officers of (?:the )?(?:registrant|company)|information about our executive officers", re.I)
TOC_LEAD = 300  # the first linked entry may follow an unlinked 'Item 1.' cell  # item headings closer than this, four in a row, are an unlinked table of contents


@dataclass(frozen=True)
class Start:
    """A level-1 section found in the body, before ends are known."""

    id: str
    title: str
    start: int
    body_start: int
    order: tuple = ()


def segment(document: Document, form: str | None = None) -> list[Section]:
    family = form_family(form or document.form)
    text = document.text
    if not text.strip():
        return [Section("body", "", 1, 0, len(text), 0)]
    starts = _item_starts(document, family) if family != PROSPECTUS else _prospectus_starts(document)
    if not starts:
        return [Section("body", "", 1, 0, len(text), 0)]
    if family == PROSPECTUS:
        starts = _add_signatures(document, starts, family)
    return _close(document, starts)


# -- shared ---------------------------------------------------------------------------------


def _block_index(document: Document, offset: int) -> int:
    starts = [b.start for b in document.blocks]
    return bisect.bisect_left(starts, offset)


def _heading_at(document: Document, offset: int, title: str) -> tuple[int, int, str] | None:
    """The heading block at (or just after) an anchor: (start, body_start, text)."""
    blocks = document.blocks
    index = _block_index(document, offset)
    wanted = normalize_title(title)
    for block in blocks[index : index + NEAR_ANCHOR_BLOCKS]:
        text = document.text[block.start : block.end]
        key = normalize_title(text)
        if key and (key.startswith(wanted[:12]) or wanted.startswith(key[:12]) or block.kind == HEADING):
            return block.start, _body_start(document, blocks.index(block)), text
    if index < len(blocks):
        block = blocks[index]
        return block.start, block.end, document.text[block.start : block.end]
    return None


def _body_start(document: Document, index: int) -> int:
    """End of the heading; a heading split over two blocks ('Item 1.' / 'Business') takes both."""
    blocks = document.blocks
    block = blocks[index]
    text = document.text[block.start : block.end]
    bare = item_key(text, "10-K") is not None and len(normalize_title(text)) <= 9
    if (bare or part_number(text) and len(text) <= 8) and index + 1 < len(blocks):
        following = blocks[index + 1]
        if following.kind == HEADING and following.end - following.start <= 200:
            return following.end
    return block.end


def _monotonic(starts: list[Start]) -> list[Start]:
    """The longest run of entries, in the given order, whose positions (and item order) both
    increase: an entry that would overlap or break the TOC order is dropped, and as few as possible."""
    n = len(starts)
    if n <= 1:
        return list(starts)
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


def _close(document: Document, starts: list[Start]) -> list[Section]:
    text = document.text
    sections: list[Section] = []
    if text[: starts[0].start].strip():
        sections.append(Section("cover_page", "Cover Page", 1, 0, starts[0].start, 0))
    for i, start in enumerate(starts):
        end = starts[i + 1].start if i + 1 < len(starts) else len(text)
        title = " ".join(start.title.split())
        sections.append(Section(start.id, title, 1, start.start, end, min(start.body_start, end)))
    return sections


def _add_signatures(document: Document, starts: list[Start], family: str) -> list[Start]:
    if any(s.id == "signatures" for s in starts):
        return starts
    for heading in heading_candidates(document, from_offset=starts[-1].body_start):
        if heading.key in ("signatures", "signature"):
            return [*starts, Start("signatures", heading.text, heading.start, heading.end)]
    return starts


# -- 10-K, 10-Q, 8-K ----------------------------------------------------------------------


def _item_starts(document: Document, family: str) -> list[Start]:
    toc = linked_toc(document)
    toc_span = (max(0, toc[0].toc_start - TOC_LEAD), max(e.toc_start for e in toc) + 1) if toc else (0, 0)
    found: dict[str, Start] = {}
    for start in _items_from_toc(document, toc, family):
        found.setdefault(start.id, start)
    for start in _items_from_headings(document, family, toc_span):
        found.setdefault(start.id, start)
    items = _monotonic(sorted(found.values(), key=lambda s: s.start))
    if not items:
        return []
    return _periodic_end_matter(document, _add_signatures(document, items, family), toc, items[-1])


def _periodic_end_matter(document: Document, starts: list[Start], toc: list[TocEntry], last_item: Start) -> list[Start]:
    """TOC entries that are not items ('Executive officers of the registrant', anything after the
    last item) and an EXHIBIT INDEX heading after the items are top-level sections too."""
    present = {s.id for s in starts}
    extra: list[Start] = []
    for entry in toc:
        title = _strip_part(entry.title)
        if item_key(title, "10-K") or item_key(title, CURRENT) or part_number(entry.title) or not title.strip():
            continue
        if entry.position <= last_item.start and not EXECUTIVE_OFFICERS.search(title):
            continue
        located = _heading_at(document, entry.position, entry.title)
        if located:
            section_id = prospectus_id(title)
            section_id = section_id if section_id in END_MATTER else "other"
            extra.append(Start(section_id, located[2], located[0], located[1]))
            present.add(section_id)
    if "exhibits" not in present:
        for heading in heading_candidates(document, from_offset=last_item.body_start, short_rows=False):
            if prospectus_id(heading.text) == "exhibits" and not looks_like_toc_line(heading.text):
                extra.append(Start("exhibits", heading.text, heading.start, _body_start(document, heading.index)))
                break
    merged = sorted(starts + extra, key=lambda s: s.start)
    return _monotonic([s for i, s in enumerate(merged) if i == 0 or s.start != merged[i - 1].start])


def _part_for(document: Document, family: str, offset: int, parts: list[tuple[int, int]]) -> int:
    part = 1
    for position, number in parts:
        if position <= offset:
            part = number
    return part


def _part_headings(document: Document, toc_span: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    for heading in heading_candidates(document):
        if toc_span[0] <= heading.start < toc_span[1] or looks_like_toc_line(heading.text):
            continue
        number = part_number(heading.text)
        if number:
            out.append((heading.start, number))
    return out


def _item_id(family: str, key: tuple[str, tuple], part: int) -> tuple[str, tuple]:
    section_id, order = key
    if family == QUARTERLY:
        return f"part_{'i' * part if part < 4 else 'iv'}_{section_id}", (part, *order)
    return section_id, order


def _items_from_toc(document: Document, toc: list[TocEntry], family: str) -> list[Start]:
    starts = []
    part = 1
    last_order: tuple = ()
    for i, entry in enumerate(toc):
        number = part_number(entry.title)
        if number:
            part, last_order = number, ()
        key = item_key(_strip_part(entry.title), family) or item_key(_strip_part(entry.context), family)
        if key is None:
            continue
        if family == QUARTERLY and not number and last_order and key[1] <= last_order:
            part += 1  # 'Item 1.' again after 'Item 4.': the unlinked PART II line was passed
        last_order = key[1]
        limit = toc[i + 1].position if i + 1 < len(toc) and toc[i + 1].position > entry.position else len(document.text)
        located = _item_heading_near(document, entry.position, key[0], family, limit) or _heading_at(
            document, entry.position, entry.title
        )
        if located is None:
            continue
        begin, body_start, heading_text = located
        section_id, order = _item_id(family, key, part)
        title = heading_text if item_key(heading_text, family) else entry.title
        starts.append(Start(section_id, title, begin, body_start, order))
    return _monotonic(starts)


def _item_heading_near(
    document: Document, offset: int, item: str, family: str, limit: int
) -> tuple[int, int, str] | None:
    """The block at or after a TOC anchor (before ``limit``) that is this item's own heading:
    skips 'PART I' and the notes some filers put between the anchor and the heading."""
    index = _block_index(document, offset)
    for i in range(index, min(index + ITEM_SEARCH_BLOCKS, len(document.blocks))):
        block = document.blocks[i]
        if block.start >= limit:
            break
        text = document.text[block.start : block.end]
        key = item_key(_strip_part(text), family) if block.end - block.start <= 300 else None
        if key and key[0] == item:
            return block.start, _body_start(document, i), text
    return None


def _strip_part(title: str) -> str:
    """'PART I Item 1. Business' -> 'Item 1. Business'."""
    return re.sub(r"^part\s+[iv]+\b[\s.:,-]*", "", title.strip(), flags=re.I) or title


def _items_from_headings(document: Document, family: str, toc_span: tuple[int, int]) -> list[Start]:
    parts = _part_headings(document, toc_span) if family == QUARTERLY else []
    candidates: list[tuple[Heading, tuple[str, tuple]]] = []
    for heading in heading_lines(document):
        if toc_span[0] <= heading.start < toc_span[1] or looks_like_toc_line(heading.text):
            continue
        key = item_key(_strip_part(heading.text), family)
        if key:
            candidates.append((heading, key))
    candidates = _drop_dense_runs(document, candidates)
    starts = []
    for heading, key in candidates:
        part = _part_for(document, family, heading.start, parts)
        section_id, order = _item_id(family, key, part)
        starts.append(Start(section_id, heading.text, heading.start, _line_body_start(document, heading), order))
    return _monotonic(starts)


def _line_body_start(document: Document, heading: Heading) -> int:
    """Where the text after an item heading line begins (a long block: after 'Item 8.01')."""
    block = document.blocks[heading.index]
    if heading.end - heading.start > MAX_LINE_CHARS:
        label = ITEM_LABEL.match(heading.text)
        return heading.start + (label.end() if label else 0)
    if heading.start == block.start and heading.end == block.end:
        return _body_start(document, heading.index)
    return min(heading.end + 1, block.end)


def _drop_dense_runs(document: Document, candidates: list) -> list:
    """Four or more item headings with no body text between them are an unlinked table of contents."""
    keep = [True] * len(candidates)
    run_start = 0
    for i in range(1, len(candidates) + 1):
        dense = i < len(candidates) and not _body_between(document, candidates[i - 1][0], candidates[i][0])
        if not dense:
            if i - run_start >= 4:
                for j in range(run_start, i):
                    keep[j] = False
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


# -- prospectuses -------------------------------------------------------------------------


def _prospectus_starts(document: Document) -> list[Start]:
    toc = linked_toc(document)
    if toc:
        starts = _from_linked_toc(document, toc)
        toc_end = max(e.toc_start for e in toc)
    else:
        entries, toc_end = text_toc(document)
        starts = _from_text_toc(document, entries, toc_end)
    if not starts:
        return []
    return _add_end_matter(document, starts)


def _from_linked_toc(document: Document, toc: list[TocEntry]) -> list[Start]:
    starts = []
    for entry in toc:
        located = _heading_at(document, entry.position, entry.title)
        if located is None:
            continue
        begin, body_start, heading_text = located
        section_id = prospectus_id(entry.title)
        if section_id == "other":
            section_id = prospectus_id(heading_text)
        title = heading_text if len(heading_text) <= 200 else entry.title
        starts.append(Start(section_id, title, begin, body_start))
    return _monotonic(starts)


def _from_text_toc(document: Document, entries: list[TocEntry], toc_end: int) -> list[Start]:
    headings = heading_candidates(document, from_offset=toc_end, short_rows=False)
    by_key: dict[str, list[Heading]] = {}
    for heading in headings:
        by_key.setdefault(heading.key, []).append(heading)
    wanted = [(entry, normalize_title(entry.title)) for entry in entries]
    unique = [by_key[key][0] for _, key in wanted if len(by_key.get(key, [])) == 1]
    styles = Counter(signature(document, document.blocks[h.index]) for h in unique)
    dominant = styles.most_common(1)[0][0] if styles else None
    starts: list[Start] = []
    position = toc_end
    for entry, key in wanted:
        options = [h for h in by_key.get(key, []) if h.start >= position]
        if not options:
            continue
        styled = [h for h in options if signature(document, document.blocks[h.index]) == dominant]
        heading = (styled or options)[0]
        starts.append(Start(prospectus_id(entry.title), heading.text, heading.start, _body_start(document, heading.index)))
        position = heading.end
    return _monotonic(starts)


def _add_end_matter(document: Document, starts: list[Start]) -> list[Start]:
    present = {s.id for s in starts}
    extra = []
    position = starts[-1].body_start
    for heading in heading_candidates(document, from_offset=position, short_rows=False):
        section_id = prospectus_id(heading.text)
        if section_id in END_MATTER and section_id not in present and not looks_like_toc_line(heading.text):
            present.add(section_id)
            extra.append(Start(section_id, heading.text, heading.start, _body_start(document, heading.index)))
    return _monotonic(starts + extra)
