"""A short, fixed-seed run of the fuzz harness (benchmarks/fuzz.py) over the whole pipeline: every
mutation kind, no crash, no hang, no broken invariant. The long run is a documented command."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.mark.timeout(300)
def test_a_short_fuzz_run_finds_nothing(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # the spawned workers import fuzz from it too
    import fuzz

    code = fuzz.main(["--seed", "3", "--count", "160", "--jobs", "1", "--seconds", "60", "--out", str(tmp_path)])
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["failures"] == {} and code == 0
    assert sum(summary["per_kind"].values()) == 160 and set(summary["per_kind"]) == set(fuzz.KINDS)


def test_every_mutation_kind_changes_its_input():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import random

        import fuzz
    finally:
        sys.path.remove(str(BENCHMARKS))
    seed = b"<html><body><p>Nimbus AI will pay us $5 million per month.</p></body></html>" * 3
    rng = random.Random(0)
    for kind in fuzz.KINDS:
        if kind == "document_count":
            continue  # it changes only inputs with <DOCUMENT> wrappers
        assert fuzz.mutate(seed, kind, rng, [seed]) != seed or kind == "truncate", kind
