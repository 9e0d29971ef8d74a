"""Parties: defined terms ('Anthropic PBC ("Anthropic")'), roles ("Customer", "Service
Provider", "Host"), we/us/our meaning the filer, filer subsidiaries ("xAI, a SpaceX
company"), and the direction of a deal (we provide capacity to X / we buy it from X)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CUSTOMER_ROLES = frozenset(
    "customer lessee tenant licensee client you your purchaser buyer subscriber".split()
)
PROVIDER_ROLES = frozenset(
    "provider service provider host lessor landlord licensor supplier vendor seller operator".split()
    + ["service provider"]
)
_ROLE_ADJECTIVES = frozenset("anchor cloud capacity compute hosting colocation data service master primary".split())
FILER_WORDS = frozenset(("we", "us", "our", "the company", "company", "registrant"))

_QUOTED = re.compile(r"[\"\u201c\u2018']\s*([^\"\u201d\u2019\u201c]{1,40}?)\s*[\"\u201d\u2019']")
_DEFINITION = re.compile(r"\((?:the\s+|each\s+)?[\"\u201c][^()]{1,120}\)")
_CLAUSE_START = re.compile(
    r"(?:\bby\s+and\s+between\b|\bbetween\b|\band\b|\bby\b|\bwith\b|\bfrom\b|\bto\b|[.;:]|^)\s*", re.I
)
_CUT_DESCRIPTION = re.compile(
    r",?\s+(?:a|an)\s+(?:[A-Z][a-z]+\s+)?(?:corporation|limited|company|delaware|nevada|wholly|subsidiary|"
    r"public|private|\w+\s+limited)\b.*$|\s+a\s+corporation\b.*$|,\s+(?:a|an)\s+.*$",
    re.I | re.S,
)
_IN_DESCRIPTION = re.compile(r",\s+(?:a|an)\s+[^,;()\"\u201c\u201d]*$")
NAME_WORD = r"(?:[A-Z]|[a-z]{1,3}[A-Z])[\w&.\-]*"
_PROPER = re.compile(NAME_WORD + r"(?:\s+(?:[A-Z0-9][\w&.\-]*|of|de|du))*")
_N = "(" + NAME_WORD + r"(?:\s+[A-Z][\w.\-]*){0,6})"
_SUBSIDIARY_OF = re.compile(
    r"\b" + _N + r",\s+(?:a|an)\s+(?:wholly[\s-]owned\s+)?(?:subsidiary\s+of\s+([\w.\-]+(?:\s+[A-Z][\w.\-]*){0,6})|"
    r"([\w.\-]+)\s+(?:company|subsidiary))\b"
)
_OUR_SUBSIDIARY = (
    re.compile(r"\b" + _N + r",\s+our\s+(?:wholly[\s-]owned\s+)?subsidiary\b"),
    re.compile(r"\bour\s+(?:wholly[\s-]owned\s+)?subsidiary,?\s+" + _N),
)
_NOT_NAMES = frozenset(
    "on in under the we our if during as this these it its each any all for a an and at by to with from "
    "such that there upon after before when while although however then also other since including "
    "agreement contract lease company customer customers provider year contract year discount term "
    "annual commitment spend commitment addendum services service order whereas sources revenue "
    "mw gw kw usd eur ebitda it ai gpu gpus tpu tpus roi rofr ipo "
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


@dataclass(frozen=True)
class PartyContext:
    """What the paragraph says about who is who."""

    filer_name: str | None = None
    aliases: dict[str, str] = field(default_factory=dict)  # short name -> full name
    roles: dict[str, str] = field(default_factory=dict)  # "customer"/"provider" -> full name
    filer_entities: frozenset[str] = frozenset()  # names that are the filer's side


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


def role_kind(word: str) -> str | None:
    """"customer" or "provider" for a role noun ("the Customer", "such lessee"); "counterparty"
    for the side across from the filer, whichever it is."""
    low = re.sub(r"^(?:such|our|its|each)\s+", "", clean_name(word).lower())
    if low == "counterparty":
        return "counterparty"
    words = low.split()
    if len(words) == 2 and words[0] in _ROLE_ADJECTIVES:  # "Anchor Tenant", "Cloud Provider"
        low = words[1]
    if low in CUSTOMER_ROLES:
        return "customer"
    if low in PROVIDER_ROLES:
        return "provider"
    return None


def read_definitions(text: str) -> tuple[dict[str, str], dict[str, str], str | None]:
    """Defined terms of a passage: (aliases, roles, the filer's defined name if "we" is defined)."""
    aliases: dict[str, str] = {}
    roles: dict[str, str] = {}
    filer = None
    for m in _DEFINITION.finditer(text):
        terms = [t.strip() for t in _QUOTED.findall(m.group(0))]
        name = _name_before(text, m.start())
        if not name or not terms:
            continue
        for term in terms:
            low = term.lower()
            if low in FILER_WORDS:
                filer = filer or name
            kind = role_kind(term)
            if kind:
                roles.setdefault(kind, name)
            elif term[:1].isupper() and low not in FILER_WORDS and term != name:
                aliases.setdefault(term, name)
    return aliases, roles, filer


def _name_before(text: str, pos: int) -> str | None:
    before = text[max(0, pos - 240) : pos]
    starts = [m.end() for m in _CLAUSE_START.finditer(before)] or [0]
    for start in reversed(starts):
        if _IN_DESCRIPTION.search(before, 0, start):
            continue  # "Cerulean Models Ltd, a company incorporated in England and Wales": "and" is inside the description
        # a description such as ", a Delaware limited liability company ..." may follow the name
        chunk = _CUT_DESCRIPTION.sub("", before[start:].rsplit("\n", 1)[-1]).strip(" ,;")
        if re.match(r"(?:a|an)\s", chunk):
            continue  # "a corporation organized under ...": a description, the name is further back
        if chunk and not re.fullmatch(r"(?:Inc|Corp|Ltd|Co|L\.P|N\.V|S\.A)\.?", chunk):
            if looks_like_name(chunk):
                return chunk
            tail = re.search("(" + NAME_WORD + _LONG_NAME_TAIL + r")\s*$", chunk)
            return tail.group(1) if tail and looks_like_name(tail.group(1)) else None
    return None


def filer_subsidiaries(text: str, filer_names: frozenset[str]) -> frozenset[str]:
    """Names the text presents as the filer's own companies: "our subsidiary X", and
    "xAI, a SpaceX company" when SpaceX is the filer (or when the filer is not known)."""
    found = {clean_name(m.group(1)) for regex in _OUR_SUBSIDIARY for m in regex.finditer(text)}
    for m in _SUBSIDIARY_OF.finditer(text):
        owner = (m.group(2) or m.group(3) or "").strip(",.")
        if owner.lower() in ("us", "ours", "our", "the company"):
            found.add(clean_name(m.group(1)))
        elif filer_names and any(owner in f or f.startswith(owner) for f in filer_names):
            found.add(clean_name(m.group(1)))
        elif not filer_names and m.group(3) and re.match(NAME_WORD, owner):
            found.add(clean_name(m.group(1)))
    return frozenset(n for n in found if looks_like_name(n))


SENTENCE_JOIN = re.compile(
    r"(?<!\bInc)(?<!\bCorp)(?<!\bLtd)(?<!\bCo)(?<!\bNo)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bMr)(?<!\bMs)(?<!\bDr)"
    r"(?<!\bU\.S)(?<!\bL\.P)(?<!\bN\.V)(?<!\bS\.A)\.\s+(?=[A-Z])"
)
_FILER_DEFINITION = re.compile(r"\((?:[^()]{0,80}?)[\"\u201c](?:we|us|our|Company|Registrant)[,\u201d\"]")
# A legal-form suffix after a name: "CoreWeave, Inc.", "Orbital Labs, LLC", "Nimbus Grid L.P."
SUFFIX_WORDS = r"Inc|LLC|L\.L\.C|Ltd|Corp|Corporation|PBC|L\.P|plc|S\.A|N\.V"  # "Nimbus AI, Inc."
COMPANY_SUFFIX = r"(?:,?\s+(?:" + SUFFIX_WORDS + r")\b\.?)?"
_NEW_SENTENCE_AFTER_SUFFIX = re.compile(r"(?:(?<=\bInc)|(?<=\bCorp)|(?<=\bLtd)|(?<=\bLLC)|(?<=\bPBC)|(?<=\bplc))\.\s+(?=[A-Z])")
_LONG_NAME_TAIL = r"(?:\s+[A-Z][\w&.\-]*){0,6}" + COMPANY_SUFFIX


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


def filer_definition(text: str, limit: int = 3) -> str | None:
    """The filer's name where the text defines "we"/"the Company" ('Calyx Inference Corp. ("Calyx," the "Company," "we")')."""
    for i, m in enumerate(_FILER_DEFINITION.finditer(text)):
        if i >= limit:
            break
        window = text[max(0, m.start() - 240) : m.end() + 120]
        _, _, filer = read_definitions(window)
        if filer:
            return filer
    return None


def expand_name(text: str, name: str) -> str:
    """The longest written form of a name in the text: "Halcyon" -> "Halcyon Research, Inc."."""
    best = name
    for m in re.finditer(r"\b" + re.escape(name) + _LONG_NAME_TAIL, text):
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
