"""Golden-file regression: re-run saved filings and compare with their golden FilingResult.

A regression folder (the project's ``fixtures/`` or a user's own) holds::

    DIR/filings/<name>              the inputs, as saved
    DIR/golden/<name>.json          the golden FilingResult of each input
    DIR/golden/MANIFEST.json        {"<name>": "<sha256 of the input>"}

Each input is re-run (``filing.source`` is ``filings/<name>``, so goldens do not
depend on where DIR lives) and compared field by field, ignoring the extractor
version. An input whose bytes no longer match the manifest is reported as a
changed input, not as a drift. ``update`` rewrites, atomically, only the goldens
whose output changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from extractor.atomic import atomic_write_text
from extractor.errors import ExtractorError, RegressionError

FILINGS = "filings"
GOLDEN = "golden"
MANIFEST = "MANIFEST.json"
IGNORED_KEYS = ("extractor_version",)

SAME, DRIFT, INPUT_CHANGED, UNPINNED, INPUT_MISSING, NEW, SKIPPED, FAILED = (
    "same", "drift", "input changed", "not pinned", "input missing", "new", "skipped", "failed")
PROBLEMS = frozenset({DRIFT, INPUT_CHANGED, UNPINNED, INPUT_MISSING, FAILED})


@dataclass(frozen=True)
class Change:
    """One changed field: its path, old and new value, and the evidence it rests on."""

    path: str
    old: object
    new: object
    evidence: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What happened to one saved filing."""

    name: str
    status: str
    changes: tuple[Change, ...] = ()
    updated: bool = False
    message: str = ""

    @property
    def is_problem(self) -> bool:
        """Drift, changed or missing input, or a failure, left unresolved."""
        return self.status in PROBLEMS and not self.updated


def golden_text(result: dict) -> str:
    """The bytes a golden is saved as: stable key order, two-space indent, final newline."""
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"


def comparable(result: dict) -> dict:
    return {k: v for k, v in result.items() if k not in IGNORED_KEYS}


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def is_input_name(name: str) -> bool:
    """Files in DIR/filings that are filings (not notes about them)."""
    lowered = name.lower()
    return not (name.startswith(".") or lowered.startswith("readme") or lowered.endswith(".md"))


def _read_json(path: Path, what: str):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RegressionError(f"{what} is not readable JSON: {exc}", source=str(path)) from None


def run_filing(folder: Path, name: str) -> dict:
    """Re-run one saved input through the whole pipeline, as JSON-ready data."""
    from extractor.pipeline import process_bytes, read_input

    data = read_input(str(folder / FILINGS / name))
    return process_bytes(data, source=f"{FILINGS}/{name}").model_dump(mode="json")


def tracked_names(folder: Path, manifest: dict[str, str], *, include_new: bool) -> list[str]:
    """Inputs with a golden or a manifest entry, plus (``include_new``) untracked input files."""
    golden_dir = folder / GOLDEN
    names = set(manifest)
    names.update(p.name[: -len(".json")] for p in golden_dir.glob("*.json") if p.name != MANIFEST)
    filings_dir = folder / FILINGS
    untracked = {p.name for p in filings_dir.iterdir() if p.is_file() and is_input_name(p.name)} - names
    return sorted(names | untracked) if include_new else sorted(names)


def check_folder(folder: str | Path) -> Path:
    folder = Path(folder)
    if not (folder / FILINGS).is_dir():
        raise RegressionError(f"no {FILINGS}/ folder here (expected {FILINGS}/<name> and {GOLDEN}/<name>.json)", source=str(folder))
    return folder


def regress(folder: str | Path, *, update: bool = False) -> list[Outcome]:
    """Compare (and with ``update``, rewrite) every tracked golden under ``folder``."""
    folder = check_folder(folder)
    manifest_path = folder / GOLDEN / MANIFEST
    manifest = _read_json(manifest_path, "the manifest") or {}
    if not isinstance(manifest, dict):
        raise RegressionError("the manifest is a JSON object {name: sha256}", source=str(manifest_path))
    new_manifest = dict(manifest)
    outcomes = []
    for name in tracked_names(folder, manifest, include_new=True):
        outcome = _regress_one(folder, name, manifest.get(name), new_manifest, update=update)
        outcomes.append(outcome)
    if update and new_manifest != manifest:
        atomic_write_text(manifest_path, json.dumps(dict(sorted(new_manifest.items())), indent=2) + "\n")
    return outcomes


def _regress_one(folder: Path, name: str, pinned: str | None, new_manifest: dict, *, update: bool) -> Outcome:
    input_path = folder / FILINGS / name
    golden_path = folder / GOLDEN / f"{name}.json"
    if not input_path.is_file():
        return Outcome(name, INPUT_MISSING, message=f"{FILINGS}/{name} is gone (delete its golden on purpose)")
    golden = _read_json(golden_path, "the golden")
    if golden is None and not update:
        return Outcome(name, NEW)
    digest = sha256_file(input_path)
    try:
        result = run_filing(folder, name)
    except Exception as exc:  # the batch boundary; an input without a golden that cannot be run is left alone
        message = str(exc) if isinstance(exc, ExtractorError) else f"{type(exc).__name__}: {exc}"
        return Outcome(name, FAILED if golden is not None else SKIPPED, message=message)
    if golden is None:
        status, changes = NEW, ()
    else:
        changes = tuple(diff_results(comparable(golden), comparable(result)))
        if pinned is None:
            status = UNPINNED
        elif pinned != digest:
            status = INPUT_CHANGED
        else:
            status = DRIFT if changes else SAME
    if not update or (status == SAME):
        return Outcome(name, status, changes)
    if golden is None or changes:
        atomic_write_text(golden_path, golden_text(result))
    new_manifest[name] = digest
    return Outcome(name, status, changes, updated=True)


# --- the field-level diff ------------------------------------------------------------


def diff_results(old: dict, new: dict) -> list[Change]:
    """Every difference between two FilingResults (as JSON data), contracts matched by id."""
    changes: list[Change] = []
    for key in list(old) + [k for k in new if k not in old]:
        if key not in ("sections", "contracts", "warnings"):
            _diff_value(changes, key, old.get(key), new.get(key), None)
    _diff_sections(changes, old.get("sections") or [], new.get("sections") or [])
    _diff_contracts(changes, old.get("contracts") or [], new.get("contracts") or [])
    for warning in old.get("warnings") or []:
        if warning not in (new.get("warnings") or []):
            changes.append(Change("warnings", warning, "(removed)"))
    for warning in new.get("warnings") or []:
        if warning not in (old.get("warnings") or []):
            changes.append(Change("warnings", "(absent)", warning))
    return changes


def _evidence_of(value) -> str | None:
    evidence = value.get("evidence") if isinstance(value, dict) else None
    if isinstance(evidence, list):
        evidence = evidence[0] if evidence else None
    if not isinstance(evidence, dict):
        return None
    return f"[{evidence.get('section')} {evidence.get('start')}:{evidence.get('end')}] {evidence.get('text', '')!r}"


def _diff_value(changes: list[Change], path: str, old, new, evidence: str | None) -> None:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        evidence = _evidence_of(new) or _evidence_of(old) or evidence
        for key in list(old) + [k for k in new if k not in old]:
            _diff_value(changes, f"{path}.{key}", old.get(key), new.get(key), evidence)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new)):
            _diff_value(changes, f"{path}[{index}]", a, b, evidence)
    else:
        changes.append(Change(path, old, new, _evidence_of(new) or _evidence_of(old) or evidence))


def _keyed_sections(sections: list[dict]) -> dict[str, dict]:
    keyed, seen = {}, {}
    for section in sections:
        sid = section.get("id")
        seen[sid] = seen.get(sid, 0) + 1
        keyed[sid if seen[sid] == 1 else f"{sid}#{seen[sid]}"] = section
    return keyed


def _diff_sections(changes: list[Change], old: list[dict], new: list[dict]) -> None:
    a, b = _keyed_sections(old), _keyed_sections(new)
    for key in list(a) + [k for k in b if k not in a]:
        _diff_value(changes, f"sections[{key}]", a.get(key), b.get(key), None)


def contract_label(contract: dict) -> str:
    def name(party):
        return (party or {}).get("name") or "?"

    return f"{contract.get('id')} ({name(contract.get('provider'))} -> {name(contract.get('customer'))})"


SUMMARY_FIELDS = (("fee", "amount"), ("fee", "period"), ("monthly_fee", "amount"), ("total_value", "amount"),
                  ("term", "end"), ("term", "months"), ("termination_notice", "days"),
                  ("termination_notice", "party"), ("capacity", "mw"))


def contract_summary(contract: dict) -> str:
    """The stated terms of a contract on one line: ``fee.amount=1250000000.0, term.end=2029-05``."""
    parts = []
    for field_name, key in SUMMARY_FIELDS:
        value = (contract.get(field_name) or {}).get(key)
        if value is not None:
            parts.append(f"{field_name}.{key}={value}")
    return ", ".join(parts) or "no terms"


def _diff_contracts(changes: list[Change], old: list[dict], new: list[dict]) -> None:
    """Pair contracts by id, then by their first evidence sentence; the rest were added or removed."""
    def first_text(c):
        return ((c.get("evidence") or [{}])[0]).get("text")

    unmatched_new = list(new)
    for contract in old:
        partner = next((c for c in unmatched_new if c.get("id") == contract.get("id")), None)
        partner = partner or next((c for c in unmatched_new if first_text(c) == first_text(contract)), None)
        if partner is None:
            changes.append(Change(f"contracts[{contract_label(contract)}]", contract_summary(contract), "removed",
                                  _evidence_of(contract)))
            continue
        unmatched_new.remove(partner)
        _diff_value(changes, f"contracts[{contract_label(partner)}]", contract, partner, _evidence_of(partner))
    for contract in unmatched_new:
        changes.append(Change(f"contracts[{contract_label(contract)}]", "absent", "added: " + contract_summary(contract),
                              _evidence_of(contract)))


def exit_code(outcomes: list[Outcome]) -> int:
    return 1 if any(o.is_problem for o in outcomes) else 0
