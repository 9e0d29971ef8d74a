"""``extractor eval [GOLD]``: precision / recall / F1 per field against a labelled gold set."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from extractor.errors import RegressionError, UsageError

PROJECT_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PROJECT_GOLD = PROJECT_FIXTURES / "gold"
PROJECT_FLOORS = PROJECT_FIXTURES / "eval-floors.json"


def add_parser(sub) -> None:
    p = sub.add_parser(
        "eval",
        help="precision / recall / F1 per field against a labelled gold set",
        description="Run every passage of a gold set (a JSON file or a folder of them; default: the "
        "project's fixtures/gold) through the pipeline as plain text and score each field. "
        "With --gate, fail when a field's F1 drops below its floor.",
    )
    p.add_argument("gold", nargs="?", metavar="GOLD", help="gold JSON file or folder (default: the project's gold set)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--show-errors", action="store_true", help="list every miss: passage id, field, expected, got")
    p.add_argument("--gate", nargs="?", const=str(PROJECT_FLOORS), metavar="FLOORS",
                   help="check per-field F1 floors kept in FLOORS (default: fixtures/eval-floors.json); exit 1 on a drop")
    p.add_argument("--raise-floors", action="store_true",
                   help="with --gate: write higher floors where the scores improved (floors never go down)")
    p.add_argument("--allow-lower", action="store_true",
                   help="with --raise-floors: also lower floors to the measured scores (on purpose only)")
    p.set_defaults(run=run)


def run(args) -> int:
    from extractor.evaluate import evaluate, format_misses, format_report, load_gold

    if (args.raise_floors or args.allow_lower) and not args.gate:
        raise UsageError("--raise-floors and --allow-lower need --gate FLOORS")
    if args.allow_lower and not args.raise_floors:
        raise UsageError("--allow-lower only applies with --raise-floors")
    gold = args.gold or str(PROJECT_GOLD)
    if not args.gold and not PROJECT_GOLD.is_dir():
        raise UsageError("give a GOLD file: the project's fixtures/gold is not here")
    report = evaluate(load_gold(gold), gold=gold)
    if args.json:
        json.dump(report.as_dict(errors=args.show_errors), sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print(format_report(report))
        if args.show_errors and report.scores.misses:
            print("\nerrors:")
            print(format_misses(report))
    return _gate(args, report) if args.gate else 0


def _gate(args, report) -> int:
    from extractor import eval_floors

    floors = eval_floors.load_floors(args.gate)
    out = sys.stderr if args.json else sys.stdout
    checks = eval_floors.check(report, floors)
    print(f"\ngate: {args.gate}", file=out)
    for c in checks:
        print(c.line(), file=out)
    failed = [c for c in checks if not c.ok]
    if args.raise_floors and (not failed or args.allow_lower):
        new_floors, changes = eval_floors.raise_floors(report, floors, allow_lower=args.allow_lower)
        if changes:
            eval_floors.write_floors(args.gate, new_floors)
        for name, old, new in changes:
            print(f"floor {name}: {old} -> {new}", file=out)
        if not changes:
            print("floors unchanged", file=out)
        return 0
    if failed:
        names = ", ".join(f"{c.name} {'-' if c.measured is None else round(c.measured, 3)} (limit {c.limit})" for c in failed)
        raise RegressionError(f"evaluation gate failed: {names}")
    return 0
