"""Bytes -> str: BOM, then the declared charset, then UTF-8, then cp1252."""

from __future__ import annotations

import codecs
import re

_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def narrow(data: bytes) -> bytes:
    """UTF-16 input (it always starts with a byte-order mark) re-encoded as UTF-8, so that
    detection and the byte-level passes see ordinary markup; other input unchanged."""
    if data.startswith(_WIDE_BOMS):
        return codecs.BOM_UTF8 + data.decode("utf-16", errors="replace").encode("utf-8")
    return data


def declared_charset(data: bytes) -> str | None:
    """The charset named in an XML declaration or <meta> near the top, if Python knows it."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Return ``(text, encoding, warnings)``. Never fails: cp1252 with replacement is the last resort."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name, []
    declared = declared_charset(data)
    tried: list[str] = []
    for name in (declared, "utf-8", "cp1252"):
        if not name or name in tried:
            continue
        tried.append(name)
        if name in ("ascii", "us-ascii"):
            continue  # ASCII declarations are routinely wrong; UTF-8 is a superset
        if name.startswith(("utf-16", "utf-32")):
            continue  # without a byte-order mark a wide declaration is wrong (browsers ignore it too)
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return text, name, _mismatch(declared, name)
    return data.decode("cp1252", errors="replace"), "cp1252", _mismatch(declared, "cp1252")


def _mismatch(declared: str | None, used: str) -> list[str]:
    if declared and declared != used and declared not in ("ascii", "us-ascii"):
        return [f"declared charset {declared} does not decode the bytes; read as {used}"]
    return []
