"""Warm-up for local workers, imported once by the forkserver they fork from.

Running the pipeline once here loads the parsers, spaCy and the rules before
any worker exists, so each worker starts warm instead of paying that start-up
itself (the forkserver lives as long as the process that runs batches).
"""

from __future__ import annotations

from extractor.batch import worker  # noqa: F401  (what the workers run)
from extractor.pipeline import process_bytes

SAMPLE = (
    b"Item 1.01 Entry into a Material Definitive Agreement.\n\n"
    b"The customer has agreed to pay us $1.25 billion per month for GPU compute capacity through May 2029. "
    b"Either party may terminate the agreement with 90 days' notice.\n"
)

try:
    process_bytes(SAMPLE, source="warm-up")
except Exception:  # a broken pipeline fails per filing in the workers, with its reason, not here
    pass
