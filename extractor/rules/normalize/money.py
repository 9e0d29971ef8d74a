"""Money: ``$1.25 billion``, ``US$14.2 billion``, ``USD 900 million``, ``$1.25bn``,
``one hundred twenty-five million dollars ($125,000,000)``, table cells "in thousands"."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from extractor.rules.normalize.numerals import words_to_number

_SCALE_WORDS = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12,
}
# Symbols and codes as filings write them, longest first where one holds another ("A$" before "$").
# Nothing is converted: an amount keeps the currency it is stated in.
_CURRENCIES = (
    ("US$", "USD"), ("U.S.$", "USD"), ("U.S. $", "USD"), ("AU$", "AUD"), ("A$", "AUD"), ("CA$", "CAD"), ("C$", "CAD"),
    ("HK$", "HKD"), ("NZ$", "NZD"), ("NT$", "TWD"), ("MX$", "MXN"), ("R$", "BRL"), ("S$", "SGD"), ("JP¥", "JPY"),
    ("USD", "USD"), ("EUR", "EUR"), ("GBP", "GBP"), ("CHF", "CHF"), ("JPY", "JPY"), ("CAD", "CAD"), ("AUD", "AUD"),
    ("SEK", "SEK"), ("NOK", "NOK"), ("DKK", "DKK"), ("SGD", "SGD"), ("HKD", "HKD"), ("INR", "INR"), ("CNY", "CNY"),
    ("RMB", "CNY"), ("KRW", "KRW"), ("NZD", "NZD"), ("BRL", "BRL"),
    ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("₩", "KRW"),
    ("euros", "EUR"), ("pounds", "GBP"), ("yen", "JPY"), ("francs", "CHF"), ("dollars", "USD"),
)
_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(thousand|million|billion|trillion|bn|mn|[mbkMBK])?\b", re.I)
_PAREN_FIGURE = re.compile(r"\(\s*(?:US)?\$\s?(\d[\d,]*(?:\.\d+)?)\s*\)")
_QUALIFIERS = (
    ("approximately", "approximately"), ("approx.", "approximately"), ("about", "approximately"),
    ("roughly", "approximately"), ("nearly", "approximately"), ("up to", "up to"), ("more than", "more than"),
    ("in excess of", "more than"), ("exceeding", "more than"), ("over", "over"), ("at least", "at least"),
    ("a minimum of", "minimum"), ("minimum of", "minimum"), ("minimum", "minimum"), ("not to exceed", "up to"),
    ("no less than", "at least"), ("not less than", "at least"), ("less than", "less than"),
)
_REDACTED = re.compile(r"\[\s*(?:\*+|x+|redacted)\s*\]", re.I)


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str


MAX_AMOUNT = 1e13  # $10 trillion: above it a figure is not a contract value but a broken number
_HIGH_COUNT_CURRENCIES = frozenset({"JPY", "KRW", "INR", "IDR", "VND", "HUF", "CLP", "COP"})


def sane_amount(amount: float | None, currency: str = "USD") -> float | None:
    """The amount when it is a finite, non-negative number below the bound (1,000 times higher for
    currencies counted in large units such as yen and won); None otherwise."""
    if amount is None or not math.isfinite(amount) or amount < 0:
        return None
    bound = MAX_AMOUNT * (1000 if currency in _HIGH_COUNT_CURRENCIES else 1)
    return amount if amount <= bound else None


def parse_money(text: str, *, scale: float = 1.0) -> Money | None:
    """The amount and currency a money phrase states, in currency units (None for an amount that
    is not finite or is past ``MAX_AMOUNT``)."""
    money = _parse_money(text, scale=scale)
    if money is None or sane_amount(money.amount, money.currency) is None:
        return None
    return money


def _parse_money(text: str, *, scale: float = 1.0) -> Money | None:
    """The amount and currency a money phrase states, in currency units.

    ``scale`` multiplies bare figures, for table cells stated "in thousands" (1000)
    or "in millions"; a figure with its own scale word ("$2 million") ignores it.
    Redacted amounts (``$[***]``) are not values: None.
    """
    if _REDACTED.search(text):
        return None
    currency = currency_of(text)
    paren = _PAREN_FIGURE.search(text)
    if paren:
        return Money(float(paren.group(1).replace(",", "")), currency)
    m = _FIGURE.search(text)
    if m is None:
        amount = words_to_number(text)
        return Money(amount, currency) if amount else None
    value = float(m.group(1).replace(",", ""))
    word = m.group(2)
    if word:
        if word in ("M", "B", "K") or word.lower() in _SCALE_WORDS:
            value *= _SCALE_WORDS[word.lower()]
    else:
        value *= scale
    return Money(round(value, 2), currency)


def currency_of(text: str) -> str:
    """The currency a money phrase is stated in (USD when it names none)."""
    upper = text.upper()
    for token, code in _CURRENCIES:
        where = upper if token.isalpha() and token.isupper() else text  # "usd 5 million" as "USD"
        if token in where or (token.isalpha() and token.islower() and token in text.lower()):
            return code
    return "USD"


def money_qualifier(before: str) -> str | None:
    """The qualifier word(s) right before an amount: "approximately", "up to", "over" ..."""
    tail = before.lower().rstrip()[-40:]
    best: tuple[int, str] | None = None
    for phrase, name in _QUALIFIERS:
        m = re.search(r"\b" + re.escape(phrase) + r"(?:\s+(?:of|a|an|aggregate|total|amount))*\s*$", tail)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


def table_scale(caption: str) -> float:
    """The multiplier a table caption states: "(in thousands)" -> 1000, "(in millions)" -> 1e6."""
    low = caption.lower()
    # "(in thousands)", "($ in millions)", "(€ thousands)", "(US$ millions)", "(EUR thousands)"
    unit = r"(?:in\s+|\(\s*(?:in\s+)?(?:[$\u20ac\u00a3\u00a5]|us\$|c\$|a\$|eur|usd|gbp|jpy|cad|nok|sek|chf)\s*(?:in\s+)?)"
    if re.search(unit + r"thousands", low):
        return 1e3
    if re.search(unit + r"millions", low):
        return 1e6
    if re.search(unit + r"billions", low):
        return 1e9
    return 1.0
