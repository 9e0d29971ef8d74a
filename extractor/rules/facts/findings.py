"""The typed facts of one clause: what was read, and where (absolute offsets into Document.text)."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.rules.normalize.notice import NoticeTerm


@dataclass(frozen=True)
class Found:
    """Where a value was read: absolute offsets and the words it came from."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FeeFact:
    amount: float
    currency: str
    period: str | None
    qualifier: str | None
    at: Found


@dataclass(frozen=True)
class TotalFact:
    amount: float
    currency: str
    qualifier: str | None
    priority: int
    at: Found


@dataclass(frozen=True)
class TermFact:
    end: str | None
    months: int | None
    rank: int
    at: Found
    start: str | None = None


@dataclass(frozen=True)
class CapacityFact:
    value: float
    unit: str
    mw: float | None
    rank: int
    at: Found


@dataclass(frozen=True)
class FacilityFact:
    name: str | None
    location: str | None
    at: Found


@dataclass(frozen=True)
class CountFact:
    """A discount window (months), a renewal (options, months) or a prepayment (percent, amount)."""

    kind: str
    number: float | None
    months: int | None
    at: Found
    date: str | None = None  # a delivery phase's date, as parsed where the phase was found


@dataclass(frozen=True)
class ClauseFacts:
    start: int
    end: int
    sentence: Found  # the whole sentence: the evidence span
    text: str
    compute: bool
    contract: bool
    lookalike: bool
    orgs: tuple[tuple[int, str, str], ...]  # (offset, canonical name, typical role)
    fees: tuple[FeeFact, ...] = ()
    totals: tuple[TotalFact, ...] = ()
    terms: tuple[TermFact, ...] = ()
    notice: NoticeTerm | None = None
    notice_at: Found | None = None
    capacities: tuple[CapacityFact, ...] = ()
    facility: FacilityFact | None = None
    extras: tuple[CountFact, ...] = ()
    # the look-alike names the agreement's own type (a power purchase, equipment purchase or
    # non-binding agreement: ``"scope": "agreement"`` in cues.jsonl), so it decides for the
    # sentences that go on about that agreement
    lookalike_agreement: bool = False

    @property
    def has_values(self) -> bool:
        terms = any(t.end or t.months for t in self.terms)  # a start date alone is not a term
        return bool(self.fees or self.totals or terms or self.notice or self.capacities)
