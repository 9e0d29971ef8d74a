"""Which filings to fetch: forms, dates, a company or a quarter of the full index."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from extractor.errors import UsageError
from extractor.types import FilingRef

DEFAULT_FORMS = ("S-1", "F-1", "424B4", "10-K", "10-Q", "8-K")
QUARTER_RE = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)


@dataclass(frozen=True)
class Selection:
    forms: frozenset[str]
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    cik: str | None = None  # only this company (with a quarter)
    limit: int | None = None  # at most this many filings, newest first

    def matches(self, ref: FilingRef) -> bool:
        if (ref.form or "").upper() not in self.forms:
            return False
        if self.cik is not None and str(ref.cik).lstrip("0") != self.cik:
            return False
        filed = ref.filed or ""
        if self.since and filed < self.since:
            return False
        if self.until and filed[:10] > self.until:
            return False
        return True

    def pick(self, refs: Iterable[FilingRef]) -> list[FilingRef]:
        chosen: list[FilingRef] = []
        seen: set[str] = set()
        for ref in refs:
            if self.matches(ref) and ref.accession not in seen:
                seen.add(str(ref.accession))
                chosen.append(ref)
                if self.limit is not None and len(chosen) >= self.limit:
                    break
        return chosen


def _day(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{option} must be a date YYYY-MM-DD, not {value!r}") from None


def expand_forms(forms: Iterable[str] | None, *, amendments: bool) -> frozenset[str]:
    """The forms asked for (default: the prospectus, annual, quarterly and current reports),
    plus each one's ``/A`` amendment when ``amendments`` is set."""
    chosen = {" ".join(form.split()).upper() for form in (forms or DEFAULT_FORMS) if form.strip()}
    if not chosen:
        raise UsageError("--form needs a form type such as S-1 or 10-K")
    if amendments:
        chosen |= {f"{form}/A" for form in chosen if not form.endswith("/A")}
    return frozenset(chosen)


def build_selection(
    forms: Iterable[str] | None = None,
    *,
    amendments: bool = False,
    since: str | None = None,
    until: str | None = None,
    cik: str | None = None,
    limit: int | None = None,
) -> Selection:
    since, until = _day(since, "--since"), _day(until, "--until")
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    if limit is not None and limit < 1:
        raise UsageError("--limit must be at least 1")
    return Selection(expand_forms(forms, amendments=amendments), since, until, cik, limit)


def parse_quarter(text: str) -> tuple[int, int]:
    match = QUARTER_RE.match(text.strip())
    if not match or not 1993 <= int(match.group(1)) <= 2100:
        raise UsageError(f"--quarter must look like 2024-Q1, not {text!r}")
    return int(match.group(1)), int(match.group(2))


def select_filings(
    client, selection: Selection, *, cik: str | None = None, ticker: str | None = None, quarter: tuple[int, int] | None = None
) -> list[FilingRef]:
    """The filings to fetch: a company's submissions (by CIK or ticker), or one quarter of the full index."""
    from extractor.edgar.index import iter_full_index, iter_submissions, resolve_ticker

    if ticker:
        cik = resolve_ticker(client, ticker)
    if quarter is not None:
        selection = Selection(selection.forms, selection.since, selection.until, cik, selection.limit)
        return selection.pick(iter_full_index(client, *quarter))
    if cik is None:
        raise UsageError("say which filings: --ticker, --cik or --quarter")
    return selection.pick(iter_submissions(client, cik, since=selection.since))
