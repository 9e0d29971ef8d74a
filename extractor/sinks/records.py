"""What the batch records about an input that could not be processed."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class FailureRecord(BaseModel):
    """One failed input: which, at what stage, why. A line of ``failures.jsonl``
    and a row of the ``failures`` table. ``sha256`` is None when the bytes could
    not be read (or an archive member was refused before reading)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str
    sha256: str | None = None
    stage: str
    reason: str
    extractor_version: str
    failed_at: datetime
