"""The cheap gate in front of spaCy: only paragraphs that can hold a compute contract go on.

A passage passes when it names compute context (the COMPUTE cues of cues.jsonl,
compiled to one regular expression) and a term-like word (an amount, notice, a
duration, a capacity). Consecutive table rows are judged together as one table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractor.rules.nlp import load_patterns
from extractor.types import HEADING, TABLE_ROW, Document

MAX_PASSAGE_CHARS = 6000
_TERM_WORDS = re.compile(
    r"\$|\bUSD\b|€|\bnotice\b|\bmegawatts?\b|\d\s?(?:MW|GW|kW|KW)\b|\bgigawatts?\b|\bGPUs\b|\bTPUs\b|\bmonths?\b|\byears?\b|"
    r"\bquarter(?:ly)?\b|\bthrough\b|\buntil\b|\bterm\b|\bannual(?:ly)?\b|\bagreement\b",
    re.I,
)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_SOFT_BREAK = re.compile(r"(?<=[.;])\s+(?=[A-Z(])|\n")


@dataclass(frozen=True)
class Passage:
    """A candidate paragraph (or table): offsets into Document.text."""

    start: int
    end: int
    table: bool = False


@lru_cache(maxsize=1)
def compute_regex() -> re.Pattern:
    words = sorted({row["pattern"] for row in load_patterns("cues") if row["label"] == "COMPUTE"}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])|\d\s?MW\b", re.I)


@lru_cache(maxsize=1)
def context_org_regex() -> re.Pattern:
    """Counterparties whose name alone is compute context (CoreWeave, Equinix ...), case-sensitive."""
    names = sorted({r["pattern"] for r in load_patterns("orgs") if r.get("compute_context")}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:%s)(?![\w])" % "|".join(re.escape(n) for n in names))


def passes(text: str, extra: re.Pattern | None = None) -> bool:
    """Whether a passage has compute context (or names a known counterparty) and a term word."""
    context = (
        compute_regex().search(text)
        or context_org_regex().search(text)
        or (extra is not None and extra.search(text))
    )
    return bool(context) and bool(_TERM_WORDS.search(text))


def paragraphs(document: Document) -> list[Passage]:
    """The document's paragraphs and tables, long ones cut into pieces spaCy can take."""
    found: list[Passage] = []
    blocks = [b for b in document.blocks if b.kind != HEADING and b.end > b.start]
    if not blocks:
        return _split_long(_blank_line_paragraphs(document.text), document.text)
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == TABLE_ROW:
            j = i
            while j + 1 < len(blocks) and blocks[j + 1].kind == TABLE_ROW:
                j += 1
            found.append(Passage(block.start, blocks[j].end, table=True))
            i = j + 1
        else:
            found.append(Passage(block.start, block.end))
            i += 1
    return _split_long(found, document.text)


def candidate_passages(document: Document, extra: re.Pattern | None = None) -> list[Passage]:
    """The passages that pass the gate."""
    text = document.text
    return [p for p in paragraphs(document) if passes(text[p.start : p.end], extra)]


def _blank_line_paragraphs(text: str) -> list[Passage]:
    found, pos = [], 0
    for m in list(_BLANK_LINES.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        if text[pos:end].strip():
            found.append(Passage(pos, end))
        pos = m.end() if m else end
    return found


def _split_long(passages: list[Passage], text: str) -> list[Passage]:
    out: list[Passage] = []
    for p in passages:
        start = p.start
        while p.end - start > MAX_PASSAGE_CHARS:
            window = text[start : start + MAX_PASSAGE_CHARS]
            cuts = [m.end() for m in _SOFT_BREAK.finditer(window) if m.end() > MAX_PASSAGE_CHARS // 2]
            cut = start + (cuts[-1] if cuts else MAX_PASSAGE_CHARS)
            out.append(Passage(start, cut, p.table))
            start = cut
        out.append(Passage(start, p.end, p.table))
    return out
