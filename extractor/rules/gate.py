"""The cheap gate in front of spaCy: only paragraphs that can hold a compute contract go on.

A passage passes when it names compute context (the COMPUTE cues of cues.jsonl,
compiled to one regular expression) and a term-like word (an amount, notice, a
duration, a capacity). Consecutive table rows are judged together as one table.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from extractor.rules.nlp import load_patterns
from extractor.rules.prefilter import with_first_char_lookahead
from extractor.types import HEADING, TABLE_ROW, Document

MAX_PASSAGE_CHARS = 6000
_TERM_WORDS = with_first_char_lookahead(
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
def compute_words() -> tuple[str, ...]:
    return tuple(sorted({row["pattern"] for row in load_patterns("cues") if row["label"] == "COMPUTE"}, key=len, reverse=True))


@lru_cache(maxsize=1)
def context_org_names() -> tuple[str, ...]:
    return tuple(sorted({r["pattern"] for r in load_patterns("orgs") if r.get("compute_context")}, key=len, reverse=True))


_UNITS = ("mw", "kw", "gw")


def _word_hits(haystack: str, words, units: tuple[str, ...] = ()) -> list[int]:
    """Offsets where a word occurs as a whole word (a digit may precede a unit: "300MW").
    A word that begins with another ("gpus", "gpu capacity" after "gpu") is looked for only
    where the shorter one occurs: one substring scan per root word."""
    hits = []
    for root, family in _families(tuple(words)):
        i = haystack.find(root)
        while i != -1:
            before = haystack[i - 1] if i else " "
            for word in family:
                if word is root or haystack.startswith(word, i):
                    after = haystack[i + len(word)] if i + len(word) < len(haystack) else " "
                    if not after.isalnum() and (not before.isalnum() or (word in units and before.isdigit())):
                        hits.append(i)
            i = haystack.find(root, i + 1)
    return hits


@lru_cache(maxsize=16)
def _families(words: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The words grouped under their shortest prefix among them (the root comes first)."""
    families: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len):
        root = next((r for r in families if word.startswith(r)), word)
        families.setdefault(root, []).append(word)
    return tuple((root, tuple(family)) for root, family in families.items())


def context_hits(text: str, extra_names: tuple[str, ...] = (), lowered: str | None = None) -> list[int]:
    """Sorted offsets of every compute word, context counterparty and extra name in the text:
    one fast substring scan per word over the whole document, so that no regular
    expression has to run over the paragraphs that hold none. ``lowered`` is ``text.lower()``
    when the caller has it already."""
    low = text.lower() if lowered is None else lowered
    hits = _word_hits(low, (w.lower() for w in compute_words()), _UNITS)
    hits += _word_hits(text, context_org_names())
    hits += _word_hits(low, (n.lower() for n in extra_names))
    hits.sort()
    return hits


def _has_hit(hits: list[int], start: int, end: int) -> bool:
    i = bisect_left(hits, start)
    return i < len(hits) and hits[i] < end


def has_term_word(text: str, start: int = 0, end: int | None = None) -> bool:
    return bool(_TERM_WORDS.search(text, start, len(text) if end is None else end))


def passes(text: str, extra_names: tuple[str, ...] = ()) -> bool:
    """Whether a passage has compute context (a compute word, or a known counterparty) and a term word."""
    return bool(context_hits(text, extra_names)) and has_term_word(text)


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


_TABLE_CONTRACT = re.compile(
    r"\b(?:cloud|hosting|colocation|co-location|data\s+cent(?:er|re)|compute)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:agreement|contract|commitment|obligation|arrangement|lease|addendum)s?\b|\bpayer\s+accounts?\b",
    re.I,
)


class Gate:
    """The gate over one document: its paragraphs and context hits are computed once."""

    def __init__(self, document: Document):
        self.document = document
        self.text = document.text
        self.paragraphs = paragraphs(document)
        self.lowered = self.text.lower()
        self.hits = context_hits(self.text, lowered=self.lowered)
        self.headings = sorted(b.start for b in document.blocks if b.kind == HEADING)
        self._terms: dict[Passage, bool] = {}

    def candidates(self, extra_names: tuple[str, ...] = (), skip: frozenset = frozenset()) -> list[Passage]:
        """The passages that pass (but those in ``skip``); a table must name a compute contract itself.
        ``extra_names`` (counterparties found elsewhere in the filing) count as compute context."""
        hits = sorted(self.hits + _word_hits(self.lowered, (n.lower() for n in extra_names))) if extra_names else self.hits
        return [
            p for p in self.paragraphs
            if (p.start, p.end) not in skip and _has_hit(hits, p.start, p.end) and self._has_terms(p)
        ]

    def _has_terms(self, passage: Passage) -> bool:
        """Whether the passage has a term word (and, for a table, names a compute contract);
        kept per passage, since the second round of candidates asks again."""
        known = self._terms.get(passage)
        if known is None:
            text = self.text
            known = self._terms[passage] = has_term_word(text, passage.start, passage.end) and (
                not passage.table or bool(_TABLE_CONTRACT.search(text, passage.start, passage.end)))
        return known

    def with_continuations(self, passages: list[Passage], max_follow: int = 3) -> list[Passage]:
        """Each passage extended over the paragraphs right after it that go on about the same
        defined agreement ("the Agreement", "the Initial Term"), up to the next heading."""
        paras = self.paragraphs
        index = {(p.start, p.end): i for i, p in enumerate(paras)}
        chosen = set(index) & {(p.start, p.end) for p in passages}
        extended = []
        for p in passages:
            end, i = p.end, index.get((p.start, p.end))
            for q in paras[i + 1 : i + 1 + max_follow] if i is not None and not p.table else ():
                if (q.start, q.end) in chosen or q.table or _has_hit(self.headings, end, q.start):
                    break
                if not _CONTINUES.search(self.text, q.start, q.end):
                    break
                end = q.end
            extended.append(Passage(p.start, end, p.table))
        return extended


def candidate_passages(document: Document, extra_names: tuple[str, ...] = (), skip: frozenset = frozenset()) -> list[Passage]:
    """The passages of a document that pass the gate (see ``Gate.candidates``)."""
    return Gate(document).candidates(extra_names, skip)


def with_continuations(document: Document, passages: list[Passage], max_follow: int = 3) -> list[Passage]:
    """See ``Gate.with_continuations``."""
    return Gate(document).with_continuations(passages, max_follow)


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


_CONTINUES = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Ss]uch|[Tt]hat)\s+(?:[A-Z][\w-]*\s+){0,3}(?:Agreement|Term|Lease|Contract|Arrangement|Order)\b"
)
