"""``batch --only-form``: which inputs to keep, decided from a few KB of header before any parse.

An EDGAR submission (``.nc`` feed member, full-submission ``.txt``) names its
form in its header; a stored filing's record names it too. An input whose form
cannot be read that way (a bare HTML document) is kept: only the parse could tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.parse.detect import PEM_BANNER
from extractor.parse.sgml import parse_header

HEAD_BYTES = 64 * 1024  # a submission header is a few KB (many filers: tens)
_SUBMISSION_START = re.compile(rb"^\s*(?:<SUBMISSION>|<SEC-DOCUMENT>|<SEC-HEADER>|" + re.escape(PEM_BANNER) + rb")", re.I)
_FIRST_DOCUMENT = re.compile(rb"<DOCUMENT>", re.I)


@dataclass(frozen=True)
class Filtered:
    """An input left out by ``--only-form`` (never parsed)."""

    source: str
    form: str
    size: int = 0


def header_form(head: bytes) -> str | None:
    """The form a submission's header names, from its first bytes; None when it has no such header."""
    if not _SUBMISSION_START.match(head[:4096].lstrip(b"\xef\xbb\xbf")):
        return None
    first = _FIRST_DOCUMENT.search(head)
    form = parse_header(head[: first.start()] if first else head).form
    return " ".join(form.split()).upper() if form else None


def keeps(forms: frozenset[str] | None, form: str | None) -> bool:
    return forms is None or form is None or " ".join(form.split()).upper() in forms
