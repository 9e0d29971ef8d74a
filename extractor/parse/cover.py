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
