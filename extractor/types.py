"""Frozen values handed between the pipeline's stages.

fetch -> RawFiling -> parse -> Document -> segment -> Section list -> extract.
Offsets are always character offsets into ``Document.text``.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class FilingRef:
    """A filing as EDGAR names it."""

    cik: str | None = None
    accession: str | None = None
    form: str | None = None
    filed: str | None = None
    company: str | None = None
    url: str | None = None
    primary_document: str | None = None


@dataclass(frozen=True)
class RawFiling:
    """The bytes of one input and where they came from."""

    data: bytes
    source: str
    ref: FilingRef = field(default_factory=FilingRef)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


# Block kinds produced by the parsers.
HEADING = "heading"
PARAGRAPH = "paragraph"
TABLE_ROW = "table_row"


@dataclass(frozen=True)
class Block:
    """A run of text in the document: a paragraph, a heading candidate or a table row.

    ``start``/``end`` index ``Document.text``. Style hints feed the segmenter.
    """

    kind: str
    start: int
    end: int
    bold: bool = False
    italic: bool = False
    underline: bool = False
    centered: bool = False
    font_size: float | None = None
    anchors: tuple[str, ...] = ()  # ids / names of anchors that point into this block
    tag: str = ""  # the element that made the block (p, div, h1, td, tr; "line" for plain text)


@dataclass(frozen=True)
class Link:
    """An in-document hyperlink (``href="#target"``), e.g. a table-of-contents entry."""

    target: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Exhibit:
    """A further document of a full submission, addressable by its type (EX-10.1)."""

    type: str
    sequence: int | None
    filename: str | None
    description: str | None
    data: bytes


@dataclass(frozen=True)
class Document:
    """The normalized text of a filing's primary document plus its blocks."""

    text: str
    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()
    anchors: dict[str, int] = field(default_factory=dict)  # anchor id -> offset in text
    kind: str = "text"  # html, ixbrl, sgml, nc, text
    form: str | None = None
    ref: FilingRef = field(default_factory=FilingRef)
    exhibits: tuple[Exhibit, ...] = ()
    warnings: tuple[str, ...] = ()

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @cached_property
    def block_starts(self) -> tuple[int, ...]:
        return tuple(block.start for block in self.blocks)

    def block_index(self, offset: int) -> int:
        """Index of the first block that starts at or after ``offset``."""
        return bisect.bisect_left(self.block_starts, offset)

    def exhibit(self, type: str) -> Exhibit | None:
        """The first exhibit of a full submission with this type ('EX-10.1'), if any."""
        wanted = type.upper()
        return next((e for e in self.exhibits if e.type.upper() == wanted), None)


@dataclass(frozen=True)
class Section:
    """A canonical section: ``id`` from the form's vocabulary, offsets into the text.

    ``start`` is where its heading begins; ``body_start`` where the text after the
    heading begins; ``end`` where the next section of the same or a higher level begins.
    """

    id: str
    title: str
    level: int
    start: int
    end: int
    body_start: int
    parent: str | None = None  # the level-1 section id of a level-2 section
