"""Contracts a frame gives that are no contract: what the frame's parties and values show, not any one cue.

A building the filer rents for its own equipment; contracts told only in the plural with no counterparty (the
company's book of business); a termination right alone, told of contracts in general; megawatts alone with
no counterparty (the filer's own plans). Each test reads the contract built from the frame, the frame's text
and the passage it came from."""

from __future__ import annotations

import re

from extractor.models import Contract


def not_a_contract(contract: Contract, frame_text: str, passage_text: str) -> bool:
    return tenant_of_real_estate(contract, frame_text) or many_without_one(contract, frame_text, passage_text) \
        or notice_alone(contract, frame_text) or capacity_alone(contract, passage_text)


# a building or data hall the filer leases as the tenant, to run its own equipment: real estate, not a service
_REAL_ESTATE = re.compile(
    r"\bsquare[\s-]+f(?:oo|ee)t\b|\b(?:industrial|office|shell)\s+building\b|\bpowered\s+shell\b|\bwarehouse\b", re.I)


def tenant_of_real_estate(contract: Contract, text: str) -> bool:
    filer_rents = (contract.customer is not None and contract.customer.is_filer) or (
        contract.customer is None and (contract.provider is None or contract.provider.is_filer))  # "we entered into a lease for a building"
    return filer_rents and bool(_REAL_ESTATE.search(text)) and bool(
        re.search(r"\b(?:lease[sd]?|leasing|landlord|lessor|rent)\b", text, re.I))


# a frame that names no counterparty, not even as "a hyperscale customer", and speaks of contracts in the
# plural ("signed two new customer agreements totaling 38 MW", "our contracted backlog ... 910 MW") is the
# company's book of business, not one contract
_A_COUNTERPARTY = re.compile(
    r"\b(?:a|an|one|the|our|its|this|that|such|single|each)\s+(?:[\w-]+\s+){0,4}?(?:customer|tenant|client|counterparty|"
    r"company|hyperscaler|laboratory|lab|developer|enterprise|provider|operator|lessee|lessor|purchaser|buyer|"
    r"institution|firm|party|business|organization|group)\b(?!s)|\bCustomer\s+[A-Z0-9]\b", re.I)
_BUYING_WORDS = re.compile(r"\bpurchase\s+obligations?\b|\bcommit\w*\s+to\s+(?:spend|pay|purchase)\b|\bcommitments?\s+(?:to|under)\b|"
                           r"\b(?:spend\w*|purchases?|purchased)\b", re.I)
_MANY = re.compile(r"\b(?:contracts|leases|agreements|customers|tenants|backlog|pipeline|weighted[\s-]average|portfolio)\b", re.I)


def capacity_alone(contract: Contract, passage_text: str) -> bool:
    """Megawatts with no counterparty, no money and no term ("to energize at least 150 MW of load", "a data center
    campus of up to 500 MW") are the filer's own plans, unless the passage names one counterparty, however vaguely."""
    if contract.capacity is None or any(p is not None and not p.is_filer for p in (contract.provider, contract.customer)):
        return False
    term = contract.term is not None and (contract.term.end or contract.term.months)
    if contract.fee or contract.total_value or term or contract.termination_notice:
        return False
    return not _A_COUNTERPARTY.search(passage_text)


def notice_alone(contract: Contract, text: str) -> bool:
    """A termination right with no counterparty and no other term, told of contracts in the plural ("contracts with
    hyperscale customers may permit them to terminate early on as little as twelve months' notice"), is a risk told
    in general, not a contract ("The customer may terminate the Colocation Agreement upon 180 days' notice" is one)."""
    if contract.termination_notice is None or any(p is not None and not p.is_filer for p in (contract.provider, contract.customer)):
        return False
    if not _MANY.search(text) or _ONE_AGREEMENT.search(text):
        return False
    term = contract.term is not None and (contract.term.end or contract.term.months)
    return not (contract.fee or contract.total_value or term or contract.capacity)


_ONE_AGREEMENT = re.compile(r"\b(?:the|this|our|such)\s+(?:[\w-]+\s+){0,3}?(?:agreement|contract|lease|order)\b(?!s)", re.I)


def many_without_one(contract: Contract, text: str, passage_text: str) -> bool:
    """(Only where no one buys: the filer's own commitments under "our cloud services agreements" are its
    purchase contracts, told in the plural as often as not.)"""
    if contract.customer is not None or (contract.provider is not None and not contract.provider.is_filer):
        return False
    if _BUYING_WORDS.search(passage_text):  # "purchase obligations ... include $2.23 billion of multi-year cloud service agreements"
        return False
    return bool(_MANY.search(text)) and not _A_COUNTERPARTY.search(passage_text)
