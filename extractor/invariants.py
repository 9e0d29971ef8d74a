"""What every FilingResult must satisfy, checked on every result the pipeline makes.

Every amount finite and within ``MAX_AMOUNT`` (bounded where it is read, in
rules/normalize/money.py: a nonsense figure in the input gives no value, never an infinite
one), every date a real calendar date or month, every span inside its document's
text with its text equal to the slice, every section inside its document. A
violation is a bug in the extractor, not in the input: the pipeline raises
``ExtractionError`` naming it rather than emit a wrong value.
"""

from __future__ import annotations

import math
import re
from datetime import date

from extractor.models import FilingResult
from extractor.rules.normalize.money import sane_amount

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def violations(result: FilingResult, texts: dict[str, str]) -> list[str]:
    """Each broken invariant of ``result``, given the text of each document by id."""
    found: list[str] = []
    for section in result.sections:
        text = texts.get(section.document or "")
        if text is None or not 0 <= section.start <= section.end <= len(text):
            found.append(f"section {section.id} [{section.start}:{section.end}] outside document {section.document}")
    for contract in result.contracts:
        for name in ("fee", "monthly_fee", "total_value"):
            value = getattr(contract, name)
            if value is not None and value.amount is not None and sane_amount(value.amount, value.currency or "USD") is None:
                found.append(f"{contract.id}: {name}.amount {value.amount!r} is not a sane amount")
        if contract.prepayment is not None and contract.prepayment.amount is not None and sane_amount(contract.prepayment.amount) is None:
            found.append(f"{contract.id}: prepayment.amount {contract.prepayment.amount!r} is not a sane amount")
        if contract.capacity is not None and not math.isfinite(contract.capacity.value):
            found.append(f"{contract.id}: capacity.value {contract.capacity.value!r} is not finite")
        if contract.term is not None:
            for when in (contract.term.start, contract.term.end):
                if when is not None and not real_date(when):
                    found.append(f"{contract.id}: term date {when!r} is not a real date")
        for evidence in _spans(contract):
            text = texts.get(evidence.document or "")
            if text is None or text[evidence.start : evidence.end] != evidence.text:
                found.append(f"{contract.id}: evidence [{evidence.start}:{evidence.end}] in {evidence.document} is not its text")
    return found


def real_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real year, month and day."""
    m = _DATE.match(value)
    if not m:
        return False
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _spans(contract):
    yield from contract.evidence
    for name in ("fee", "monthly_fee", "total_value", "term", "termination_notice", "capacity", "facility", "prepayment", "renewal"):
        value = getattr(contract, name)
        if value is not None:
            yield value.evidence
    for discount in contract.discounts:
        yield discount.evidence
