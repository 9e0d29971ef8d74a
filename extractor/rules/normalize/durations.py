"""Dates and durations: "through May 2029", "until May 31, 2029", "a five-year term",
"36 months", "the second quarter of 2029", "the third anniversary of the effective date"."""

from __future__ import annotations

import datetime
import re

from extractor.rules.normalize.numerals import parse_number, parse_ordinal

MONTH_NUMBERS = {
    name: i
    for i, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}
_UNIT_MONTHS = {"year": 12, "quarter": 3, "month": 1, "week": None, "day": None}
_UNIT = re.compile(r"\b(year|quarter|month|week|day)s?\b", re.I)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(?:(\d{1,2})(?:st|nd|rd|th)?)?,?\s*(?:of\s+)?((?:19|20)\d\d)\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+((?:19|20)\d\d)\b")
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d{2})-(\d{2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
_QUARTER = re.compile(r"\b(first|second|third|fourth)\s+(?:calendar\s+|fiscal\s+)?quarter\s+of\s+(?:fiscal\s+)?((?:19|20)\d\d)", re.I)


def _ymd(year: str, month: int, day: int | None) -> str | None:
    """"YYYY-MM-DD" (or "YYYY-MM" without a day) when it is a real date; a day the month does
    not have ("June 31") keeps the month, which the text does state; a month past 12 is no date."""
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year}-{month:02d}"
    try:
        datetime.date(int(year), month, day)
    except ValueError:
        return f"{year}-{month:02d}"
    return f"{year}-{month:02d}-{day:02d}"


def parse_date(text: str) -> str | None:
    """A date as precise as the text: "May 31, 2029", "May 31st, 2029", "31 May 2029", "2029-05-31"
    and "5/31/2029" -> "2029-05-31", "May 2029" -> "2029-05", "fiscal 2028" -> "2028", "the second
    quarter of 2029" -> "2029" (a quarter names no month). Dates are checked against the calendar."""
    m = _QUARTER.search(text)
    if m:
        return m.group(2)
    m = _ISO.search(text)
    if m:
        return _ymd(m.group(1), int(m.group(2)), int(m.group(3)))
    m = _NUMERIC.search(text)
    if m:
        return _ymd(m.group(3), int(m.group(1)), int(m.group(2)))
    m = _DAY_MONTH.search(text)
    if m and m.group(2).lower() in MONTH_NUMBERS:
        return _ymd(m.group(3), MONTH_NUMBERS[m.group(2).lower()], int(m.group(1)))
    m = _MONTH_DAY.search(text)
    if m and m.group(1).lower() in MONTH_NUMBERS:
        return _ymd(m.group(3), MONTH_NUMBERS[m.group(1).lower()], int(m.group(2)) if m.group(2) else None)
    m = _YEAR.search(text)
    return m.group(1) if m and not _ISO_LIKE.search(text) else None


_ISO_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}")


def duration_unit(text: str) -> str | None:
    """"year", "quarter", "month", "week" or "day" for a duration phrase."""
    m = _UNIT.search(text)
    return m.group(1).lower() if m else None


MAX_MONTHS = 1200  # a hundred years: past it a duration is a broken number, not a term


def parse_months(text: str) -> int | None:
    """A duration in months: "five-year" -> 60, "36 months" -> 36, "two (2) years" -> 24,
    "the third anniversary" -> 36. Days and weeks are not months: None."""
    if "anniversary" in text.lower():
        n = parse_ordinal(text)
        return n * 12 if n and n * 12 <= MAX_MONTHS else None
    unit = duration_unit(text)
    if unit not in ("year", "quarter", "month"):
        return None
    n = parse_number(text)
    if n is None or not 0 <= n * _UNIT_MONTHS[unit] <= MAX_MONTHS:
        return None
    return int(round(n * _UNIT_MONTHS[unit]))


def parse_days(text: str) -> int | None:
    """A notice period in days: "ninety (90) days" -> 90, "three months" -> 90, "six months" -> 180,
    "one year" -> 365, "two weeks" -> 14."""
    unit = duration_unit(text)
    n = parse_number(text)
    if n is None or unit is None:
        return None
    factor = {"day": 1, "week": 7, "month": 30, "quarter": 90, "year": 365}[unit]
    if not 0 <= n * factor <= MAX_MONTHS * 31:
        return None
    return int(round(n * factor))
