"""Names that come from the server are checked here before they become paths.

A document name with a path separator, ``..``, a control character or a leading
dot is refused (UnsafePath), as is an accession or CIK of the wrong shape.
"""

from __future__ import annotations

import re

from extractor.errors import UnsafePath, UsageError

ACCESSION_RE = re.compile(r"^(\d{10})-?(\d{2})-?(\d{6})$")
CIK_RE = re.compile(r"^\d{1,10}$")
RESERVED_NAMES = frozenset({"filing.json"})
MAX_NAME_BYTES = 255


def normalize_accession(value: str) -> str:
    """``0001234567-24-000001`` (dashes added when missing), or UnsafePath."""
    match = ACCESSION_RE.match(str(value).strip())
    if not match:
        raise UnsafePath(f"not an accession number: {str(value)[:80]!r}")
    return "-".join(match.groups())


def normalize_cik(value: str | int) -> str:
    """The CIK as an unpadded decimal string (EDGAR's folder name), or UnsafePath."""
    text = str(value).strip()
    if not CIK_RE.match(text) or int(text) == 0:
        raise UnsafePath(f"not a CIK: {text[:80]!r}")
    return str(int(text))


def cik_option(value: str) -> str:
    """A CIK typed by a user (``--cik``): same rule, but a usage error."""
    try:
        return normalize_cik(value)
    except UnsafePath:
        raise UsageError(f"--cik must be a number of up to 10 digits, not {value!r}") from None


def safe_document_name(name: str) -> str:
    """Return ``name`` if it can be used as a file name inside a store folder."""
    shown = repr(name[:80]) if isinstance(name, str) else repr(name)
    if not isinstance(name, str) or not name:
        raise UnsafePath(f"empty or missing document name {shown}")
    if "/" in name or "\\" in name:
        raise UnsafePath(f"document name {shown} contains a path separator")
    if ".." in name:
        raise UnsafePath(f"document name {shown} contains '..'")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise UnsafePath(f"document name {shown} contains a control character")
    if name.startswith(".") or ":" in name:
        raise UnsafePath(f"document name {shown} is hidden or has a drive/stream separator")
    if name.lower() in RESERVED_NAMES:
        raise UnsafePath(f"document name {shown} is reserved by the store")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise UnsafePath(f"document name {shown}... is longer than {MAX_NAME_BYTES} bytes")
    return name
