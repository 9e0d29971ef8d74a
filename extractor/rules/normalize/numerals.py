"""Numbers as SEC text writes them: digits, words, and both ("ninety (90)")."""

from __future__ import annotations

import math
import re

_UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "fifteenth": 15, "twentieth": 20,
}
_PAREN_DIGITS = re.compile(r"\((\d[\d,]*(?:\.\d+)?)\)")
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"[a-z]+")


def words_to_number(text: str) -> float | None:
    """``"one hundred twenty-five million"`` -> 125000000; None when no number word is there."""
    total = current = 0
    seen = False
    for word in _WORD.findall(text.lower()):
        if word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
            seen = True
        elif word == "and":
            continue
        elif seen:
            break
    return float(total + current) if seen else None


def parse_number(text: str) -> float | None:
    """The number a phrase states: digits in parentheses win ("five (5)"), then digits, then words."""
    m = _PAREN_DIGITS.search(text) or _DIGITS.search(text)
    if m:
        value = float(m.group(1 if m.re is _PAREN_DIGITS else 0).replace(",", ""))
        return value if math.isfinite(value) else None
    return words_to_number(text)


def parse_ordinal(text: str) -> int | None:
    """``"third"`` -> 3, ``"3rd"`` -> 3."""
    m = re.search(r"\b(\d{1,4})(?:st|nd|rd|th)\b", text)  # never int() of thousands of digits
    if m:
        return int(m.group(1))
    for word in _WORD.findall(text.lower()):
        if word in _ORDINALS:
            return _ORDINALS[word]
    return None
