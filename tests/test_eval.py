"""extractor eval: the scorer on hand-made predictions, the gold sets through the real pipeline, the gate."""

from __future__ import annotations

import json

import pytest

from extractor.cli import main
from extractor.errors import InputError
from extractor.evaluate import (
    FIELD_NAMES,
    UNLABELLED,
    ContractFields,
    Passage,
    Scores,
    evaluate,
    filer_from_source_note,
    load_gold,
    names_match,
    score_passage,
)
from extractor.models import Contract, Evidence, Fee, MonthlyFee, Party, Term, TerminationNotice
from conftest import FIXTURES

LABEL_KEYS = ("provider", "customer", "monthly_fee_usd", "fee_amount_as_stated_usd", "fee_period_as_stated",
              "total_value_usd", "term_end", "term_months", "termination_notice_days", "termination_party",
              "capacity_mw", "discount_months")


def label(**values) -> ContractFields:
    return ContractFields.from_label({key: values.get(key) for key in LABEL_KEYS})


def fields(**values) -> ContractFields:
    return ContractFields(tuple(values.get(name) for name in FIELD_NAMES))


EXPECTED = label(provider="Stratos Compute, Inc.", customer="Meridian AI Labs PBC", monthly_fee_usd=1_250_000_000,
                 fee_amount_as_stated_usd=1_250_000_000, fee_period_as_stated="month", term_end="2029-05",
                 termination_notice_days=90, termination_party="either")
RIGHT = fields(provider="Stratos Compute", customer="Meridian", monthly_fee=1.25e9, fee_amount=1.25e9,
               fee_period="month", term_end="2029-05-31", notice_days=90, notice_party="either")


def scored(labels, predictions, passage_id="p1") -> Scores:
    scores = Scores()
    score_passage(scores, passage_id, labels, predictions)
    return scores


def test_right_prediction_scores_every_labelled_field_as_true_positive():
    s = scored([EXPECTED], [RIGHT])
    assert (s.contracts.tp, s.contracts.fp, s.contracts.fn) == (1, 0, 0)
    for name in ("provider", "customer", "monthly_fee", "fee_amount", "fee_period", "term_end", "notice_days", "notice_party"):
        assert (s.fields[name].tp, s.fields[name].fp, s.fields[name].fn) == (1, 0, 0), name
    for name in ("total_value", "term_months", "capacity_mw", "discount_months"):
        assert s.fields[name].f1 is None, name  # neither labelled nor predicted: not measured
    assert s.misses == []


def test_wrong_value_is_both_false_positive_and_false_negative():
    wrong = fields(**{**dict(zip(FIELD_NAMES, RIGHT.values)), "monthly_fee": 12.5e9, "notice_party": "customer"})
    s = scored([EXPECTED], [wrong])
    assert (s.fields["monthly_fee"].tp, s.fields["monthly_fee"].fp, s.fields["monthly_fee"].fn) == (0, 1, 1)
    assert (s.fields["notice_party"].fp, s.fields["notice_party"].fn) == (1, 1)
    assert s.fields["provider"].tp == 1
    misses = {(m.field, m.kind, m.expected, m.got) for m in s.misses}
    assert ("monthly_fee", "wrong", 1_250_000_000, 12.5e9) in misses
    assert s.fields["monthly_fee"].f1 == 0.0


def test_missing_contract_counts_every_label_as_false_negative():
    s = scored([EXPECTED], [])
    assert (s.contracts.tp, s.contracts.fn) == (0, 1)
    assert s.fields["provider"].fn == 1 and s.fields["term_end"].fn == 1
    assert s.fields["total_value"].fn == 0
    assert s.fields["provider"].recall == 0.0 and s.fields["provider"].precision is None


def test_extra_contract_on_a_negative_counts_every_value_as_false_positive():
    s = scored([], [fields(total_value=2.5e9, term_months=60)], passage_id="neg-loan")
    assert (s.contracts.fp, s.contracts.tp) == (1, 0)
    assert s.fields["total_value"].fp == 1 and s.fields["term_months"].fp == 1
    assert {(m.passage_id, m.field, m.kind) for m in s.misses} >= {("neg-loan", "contract", "extra"), ("neg-loan", "total_value", "extra")}


def test_two_contracts_align_by_field_overlap_not_order():
    aws = label(provider="Amazon Web Services", customer="Snap", total_value_usd=1e9, term_months=60)
    google = label(provider="Google", customer="Snap", fee_amount_as_stated_usd=4e8, fee_period_as_stated="year")
    predictions = [fields(provider="Google LLC", fee_amount=4e8, fee_period="year"),
                   fields(provider="Amazon Web Services, Inc.", total_value=1e9, term_months=60)]
    s = scored([aws, google], predictions)
    assert s.contracts.tp == 2
    assert s.fields["provider"].tp == 2 and s.fields["total_value"].tp == 1 and s.fields["fee_amount"].tp == 1
    assert s.fields["customer"].fn == 2  # labelled, not predicted


@pytest.mark.parametrize(
    "expected, got, same",
    [
        ("Anthropic PBC", "Anthropic", True),
        ("Microsoft (Azure)", "Azure", True),
        ("The Marygold Companies, Inc.", "marygold companies", True),
        ("Amazon Web Services", "AWS", True),
        ("AWS", "Amazon Web Services, Inc.", True),
        ("Amazon Web Services", "AMD", False),
        ("Bit Digital, Inc.", "Bitcoin Depot", False),
        ("Google Cloud", "Oracle", False),
    ],
)
def test_names_match_on_main_token(expected, got, same):
    assert names_match(expected, got) is same


def test_amounts_within_half_a_percent_and_dates_at_label_precision():
    def hit(name, expected, got):
        return scored([label(**{name: expected})], [fields(**{field: got})]).fields[field].tp == 1

    field = "total_value"
    assert hit("total_value_usd", 14_200_000_000, 14.25e9)  # 0.35% off
    assert not hit("total_value_usd", 14_200_000_000, 14.3e9)  # 0.7% off
    field = "term_end"
    assert hit("term_end", "2029", "2029-06")
    assert hit("term_end", "2029-05", "2029-05-31")
    assert not hit("term_end", "2029-05-31", "2029-05")  # less precise than the label
    assert not hit("term_end", "2029-05", "2029-06")


def _evidence() -> Evidence:
    return Evidence(section="body", start=0, end=10, text="0123456789")


def test_prediction_fields_come_from_the_contract_model_and_skip_derived_monthly_fees():
    ev = _evidence()
    contract = Contract(
        id="c1",
        provider=Party(name="Stratos Compute, Inc.", is_filer=True),
        customer=Party(name="Meridian"),
        fee=Fee(amount=15e9, period="year", text="x", evidence=ev),
        monthly_fee=MonthlyFee(amount=1.25e9, derived=True, text="x", evidence=ev),
        term=Term(end="2029-05", months=None, text="x", evidence=ev),
        termination_notice=TerminationNotice(days=90, party="either", text="x", evidence=ev),
    )
    got = ContractFields.from_contract(contract)
    assert got.get("provider") == "Stratos Compute, Inc." and got.get("fee_period") == "year"
    assert got.get("monthly_fee") is None  # derived from the annual fee: not a stated monthly fee
    assert got.get("notice_days") == 90 and got.get("term_end") == "2029-05"


def test_evaluate_counts_negatives_with_a_contract_and_pipeline_failures():
    from extractor.errors import ParseError

    passages = [
        Passage("pos", "text", False, "Filer Inc.", (EXPECTED,)),
        Passage("neg", "text", True, "Filer Inc.", ()),
        Passage("bad", "text", False, None, (EXPECTED,)),
    ]
    right = Contract(id="c", provider=Party(name="Stratos"), customer=Party(name="Meridian AI Labs"))

    def predictor(passage):
        if passage.id == "bad":
            raise ParseError("cannot parse", source="bad")
        if passage.id == "bug":
            raise IndexError("list index out of range")
        return [right]

    passages.append(Passage("bug", "text", True, None, ()))
    report = evaluate(passages, predictor=predictor)
    assert report.negatives_with_contract == ["neg"]
    assert report.failures == [("bad", "bad: cannot parse"), ("bug", "IndexError: list index out of range")]
    assert (report.scores.contracts.tp, report.scores.contracts.fp, report.scores.contracts.fn) == (1, 1, 1)
    assert report.as_dict()["negatives_with_contract"] == 1


def test_filer_is_read_from_the_real_sets_source_note():
    assert filer_from_source_note("Lyft, Inc. Form 10-Q for the quarter ended June 30, 2019") == "Lyft, Inc."
    assert filer_from_source_note("MuleSoft, Inc. (CIK 1374684) Form 10-K for 2017") == "MuleSoft, Inc."
    assert filer_from_source_note("Recode/Vox article quoting Snap Inc. Form S-1 (Feb 2017).") == "Snap Inc."
    assert filer_from_source_note("News article, January 2026.") is None
    assert filer_from_source_note(None) is None


def test_bad_gold_files_are_one_clear_error(tmp_path):
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable JSON gold file"):
        load_gold(tmp_path / "broken.json")
    (tmp_path / "broken.json").write_text('[{"id": "x", "text": "t"}]', encoding="utf-8")
    with pytest.raises(InputError, match="lacks"):
        load_gold(tmp_path / "broken.json")
    with pytest.raises(InputError, match="no such gold"):
        load_gold(tmp_path / "absent.json")


# --- the gold sets through the real pipeline --------------------------------------------


def _check_machinery(report, passages):
    labelled = sum(len(p.labels) for p in passages)
    c = report.scores.contracts
    assert c.tp + c.fn == labelled
    assert report.passages == len(passages) and report.negatives == sum(p.is_negative for p in passages)
    for spec_name, counts in report.scores.fields.items():
        index = FIELD_NAMES.index(spec_name)
        stated = sum(lab.values[index] is not None and lab.values[index] is not UNLABELLED for p in passages for lab in p.labels)
        assert counts.tp + counts.fn == stated, spec_name  # every stated label is either found or missed
    assert report.failures == []


def test_project_gold_set_layout():
    passages = load_gold(FIXTURES / "gold")
    assert len(passages) >= 100 and sum(p.is_negative for p in passages) >= 30
    assert all(p.filer for p in passages)
    assert all(not p.labels for p in passages if p.is_negative)
    assert all(p.labels for p in passages if not p.is_negative)
    raw = json.loads((FIXTURES / "gold" / "passages.json").read_text(encoding="utf-8"))
    for item in raw:
        for contract in item["labels"]["contracts"]:
            assert set(contract) == set(LABEL_KEYS), item["id"]
            assert contract["fee_period_as_stated"] in (None, "month", "quarter", "year")
            assert contract["termination_party"] in (None, "either", "provider", "customer")
            if contract["monthly_fee_usd"] is not None:  # the conventions: a stated monthly fee is also the fee
                assert contract["fee_amount_as_stated_usd"] == contract["monthly_fee_usd"], item["id"]


def test_eval_runs_the_project_gold_set():
    passages = load_gold(FIXTURES / "gold")
    report = evaluate(passages, gold="fixtures/gold")
    _check_machinery(report, passages)  # the figures themselves: `extractor eval`, and the gate tests


def test_eval_runs_the_real_passages(real_passages_path):
    passages = load_gold(real_passages_path)
    report = evaluate(passages, gold=str(real_passages_path))
    _check_machinery(report, passages)


def test_eval_command_json_and_errors(real_passages_path, capsys):
    assert main(["eval", str(real_passages_path), "--json", "--show-errors"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["passages"] == 62 and out["negatives"] == 17
    assert set(out["fields"]) == set(FIELD_NAMES)
    assert {"tp", "fp", "fn", "precision", "recall", "f1"} <= set(out["contracts"])
    assert all({"passage_id", "field", "kind", "expected", "got"} <= set(e) for e in out["errors"])
    field_errors = [e for e in out["errors"] if e["field"] != "contract"]
    assert sum(2 if e["kind"] == "wrong" else 1 for e in field_errors) == sum(
        f["fp"] + f["fn"] for f in out["fields"].values()
    )
    contract_errors = [e for e in out["errors"] if e["field"] == "contract"]
    assert len(contract_errors) == out["contracts"]["fp"] + out["contracts"]["fn"]


def test_eval_command_on_a_missing_gold_file_is_one_line(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "nope.json")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("extractor: error:") and "no such gold" in err and err.count("\n") == 1


def test_a_field_a_set_does_not_label_is_not_scored_but_a_null_label_is():
    from extractor.evaluate import FIELD_NAMES, ContractFields, Scores, score_passage

    predicted = ContractFields(tuple(2048 if n == "gpu_count" else None for n in FIELD_NAMES))
    scores = Scores()
    score_passage(scores, "no-gpu-key", (ContractFields.from_label({"provider": None}),), [predicted])
    assert (scores.fields["gpu_count"].tp, scores.fields["gpu_count"].fp) == (0, 0)
    scores = Scores()
    score_passage(scores, "null-gpu", (ContractFields.from_label({"gpu_count": None}),), [predicted])
    assert scores.fields["gpu_count"].fp == 1
