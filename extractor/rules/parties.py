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
NAME_WORD = r"(?:[A-Z]|[a-z]{1,3}[A-Z])[\w&.\-]*"
_PROPER = re.compile(NAME_WORD + r"(?:\s+(?:[A-Z0-9][\w&.\-]*|of|de|du))*")
_SUBSIDIARY = (
    re.compile(r"\b(" + NAME_WORD + r"(?:\s+[A-Z][\w.\-]*)*),\s+(?:a|an)\s+(?:[A-Z][\w.\-]*\s+)?(?:company|subsidiary)\b"),
    re.compile(r"\b(" + NAME_WORD + r"(?:\s+[A-Z][\w.\-]*)*),\s+(?:our|a)\s+(?:wholly[\s-]owned\s+)?subsidiary\b"),
    re.compile(r"\bour\s+(?:wholly[\s-]owned\s+)?subsidiary,?\s+(" + NAME_WORD + r"(?:\s+[A-Z][\w.\-]*)*)"),
)
_NOT_NAMES = frozenset(
    "on in under the we our if during as this these it its each any all for a an and at by to with from "
    "such that there upon after before when while although however then also other since including "
    "agreement contract lease company customer customers provider year contract year discount term "
    "annual commitment spend commitment addendum services service order whereas sources revenue".split()
)


@dataclass(frozen=True)
class PartyContext:
    """What the paragraph says about who is who."""

    filer_name: str | None = None
    aliases: dict[str, str] = field(default_factory=dict)  # short name -> full name
    roles: dict[str, str] = field(default_factory=dict)  # "customer"/"provider" -> full name
    filer_entities: frozenset[str] = frozenset()  # names that are the filer's side


def clean_name(name: str) -> str:
    name = re.sub(r"^(?:if|the|and|or|by|between|with|whereas,?)\s+", "", name.strip(" ,;:\t\n"), flags=re.I)
    name = re.sub(r"['\u2019]s$", "", name)
    return name.strip(" ,;:")


def role_kind(word: str) -> str | None:
    low = clean_name(word).lower()
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
    starts = list(_CLAUSE_START.finditer(before))
    chunk = before[starts[-1].end() :] if starts else before
    # a description such as ", a Delaware limited liability company ..." follows the name
    for m in reversed(starts):
        candidate = before[m.end() :]
        if candidate[:1].isupper() and not candidate.lower().startswith(("the ", "this ")):
            chunk = candidate
            break
    chunk = _CUT_DESCRIPTION.sub("", chunk).strip(" ,;")
    if not chunk or not chunk[:1].isupper() or len(chunk) > 100:
        return None
    return chunk


def filer_subsidiaries(text: str, filer_name: str | None) -> frozenset[str]:
    """Names the text presents as the filer's own companies ("xAI, a SpaceX company")."""
    found = set()
    for regex in _SUBSIDIARY:
        for m in regex.finditer(text):
            tail = text[m.end(1) : m.end(1) + 60]
            if regex is _SUBSIDIARY[0] and filer_name and filer_name.split()[0] not in tail and "our" not in tail:
                # "X, a Y company": Y must be the filer (or the text says "our")
                if not re.search(r"\ba\s+[A-Z]", tail):
                    continue
            found.add(clean_name(m.group(1)))
    return frozenset(n for n in found if n and n.lower() not in _NOT_NAMES)


def proper_names(text: str) -> list[tuple[int, str]]:
    """Capitalised name candidates with their offsets, skipping sentence-opening function words."""
    names = []
    for m in _PROPER.finditer(text):
        words = m.group(0).split()
        while words and words[0].lower() in _NOT_NAMES:
            words = words[1:]
        while words and words[-1].lower() in ("of", "de", "du"):
            words = words[:-1]
        if not words:
            continue
        name = " ".join(words).rstrip(".,")
        if len(name) < 2 or name.isdigit() or name.lower() in _NOT_NAMES or re.fullmatch(r"[A-Z][a-z]+ \d+", name) and name.split()[0] in ("Year", "Section", "Amendment", "Contract"):
            continue
        names.append((m.start() + m.group(0).find(words[0]), name))
    return names
