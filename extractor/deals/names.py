"""Party names as deal keys: "Microsoft", "Microsoft Corporation" and "MSFT" are one
counterparty; "Anthropic" and "Anthropic PBC" are one; "Nebula Cloud Holdings" is not
"Nebula Cloud" (only legal-form suffixes are dropped, never words such as Holdings).

``name_key`` lowercases, drops a leading "The", legal-form suffixes (Inc., Corp.,
LLC, PBC, Ltd., plc ...) and punctuation, then maps known aliases and tickers
(``names.jsonl``: rows with an ``id``, the ``alias`` as written and the canonical
``name``) to their canonical name. "We", "the Company" and the filer's subsidiaries
are the filer: that is decided in identity.py, which knows who filed.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

ALIASES_FILE = Path(__file__).with_name("names.jsonl")

FILER_WORDS = frozenset(("we", "us", "our", "ours", "the company", "company", "registrant", "the registrant"))

# Legal forms, compared without dots and case: "L.L.C." -> "llc", "S.A." -> "sa".
LEGAL_SUFFIXES = frozenset(
    "inc incorporated corp corporation co company llc lc ltd limited pbc plc lp llp lllp sa sas nv bv ag se gmbh "
    "kk pte pty sarl spa ulc".split()
)
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")  # L.L.C. / S.A. / N.V.
_NON_WORD = re.compile(r"[^\w&]+")


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """Alias key -> canonical name, from ``names.jsonl``."""
    table: dict[str, str] = {}
    with open(ALIASES_FILE, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not {"id", "alias", "name"} <= row.keys():
                raise ValueError(f"{ALIASES_FILE.name} line {number}: a row needs id, alias and name")
            table[_words(row["alias"])] = row["name"]
    return table


def _words(name: str) -> str:
    """Lowercase words without punctuation, dotted abbreviations closed up, & kept."""
    name = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), name)
    name = re.sub(r"['\u2019]s\b", "", name)
    return " ".join(_NON_WORD.sub(" ", name).lower().split())


def _strip_legal(words: list[str]) -> list[str]:
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return words


def name_key(name: str | None) -> str | None:
    """The key two spellings of one company share, or None for no name."""
    if not name or not name.strip():
        return None
    table = aliases()
    words = _words(name)
    if words in table:
        return _words(table[words])
    stripped = " ".join(_strip_legal(words.split()))
    if stripped in table:
        return " ".join(_strip_legal(_words(table[stripped]).split()))
    return stripped or words


def is_filer_word(name: str | None) -> bool:
    """"we", "the Company", "Registrant": the filer itself."""
    return bool(name) and " ".join(name.lower().split()).strip(" .,") in FILER_WORDS


def display_name(names: list[str]) -> str | None:
    """The spelling to show for one key: the most frequent, ties to the longest, then alphabetical
    (the same answer in any order)."""
    counts: dict[str, int] = {}
    for name in names:
        if name:
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], len(n), n))
