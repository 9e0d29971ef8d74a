"""Defaults of ``extractor batch``, in a module cheap to import (the CLI reads them at start-up)."""

from __future__ import annotations

import os

DEFAULT_OUT = "output"
DEFAULT_TIMEOUT = 900.0  # seconds one filing may take in a local worker
DEFAULT_MAX_ARCHIVE_BYTES = 16 * 1024**3


def default_jobs() -> int:
    """The cores this process may use (its CPU affinity, not every core of the machine)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
