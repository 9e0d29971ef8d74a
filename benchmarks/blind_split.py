"""Split the blind labelled passages into a dev part and a locked test part.

The passages in ``fixtures/blind/parts/*.json`` were written by helpers who had read neither
the rules nor the other gold sets (the brief they followed is in ``fixtures/blind/README.md``).
Each passage goes to the test part when the first byte of sha256("blind-v1:" + id) is below
102 (40%), otherwise to dev: the split depends on nothing the rules author chose or saw.

    python benchmarks/blind_split.py            # writes fixtures/blind/dev.json and test.json
    python benchmarks/blind_split.py blind2     # the second set (salt "blind2-v1:"): fixtures/blind2/

Only counts are printed: the test part is scored with ``extractor eval`` (figures only, never
``--show-errors``) when a change set is finished, and each score is kept in
``fixtures/blind/SCORES.md``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SALTS = {"blind": "blind-v1:", "blind2": "blind2-v1:", "blind4": "blind4-v1:", "blind5": "blind5-v1:", "blind6": "blind6-v1:"}  # a set's salt never changes once it is split
LABEL_KEYS = {
    "provider", "customer", "monthly_fee_usd", "fee_amount_as_stated_usd", "fee_period_as_stated", "total_value_usd",
    "term_end", "term_months", "termination_notice_days", "termination_party", "capacity_mw", "discount_months",
    "gpu_count", "currency",
}
TEST_BELOW = 102  # of 256: 40% of the passages


def in_test(passage_id: str, salt: str = SALTS["blind"]) -> bool:
    return hashlib.sha256(f"{salt}{passage_id}".encode()).digest()[0] < TEST_BELOW


def check(passage: dict, source: str) -> list[str]:
    problems = []
    for key in ("id", "text", "is_negative", "labels"):
        if key not in passage:
            problems.append(f"{source}: {passage.get('id', '?')}: no {key}")
    for contract in passage.get("labels", {}).get("contracts", []):
        if set(contract) != LABEL_KEYS:
            problems.append(f"{source}: {passage.get('id')}: label keys differ: {sorted(set(contract) ^ LABEL_KEYS)}")
    if passage.get("is_negative") and passage.get("labels", {}).get("contracts"):
        problems.append(f"{source}: {passage.get('id')}: a negative with contracts")
    return problems


def main(argv: list[str]) -> int:
    name = argv[0] if argv else "blind"
    if name not in SALTS:
        print(f"blind_split: no such set {name!r} (one of {', '.join(SALTS)})", file=sys.stderr)
        return 2
    root, salt = FIXTURES / name, SALTS[name]
    passages, problems = [], []
    for path in sorted((root / "parts").glob("*.json")):
        for passage in json.loads(path.read_text(encoding="utf-8")):
            problems += check(passage, path.name)
            passages.append(passage)
    ids = Counter(p["id"] for p in passages)
    problems += [f"id {i!r} appears {n} times" for i, n in ids.items() if n > 1]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    parts = {"dev": [], "test": []}
    for passage in sorted(passages, key=lambda p: p["id"]):
        parts["test" if in_test(passage["id"], salt) else "dev"].append(passage)
    for part, items in parts.items():
        (root / f"{part}.json").write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        negatives = sum(1 for p in items if p["is_negative"])
        contracts = sum(len(p["labels"]["contracts"]) for p in items)
        print(f"{name}/{part}: {len(items)} passages, {negatives} negatives, {contracts} labelled contracts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
