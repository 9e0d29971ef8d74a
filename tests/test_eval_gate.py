"""The evaluation gate: F1 floors in a file, failing on a drop, floors that only go up."""

from __future__ import annotations

import json

import pytest

from extractor.cli import main
from extractor.errors import InputError
from extractor.eval_floors import Floors, load_floors, raise_floors, round_down
from extractor.evaluate import FIELD_NAMES, EvalReport, Scores
from conftest import FIXTURES

NULL_LABEL = dict.fromkeys(
    ("provider", "customer", "monthly_fee_usd", "fee_amount_as_stated_usd", "fee_period_as_stated", "total_value_usd",
     "term_end", "term_months", "termination_notice_days", "termination_party", "capacity_mw", "discount_months")
)


@pytest.fixture()
def tiny_gold(tmp_path):
    """Two passages; the provider label names a party the text never mentions, so provider F1 is 0."""
    passages = [
        {"id": "pos", "filer": "Zephyr Data Inc.", "is_negative": False,
         "text": "We pay Qyxlot Cloud LLC $2.0 million per month for hosted GPU capacity through June 2028.",
         "labels": {"contracts": [{**NULL_LABEL, "provider": "Nonexistent Vendor Corp."}]}},
        {"id": "neg", "filer": "Zephyr Data Inc.", "is_negative": True, "negative_kind": "office lease",
         "text": "Our office lease runs through 2029.", "labels": {"contracts": []}},
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(passages), encoding="utf-8")
    return path


def write_floors(path, floors, ceiling=None):
    path.write_text(json.dumps({"floors": floors, "max_negatives_with_contract": ceiling}), encoding="utf-8")


def test_gate_passes_at_zero_floors(tiny_gold, tmp_path, capsys):
    floors = tmp_path / "floors.json"
    write_floors(floors, {"contracts": 0.0, "provider": 0.0}, ceiling=1)
    assert main(["eval", str(tiny_gold), "--gate", str(floors)]) == 0
    out = capsys.readouterr().out
    assert "ok   contracts" in out and "ok   provider" in out


def test_gate_fails_when_a_field_drops_below_its_floor(tiny_gold, tmp_path, capsys):
    floors = tmp_path / "floors.json"
    write_floors(floors, {"provider": 0.5})
    before = floors.read_bytes()
    assert main(["eval", str(tiny_gold), "--gate", str(floors)]) == 1
    captured = capsys.readouterr()
    assert "FAIL provider" in captured.out
    assert captured.err.startswith("extractor: error: evaluation gate failed: provider")
    # --raise-floors does not paper over a drop: the file is left alone
    assert main(["eval", str(tiny_gold), "--gate", str(floors), "--raise-floors"]) == 1
    assert floors.read_bytes() == before


def test_lowering_a_floor_needs_the_explicit_flag(tiny_gold, tmp_path, capsys):
    floors = tmp_path / "floors.json"
    write_floors(floors, {"provider": 0.5})
    assert main(["eval", str(tiny_gold), "--gate", str(floors), "--raise-floors", "--allow-lower"]) == 0
    assert load_floors(floors).floors["provider"] == 0.0
    assert "floor provider: 0.5 -> 0.0" in capsys.readouterr().out


def test_raise_floors_writes_measured_scores_rounded_down_and_never_lower(tiny_gold, tmp_path, capsys):
    floors = tmp_path / "floors.json"
    write_floors(floors, {"provider": 0.0})
    assert main(["eval", str(tiny_gold), "--json"]) == 0
    measured = json.loads(capsys.readouterr().out)
    assert main(["eval", str(tiny_gold), "--gate", str(floors), "--raise-floors"]) == 0
    written = load_floors(floors)
    assert written.floors["provider"] == 0.0
    assert written.floors["contracts"] == round_down(measured["contracts"]["f1"])
    assert written.max_negatives_with_contract == measured["negatives_with_contract"]
    again = floors.read_bytes()
    assert main(["eval", str(tiny_gold), "--gate", str(floors), "--raise-floors"]) == 0
    assert floors.read_bytes() == again and "floors unchanged" in capsys.readouterr().out


def test_raise_floors_only_goes_up():
    scores = Scores()
    scores.fields["provider"].tp, scores.fields["provider"].fn = 3, 1  # F1 0.857
    scores.fields["customer"].tp, scores.fields["customer"].fn = 1, 3  # F1 0.4
    report = EvalReport("g", 4, 1, [], scores, [])
    new, changes = raise_floors(report, Floors({"provider": 0.80, "customer": 0.70}, 2))
    assert new.floors["provider"] == 0.85 and new.floors["customer"] == 0.70
    assert new.max_negatives_with_contract == 0
    assert ("provider", 0.80, 0.85) in changes and not any(name == "customer" for name, _o, _n in changes)
    lowered, _ = raise_floors(report, Floors({"customer": 0.70}), allow_lower=True)
    assert lowered.floors["customer"] == 0.40


def test_flags_need_a_gate_and_bad_floors_files_are_one_line(tiny_gold, tmp_path, capsys):
    assert main(["eval", str(tiny_gold), "--raise-floors"]) == 2
    assert main(["eval", str(tiny_gold), "--gate", str(tmp_path / "f.json"), "--allow-lower"]) == 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"floors": {"provdier": 0.5}}', encoding="utf-8")
    with pytest.raises(InputError, match="unknown field"):
        load_floors(bad)
    assert main(["eval", str(tiny_gold), "--gate", str(bad)]) == 1
    assert "unknown field(s) in floors: provdier" in capsys.readouterr().err


def test_project_gold_set_passes_its_gate(capsys):
    """The CI gate: the project's gold set must not drop below fixtures/eval-floors.json."""
    floors = FIXTURES / "eval-floors.json"
    code = main(["eval", "--gate", str(floors)])  # no GOLD: the project's gold set
    out = capsys.readouterr()  # the tables are extractor eval's output; pytest shows them only on a failure
    assert code == 0, out.err
    assert "fixtures/gold" in out.out and "negatives with a contract:" in out.out  # the readable table
    for name in ("contracts",) + FIELD_NAMES:
        if name == "gpu_count":  # the gold set does not label GPU counts (the blind sets do): no score, no floor
            assert f"\n{name} " in out.out and f"ok   {name} " not in out.out
            continue
        assert f"\n{name} " in out.out and f"ok   {name} " in out.out


def test_real_passages_pass_their_gate(real_passages_path, capsys):
    """The held-out text: the 62 real passages must not drop below fixtures/eval-floors-real.json."""
    code = main(["eval", str(real_passages_path), "--gate", str(FIXTURES / "eval-floors-real.json")])
    out = capsys.readouterr()  # the tables are extractor eval's output; pytest shows them only on a failure
    assert code == 0, out.err


def test_blind_dev_part_passes_its_gate(capsys):
    """The dev part of the blind set (fixtures/blind, written by helpers who had not read the rules)
    must not drop below fixtures/eval-floors-blind-dev.json. Its locked test part is not gated:
    it is scored only when a change set is finished (fixtures/blind/SCORES.md)."""
    code = main(["eval", str(FIXTURES / "blind" / "dev.json"), "--gate", str(FIXTURES / "eval-floors-blind-dev.json")])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err


def test_second_blind_dev_part_passes_its_gate(capsys):
    """The dev part of the second blind set (fixtures/blind2: facts across paragraphs, role nouns,
    announcements, tables, foreign issuers) must not drop below fixtures/eval-floors-blind2-dev.json.
    Its locked test part is scored only when a change set is finished (fixtures/blind2/SCORES.md)."""
    code = main(["eval", str(FIXTURES / "blind2" / "dev.json"), "--gate", str(FIXTURES / "eval-floors-blind2-dev.json")])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err


def test_fourth_blind_dev_part_passes_its_gate(capsys):
    """The dev part of the fourth blind set (fixtures/blind4: 108 passages, 48 look-alikes, written
    before any rule was built against it) must not drop below fixtures/eval-floors-blind4-dev.json.
    Its locked test part is scored only when a change set is finished (fixtures/blind4/SCORES.md)."""
    code = main(["eval", str(FIXTURES / "blind4" / "dev.json"), "--gate", str(FIXTURES / "eval-floors-blind4-dev.json")])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err


def test_fifth_blind_dev_part_passes_its_gate(capsys):
    """The dev part of the fifth blind set (fixtures/blind5: 134 passages, 49 look-alikes, first scored before
    any rule was built against it) must not drop below fixtures/eval-floors-blind5-dev.json. Its locked test
    part is scored only when a change set is finished (fixtures/blind5/SCORES.md)."""
    code = main(["eval", str(FIXTURES / "blind5" / "dev.json"), "--gate", str(FIXTURES / "eval-floors-blind5-dev.json")])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err


def test_sixth_blind_dev_part_passes_its_gate(capsys):
    """The dev part of the sixth blind set (fixtures/blind6: 79 passages, 43 look-alikes of 34 kinds, first scored
    before any rule was built against it) must not drop below fixtures/eval-floors-blind6-dev.json. Its locked test
    part is scored only when a change set is finished (fixtures/blind6/SCORES.md)."""
    code = main(["eval", str(FIXTURES / "blind6" / "dev.json"), "--gate", str(FIXTURES / "eval-floors-blind6-dev.json")])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
