"""Fee periods and the derived monthly amount."""

import pytest

from extractor.rules.normalize.periods import monthly_amount, parse_period


@pytest.mark.parametrize(
    "text, period",
    [
        ("per month", "month"), ("monthly", "month"), ("each month", "month"), ("a month", "month"), ("/month", "month"),
        ("per annum", "year"), ("annually", "year"), ("per year", "year"), ("in each contract year", "year"),
        ("in each of the three years", "year"), ("per quarter", "quarter"), ("each quarter", "quarter"), ("quarterly", "quarter"),
        ("per share", None), ("thereafter", None),
    ],
)
def test_parse_period(text, period):
    assert parse_period(text) == period


def test_monthly_amount_from_other_periods():
    assert monthly_amount(120_000_000, "year") == 10_000_000
    assert monthly_amount(4_500_000, "quarter") == 1_500_000
    assert monthly_amount(75_000_000, "month") == 75_000_000
