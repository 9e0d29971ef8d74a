"""Input kind from the bytes, never the file name: sgml, nc, html, ixbrl, text."""

from __future__ import annotations

import re

from extractor.errors import InputError

SGML = "sgml"  # EDGAR full submission (.txt), possibly PEM-wrapped, or a <DOCUMENT>-wrapped file
NC = "nc"  # dissemination feed / archive format: <SUBMISSION> with tag-per-line header
HTML = "html"
IXBRL = "ixbrl"
TEXT = "text"

PEM_BANNER = b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----"
_SGML_START = re.compile(rb"<(SEC-DOCUMENT|SEC-HEADER|DOCUMENT|IMS-DOCUMENT)>", re.I)
_NC_START = re.compile(rb"<SUBMISSION>", re.I)
_HTML_HINT = re.compile(rb"<(?:!doctype\s+html|html|head|body|div|p|font|span|br|td|tr)[\s>/]", re.I)  # not <TABLE>: 1990s text uses it
_IXBRL_HINT = re.compile(rb"<ix:(?:header|nonnumeric|nonfraction)\b|xmlns:ix\s*=", re.I)
MIN_HTML_TAGS = 8
_LAYOUT_TAG = re.compile(  # one scan that stops at the MIN_HTML_TAGS-th hit
    b"|".join(
        re.escape(t.encode())
        for name in ("div", "span", "td", "p", "font", "br")
        for t in (f"<{name} ", f"<{name.upper()} ", f"<{name}>", f"<{name.upper()}>")
    )
)
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))


def _lead(data: bytes) -> bytes:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n\x0c")
    return head


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters near the top: not a filing."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(sample.count(c) for c in _CONTROL)
    return controls > len(sample) * 0.05


def starts_submission(data: bytes) -> bool:
    """An EDGAR submission wrapper (SGML .txt, PEM-wrapped, or .nc) opens these bytes."""
    lead = _lead(data)
    return lead.startswith(PEM_BANNER) or bool(_NC_START.match(lead) or _SGML_START.match(lead))


def detect_kind(data: bytes, *, source: str | None = None) -> str:
    lead = _lead(data)
    if lead.startswith(PEM_BANNER):
        return SGML
    if _NC_START.match(lead):
        return NC
    if _SGML_START.match(lead):
        return SGML
    if looks_binary(data):
        raise InputError("binary data, not a filing (HTML, iXBRL, EDGAR .txt/.nc or plain text)", source=source)
    return markup_kind(data)


def _layout_tag_count(data: bytes) -> int:
    """How many layout tags (<div>, <p>, <td> ...), counting only up to MIN_HTML_TAGS."""
    total = 0
    for _ in _LAYOUT_TAG.finditer(data):
        total += 1
        if total >= MIN_HTML_TAGS:
            break
    return total


def markup_kind(data: bytes) -> str:
    """html, ixbrl or text for one document's content."""
    if len(data) > 20_000 and _layout_tag_count(data) < MIN_HTML_TAGS:
        return TEXT  # a plain-text filing in an <html><body> wrapper: its layout is its line breaks
    if not _HTML_HINT.search(data[:65536]):
        return TEXT
    head = data[:200_000]
    lowered = head.lower()  # each of the hint's forms holds "<ix:" or "xmlns:ix": found at C speed first
    if (b"<ix:" in lowered or b"xmlns:ix" in lowered) and _IXBRL_HINT.search(head):
        return IXBRL
    return HTML
