"""Cover facts of an inline-XBRL filing (dei: DocumentType, CIK, registrant name).

They sit in the hidden ix:header, which the text drops; a standalone .htm has no
SGML header, so these are the filing's own word on its form, CIK and company.
"""

from __future__ import annotations

import html
import re

from extractor.types import FilingRef

_FACT = re.compile(
    r"""<ix:nonNumeric\b[^>]*\bname=["']dei:(DocumentType|EntityCentralIndexKey|EntityRegistrantName)["'][^>]*>"""
    r"""(.{1,300}?)</ix:nonNumeric>""",
    re.I | re.S,
)
_TAGS = re.compile(r"<[^>]*>")


def dei_facts(markup: str) -> dict[str, str]:
    """First value of each dei fact named above, tags stripped and entities decoded."""
    facts: dict[str, str] = {}
    for match in _FACT.finditer(markup):
        value = " ".join(html.unescape(_TAGS.sub(" ", match.group(2))).split())
        if value:
            facts.setdefault(match.group(1), value)
        if len(facts) == 3:
            break
    return facts


def ref_from_facts(facts: dict[str, str]) -> FilingRef:
    cik = facts.get("EntityCentralIndexKey", "").lstrip("0") or None
    return FilingRef(cik=cik, form=facts.get("DocumentType"), company=facts.get("EntityRegistrantName"))
