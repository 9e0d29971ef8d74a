"""A FilingResult as rows of the tables in ``schema.py`` (shared by SQL and Parquet)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from extractor.deals.models import Deal
from extractor.models import Contract, FilingResult
from extractor.sinks.records import FailureRecord

Row = dict[str, Any]


@dataclass(frozen=True)
class FilingRows:
    """The rows one filing contributes; ``sha256`` keys them all."""

    sha256: str
    filings: tuple[Row, ...]
    sections: tuple[Row, ...]
    contracts: tuple[Row, ...]
    evidence: tuple[Row, ...]

    def by_table(self) -> dict[str, tuple[Row, ...]]:
        return {
            "filings": self.filings,
            "sections": self.sections,
            "contracts": self.contracts,
            "evidence": self.evidence,
        }


def filing_rows(result: FilingResult, *, loaded_at: datetime) -> FilingRows:
    meta = result.filing
    if not meta.sha256:
        raise ValueError("a FilingResult without filing.sha256 cannot be keyed")
    sha = meta.sha256
    filing = {
        "sha256": sha,
        "source": meta.source,
        "bytes": meta.bytes,
        "form": meta.form,
        "cik": meta.cik,
        "company": meta.company,
        "accession": meta.accession,
        "filed": meta.filed,
        "url": meta.url,
        "schema_version": result.schema_version,
        "extractor_version": result.extractor_version,
        "section_count": len(result.sections),
        "contract_count": len(result.contracts),
        "warning_count": len(result.warnings),
        "loaded_at": loaded_at,
        "result_json": result.model_dump(mode="json"),
    }
    sections = tuple(
        {
            "filing_sha256": sha,
            "ordinal": i,
            "section_id": s.id,
            "title": s.title,
            "level": s.level,
            "start_offset": s.start,
            "end_offset": s.end,
            "parent_id": s.parent,
            "document": s.document,
        }
        for i, s in enumerate(result.sections)
    )
    contracts = tuple(contract_row(sha, i, c) for i, c in enumerate(result.contracts))
    evidence = tuple(
        {
            "filing_sha256": sha,
            "contract_id": c.id,
            "ordinal": j,
            "section_id": e.section,
            "start_offset": e.start,
            "end_offset": e.end,
            "text": e.text,
            "document": e.document,
        }
        for c in result.contracts
        for j, e in enumerate(c.evidence)
    )
    return FilingRows(sha, (filing,), sections, contracts, evidence)


def _usd(amount: float | None, currency: str | None) -> float | None:
    return amount if amount is not None and (currency or "USD").upper() == "USD" else None


def contract_row(sha: str, ordinal: int, c: Contract) -> Row:
    fee, monthly, total, term = c.fee, c.monthly_fee, c.total_value, c.term
    notice, capacity, facility = c.termination_notice, c.capacity, c.facility
    return {
        "filing_sha256": sha,
        "contract_id": c.id,
        "ordinal": ordinal,
        "kind": c.kind,
        "provider": c.provider.name if c.provider else None,
        "provider_is_filer": c.provider.is_filer if c.provider else None,
        "customer": c.customer.name if c.customer else None,
        "customer_is_filer": c.customer.is_filer if c.customer else None,
        "monthly_fee_usd": _usd(monthly.amount, monthly.currency) if monthly else None,
        "monthly_fee_derived": monthly.derived if monthly else None,
        "fee_amount": fee.amount if fee else None,
        "fee_currency": fee.currency if fee else None,
        "fee_period": fee.period if fee else None,
        "total_value": total.amount if total else None,
        "total_value_currency": total.currency if total else None,
        "term_start": term.start if term else None,
        "term_end": term.end if term else None,
        "term_months": term.months if term else None,
        "notice_days": notice.days if notice else None,
        "notice_party": notice.party if notice else None,
        "capacity_mw": capacity.mw if capacity else None,
        "capacity_value": capacity.value if capacity else None,
        "capacity_unit": capacity.unit if capacity else None,
        "facility": facility.name if facility else None,
        "location": facility.location if facility else None,
        "confidence": c.confidence,
        "contract_json": c.model_dump(mode="json"),
    }


DEAL_VALUE_COLUMNS = (
    "fee_amount", "fee_currency", "fee_period", "monthly_fee_usd", "total_value", "total_value_currency",
    "term_start", "term_end", "term_months", "notice_days", "capacity_mw", "gpus", "facility", "location",
)


@dataclass(frozen=True)
class DealRows:
    """The rows one deal contributes: itself, its events, its contracts."""

    deals: tuple[Row, ...]
    deal_events: tuple[Row, ...]
    deal_contracts: tuple[Row, ...]

    def by_table(self) -> dict[str, tuple[Row, ...]]:
        return {"deals": self.deals, "deal_events": self.deal_events, "deal_contracts": self.deal_contracts}


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def deal_rows(deal: Deal) -> DealRows:
    first, last = deal.statements[0], deal.statements[-1]
    row = {
        "deal_id": deal.deal_id,
        "deal_group": deal.deal_group,
        "filer": deal.filer,
        "filer_cik": deal.filer_cik,
        "filer_side": deal.filer_side,
        "provider": deal.provider,
        "customer": deal.customer,
        "provider_key": deal.provider_key,
        "customer_key": deal.customer_key,
        "subject": deal.subject,
        "kind": deal.kind,
        **{name: deal.value(name) for name in DEAL_VALUE_COLUMNS},
        "first_filed": first.filed,
        "first_form": first.form,
        "first_accession": first.accession,
        "last_filed": last.filed,
        "last_form": last.form,
        "last_accession": last.accession,
        "filing_count": len(deal.statements),
        "event_count": len(deal.events),
        "last_changed": max((e.filed for e in deal.events if e.filed), default=None),
        "deal_json": deal.model_dump(mode="json"),
    }
    if row["term_months"] is not None:
        row["term_months"] = int(row["term_months"])
    events = tuple(
        {
            "deal_id": deal.deal_id,
            "ordinal": i,
            "field": e.field,
            "change": e.change,
            "old_value": _text(e.old.value),
            "new_value": _text(e.new.value),
            "old_number": _number(e.old.value),
            "new_number": _number(e.new.value),
            "old_filed": e.old_filed,
            "old_form": e.old_form,
            "old_accession": e.old_accession,
            "filed": e.filed,
            "form": e.form,
            "accession": e.accession,
            "filing_sha256": e.sha256,
            "amendment": e.amendment,
            "old_evidence": e.old.evidence.text if e.old.evidence else None,
            "evidence": e.new.evidence.text if e.new.evidence else None,
        }
        for i, e in enumerate(deal.events)
    )
    contracts = tuple(
        {"filing_sha256": s.filing_sha256, "contract_id": cid, "deal_id": deal.deal_id, "deal_group": deal.deal_group}
        for s in deal.statements
        for cid in s.contract_ids
    )
    return DealRows((row,), events, contracts)


def failure_row(failure: FailureRecord) -> Row:
    return failure.model_dump()


def json_text(value: Any) -> str:
    """JSON columns as text (Parquet, SQLite): compact and key-ordered as dumped."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
