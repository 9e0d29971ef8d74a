"""Property tests: every normalizer in extractor/rules/ takes arbitrary text (and text built from
the pieces filings use: digits, scale words, currency signs, units, dates) and returns a value
or None, never raises; the values it returns are finite and in range."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.invariants import real_date
from extractor.rules.link.parties import filer_definition, read_definitions, role_kind
from extractor.rules.normalize.capacity import parse_capacity
from extractor.rules.normalize.durations import MAX_MONTHS, duration_unit, parse_date, parse_days, parse_months
from extractor.rules.normalize.money import MAX_AMOUNT, currency_of, money_qualifier, parse_money, table_scale
from extractor.rules.normalize.names import clean_name, expand_name, looks_like_name, proper_names
from extractor.rules.normalize.notice import find_notice
from extractor.rules.normalize.numerals import parse_number, parse_ordinal, words_to_number
from extractor.rules.normalize.periods import parse_period

PIECES = st.sampled_from([
    "$", "€", "£", "¥", "A$", "C$", "HK$", "CHF", "USD", "EUR", " ", ",", ".", "(", ")", "-", "/", "th", "st",
    "million", "billion", "trillion", "thousand", "hundred", "five", "ninety", "twenty-four", "per month", "a year",
    "quarterly", "months", "years", "days", "weeks", "MW", "GW", "kW", "GPUs", "megawatts", "anniversary", "third",
    "January", "June 31", "December 31st", "2029", "2029-12-31", "13/45/2029", "through", "approximately", "up to",
    "Inc.", "LLC", "the Customer", "(the \u201cProvider\u201d)", "either party", "notice", "terminate", "&#", ";",
    "9" * 30, "1e308", "0", "00", "\u00b2", "\u0663", "\ufffd", "\x00",
])
FILING_TEXT = st.lists(st.one_of(PIECES, st.integers(0, 10**12).map(str), st.text(max_size=8)), max_size=25).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=200), FILING_TEXT)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(ANY_TEXT)
def test_numbers_and_dates(text):
    for value in (parse_number(text), words_to_number(text)):
        assert value is None or math.isfinite(value)
    ordinal = parse_ordinal(text)
    assert ordinal is None or 0 <= ordinal < 10**4
    months, days = parse_months(text), parse_days(text)
    assert months is None or 0 <= months <= MAX_MONTHS
    assert days is None or 0 <= days <= MAX_MONTHS * 31
    assert duration_unit(text) in (None, "day", "week", "month", "quarter", "year")
    when = parse_date(text)
    assert when is None or real_date(when)
    assert parse_period(text) in (None, "month", "quarter", "year")


@SETTINGS
@given(ANY_TEXT, st.sampled_from([1.0, 1000.0, 1e6]))
def test_money(text, scale):
    money = parse_money(text, scale=scale)
    assert money is None or (math.isfinite(money.amount) and 0 <= money.amount <= MAX_AMOUNT * 1000)
    assert isinstance(currency_of(text), str)
    assert money_qualifier(text) is None or isinstance(money_qualifier(text), str)
    assert table_scale(text) > 0


@SETTINGS
@given(ANY_TEXT)
def test_capacity_and_notice(text):
    capacity = parse_capacity(text)
    assert capacity is None or math.isfinite(capacity.value)
    notice = find_notice(text, [(0, len(text))] if text else [])
    assert notice is None or notice.days is None or 0 <= notice.days <= MAX_MONTHS * 31


@SETTINGS
@given(ANY_TEXT)
def test_party_names(text):
    assert isinstance(clean_name(text), str)
    assert looks_like_name(text) in (True, False)
    role_kind(text)
    aliases, roles, filer = read_definitions(text)
    assert isinstance(aliases, dict) and isinstance(roles, dict)
    assert filer is None or isinstance(filer, str)
    filer_definition(text)
    assert all(isinstance(name, str) for _, name in proper_names(text))
    assert isinstance(expand_name(text, text[:10]), str)
