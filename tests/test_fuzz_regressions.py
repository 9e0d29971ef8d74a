"""The crash classes a mutation campaign found (issue 14), each with a small reproducer of our
own: bad input gives a value, None, or a one-line error, never a traceback; and no result
carries a value that is not finite or a date that does not exist."""

from __future__ import annotations

import math

import pytest

from extractor.invariants import real_date, violations
from extractor.models import FilingResult
from extractor.pipeline import process_bytes
from extractor.rules.normalize.durations import parse_days, parse_months
from extractor.rules.normalize.money import MAX_AMOUNT, parse_money, sane_amount
from extractor.rules.normalize.numerals import parse_number, parse_ordinal
from extractor.sections.headings import looks_like_toc_line

SUBMISSION = (
    "<SEC-DOCUMENT>0000000000-26-000001.txt\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t8-K\n</SEC-HEADER>\n"
    "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>{seq}\n<FILENAME>a.htm\n<TEXT>\n{body}\n</TEXT>\n</DOCUMENT>\n"
)
DEAL = "Nimbus AI, Inc. has agreed to pay us {fee} per month for GPU cloud capacity under the compute services agreement for {term}."


def _run(text: str) -> FilingResult:
    result = process_bytes(text.encode("utf-8"), source="fuzzed.txt")
    FilingResult.model_validate_json(result.model_dump_json())  # the JSON written reads back
    return result


def test_a_sequence_that_is_not_an_ascii_number():
    result = _run(SUBMISSION.format(seq="\u00b9\u00b2", body=DEAL.format(fee="$5 million", term="36 months")))
    assert result.documents[0].id == "8-K" and result.contracts[0].monthly_fee.amount == 5e6


def test_a_duration_so_large_it_is_infinite():
    assert parse_months("1" + "0" * 400 + " years") is None and parse_days("9" * 500 + " days") is None
    result = _run(DEAL.format(fee="$5 million", term="1" + "0" * 400 + " years"))
    assert result.contracts and result.contracts[0].term is None or result.contracts[0].term.months is None


def test_numbers_with_thousands_of_digits():
    assert parse_ordinal("the " + "1" * 5000 + "th anniversary") is None
    assert parse_number("9" * 5000) is None  # float('9' * 5000) is inf
    assert parse_months("the " + "7" * 5000 + "th anniversary") is None


def test_a_numeric_character_reference_with_thousands_of_digits():
    body = "<html><body>" + "&#" + "9" * 5000 + "; " + DEAL.format(fee="$5 million", term="36 months") + "</body></html>"
    plain = "\n".join([body] * 4)  # a plain-text filing in an <html> wrapper: entities decoded by us
    result = _run(plain + "\n" + "x" * 21000)
    assert any(c.monthly_fee and c.monthly_fee.amount == 5e6 for c in result.contracts)


@pytest.mark.parametrize("figure", ["$" + "9" * 400, "$1" + "0" * 320 + " billion", "$99,999 trillion"])
def test_an_amount_past_any_bound_is_no_amount(figure):
    assert parse_money(figure) is None
    result = _run(DEAL.format(fee=figure, term="36 months"))
    for contract in result.contracts:
        for value in (contract.fee, contract.monthly_fee, contract.total_value):
            assert value is None or value.amount is None or (math.isfinite(value.amount) and value.amount <= MAX_AMOUNT)


def test_the_bounds():
    assert sane_amount(1.25e9) == 1.25e9 and sane_amount(float("inf")) is None and sane_amount(float("nan")) is None
    assert sane_amount(5e13) is None and sane_amount(5e13, "JPY") == 5e13 and sane_amount(-1.0) is None
    assert real_date("2029-02-28") and real_date("2029-12") and real_date("2029")
    assert not real_date("2029-06-31") and not real_date("2029-13") and not real_date("29-01-01")


def test_the_pipeline_refuses_a_result_whose_evidence_is_not_its_text():
    result = _run(DEAL.format(fee="$5 million", term="36 months"))
    texts = {result.documents[0].id: "x" * 10}
    assert violations(result, texts)
    assert violations(result, {result.documents[0].id: DEAL.format(fee="$5 million", term="36 months") + "\n"}) == []


@pytest.mark.timeout(60)
def test_an_item_line_with_a_long_run_of_spaces_is_read_in_linear_time():
    # found by the 100,000-input run (a hang): 'Item 1. Business' followed by tens of thousands of
    # spaces made the table-of-contents test backtrack quadratically (minutes per line)
    line = "Item 1. Business" + " " * 60_000 + "x"
    assert not looks_like_toc_line(line) and looks_like_toc_line("Item 1. Business" + " " * 60_000 + "3")
    assert looks_like_toc_line("Business | 3") and looks_like_toc_line("Risk Factors F-12") and not looks_like_toc_line("Business")
    filing = "<html><body><p>Item 1. Business" + "&#160;" * 30_000 + "x</p><p>" + DEAL.format(fee="$5 million", term="36 months") + "</p></body></html>"
    result = _run(filing)
    assert any(c.monthly_fee and c.monthly_fee.amount == 5e6 for c in result.contracts)
