"""Frames -> Contract models: pick each field's value, attach evidence, merge the same
contract described in several sections, and give each contract a stable id."""

from __future__ import annotations

import hashlib
import re

from extractor.models import (
    Capacity, CapacityOption, Contract, Discount, Evidence, Facility, Fee, Gpus, MinimumCommitment, MonthlyFee, Phase, Prepayment,
    Renewal, Term,
    TerminationNotice, TotalValue,
)
from extractor.rules.facts.findings import ClauseFacts, Found
from extractor.rules.link.direction import is_filer_name, resolve_sides
from extractor.rules.link.frames import Frame
from extractor.rules.link.parties import PartyContext, role_kind
from extractor.rules.nlp.pipeline import canonical_org
from extractor.rules.normalize.names import clean_name
from extractor.rules.normalize.periods import monthly_amount
from extractor.types import Section

_KINDS = (
    ("compute_services", re.compile(r"\bGPUs?\b|\bTPUs?\b|\bcompute\s+(?:capacity|power|output|services)|computing\s+"
                                    r"(?:power|capacity)|\baccelerat|\bAI\s+(?:compute|infrastructure)|\bchips\b|\bservers\b", re.I)),
    ("colocation", re.compile(r"colocation|co-location|\bhosting\s+(?:agreement|services)|data\s+cent(?:er|re)\s+"
                              r"(?:lease|campus|capacity|space)|\blease\b|\bMW\b|megawatt|IT\s+load|\bracks?\b", re.I)),
    ("cloud_commitment", re.compile(r"\bcloud\b|web[\s-]hosting|\bhosting\b|data\s+cent(?:er|re)|\bAWS\b|Azure", re.I)),
)


def contract_kind(text: str) -> str:
    for kind, regex in _KINDS:
        if regex.search(text):
            return kind
    return "other"


class EvidenceMaker:
    """Evidence spans tagged with the deepest section that holds them (a level-2 section such
    as ``note_commitments`` inside ``financial_statements``, else the level-1 section)."""

    def __init__(self, sections: list[Section]):
        self.by_depth = sorted(sections, key=lambda s: (-s.level, s.start))

    def section_of(self, pos: int) -> str | None:
        for s in self.by_depth:
            if s.start <= pos < s.end:
                return s.id
        return None

    def __call__(self, sentence: Found) -> Evidence:
        return Evidence(section=self.section_of(sentence.start), start=sentence.start, end=sentence.end, text=sentence.text)


def frame_to_contract(frame: Frame, ctx: PartyContext, evidence: EvidenceMaker, identity: str) -> Contract:
    clauses = frame.clauses
    opener = [frame.opener] if frame.opener is not None and frame.opener not in clauses else []
    sentences = " ".join(dict.fromkeys(c.sentence.text for c in opener + clauses))
    kind = contract_kind(frame.text)
    if kind == "other":
        kind = contract_kind(sentences)
    sides = resolve_sides(frame.text, tuple(o for c in opener + clauses for o in c.orgs), ctx, kind, context=sentences)
    used: list[ClauseFacts] = []

    def ev(clause: ClauseFacts) -> Evidence:
        used.append(clause)
        return evidence(clause.sentence)

    fee = _fee(clauses, ev)
    fields = dict(
        kind=kind,
        provider=sides.provider,
        customer=sides.customer,
        fee=fee,
        monthly_fee=_monthly(fee),
        total_value=_total(clauses, ev),
        term=_term(clauses, ev),
        termination_notice=_notice(clauses, ev, sides, ctx),
        capacity=_capacity(clauses, ev),
        gpus=_gpus(clauses, ev),
        minimum_commitment=_minimum(clauses, ev),
        options=[CapacityOption(mw=x.number, text=x.at.text, evidence=ev(c)) for c, x in _extras(clauses, "option")[:3]],
        phases=_phases(clauses, ev),
        facility=_facility(clauses, ev),
        discounts=_discounts(clauses, ev),
        prepayment=_prepayment(clauses, ev),
        renewal=_renewal(clauses, ev),
    )
    first = clauses[0].sentence
    # a sentence that tells two deals ("(i) ... and (ii) ...") gives the second its own clause's id
    at = first if clauses[0].start == first.start else clauses[0]
    spans = {(c.sentence.start, c.sentence.end): c.sentence for c in [clauses[0], *used]}
    contract = Contract(
        id=contract_id(identity, at.start, at.end),
        evidence=[evidence(found) for _, found in sorted(spans.items())],
        **fields,
    )
    return contract.model_copy(update={"confidence": confidence(contract)})


def contract_id(identity: str, start: int, end: int) -> str:
    return "c-" + hashlib.sha256(f"{identity}:{start}:{end}".encode()).hexdigest()[:12]


def _fee(clauses, ev) -> Fee | None:
    for c in clauses:
        for f in c.fees:
            return Fee(amount=f.amount, currency=f.currency, period=f.period, qualifier=f.qualifier,
                       text=f.at.text, evidence=ev(c))
    return None


def _monthly(fee: Fee | None) -> MonthlyFee | None:
    if fee is None or fee.amount is None or fee.period is None:
        return None
    return MonthlyFee(amount=monthly_amount(fee.amount, fee.period), currency=fee.currency, qualifier=fee.qualifier,
                      derived=fee.period != "month", text=fee.text, evidence=fee.evidence)


def _total(clauses, ev) -> TotalValue | None:
    best = None
    for c in clauses:
        for t in c.totals:
            if best is None or t.priority > best[1].priority:
                best = (c, t)
    if best is None:
        return None
    c, t = best
    return TotalValue(amount=t.amount, currency=t.currency, qualifier=t.qualifier, text=t.at.text, evidence=ev(c))


def _term(clauses, ev) -> Term | None:
    ends = [(t.rank, i, c, t) for i, c in enumerate(clauses) for t in c.terms if t.end]
    lengths = [(t.rank, i, c, t) for i, c in enumerate(clauses) for t in c.terms if t.months]
    if not ends and not lengths:
        return None  # a start date alone is not a term
    end = min(ends, key=lambda x: (x[0], x[1])) if ends else None
    if end and end[0] == 1:  # ranges: the latest end
        end = max((e for e in ends if e[0] == 1), key=lambda x: x[3].end)
    length = min(lengths, key=lambda x: (x[0], x[1])) if lengths else None
    main = end or length
    text = " ... ".join(x[3].at.text for x in (end, length) if x)
    if end and length and end[2] is not length[2]:
        ev(length[2])
    start = next(((c, t) for c in clauses for t in c.terms if t.start), None)
    if start is not None and start[0] is not main[2]:
        ev(start[0])
    return Term(start=start[1].start if start else None, end=end[3].end if end else None,
                months=length[3].months if length else None, text=text, evidence=ev(main[2]))


def _notice(clauses, ev, sides, ctx: PartyContext) -> TerminationNotice | None:
    # a notice period first; a right to terminate for cause (no days) only when none is stated
    for c in sorted(clauses, key=lambda c: c.notice is None or c.notice.days is None):
        n = c.notice
        if n is None:
            continue
        party = "either" if n.either else _party_side(n.actor, sides, ctx)
        if party is None and n.recipient:
            other = _party_side(n.recipient, sides, ctx)
            party = {"provider": "customer", "customer": "provider"}.get(other or "")
        return TerminationNotice(days=n.days, party=party, for_convenience=n.for_convenience,
                                 condition=n.condition, text=c.notice_at.text, evidence=ev(c))
    return None


def _party_side(actor: str | None, sides, ctx: PartyContext) -> str | None:
    if not actor:
        return None
    name = canonical_org(clean_name(actor))
    kind = role_kind(name)
    if kind == "counterparty":  # the side across from the filer
        return next((side for side, party in (("customer", sides.provider), ("provider", sides.customer))
                     if party is not None and party.is_filer), None)
    if kind:
        return kind
    low = name.lower()
    for side, party in (("provider", sides.provider), ("customer", sides.customer)):
        if party is None:
            continue
        if (low in ("we", "us", "the company", "company") or is_filer_name(name, ctx.filer_name)) and party.is_filer:
            return side
        if party.name and (party.name.lower().startswith(low) or low.startswith(party.name.lower().split()[0])):
            return side
    return None


def _capacity(clauses, ev) -> Capacity | None:
    facts = [(f.rank, i, c, f) for i, c in enumerate(clauses) for f in c.capacities]
    if not facts:
        return None
    _, _, c, f = min(facts, key=lambda x: (x[0], x[1]))
    return Capacity(value=f.value, unit=f.unit, mw=f.mw, text=f.at.text, evidence=ev(c))


# the model written with a count: "4,096 NVIDIA B200 GPUs", "approximately 28,000 NVIDIA GB300 GPUs", "768 H200s"
_GPU_MODEL = re.compile(r"\b(GB\d{3}|B\d{3}|H\d{3}|A\d{2,3}|L40S?|MI\d{3}X?|TPU\s*v\d\w*|Blackwell|Hopper|Rubin)s?\b")


def _gpus(clauses, ev) -> Gpus | None:
    """The GPUs a contract states, from a count of GPUs in a clause ("8,192 NVIDIA H100 GPUs") or a GPU column
    of a table; the model only where it is written beside the count."""
    for c in clauses:
        for f in c.capacities:
            if f.unit == "GPUs" and f.value:
                model = _GPU_MODEL.search(f.at.text)
                return Gpus(count=int(f.value), model=model.group(1) if model else None, text=f.at.text, evidence=ev(c))
    for c, x in _extras(clauses, "gpus"):
        model = _GPU_MODEL.search(x.at.text)
        return Gpus(count=int(x.number), model=model.group(1) if model else None, text=x.at.text, evidence=ev(c))
    return None


# "a minimum of $9.0 million per quarter", "take-or-pay commitment of $58 million per year", "minimum commitment of $X"
_MINIMUM_LEFT = re.compile(r"\b(?:minimum|take-or-pay|at\s+least|no\s+less\s+than|not\s+less\s+than)\b[^$.;]{0,40}$", re.I)


def _minimum(clauses, ev) -> MinimumCommitment | None:
    """The least the customer must pay, where the text says so; the amount stays in fee or total as well."""
    for c in clauses:
        for f in (*c.fees, *c.totals):
            left = c.text[max(0, f.at.start - c.start - 60) : f.at.start - c.start]
            if _MINIMUM_LEFT.search(left):
                return MinimumCommitment(amount=f.amount, currency=f.currency, period=getattr(f, "period", None),
                                         text=f.at.text, evidence=ev(c))
    return None


def _phases(clauses, ev) -> list[Phase]:
    return [Phase(mw=x.number, date=x.date, text=x.at.text, evidence=ev(c)) for c, x in _extras(clauses, "phase")[:6]]


def _facility(clauses, ev) -> Facility | None:
    found = [c for c in clauses if c.facility]
    if not found:
        return None
    c = next((c for c in found if c.facility.name), found[0])
    f = c.facility
    return Facility(name=f.name, location=f.location, text=f.at.text, evidence=ev(c))


def _extras(clauses, kind):
    return [(c, x) for c in clauses for x in c.extras if x.kind == kind]


def _discounts(clauses, ev) -> list[Discount]:
    return [Discount(months=x.months, text=x.at.text, evidence=ev(c)) for c, x in _extras(clauses, "discount")[:1]]


def _prepayment(clauses, ev) -> Prepayment | None:
    for c, x in _extras(clauses, "prepayment") + _extras(clauses, "prepayment_amount"):
        percent = x.number if x.kind == "prepayment" else None
        amount = x.number if x.kind == "prepayment_amount" else None
        return Prepayment(percent=percent, amount=amount, text=x.at.text, evidence=ev(c))
    return None


def _renewal(clauses, ev) -> Renewal | None:
    for c, x in _extras(clauses, "renewal"):
        return Renewal(options=int(x.number) if x.number else None, months=x.months, text=x.at.text, evidence=ev(c))
    return None


def confidence(contract: Contract) -> float:
    score = 0.35
    for value in (contract.fee or contract.total_value, contract.term, contract.termination_notice, contract.capacity):
        if value is not None:
            score += 0.12
    for party in (contract.provider, contract.customer):
        if party is not None and (party.name or party.is_filer):
            score += 0.05
    return round(min(score, 0.95), 2)


def counterparty(contract: Contract) -> str | None:
    for party in (contract.customer, contract.provider):
        if party is not None and party.name and not party.is_filer:
            return party.name.lower()
    return None
