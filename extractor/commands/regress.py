"""``extractor regress [DIR]``: re-run saved filings and compare with their golden FilingResults."""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def add_parser(sub) -> None:
    p = sub.add_parser(
        "regress",
        help="re-run saved filings and diff them against their golden JSON",
        description="For every input DIR/filings/<name> with a golden DIR/golden/<name>.json, re-run the "
        "pipeline and print a field-level diff (old value, new value, evidence), ignoring the extractor "
        "version. Inputs are pinned by sha256 in DIR/golden/MANIFEST.json: a changed input is reported "
        "as such, not as drift. Exit 1 on any drift. Default DIR: the project's fixtures/.",
    )
    p.add_argument("dir", nargs="?", metavar="DIR", help="regression folder with filings/ and golden/ (default: fixtures/)")
    p.add_argument("--update", action="store_true",
                   help="rewrite (atomically) only the goldens whose output changed, pin new inputs, and say what changed")
    p.set_defaults(run=run)


def run(args) -> int:
    from extractor.errors import UsageError
    from extractor.regress import exit_code, regress

    if args.dir is None and not (PROJECT_FIXTURES / "filings").is_dir():
        raise UsageError("give a DIR: the project's fixtures/filings is not here")
    folder = args.dir or str(PROJECT_FIXTURES)
    outcomes = regress(folder, update=args.update)
    for outcome in outcomes:
        print(format_outcome(outcome))
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no goldens"
    updated = sum(o.updated for o in outcomes)
    print(f"\n{len(outcomes)} filing(s) in {folder}: {summary}" + (f"; {updated} updated" if args.update else ""))
    code = exit_code(outcomes)
    if code and not args.update:
        print("run `extractor regress --update` to accept the new output (review the diff first)", file=sys.stderr)
    return code


def _value(value) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 160 else text[:157] + "..."


def format_outcome(outcome) -> str:
    from extractor.regress import DRIFT, INPUT_CHANGED, NEW, SAME

    verb = {SAME: "ok", DRIFT: "DRIFT", NEW: "NEW"}.get(outcome.status, outcome.status.upper())
    head = f"{verb:<14} {outcome.name}"
    if outcome.updated:
        head += "  (golden rewritten)" if outcome.changes or outcome.status == NEW else "  (pin updated)"
    elif outcome.status == NEW:
        head += "  (no golden yet: run --update)"
    if outcome.status == INPUT_CHANGED:
        head += "  input bytes differ from the pinned sha256; changes below are not drift"
    lines = [head] + ([f"    {outcome.message}"] if outcome.message else [])
    for change in outcome.changes:
        lines.append(f"    {change.path}: {_value(change.old)} -> {_value(change.new)}")
        if change.evidence:
            lines.append(f"        evidence {_value(change.evidence)}")
    return "\n".join(lines)
