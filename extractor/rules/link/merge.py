"""One contract described in several sections (or paragraphs) becomes one Contract
with all its evidence; different contracts stay apart."""

from __future__ import annotations

from extractor.models import Contract, Party
from extractor.rules.link.contracts import confidence, counterparty

_COMPARED = (
    ("fee", "amount"), ("fee", "period"), ("total_value", "amount"), ("term", "end"), ("term", "months"),
    ("termination_notice", "days"), ("capacity", "mw"),
)
_FIELDS = ("fee", "monthly_fee", "total_value", "term", "termination_notice", "capacity", "gpus", "minimum_commitment", "facility",
           "prepayment", "renewal")


def merge_contracts(contracts: list[Contract]) -> list[Contract]:
    merged: list[Contract] = []
    for contract in contracts:
        for i, kept in enumerate(merged):
            if same_contract(kept, contract):
                merged[i] = combine(kept, contract)
                break
        else:
            merged.append(contract)
    return merged


def same_contract(a: Contract, b: Contract) -> bool:
    if not compatible(a, b):
        return False
    ca, cb = counterparty(a), counterparty(b)
    if ca and cb:
        return ca == cb or ca.startswith(cb) or cb.startswith(ca)
    if ca or cb:
        # a restatement that names no counterparty ("fees of $62.5 million per month begin October 1")
        # is the named contract whose values it repeats
        return _shares_a_value(a, b)
    return a.fee is not None and b.fee is not None and a.fee.amount == b.fee.amount and a.fee.period == b.fee.period


def _shares_a_value(a: Contract, b: Contract) -> bool:
    for field, attr in (("fee", "amount"), ("total_value", "amount"), ("termination_notice", "days"), ("capacity", "mw")):
        va, vb = getattr(a, field), getattr(b, field)
        if va is not None and vb is not None and getattr(va, attr) is not None and getattr(va, attr) == getattr(vb, attr):
            return True
    return False


def compatible(a: Contract, b: Contract) -> bool:
    for field, attr in _COMPARED:
        va, vb = getattr(a, field), getattr(b, field)
        if va is not None and vb is not None and getattr(va, attr) is not None and getattr(vb, attr) is not None:
            x, y = getattr(va, attr), getattr(vb, attr)
            if x != y and not (attr == "end" and (x.startswith(y) or y.startswith(x))):  # "2030-03" is "2030-03-31"
                return False
    return True


def _better_party(a: Party | None, b: Party | None) -> Party | None:
    if a is None or (a.name is None and b is not None and b.name):
        return b
    return a


def _richer(x, y):
    """Of two statements of one field, the one that states more (ties: the first)."""
    if x is None or y is None:
        return y if x is None else x
    filled = lambda v: sum(1 for k, val in v.model_dump().items() if val is not None and k not in ("text", "evidence"))  # noqa: E731
    return y if filled(y) > filled(x) else x


def combine(a: Contract, b: Contract) -> Contract:
    update = {name: _richer(getattr(a, name), getattr(b, name)) for name in _FIELDS}
    if a.monthly_fee is not None and a.monthly_fee.derived and b.monthly_fee is not None and not b.monthly_fee.derived:
        update["monthly_fee"] = b.monthly_fee
    evidence = {(e.document, e.start, e.end): e for e in [*a.evidence, *b.evidence]}
    rank: dict[str | None, int] = {}
    for e in evidence.values():  # documents in the order they are first cited (the primary document first)
        rank.setdefault(e.document, len(rank))
    provider = _better_party(a.provider, b.provider)
    customer = _better_party(a.customer, b.customer)
    if provider is not None and customer is not None and provider.name and provider.name == customer.name:
        customer = next((c for c in (a.customer, b.customer) if c is not None and c.name != provider.name), None)
    update.update(
        kind=a.kind if a.kind != "other" else b.kind,
        provider=provider,
        customer=customer,
        discounts=a.discounts or b.discounts,
        options=a.options or b.options,
        phases=a.phases or b.phases,
        evidence=sorted(evidence.values(), key=lambda e: (rank[e.document], e.start, e.end)),
    )
    combined = a.model_copy(update=update)
    return combined.model_copy(update={"confidence": confidence(combined)})
