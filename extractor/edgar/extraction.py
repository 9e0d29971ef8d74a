"""From a store entry to a FilingResult, with the filing's EDGAR reference in ``filing``."""

from __future__ import annotations

from extractor.edgar.store import StoredFiling
from extractor.models import FilingResult
from extractor.pipeline import DEFAULT_MAX_BYTES, process_file


def extract_stored(filing: StoredFiling, *, max_bytes: int = DEFAULT_MAX_BYTES) -> FilingResult:
    """Run the pipeline over the entry's primary document; cik, accession, form, company,
    filed date and URL come from filing.json rather than from detection."""
    ref = filing.ref
    result = process_file(str(filing.primary), form=ref.form, max_bytes=max_bytes)
    known = {k: v for k, v in vars(ref).items() if k in ("cik", "accession", "form", "filed", "company", "url") and v}
    return result.model_copy(update={"filing": result.filing.model_copy(update=known)})
