"""Money normalizer: each written form of an amount, on its own."""

import pytest

from extractor.rules.normalize.money import Money, money_qualifier, parse_money, table_scale


@pytest.mark.parametrize(
    "text, amount, currency",
    [
        ("$1.25 billion", 1_250_000_000, "USD"),
        ("$1,250,000,000", 1_250_000_000, "USD"),
        ("USD 900 million", 900_000_000, "USD"),
        ("$1.25bn", 1_250_000_000, "USD"),
        ("US$14.2 billion", 14_200_000_000, "USD"),
        ("$3.1M", 3_100_000, "USD"),
        ("$11.2 Billion", 11_200_000_000, "USD"),
        ("one hundred twenty-five million dollars ($125,000,000)", 125_000_000, "USD"),
        ("Two Million Five Hundred Thousand Dollars ($2,500,000)", 2_500_000, "USD"),
        ("one hundred twenty-five million dollars", 125_000_000, "USD"),
        ("$500", 500, "USD"),
        ("€365 million", 365_000_000, "EUR"),
    ],
)
def test_parse_money(text, amount, currency):
    assert parse_money(text) == Money(amount, currency)


def test_table_amounts_in_thousands_are_scaled_but_stated_scales_win():
    assert parse_money("$ 18,420", scale=1000).amount == 18_420_000
    assert parse_money("$2 million", scale=1000).amount == 2_000_000


@pytest.mark.parametrize("text", ["$[***]", "$[xxxxxx]", "$ [*****]"])
def test_redacted_amounts_are_not_values(text):
    assert parse_money(text) is None


@pytest.mark.parametrize(
    "before, qualifier",
    [
        ("the deal could bring in over ", "over"),
        ("committed to spend at least ", "at least"),
        ("valued at approximately ", "approximately"),
        ("a multi-year agreement valued at more than ", "more than"),
        ("an obligation to purchase a minimum of ", "minimum"),
        ("capacity of up to ", "up to"),
        ("we pay Lumen roughly ", "approximately"),
        ("we pay ", None),
    ],
)
def test_qualifier_before_an_amount(before, qualifier):
    assert money_qualifier(before) == qualifier


@pytest.mark.parametrize(
    "caption, scale",
    [("(in thousands, except per share data)", 1e3), ("($ in millions)", 1e6), ("(In Thousands)", 1e3), ("Revenue", 1.0)],
)
def test_table_scale_from_caption(caption, scale):
    assert table_scale(caption) == scale
