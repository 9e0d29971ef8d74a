"""From a store entry to a FilingResult, with the filing's EDGAR reference in ``filing``."""

from __future__ import annotations

from extractor.edgar.store import StoredFiling
from extractor.models import FilingResult
from extractor.pipeline import DEFAULT_MAX_BYTES, process_bytes, read_input
from extractor.types import Exhibit


def extract_stored(filing: StoredFiling, *, max_bytes: int = DEFAULT_MAX_BYTES) -> FilingResult:
    """Run the pipeline over the entry's primary document and its stored exhibits (one filing);
    cik, accession, form, company, filed date and URL come from filing.json rather than from detection."""
    ref = filing.ref
    types = {d.name: d.type for d in filing.record.documents}
    exhibits = tuple(
        Exhibit(type=types.get(path.name) or "EX-10", sequence=None, filename=path.name, description=None,
                data=read_input(str(path), max_bytes=max_bytes))
        for path in filing.exhibits
    )
    data = read_input(str(filing.primary), max_bytes=max_bytes)
    result = process_bytes(data, source=str(filing.primary), form=ref.form, max_bytes=max_bytes, exhibits=exhibits or None)
    known = {k: v for k, v in vars(ref).items() if k in ("cik", "accession", "form", "filed", "company", "url") and v}
    return result.model_copy(update={"filing": result.filing.model_copy(update=known)})
