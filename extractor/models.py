"""The output contract: ``FilingResult`` (schema version 1) as pydantic models.

``extractor schema`` prints the JSON Schema generated from these classes. Field
names are a public contract (see DESIGN.md): add fields, never rename them.
Amounts are numbers in currency units; a value the text does not state is None.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extractor import __version__

SCHEMA_VERSION = 1

Period = Literal["month", "quarter", "year"]
NoticeParty = Literal["either", "provider", "customer"]
ContractKind = Literal["compute_services", "cloud_commitment", "colocation", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(_Model):
    """A sentence the value came from: ``text == document_text[start:end]``."""

    section: str | None = Field(None, description="canonical id of the section holding the span")
    start: int
    end: int
    text: str


class FilingMeta(_Model):
    source: str | None = None
    sha256: str | None = None
    bytes: int | None = None
    form: str | None = None
    cik: str | None = None
    company: str | None = None
    accession: str | None = None
    filed: str | None = None
    url: str | None = None


class SectionInfo(_Model):
    id: str
    title: str
    level: int
    start: int
    end: int


class Party(_Model):
    name: str | None = None
    is_filer: bool = False


class Fee(_Model):
    amount: float | None = None
    currency: str | None = "USD"
    period: Period | None = None
    qualifier: str | None = None
    text: str
    evidence: Evidence


class MonthlyFee(_Model):
    amount: float
    currency: str | None = "USD"
    qualifier: str | None = None
    derived: bool = False
    text: str
    evidence: Evidence


class TotalValue(_Model):
    amount: float | None = None
    currency: str | None = "USD"
    qualifier: str | None = None
    text: str
    evidence: Evidence


class Term(_Model):
    start: str | None = None
    end: str | None = None
    months: int | None = None
    text: str
    evidence: Evidence


class TerminationNotice(_Model):
    days: int | None = None
    party: NoticeParty | None = None
    for_convenience: bool | None = None
    condition: str | None = None
    text: str
    evidence: Evidence


class Capacity(_Model):
    value: float
    unit: str = Field(description="MW, GW, kW or GPUs, as stated")
    mw: float | None = Field(None, description="the capacity in megawatts, when it is power")
    text: str
    evidence: Evidence


class Facility(_Model):
    name: str | None = None
    location: str | None = None
    text: str
    evidence: Evidence


class Discount(_Model):
    months: int | None = None
    text: str
    evidence: Evidence


class Prepayment(_Model):
    percent: float | None = None
    amount: float | None = None
    text: str
    evidence: Evidence


class Renewal(_Model):
    options: int | None = None
    months: int | None = None
    text: str
    evidence: Evidence


class Contract(_Model):
    id: str
    kind: ContractKind = "other"
    provider: Party | None = None
    customer: Party | None = None
    fee: Fee | None = None
    monthly_fee: MonthlyFee | None = None
    total_value: TotalValue | None = None
    term: Term | None = None
    termination_notice: TerminationNotice | None = None
    capacity: Capacity | None = None
    facility: Facility | None = None
    discounts: list[Discount] = Field(default_factory=list)
    prepayment: Prepayment | None = None
    renewal: Renewal | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = Field(0.0, ge=0.0, le=1.0)


class FilingResult(_Model):
    schema_version: int = SCHEMA_VERSION
    extractor_version: str = __version__
    filing: FilingMeta
    sections: list[SectionInfo] = Field(default_factory=list)
    contracts: list[Contract] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


def json_schema() -> dict:
    """The JSON Schema of ``FilingResult``."""
    schema = FilingResult.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "FilingResult"
    return schema
