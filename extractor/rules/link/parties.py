"""Parties: defined terms ('Anthropic PBC ("Anthropic")'), roles ("Customer", "Service
Provider", "Host"), we/us/our meaning the filer, filer subsidiaries ("xAI, a SpaceX
company"), and the direction of a deal (we provide capacity to X / we buy it from X)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.rules.normalize.names import LONG_NAME_TAIL, NAME_WORD, clean_name, looks_like_name

CUSTOMER_ROLES = frozenset(
    "customer lessee tenant licensee client you your purchaser buyer subscriber".split()
)
PROVIDER_ROLES = frozenset(
    "provider service provider host lessor landlord licensor supplier vendor seller operator".split()
    + ["service provider"]
)
_ROLE_ADJECTIVES = frozenset("anchor cloud capacity compute hosting colocation data service master primary".split())
FILER_WORDS = frozenset(("we", "us", "our", "the company", "company", "registrant", "the group", "group", "the corporation", "corporation"))

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
_N = "(" + NAME_WORD + r"(?:\s+[A-Z][\w.\-]*){0,6})"
_SUBSIDIARY_OF = re.compile(
    r"\b" + _N + r",\s+(?:a|an)\s+(?:wholly[\s-]owned\s+)?(?:subsidiary\s+of\s+([\w.\-]+(?:\s+[A-Z][\w.\-]*){0,6})|"
    r"([\w.\-]+)\s+(?:company|subsidiary))\b"
)
_OUR_SUBSIDIARY = (
    re.compile(r"\b" + _N + r",\s+our\s+(?:wholly[\s-]owned\s+)?subsidiary\b"),
    re.compile(r"\bour\s+(?:wholly[\s-]owned\s+)?subsidiary,?\s+" + _N),
)


@dataclass(frozen=True)
class PartyContext:
    """What the paragraph says about who is who."""

    filer_name: str | None = None
    aliases: dict[str, str] = field(default_factory=dict)  # short name -> full name
    roles: dict[str, str] = field(default_factory=dict)  # "customer"/"provider" -> full name
    filer_entities: frozenset[str] = frozenset()  # names that are the filer's side


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
        if chunk and not re.fullmatch(r"(?:Inc|Corp|Ltd|Co|L\.P|N\.V|S\.A|[A-Z])\.?", chunk):  # "A." of "S.A."
            if looks_like_name(chunk):
                return chunk
            tail = re.search("(" + NAME_WORD + LONG_NAME_TAIL + r")\s*$", chunk)
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


_FILER_DEFINITION = re.compile(r"\((?:[^()]{0,80}?)[\"\u201c](?:we|us|our|Company|Registrant)[,\u201d\"]")


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


