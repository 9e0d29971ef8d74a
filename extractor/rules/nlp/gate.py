"""The cheap gate in front of spaCy: only paragraphs that can hold a compute contract go on.

A passage passes when it names compute context (the COMPUTE cues of cues.jsonl, found
for the whole document at once, see ``context_hits``) and a term-like word (an amount, notice, a
duration, a capacity). Consecutive table rows are judged together as one table.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from extractor.rules.nlp.pipeline import BULLET, load_patterns
from extractor.rules.nlp.prefilter import with_first_char_lookahead
from extractor.types import HEADING, TABLE_ROW, Document

MAX_PASSAGE_CHARS = 6000
WINDOW_CHARS, WINDOWS = 1 << 14, 8  # numpy looks at an eighth of the text at a time, 16K characters at least
LOWER_PIECE_CHARS = 1 << 13  # characters lower_text lowers at a time
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
            for word in family:
                if (word is root or haystack.startswith(word, i)) and _whole_word(haystack, i, word, word in units):
                    hits.append(i)
            i = haystack.find(root, i + 1)
    return hits


def _whole_word(haystack: str, i: int, word: str, unit: bool) -> bool:
    """Whether ``word``, found at ``i``, stands alone: no letter or digit on either side
    (but a digit may come before a unit)."""
    end = i + len(word)
    before = haystack[i - 1] if i else " "
    after = haystack[end] if end < len(haystack) else " "
    return not after.isalnum() and (not before.isalnum() or (unit and before.isdigit()))


@lru_cache(maxsize=16)
def _families(words: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The words grouped under their shortest prefix among them (the root comes first)."""
    families: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len):
        root = next((r for r in families if word.startswith(r)), word)
        families.setdefault(root, []).append(word)
    return tuple((root, tuple(family)) for root, family in families.items())


class _ContextWords(NamedTuple):
    """The compute words and context org names, indexed by how they begin (see ``_context_words``)."""

    groups: dict[str, tuple[tuple[str, ...], list[tuple[str, bool, bool]]]]
    twos: np.ndarray  # by the code of the first two characters: does some word begin so (16 KB)
    threes: np.ndarray  # sorted codes of the first three characters words begin with
    kinds: np.ndarray  # for each of threes: 1 a word of two to four characters, 2 only longer ones
    fives: np.ndarray
    odd_words: tuple[str, ...]
    odd_orgs: tuple[str, ...]


@lru_cache(maxsize=1)
def _context_words() -> _ContextWords:
    """The compute words (looked for in the lowered text) and the context org names (looked for
    as written, in the text), grouped by the first two characters of their lowered form: those
    lowered forms, and (word, in the text, a unit) for each. How they can begin, in codes of
    seven bits a character: ``threes`` and ``kinds``, by the first three characters (1: a word of
    two to four characters begins so, 2: only longer words, whose first five characters are
    in ``fives``). Words that cannot be indexed so (not ASCII, or one character) are kept apart.
    (Sorted arrays, not a table of all 2**21 three-character codes: such a table's pages fill
    the memory as documents touch them.)"""
    groups: dict = {}
    by_three: dict[int, int] = {}
    fives = set()
    odd_words, odd_orgs = [], []
    entries = [(w, False) for w in {w.lower() for w in compute_words()}] + [(n, True) for n in set(context_org_names())]
    for word, in_text in entries:
        key = word.lower()
        if len(key) < 2 or not key.isascii():
            (odd_orgs if in_text else odd_words).append(word)
            continue
        lowered, group = groups.get(key[:2], ((), []))
        groups[key[:2]] = (tuple(sorted({*lowered, key})), group + [(word, in_text, not in_text and word in _UNITS)])
        three = _code(key[:3].ljust(3, "\0"))
        if len(key) < 5:
            for code in range(three, three + (128 if len(key) == 2 else 1)):  # two characters: any third
                by_three[code] = 1
        else:
            by_three[three] = by_three.get(three) or 2
            fives.add(_code(key[:5]))
    threes = sorted(by_three)
    twos = np.zeros(1 << 14, dtype=bool)
    twos[[code >> 7 for code in threes]] = True
    return _ContextWords(
        groups, twos, np.array(threes, dtype=np.uint64), np.array([by_three[c] for c in threes], dtype=np.uint8),
        np.array(sorted(fives), dtype=np.uint64), tuple(odd_words), tuple(odd_orgs),
    )


def _code(chars: str) -> int:
    code = 0
    for ch in chars:
        code = code << 7 | ord(ch)
    return code


def lower_text(text: str) -> str:
    """``text.lower()``, a piece at a time when the text is past ASCII: there CPython works in a
    buffer of 12 bytes a character (a character can lower to three), 1.5 MB for a small 10-K.
    Pieces end at a space, across which no case rule (final sigma) looks."""
    if text.isascii() or len(text) <= LOWER_PIECE_CHARS:
        return text.lower()
    pieces, start = [], 0
    while start < len(text):
        end = text.find(" ", start + LOWER_PIECE_CHARS)
        end = len(text) if end < 0 else end
        pieces.append(text[start:end].lower())
        start = end
    return "".join(pieces)


def _context_word_hits(low: str, text: str | None) -> list[int]:
    """Offsets of the compute words in ``low`` and, unless ``text`` is None, of the context org
    names in ``text`` (as long as ``low``, so that the offsets agree). Rather than one scan of the
    whole text per word, numpy lists the places a word can begin (after anything but a lowercase
    letter) whose first characters begin some word, and only those places are checked. A character
    past ASCII counts as its low seven bits, which can only add places to check."""
    if not low:
        return []
    index = _context_words()
    hits = []
    window = max(WINDOW_CHARS, len(low) // WINDOWS)
    for start in range(0, len(low), window):
        for i in _places(low, index, start, min(start + window, len(low))):
            lowered, group = index.groups.get(low[i : i + 2], ((), ()))
            if low.startswith(lowered, i):
                for word, in_text, unit in group:
                    haystack = text if in_text else low
                    if haystack is not None and haystack.startswith(word, i) and _whole_word(haystack, i, word, unit):
                        hits.append(i)
    return hits


def _places(low: str, index: _ContextWords, start: int, end: int) -> list[int]:
    """The places in ``low[start:end]`` where some word may begin, in order. A window at a time,
    so that numpy's arrays stay a fraction of the document's size."""
    lo = start - 1 if start else 0  # the character before the window decides its first place
    # one code a character (UTF-16 would split the characters past U+FFFF in two)
    codes = np.frombuffer((low[lo : end + 4] + "\0" * 4).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    after = np.flatnonzero(codes[: end - 1 - lo] - 97 > 25) + lo + 1  # below 97 wraps round
    at = np.concatenate(([0], after)) if start == 0 else after
    local = at - lo
    two = (codes[local] & 127) << 7 | codes[local + 1] & 127
    keep = index.twos[two]  # most places begin no word: dropped before the wider codes
    at, local = at[keep], local[keep]
    begins = two[keep].astype(np.uint64) << 7 | codes[local + 2] & 127
    kind = _look_up(index.threes, begins, index.kinds)
    at, local, begins, kind = at[kind > 0], local[kind > 0], begins[kind > 0], kind[kind > 0]
    for j in (3, 4):
        begins = begins << 7 | codes[local + j] & 127
    return at[(kind == 1) | (_look_up(index.fives, begins) > 0)].tolist()


def _look_up(keys: np.ndarray, codes: np.ndarray, values: np.ndarray | None = None) -> np.ndarray:
    """For each code, its value in the sorted ``keys`` (1 without ``values``), 0 when absent."""
    if not len(codes):
        return np.zeros(0, dtype=np.uint8)
    slot = np.minimum(np.searchsorted(keys, codes), len(keys) - 1)
    found = keys[slot] == codes
    return np.where(found, values[slot], 0) if values is not None else found.astype(np.uint8)


def context_hits(text: str, extra_names: tuple[str, ...] = (), lowered: str | None = None) -> list[int]:
    """Sorted offsets of every compute word, context counterparty and extra name in the text,
    found over the whole document at once, so that no regular expression has to run over the
    paragraphs that hold none. ``lowered`` is ``text.lower()`` when the caller has it already.
    Org names are found where their lowered form is in the lowered text, which needs both
    of the same length (lowering a rare character, "İ", lengthens it); if not, they are scanned for."""
    low = lower_text(text) if lowered is None else lowered
    index, same_length = _context_words(), len(low) == len(text)
    hits = _context_word_hits(low, text if same_length else None)
    hits += _word_hits(low, index.odd_words, _UNITS)
    hits += _word_hits(text, index.odd_orgs if same_length else context_org_names())
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
        self.lowered = lower_text(self.text)
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
                not passage.table or bool(_TABLE_CONTRACT.search(text, passage.start, passage.end))
                or _is_term_sheet(text, passage))
        return known

    def with_continuations(self, passages: list[Passage], max_follow: int = 3) -> list[Passage]:
        """Each passage extended over the paragraphs right after it that go on about the same
        agreement, up to the next heading: a paragraph that points back ("the Agreement", "the
        customer", "Under the agreement", "pays us") or names a party the passage named
        ("Pentland will pay ..."). A following candidate paragraph that goes on so is taken in
        (and not read again on its own): the frames of ``frames.py`` then link its terms to the
        agreement the first paragraph opened."""
        paras = self.paragraphs
        index = {(p.start, p.end): i for i, p in enumerate(paras)}
        chosen = set(index) & {(p.start, p.end) for p in passages}
        taken: set[tuple[int, int]] = set()
        extended = []
        for p in passages:
            if (p.start, p.end) in taken:
                continue
            end, i, table = p.end, index.get((p.start, p.end)), p.table
            names = _party_words(self.text[p.start : p.end])
            followed = 0
            if p.table and i is not None and i + 1 < len(paras):
                # a table and the sentence after it that gives a row's counterparty its notice ("Ardent Neural may
                # terminate the contract on three months' notice"): read together (see rules._term_sheet_contracts)
                q = paras[i + 1]
                q_text = self.text[q.start : q.end]
                if not q.table and q.end - q.start < 1500 and not _has_hit(self.headings, p.end, q.start) \
                        and _NOTICE_WORDS.search(q_text) and any(w in (names | _cell_words(self.text[p.start : p.end]))
                                                                 for w in _CAPITAL_WORD.findall(q_text[:300])):
                    end = q.end
                    if (q.start, q.end) in chosen:
                        taken.add((q.start, q.end))
            for q in paras[i + 1 :] if i is not None and not p.table else ():
                if followed >= max_follow or _has_hit(self.headings, end, q.start) or end - p.start > MAX_PASSAGE_CHARS:
                    break
                if q.table:  # a term sheet right after the paragraph that introduces it
                    if _is_term_sheet(self.text, q) and (q.start, q.end) not in chosen:
                        end, table = q.end, True
                    break
                if self._key_value_sheet(q):  # a term sheet told as "Label: value" lines
                    if (q.start, q.end) in chosen:
                        taken.add((q.start, q.end))
                    end, table = q.end, True
                    break
                introduces = (self.text[p.start : end].rstrip().endswith(":") and _BULLET_LINE.match(self.text, q.start)) \
                    or _LEAD_IN_BULLETS.match(self.text, q.start) \
                    or (_BULLET_LINE.match(self.text, p.start) and _BULLET_LINE.match(self.text, q.start))  # the list's next item
                if not (introduces or self._continues(q, names)):  # "Key terms:" and the bullets under it
                    break
                if (q.start, q.end) in chosen:
                    taken.add((q.start, q.end))
                end = q.end
                names |= _party_words(self.text[q.start : q.end])
                followed += 1
            start = p.start
            bullets_of = i and _BULLET_LINE.match(self.text, p.start) and self.text[paras[i - 1].start : paras[i - 1].end].rstrip().endswith(":")
            if i and (p.table or _TAKES_UP.match(self.text, p.start) or bullets_of) and not paras[i - 1].table \
                    and (paras[i - 1].start, paras[i - 1].end) not in chosen \
                    and not _has_hit(self.headings, paras[i - 1].end, p.start) and paras[i - 1].end - paras[i - 1].start < 800:
                # the sentence that introduces a table is its caption ("in millions"); the paragraph
                # that announced the agreements one paragraph takes up ("The first, with ...") says who signed them
                start = paras[i - 1].start
            extended.append(Passage(start, end, table))
        return extended

    def _key_value_sheet(self, q: Passage) -> bool:
        from extractor.rules.facts.tables import has_key_value_sheet

        return q.end - q.start < 3000 and has_key_value_sheet(self.text[q.start : q.end])

    def _continues(self, q: Passage, names: set[str]) -> bool:
        text = self.text[q.start : q.end]
        if _CONTINUES.search(text) or _POINTS_BACK.search(text):
            return True
        return bool(names) and any(w in names for w in _CAPITAL_WORD.findall(text[:400]))


def _is_term_sheet(text: str, passage: Passage) -> bool:
    """A table whose cells read as one or more contracts' terms (see ``tables.read_term_sheet``)."""
    from extractor.rules.facts.tables import read_term_sheet

    return passage.table and passage.end - passage.start < MAX_PASSAGE_CHARS and \
        read_term_sheet(text[passage.start : passage.end]) is not None


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


# A paragraph that takes up one of the agreements the paragraph before it announced.
# a bullet list's first line ("- A 15-year lease with ...", "\u2022 Term: 42 months")
_BULLET_LINE = re.compile(r"\s*(?:" + BULLET + r"|\((?:[1-9]|[a-h]|i{1,3}|iv|v)\))\s")
# a short lead-in line and its bullets: "Transaction highlights:\n- 5-year initial term"
_LEAD_IN_BULLETS = re.compile(r"\s*[A-Z][^\n:.]{0,40}:[ \t]*\n\s*" + BULLET + r"\s")
_NOTICE_WORDS = re.compile(r"\bterminat\w*\b[^.]{0,120}\bnotice\b|\bnotice\b[^.]{0,80}\bterminat", re.I)
_TAKES_UP = re.compile(r"\s*(?:(?:Under|For|In)\s+)?[Tt]he\s+(?:first|second|third|fourth|former|latter|other)\b")
# A paragraph that goes on about the agreement or the party of the paragraph before it.
_POINTS_BACK = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Ss]uch|[Tt]hat)\s+(?:[\w-]+\s+){0,2}?(?:agreements?|contract|lease|arrangement|order|"
    r"customer|provider|counterparty|tenant|lessee|lessor|client)\b|\b[Oo]ur\s+(?:customer|provider|counterparty|client)\b|\b(?:[Uu]nder|[Pp]ursuant\s+to)\s+(?:the|this|such|its)\b|"
    r"\b(?:pays?|paid|paying)\s+us\b|^\s*(?:It|They|Either\s+party|Each\s+party)\b"
)
_CAPITAL_WORD = re.compile(r"\b[A-Z][a-z][\w&-]{2,}\b")
_NOT_NAMES = frozenset(
    "The This That These Those Such Our Under Pursuant Company Agreement Either Each Customer Provider Inc Corp "
    "January February March April May June July August September October November December We In On As For "
    "After Before During If When While With From Item Section Note Table".split())


def _cell_words(text: str) -> set[str]:
    """The first word of each table cell (a row's counterparty: "Ardent Neural Ltd." gives "Ardent")."""
    return {m.group(1) for m in re.finditer(r"(?:^|\n|\|)\s*([A-Z][a-z][\w&-]+)", text)} - _NOT_NAMES


def _party_words(text: str) -> set[str]:
    """The first word of each party name a paragraph gives (defined terms and names before
    "Inc.", "Corp." ... or after "with"/"and"), for telling that a later paragraph names it."""
    words = set()
    for m in re.finditer(r"\(\s*(?:the\s+)?[\"\u201c]([A-Z][\w&-]+)", text):
        words.add(m.group(1))
    for m in re.finditer(r"\b(?:with|and|between|to|from|customer,?|by)\s+([A-Z][a-z][\w&-]+)", text):
        words.add(m.group(1))
    return words - _NOT_NAMES


_CONTINUES = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Ss]uch|[Tt]hat)\s+(?:[A-Z][\w-]*\s+){0,3}(?:Agreement|Term|Lease|Contract|Arrangement|Order)\b"
)
