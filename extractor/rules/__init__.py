"""Extract stage: segmented Document -> compute contracts."""

from __future__ import annotations


def extract_contracts(document, sections):
    # Provisional: finds nothing. The rule-based extractor replaces this.
    return [], []
