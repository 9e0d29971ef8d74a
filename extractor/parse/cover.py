"""The form type as the cover page states it, for inputs without an SGML header."""

from __future__ import annotations

import re

COVER_CHARS = 8000
_RULE_424 = re.compile(r"Rule\s*424\s*\(\s*b\s*\)\s*\(\s*(\d)\s*\)", re.I)
_AMENDMENT = re.compile(r"Amendment\s+No\.?\s*\d+\s+to:?\s+Form\s+([A-Z0-9-]{2,6})\b", re.I)
_FORM = re.compile(
    r"\bFORM\s+(10-K|10-Q|8-K|S-1|F-1|S-3|F-3|S-4|F-4|20-F|40-F|6-K|10-KT|10-K405|DEF\s*14A)(\s*/\s*A)?\b", re.I
)


def cover_form(text: str) -> str | None:
    """'424B4', 'S-1/A', '10-K' ... from the first page of the document text, or None."""
    head = text[:COVER_CHARS]
    match = _RULE_424.search(head)
    if match:
        return f"424B{match.group(1)}"
    match = _AMENDMENT.search(head)
    if match:
        return f"{match.group(1).upper()}/A"
    match = _FORM.search(head)
    if match:
        form = re.sub(r"\s+", " ", match.group(1).upper())
        return form + ("/A" if match.group(2) else "")
    return None


COMPANY_CHARS = 20000
MAX_COMPANY_CHARS = 120
_EXACT_NAME = re.compile(r"\(?\s*exact name of (?:the )?registrants?\b[^)\n]{0,80}\)?", re.I)
_NOT_A_NAME = re.compile(r"commission|file number|\bi\.?r\.?s\b|employer|identification|incorporation|date of|reported|address|telephone", re.I)


def cover_company(text: str) -> str | None:
    """The registrant's name as the cover page states it: the line just above
    "(Exact name of registrant as specified in its charter)", or None. In a cover laid out
    as a table, the cell above the one that says so."""
    match = _EXACT_NAME.search(text, 0, COMPANY_CHARS)
    if not match:
        return None
    line_start = text.rfind("\n", 0, match.start()) + 1
    column = text.count(" | ", line_start, match.start())
    lines = [line for line in text[:line_start].rstrip().split("\n")[-3:] if line.strip()]
    if not lines:
        return None
    cells = lines[-1].split(" | ")
    cell = cells[column] if column < len(cells) and cells[column].strip() else cells[-1]
    name = " ".join(cell.split()).strip(" ,;:|")
    if len(name) > MAX_COMPANY_CHARS or sum(c.isalpha() for c in name) < 2 or _NOT_A_NAME.search(name):
        return None
    return name
