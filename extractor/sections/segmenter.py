"""Document -> canonical sections: table-of-contents anchors first, styled headings
second, then validation (each section at its own body heading, TOC order, no overlaps,
no run-ons, no stubs). Per-form logic lives in items.py and prospectus.py."""

from __future__ import annotations

from extractor.sections.exhibits import exhibit_kind, exhibit_sections
from extractor.sections.foreign import foreign_starts
from extractor.sections.forms import PROSPECTUS, form_family
from extractor.sections.items import item_starts
from extractor.sections.prospectus import prospectus_starts
from extractor.sections.starts import close
from extractor.sections.subsections import subsections
from extractor.types import Document, Section


def segment(document: Document, form: str | None = None) -> list[Section]:
    """Level-1 sections of the document (a leading ``cover_page`` when there is text before
    the first one); a single ``body`` section when no structure is recognised."""
    text = document.text
    kind = exhibit_kind(form or document.form)
    if kind and text.strip():
        return exhibit_sections(document, kind)
    wrapper = (form or document.form or "").upper().replace(" ", "")
    if text.strip() and wrapper.startswith(("6-K", "40-F")):
        starts = foreign_starts(document, wrapper)
        if starts:
            return close(document, starts)
    if text.strip():
        family = form_family(form or document.form)
        starts = prospectus_starts(document) if family == PROSPECTUS else item_starts(document, family)
        if starts:
            top = close(document, starts)
            return sorted(top + subsections(document, top), key=lambda s: (s.start, s.level))
    return [Section("body", "", 1, 0, len(text), 0)]
