"""A deal's history: each filing's statement in filed-date order, the current value of
each field, and an event for each change.

- Statements are ordered by filed date, then accession, then sha256; a filing with no
  filed date comes first (it never outranks a dated one).
- The current value of a field is the one stated by the latest filing that states it and
  is not superseded.
- An amendment (``X/A``) supersedes the deal's latest earlier statement of form ``X`` or
  ``X/A``: that statement stays in the history, but none of its values is current.
- An event is recorded when a filing states a field with a value other than the one the
  field last had (both values are known): a raised total, a later term end, more GPUs.
  A field stated for the first time is not an event.
- A party the deal has not named before (the provider or the customer under a name whose
  key differs from every earlier one: the filer's subsidiary taking over the provision,
  an assignee) is a ``new party`` event; a return to a name seen before is not.

Everything here is a function of the set of contracts given: any order, the same deal.
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.deals.identity import ContractFact, assign_deals, filer_key, filer_side, group_key, party_key, subject_key
from extractor.deals.models import Deal, DealEvent, StatedValue, Statement
from extractor.deals.names import display_name, is_filer_word, name_key
from extractor.models import Contract


def _usd(amount, currency) -> float | None:
    return amount if amount is not None and (currency or "USD").upper() == "USD" else None


def _stated(value, term) -> StatedValue | None:
    if term is None or value is None:
        return None
    return StatedValue(value=value, text=term.text, evidence=term.evidence)


def _gpus(c: Contract) -> StatedValue | None:
    if c.gpus is not None and c.gpus.count is not None:
        return _stated(c.gpus.count, c.gpus)
    cap = c.capacity  # results written before contracts had a gpus field
    return _stated(cap.value, cap) if cap is not None and cap.unit.upper().rstrip("S") == "GPU" else None


# field -> the value one contract states for it (None: not stated)
FIELDS: dict[str, Callable[[Contract], StatedValue | None]] = {
    "fee_amount": lambda c: _stated(c.fee.amount, c.fee) if c.fee else None,
    "fee_currency": lambda c: _stated(c.fee.currency, c.fee) if c.fee and c.fee.amount is not None else None,
    "fee_period": lambda c: _stated(c.fee.period, c.fee) if c.fee else None,
    "monthly_fee_usd": lambda c: _stated(_usd(c.monthly_fee.amount, c.monthly_fee.currency), c.monthly_fee) if c.monthly_fee else None,
    "total_value": lambda c: _stated(c.total_value.amount, c.total_value) if c.total_value else None,
    "total_value_currency": lambda c: _stated(c.total_value.currency, c.total_value) if c.total_value and c.total_value.amount is not None else None,
    "term_start": lambda c: _stated(c.term.start, c.term) if c.term else None,
    "term_end": lambda c: _stated(c.term.end, c.term) if c.term else None,
    "term_months": lambda c: _stated(c.term.months, c.term) if c.term else None,
    "notice_days": lambda c: _stated(c.termination_notice.days, c.termination_notice) if c.termination_notice else None,
    "capacity_mw": lambda c: _stated(c.capacity.mw, c.capacity) if c.capacity else None,
    "gpus": _gpus,
    "facility": lambda c: _stated(c.facility.name, c.facility) if c.facility else None,
    "location": lambda c: _stated(c.facility.location, c.facility) if c.facility else None,
}
# fields whose changes are events (currencies and the fee's period travel with their amounts)
EVENT_FIELDS = ("fee_amount", "fee_period", "monthly_fee_usd", "total_value", "term_start", "term_end", "term_months",
                "notice_days", "capacity_mw", "gpus", "facility", "location")
# the parties whose new names are events ("new party")
PARTY_FIELDS = ("provider", "customer")
_MORE_LESS = {
    "term_end": ("extended", "shortened"),
    "term_months": ("extended", "shortened"),
    "capacity_mw": ("added", "reduced"),
    "gpus": ("added", "reduced"),
    "notice_days": ("lengthened", "shortened"),
}


def _order(statement: Statement) -> tuple:
    return (statement.filed is not None, statement.filed or "", statement.accession or "", statement.filing_sha256)


def _best(facts: list[ContractFact]) -> list[ContractFact]:
    """One filing's contracts of a deal, most confident first (ties by id): whose value wins."""
    return sorted(facts, key=lambda f: (-f.contract.confidence, f.contract.id))


def _sentences(contract: Contract) -> list:
    """The contract's evidence sentences, then each term's."""
    found = list(contract.evidence)
    for name in ("fee", "monthly_fee", "total_value", "term", "termination_notice", "capacity", "facility", "prepayment", "renewal"):
        term = getattr(contract, name, None)
        if term is not None and getattr(term, "evidence", None) is not None:
            found.append(term.evidence)
    return found


def statement(facts: list[ContractFact]) -> Statement:
    """One filing's statement of a deal, from its contracts in that deal."""
    ranked = _best(facts)
    meta = ranked[0].filing
    values: dict[str, StatedValue] = {}
    for name, get in FIELDS.items():
        for fact in ranked:
            stated = get(fact.contract)
            if stated is not None:
                values[name] = stated
                break
    first = ranked[0].contract
    party_evidence = {}
    for role in PARTY_FIELDS:
        party = getattr(first, role)
        if party is not None and party.name:
            naming = [e for e in _sentences(first) if party.name.lower() in e.text.lower()]
            if naming:
                party_evidence[role] = naming[0]
    return Statement(
        filing_sha256=meta.sha256 or "",
        form=meta.form,
        filed=meta.filed,
        accession=meta.accession,
        source=meta.source,
        company=meta.company,
        contract_ids=sorted(f.contract.id for f in facts),
        kind=first.kind,
        provider=first.provider.name if first.provider else None,
        customer=first.customer.name if first.customer else None,
        values=values,
        party_evidence=party_evidence,
    )


def _base_form(form: str | None) -> str | None:
    return form[:-2] if form and form.upper().endswith("/A") else form


def link_amendments(statements: list[Statement]) -> list[Statement]:
    """Mark, in order, which earlier statement each amendment supersedes."""
    out = list(statements)
    for i, later in enumerate(out):
        if not (later.form and later.form.upper().endswith("/A")):
            continue
        base = (_base_form(later.form) or "").upper()
        for j in range(i - 1, -1, -1):
            earlier = out[j]
            if (_base_form(earlier.form) or "").upper() == base and earlier.superseded_by is None:
                ref = lambda s: s.accession or s.filing_sha256  # noqa: E731
                out[j] = earlier.model_copy(update={"superseded_by": ref(later)})
                out[i] = later.model_copy(update={"supersedes": ref(earlier)})
                break
    return out


def _change(field: str, old, new) -> str:
    if isinstance(old, (int, float)) and isinstance(new, (int, float)) and not isinstance(old, bool):
        more, less = _MORE_LESS.get(field, ("raised", "lowered"))
        return more if new > old else less
    if field in ("term_end", "term_start") and isinstance(old, str) and isinstance(new, str):
        if new.startswith(old) or old.startswith(new):
            return "changed"  # "2029-05" and "2029-05-31": the same month, more precise
        return ("extended" if new > old else "shortened") if field == "term_end" else ("later" if new > old else "earlier")
    return "changed"


def events(statements: list[Statement]) -> list[DealEvent]:
    found: list[DealEvent] = []
    for field in EVENT_FIELDS:
        last: tuple[StatedValue, Statement] | None = None
        for st in statements:
            stated = st.values.get(field)
            if stated is None:
                continue
            if last is not None and stated.value != last[0].value:
                old, before = last
                found.append(
                    DealEvent(
                        field=field, change=_change(field, old.value, stated.value), old=old, new=stated,
                        old_filed=before.filed, old_form=before.form, old_accession=before.accession, old_sha256=before.filing_sha256,
                        filed=st.filed, form=st.form, accession=st.accession, sha256=st.filing_sha256,
                        amendment=st.supersedes is not None and st.supersedes in (before.accession, before.filing_sha256),
                    )
                )
            last = (stated, st)
    found += _party_events(statements)
    position = {st.filing_sha256: i for i, st in enumerate(statements)}
    rank = {field: i for i, field in enumerate(EVENT_FIELDS + PARTY_FIELDS)}
    return sorted(found, key=lambda e: (position[e.sha256], rank[e.field]))


def _party_events(statements: list[Statement]) -> list[DealEvent]:
    found: list[DealEvent] = []
    for field in PARTY_FIELDS:
        seen: set[str] = set()
        last: tuple[str, Statement] | None = None
        for st in statements:
            name = getattr(st, field)
            if is_filer_word(name):  # "we", "the Company": the filer by its name
                name = st.company
            key = name_key(name)
            if key is None:
                continue
            if last is not None and key not in seen:
                old, before = last
                found.append(
                    DealEvent(
                        field=field, change="new party",
                        old=StatedValue(value=old, text=old, evidence=before.party_evidence.get(field)),
                        new=StatedValue(value=name, text=name, evidence=st.party_evidence.get(field)),
                        old_filed=before.filed, old_form=before.form, old_accession=before.accession, old_sha256=before.filing_sha256,
                        filed=st.filed, form=st.form, accession=st.accession, sha256=st.filing_sha256,
                        amendment=st.supersedes is not None and st.supersedes in (before.accession, before.filing_sha256),
                    )
                )
            seen.add(key)
            last = (name, st)
    return found


def build_deal(deal_id: str, facts: list[ContractFact]) -> Deal:
    """One deal from all its contracts (any order)."""
    by_filing: dict[str, list[ContractFact]] = {}
    for fact in facts:
        by_filing.setdefault(fact.sha256, []).append(fact)
    statements = link_amendments(sorted((statement(group) for group in by_filing.values()), key=_order))
    current: dict[str, StatedValue] = {}
    current_from: dict[str, str] = {}
    for st in statements:
        if st.superseded_by is not None:
            continue
        for field, stated in st.values.items():
            current[field], current_from[field] = stated, st.filing_sha256
    ordered = sorted(facts, key=lambda f: (_order_fact(f), f.contract.id))
    latest = ordered[-1]
    side = filer_side(latest)
    filer_names = [f.filing.company for f in facts if f.filing.company]
    provider_names = [f.contract.provider.name for f in facts if f.contract.provider and f.contract.provider.name]
    customer_names = [f.contract.customer.name for f in facts if f.contract.customer and f.contract.customer.name]
    filer = display_name(filer_names)
    kinds = [st.kind for st in statements if st.superseded_by is None] or [st.kind for st in statements]
    return Deal(
        deal_id=deal_id,
        deal_group=group_key(latest),
        filer=filer,
        filer_cik=display_name([f.filing.cik for f in facts if f.filing.cik]),
        filer_side=side,
        provider=filer if side == "provider" and filer else display_name(provider_names),
        customer=filer if side == "customer" and filer else display_name(customer_names),
        provider_key=party_key(latest.contract.provider, latest.filing),
        customer_key=party_key(latest.contract.customer, latest.filing),
        subject=next((s for s in sorted({subject_key(f.contract) or "" for f in facts}) if s), None),
        kind=kinds[-1],
        current=current,
        current_from=current_from,
        statements=statements,
        events=events(statements),
    )


def _order_fact(fact: ContractFact) -> tuple:
    meta = fact.filing
    return (meta.filed is not None, meta.filed or "", meta.accession or "", meta.sha256 or "")


def build_deals(facts: list[ContractFact]) -> list[Deal]:
    """Every deal the contracts make, largest total first (then by id): the same list in any order."""
    deals = [build_deal(deal_id, members) for deal_id, members in assign_deals(facts).items()]
    return sorted(deals, key=lambda d: (-(d.value("total_value") or 0), d.deal_id))
