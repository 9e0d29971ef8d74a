"""Sections of exhibits: a press release (EX-99) is one body under its headline; an agreement
(EX-10) is cut at its article and section headings.

    ARTICLE XII / TERMINATION                      -> article_12 (level 1), title "ARTICLE XII TERMINATION"
    Section 12.2 Termination for Convenience. ...  -> section_12_2 (level 2, parent article_12)
    12.2 Termination for Convenience. Either ...   -> section_12_2
    SCHEDULE A / CAPACITY AND DELIVERY SCHEDULE    -> other (level 1): a schedule, exhibit or annex

An agreement without articles has its numbered sections at level 1 ("12. Termination" ->
section_12, "12.2 ..." under it at level 2). Text before the first heading is its
``preamble`` (the parties and recitals). An article keeps its heading's own words as its
title, the second line of a two-line heading included; a press release's title is its
headline (an "Exhibit 99.1" label above it is not).
"""

from __future__ import annotations

import re

from extractor.types import HEADING, Document, Section

PRESS_RELEASE = "press_release"
AGREEMENT = "agreement"

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ARTICLE = re.compile(r"^(?:ARTICLE|Article)\s+([IVXLC]{1,7}|\d{1,3})\b[\s.:\-–—]*(.{0,150})$")
_SUBSECTION = re.compile(
    r"^(?:(?:Section|SECTION|Sec\.|§)\s*)?(\d{1,3})\.(\d{1,3})\.?\s+((?:[A-Z][\w'’&/,-]*|of|and|or|for|the|to|in|on|by|with|a|an)"
    r"(?:\s+(?:[A-Z][\w'’&/,-]*|of|and|or|for|the|to|in|on|by|with|a|an)){0,12})(?:\s*[.:]|\s*$)"
)
_SECTION = re.compile(r"^(?:(?:Section|SECTION)\s+)?(\d{1,3})\.\s+([A-Z][A-Za-z ,;&'’/-]{2,80}?)\.?$")
_ATTACHMENT = re.compile(
    r"^(?:SCHEDULE|Schedule|EXHIBIT|Exhibit|ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment)\s+"
    r"(?:[A-Z]|\d{1,2}|[IVX]{1,5})(?:[-.]\d{1,2})?(?:\s*[.:\-–—]\s*|\s+|$)(?!.*\|)"
)
_LABEL = re.compile(r"^(?:exhibit|ex-?)\s*\d{1,3}(?:\.\d{1,3})?[.:]?$|^(?:for immediate release|press release|news release)[.:]?$", re.I)
MAX_HEADLINE = 300
MAX_TITLE_LINE = 150


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
    """The first block with words that is not an exhibit label ("Exhibit 99.1", "FOR IMMEDIATE
    RELEASE"): the release's headline; the label when there is nothing else."""
    label = ""
    for block in document.blocks:
        words = " ".join(document.text[block.start : block.end].split())
        if not any(ch.isalpha() for ch in words):
            continue
        if _LABEL.match(words):
            label = label or words
            continue
        return words[:MAX_HEADLINE]
    return label[:MAX_HEADLINE]


def _title_as_written(block_text: str, rest: str) -> str:
    """A heading's own words, whitespace collapsed: its first line, and the second line when
    the first is only the label ('ARTICLE XII' / 'TERM AND TERMINATION')."""
    lines = [line for line in block_text.split("\n") if line.strip()]
    words = lines[0]
    if not rest.strip(" .:-–—") and len(lines) > 1 and len(lines[1]) <= MAX_TITLE_LINE:
        words = f"{words} {lines[1]}"
    return " ".join(words.split())


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
            heads.append((block.start, block.end, f"article_{number}", _title_as_written(line, article.group(2)), number))
            continue
        if block.kind == HEADING and len(line) <= 2 * MAX_TITLE_LINE and _ATTACHMENT.match(first):
            heads.append((block.start, block.end, "other", _title_as_written(line, first[_ATTACHMENT.match(first).end() :]), None))
            continue
        sub = _SUBSECTION.match(first)
        if sub:
            title = f"Section {sub.group(1)}.{sub.group(2)} {sub.group(3)}".strip()
            heads.append((block.start, block.start + sub.end(), f"section_{int(sub.group(1))}_{int(sub.group(2))}", title, None))
            continue
        whole = _SECTION.match(first) if len(first) <= 90 else None
        if whole:
            heads.append((block.start, block.end, f"section_{int(whole.group(1))}", f"Section {whole.group(1)}. {whole.group(2)}", None))
    attachments = [h for h in heads if h[2] == "other"]
    heads = _in_order([h for h in heads if h[2] != "other"])
    if heads:  # a schedule after the agreement's first heading (its table of contents lists them too)
        heads = sorted(heads + [h for h in attachments if h[0] > heads[0][0]], key=lambda h: h[0])
    if not heads:
        return [Section("body", "", 1, 0, len(text), 0)]
    has_articles = any(h[2].startswith("article_") for h in heads)
    top_prefix = "article_" if has_articles else "section_"
    sections: list[Section] = []
    if text[: heads[0][0]].strip():
        sections.append(Section("preamble", "Preamble", 1, 0, heads[0][0], 0))
    tops = [h for h in heads if h[2] == "other" or (h[2].startswith(top_prefix) and (has_articles or h[2].count("_") == 1))]
    if all(h[2] == "other" for h in tops):  # only N.M sections: each is level 1
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
