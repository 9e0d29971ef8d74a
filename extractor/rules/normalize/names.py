"""Party names as written: what looks like a company's name, a name cleaned of datelines,
sentence runs and legal descriptions, its longest written form in a text, and the capitalised
name candidates of a text. No roles or definitions here (those are ``link.parties``)."""

from __future__ import annotations

import re

NAME_WORD = r"(?:[A-Z]|[a-z]{1,3}[A-Z])[\w&.\-]*"
_PROPER = re.compile(NAME_WORD + r"(?:\s+(?:[A-Z0-9][\w&.\-]*|of|de|du))*")


_NOT_NAMES = frozenset(
    "on in under the we our if during as this these it its each any all for a an and at by to with from "
    "such that there upon after before when while although however then also other since including "
    "agreement contract lease company customer customers provider year contract year discount term "
    "annual commitment spend commitment addendum services service order whereas sources revenue "
    "mw gw kw usd eur ebitda it ai gpu gpus tpu tpus roi rofr ipo msa msas sow sows mou lois loi sla csa a&r "
    "uncontracted unleased vacant available subtotal total other unallocated average weighted "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
_NOT_NAME_ENDINGS = frozenset("agreement order amendment addendum date term section note item year form schedule exhibit".split())


def looks_like_name(name: str | None) -> bool:
    """A party name: capitalised (or camel-case like xAI), short, not a document word or a weekday."""
    if not name or len(name) < 2 or len(name) > 80 or not re.match(NAME_WORD, name) or name.count(")") > name.count("("):
        return False  # "NVKC)" of "(Nasdaq: NVKC)" is a ticker's end
    words = name.split()
    if len(words) > 9 or name.lower() in _NOT_NAMES or words[0].lower().strip(".,") in _NOT_NAMES or words[-1].lower().strip(".,") in _NOT_NAME_ENDINGS:
        return False
    small = sum(1 for w in words if w.islower() and w.lower() not in ("of", "and", "de", "du", "inc.", "inc", "llc"))
    return small <= len(words) // 3


_STARTERS = "Under|The|On|In|Pursuant|As|This|These|Our|We|It|Its|Each|If|During|Upon|After|Before|When|Such|Any|All|For"
_SUFFIX_THEN_SENTENCE = re.compile(
    r"(\b(?:Inc|Corp|Ltd|Co|LLC|L\.P|N\.V|S\.A|L\.L\.C|plc)\.)\s+(?:" + _STARTERS + r")\b.*$", re.S
)


_DATELINE = re.compile(
    r"^[^\n]{0,80}?\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2},?\s+\d{4}\s*(?:--|[\u2014\u2013]|-)\s*")


def clean_name(name: str) -> str:
    name = _DATELINE.sub("", name.strip())  # "AUSTIN, Texas, March 4, 2025 -- Solvane Compute, Inc.": a press release's dateline
    name = re.split(r"[ \t]*\n\s*", name.strip(), maxsplit=1)[0]  # a name never runs over a line end
    name = _SUFFIX_THEN_SENTENCE.sub(r"\1", name)  # "Northwind AI, Inc. Under the agreement": the name ends at Inc.
    name = SENTENCE_JOIN.split(name, maxsplit=1)[0]
    name = re.sub(r"^(?:if|the|and|or|by|between|with|whereas,?)\s+", "", name.strip(" ,;:\t\n"), flags=re.I)
    name = re.sub(r"['\u2019]s$", "", name)
    name = name.strip(" ,;:")
    if name.endswith(".") and not re.search(r"\b(?:Inc|Corp|Ltd|Co|L\.P|N\.V|S\.A|L\.L\.C|Jr|Sr)\.$|\b[A-Z]\.$", name):
        name = name[:-1]
    return name


SENTENCE_JOIN = re.compile(
    r"(?<!\bInc)(?<!\bCorp)(?<!\bLtd)(?<!\bCo)(?<!\bNo)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bMr)(?<!\bMs)(?<!\bDr)"
    r"(?<!\bU\.S)(?<!\bL\.P)(?<!\bN\.V)(?<!\bS\.A)\.\s+(?=[A-Z])"
)


# A legal-form suffix after a name: "CoreWeave, Inc.", "Orbital Labs, LLC", "Nimbus Grid L.P."
SUFFIX_WORDS = r"Inc|LLC|L\.L\.C|Ltd|Corp|Corporation|PBC|L\.P|plc|S\.A|N\.V"  # "Nimbus AI, Inc."
COMPANY_SUFFIX = r"(?:,?\s+(?:" + SUFFIX_WORDS + r")\b\.?)?"
_NEW_SENTENCE_AFTER_SUFFIX = re.compile(r"(?:(?<=\bInc)|(?<=\bCorp)|(?<=\bLtd)|(?<=\bLLC)|(?<=\bPBC)|(?<=\bplc))\.\s+(?=[A-Z])")
LONG_NAME_TAIL = r"(?:\s+[A-Z][\w&.\-]*){0,6}" + COMPANY_SUFFIX


def _name_in(part: str, offset: int) -> list[tuple[int, str]]:
    words = part.split()
    while words and words[0].lower() in _NOT_NAMES:
        words = words[1:]
    while words and words[-1].lower() in ("of", "de", "du"):
        words = words[:-1]
    if not words:
        return []
    name = " ".join(words).rstrip(".,")
    if len(name) < 2 or name.isdigit() or name.lower() in _NOT_NAMES:
        return []
    return [(offset + part.find(words[0]), name)]


def expand_name(text: str, name: str) -> str:
    """The longest written form of a name in the text: "Halcyon" -> "Halcyon Research, Inc."."""
    best = name
    for m in re.finditer(r"\b" + re.escape(name) + LONG_NAME_TAIL, text):
        candidate = m.group(0).split("\n")[0].rstrip(" ,")  # a name ends with its line (a table cell, a heading)
        cut = _NEW_SENTENCE_AFTER_SUFFIX.search(candidate, max(0, len(name) - 1))
        if cut:  # "Coriolis AI, Inc. Coriolis has signed ...": the name ends with its suffix
            candidate = candidate[: cut.start() + 1]
        if len(candidate) > len(best) and looks_like_name(candidate):
            best = candidate
    return best


def proper_names(text: str) -> list[tuple[int, str]]:
    """Capitalised name candidates with their offsets, skipping sentence-opening function words."""
    names = []
    for m in _PROPER.finditer(text):
        pos = 0
        for part in SENTENCE_JOIN.split(m.group(0)):
            offset = m.start() + m.group(0).find(part, pos)
            pos = offset - m.start() + len(part)
            names.extend(_name_in(part, offset))
    return names
