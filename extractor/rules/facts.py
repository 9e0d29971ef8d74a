"""Typed facts found in one clause of a sentence: amounts, periods, dates, durations,
notice, capacity, facility, discounts, renewal and prepayment, each with its span.

Offsets in the facts are absolute (into Document.text). The normalizers
(money, periods, durations, notice, capacity) turn the matched text into values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.util import filter_spans

from extractor.rules.capacity import parse_capacity
from extractor.rules.durations import duration_unit, parse_date, parse_months
from extractor.rules.money import money_qualifier, parse_money
from extractor.rules.nlp import ValueMatch, org_names, span_index
from extractor.rules.notice import NoticeTerm, find_notice
from extractor.rules.numerals import parse_number
from extractor.rules.periods import parse_period


@dataclass(frozen=True)
class Found:
    """Where a value was read: absolute offsets and the words it came from."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FeeFact:
    amount: float
    currency: str
    period: str | None
    qualifier: str | None
    at: Found


@dataclass(frozen=True)
class TotalFact:
    amount: float
    currency: str
    qualifier: str | None
    priority: int
    at: Found


@dataclass(frozen=True)
class TermFact:
    end: str | None
    months: int | None
    rank: int
    at: Found
    start: str | None = None


@dataclass(frozen=True)
class CapacityFact:
    value: float
    unit: str
    mw: float | None
    rank: int
    at: Found


@dataclass(frozen=True)
class FacilityFact:
    name: str | None
    location: str | None
    at: Found


@dataclass(frozen=True)
class CountFact:
    """A discount window (months), a renewal (options, months) or a prepayment (percent, amount)."""

    kind: str
    number: float | None
    months: int | None
    at: Found


@dataclass(frozen=True)
class ClauseFacts:
    start: int
    end: int
    sentence: Found  # the whole sentence: the evidence span
    text: str
    compute: bool
    contract: bool
    lookalike: bool
    orgs: tuple[tuple[int, str, str], ...]  # (offset, canonical name, typical role)
    fees: tuple[FeeFact, ...] = ()
    totals: tuple[TotalFact, ...] = ()
    terms: tuple[TermFact, ...] = ()
    notice: NoticeTerm | None = None
    notice_at: Found | None = None
    capacities: tuple[CapacityFact, ...] = ()
    facility: FacilityFact | None = None
    extras: tuple[CountFact, ...] = ()

    @property
    def has_values(self) -> bool:
        terms = any(t.end or t.months for t in self.terms)  # a start date alone is not a term
        return bool(self.fees or self.totals or terms or self.notice or self.capacities)


_UNIT_PRICE = re.compile(
    r"^\s*(?:per|/|a|an|each)\s*(?:kW|kWh|MW|MWh|kilowatt|megawatt|share|GPU|hour|unit|rack|square|sq|user|seat|server|TB|GB)",
    re.I,
)
_CONTRACT_REVENUE_RIGHT = re.compile(r"^\s*in\s+revenues?\s+over\s+(?:its|the)\s+(?:[\w-]+\s+)?(?:term|life)", re.I)
_DISCOUNTED_FEE = re.compile(r"(?:reduced|discounted|lower|initial|ramp)\s+(?:\w+\s+){0,3}$", re.I)
_NOT_CONTRACT_MONEY_RIGHT = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:loan|deposit|termination\s+fee|in\s+revenue|of\s+revenue|revenue|credits?|"
    r"investment|warrants?|in\s+cash|EBITDA|of\s+(?:this|that)\s+amount|increases?|decreases?|reductions?|"
    r"growth|higher|lower|spent\s+on)\b",
    re.I,
)
_NOT_CONTRACT_MONEY_LEFT = re.compile(
    r"(?:loan|deposit|revenues?|EBITDA|investment|invest|raised|proceeds|valuation|price|credits?)\s+(?:of\s+|was\s+|is\s+)?"
    r"(?:approximately\s+|about\s+)?$|\b(?:per\s+(?:MW|kW|megawatt|share|unit)|EBITDA|margin)\b[^$;]{0,30}$",
    re.I,
)
_TOTAL_LEFT = re.compile(
    r"(?:total|aggregate|worth|valued\s+at|value\s+of|commit\w*\s+(?:to\s+spend|of)|spend(?:ing)?|obligations?|"
    r"bring\s+in|exceeding|in\s+excess\s+of|commitment\s+(?:is|was|of)|was|were|amended\s+to|increase\s+\w+|"
    r"pay)\b[^$.;]{0,30}$",
    re.I,
)
_ACCOUNTING_LEFT = re.compile(
    r"right-of-use|lease\s+liabilit|\bassets?\b|depreciation|amortization|impairment|\bexpenses?\b|carrying|"
    r"fair\s+value|receivables?|payables?|accrued|recogni[sz]ed|net\s+loss|net\s+income|balance",
    re.I,
)
_TOTAL_STRONG = re.compile(r"(?:total|aggregate|worth|valued\s+at|value\s+of)\b[^$.;]{0,30}$", re.I)
_TOTAL_RIGHT = re.compile(
    r"^\s*(?:of|in|for|on|with|worth\s+of)\s+(?:[\w-]+\s+){0,3}?(?:cloud|data\s+cent|hosting|compute|computing|"
    r"services|infrastructure|colocation)",
    re.I,
)
_RANGE_TO = re.compile(r"\bto\s*$", re.I)
_TERM_END_CUE = re.compile(
    r"(?:through|thru|until|till|ending(?:\s+(?:in|on))?|expir\w*(?:\s+(?:in|on))?|ends?\s+(?:in|on)|"
    r"terminat\w*\s+(?:in|on))\s+(?:the\s+)?(?:end\s+of\s+)?(?:fiscal\s+)?$",
    re.I,
)
_TERM_START_CUE = re.compile(
    r"(?:commenc\w*|began|begins|beginning|start\w*|effective)\s+(?:on\s+|in\s+|as\s+of\s+)?$", re.I
)
_RANGE_JOIN = re.compile(r"^\s*(?:to|and|-|\u2013|\u2014|through)\s*(?:fiscal\s+)?$", re.I)
_COMMENCE = re.compile(r"commenc\w*|begin\w*|start\w*", re.I)
_DURATION_EXCLUDE_LEFT = re.compile(
    r"(?:first|additional|prior|extension|renew\w*|extend\w*|up\s+to|within|financ\w*|previous|last|past|"
    r"following\s+the\s+date|after)\s+(?:[\w()-]+\s+){0,2}$",
    re.I,
)
_DURATION_EXCLUDE_RIGHT = re.compile(
    r"^[\s-]*(?:extensions?|renewals?|renewal\s+\w+|additional|options?|anniversary\s+of\s+(?:our|the)\s+(?:initial\s+)?public|"
    r"following\s+the\s+date|after\s+the\s+date|ago|old)\b",
    re.I,
)
_TERM_RANK0_LEFT = re.compile(
    r"\bterm\b[^.;$]{0,40}?\b(?:of|be|is|was)\s+(?:approximately\s+|an?\s+)?$|\bterm\s*:?\s*$", re.I
)
_TERM_RANK0_RIGHT = re.compile(r"^[\s-]*(?:initial\s+|minimum\s+|non-cancell?able\s+)?(?:lease\s+|contract\s+)?term\b", re.I)
_TERM_RANK1_RIGHT = re.compile(
    r"^[\s,-]*(?:(?:US)?\$[\d.,]+\s*(?:million|billion|[mb])?\s*)?(?:[\w-]+\s+){0,3}?(?:agreement|contract|lease|period|deal|commitment|arrangement|"
    r"consumption|license)\b",
    re.I,
)
_TERM_RANK2_LEFT = re.compile(r"(?:over|for|during)\s+(?:the\s+|a\s+|an\s+)?(?:next\s+|following\s+|remaining\s+)?$", re.I)
_TERM_RANK3_LEFT = re.compile(r"each\s+of\s+the\s+(?:next\s+|following\s+)?$", re.I)
_CAPACITY_EXCLUDE_LEFT = re.compile(r"(?:expand|expansion|option|additional|up\s+to\s+an\s+additional)\s+(?:\w+\s+){0,3}$", re.I)
_IT_LOAD = re.compile(r"^\s*(?:of\s+)?(?:critical\s+)?IT\s+load|^\s*\(\s*(?:critical\s+)?IT\s+load", re.I)
_FACILITY = re.compile(
    r"(?:the\s+)?((?:[A-Z][\w\-]*|\d+)(?:\s+(?:[A-Z][\w\-]*|\d+)){0,3}\s+)?"
    r"(?:data\s+cent(?:er|re)|supercomputer|campus|facility|site)s?(?:\s+campus)?\s+"
    r"(?:near|in|at|located\s+in|outside(?:\s+of)?)\s+"
    r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})?)"
)
_FACILITY_APPOSITION = re.compile(
    r"((?:[A-Z][\w\-]*|\d+)(?:\s+(?:[A-Z][\w\-]*|\d+)){0,3}),\s+(?:our|the|its|their|a|an)\s+[^,.;]{0,40}?"
    r"(?:data\s+cent(?:er|re)|supercomputer|campus|facility|site)s?\s+(?:near|in|at|located\s+in|outside(?:\s+of)?)\s+"
    r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})?)"
)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?%")
_COUNT_BEFORE = re.compile(r"\b(\w+)\s+(?:additional\s+|more\s+)?$", re.I)


_STRONG_COMPUTE_CONTRACT = re.compile(
    r"\b(?:hosting|colocation|co-location|cloud(?:\s+(?:services?|infrastructure|computing|platform))?|compute|"
    r"data\s+cent(?:er|re)|GPU|capacity)\s+(?:services\s+)?(?:agreement|contract|arrangement|lease|commitment|deal|order)",
    re.I,
)


def _is_lookalike(text: str, start: int, end: int, cues, values) -> bool:
    """A look-alike cue vetoes the clause, unless the clause names a compute contract and
    the look-alike words only come after its first value ("... for $500 per month, plus electricity")."""
    lookalikes = [cue[0] for cue in cues if cue[2] == "LOOKALIKE"]
    if not lookalikes:
        return False
    first_value = min((v.start for v in values if v.label in ("MONEY", "CAPACITY", "DURATION")), default=None)
    strong = _STRONG_COMPUTE_CONTRACT.search(text, start, end)
    return not (strong and first_value is not None and min(lookalikes) > first_value)


def _window_left(text: str, pos: int, width: int = 60) -> str:
    return text[max(0, pos - width) : pos]


def analyze_clause(doc, start: int, end: int, sent_start: int, sent_end: int, base: int, table_scale: float = 1.0) -> ClauseFacts:
    """The facts of ``doc.text[start:end]`` (offsets relative to the Doc; ``base`` makes them absolute)."""
    text = doc.user_data.get("text") or doc.text
    index = span_index(doc)
    values = index.values_in(start, end)
    cues = index.cues_in(start, end)
    labels = {cue[2] for cue in cues}
    orgs_by_id = org_names()
    org_spans = filter_spans(index.orgs_in(start, end))
    orgs = tuple(
        (base + s.start_char, orgs_by_id[s.id_]["name"], orgs_by_id[s.id_]["typical_role"])
        for s in sorted(org_spans, key=lambda s: s.start)
        if s.id_ in orgs_by_id
    )
    found = lambda a, b: Found(base + a, base + b, text[a:b])  # noqa: E731
    by_label = lambda label: [v for v in values if v.label == label]  # noqa: E731
    fees, totals = _money_facts(text, by_label("MONEY"), by_label("PERIOD"), found, table_scale)
    durations = by_label("DURATION")
    notice, notice_at = _notice_fact(text, sent_start, sent_end, start, durations, found)
    notice_spans = [(notice_at.start - base, notice_at.end - base)] if notice_at else []
    return ClauseFacts(
        start=base + start,
        end=base + end,
        sentence=found(sent_start, sent_end),
        text=text[start:end],
        compute="COMPUTE" in labels or any(v.label == "CAPACITY" for v in values) or any(
            orgs_by_id[s.id_].get("compute_context") for s in org_spans if s.id_ in orgs_by_id
        ),
        contract="CONTRACT" in labels,
        lookalike=_is_lookalike(text, start, end, cues, values),
        orgs=orgs,
        fees=fees,
        totals=totals,
        terms=_term_facts(text, by_label("DATE"), durations, notice_spans, found),
        notice=notice,
        notice_at=notice_at,
        capacities=_capacity_facts(text, by_label("CAPACITY"), found),
        facility=_facility_fact(text, start, end, found),
        extras=_extra_facts(text, labels, durations, by_label("MONEY"), start, end, found),
    )


def _money_facts(text, monies: list[ValueMatch], periods: list[ValueMatch], found, scale):
    fees, totals, discounted = [], [], []
    monies = sorted(monies, key=lambda v: v.start)
    for m in monies:
        nearby = [p for p in periods if m.start - _NEAR <= p.start <= m.end + _NEAR]
        money = parse_money(m.text, scale=scale)
        right, left = text[m.end : m.end + 50], _window_left(text, m.start)
        if money is None or _UNIT_PRICE.match(right):
            continue
        if _NOT_CONTRACT_MONEY_RIGHT.match(right) and not _CONTRACT_REVENUE_RIGHT.match(right):
            continue
        if _NOT_CONTRACT_MONEY_LEFT.search(left) or _ACCOUNTING_LEFT.search(left):
            continue
        qualifier = money_qualifier(left)
        period = _period_for(text, m, monies, nearby)
        if period:
            fee = FeeFact(money.amount, money.currency, period, qualifier, found(m.start, m.end))
            if _DISCOUNTED_FEE.search(left[-40:]) and fees == []:
                discounted.append(fee)  # the reduced ramp rate is not the fee while a full rate is stated
            else:
                fees.append(fee)
            continue
        priority = 1
        if _TOTAL_LEFT.search(left[-40:]):
            priority = 2
        if _TOTAL_RIGHT.match(right) or _TOTAL_STRONG.search(left[-40:]):
            priority = 3
        if _RANGE_TO.search(left) and re.search(r"\bfrom\s+\S*\$", left, re.I):
            priority = 4
        totals.append(TotalFact(money.amount, money.currency, qualifier, priority, found(m.start, m.end)))
    return tuple(fees or discounted), tuple(totals)


_NEAR = 120  # characters: a period further from its amount is not its period


def _period_for(text: str, money: ValueMatch, monies, periods) -> str | None:
    """The period stated right after an amount ("$5 million per month"), or right before it
    with a fee word ("a monthly fee of $5 million"); never across another amount or a ";"."""
    others = [o.start for o in monies if o is not money and money.start - _NEAR <= o.start <= money.end + _NEAR]
    for p in periods:
        if money.end <= p.start <= money.end + _NEAR:
            between = text[money.end : p.start]
            if len(between.split()) <= 8 and ";" not in between and not any(money.end <= o < p.start for o in others) \
                    and not re.search(r"\b(?:per|a)\s+(?:kW|MW|share|unit)", between, re.I):
                return parse_period(p.text)
        elif money.start - _NEAR <= p.end <= money.start:
            between = text[p.end : money.start]
            if len(between.split()) <= 8 and ";" not in between and not any(p.end <= o < money.start for o in others) \
                    and re.search(r"\b(?:fee|commitment|rent|payment|charge|minimum)", between + " " + p.text, re.I):
                return parse_period(p.text)
    return None


def _notice_fact(text, sent_start, sent_end, clause_start, durations, found):
    sentence = text[sent_start:sent_end]
    spans = [(d.start - sent_start, d.end - sent_start) for d in durations]
    notice = find_notice(sentence, spans)
    if notice is None:
        return None, None
    at = found(sent_start + notice.start, sent_start + notice.end)
    return notice, at


def _term_facts(text, dates, durations, notice_spans, found) -> tuple[TermFact, ...]:
    facts = []
    for i, d in enumerate(dates):
        left = _window_left(text, d.start, 40)
        value = parse_date(d.text)
        if value is None:
            continue
        if _TERM_END_CUE.search(left):
            facts.append(TermFact(value, None, 0, found(d.start, d.end)))
        elif _TERM_START_CUE.search(left):
            facts.append(TermFact(None, None, 0, found(d.start, d.end), start=value))
        elif i > 0 and _RANGE_JOIN.match(text[dates[i - 1].end : d.start]) and dates[i - 1].end >= d.start - 12:
            if not _COMMENCE.search(_window_left(text, dates[i - 1].start, 40)):
                facts.append(TermFact(value, None, 1, found(dates[i - 1].start, d.end)))
    for d in durations:
        if any(a <= d.start < b for a, b in notice_spans) or duration_unit(d.text) in ("day", "week"):
            continue
        months = parse_months(d.text)
        left, right = _window_left(text, d.start, 50), text[d.end : d.end + 40]
        if not months or _DURATION_EXCLUDE_LEFT.search(left) or _DURATION_EXCLUDE_RIGHT.match(right):
            continue
        rank = _duration_rank(left, right, d.text)
        if rank is not None:
            facts.append(TermFact(None, months, rank, found(d.start, d.end)))
    return tuple(facts)


def _duration_rank(left: str, right: str, phrase: str) -> int | None:
    if "anniversary" in phrase.lower():  # "until the third anniversary of ..." is a term; "following the first" is not
        return 2 if re.search(r"(?:until|through|ending\s+on|expir\w*\s+on|end\s+on)\s+(?:the\s+)?$", left, re.I) else None
    if _TERM_RANK0_LEFT.search(left) or _TERM_RANK0_RIGHT.match(right):
        return 0
    if _TERM_RANK1_RIGHT.match(right) or re.search(r"-\s*$", phrase):
        return 1
    if _TERM_RANK2_LEFT.search(left):
        return 2
    if _TERM_RANK3_LEFT.search(left):
        return 3
    return None


def _capacity_facts(text, capacities, found) -> tuple[CapacityFact, ...]:
    facts = []
    for c in capacities:
        value = parse_capacity(c.text)
        if value is None or _CAPACITY_EXCLUDE_LEFT.search(_window_left(text, c.start, 40)):
            continue
        right = text[c.end : c.end + 30]
        if "IT load" in c.text or _IT_LOAD.match(right):
            rank = 0
        else:
            rank = 1 if value.mw is not None else 2
        facts.append(CapacityFact(value.value, value.unit, value.mw, rank, found(c.start, c.end)))
    return tuple(facts)


def _facility_fact(text, start, end, found) -> FacilityFact | None:
    m = _FACILITY_APPOSITION.search(text, start, end) or _FACILITY.search(text, start, end)
    if m is None:
        return None
    name = " ".join((m.group(1) or "").split()) or None
    if name and (name.endswith(("'s", "\u2019s")) or name.lower() in ("the", "our", "its", "their", "a")):
        name = None
    if name and name.split()[0] in ("The", "Our", "Its", "A", "An", "Their"):
        name = " ".join(name.split()[1:]) or None
    location = " ".join(m.group(2).split())
    return FacilityFact(name, location, found(m.start(), m.end()))


def _extra_facts(text, labels, durations, monies, start, end, found) -> tuple[CountFact, ...]:
    extras = []
    if "DISCOUNT" in labels:
        for d in durations:
            if re.search(r"(?:first|initial)\s+$", _window_left(text, d.start, 20), re.I):
                months = parse_months(d.text)
                if months:
                    extras.append(CountFact("discount", None, months, found(d.start - 6 if text[d.start - 6 : d.start].strip() else d.start, d.end)))
                    break
    if "RENEWAL" in labels:
        extras.extend(_renewal(text, durations, found))
    if "PREPAYMENT" in labels:
        m = _PERCENT.search(text, start, end)
        money = next((parse_money(v.text) for v in monies if parse_money(v.text)), None)
        if m or money:
            span = (m.start(), m.end()) if m else (monies[0].start, monies[0].end)
            extras.append(CountFact("prepayment", float(m.group(1)) if m else None, None, found(*span)))
            if money and not m:
                extras[-1] = CountFact("prepayment_amount", money.amount, None, found(*span))
    return tuple(extras)


_OPTIONS = re.compile(
    r"\b(\w+)\s+(?:additional\s+|renewal\s+|extension\s+)?(?:options?|extensions?|renewals?)\b|"
    r"\b(\w+)\s+additional\s+[\w-]+\s+(?:periods?|terms?)\b|\b(twice|once|thrice)\b",
    re.I,
)
_RENEW_WORDS = re.compile(r"renew|extend|extension|option|additional", re.I)


def _renewal(text, durations, found) -> list[CountFact]:
    for d in durations:
        if not _RENEW_WORDS.search(_window_left(text, d.start, 80) + text[d.end : d.end + 20]):
            continue
        months = parse_months(d.text)
        if not months:
            continue
        window_start = max(0, d.start - 80)
        m = _OPTIONS.search(text, window_start, min(len(text), d.end + 40))
        options = None
        if m:
            word = (m.group(1) or m.group(2) or m.group(3)).lower()
            options = {"a": 1, "an": 1, "once": 1, "twice": 2, "thrice": 3}.get(word) or parse_number(word)
            options = int(options) if options else None
        s = min(m.start(), d.start) if m else d.start
        e = max(m.end(), d.end) if m else d.end
        return [CountFact("renewal", options, months, found(s, e))]
    return []
