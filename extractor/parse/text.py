"""Plain text (old filings, <PRE> blocks, analysts' passages) -> raw blocks.

Paragraphs are runs of lines between blank lines; ``<PAGE>`` lines are page
breaks; the SGML table tags of 1990s filings (<TABLE>, <S>, <C>, <CAPTION>)
are dropped and the lines between <TABLE> and </TABLE> become table rows.
"""

from __future__ import annotations

import re
from html import unescape

from extractor.parse.blocks import PAGE_BREAK, SPACE_TABLE, RawBlock
from extractor.types import HEADING, PARAGRAPH, TABLE_ROW

_PAGE = re.compile(r"^\s*<PAGE>\s*\d*\s*$", re.I)
_TABLE_OPEN = re.compile(r"^\s*<TABLE[^>]*>\s*$", re.I)
_TABLE_CLOSE = re.compile(r"^\s*</TABLE>\s*$", re.I)
_TAG_ONLY = re.compile(r"^\s*(?:</?(?:CAPTION|FN|S|C|F\d*|R\d*|html|body|div|pre|head)[^>]*>\s*)+$", re.I)
_INLINE_TAGS = re.compile(r"</?(?:CAPTION|FN|S|C|F\d*|R\d*|html|body|div|pre)\b[^>]*>", re.I)
_HEADING_START = re.compile(r"^(?:item|part)\s+[0-9ivx]", re.I)


_MARKUP = re.compile(r"<[^<>]{0,2000}>")
_HUGE_REFERENCE = re.compile(r"&#(?:0*\d{8,}|[xX]0*[0-9a-fA-F]{7,});?")  # past U+10FFFF (and int()'s digit limit)


def safe_unescape(text: str) -> str:
    """html.unescape, except that a numeric reference too large to be a character becomes U+FFFD
    (as unescape does for one just past the range) instead of an int() of thousands of digits."""
    return unescape(_HUGE_REFERENCE.sub("\ufffd", text)) if "&" in text else text


def strip_markup(markup: str) -> str:
    """Tags removed and entities decoded: the last resort for HTML that lxml cannot build."""
    return safe_unescape(_MARKUP.sub(" ", markup))


def _clean_line(line: str) -> str:
    line = line.translate(SPACE_TABLE) if not line.isascii() else line.replace("\t", "    ")
    return line.rstrip()


def _paragraph(lines: list[str]) -> RawBlock:
    stripped = [line.strip() for line in lines]
    text = "\n".join(stripped)
    heading = len(lines) <= 2 and len(text) <= 120 and (
        (text.isupper() and sum(c.isalpha() for c in text) >= 3) or bool(_HEADING_START.match(text))
    )
    indent = len(lines[0]) - len(lines[0].lstrip())
    return RawBlock(
        kind=HEADING if heading else PARAGRAPH,
        text=text,
        bold=heading,
        centered=heading and indent >= 10,
        tag="line",
    )


def read_plain_blocks(text: str) -> list[RawBlock]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[RawBlock] = []
    lines: list[str] = []
    in_table = False
    tables = 0

    def end_paragraph() -> None:
        if lines:
            blocks.append(_paragraph(lines))
            lines.clear()

    for raw in text.split("\n"):
        if _PAGE.match(raw):
            end_paragraph()
            blocks.append(RawBlock(PAGE_BREAK, ""))
            continue
        if _TABLE_OPEN.match(raw):
            end_paragraph()
            in_table, tables = True, tables + 1
            continue
        if _TABLE_CLOSE.match(raw):
            in_table = False
            continue
        if _TAG_ONLY.match(raw):
            continue
        line = _clean_line(_INLINE_TAGS.sub("", raw) if "<" in raw else raw)
        if in_table:
            row = re.sub(r"\s{3,}", " | ", line.strip())
            if row:
                blocks.append(RawBlock(TABLE_ROW, row, tag="line", table=tables))
            continue
        if not line.strip():
            end_paragraph()
        else:
            lines.append(line)
    end_paragraph()
    return blocks
