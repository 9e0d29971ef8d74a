"""Segment stage: Document -> canonical sections."""

from __future__ import annotations

from extractor.types import Document, Section


def segment(document: Document, form: str | None = None) -> list[Section]:
    # Provisional: one body section. The real segmenter replaces this.
    return [Section("body", "", 1, 0, len(document.text), 0)]
