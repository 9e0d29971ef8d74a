"""The fixtures/deals filings, extracted once per test session, and what their deals must be
(helpers for the deal tests; no tests here)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from extractor.models import FilingResult

DEALS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "deals"
FILES = ("halvard-s1.txt", "halvard-s1a.txt", "halvard-424b4.txt", "halvard-10q.txt", "halvard-8ka.txt")

# The Nebula Cloud deal: current values after all five filings
NEBULA_CURRENT = {
    "fee_amount": 60_000_000.0,
    "fee_period": "month",
    "monthly_fee_usd": 60_000_000.0,
    "total_value": 2_900_000_000.0,
    "term_end": "2031-06",
    "notice_days": 120,
    "gpus": 32_000.0,
    "facility": "Tamarack",
    "location": "Quincy, Washington",
}
# (field, change, old, new, form of the filing that changed it)
NEBULA_EVENTS = [
    ("total_value", "raised", 2_400_000_000.0, 2_900_000_000.0, "S-1/A"),
    ("gpus", "added", 24_000.0, 32_000.0, "10-Q"),
    ("provider", "new party", "HALVARD COMPUTE CORP.", "Halvard Cloud Services LLC", "10-Q"),  # the filer's subsidiary provides
    ("term_end", "extended", "2029-06", "2031-06", "8-K/A"),
]
NEBULA_FORMS = ["S-1", "S-1/A", "424B4", "10-Q", "8-K/A"]


@lru_cache(maxsize=1)
def fixture_results() -> dict[str, FilingResult]:
    """File name -> its FilingResult (``filing.source`` is the file name)."""
    from extractor.pipeline import process_file

    results = {}
    for name in FILES:
        result = process_file(str(DEALS_DIR / name))
        results[name] = result.model_copy(update={"filing": result.filing.model_copy(update={"source": name})})
    return results
