"""The evaluation gate: per-field F1 floors kept in a JSON file, which only go up.

The floors file (``fixtures/eval-floors.json``)::

    {"floors": {"contracts": 0.9, "provider": 0.8, ...},
     "max_negatives_with_contract": 2}

The gate fails when a measured F1 drops below its floor, or when more negative
passages yield a contract than the ceiling allows. ``raise_floors`` lifts floors
to the measured scores (rounded down to two decimals) and never lowers one
unless asked to explicitly.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from extractor.atomic import atomic_write_text
from extractor.errors import InputError
from extractor.evaluate import FIELD_NAMES, EvalReport

GATED = ("contracts",) + FIELD_NAMES


@dataclass(frozen=True)
class Floors:
    floors: dict[str, float]
    max_negatives_with_contract: int | None = None

    def as_json(self) -> str:
        payload = {
            "floors": {name: self.floors[name] for name in GATED if name in self.floors},
            "max_negatives_with_contract": self.max_negatives_with_contract,
        }
        return json.dumps(payload, indent=2) + "\n"


@dataclass(frozen=True)
class Check:
    name: str
    measured: float | None
    limit: float
    ok: bool

    def line(self) -> str:
        status = "ok  " if self.ok else "FAIL"
        if self.name == "negatives_with_contract":
            return f"{status} {self.name:<24} {self.measured:>12}  ceiling {self.limit:g}"
        got = "not measured" if self.measured is None else f"{self.measured:.3f}"
        return f"{status} {self.name:<24} {got:>12}  floor {self.limit:.2f}"


def load_floors(path: str | Path) -> Floors:
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        floors = {str(k): float(v) for k, v in raw["floors"].items()}
        ceiling = raw.get("max_negatives_with_contract")
    except FileNotFoundError:
        raise InputError("no such floors file", source=str(path)) from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f'not a floors file ({{"floors": {{field: f1}}}}): {exc}', source=str(path)) from None
    if any(not 0.0 <= v <= 1.0 for v in floors.values()):
        raise InputError("floors are F1 scores between 0 and 1", source=str(path))
    unknown = sorted(set(floors) - set(GATED))
    if unknown:
        raise InputError(f"unknown field(s) in floors: {', '.join(unknown)}", source=str(path))
    return Floors(floors, None if ceiling is None else int(ceiling))


def check(report: EvalReport, floors: Floors) -> list[Check]:
    """One Check per floor (and the negatives ceiling): ok when the score holds."""
    measured = report.f1_by_name()
    checks = []
    for name in GATED:
        if name in floors.floors:
            score, floor = measured.get(name), floors.floors[name]
            ok = (score if score is not None else 0.0) + 1e-9 >= floor
            checks.append(Check(name, score, floor, ok))
    if floors.max_negatives_with_contract is not None:
        flagged = len(report.negatives_with_contract)
        checks.append(Check("negatives_with_contract", flagged, floors.max_negatives_with_contract,
                            flagged <= floors.max_negatives_with_contract))
    return checks


def round_down(score: float) -> float:
    return math.floor(score * 100 + 1e-9) / 100


def raise_floors(report: EvalReport, floors: Floors, *, allow_lower: bool = False):
    """New floors from the measured scores: ``(Floors, [(name, old, new)])``.

    A floor only rises, unless ``allow_lower``; then every floor is set to the
    measured score. The ceiling on negatives with a contract likewise only falls.
    """
    new, changes = dict(floors.floors), []
    for name, score in report.f1_by_name().items():
        if score is None:
            continue
        old, candidate = floors.floors.get(name), round_down(score)
        if old is None or candidate > old or (allow_lower and candidate != old):
            new[name] = candidate
            changes.append((name, old, candidate))
    flagged, ceiling = len(report.negatives_with_contract), floors.max_negatives_with_contract
    if ceiling is None or flagged < ceiling or (allow_lower and flagged != ceiling):
        changes.append(("max_negatives_with_contract", ceiling, flagged))
        ceiling = flagged
    return Floors(new, ceiling), changes


def write_floors(path: str | Path, floors: Floors) -> None:
    atomic_write_text(path, floors.as_json())
