"""Blocks as the markup readers produce them, before page furniture is removed
and the text is assembled (see layout.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A page break between blocks (CSS page-break, <hr>, <PAGE>, Field: Page comment).
PAGE_BREAK = "page_break"

_SPACES = {c: " " for c in "\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\r\n\x0b\x0c\x85\u2028\u2029"}
_INVISIBLE = {c: None for c in "\u200b\u200c\u200d\u2060\ufeff\xad"}
SPACE_TABLE = str.maketrans({**_SPACES, **_INVISIBLE})
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\xad]")


def words_of(text: str) -> list[str]:
    """The words of a text node: any Unicode space separates (str.split knows NBSP and
    friends), zero-width characters and soft hyphens vanish. Faster than translate()."""
    if text.isascii():
        return text.split()
    return INVISIBLE.sub("", text).split()


@dataclass(frozen=True)
class RawLink:
    target: str
    start: int  # offsets into RawBlock.text
    end: int


@dataclass(slots=True)  # not frozen: three times cheaper to build, and a filing makes thousands
class RawBlock:
    kind: str  # heading / paragraph / table_row / page_break
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    centered: bool = False
    font_size: float | None = None
    tag: str = ""  # the element that made the block (h1, p, div, tr, line)
    anchors: tuple[str, ...] = ()
    links: tuple[RawLink, ...] = ()
    table: int = 0  # rows of the same table share a number (0: not a table row)
