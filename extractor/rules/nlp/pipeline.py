"""The spaCy pipeline of the extract stage, built once per process.

``spacy.blank("en")`` plus three rule components, all driven by the JSONL
pattern files in ``patterns/`` (every pattern has an ``id``):

- ``sec_sentencizer``: sentence boundaries that survive SEC text (``Inc.``,
  ``No. 2``, ``U.S.``, headings and table rows without final punctuation);
- ``span_ruler`` (cues.jsonl, case-insensitive) and ``org_ruler`` (orgs.jsonl,
  case-sensitive): cue words and known counterparties, in ``doc.spans``;
- ``value_ruler`` (values.jsonl): regular-expression patterns for amounts,
  periods, durations, dates and capacities, as ``doc._.values``.
"""

from __future__ import annotations

import gc
import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractor.rules.nlp.prefilter import with_first_char_lookahead

PATTERNS_DIR = Path(__file__).parent.parent / "patterns"
CUES_KEY = "cues"
ORGS_KEY = "orgs"


@dataclass(frozen=True)
class ValueMatch:
    """A value-pattern hit: ``start``/``end`` are character offsets into the Doc's text."""

    label: str
    rule_id: str
    start: int
    end: int
    text: str


@lru_cache(maxsize=None)
def load_patterns(name: str) -> tuple[dict, ...]:
    """The rows of ``patterns/<name>.jsonl``; each must carry an id, a label and a pattern."""
    rows = []
    with open(PATTERNS_DIR / f"{name}.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                if not {"id", "label", "pattern"} <= row.keys():
                    raise ValueError(f"pattern without id/label/pattern in {name}.jsonl: {line.strip()}")
                rows.append(row)
    return tuple(rows)


# Tokens after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "no nos sec secs approx art para fig mr mrs ms dr st vs inc corp co ltd llc lp plc jr sr u.s".split()
)
# Words that open a new sentence after a company suffix such as "Inc.".
_STARTERS = frozenset(
    "the we our under in this such these it on as either if its their each any all during for a an".split()
)
# the marks that open a bullet line; BULLET is them as a regex character class for the rules that read lists
BULLET_MARKS = ("-", "\u2022", "*", "\u2013", "\u2014", "\u25aa", "\u25cf", "\u25e6", "\u00b7")
BULLET = "[" + "".join(re.escape(mark) for mark in BULLET_MARKS) + "]"
_BULLETS = frozenset(BULLET_MARKS)
_COMPANY_SUFFIXES = frozenset(("inc.", "corp.", "ltd.", "co.", "l.p.", "llc.", "n.v.", "s.a.", "plc."))


def _line_break_after(token) -> bool:
    return "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)


def _ends_heading_line(doc: Doc, i: int) -> bool:
    """A short title-case line without final punctuation ("Compute Services Agreement")."""
    start = i
    while start > 0 and not _line_break_after(doc[start - 1]):
        start -= 1
    words = [t.text for t in doc[start : i + 1] if t.is_alpha]
    return 0 < len(words) <= 8 and all(w[0].isupper() or w in ("of", "and", "the", "for", "with") for w in words) and (
        doc[i].text[-1:] not in ".,;:"
    )


# Verbs (and modals) that show a capitalised run after "Inc." to be the subject of a new sentence:
# "... with Nimbus AI, Inc. Nimbus AI will pay us ...".
_CLAUSE_VERBS = frozenset(
    "will shall has have had agreed agrees committed commits is was are were may can pays paid provides provided "
    "entered signed expects intends plans also".split()
)


def _subject_and_verb(doc: Doc, j: int) -> bool:
    """Whether tokens from ``j`` are a short capitalised name followed by a verb."""
    for k in range(j, min(j + 5, len(doc))):
        word = doc[k].text
        if word.lower() in _CLAUSE_VERBS and word.islower():
            return k > j
        if not word[:1].isupper() or word in (",", ".", ";"):
            return False
    return False


def _is_boundary(doc: Doc, i: int) -> bool:
    """Whether token ``i`` ends a sentence (the next token starts one)."""
    token = doc[i]
    nxt = doc[i + 1]
    text = token.text
    if "\n\n" in token.whitespace_ or (token.is_space and "\n\n" in text):
        return True
    if _line_break_after(token) and (doc.user_data.get("table") or _ends_heading_line(doc, i)):
        return True  # a table row, or a heading line without punctuation
    if _line_break_after(token) and nxt.text in _BULLETS:
        return True  # a bullet list's lines: "...; and\n- A 10-year lease with ..."
    if text in ("...", "\u2026"):
        return True
    if text in (".", "!", "?"):
        prev = doc[i - 1].text.lower() if i > 0 else ""
        if prev in _ABBREVIATIONS and (nxt.like_num or nxt.is_lower):
            return False
        return not (nxt.is_lower or nxt.text in (",", ";", ")"))
    if text.lower() in _COMPANY_SUFFIXES:
        return nxt.text[:1].isupper() and (nxt.text.lower() in _STARTERS or _subject_and_verb(doc, i + 1))
    if text.endswith(".") and len(text) > 2 and text[-2].isalnum() and not any(c == "." for c in text[:-1]):
        return nxt.text[:1].isupper() and nxt.text.lower() in _STARTERS
    return False


@Language.component("sec_sentencizer")
def sec_sentencizer(doc: Doc) -> Doc:
    """Sentence starts for SEC prose: full stops, paragraph breaks, heading lines, ``...`` joins.
    Only the starts are written: every other token stays "not a start" by default, and
    writing each token costs a pass over the Doc."""
    if len(doc) == 0:
        return doc
    starts = [0]
    for i in range(len(doc) - 1):
        if _is_boundary(doc, i):
            j = i + 1
            # a closing quote or bracket right after the stop stays with its sentence; an opening quote after a
            # space or a blank line ('... five years.\n\n"Two signed contracts ...') starts the next one
            while j < len(doc) - 1 and (doc[j].is_space or (doc[j].text in ('"', "\u201d", "'", "\u2019", ")")
                                                            and not doc[j - 1].whitespace_ and not doc[j - 1].is_space)):
                j += 1
            if j > starts[-1]:
                starts.append(j)
    for i in starts:
        doc[i].is_sent_start = True
    if len(doc) > 1 and starts[-1] != len(doc) - 1:
        doc[len(doc) - 1].is_sent_start = False  # marks the boundaries as set, also for one sentence
    return doc


def doc_text(doc: Doc) -> str:
    """The Doc's text, kept in ``doc.user_data``: ``Doc.text`` re-joins every token on each access
    (and ``setdefault(key, doc.text)`` pays for that even when the key is there)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


@lru_cache(maxsize=1)
def _compiled_values() -> tuple[tuple[str, str, re.Pattern], ...]:
    return tuple((row["label"], row["id"], with_first_char_lookahead(row["pattern"])) for row in load_patterns("values"))


@Language.component("value_ruler")
def value_ruler(doc: Doc) -> Doc:
    """Run the value patterns over the text; the longest hit wins where hits of one label overlap."""
    hits: list[ValueMatch] = []
    text = doc_text(doc)
    for label, rule_id, regex in _compiled_values():
        for m in regex.finditer(text):
            if m.end() > m.start():
                hits.append(ValueMatch(label, rule_id, m.start(), m.end(), m.group(0)))
    kept: list[ValueMatch] = []
    taken: dict[str, list[tuple[int, int]]] = {}  # label -> kept (start, end), sorted
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        spans = taken.setdefault(hit.label, [])
        i = bisect_left(spans, (hit.start, hit.start))
        clash = (i > 0 and spans[i - 1][1] > hit.start) or (i < len(spans) and spans[i][0] < hit.end)
        if not clash:
            spans.insert(i, (hit.start, hit.end))
            kept.append(hit)
    doc._.values = tuple(sorted(kept, key=lambda h: (h.start, h.label)))
    return doc


@dataclass(frozen=True)
class SpanIndex:
    """A Doc's values, cues and orgs sorted by start, for the hits inside a character range."""

    values: tuple[ValueMatch, ...]
    value_starts: tuple[int, ...]
    cues: tuple[tuple[int, int, str, str], ...]  # (start_char, end_char, label, pattern id)
    cue_starts: tuple[int, ...]
    orgs: tuple  # spaCy spans of known counterparties
    org_starts: tuple[int, ...]

    def values_in(self, start: int, end: int) -> list[ValueMatch]:
        return [v for v in self.values[bisect_left(self.value_starts, start) :] if v.start < end and v.end <= end]

    def cues_in(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        out = []
        for cue in self.cues[bisect_left(self.cue_starts, start) :]:
            if cue[0] >= end:
                break
            if cue[1] <= end:
                out.append(cue)
        return out

    def orgs_in(self, start: int, end: int) -> list:
        out = []
        for span in self.orgs[bisect_left(self.org_starts, start) :]:
            if span.start_char >= end:
                break
            if span.end_char <= end:
                out.append(span)
        return out


def span_index(doc: Doc) -> SpanIndex:
    """The Doc's SpanIndex, built once and kept in ``doc.user_data``."""
    index = doc.user_data.get("span_index")
    if index is None:
        values = tuple(sorted(doc._.values, key=lambda v: v.start))
        cues = tuple(sorted((s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans[CUES_KEY]))
        orgs = tuple(sorted(doc.spans[ORGS_KEY], key=lambda s: s.start_char))
        index = SpanIndex(values, tuple(v.start for v in values), cues, tuple(c[0] for c in cues),
                          orgs, tuple(s.start_char for s in orgs))
        doc.user_data["span_index"] = index
    return index


def _add_ruler(nlp: Language, name: str, rows: tuple[dict, ...], attr: str, key: str) -> None:
    ruler = nlp.add_pipe(
        "span_ruler", name=name, config={"spans_key": key, "phrase_matcher_attr": attr, "validate": True}
    )
    ruler.add_patterns([{"id": r["id"], "label": r["label"], "pattern": r["pattern"]} for r in rows])


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The extract pipeline (blank English + the rule components), cached per process."""
    if not Doc.has_extension("values"):
        Doc.set_extension("values", default=())
    nlp = spacy.blank("en")
    nlp.add_pipe("sec_sentencizer")
    _add_ruler(nlp, "span_ruler", load_patterns("cues"), "LOWER", CUES_KEY)
    _add_ruler(nlp, "org_ruler", load_patterns("orgs"), "ORTH", ORGS_KEY)
    nlp.add_pipe("value_ruler")
    # The pipeline (and everything loaded with it: spaCy, lxml, the rules) lives as long as
    # the process. Moving what exists now out of the cyclic collector's sight spares every
    # later full collection a walk over those ~90,000 objects (one took 48 ms of a 355 ms
    # S-1); it also keeps forked batch workers from touching, and so copying, those pages.
    gc.freeze()
    return nlp


def run_pipeline(text: str, *, table: bool = False) -> Doc:
    """The rules over one passage; in a table every line is a sentence of its own."""
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    doc.user_data["text"] = text
    doc.user_data["table"] = table
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


@lru_cache(maxsize=1)
def org_names() -> dict[str, dict]:
    """Pattern id -> the org row (canonical ``name``, ``typical_role``)."""
    return {row["id"]: row for row in load_patterns("orgs")}


@lru_cache(maxsize=1)
def _canonical_names() -> dict[str, str]:
    return {row["pattern"]: row["name"] for row in load_patterns("orgs")}


def canonical_org(name: str | None) -> str | None:
    """A known counterparty's canonical name ("AWS" -> "Amazon Web Services"); other names unchanged."""
    if name is None:
        return None
    return _canonical_names().get(name, name)
