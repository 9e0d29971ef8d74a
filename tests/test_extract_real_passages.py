"""The 62 real labelled passages (read from ../shared, never copied): no contract from
any negative, field floors on the positives, and checkable evidence everywhere."""

import json

import pytest

from extractor.pipeline import process_bytes

# Floors measured on the real passages; they may only go up.
FLOORS = {
    "total_value_usd": 0.9,
    "term_end": 0.85,
    "term_months": 0.9,
    "termination_notice_days": 0.85,
    "capacity_mw": 0.9,
}


def _value(contract, field):
    getters = {
        "total_value_usd": lambda c: c.total_value and c.total_value.amount,
        "term_end": lambda c: c.term and c.term.end,
        "term_months": lambda c: c.term and c.term.months,
        "termination_notice_days": lambda c: c.termination_notice and c.termination_notice.days,
        "capacity_mw": lambda c: c.capacity and c.capacity.mw,
    }
    return getters[field](contract) or None


@pytest.fixture(scope="module")
def results(real_passages_path):
    passages = json.loads(real_passages_path.read_text(encoding="utf-8"))
    return [(p, process_bytes(p["text"].encode(), source=p["id"])) for p in passages]


def test_no_negative_gives_a_contract(results):
    offenders = [p["id"] for p, r in results if p["is_negative"] and r.contracts]
    assert offenders == []


def test_most_positives_give_a_contract(results):
    positives = [r for p, r in results if not p["is_negative"]]
    assert sum(1 for r in positives if r.contracts) >= 0.9 * len(positives)


def test_field_f1_floors(results):
    for field, floor in FLOORS.items():
        tp = fp = fn = 0
        for passage, result in results:
            predicted = [_value(c, field) for c in result.contracts]
            for label in passage["labels"]["contracts"]:
                want = label.get(field)
                if want is not None and want in predicted:
                    tp += 1
                    predicted.remove(want)
                elif want is not None:
                    fn += 1
            fp += sum(1 for v in predicted if v is not None)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        assert f1 >= floor, f"{field}: F1 {f1:.2f} under the floor {floor}"


def test_every_span_slices_the_text(results):
    for passage, result in results:
        for contract in result.contracts:
            for ev in contract.evidence:
                assert passage["text"][ev.start : ev.end] == ev.text, passage["id"]
