"""The 62 real labelled passages (read from ../shared, never copied): no contract from any
negative, most positives give one, and every evidence span (the contract's and each field's)
slices the parsed Document.text. Field F1 floors live in fixtures/eval-floors-real.json
(tests/test_eval_gate.py)."""

import json

import pytest

from extractor.pipeline import parse_filing, process_bytes

_FIELDS = ("fee", "monthly_fee", "total_value", "term", "termination_notice", "capacity", "facility", "prepayment", "renewal")


@pytest.fixture(scope="module")
def results(real_passages_path):
    passages = json.loads(real_passages_path.read_text(encoding="utf-8"))
    return [
        (p, parse_filing(p["text"].encode(), source=p["id"]), process_bytes(p["text"].encode(), source=p["id"]))
        for p in passages
    ]


def test_no_negative_gives_a_contract(results):
    offenders = [p["id"] for p, _, r in results if p["is_negative"] and r.contracts]
    assert offenders == []


def test_most_positives_give_a_contract(results):
    positives = [r for p, _, r in results if not p["is_negative"]]
    assert sum(1 for r in positives if r.contracts) >= 0.9 * len(positives)


def _field_values(contract):
    for name in _FIELDS:
        value = getattr(contract, name)
        if value is not None:
            yield name, value
    for discount in contract.discounts:
        yield "discounts", discount


def test_every_span_slices_the_document_text(results):
    checked = 0
    for passage, document, result in results:
        text = document.text
        for contract in result.contracts:
            assert contract.evidence, passage["id"]
            for ev in contract.evidence:
                assert text[ev.start : ev.end] == ev.text, passage["id"]
            for name, value in _field_values(contract):
                ev = value.evidence
                assert text[ev.start : ev.end] == ev.text, (passage["id"], name)
                for piece in value.text.split(" ... "):  # a term may join its end and its length
                    assert piece in ev.text, (passage["id"], name, piece)
                checked += 1
    assert checked > 50  # the check ran over the fields of most positives
