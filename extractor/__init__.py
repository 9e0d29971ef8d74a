"""extractor: SEC EDGAR filings in, evidence-backed compute-contract JSON out.

The public API is small and usable from Python::

    from extractor import process_file
    result = process_file("filing.htm")        # a FilingResult
    print(result.model_dump_json(indent=2))
"""

__version__ = "0.2.0"

from extractor.pipeline import (  # noqa: E402
    extract,
    parse_filing,
    process_bytes,
    process_file,
    segment,
)

__all__ = ["__version__", "parse_filing", "segment", "extract", "process_bytes", "process_file"]
