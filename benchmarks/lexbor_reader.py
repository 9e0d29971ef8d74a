"""A prototype HTML block reader on selectolax's Lexbor parser (an HTML5 tree builder in C),
for bench_readers.py only: the reader's rules of parse/html.py (the general path, no cell
fast paths) ported to Lexbor's nodes. Lexbor builds the tree as browsers do, which is not
how libxml2 recovers from broken markup (misnested <p>/<font>, stray cells, EDGAR's
<DOCUMENT>/<TYPE> wrapper), so its blocks are not those of parse/html.py; see
bench_readers.py for how far apart they are.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from extractor.parse.blocks import words_of
from extractor.parse.html import (
    LAYOUT_CELL_CHARS,
    _BLOCK,
    _CELL,
    _INLINE,
    _SKIP,
    _Reader,
    _facts,
    _is_text_in_html,
    link_targets,
)
from extractor.parse.prune import prune
from extractor.parse.style import PLAIN
from extractor.parse.text import read_plain_blocks

_TEXT, _COMMENT = "-text", "-comment"


class LexborReader(_Reader):
    def node_facts(self, node, tag, parent):
        attributes = node.attributes
        key = (parent, tag, *attributes.items())
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = _facts(key[2:], tag, parent, self.targets)
        return found

    def walk_node(self, node, style) -> None:
        child = node.child
        while child is not None:
            tag = child.tag
            if tag == _TEXT:
                self.add(child.text_content or "", style)
            elif tag == _COMMENT:
                comment = child.comment_content or ""
                if "Field: Page;" in comment or "PAGE BREAK" in comment.upper():
                    self.page_break()
            elif tag in _CELL and self.in_row and self.blank(child):
                pass
            else:
                self.node(child, tag, style)
            child = child.next

    def blank(self, cell) -> bool:
        if words_of(cell.text(deep=True)):
            return False
        return not any((e.attributes.get("id") or e.attributes.get("name")) in self.targets for e in cell.traverse())

    def node(self, el, tag, parent) -> None:
        if tag in _SKIP:
            return
        style, _plain, css, href, anchors = self.node_facts(el, tag, parent)
        if anchors:
            self.anchors.extend(anchors)
        if css is not None:
            if css.hidden:
                return
            if css.break_before:
                self.page_break()
        if tag in _INLINE:
            self.walk_node(el, style)
        elif tag in _BLOCK:
            if self.in_row:
                self.space = True
                self.walk_node(el, style)
                self.space = True
            else:
                self.flush()
                self.tag, outer = tag, self.block_style
                self.block_style = style
                self.walk_node(el, style)
                self.flush()
                self.block_style = outer
        elif tag == "a" and href and href.startswith("#"):
            serial, start = self.serial, self.length + (1 if self.length and (self.space or self.separator) else 0)
            self.walk_node(el, style)
            if self.serial == serial and self.length > start and href[1:]:
                from extractor.parse.blocks import RawLink

                self.links.append(RawLink(href[1:], start, self.length))
        elif tag in _CELL and self.in_row:
            if len(el.text(deep=True)) > LAYOUT_CELL_CHARS:
                self.flush()
                self.in_row, self.tag = False, "td"
                self.walk_node(el, style)
                self.flush()
                self.in_row, self.tag = True, "tr"
            else:
                first_part, glue = self.open_cell()
                self.walk_node(el, style)
                self.close_cell(first_part, glue)
        elif tag == "tr":
            self.flush()
            outer_row, outer_tag = self.in_row, self.tag
            self.in_row, self.tag = True, "tr"
            self.walk_node(el, style)
            self.flush()
            self.in_row, self.tag = outer_row, outer_tag
        elif tag == "br":
            self.line_break()
        elif tag == "table":
            self.flush()
            outer, outer_row = self.table, self.in_row
            self.tables += 1
            self.table, self.in_row = self.tables, False
            self.walk_node(el, style)
            self.flush()
            self.table, self.in_row = outer, outer_row
        elif tag == "hr":
            self.page_break()
        elif tag == "pre":
            self.flush()
            self.blocks.extend(read_plain_blocks(el.text(deep=True)))
        else:
            self.walk_node(el, style)
        if css is not None and css.break_after:
            self.page_break()


def read_html_blocks(markup: str, *, prune_markup: bool = True):
    """``(blocks, warnings)`` as parse/html.py's read_html_blocks, on a Lexbor tree."""
    reader = LexborReader(link_targets(markup))
    tree = LexborHTMLParser(prune(markup) if prune_markup else markup)
    if tree.root is None:
        return [], ["HTML has no content"]
    reader.walk_node(tree.root, PLAIN)
    reader.flush()
    if _is_text_in_html(reader.blocks):
        return read_plain_blocks(tree.root.text(deep=True)), []
    return reader.blocks, []
