"""Prospectuses (S-1, F-1, 424B, their amendments): the entries of the filing's own table
of contents, in order, plus the end matter present as top-level headings."""

from __future__ import annotations

from collections import Counter

from extractor.sections.forms import END_MATTER, is_foreign, normalize_title, prospectus_id
from extractor.sections.headings import Heading, heading_candidates, looks_like_toc_line, signature
from extractor.sections.starts import Start, block_at_offset, body_start, heading_at, merge, monotonic, with_signatures
from extractor.sections.toc import TocEntry, linked_toc, text_toc
from extractor.types import Document

MIN_VOCABULARY_HEADINGS = 3
TITLE_SEARCH = 3000  # headings scanned for a TOC entry whose anchor missed its heading  # fewer vocabulary headings than this and the document is one body


def prospectus_starts(document: Document) -> list[Start]:
    toc = linked_toc(document)
    if toc:
        starts = _from_linked_toc(document, toc)
        toc_end = max(e.toc_start for e in toc)
    else:
        entries, toc_end = text_toc(document)
        starts = _from_text_toc(document, entries, toc_end)
    if not starts:
        starts, toc_end = _from_vocabulary_headings(document), 0
    if not starts:
        return []
    if toc_end:
        starts = _front_matter(document, starts, toc_end)
    starts = _business_by_position(starts)
    starts = _inner_covers(document, starts)
    return with_signatures(document, _end_matter(document, starts), starts[-1])


def _from_linked_toc(document: Document, toc: list[TocEntry]) -> list[Start]:
    """Each entry at the heading its anchor points to; when the anchor lands elsewhere (several
    entries sharing one spot, an anchor a page early) the next heading with the entry's title."""
    headings = heading_candidates(document, from_offset=max(e.toc_start for e in toc), short_rows=False)
    keys = [h.key for h in headings]
    starts = []
    previous = 0
    for entry in toc:
        located = heading_at(document, entry.position, entry.title)
        if located is None or not titles_match(located[2], entry.title):
            heading = _next_titled(headings, keys, previous, normalize_title(entry.title))
            if heading is not None:
                body = body_start(document, heading.index)
                located = heading.start, body, document.text[heading.start : body]
        if located is None:
            continue
        begin, body, heading_text = located
        section_id = prospectus_id(entry.title, foreign=is_foreign(document))
        if section_id == "other":
            section_id = prospectus_id(heading_text, foreign=is_foreign(document))
        title = heading_text if len(heading_text) <= 200 else entry.title
        starts.append(Start(section_id, title, begin, body))
        previous = max(previous, begin)
    return _securities_overview(monotonic(starts))


def titles_match(heading_text: str, title: str) -> bool:
    """'MANAGEMENT'S DISCUSSION AND ANALYSIS OF ...' matches the TOC's 'Management's Discussion and Analysis'."""
    return _keys_match(normalize_title(heading_text), normalize_title(title))


def _keys_match(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def _next_titled(headings: list[Heading], keys: list[str], after: int, wanted: str) -> Heading | None:
    """The first heading after ``after`` whose title matches, looking at most TITLE_SEARCH headings on."""
    first = next((i for i, h in enumerate(headings) if h.start > after), len(headings))
    for i in range(first, min(first + TITLE_SEARCH, len(headings))):
        if _keys_match(keys[i], wanted):
            return headings[i]
    return None


def _securities_overview(starts: list[Start]) -> list[Start]:
    """'Description of Securities' right before 'Description of Capital Stock' is a shelf
    prospectus's overview of what may be offered: other, not the capital-stock section."""
    out = list(starts)
    for i in range(len(out) - 1):
        if out[i].id == out[i + 1].id == "description_of_capital_stock":
            s = out[i]
            out[i] = Start("other", s.title, s.start, s.body_start)
    return out


def _from_text_toc(document: Document, entries: list[TocEntry], toc_end: int) -> list[Start]:
    """Each entry at the first later heading with its title, preferring the heading style
    the other sections share (so a 'Risk Factors' sub-heading in the summary is passed over)."""
    by_key: dict[str, list[Heading]] = {}
    for heading in heading_candidates(document, from_offset=toc_end, short_rows=False):
        by_key.setdefault(heading.key, []).append(heading)
    wanted = [(entry, normalize_title(entry.title)) for entry in entries]
    unique = [by_key[key][0] for _, key in wanted if len(by_key.get(key, [])) == 1]
    dominant = _dominant_style(document, unique)
    starts: list[Start] = []
    position = toc_end
    for entry, key in wanted:
        options = [h for h in by_key.get(key, []) if h.start >= position]
        if not options:
            continue
        styled = [h for h in options if signature(document, document.blocks[h.index]) == dominant]
        heading = (styled or options)[0]
        section_id = prospectus_id(entry.title, foreign=is_foreign(document))
        starts.append(Start(section_id, heading.text, heading.start, body_start(document, heading.index)))
        position = heading.end
    return monotonic(starts)


def _from_vocabulary_headings(document: Document) -> list[Start]:
    """No table of contents at all: the headings whose titles are in the vocabulary, each once,
    in the style most of them share (a cross-reference or a bold run-in title is passed over)."""
    found: dict[str, Heading] = {}
    for heading in heading_candidates(document, short_rows=False):
        section_id = prospectus_id(heading.text, foreign=is_foreign(document))
        if section_id != "other" and section_id not in END_MATTER and not looks_like_toc_line(heading.text):
            found.setdefault(section_id, heading)
    if len(found) < MIN_VOCABULARY_HEADINGS:
        return []
    dominant = _dominant_style(document, list(found.values()))
    starts = [
        Start(section_id, h.text, h.start, body_start(document, h.index))
        for section_id, h in found.items()
        if signature(document, document.blocks[h.index]) == dominant
    ]
    return monotonic(sorted(starts, key=lambda s: s.start))


def _dominant_style(document: Document, headings: list[Heading]):
    styles = Counter(signature(document, document.blocks[h.index]) for h in headings)
    return styles.most_common(1)[0][0] if styles else None


def _front_matter(document: Document, starts: list[Start], toc_end: int) -> list[Start]:
    """Headings between the table of contents and its first entry that look exactly like the
    section headings ('Trademarks', 'About this Prospectus') are top-level sections too."""
    blocks = [block_at_offset(document, s.start) for s in starts]
    styles = Counter((b.tag, b.bold, b.centered, b.font_size) for b in blocks if b is not None and b.tag)
    if not styles:
        return starts
    style, count = styles.most_common(1)[0]
    if count < max(3, len(starts) // 2):
        return starts
    extra = []
    for heading in heading_candidates(document, from_offset=toc_end + 1, short_rows=False):
        if heading.start >= starts[0].start:
            break
        block = document.blocks[heading.index]
        if (block.tag, block.bold, block.centered, block.font_size) == style and not looks_like_toc_line(heading.text):
            extra.append(Start(prospectus_id(heading.text, foreign=is_foreign(document)), heading.text, heading.start, body_start(document, heading.index)))
    return merge(starts, extra)


def _inner_covers(document: Document, starts: list[Start]) -> list[Start]:
    """A second prospectus bound into the same document (the base prospectus after a
    supplement) opens with its own cover, headed PROSPECTUS: that cover is a cover_page."""
    extra = []
    for heading in heading_candidates(document, from_offset=starts[0].body_start, short_rows=False):
        if heading.start >= starts[-1].start:
            break
        if heading.key == "prospectus":
            extra.append(Start("cover_page", heading.text, heading.start, body_start(document, heading.index)))
    return merge(starts, extra) if extra else starts


def _business_by_position(starts: list[Start]) -> list[Start]:
    """A TOC entry outside the vocabulary right after MD&A is the business section under its
    own name ('What We Do', 'Our Company'), when no entry is called Business."""
    ids = [s.id for s in starts]
    if "business" in ids or "mda" not in ids:
        return starts
    at = ids.index("mda") + 1
    if at < len(starts) and starts[at].id == "other":
        s = starts[at]
        starts = starts[:at] + [Start("business", s.title, s.start, s.body_start)] + starts[at + 1 :]
    return starts


def _end_matter(document: Document, starts: list[Start]) -> list[Start]:
    """F-pages index, Part II, signatures and a standalone exhibit index after the last entry.
    An exhibit index inside Part II (before the signatures) belongs to Part II's Item 16."""
    present = {s.id for s in starts}
    extra = []
    for heading in heading_candidates(document, from_offset=starts[-1].body_start, short_rows=False):
        section_id = prospectus_id(heading.text, foreign=is_foreign(document))
        if section_id not in END_MATTER or section_id in present or looks_like_toc_line(heading.text):
            continue
        if section_id == "exhibits" and "part_ii" in present and "signatures" not in present:
            continue
        present.add(section_id)
        extra.append(Start(section_id, heading.text, heading.start, body_start(document, heading.index)))
    return merge(starts, extra)
