"""Fee periods: per month, monthly, each month, per annum, annually, per quarter ..."""

from __future__ import annotations

import re

_PERIODS = (
    ("month", re.compile(r"\bmonth(?:ly)?\b|\bper\s+mo\b", re.I)),
    ("quarter", re.compile(r"\bquarter(?:ly)?\b", re.I)),
    ("year", re.compile(r"\byears?\b|\bannum\b|\bannual(?:ly)?\b", re.I)),
)
MONTHS_IN = {"month": 1, "quarter": 3, "year": 12}


def parse_period(text: str) -> str | None:
    """``"per annum"`` -> "year"; ``"each month"`` -> "month"; None for anything else."""
    for name, regex in _PERIODS:
        if regex.search(text):
            return name
    return None


def monthly_amount(amount: float, period: str) -> float:
    """The per-month amount of a fee stated per ``period`` (for a derived monthly fee)."""
    return round(amount / MONTHS_IN[period], 2)
