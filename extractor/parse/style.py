"""Inline CSS and presentational attributes -> the few style facts the segmenter uses.

A style is a plain tuple ``(bold, italic, underline, centered, font_size)`` so
that it hashes at C speed: the HTML reader caches styles per (parent, element).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

Style = tuple  # (bold, italic, underline, centered, font_size)
PLAIN: Style = (False, False, False, False, None)
BOLD, ITALIC, UNDERLINE, CENTERED, FONT_SIZE = range(5)


@dataclass(frozen=True)
class CssFacts:
    """What one ``style`` attribute says (None: not stated, inherit)."""

    hidden: bool = False
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    centered: bool | None = None
    font_size: float | None = None
    break_before: bool = False
    break_after: bool = False

    def overrides(self) -> tuple:
        return (self.bold, self.italic, self.underline, self.centered, self.font_size)


_HIDDEN = re.compile(r"display\s*:\s*none")
_WEIGHT = re.compile(r"font-weight\s*:\s*(\w+)")
_ITALIC = re.compile(r"font-style\s*:\s*(\w+)")
_DECORATION = re.compile(r"text-decoration(?:-line)?\s*:\s*([^;]+)")
_SIZE = re.compile(r"font-size\s*:\s*([\d.]+)\s*(pt|px)")
_ALIGN = re.compile(r"text-align\s*:\s*(\w+)")
_BREAK_BEFORE = re.compile(r"(?:page-)?break-before\s*:\s*(?:always|page)")
_BREAK_AFTER = re.compile(r"(?:page-)?break-after\s*:\s*(?:always|page)")
_FONT_SIZES = {"1": 8.0, "2": 10.0, "3": 12.0, "4": 14.0, "5": 18.0, "6": 24.0, "7": 36.0}


@lru_cache(maxsize=8192)
def css_facts(style: str) -> CssFacts:
    s = style.lower()
    weight = _WEIGHT.search(s)
    bold = None
    if weight:
        w = weight.group(1)
        bold = w in ("bold", "bolder") or (w.isdigit() and int(w) >= 600)
    italic = _ITALIC.search(s)
    decoration = _DECORATION.search(s)
    size = _SIZE.search(s)
    font_size = None
    if size:
        try:
            font_size = float(size.group(1)) * (0.75 if size.group(2) == "px" else 1.0)
        except ValueError:
            font_size = None
    align = _ALIGN.search(s)
    return CssFacts(
        hidden=bool(_HIDDEN.search(s)),
        bold=bold,
        italic=(italic.group(1) in ("italic", "oblique")) if italic else None,
        underline=("underline" in decoration.group(1)) if decoration else None,
        centered=(align.group(1) == "center") if align else None,
        font_size=font_size,
        break_before=bool(_BREAK_BEFORE.search(s)),
        break_after=bool(_BREAK_AFTER.search(s)),
    )


_TAG_STYLE = {
    "b": {BOLD: True},
    "strong": {BOLD: True},
    "i": {ITALIC: True},
    "em": {ITALIC: True},
    "u": {UNDERLINE: True},
    "ins": {UNDERLINE: True},
    "center": {CENTERED: True},
    "h1": {BOLD: True, FONT_SIZE: 24.0},
    "h2": {BOLD: True, FONT_SIZE: 18.0},
    "h3": {BOLD: True, FONT_SIZE: 14.0},
    "h4": {BOLD: True},
    "h5": {BOLD: True},
    "h6": {BOLD: True},
    "th": {BOLD: True},
}


@lru_cache(maxsize=16384)
def child_style(parent: Style, tag: str, align: str | None, size: str | None, css_text: str | None) -> Style:
    """The style of an element given its parent's, its tag, align/size attributes and ``style`` text."""
    changes = _TAG_STYLE.get(tag)
    if changes is None and align is None and size is None and css_text is None:
        return parent
    css = css_facts(css_text) if css_text else None
    values = list(parent)
    if changes:
        for index, value in changes.items():
            values[index] = value
    if align is not None:
        values[CENTERED] = align.strip().lower() == "center"
    if size is not None and tag == "font":
        values[FONT_SIZE] = _FONT_SIZES.get(size.strip().lstrip("+"), values[FONT_SIZE])
    if css is not None:
        for index, value in enumerate(css.overrides()):
            if value is not None:
                values[index] = value
    return tuple(values)
