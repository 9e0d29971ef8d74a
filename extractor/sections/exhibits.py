"""Sections of exhibits: a press release (EX-99) is one body under its headline; an agreement
(EX-10) is cut at its article and section headings.

    ARTICLE XII  TERMINATION                       -> article_12 (level 1)
    Section 12.2 Termination for Convenience. ...  -> section_12_2 (level 2, parent article_12)
    12.2 Termination for Convenience. Either ...   -> section_12_2

An agreement without articles has its numbered sections at level 1 ("12. Termination" ->
section_12, "12.2 ..." under it at level 2). Text before the first heading is its
``preamble`` (the parties and recitals).
"""

from __future__ import annotations

import re

from extractor.types import Document, Section

PRESS_RELEASE = "press_release"
AGREEMENT = "agreement"

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ARTICLE = re.compile(r"^(?:ARTICLE|Article)\s+([IVXLC]{1,7}|\d{1,3})\b[\s.:\-–—]*(.{0,150})$")
_SUBSECTION = re.compile(
    r"^(?:(?:Section|SECTION|Sec\.|§)\s*)?(\d{1,3})\.(\d{1,3})\.?\s+((?:[A-Z][\w'’&/,-]*|of|and|or|for|the|to|in|on|by|with|a|an)"
    r"(?:\s+(?:[A-Z][\w'’&/,-]*|of|and|or|for|the|to|in|on|by|with|a|an)){0,12})(?:\s*[.:]|\s*$)"
)
_SECTION = re.compile(r"^(?:(?:Section|SECTION)\s+)?(\d{1,3})\.\s+([A-Z][A-Za-z ,;&'’/-]{2,80}?)\.?$")
MAX_HEADLINE = 300


def exhibit_kind(type_: str | None) -> str | None:
    """press_release for EX-99.x, agreement for EX-10.x, None for other exhibits."""
    t = (type_ or "").upper().replace(" ", "")
    if t.startswith("EX-99"):
        return PRESS_RELEASE
    if t.startswith("EX-10"):
        return AGREEMENT
    return None


def exhibit_sections(document: Document, kind: str) -> list[Section]:
    text = document.text
    if kind == PRESS_RELEASE:
        return [Section(PRESS_RELEASE, _headline(document), 1, 0, len(text), 0)]
    return _agreement_sections(document)


def _headline(document: Document) -> str:
    """The first block with words: the release's headline."""
    for block in document.blocks:
        words = " ".join(document.text[block.start : block.end].split())
        if any(ch.isalpha() for ch in words):
            return words[:MAX_HEADLINE]
    return ""


def _number(token: str) -> int:
    if token.isdigit():
        return int(token)
    total, last = 0, 0
    for ch in reversed(token.upper()):
        value = _ROMAN[ch]
        total += -value if value < last else value
        last = max(last, value)
    return total


def _agreement_sections(document: Document) -> list[Section]:
    text = document.text
    heads: list[tuple[int, int, str, str, int | None]] = []  # (start, body_start, id, title, article number)
    for block in document.blocks:
        line = text[block.start : block.end].strip()
        if not line:
            continue
        first = line.split("\n", 1)[0]
        article = _ARTICLE.match(first) if len(first) <= 160 else None
        if article:
            number = _number(article.group(1))
            title = " ".join(f"Article {article.group(1)} {article.group(2)}".split())
            heads.append((block.start, block.end, f"article_{number}", title, number))
            continue
        sub = _SUBSECTION.match(first)
        if sub:
            title = f"Section {sub.group(1)}.{sub.group(2)} {sub.group(3)}".strip()
            heads.append((block.start, block.start + sub.end(), f"section_{int(sub.group(1))}_{int(sub.group(2))}", title, None))
            continue
        whole = _SECTION.match(first) if len(first) <= 90 else None
        if whole:
            heads.append((block.start, block.end, f"section_{int(whole.group(1))}", f"Section {whole.group(1)}. {whole.group(2)}", None))
    heads = _in_order(heads)
    if not heads:
        return [Section("body", "", 1, 0, len(text), 0)]
    has_articles = any(h[2].startswith("article_") for h in heads)
    top_prefix = "article_" if has_articles else "section_"
    sections: list[Section] = []
    if text[: heads[0][0]].strip():
        sections.append(Section("preamble", "Preamble", 1, 0, heads[0][0], 0))
    tops = [h for h in heads if h[2].startswith(top_prefix) and (has_articles or h[2].count("_") == 1)]
    if not tops:  # only N.M sections: each is level 1
        tops, subs = heads, []
    else:
        subs = [h for h in heads if h not in tops]
    for i, head in enumerate(tops):
        end = tops[i + 1][0] if i + 1 < len(tops) else len(text)
        sections.append(Section(head[2], head[3], 1, head[0], end, head[1]))
    for i, head in enumerate(subs):
        parent = next((s for s in reversed(sections) if s.level == 1 and s.start <= head[0] < s.end), None)
        later = [h[0] for h in subs[i + 1 :]] + [t[0] for t in tops if t[0] > head[0]]
        end = min([e for e in later if e > head[0]] + [parent.end if parent else len(text)])
        sections.append(Section(head[2], head[3], 2, head[0], end, head[1], parent=parent.id if parent else None))
    return sorted(sections, key=lambda s: (s.start, s.level))


def _in_order(heads: list) -> list:
    """Headings whose numbers go up through the document. Read from the end, so that when a
    number repeats the last one wins: a table of contents lists every heading before the
    real ones."""
    kept, seen, last = [], set(), None
    for head in reversed(heads):
        numbers = tuple(int(n) for n in re.findall(r"\d+", head[2]))
        key = (numbers + (0,))[:2]
        if head[2] in seen or (last is not None and key > last):
            continue
        kept.append(head)
        seen.add(head[2])
        last = key
    return kept[::-1]
