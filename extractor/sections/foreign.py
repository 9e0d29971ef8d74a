"""Wrapper forms of foreign private issuers that have no items: the 6-K and the 40-F.

A 6-K is a cover page (ending with the "Form 20-F / Form 40-F" check box), a short
``body`` (often one line: "the press release attached as Exhibit 99.1"; titled by its
heading when it has one), the exhibit
index and the signatures; its substance is its exhibits, which are read as their own
documents. A 40-F wraps the annual information form, the financial statements and
MD&A (usually as exhibits) with a few headings of its own.
"""

from __future__ import annotations

import re

from extractor.sections.forms import normalize_title
from extractor.sections.headings import heading_lines
from extractor.sections.starts import Start
from extractor.types import HEADING, Block, Document

MAX_BODY_TITLE = 150

_CHECK_BOX = re.compile(r"form\s+20-f\b.{0,40}?form\s+40-f", re.I | re.S)
_RULES_6K = (
    ("exhibits", re.compile(r"^(?:exhibit index|index to exhibits|exhibits?)$")),
    ("signatures", re.compile(r"^signatures?$")),
)
_RULES_40F = (
    ("annual_information_form", re.compile(r"^annual information form$")),
    ("financial_statements", re.compile(r"^(?:audited )?(?:annual )?(?:consolidated )?financial statements$")),
    ("mda", re.compile(r"^management'?s discussion and analysis")),
    ("controls_and_procedures", re.compile(r"^(?:disclosure )?controls and procedures$")),
    ("undertaking", re.compile(r"^undertaking$")),
    ("consent_to_service_of_process", re.compile(r"^consent to service of process$")),
    ("exhibits", re.compile(r"^(?:exhibit index|index to exhibits|exhibits?)$")),
    ("signatures", re.compile(r"^signatures?$")),
)


def _body(document: Document, first: Block) -> Start:
    """The 6-K body from its first block: titled by it when it is a heading of its own
    ("INFORMATION CONTAINED IN THIS REPORT ON FORM 6-K") and not the exhibit index or signatures."""
    text = document.text[first.start : first.end]
    key = normalize_title(text)
    if first.kind == HEADING and len(text) <= MAX_BODY_TITLE and "\n" not in text and not any(p.match(key) for _, p in _RULES_6K):
        return Start("body", text, first.start, first.end)
    return Start("body", "", first.start, first.start)


def foreign_starts(document: Document, form: str) -> list[Start]:
    rules = _RULES_40F if form.startswith("40-F") else _RULES_6K
    text = document.text
    starts: list[Start] = []
    seen: set[str] = set()
    body_from = 0
    if form.startswith("6-K"):
        box = None
        for box in _CHECK_BOX.finditer(text[: max(20000, len(text) // 3)]):
            pass
        if box:
            block = document.blocks[min(document.block_index(box.end()), len(document.blocks) - 1)] if document.blocks else None
            body_from = max(box.end(), block.end if block and block.start <= box.end() else box.end())
            next_block = document.block_index(body_from)
            if next_block < len(document.blocks):
                first = document.blocks[next_block]
                body_from = first.start
                starts.append(_body(document, first))
    for heading in heading_lines(document):
        if heading.start < body_from:
            continue
        key = heading.key
        for section_id, pattern in rules:
            if section_id not in seen and pattern.match(key):
                starts.append(Start(section_id, heading.text, heading.start, heading.end))
                seen.add(section_id)
                break
    starts.sort(key=lambda s: s.start)
    return [s for i, s in enumerate(starts) if i == 0 or s.start != starts[i - 1].start]
