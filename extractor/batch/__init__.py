"""``extractor batch``: many filings, in parallel, into JSON Lines, SQL and Parquet.

    from extractor.batch import BatchOptions, run_batch
    summary = run_batch(BatchOptions(sources=("filings/",), db="sqlite:///out.sqlite"))
"""

from extractor.batch.progress import make_progress
from extractor.batch.runner import BatchOptions, BatchSummary, run_batch

__all__ = ["BatchOptions", "BatchSummary", "make_progress", "run_batch"]
