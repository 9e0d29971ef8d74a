"""Segment stage: Document -> canonical sections (see segmenter.py and forms.py)."""

from __future__ import annotations

from extractor.sections.segmenter import segment

__all__ = ["segment"]
