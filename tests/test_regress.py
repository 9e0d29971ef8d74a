"""extractor regress: golden comparison, sha256-pinned inputs, --update that rewrites only what changed."""

from __future__ import annotations

import json
import os
import sys

import pytest

from extractor.cli import main
from extractor.regress import DRIFT, FAILED, INPUT_CHANGED, INPUT_MISSING, NEW, SAME, UNPINNED, regress

MONTHLY = (
    "On March 3, 2026, we entered into a compute services agreement with Meridian AI Labs PBC (\"Meridian\"), "
    "under which we provide Meridian with dedicated GPU compute capacity in our data center. Under the agreement, "
    "Meridian has agreed to pay us $1.25 billion per month through May 2029. Either party may terminate the "
    "agreement upon ninety (90) days' prior written notice.\n"
)
COMMITMENT = (
    "In February 2025, we entered into an amended cloud services agreement with Amazon Web Services, Inc. under "
    "which we committed to spend an aggregate of at least $410 million through July 2030.\n"
)


@pytest.fixture()
def user_folder(tmp_path):
    """A user's own regression folder outside the repo, goldens made with --update."""
    folder = tmp_path / "my-regressions"
    (folder / "filings").mkdir(parents=True)
    (folder / "filings" / "monthly.txt").write_text(MONTHLY, encoding="utf-8")
    (folder / "filings" / "commitment.txt").write_text(COMMITMENT, encoding="utf-8")
    (folder / "filings" / "README.md").write_text("notes about these filings, not a filing\n", encoding="utf-8")
    outcomes = regress(folder, update=True)
    assert [(o.name, o.status, o.updated) for o in outcomes] == [("commitment.txt", NEW, True), ("monthly.txt", NEW, True)]
    amounts = {name: [(c.get("fee") or c.get("total_value") or {}).get("amount") for c in
                      json.loads(golden(folder, name).read_text())["contracts"]] for name in ("monthly.txt", "commitment.txt")}
    assert amounts == {"monthly.txt": [1.25e9], "commitment.txt": [4.1e8]}, "the rules no longer read these plain passages"
    return folder


def golden(folder, name):
    return folder / "golden" / f"{name}.json"


def stat_key(path):
    st = os.stat(path)
    return st.st_ino, st.st_mtime_ns, path.read_bytes()


def test_update_creates_goldens_and_a_manifest_in_a_user_folder(user_folder, capsys):
    manifest = json.loads((user_folder / "golden" / "MANIFEST.json").read_text())
    assert set(manifest) == {"monthly.txt", "commitment.txt"}  # README.md is not an input
    data = json.loads(golden(user_folder, "monthly.txt").read_text())
    assert data["filing"]["source"] == "filings/monthly.txt"  # independent of where the folder lives
    assert main(["regress", str(user_folder)]) == 0
    out = capsys.readouterr().out
    assert "ok             monthly.txt" in out and "2 same" in out
    assert not list((user_folder / "golden").glob(".tmp-*"))


def test_update_on_unchanged_output_leaves_every_golden_untouched(user_folder, capsys):
    files = sorted((user_folder / "golden").iterdir())
    before = {p.name: stat_key(p) for p in files}
    assert main(["regress", str(user_folder), "--update"]) == 0
    assert {p.name: stat_key(p) for p in files} == before  # same bytes, same inode: not even rewritten
    assert "0 updated" in capsys.readouterr().out


def test_extractor_version_is_ignored(user_folder):
    path = golden(user_folder, "monthly.txt")
    data = json.loads(path.read_text())
    data["extractor_version"] = "0.0.1"
    path.write_text(json.dumps(data, indent=2) + "\n")
    before = stat_key(path)
    assert [o.status for o in regress(user_folder, update=True)] == [SAME, SAME]
    assert stat_key(path) == before


def test_update_rewrites_exactly_the_golden_whose_output_changed(user_folder, capsys):
    changed, untouched = golden(user_folder, "monthly.txt"), golden(user_folder, "commitment.txt")
    fresh = changed.read_bytes()
    data = json.loads(fresh)
    contract = next(c for c in data["contracts"] if c.get("fee"))
    contract["fee"]["amount"] = 1.0  # as if an older extractor had said so
    changed.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    manifest = user_folder / "golden" / "MANIFEST.json"
    keep = {p: stat_key(p) for p in (untouched, manifest)}

    assert main(["regress", str(user_folder)]) == 1  # drift first: nothing written
    out = capsys.readouterr().out
    assert "DRIFT          monthly.txt" in out and ".fee.amount: 1.0 -> 1250000000.0" in out
    assert main(["regress", str(user_folder), "--update"]) == 0
    out = capsys.readouterr().out
    assert "monthly.txt  (golden rewritten)" in out and ".fee.amount: 1.0 -> 1250000000.0" in out
    assert changed.read_bytes() == fresh
    assert {p: stat_key(p) for p in keep} == keep


def _break_money_normalizer(monkeypatch):
    """A deliberately broken normalizer: every parsed amount comes out ten times too large."""
    import extractor.rules.normalize.money as money

    original = money.parse_money

    def times_ten(text, **kwargs):
        parsed = original(text, **kwargs)
        return None if parsed is None else money.Money(parsed.amount * 10, parsed.currency)

    patched = 0
    for module in list(sys.modules.values()):
        if (getattr(module, "__name__", "") or "").startswith("extractor.rules") and getattr(module, "parse_money", None) is original:
            monkeypatch.setattr(module, "parse_money", times_ten)
            patched += 1
    assert patched, "the money normalizer is not where this test expects it (extractor.rules.money.parse_money)"


def test_a_broken_money_normalizer_is_caught_and_the_field_named(user_folder, monkeypatch, capsys):
    _break_money_normalizer(monkeypatch)
    assert main(["regress", str(user_folder)]) == 1
    out = capsys.readouterr().out
    assert "DRIFT          monthly.txt" in out and "DRIFT          commitment.txt" in out
    assert ".fee.amount: 1250000000.0 -> 12500000000.0" in out
    assert ".total_value.amount: 410000000.0 -> 4100000000.0" in out
    assert "evidence [body " in out and "$1.25 billion per month" in out  # the sentence the value rests on


def test_a_changed_input_is_reported_as_such_not_as_drift(user_folder, capsys):
    path = user_folder / "filings" / "commitment.txt"
    path.write_text(COMMITMENT.replace("$410 million", "$420 million"), encoding="utf-8")
    outcomes = {o.name: o for o in regress(user_folder)}
    assert outcomes["commitment.txt"].status == INPUT_CHANGED and outcomes["monthly.txt"].status == SAME
    assert main(["regress", str(user_folder)]) == 1
    out = capsys.readouterr().out
    assert "INPUT CHANGED  commitment.txt" in out and "not drift" in out and "DRIFT" not in out
    assert main(["regress", str(user_folder), "--update"]) == 0
    pinned = json.loads((user_folder / "golden" / "MANIFEST.json").read_text())
    import hashlib

    assert pinned["commitment.txt"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert main(["regress", str(user_folder)]) == 0


def test_missing_inputs_new_inputs_and_unpinned_goldens(user_folder, capsys):
    (user_folder / "filings" / "monthly.txt").unlink()
    (user_folder / "filings" / "later.txt").write_text(COMMITMENT, encoding="utf-8")
    manifest = user_folder / "golden" / "MANIFEST.json"
    manifest.write_text(json.dumps({"monthly.txt": json.loads(manifest.read_text())["monthly.txt"]}))
    statuses = {o.name: o.status for o in regress(user_folder)}
    assert statuses == {"monthly.txt": INPUT_MISSING, "later.txt": NEW, "commitment.txt": UNPINNED}
    assert main(["regress", str(user_folder)]) == 1
    out = capsys.readouterr().out
    assert "INPUT MISSING  monthly.txt" in out and "NEW            later.txt  (no golden yet" in out
    assert golden(user_folder, "monthly.txt").exists()  # never deleted behind the user's back


def test_an_input_that_cannot_be_run_gets_no_golden_and_a_tracked_one_fails(user_folder, capsys):
    (user_folder / "filings" / "empty.txt").write_bytes(b"  \n")
    assert main(["regress", str(user_folder), "--update"]) == 0
    assert "SKIPPED        empty.txt" in capsys.readouterr().out and not golden(user_folder, "empty.txt").exists()
    (user_folder / "filings" / "monthly.txt").write_bytes(b"\n")
    outcome = next(o for o in regress(user_folder) if o.name == "monthly.txt")
    assert outcome.status == FAILED and "empty input" in outcome.message
    assert main(["regress", str(user_folder)]) == 1


def test_bad_folders_and_goldens_are_one_line_errors(tmp_path, user_folder, capsys):
    assert main(["regress", str(tmp_path / "nowhere")]) == 1
    assert "no filings/ folder here" in capsys.readouterr().err
    golden(user_folder, "monthly.txt").write_text("{not json", encoding="utf-8")
    assert main(["regress", str(user_folder)]) == 1
    err = capsys.readouterr().err
    assert "the golden is not readable JSON" in err and err.count("\n") == 1


def test_drift_status_for_a_pinned_unchanged_input(user_folder):
    path = golden(user_folder, "commitment.txt")
    data = json.loads(path.read_text())
    data["warnings"] = ["an old warning"]
    path.write_text(json.dumps(data))
    outcome = next(o for o in regress(user_folder) if o.name == "commitment.txt")
    assert outcome.status == DRIFT and outcome.is_problem
    assert [(c.path, c.old, c.new) for c in outcome.changes] == [("warnings", "an old warning", "(removed)")]
