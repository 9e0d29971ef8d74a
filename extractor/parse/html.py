"""HTML and inline XBRL -> raw blocks, by one recursive pass over the lxml tree, read as
libxml2 builds it (finished parts are cut off, so memory stays near the size of the markup).

Hidden content (``display:none``, ``ix:header``), scripts and styles are
dropped; tables become one row per block with cells joined by `` | ``;
page breaks become PAGE_BREAK markers for layout.py to find page furniture.
This is the hot path: styles are cached tuples, attributes are read once.
"""

from __future__ import annotations

import re

from lxml import etree

from extractor.parse.blocks import INVISIBLE, PAGE_BREAK, RawBlock, RawLink, words_of
from extractor.parse.prune import prune as prune_markup
from extractor.parse.prune import pruned_pieces
from extractor.parse.text import read_plain_blocks
from extractor.parse.style import BOLD, CENTERED, FONT_SIZE, ITALIC, PLAIN, UNDERLINE, Style, child_style, css_facts
from extractor.types import PARAGRAPH, TABLE_ROW

_SKIP = frozenset({"head", "title", "script", "style", "noscript", "ix:header", "xml", "template", "object", "map"})
_BLOCK = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "center",
        "blockquote", "section", "article", "header", "footer", "body", "html", "form", "address",
        "caption", "nav", "main", "aside", "figure", "figcaption", "document", "type", "text",
    }
)
_CELL = frozenset({"td", "th"})
_CELL_BLOCKS = frozenset({"p", "div"})  # the blocks block_cell reads inside a table cell
_INLINE = frozenset(
    {
        "font", "span", "b", "i", "u", "strong", "em", "sup", "sub", "small", "big", "ins", "s", "strike",
        "ix:nonfraction", "ix:nonnumeric", "ix:continuation", "ix:exclude", "nobr", "abbr", "cite", "code", "tt",
    }
)
_GLUE_NEXT = frozenset({"$", "(", "$(", "($", "€", "£", "¥"})
_GLUE_PREVIOUS = frozenset({")", "%", ")%", "%)", "pts", "bps"})
_LEAF_SKIPPABLE = _INLINE | _CELL
_KNOWN = _SKIP | _BLOCK | _CELL | _INLINE | {"a", "tr", "br", "table", "hr", "pre"}  # Reader.element's own cases
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_HASH_TARGETS = re.compile(r"""=["']#([^"']+)""")  # a superset of href="#x" targets, found at C speed
_COMMENT = etree.Comment
LAYOUT_CELL_CHARS = 600  # a table cell with more text than this is page layout, not data
TEXT_IN_HTML_CHARS = 2000  # fewer than one block per this many characters: plain text in an HTML wrapper
STREAM_CHUNK_MIN, STREAM_CHUNK_MAX = 1 << 14, 1 << 18  # characters of markup fed to libxml2 at a time
STREAM_CHUNKS = 16  # a document is fed in about this many chunks: libxml2's push parser pays per chunk
PRUNE_PIECE_CHARS = 1 << 16  # markup pruned at a time, on the way to libxml2
HUGE_DEPTH = 2000  # near libxml2's nesting limit with huge_tree (2048), which the streaming read uses
MAX_DEPTH = 256  # libxml2's nesting limit without huge_tree, which the whole-tree fallback read keeps


def link_targets(markup: str) -> frozenset[str]:
    """Every ``href="#x"`` target (and a few colours): only these ids are recorded as anchors."""
    return frozenset(_HASH_TARGETS.findall(markup))


class _Reader:
    """Accumulates the text of the current block; emits RawBlocks."""

    def __init__(self, targets: frozenset[str]) -> None:
        self.targets = targets
        self.blocks: list[RawBlock] = []
        self.parts: list[str] = []
        self.length = 0
        self.space = False  # whitespace seen since the last text
        self.separator: str | None = None  # forced separator before the next text (cell, line break)
        self.chars = self.bold_chars = self.italic_chars = self.underline_chars = 0
        self.first_style: Style | None = None
        self.block_style: Style = PLAIN
        self.tag = ""
        self.anchors: list[str] = []
        self.links: list[RawLink] = []
        self.table = 0
        self.tables = 0
        self.in_row = False
        self.serial = 0  # bumps at every flush, so links cannot span blocks
        self.cache: dict[tuple, tuple] = {}  # (parent style, tag, *attributes) -> facts (see _facts)

    # -- text -------------------------------------------------------------
    def add(self, text: str, style: Style) -> None:
        words = text.split() if text.isascii() else INVISIBLE.sub("", text).split()  # blocks.words_of
        if not words:
            self.space = True
            return
        joined = " ".join(words)
        if self.length:
            if self.separator is not None:
                joined = self.separator + joined
            elif self.space or text[0] in " \n\t\r\xa0":
                joined = " " + joined
        else:
            self.first_style = style
        self.separator = None
        self.parts.append(joined)
        n = len(joined)
        self.length += n
        self.chars += n
        if style[BOLD]:
            self.bold_chars += n
        if style[ITALIC]:
            self.italic_chars += n
        if style[UNDERLINE]:
            self.underline_chars += n
        self.space = text[-1] in " \n\t\r\xa0"

    def flush(self) -> None:
        self.serial += 1
        if not self.parts:
            self.separator = None
            return
        first = self.first_style or PLAIN
        chars = self.chars or 1
        self.blocks.append(
            RawBlock(
                kind=TABLE_ROW if self.in_row else PARAGRAPH,
                text="".join(self.parts),
                bold=self.bold_chars >= 0.8 * chars,
                italic=self.italic_chars >= 0.8 * chars,
                underline=self.underline_chars >= 0.8 * chars,
                centered=self.block_style[CENTERED] or first[CENTERED],
                font_size=first[FONT_SIZE],
                tag=self.tag,
                anchors=tuple(self.anchors),
                links=tuple(self.links),
                table=self.table if self.in_row else 0,
            )
        )
        self.parts = []
        self.length = 0
        self.space = False
        self.separator = None
        self.chars = self.bold_chars = self.italic_chars = self.underline_chars = 0
        self.first_style = None
        if self.anchors:
            self.anchors = []
        if self.links:
            self.links = []

    def page_break(self) -> None:
        self.flush()
        if not self.blocks or self.blocks[-1].kind != PAGE_BREAK:
            self.blocks.append(RawBlock(PAGE_BREAK, ""))

    # -- tree -------------------------------------------------------------
    def walk(self, element, style: Style, nodes=None) -> None:
        """The element's text, then each child and its tail; with ``nodes``, only those
        children (the streaming reader hands over the finished ones), not the text."""
        add = self.add
        visit = self.element
        facts = self.facts
        in_row = self.in_row  # the same after each child: what a child changes, it restores
        if nodes is None:
            text = element.text
            if text:
                add(text, style)
            nodes = element
        for child in nodes:
            tag = child.tag
            if tag.__class__ is str:
                count = len(child) if tag in _LEAF_SKIPPABLE else -1  # (counted once: len() costs as much as .text)
                if not count:
                    text = child.text  # an empty cell or a leaf <b>/<font>/<span>: the commonest elements
                    if text and not text.isspace():
                        if tag in _CELL:
                            if not (in_row and self.text_cell(child, tag, text, style)):
                                visit(child, tag, style)
                        else:  # a leaf inline element, read without the general path unless
                            leaf_style = facts(child, tag, style)[_PLAIN]  # it is hidden, a break or a target
                            if leaf_style is None:
                                visit(child, tag, style)
                            else:
                                add(text, leaf_style)
                    elif text and tag not in _CELL:
                        self.space = True  # <font>&#160;&#160;</font> between two words
                elif tag in _CELL and in_row:
                    if self.leaf_cell(child, tag, style, count) or self.block_cell(child, tag, style, count):
                        pass
                    elif _has_words_up_front(child) or not self.blank_cell(child):
                        visit(child, tag, style)  # else <td><font>&#160;</font></td>: a spacer cell pruning left
                else:
                    visit(child, tag, style)
            elif tag is _COMMENT:
                comment = child.text or ""
                if "Field: Page;" in comment or "PAGE BREAK" in comment.upper():
                    self.page_break()
            tail = child.tail
            if tail:
                if tail.isspace():  # the newline between two tags, most tails: what add() makes of it
                    self.space = True
                else:
                    add(tail, style)

    def blank_cell(self, cell) -> bool:
        """A cell with no words and no link target inside; stops at the first word."""
        targets = self.targets
        for e in cell.iter():
            if e.tag.__class__ is str:  # a comment's own text is not text
                text = e.text
                if (text and not text.isspace() and words_of(text)) or (e.get("id") or e.get("name")) in targets:
                    return False
            tail = e.tail
            if tail and e is not cell and not tail.isspace() and words_of(tail):
                return False
        return True

    def leaf_cell(self, td, tag: str, parent: Style, count: int) -> bool:
        """Add a row's cell that holds one childless inline element with words
        (``<td><font>1,234</font></td>``, most cells of a financial table) without the general
        path; False when it needs that path. Whitespace around the element is a word break.
        ``count`` is len(td)."""
        if count != 1:
            return False
        leaf = td[0]
        leaf_tag, text, tail, own = leaf.tag, leaf.text, leaf.tail, td.text
        if leaf_tag not in _INLINE or len(leaf) or not text or text.isspace():
            return False
        if not text.isascii() and not words_of(text):  # only invisible characters: a blank cell
            return False
        if (tail and not tail.isspace()) or (own and not own.isspace()):
            return False
        td_style = self.plain_style(td, tag, parent)
        if td_style is None:
            return False
        style = self.plain_style(leaf, leaf_tag, td_style)
        if style is None:
            return False
        first_part, glue = self.open_cell()
        if own:
            self.space = True
        self.add(text, style)
        if tail:
            self.space = True
        self.close_cell(first_part, glue)
        return True

    def text_cell(self, td, tag: str, text: str, parent: Style) -> bool:
        """Add a row's childless cell (``<td>1,234</td>``) without the general path."""
        style = self.plain_style(td, tag, parent)
        if style is None:
            return False
        first_part, glue = self.open_cell()
        self.add(text, style)
        self.close_cell(first_part, glue)
        return True

    def block_cell(self, td, tag: str, parent: Style, count: int) -> bool:
        """Add a row's cell that holds one <p> or <div> with words, itself holding text and at
        most one childless inline element (``<td><p><font>1,234</font></p></td>``), as the
        general path would (a block in a row is a word break before and after); False, with
        nothing done, for any other shape or when an element is hidden, a page break or a
        link target."""
        if count != 1:  # len(td)
            return False
        block = td[0]
        block_tag = block.tag
        if block_tag not in _CELL_BLOCKS or len(block) > 1:
            return False
        leaf = leaf_tag = leaf_text = None
        if len(block):
            leaf = block[0]
            leaf_tag, leaf_text = leaf.tag, leaf.text
            if leaf_tag not in _INLINE or len(leaf):
                return False
            words = leaf_text
        else:
            words = block.text
        if not words or words.isspace() or not words_of(words):
            return False  # maybe blank: the general path decides
        td_style = self.plain_style(td, tag, parent)
        block_style = td_style and self.plain_style(block, block_tag, td_style)
        if block_style is None:
            return False
        leaf_style = None
        if leaf_text and not leaf_text.isspace():
            leaf_style = self.plain_style(leaf, leaf_tag, block_style)
            if leaf_style is None:
                return False
        add = self.add
        first_part, glue = self.open_cell()
        if td.text:
            add(td.text, td_style)
        self.space = True
        if block.text:
            add(block.text, block_style)
        if leaf is not None:
            if leaf_style is not None:
                add(leaf_text, leaf_style)
            elif leaf_text:
                self.space = True
            if leaf.tail:
                add(leaf.tail, block_style)
        self.space = True
        if block.tail:
            add(block.tail, td_style)
        self.close_cell(first_part, glue)
        return True

    def plain_style(self, el, tag: str, parent: Style) -> Style | None:
        """The style of an element that is neither hidden, nor a page break, nor a link target;
        None for the others."""
        return self.facts(el, tag, parent)[_PLAIN]

    def facts(self, el, tag: str, parent: Style) -> tuple:
        """What the element's tag and attributes say, given its parent's style (see _facts),
        cached per reader: a filing repeats a few dozen attribute sets thousands of times."""
        key = (parent, tag, *el.items())
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = _facts(key[2:], tag, parent, self.targets)
        return found

    def element(self, el, tag: str, parent: Style) -> None:
        if tag in _SKIP:
            return
        style, _plain, css, href, anchors = self.facts(el, tag, parent)
        if anchors:
            self.anchors.extend(anchors)
        if css is not None:
            if css.hidden:
                return
            if css.break_before:
                self.page_break()
        if tag in _INLINE:
            if len(el):
                self.walk(el, style)
            elif el.text:  # a leaf <span style=...>: the commonest element of iXBRL filings
                self.add(el.text, style)
        elif tag in _BLOCK:
            self.block(el, tag, style)
        elif tag == "a" and href and href.startswith("#"):
            self.link(el, href[1:], style)
        elif tag in _CELL and self.in_row:
            self.cell(el, style)
        elif tag in _CELL:
            self.block(el, tag, style)
        elif tag == "tr":
            self.row(el, style)
        elif tag == "br":
            self.line_break()
        elif tag == "table":
            self.table_element(el, style)
        elif tag == "hr":
            self.page_break()
        elif tag == "pre":
            self.flush()
            self.blocks.extend(read_plain_blocks("".join(el.itertext())))
        else:
            self.walk(el, style)
        if css is not None and css.break_after:
            self.page_break()

    def block(self, el, tag: str, style: Style) -> None:
        if self.in_row:  # a <p> or <div> inside a table cell stays in its row, as a word break
            self.space = True
            self.walk(el, style)
            self.space = True
            return
        self.flush()
        self.tag, outer_style = tag, self.block_style
        self.block_style = style
        self.walk(el, style)
        self.flush()
        self.block_style = outer_style

    def line_break(self) -> None:
        """<br>: a line break inside a block, a paragraph break when doubled, a space in a table row."""
        if self.in_row:
            self.space = True
        elif self.separator == "\n":
            self.flush()
        elif self.length:
            self.separator = "\n"

    def link(self, el, target: str, style: Style) -> None:
        serial = self.serial
        start = self.length + (1 if self.length and (self.space or self.separator) else 0)
        self.walk(el, style)
        if self.serial == serial and self.length > start and target:
            self.links.append(RawLink(target, start, self.length))

    def table_element(self, el, style: Style) -> None:
        self.flush()
        outer, outer_row = self.table, self.in_row
        self.tables += 1
        self.table, self.in_row = self.tables, False
        self.walk(el, style)
        self.flush()
        self.table, self.in_row = outer, outer_row

    def row(self, el, style: Style) -> None:
        self.flush()
        outer_row, outer_tag = self.in_row, self.tag
        self.in_row, self.tag = True, "tr"
        self.walk(el, style)
        self.flush()
        self.in_row, self.tag = outer_row, outer_tag

    def cell(self, el, style: Style) -> None:
        if len(el) > 1 and _is_layout_cell(el):
            self.flush()
            self.in_row, self.tag = False, "td"
            self.walk(el, style)
            self.flush()
            self.in_row, self.tag = True, "tr"
            return
        first_part, glue = self.open_cell()
        self.walk(el, style)
        self.close_cell(first_part, glue)

    def open_cell(self) -> tuple[int, bool]:
        """``(first_part, glue)``: the cell's text starts at parts[first_part], with `` | ``
        before it unless glued to the previous cell."""
        first_part = len(self.parts)
        glue = self.separator == ""  # the previous cell was a currency sign or an opening parenthesis
        if self.length:
            self.separator = "" if glue else " | "
        return first_part, glue

    def close_cell(self, first_part: int, glue: bool) -> None:
        if len(self.parts) == first_part:
            self.separator = "" if glue else None
            return
        self.separator = None
        cell = "".join(self.parts[first_part:]).removeprefix(" | ").strip()
        if cell in _GLUE_PREVIOUS and first_part > 0 and self.parts[first_part].startswith(" | "):
            self.parts[first_part] = self.parts[first_part][3:]
            self.length -= 3
        if cell in _GLUE_NEXT:
            self.separator = ""


_STYLE, _PLAIN, _CSS, _HREF, _ANCHORS = range(5)  # the fields of _facts


def _facts(items: tuple, tag: str, parent: Style, targets: frozenset[str]) -> tuple:
    """``(style, plain style, css, href, anchors)`` of an element with these attributes: its
    style; the same unless it is hidden, a page break or a link target (then None); its
    CssFacts (None without a ``style``); its ``href``; the ids and names that links point to."""
    css_text = align = size = href = None
    anchors = []
    for name, value in items:
        if name == "style":
            css_text = value
        elif name == "align":
            align = value
        elif name == "size":
            size = value
        elif name == "href":
            href = value
        elif (name == "id" or name == "name") and value in targets:
            anchors.append(value)
    css = css_facts(css_text) if css_text else None
    style = child_style(parent, tag, align, size, css_text)
    blocked = anchors or (css is not None and (css.hidden or css.break_before or css.break_after))
    return style, None if blocked else style, css, href, tuple(anchors)


def _has_words_up_front(cell) -> bool:
    """The cell's own text or its first child's has words: surely not blank (the commonest
    shape, <td><font>1,234</font></td>, decided without walking the cell)."""
    text = cell.text
    if text and not text.isspace() and words_of(text):
        return True
    text = cell[0].text
    return bool(text) and not text.isspace() and bool(words_of(text))


def _is_layout_cell(cell) -> bool:
    return len(etree.tostring(cell, method="text", encoding=str, with_tail=False)) > LAYOUT_CELL_CHARS


def _without_declaration(markup: str) -> str:
    """lxml refuses an XML declaration in a str."""
    declaration = _XML_DECLARATION.match(markup)
    return markup[declaration.end() :] if declaration else markup


def _parser_options(*, huge: bool = False) -> dict:
    """libxml2's options. ``huge`` lifts its nesting limit from 256 to 2048 levels: the streaming
    read takes it, so that it sees nesting past 256 (and falls back) instead of libxml2 2.14+
    silently dropping everything after the deep part."""
    options = {"recover": True, "no_network": True, "remove_comments": False, "remove_pis": True}
    if huge:
        options["huge_tree"] = True
    return options


# Inline wrappers, which carry no block structure: nesting thousands deep is nearly always these
# (<font> around <font> ...), and dropping them lets libxml2 read the rest within its limit.
_INLINE_WRAPPERS = re.compile(r"</?(?:font|span|b|i|u|em|strong|small|big|sup|sub|a)\b[^<>]*>", re.I)


def strip_inline_wrappers(markup: str) -> str:
    return _INLINE_WRAPPERS.sub("", markup)


def build_tree(markup: str):
    """``(root, parser)``: libxml2's recovering HTML parser over the whole markup at once.
    Nesting deeper than libxml2's limit is cut off, not followed."""
    parser = etree.HTMLParser(**_parser_options())
    return etree.fromstring(_without_declaration(markup), parser), parser


class _TooDeep(Exception):
    """Nesting past libxml2's depth limit: read the tree built whole instead, where libxml2
    cuts it off and says so (the caller then adds what a markup strip finds)."""


class _Frame:
    """An open element the streaming reader is inside of: the root, a block (<body>, <div>,
    <p> ...) or a transparent wrapper (<font> around everything, EDGAR's <sequence>)."""

    __slots__ = ("element", "style", "text_done", "done_child", "hidden", "block", "break_after", "outer_style")

    def __init__(self, element, style: Style, *, hidden=False, block=False, break_after=False, outer_style=PLAIN):
        self.element, self.style, self.hidden, self.block = element, style, hidden, block
        self.break_after, self.outer_style = break_after, outer_style
        self.text_done = False
        self.done_child = None  # a child read as a frame of its own, whose tail may still grow


class _Streamer:
    """Feeds the markup to libxml2 in chunks and reads the tree as it grows, so that only its
    unfinished part is ever in memory. After each chunk the open path (the root, its last
    child, that one's last child ...) is followed: every child before the path is finished,
    is read by the ordinary walk, and is cut from the tree. Elements on the path that the
    walk would read by opening them, reading their children and closing them (blocks,
    wrappers) are opened as frames; anything else (a table, a link) is read whole once it
    is finished. The blocks are exactly those of ``reader.walk(build_tree(markup)[0], PLAIN)``."""

    def __init__(self, reader: _Reader, chunk: int | None = None) -> None:
        self.reader, self.chunk = reader, chunk
        self.frames: list[_Frame] = []

    def read(self, markup: str, *, prune: bool = False):
        """``(root, parser)`` once the whole markup is read (the root is then nearly empty);
        with ``prune``, the markup is pruned a piece at a time on the way in (prune.py)."""
        parser = etree.HTMLPullParser(events=("start", "end"), tag="html", **_parser_options(huge=True))
        markup = _without_declaration(markup)
        chunk = self.chunk or min(STREAM_CHUNK_MAX, max(STREAM_CHUNK_MIN, len(markup) // STREAM_CHUNKS))
        closed = False
        for piece in pruned_pieces(markup, PRUNE_PIECE_CHARS) if prune else (markup,):
            for start in range(0, len(piece), chunk):
                parser.feed(piece[start : start + chunk])
                closed = self.events(parser) or closed
                self.advance(closed=False)
        try:
            root = parser.close()
        except etree.XMLSyntaxError:  # no element at all ("", a lone declaration)
            return None, parser
        closed = self.events(parser) or closed
        if not closed:  # libxml2's push parser stops silently past its depth limit
            raise _TooDeep
        self.advance(closed=True)
        return root, parser

    def events(self, parser) -> bool:
        """Take the root from its start event; True once it has ended."""
        ended = False
        for event, element in parser.read_events():
            if event == "start" and not self.frames and element.getparent() is None:
                self.frames.append(_Frame(element, PLAIN))  # walked, never visited: no style of its own
            elif event == "end" and element.getparent() is None:
                ended = True
        return ended

    def advance(self, *, closed: bool) -> None:
        """Read what the last chunk finished; with ``closed``, everything."""
        frames = self.frames
        if not frames:
            return
        path = [] if closed else [frames[0].element]
        while path and len(path[-1]):
            path.append(path[-1][-1])
        if len(path) >= HUGE_DEPTH:  # libxml2 drops everything after a part nested this deep
            raise _TooDeep
        same = 0
        while same < len(frames) and same < len(path) and frames[same].element is path[same]:
            same += 1
        while len(frames) > same:  # off the open path: finished
            self.close()
        while len(frames) < len(path):
            frame, element = frames[-1], path[len(frames)]
            self.drain(frame, stop=element)
            if not self.open(frame, element):
                return
        if len(frames) > 1 and len(frames) >= MAX_DEPTH:
            raise _TooDeep

    def open(self, parent: _Frame, element) -> bool:
        """Open ``element`` as a frame when the walk would read it as one (see Reader.element)."""
        tag = element.tag
        if parent.hidden:
            self.frames.append(_Frame(element, parent.style, hidden=True))
            return True
        if tag.__class__ is not str or not (tag in _BLOCK or (tag in _INLINE and len(element)) or tag not in _KNOWN):
            return False
        reader = self.reader
        style, _plain, css, _href, anchors = reader.facts(element, tag, parent.style)
        if anchors:
            reader.anchors.extend(anchors)
        if css is not None:
            if css.hidden:
                self.frames.append(_Frame(element, parent.style, hidden=True))
                return True
            if css.break_before:
                reader.page_break()
        block = tag in _BLOCK
        frame = _Frame(element, style, block=block, break_after=css is not None and css.break_after, outer_style=reader.block_style)
        if block:  # Reader.block, outside a table row
            reader.flush()
            reader.tag = tag
            reader.block_style = style
        self.frames.append(frame)
        return True

    def close(self) -> None:
        """Read the rest of the innermost frame, then leave it."""
        frame = self.frames.pop()
        self.drain(frame, stop=None)
        reader = self.reader
        if not frame.hidden:
            if frame.block:
                reader.flush()
                reader.block_style = frame.outer_style
            if frame.break_after:
                reader.page_break()
        if self.frames:
            self.frames[-1].done_child = frame.element

    def drain(self, frame: _Frame, stop) -> None:
        """Read the children of ``frame`` before ``stop`` (all of them without it), then cut them.
        Called with a ``stop`` (a later child exists) or on closing: the text is complete."""
        element, reader = frame.element, self.reader
        if not frame.text_done:
            frame.text_done = True
            if element.text and not frame.hidden:
                reader.add(element.text, frame.style)
        finished = []
        for child in element:
            if child is stop:
                break
            finished.append(child)
        if not finished:
            return
        nodes = finished
        if finished[0] is frame.done_child:  # read as a frame; only its tail is new
            frame.done_child = None
            nodes = finished[1:]
            tail = finished[0].tail
            if tail and not frame.hidden:
                reader.add(tail, frame.style)
        if nodes and not frame.hidden:
            reader.walk(element, frame.style, nodes)
        del element[: len(finished)]


def read_html_blocks(markup: str, *, prune: bool = True) -> tuple[list[RawBlock], list[str]]:
    """Parse HTML/iXBRL text into raw blocks; returns ``(blocks, warnings)``. Spacer cells and
    the hidden ix:header are cut from the markup first (prune.py); ``prune=False`` builds
    them too, with the same result. The tree is read as it is built (_Streamer)."""
    warnings: list[str] = []
    targets = link_targets(markup)
    reader = _Reader(targets)
    try:
        try:
            root, parser = _Streamer(reader).read(markup, prune=prune)
        except (_TooDeep, RecursionError):  # nesting past MAX_DEPTH: read whole, without inline wrappers
            warnings.append("HTML nested too deeply; inline formatting was dropped to read it")
            reader = _Reader(targets)
            root, parser = build_tree(strip_inline_wrappers(prune_markup(markup) if prune else markup))
            if root is not None:
                reader.walk(root, PLAIN)
    except (etree.ParserError, ValueError) as exc:
        return [], [f"HTML could not be parsed ({exc or 'no content'})"]
    if root is None:
        return [], ["HTML has no content"]
    if any("depth" in error.message.lower() for error in parser.error_log):
        warnings.append("HTML nested too deeply; content below the depth limit was dropped")
    reader.flush()
    if _is_text_in_html(reader.blocks):  # the streamed tree is gone: build it whole (rare; small files)
        root, _parser = build_tree(markup)
        text = etree.tostring(root, method="text", encoding=str)
        return read_plain_blocks(text), warnings
    return reader.blocks, warnings


def _is_text_in_html(blocks: list[RawBlock]) -> bool:
    """A plain-text filing wrapped in <html><body><div> without <pre>: its layout is its newlines."""
    paragraphs = [block for block in blocks if block.kind == PARAGRAPH]
    total = sum(len(block.text) for block in paragraphs)
    return total > TEXT_IN_HTML_CHARS and len(paragraphs) * TEXT_IN_HTML_CHARS < total
