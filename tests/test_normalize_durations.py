"""Dates, durations and notice lengths, and the number words under them."""

import pytest

from extractor.rules.normalize.durations import parse_date, parse_days, parse_months
from extractor.rules.normalize.numerals import parse_number, parse_ordinal, words_to_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("May 2029", "2029-05"),
        ("May 31, 2029", "2029-05-31"),
        ("September 30 2026", "2026-09-30"),
        ("fiscal 2028", "2028"),
        ("2028", "2028"),
        ("second quarter of 2029", "2029"),
        ("fourth quarter of fiscal 2032", "2032"),
        ("6/30/2020", "2020-06-30"),
        ("no date here", None),
    ],
)
def test_parse_date(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize(
    "text, months",
    [
        ("five-year", 60), ("five years", 60), ("36 months", 36), ("15-year", 180), ("two (2) years", 24),
        ("thirty-six (36) month", 36), ("four contract years", 48), ("10-Year", 120), ("one year", 12),
        ("third anniversary", 36), ("90 days", None), ("two weeks", None),
    ],
)
def test_parse_months(text, months):
    assert parse_months(text) == months


@pytest.mark.parametrize(
    "text, days",
    [
        ("ninety (90) days", 90), ("90 days", 90), ("three months", 90), ("six (6) months", 180), ("one month", 30),
        ("one hundred eighty (180) days", 180), ("365 calendar days", 365), ("two weeks", 14), ("notice", None),
    ],
)
def test_parse_days(text, days):
    assert parse_days(text) == days


def test_number_words():
    assert words_to_number("one hundred twenty-five million") == 125_000_000
    assert words_to_number("twenty-four") == 24
    assert words_to_number("no number") is None
    assert parse_number("ninety (90)") == 90
    assert parse_number("1,024") == 1024
    assert parse_ordinal("third") == 3 and parse_ordinal("5th") == 5
