"""The filing's own table of contents: linked (anchors) or, failing that, as text rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.sections.forms import normalize_title
from extractor.types import HEADING, TABLE_ROW, Document, Link

MAX_GAP = 250  # characters between two links of the same table of contents
MIN_ENTRIES = 3
MAX_ENTRIES = 400  # a real table of contents is far shorter; an index of thousands of links is not one
_PAGE_ONLY = re.compile(r"^\s*(?:page\s+)?(?:[A-Z]{1,2}-)?[0-9ivxlc]{1,4}\s*$", re.I)
_TOC_TITLE = re.compile(r"^(?:table of contents|contents|index)$", re.I)
_PAGE_CELL = re.compile(r"^(?:[A-Z]{1,2}-)?\d{1,3}$|^[ivxlc]{1,5}$", re.I)


@dataclass(frozen=True)
class TocEntry:
    title: str
    position: int  # where the entry points in the text (anchor offset), -1 when unknown
    toc_start: int  # where the entry sits in the table of contents
    target: str | None = None
    context: str = ""  # the TOC text just before the entry ('Item 1.' when only 'Business' is linked)


def _clusters(links: list[Link]) -> list[list[Link]]:
    clusters: list[list[Link]] = []
    for link in links:
        if clusters and link.start - clusters[-1][-1].end <= MAX_GAP:
            clusters[-1].append(link)
        else:
            clusters.append([link])
    return clusters


def _line_around(text: str, start: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return text[line_start : line_end if line_end >= 0 else len(text)]


def linked_toc(document: Document) -> list[TocEntry]:
    """Entries of the largest cluster of forward in-document links (at least MIN_ENTRIES targets)."""
    anchors = document.anchors
    forward = [link for link in document.links if anchors.get(link.target, -1) > link.end]
    best: list[Link] = []
    best_targets = 0
    for cluster in _clusters(forward):
        targets = len({link.target for link in cluster})
        if targets > best_targets:
            best, best_targets = cluster, targets
    if best_targets < MIN_ENTRIES:
        return []
    by_target: dict[str, list[Link]] = {}
    for link in best:
        by_target.setdefault(link.target, []).append(link)
    entries = []
    for target, links in by_target.items():
        last = links[-1]  # a cover-page "see 'Risk Factors'" link comes before the TOC row
        line_start = document.text.rfind("\n", 0, last.start) + 1
        row = [link for link in links if link.start >= line_start]
        words = [link.text.strip() for link in row if not _PAGE_ONLY.match(link.text)]
        title = " ".join(words) if words else normalize_title(_line_around(document.text, last.start))
        first = row[0]
        context = document.text[max(line_start, first.start - 60) : first.start].strip(" |")
        entries.append(
            TocEntry(title=title, position=anchors[target], toc_start=last.start, target=target, context=context)
        )
    entries.sort(key=lambda entry: entry.toc_start)
    return entries[:MAX_ENTRIES]


def text_toc(document: Document) -> tuple[list[TocEntry], int]:
    """Entries of an unlinked table of contents (title rows ending in a page number), and where it ends."""
    text = document.text
    limit = max(len(text) // 4, 20000)
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if block.start > limit:
            break
        if block.kind != HEADING or not _TOC_TITLE.match(text[block.start : block.end].strip()):
            continue
        entries, end = _toc_rows(document, index + 1)
        if len(entries) >= MIN_ENTRIES:
            return entries, end
    return [], 0


def _toc_rows(document: Document, index: int) -> tuple[list[TocEntry], int]:
    entries: list[TocEntry] = []
    end = 0
    misses = 0
    for block in document.blocks[index:]:
        row = document.text[block.start : block.end]
        cells = [c.strip() for c in row.split(" | ")] if block.kind == TABLE_ROW else [row.strip()]
        found = _row_entries(cells, block.start)
        if found:
            entries.extend(found)
            end = block.end
            misses = 0
        else:
            misses += 1
            if misses > 3 and entries:
                break
            if misses > 6:
                break
    return entries, end


def _row_entries(cells: list[str], start: int) -> list[TocEntry]:
    """'Title | 12' or 'Title | 12 | Title | 48' -> entries; a lone 'Title 12' line too."""
    if len(cells) == 1:
        match = re.match(r"^(.{3,120}?)[\s.]+((?:[A-Z]{1,2}-)?\d{1,3})$", cells[0])
        cells = [match.group(1), match.group(2)] if match else cells
    entries = []
    pending: list[str] = []
    for cell in cells:
        if _PAGE_CELL.match(cell):
            if pending:
                entries.append(TocEntry(title=" ".join(pending), position=-1, toc_start=start))
            pending = []
        elif cell:
            pending.append(cell)
    return entries
