"""Plain text -> Document: paragraphs are runs of lines separated by blank lines."""

from __future__ import annotations

import re

from extractor.types import PARAGRAPH, Block, Document

_PARA_BREAK = re.compile(r"\n[ \t]*\n+")


def parse_plain_text(text: str, *, form: str | None = None) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = []
    pos = 0
    for m in list(_PARA_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            s = pos + (len(chunk) - len(chunk.lstrip()))
            blocks.append(Block(PARAGRAPH, s, s + len(stripped)))
        if m:
            pos = m.end()
    return Document(text=text, blocks=tuple(blocks), kind="text", form=form)
