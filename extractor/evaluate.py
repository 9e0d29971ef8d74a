"""Precision / recall / F1 of the extractor against a labelled gold set.

A gold set is a JSON list of passages (the layout of ``fixtures/gold/*.json``
and of the shared ``real-passages.json``): ``id``, ``text``, ``is_negative``,
``filer`` (optional) and ``labels.contracts``. Each passage goes through the
pipeline as plain text with the filer as the document's company, predicted
contracts are aligned to labelled ones (greedy, by how many fields agree), and
every field is scored: TP when label and prediction agree, FP when predicted
but wrong or unlabelled, FN when labelled but missing or wrong.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import ExtractorError, InputError
from extractor.models import Contract


@dataclass(frozen=True)
class FieldSpec:
    """One scored field: its gold label key and how two values are compared."""

    name: str
    label_key: str
    compare: str  # name, amount, exact, date


FIELD_SPECS: tuple[FieldSpec, ...] = (
    FieldSpec("provider", "provider", "name"),
    FieldSpec("customer", "customer", "name"),
    FieldSpec("monthly_fee", "monthly_fee_usd", "amount"),
    FieldSpec("fee_amount", "fee_amount_as_stated_usd", "amount"),
    FieldSpec("fee_period", "fee_period_as_stated", "exact"),
    FieldSpec("total_value", "total_value_usd", "amount"),
    FieldSpec("term_end", "term_end", "date"),
    FieldSpec("term_months", "term_months", "exact"),
    FieldSpec("notice_days", "termination_notice_days", "exact"),
    FieldSpec("notice_party", "termination_party", "exact"),
    FieldSpec("capacity_mw", "capacity_mw", "amount"),
    FieldSpec("discount_months", "discount_months", "exact"),
    FieldSpec("gpu_count", "gpu_count", "amount"),  # labelled in the blind sets (fixtures/blind3/README.md)
)
FIELD_NAMES = tuple(spec.name for spec in FIELD_SPECS)

UNLABELLED = type("Unlabelled", (), {"__repr__": lambda self: "UNLABELLED"})()  # a field a set's labels leave out
AMOUNT_TOLERANCE = 0.005  # amounts agree within 0.5%
_NAME_STOPWORDS = frozenset(
    "the a s inc incorporated corp corporation llc l pbc ltd limited plc co company lp sa ag nv gmbh holdings".split()
)
_NAME_TOKEN = re.compile(r"[a-z0-9]+")
_FILER_IN_NOTE = (  # "Lyft, Inc. Form 10-Q ...", "... quoting Snap Inc. Form S-1 ...", "... quoting Snowflake's Form 10-K"
    re.compile(r"^(?P<filer>[A-Z][^;:]*?)\s+(?:\(CIK \d+\)\s+)?(?:Form|Exhibit)\b"),
    re.compile(r"\bquoting (?:the )?(?P<filer>[A-Z][^;:]*?)(?:'s|’s)?\s+(?:Form|Exhibit)\b"),
)
_NAME_WORD = re.compile(r"^(?:[A-Z0-9&(].*|of|and|de|la)$")


@dataclass(frozen=True)
class ContractFields:
    """The scored values of one contract, labelled or predicted (None: not stated)."""

    values: tuple  # in FIELD_SPECS order

    def get(self, name: str):
        return self.values[FIELD_NAMES.index(name)]

    @classmethod
    def from_label(cls, label: dict) -> "ContractFields":
        # a key the set does not label at all (the gold set has no gpu_count) is not scored, which is not
        # the same as a label of null ("not stated")
        return cls(tuple(label.get(spec.label_key) if spec.label_key in label else UNLABELLED for spec in FIELD_SPECS))

    @classmethod
    def from_contract(cls, contract: Contract) -> "ContractFields":
        c = contract
        monthly = c.monthly_fee.amount if c.monthly_fee and not c.monthly_fee.derived else None
        discount = next((d.months for d in c.discounts if d.months is not None), None)
        by_name = {
            "provider": c.provider.name if c.provider else None,
            "customer": c.customer.name if c.customer else None,
            "monthly_fee": monthly,
            "fee_amount": c.fee.amount if c.fee else None,
            "fee_period": c.fee.period if c.fee else None,
            "total_value": c.total_value.amount if c.total_value else None,
            "term_end": c.term.end if c.term else None,
            "term_months": c.term.months if c.term else None,
            "notice_days": c.termination_notice.days if c.termination_notice else None,
            "notice_party": c.termination_notice.party if c.termination_notice else None,
            "capacity_mw": c.capacity.mw if c.capacity else None,
            "discount_months": discount,
            "gpu_count": c.gpus.count if c.gpus else None,
        }
        return cls(tuple(by_name[name] for name in FIELD_NAMES))


@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    is_negative: bool
    filer: str | None
    labels: tuple[ContractFields, ...]


def _name_tokens(name: str) -> list[str]:
    return [t for t in _NAME_TOKEN.findall(name.lower()) if t not in _NAME_STOPWORDS]


def _is_acronym(short: list[str], long: list[str]) -> bool:
    """"AWS" for "Amazon Web Services": one token made of the other name's initials."""
    return len(short) == 1 and len(long) >= 2 and short[0] == "".join(t[0] for t in long)


def names_match(expected: str, got: str) -> bool:
    """Case-insensitive; one name holds the other's main (first significant) token, or is its acronym."""
    a, b = _name_tokens(expected), _name_tokens(got)
    if not a or not b:
        return expected.strip().lower() == got.strip().lower()
    return a[0] in b or b[0] in a or _is_acronym(a, b) or _is_acronym(b, a)


def values_match(spec: FieldSpec, expected, got) -> bool:
    if expected is None or got is None or expected is UNLABELLED:
        return False
    if spec.compare == "name":
        return names_match(str(expected), str(got))
    if spec.compare == "amount":
        try:
            e, g = float(expected), float(got)
        except (TypeError, ValueError):
            return False
        return abs(e - g) <= AMOUNT_TOLERANCE * abs(e) if e else g == 0
    if spec.compare == "date":  # at the precision of the label: "2029" matches "2029-05"
        e, g = str(expected), str(got)
        return len(g) >= len(e) and g[: len(e)] == e
    return expected == got


# --- counting -------------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """None when nothing was labelled or predicted (the field is not measured)."""
        if not (self.tp + self.fp + self.fn):
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class Miss:
    """One scoring error: ``wrong`` (both set, disagree), ``missing`` (FN) or ``extra`` (FP)."""

    passage_id: str
    field: str
    kind: str
    expected: object
    got: object


@dataclass
class Scores:
    contracts: Counts = field(default_factory=Counts)
    fields: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in FIELD_NAMES})
    misses: list[Miss] = field(default_factory=list)


def agreement(label: ContractFields, predicted: ContractFields) -> int:
    return sum(values_match(spec, e, g) for spec, e, g in zip(FIELD_SPECS, label.values, predicted.values))


def align(labels, predictions) -> list[tuple[int | None, int | None]]:
    """Pair labelled and predicted contracts greedily by agreement; leftovers pair with None."""
    candidates = sorted(
        ((-agreement(lab, pred), i, j) for i, lab in enumerate(labels) for j, pred in enumerate(predictions))
    )
    used_l, used_p, pairs = set(), set(), []
    for _score, i, j in candidates:
        if i not in used_l and j not in used_p:
            used_l.add(i), used_p.add(j), pairs.append((i, j))
    pairs += [(i, None) for i in range(len(labels)) if i not in used_l]
    pairs += [(None, j) for j in range(len(predictions)) if j not in used_p]
    return pairs


def score_passage(scores: Scores, passage_id: str, labels, predictions) -> None:
    """Add one passage's contract and field counts (and misses) to ``scores``."""
    for i, j in align(labels, predictions):
        label = labels[i] if i is not None else None
        predicted = predictions[j] if j is not None else None
        if label is not None and predicted is not None:
            scores.contracts.tp += 1
        elif label is not None:
            scores.contracts.fn += 1
            scores.misses.append(Miss(passage_id, "contract", "missing", "a contract", None))
        else:
            scores.contracts.fp += 1
            scores.misses.append(Miss(passage_id, "contract", "extra", None, "a contract"))
        for k, spec in enumerate(FIELD_SPECS):
            _score_field(scores, passage_id, spec, label.values[k] if label else None,
                         predicted.values[k] if predicted else None)


def _score_field(scores: Scores, passage_id: str, spec: FieldSpec, expected, got) -> None:
    counts = scores.fields[spec.name]
    if expected is UNLABELLED or (expected is None and got is None):
        return
    if values_match(spec, expected, got):
        counts.tp += 1
        return
    if got is not None:
        counts.fp += 1
    if expected is not None:
        counts.fn += 1
    kind = "wrong" if expected is not None and got is not None else ("missing" if got is None else "extra")
    scores.misses.append(Miss(passage_id, spec.name, kind, expected, got))


# --- gold sets -------------------------------------------------------------------------


def filer_from_source_note(note: str | None) -> str | None:
    """The real set has no ``filer``; its notes start "Lyft, Inc. Form 10-Q ..." when one filed."""
    for pattern in _FILER_IN_NOTE:
        match = pattern.search(note or "")
        if match and all(_NAME_WORD.match(word) for word in match.group("filer").split()):
            return match.group("filer").strip()
    return None


def _passage(raw: dict, source: str) -> Passage:
    try:
        contracts = raw["labels"]["contracts"]
        return Passage(
            id=str(raw["id"]),
            text=str(raw["text"]),
            is_negative=bool(raw.get("is_negative", not contracts)),
            filer=raw.get("filer") or filer_from_source_note(raw.get("source_note")),
            labels=tuple(ContractFields.from_label(c) for c in contracts),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"passage {raw.get('id', '?') if isinstance(raw, dict) else '?'} lacks {exc}", source=source) from None


def load_gold(path: str | Path) -> list[Passage]:
    """Passages of a gold file, or of every ``*.json`` file in a gold folder (sorted)."""
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not path.exists():
        raise InputError("no such gold file or folder", source=str(path))
    if not files:
        raise InputError("no *.json gold files in this folder", source=str(path))
    passages: list[Passage] = []
    for file in files:
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"not a readable JSON gold file ({exc})", source=str(file)) from None
        if not isinstance(raw, list):
            raise InputError("a gold file is a JSON list of passages", source=str(file))
        passages.extend(_passage(item, str(file)) for item in raw)
    ids = [p.id for p in passages]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        raise InputError(f"passage id {duplicate!r} appears twice", source=str(path))
    return passages


def predict(passage: Passage) -> list[Contract]:
    """Run one passage through the pipeline as plain text, with the filer as its company."""
    from extractor import pipeline

    document = pipeline.parse_filing(passage.text.encode("utf-8"), source=passage.id)
    if passage.filer:
        document = dataclasses.replace(document, ref=dataclasses.replace(document.ref, company=passage.filer))
    contracts, _warnings = pipeline.extract(document, pipeline.segment(document, form=document.form))
    return list(contracts)


# --- the evaluation ------------------------------------------------------------------


@dataclass
class EvalReport:
    gold: str
    passages: int
    negatives: int
    negatives_with_contract: list[str]
    scores: Scores
    failures: list[tuple[str, str]]  # (passage id, error) where the pipeline raised

    def f1_by_name(self) -> dict[str, float | None]:
        out = {"contracts": self.scores.contracts.f1}
        out.update({name: counts.f1 for name, counts in self.scores.fields.items()})
        return out

    def as_dict(self, *, errors: bool = False) -> dict:
        out = {
            "gold": self.gold,
            "passages": self.passages,
            "negatives": self.negatives,
            "negatives_with_contract": len(self.negatives_with_contract),
            "negatives_with_contract_ids": list(self.negatives_with_contract),
            "contracts": self.scores.contracts.as_dict(),
            "fields": {name: counts.as_dict() for name, counts in self.scores.fields.items()},
            "failures": [{"passage": pid, "error": err} for pid, err in self.failures],
        }
        if errors:
            out["errors"] = [dataclasses.asdict(m) for m in self.scores.misses]
        return out


def evaluate(passages: list[Passage], *, gold: str = "", predictor=predict) -> EvalReport:
    scores, flagged, failures = Scores(), [], []
    for passage in passages:
        try:
            contracts = predictor(passage)
        except ExtractorError as exc:
            failures.append((passage.id, str(exc)))
            contracts = []
        except Exception as exc:  # the batch boundary: a bug on one passage is recorded, not fatal
            failures.append((passage.id, f"{type(exc).__name__}: {exc}"))
            contracts = []
        predictions = [ContractFields.from_contract(c) for c in contracts]
        if passage.is_negative and predictions:
            flagged.append(passage.id)
        score_passage(scores, passage.id, passage.labels, predictions)
    negatives = sum(p.is_negative for p in passages)
    return EvalReport(gold, len(passages), negatives, flagged, scores, failures)


def _fmt(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def format_report(report: EvalReport) -> str:
    rows = [("contracts", report.scores.contracts)] + list(report.scores.fields.items())
    lines = [
        f"gold: {report.gold}  ({report.passages} passages, {report.negatives} negatives)",
        f"{'field':<16} {'tp':>4} {'fp':>4} {'fn':>4}  {'prec':>5}  {'recall':>6}  {'f1':>5}",
    ]
    for name, c in rows:
        lines.append(f"{name:<16} {c.tp:>4} {c.fp:>4} {c.fn:>4}  {_fmt(c.precision)}   {_fmt(c.recall)}  {_fmt(c.f1)}")
    lines.append(f"negatives with a contract: {len(report.negatives_with_contract)} of {report.negatives}")
    for pid, err in report.failures:
        lines.append(f"pipeline failed on {pid}: {err}")
    return "\n".join(lines)


def format_misses(report: EvalReport) -> str:
    return "\n".join(
        f"{m.passage_id}  {m.field:<16} {m.kind:<8} expected={m.expected!r}  got={m.got!r}" for m in report.scores.misses
    )
