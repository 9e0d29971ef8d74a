"""``extractor batch``: many filings, in parallel, into JSON Lines, SQL and Parquet.

    from extractor.batch import BatchOptions, run_batch
    summary = run_batch(BatchOptions(sources=("filings/",), db="sqlite:///out.sqlite"))

Names are imported on first use, so that ``extractor.batch.defaults`` stays cheap.
"""

__all__ = ["BatchOptions", "BatchSummary", "make_progress", "run_batch"]


def __getattr__(name: str):
    if name in ("BatchOptions", "run_batch"):
        from extractor.batch import runner

        return getattr(runner, name)
    if name in ("BatchSummary", "make_progress"):
        from extractor.batch import progress

        return getattr(progress, name)
    raise AttributeError(f"module 'extractor.batch' has no attribute {name!r}")
