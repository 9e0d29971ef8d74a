"""Which contracts of different filings are one deal, and its stable ``deal_id``.

A contract's *group* is its filer side plus the keys of its two parties (names.py),
the filer's side keyed by the filer itself: "we", "the Company", the filer's
subsidiaries (a party the extractor marked ``is_filer``) and the filer's own
name all become the filer's key. Within a group, contracts about different
facilities are different deals; a contract that names no facility belongs to the
group's one facility deal, or to the group's facility-less deal when there are
several (or none). The ``deal_id`` hashes the group and the facility key, so it
depends only on what the filings say, never on the order they were loaded in.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from extractor.deals.models import FilerSide
from extractor.deals.names import is_filer_word, name_key
from extractor.models import Contract, FilingMeta, FilingResult, Party

_FACILITY_WORDS = re.compile(r"\b(?:the|campus|facility|facilities|data\s+cent(?:er|re)s?|site|park)\b", re.I)


@dataclass(frozen=True)
class ContractFact:
    """One contract with the filing that states it: the input of the deal view."""

    filing: FilingMeta
    contract: Contract

    @property
    def sha256(self) -> str:
        return self.filing.sha256 or ""


def facts_from_results(results) -> list[ContractFact]:
    """Every contract of ``results`` (FilingResults) with its filing."""
    return [ContractFact(r.filing, c) for r in results for c in r.contracts]


def filer_key(filing: FilingMeta) -> str:
    """The filer as a key: its name's key; its CIK, or the filing itself, when the name is unknown."""
    return name_key(filing.company) or (f"cik {int(filing.cik)}" if filing.cik and filing.cik.isdigit() else f"filing {filing.sha256}")


def _is_filer(party: Party | None, filing: FilingMeta) -> bool:
    if party is None:
        return False
    return party.is_filer or is_filer_word(party.name) or (name_key(party.name) is not None and name_key(party.name) == name_key(filing.company))


def party_key(party: Party | None, filing: FilingMeta) -> str | None:
    if _is_filer(party, filing):
        return filer_key(filing)
    return name_key(party.name) if party else None


def filer_side(fact: ContractFact) -> FilerSide:
    c = fact.contract
    if _is_filer(c.provider, fact.filing):
        return "provider"
    if _is_filer(c.customer, fact.filing):
        return "customer"
    return "neither"


def group_key(fact: ContractFact) -> str:
    """``side|provider key|customer key``: the contracts that may be one deal."""
    c = fact.contract
    provider = party_key(c.provider, fact.filing) or "?"
    customer = party_key(c.customer, fact.filing) or "?"
    return f"{filer_side(fact)}|{provider}|{customer}"


def subject_key(contract: Contract) -> str | None:
    """The facility the contract is about, as a key ("Tamarack campus" -> "tamarack"), else its location."""
    facility = contract.facility
    if facility is None:
        return None
    for text in (facility.name, facility.location):
        key = name_key(_FACILITY_WORDS.sub(" ", text)) if text else None
        if key:
            return key
    return None


def deal_id(group: str, subject: str | None) -> str:
    return "d-" + hashlib.sha256(f"{group}#{subject or ''}".encode()).hexdigest()[:12]


def assign_deals(facts: list[ContractFact]) -> dict[str, list[ContractFact]]:
    """deal_id -> its contracts, for contracts of any number of groups."""
    groups: dict[str, list[ContractFact]] = {}
    for fact in facts:
        groups.setdefault(group_key(fact), []).append(fact)
    deals: dict[str, list[ContractFact]] = {}
    for group, members in groups.items():
        subjects = {s for s in (subject_key(f.contract) for f in members) if s}
        only = next(iter(subjects)) if len(subjects) == 1 else None
        for fact in members:
            subject = subject_key(fact.contract) or only
            deals.setdefault(deal_id(group, subject), []).append(fact)
    return deals
