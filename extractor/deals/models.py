"""The typed values of the deal view: a deal, each filing's statement of it, its events."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extractor.models import Evidence

FilerSide = Literal["provider", "customer", "neither"]
Scalar = float | int | str | bool | None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StatedValue(_Model):
    """One field as one filing states it, with the sentence it came from."""

    value: Scalar
    text: str | None = None
    evidence: Evidence | None = None


class Statement(_Model):
    """What one filing says about a deal (its contracts in that filing, merged)."""

    filing_sha256: str
    form: str | None = None
    filed: str | None = None
    accession: str | None = None
    source: str | None = None
    company: str | None = None
    contract_ids: list[str] = Field(default_factory=list)
    kind: str = "other"
    provider: str | None = None
    customer: str | None = None
    values: dict[str, StatedValue] = Field(default_factory=dict)
    party_evidence: dict[str, Evidence] = Field(default_factory=dict, description="provider/customer -> the sentence that names it")
    supersedes: str | None = Field(None, description="accession (or sha256) of the earlier filing this amendment supersedes")
    superseded_by: str | None = None


class DealEvent(_Model):
    """A field that changed between two filings: both values, both filings."""

    field: str
    change: str = Field(description="raised, lowered, extended, shortened, added, reduced, changed, or new party (provider or customer)")
    old: StatedValue
    new: StatedValue
    old_filed: str | None = None
    old_form: str | None = None
    old_accession: str | None = None
    old_sha256: str
    filed: str | None = None
    form: str | None = None
    accession: str | None = None
    sha256: str
    amendment: bool = Field(False, description="the later filing supersedes the earlier one")


class Deal(_Model):
    deal_id: str
    deal_group: str = Field(description="filer side and the two counterparty keys: the deals of one group are recomputed together")
    filer: str | None = None
    filer_cik: str | None = None
    filer_side: FilerSide
    provider: str | None = None
    customer: str | None = None
    provider_key: str | None = None
    customer_key: str | None = None
    subject: str | None = Field(None, description="the facility (or location) key the deal is about, when stated")
    kind: str = "other"
    current: dict[str, StatedValue] = Field(default_factory=dict)
    current_from: dict[str, str] = Field(default_factory=dict, description="field -> sha256 of the filing its current value comes from")
    statements: list[Statement] = Field(default_factory=list)
    events: list[DealEvent] = Field(default_factory=list)

    def value(self, field: str) -> Scalar:
        stated = self.current.get(field)
        return stated.value if stated else None
