"""Term, capacity, facility, discount, renewal and prepayment facts of a clause."""

from __future__ import annotations

import re

from extractor.rules.facts.amounts import window_left
from extractor.rules.facts.findings import CapacityFact, CountFact, FacilityFact, TermFact
from extractor.rules.normalize.capacity import parse_capacity
from extractor.rules.normalize.durations import duration_unit, parse_date, parse_months
from extractor.rules.normalize.money import parse_money
from extractor.rules.normalize.numerals import parse_number

_TERM_END_CUE = re.compile(
    r"(?:through|thru|until|till|ending(?:\s+(?:in|on))?|expir\w*(?:\s+(?:in|on))?|ends?\s+(?:in|on)|"
    r"expir\w*\s+at\s+\d{1,2}:\d{2}\s*[ap]\.?m\.?(?:\s+[a-z]+){0,3}?\s+on|"  # "expire at 11:59 p.m. local time on"
    r"terminat\w*\s+(?:in|on))\s+(?:the\s+)?(?:end\s+of\s+)?(?:fiscal\s+)?$",
    re.I,
)
_TERM_START_CUE = re.compile(
    r"(?:commenc\w*|began|begins|beginning|start\w*|effective)\s+(?:on\s+|in\s+|as\s+of\s+)?$", re.I
)
# "extends the term of the agreement to December 31, 2031", "extended the Initial Term by two years, to 2031"
_EXTENDED_TO = re.compile(r"\b(?:extend|mov|chang|amend|push|accelerat|shorten)(?:s|es|ed|d|ing|e)?\b[^.;$]{0,60}?\b(?:to|until|through)\s+$", re.I)
_FREE_PERIOD = re.compile(r"\b(?:free|abated|abatement|discount\w*|holiday|reduced)\b[^.;$]{0,40}?\b(?:ends?|ending|expir\w*|through|until)\b[^.;$]{0,12}$", re.I)
# "to come online in two phases, in June 2026 and October 2026", "in six phases of 200 MW each between 2027 and 2030"
_DELIVERY_SCHEDULE = re.compile(r"\b(?:phases?|tranches?|online|deliver\w*|energi[sz]\w*|in\s+service|ready\s+for\s+service)\b", re.I)
_EXERCISABLE = re.compile(r"\bexercisable\s+(?:\w+\s+){0,2}$", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:to|and|-|\u2013|\u2014|through)\s*(?:fiscal\s+)?$", re.I)
_AMENDED_FROM = re.compile(r"\b(?:extend\w*|amend\w*|chang\w*|mov\w*|push\w*)\b[^.;]{0,40}?\bfrom\s+$", re.I)
_COMMENCE = re.compile(r"commenc\w*|begin\w*|start\w*", re.I)
_DURATION_EXCLUDE_LEFT = re.compile(
    r"(?:first|additional|prior|extension|renew\w*|extend\w*|up\s+to|within|financ\w*|previous|last|past|"
    r"following\s+the\s+date|after)\s+(?:[\w()-]+\s+){0,2}$",
    re.I,
)
_DURATION_EXCLUDE_RIGHT = re.compile(
    r"^[\s-]*(?:extensions?|renewals?|renewal\s+\w+|additional|options?|anniversary\s+of\s+(?:our|the)\s+(?:initial\s+)?public|"
    r"following\s+the\s+date|after\s+the\s+date|ago|old|ended|"
    r"(?:following|after)\s+(?:the\s+)?(?:effective\s+date\s+of\s+)?(?:such\s+)?termination|"
    r"of\s+(?:service|operations?|revenue)\s+(?:in|during)\s+(?:fiscal\s+)?(?:19|20)\d\d)\b",  # "for the seven months of service in 2025"
    re.I,
)
_TERM_RANK0_LEFT = re.compile(
    r"\bterm\b[^.;$]{0,40}?\b(?:of|be|is|was)\s+(?:approximately\s+|an?\s+)?$|\bterm\s*[:.]?\s*$", re.I
)
_TERM_RANK0_RIGHT = re.compile(r"^[\s-]*(?:initial\s+|minimum\s+|non-cancell?able\s+)?(?:lease\s+|contract\s+)?term\b", re.I)
_TERM_RANK1_RIGHT = re.compile(
    r"^[\s,-]*(?:(?:US)?\$[\d.,]+\s*(?:million|billion|[mb])?\s*)?(?:[\w-]+\s+){0,3}?(?:agreement|contract|lease|period|deal|commitment|arrangement|"
    r"consumption|license)\b",
    re.I,
)
_TERM_RANK2_LEFT = re.compile(
    r"(?:over|for|during)\s+(?:the\s+|a\s+|an\s+)?(?:next\s+|following\s+|remaining\s+)?"
    r"(?:about\s+|approximately\s+|roughly\s+|nearly\s+|almost\s+)?$", re.I)
_THEREAFTER_RIGHT = re.compile(r"^\s*(?:thereafter|after\s+(?:the\s+|such\s+)?(?:[A-Z][\w-]*\s+){1,4}Date)\b")
_TERM_ENDS_LEFT = re.compile(r"\b[Tt]erm\b[^.;]{0,120}?\b(?:end|ends|ending|expire|expires|expiring|terminate|terminates|continue|"
                             r"continues|continuing)\b[^.;]{0,60}$")
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
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?%")
_COUNT_BEFORE = re.compile(r"\b(\w+)\s+(?:additional\s+|more\s+)?$", re.I)


def term_facts(text, dates, durations, notice_spans, found) -> tuple[TermFact, ...]:
    facts = []
    for i, d in enumerate(dates):
        left = window_left(text, d.start, 40)
        value = parse_date(d.text)
        if value is None:
            continue
        if _FREE_PERIOD.search(window_left(text, d.start, 70)) or _EXERCISABLE.search(left):
            # "six months of free rent, which ends on March 31, 2027": the discount's end, not the term's
            continue  # "a right of first offer, exercisable through December 31, 2026": an option's deadline
        if _TERM_END_CUE.search(left) or _EXTENDED_TO.search(window_left(text, d.start, 80)):
            facts.append(TermFact(value, None, 0, found(d.start, d.end)))
        elif _TERM_START_CUE.search(left):
            facts.append(TermFact(None, None, 0, found(d.start, d.end), start=value))
        elif i > 0 and _AMENDED_FROM.search(window_left(text, dates[i - 1].start, 60)) and \
                re.match(r"^\s*to\s*$", text[dates[i - 1].end : d.start]):
            facts.append(TermFact(value, None, 0, found(d.start, d.end)))  # "extend ... from <old> to <new>"
        elif i > 0 and _RANGE_JOIN.match(text[dates[i - 1].end : d.start]) and dates[i - 1].end >= d.start - 12:
            if not _COMMENCE.search(window_left(text, dates[i - 1].start, 40)) \
                    and not _DELIVERY_SCHEDULE.search(window_left(text, dates[i - 1].start, 90)):
                facts.append(TermFact(value, None, 1, found(dates[i - 1].start, d.end)))
    for d in durations:
        if any(a <= d.start < b for a, b in notice_spans) or duration_unit(d.text) in ("day", "week"):
            continue
        months = parse_months(d.text)
        left, right = window_left(text, d.start, 50), text[d.end : d.end + 70]
        if not months or _DURATION_EXCLUDE_LEFT.search(left) or _DURATION_EXCLUDE_RIGHT.match(right):
            continue
        rank = _duration_rank(left, right, d.text)
        if rank is None and _THEREAFTER_RIGHT.match(right) and _TERM_ENDS_LEFT.search(window_left(text, d.start, 150)):
            rank = 0  # "The Initial Term ... shall end on the date that is forty-eight (48) months thereafter"
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


# a customer's right to more: "Microsoft Japan may request up to 20 MW of additional capacity", "an option to add 30 MW"
_OPTION_LEFT = re.compile(r"\b(?:options?|may\s+(?:request|elect|reserve|add|expand|purchase)|right\s+(?:of\s+first\s+(?:offer|refusal)|to))\b"
                          r"[^.;$]{0,60}$", re.I)
# "delivered in two phases, with 12 MW expected ... in the second quarter of 2027 and the remaining 18 MW in the first quarter of 2028"
_MORE_RIGHT = re.compile(r"\s*(?:of\s+)?(?:additional|incremental|further|expansion)\b", re.I)
_PHASED = re.compile(r"\b(?:phases?|tranches?|stages?)\b", re.I)


def option_and_phase_facts(text, capacities, dates, start, end, found) -> tuple[CountFact, ...]:
    """Capacity the customer may add (an option, never counted as the contract's capacity), and the
    delivery phases a clause states as capacity with a date each. Nothing is derived: a phase is only
    a stated amount of capacity and the date written right after it."""
    facts = []
    for c in capacities:
        value = parse_capacity(c.text)
        if value is None or value.mw is None:
            continue
        left = window_left(text, c.start, 70)
        more = _CAPACITY_EXCLUDE_LEFT.search(window_left(text, c.start, 40)) or _MORE_RIGHT.match(text, c.end)
        if _OPTION_LEFT.search(left) and more:
            facts.append(CountFact("option", value.mw, None, found(c.start, c.end)))
    if _PHASED.search(text, start, end):
        ordered = sorted(capacities, key=lambda v: v.start)
        for i, c in enumerate(ordered):
            value = parse_capacity(c.text)
            if value is None or value.mw is None or re.match(r"\s*each\b", text[c.end : c.end + 10]):
                continue
            nxt = ordered[i + 1].start if i + 1 < len(ordered) else end
            date = next((d for d in dates if c.end <= d.start < min(nxt, c.end + 70)), None)
            when = parse_date(date.text) if date is not None else None
            if when:
                facts.append(CountFact("phase", value.mw, None, found(c.start, date.end), date=when))
    return tuple(facts)


def capacity_facts(text, capacities, found) -> tuple[CapacityFact, ...]:
    facts = []
    for c in capacities:
        value = parse_capacity(c.text)
        if value is None or _CAPACITY_EXCLUDE_LEFT.search(window_left(text, c.start, 40)) or _MORE_RIGHT.match(text, c.end):
            continue  # "an option to add 30 MW", "up to 20 MW of additional capacity": not the contract's capacity
        right = text[c.end : c.end + 30]
        if "IT load" in c.text or _IT_LOAD.match(right):
            rank = 0
        else:
            rank = 1 if value.mw is not None else 2
        facts.append(CapacityFact(value.value, value.unit, value.mw, rank, found(c.start, c.end)))
    return tuple(facts)


# Every facility match holds one of these words: a clause without them is not searched.
_FACILITY_WORDS = ("cent", "supercomputer", "campus", "facilit", "site")


def facility_fact(text, start, end, found) -> FacilityFact | None:
    clause = text[start:end]
    if not any(word in clause for word in _FACILITY_WORDS):
        return None
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


_DISCOUNT_WINDOW_LEFT = re.compile(r"(?:\b(?:first|initial)|\bramp(?:-up)?\s+period\s+of)\s+$", re.I)
_DISCOUNT_WINDOW_RIGHT = re.compile(r"^[\s-]*(?:ramp(?:-up)?|discount|free|introductory)\s+period\b", re.I)


def extra_facts(text, labels, durations, monies, start, end, found) -> tuple[CountFact, ...]:
    """Discount windows ("the first two months", "a six-month ramp period"), renewal, prepayment."""
    extras = []
    if "DISCOUNT" in labels:
        for d in durations:
            left = _DISCOUNT_WINDOW_LEFT.search(window_left(text, d.start, 30))
            if left or _DISCOUNT_WINDOW_RIGHT.match(text[d.end : d.end + 30]):
                months = parse_months(d.text)
                if months:
                    span_start = d.start - len(left.group(0)) if left else d.start
                    extras.append(CountFact("discount", None, months, found(span_start, d.end)))
                    break
    if "RENEWAL" in labels:
        extras.extend(_renewal(text, durations, found))
    if "PREPAYMENT" in labels:
        extras.extend(_prepayment(text, monies, start, end, found))
    return tuple(extras)


def _prepayment(text, monies, start, end, found) -> list[CountFact]:
    m = PERCENT.search(text, start, end)
    if m:
        return [CountFact("prepayment", float(m.group(1)), None, found(m.start(), m.end()))]
    for v in monies:
        money = parse_money(v.text)
        if money:
            return [CountFact("prepayment_amount", money.amount, None, found(v.start, v.end))]
    return []


_OPTIONS = re.compile(
    r"\b(\w+)\s+(?:additional\s+|renewal\s+|extension\s+)?(?:options?|extensions?|renewals?)\b|"
    r"\b(\w+)\s+additional\s+[\w-]+\s+(?:periods?|terms?)\b|\b(twice|once|thrice)\b",
    re.I,
)
_RENEW_WORDS = re.compile(r"renew|extend|extension|option|additional", re.I)


def _renewal(text, durations, found) -> list[CountFact]:
    for d in durations:
        if not _RENEW_WORDS.search(window_left(text, d.start, 80) + text[d.end : d.end + 20]):
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
