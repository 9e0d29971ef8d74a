"""Parse stage: bytes of any supported kind -> Document."""

from __future__ import annotations

from extractor.parse.text import parse_plain_text
from extractor.types import Document


def parse_bytes(data: bytes, *, source: str | None = None, form: str | None = None, max_bytes: int | None = None) -> Document:
    # Provisional: plain text only. The real detector (HTML, iXBRL, SGML, .nc) replaces this.
    text = data.decode("utf-8", errors="replace")
    return parse_plain_text(text, form=form)
