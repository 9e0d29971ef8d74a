"""The output contract: ``FilingResult`` (schema version 2) as pydantic models.

Version 2 reads every document of a filing: ``documents`` lists them, and each
section and evidence span names its ``document`` (offsets index that document's
own text); sections may be level 2 with a ``parent``. A version-1 result reads
as version 2 (the new fields are absent there, i.e. None / empty).

``extractor schema`` prints the JSON Schema generated from these classes. Field
names are a public contract (see DESIGN.md): add fields, never rename them.
Amounts are numbers in currency units; a value the text does not state is None.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extractor import __version__

SCHEMA_VERSION = 2

Period = Literal["month", "quarter", "year"]
NoticeParty = Literal["either", "provider", "customer"]
ContractKind = Literal["compute_services", "cloud_commitment", "colocation", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(_Model):
    """A sentence the value came from: ``text == document_text[start:end]``, in the text of
    ``document`` (``extractor text PATH --document ID`` prints it)."""

    section: str | None = Field(None, description="canonical id of the deepest section holding the span")
    start: int
    end: int
    text: str
    document: str | None = Field(None, description="id of the document of the filing that holds the span (see FilingResult.documents)")


class DocumentInfo(_Model):
    """One document of the filing that was read: the primary document, or an exhibit."""

    id: str = Field(description="the document's type (8-K, EX-99.1), with '#<sequence>' when a type repeats")
    type: str | None = None
    sequence: int | None = None
    filename: str | None = None
    description: str | None = None
    primary: bool = False
    chars: int = Field(0, description="length of the document's normalized text")


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
    parent: str | None = Field(None, description="id of the level-1 section a level-2 section is in")
    document: str | None = Field(None, description="id of the document the offsets refer to")


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


class Gpus(_Model):
    count: int | None = Field(None, description="how many GPUs (or accelerators) the contract states")
    model: str | None = Field(None, description="the GPU model as written: H100, GB300, B200, MI300X ...")
    text: str
    evidence: Evidence


class MinimumCommitment(_Model):
    amount: float | None = None
    currency: str | None = "USD"
    period: Period | None = Field(None, description="month, quarter or year when the minimum is per period; none for a minimum over the term")
    text: str
    evidence: Evidence


class CapacityOption(_Model):
    mw: float | None = Field(None, description="the capacity the customer may add, in megawatts")
    text: str
    evidence: Evidence


class Phase(_Model):
    mw: float | None = None
    date: str | None = Field(None, description="when the phase is to be delivered, at the precision written")
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
    gpus: Gpus | None = None
    minimum_commitment: MinimumCommitment | None = None
    options: list[CapacityOption] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
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
    documents: list[DocumentInfo] = Field(default_factory=list)
    sections: list[SectionInfo] = Field(default_factory=list)
    contracts: list[Contract] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


def json_schema() -> dict:
    """The JSON Schema of ``FilingResult``."""
    schema = FilingResult.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "FilingResult"
    return schema
