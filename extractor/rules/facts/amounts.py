"""Amounts in a clause: the recurring fee (an amount with its period) and the total value;
unit prices, loans, deposits, revenue and accounting balances are not contract values."""

from __future__ import annotations

import re

from extractor.rules.facts.findings import FeeFact, TotalFact
from extractor.rules.nlp.pipeline import ValueMatch
from extractor.rules.normalize.money import money_qualifier, parse_money
from extractor.rules.normalize.periods import parse_period

_UNIT_PRICE = re.compile(
    r"^\s*(?:per|/|a|an|each)\s*(?:kW|kWh|MW|MWh|kilowatt|megawatt|share|GPU|hour|unit|rack|square|sq|user|seat|server|TB|GB)",
    re.I,
)
# A recurring amount whose period is none of month, quarter, year: neither a fee we can state nor a total.
_OTHER_PERIOD_RIGHT = re.compile(
    r"^\s*(?:(?:per|a|an|each|every|/)\s*(?:(?:business|calendar|working)\s+)?(?:day|week|hour|minute|second|fortnight)s?\b|"
    r"every\s+(?:other|second|third|two|three|four|five|six|\d+)\s+(?:(?:business|calendar)\s+)?(?:days?|weeks?|months?|quarters?|years?)\b|"
    r"(?:daily|weekly|hourly|nightly|bi-?weekly|fortnightly|semi-?monthly|bi-?monthly|semi-?annually|twice\s+(?:a|per|each)\s+\w+)\b)",
    re.I,
)
_OTHER_PERIOD_LEFT = re.compile(
    r"\b(?:daily|weekly|hourly|bi-?weekly|fortnightly|semi-?monthly|bi-?monthly)\s+(?:[\w-]+\s+){0,3}?(?:of\s+)?$", re.I
)
_CONTRACT_REVENUE_RIGHT = re.compile(
    r"^\s*(?:in|of)\s+(?:(?:contracted|committed|expected|total|aggregate|future|remaining|base)\s+)?(?:revenues?|rent)\s+"
    r"(?:over|during)\s+(?:its|the|a|an|that|this|such)\s+(?:[\w-]+\s+){0,2}?(?:term|terms|life|years?|months?|period)|"
    r"^\s*in\s+(?:contracted|committed|total|aggregate)\s+(?:revenues?|backlog|value)\b|"
    # "provides for up to approximately $1.9 billion in revenue through October 2031", "$3.4 billion of revenue through March 2030"
    r"^\s*(?:in|of)\s+(?:(?:contracted|committed|expected|total|aggregate|future)\s+)?revenues?\s+(?:through|until|ending\s+in)\s+"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:\d{1,2},\s+)?(?:19|20)\d\d\b",
    re.I,
)
# "$2.0 billion, payable monthly over 48 months": a total paid in instalments is not a monthly fee.
_PAID_IN_INSTALMENTS = re.compile(
    r"^[\s,]*(?:[\w-]+,?\s+){0,4}?(?:payable|paid|billed|invoiced|due)\s+(?:in\s+(?:equal\s+)?)?"
    r"(?:monthly|quarterly|annually|annual|each\s+(?:month|quarter|year)|installments|instalments)",
    re.I,
)
# "$9.7 billion over five years", "$300 billion over about five years", "$4 billion over the term"
_OVER_A_TERM_RIGHT = re.compile(
    r"^\s*(?:\([^)]{0,30}\)\s*)?(?:over|during|across)\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:next\s+|initial\s+|remaining\s+)?"
    r"(?:about\s+|approximately\s+|roughly\s+|nearly\s+|almost\s+)?(?:[\w()-]+\s+){0,2}?(?:years?|months?|term|life)\b",
    re.I,
)
_DISCOUNTED_FEE = re.compile(r"(?:reduced|discounted|lower|initial|ramp)\s+(?:\w+\s+){0,3}$", re.I)
_NOT_CONTRACT_MONEY_RIGHT = re.compile(
    r"^\s*to\s+(?:purchase|buy|build|acquire|construct|fund|finance|develop|deploy|expand)\b|"  # "spend $2.9 billion to purchase the GPUs"
    r"^\s*(?:\w+\s+){0,2}?(?:loan|deposit|termination\s+fee|in\s+revenue|of\s+revenue|revenue|credits?|"
    r"investment|warrants?|in\s+cash|EBITDA|of\s+(?:this|that)\s+amount|increases?|decreases?|reductions?|"
    r"growth|higher|lower|spent\s+on)\b",
    re.I,
)
_NOT_CONTRACT_MONEY_LEFT = re.compile(
    r"(?:loans?|deposits?|(?<!expected\s)(?<!contracted\s)(?<!committed\s)revenues?|EBITDA|investments?|invest|raised|proceeds|valuation|"
    r"price|credits?)\s+(?:of\s+|was\s+|is\s+)?"
    r"(?:approximately\s+|about\s+)?$|\b(?:per\s+(?:MW|kW|megawatt|share|unit)|EBITDA|margin)\b[^$;]{0,30}$",
    re.I,
)
# a balance at a date or an amount of the period reported, not what the contract is worth
_BALANCE_LEFT = re.compile(
    r"\b[Aa]s\s+of\b[^$;]{0,60}?\bremaining\s+(?:[\w-]+\s+){0,2}?(?:commitments?|obligations?|balance|payments?|contract\s+value)\b[^$;]{0,60}$|"
    r"\b[Rr]emaining\s+performance\s+obligations\s+as\s+of\b[^$;]{0,100}$|"
    r"\b(?:of\s+which|increased\s+by|decreased\s+by|compared\s+(?:with|to))\s+(?:approximately\s+)?$", re.I)
_REPORTED_FOR_RIGHT = re.compile(
    r"^\s*(?:(?:and|or)\s+\S+\s+)?(?:for|in|during)\s+the\s+(?:(?:first|second|third|fourth)\s+quarter\b|quarter\b|"
    r"(?:three|six|nine|twelve)\s+months\s+ended\b|(?:fiscal\s+)?(?:year|period|quarter)\s+ended\b)", re.I)
_TOTAL_LEFT = re.compile(
    r"(?<![A-Za-z])(?:total|aggregate|worth|valued\s+at|value\s+of|commit\w*\s+(?:to\s+spend|of)|spend(?:ing)?|obligations?|"
    r"bring\s+in|exceeding|in\s+excess\s+of|commitment\s+(?:is|was|of)|was|were|amended\s+to|increase\s+\w+|"
    r"pay|purchase|buy|procure|generate|generating|receive)\b[^$.;]{0,30}$",
    re.I,
)
_ACCOUNTING_LEFT = re.compile(
    r"right-of-use|lease\s+liabilit|\bassets?\b|depreciation|amortization|impairment|\bexpenses?\b|carrying|"
    r"fair\s+value|receivables?|payables?|accrued|recogni[sz]ed|net\s+loss|net\s+income|balance",
    re.I,
)
_TOTAL_STRONG = re.compile(r"(?:total(?:s|ing|ling|ed|led)?|aggregate|worth|valued\s+at|value\s+of|"
                           r"(?:expected|contracted|committed)\s+revenues?\s+of)\b[^$.;]{0,30}$|"
                           # "Total contract value (TCV): approximately $1.15 billion"
                           r"\bcontract\s+value\s*(?:\([A-Z]{2,5}\))?\s*[:=\u2013\u2014-]?\s*(?:of\s+)?(?:approximately\s+|about\s+|up\s+to\s+)?$", re.I)
_TOTAL_LONG_LEFT = re.compile(  # "total payments under the agreement are expected to be $X", "the commitment over the term is $X"
    r"\b(?:(?:total|aggregate)\s+(?:[\w-]+\s+){0,2}?(?:payments?|value|commitments?|consideration|amount|obligations?|spend|fees|"
    r"rents?|revenues?)|"
    r"commitments?)\b[^$.;]{0,80}?\b(?:is|was|are|were|of|be|exceed|reach|totals?|totaling|totalling)\s+"
    r"(?:approximately\s+|about\s+|roughly\s+|up\s+to\s+|more\s+than\s+)?$",
    re.I,
)
_TOTAL_RIGHT = re.compile(
    r"^\s*(?:(?:of|in|for|on|with|worth\s+of)\s+(?:[\w-]+\s+){0,3}?(?:cloud|data\s+cent|hosting|compute|computing|"
    r"services|infrastructure|colocation|GPU|GPUs|accelerated|AI\s+capacity|capacity)|"
    r",?\s*(?:[\w-]+,?\s+){0,4}?(?:deal|contract|agreement|arrangement)s?\b|"  # "a $3 billion multiyear deal"
    r"\s*in\s+(?:the\s+)?aggregate\b)",  # "$1.4 billion in the aggregate over the Initial Term"
    re.I,
)
_RANGE_TO = re.compile(r"\bto\s*$", re.I)
_IN_WORDS_BEFORE = re.compile(r"(?:\b[a-z]+(?:-[a-z]+)?\s+){1,12}?(?:dollars|euros|pounds|yen)\s*\(\s*$", re.I)


def window_left(text: str, pos: int, width: int = 60) -> str:
    return text[max(0, pos - width) : pos]


def money_facts(text, monies: list[ValueMatch], periods: list[ValueMatch], found, scale):
    fees, totals, discounted = [], [], []
    monies = sorted(monies, key=lambda v: v.start)
    for m in monies:
        nearby = [p for p in periods if m.start - _NEAR <= p.start <= m.end + _NEAR]
        money = parse_money(m.text, scale=scale)
        right, left = text[m.end : m.end + 80], window_left(text, m.start)
        words = _IN_WORDS_BEFORE.search(text, max(0, m.start - 160), m.start)
        if words and text[m.end : m.end + 1] == ")":
            # "one billion four hundred million dollars ($1,400,000,000) in the aggregate": the context of
            # the amount is around the words and the figure together
            left, right = window_left(text, words.start()), text[m.end + 1 : m.end + 81]
        if money is None or _UNIT_PRICE.match(right) or _OTHER_PERIOD_RIGHT.match(right) or _OTHER_PERIOD_LEFT.search(left):
            continue
        if _NOT_CONTRACT_MONEY_RIGHT.match(right) and not _CONTRACT_REVENUE_RIGHT.match(right):
            continue
        if _NOT_CONTRACT_MONEY_LEFT.search(left) or _ACCOUNTING_LEFT.search(left):
            continue
        if _BALANCE_LEFT.search(window_left(text, m.start, 120)) or _REPORTED_FOR_RIGHT.match(right):
            continue  # "our remaining commitment under the agreement was $33.75 million", "$1.2 million for the quarter"
        qualifier = money_qualifier(left)
        instalments = (_TOTAL_STRONG.search(left[-40:]) or _OVER_A_TERM_RIGHT.match(right)) and _PAID_IN_INSTALMENTS.match(right)
        period = None if instalments else _period_for(text, m, monies, nearby)
        if period:
            fee = FeeFact(money.amount, money.currency, period, qualifier, found(m.start, m.end))
            if _DISCOUNTED_FEE.search(left[-40:]) and fees == []:
                discounted.append(fee)  # the reduced ramp rate is not the fee while a full rate is stated
            else:
                fees.append(fee)
            continue
        priority = _total_priority(left, window_left(text, m.start, 120), right)
        if priority:
            totals.append(TotalFact(money.amount, money.currency, qualifier, priority, found(m.start, m.end)))
    return tuple(fees or discounted), tuple(totals)


def _total_priority(left: str, wide_left: str, right: str) -> int:
    """How surely an amount without a period is the total value: 0 (no total cue: not a total, never
    a guess), 2 a spending word before it, 3 a total word or what it buys, 4 the top of a range."""
    if _RANGE_TO.search(left) and re.search(r"\bfrom\s+\S*\$", left, re.I):
        return 4
    if _TOTAL_RIGHT.match(right) or _CONTRACT_REVENUE_RIGHT.match(right) or _TOTAL_STRONG.search(left[-40:]) \
            or _TOTAL_LONG_LEFT.search(wide_left) or _OVER_A_TERM_RIGHT.match(right):
        return 3
    return 2 if _TOTAL_LEFT.search(left[-40:]) else 0


_PERIOD_NAMES_NEXT = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:fees?|payments?|charges?|rent|commitments?|instal?lments?)\s+(?:of|equal\s+to)\s", re.I)
_NEAR = 120  # characters: a period further from its amount is not its period


def _period_for(text: str, money: ValueMatch, monies, periods) -> str | None:
    """The period stated right after an amount ("$5 million per month"), or right before it
    with a fee word ("a monthly fee of $5 million"); never across another amount or a ";"."""
    others = [o.start for o in monies if o is not money and money.start - _NEAR <= o.start <= money.end + _NEAR]
    for p in periods:
        if money.end <= p.start <= money.end + _NEAR:
            between = text[money.end : p.start]
            if len(between.split()) <= 8 and ";" not in between and "\n" not in between \
                    and not any(money.end <= o < p.start for o in others) \
                    and not re.search(r"\b(?:per|a)\s+(?:kW|MW|share|unit)", between, re.I) \
                    and not _CONTRACT_REVENUE_RIGHT.match(between) \
                    and not (_OVER_A_TERM_RIGHT.match(between) and _PERIOD_NAMES_NEXT.match(text, p.end)):
                # "$640 million over the term, subject to a minimum monthly payment of $15.2 million":
                # the period belongs to the amount its fee word introduces
                return parse_period(p.text)
        elif money.start - _NEAR <= p.end <= money.start:
            between = text[p.end : money.start]
            if len(between.split()) <= 8 and ";" not in between and "\n" not in between \
                    and not any(p.end <= o < money.start for o in others) \
                    and re.search(r"\b(?:fee|commitment|rent|payment|charge|minimum|instal?lment)", between + " " + p.text, re.I):
                return parse_period(p.text)
    return None
