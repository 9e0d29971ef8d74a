"""The normalized text of every real filing in ../shared/corpus starts clean.

The first 1,000 characters of `extractor text` hold no page numbers, no
"Table of Contents" back-links and no inline-XBRL noise (hidden facts, context
ids, namespace prefixes), and every document parses without an exception.
"""

from __future__ import annotations

import re

import pytest

from conftest import corpus_available, read_manifest
from extractor.pipeline import parse_filing

HEAD = 1000
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?[-–—]?\s*(?:\d{1,3}|[ivx]{1,6}|[A-Z]-\d{1,3})\s*[-–—]?\s*$", re.I)
BACK_LINK = re.compile(r"^\s*(?:back to |return to )?(?:table of contents|contents|index|toc|top)\s*$", re.I)
XBRL_NOISE = re.compile(
    r"\b(?:dei|us-gaap|xbrli|ixt|iso4217|srt|ecd|xbrldi|link):\w|https?://|\bcontextRef\b|--\d\d-\d\d\b"
    r"|\b(?:false|true)\b|\b[0-9a-f]{24,}\b|\bFY\b",
)
DOCUMENTS = [row["path"] for row in read_manifest() if not row["path"].startswith("edgar-api/")] if corpus_available() else []


def complete_lines(text: str) -> list[str]:
    """The lines of the text, without the last one when the cut went through it."""
    lines = text.split("\n")
    return lines[:-1] if len(lines) > 1 else lines


@pytest.mark.corpus
@pytest.mark.parametrize("path", DOCUMENTS, ids=str)
def test_first_thousand_characters_are_clean(path, corpus_dir):
    document = parse_filing((corpus_dir / path).read_bytes(), source=path)
    head = document.text[:HEAD]
    assert len(head.strip()) > 200, f"{path}: almost no text at the top: {head!r}"
    lines = complete_lines(head)
    assert not [line for line in lines if PAGE_NUMBER.match(line)], f"{path}: page number in {head!r}"
    assert not [line for line in lines if BACK_LINK.match(line)], f"{path}: back-link in {head!r}"
    noise = XBRL_NOISE.search(head)
    assert noise is None, f"{path}: XBRL noise {noise.group(0)!r} in {head!r}"
    assert "<" not in head or not re.search(r"</?[a-zA-Z][^>]*>", head), f"{path}: markup left in {head!r}"
