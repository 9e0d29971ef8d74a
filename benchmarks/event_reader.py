"""A prototype HTML block reader on libxml2's parse events (lxml's parser target interface:
start, end, data, comment callbacks, no tree), for bench_readers.py (``--readers events``)
and as a record: it makes exactly the raw blocks of parse/html.py's _Streamer (0 of the 124
files of parse_golden.py differ, 2026-12-08), but it is not faster, so it was not adopted.

Why not faster: with do-nothing callbacks libxml2 + lxml deliver GoPro's pruned markup in
0.025 s against 0.047 s to build its tree, but every element then costs two Python calls
from C (start, end; data is list.append) plus the rules' own work, and the tree walk's
per-element work (len, .text, .tail, items() in C, one Python frame per element) turned out
to be cheaper than that. On top, a table row's cell with children must be held back until
it is known to hold a word (a spacer cell is skipped whole) and, with two or more children,
whether it is a layout cell: its events are buffered and replayed, so they are read twice
(the commonest shape, ``<td><font>1,234</font></td>``, is read from the buffer without a
replay). See benchmarks/README.md ("Event reader") for the figures.

    python benchmarks/event_reader.py            # identity against parse/html.py on corpus + fixtures, and timing
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from lxml import etree

from extractor.parse.blocks import RawBlock, RawLink, words_of
from extractor.parse.html import (
    _ANCHORS,
    _BLOCK,
    _CELL,
    _CSS,
    _INLINE,
    _LEAF_SKIPPABLE,
    _PLAIN,
    _SKIP,
    _STYLE,
    LAYOUT_CELL_CHARS,
    PRUNE_PIECE_CHARS,
    STREAM_CHUNK_MAX,
    STREAM_CHUNK_MIN,
    STREAM_CHUNKS,
    _facts,
    _is_text_in_html,
    _parser_options,
    _Reader,
    _Streamer,
    _TooDeep,
    _without_declaration,
    build_tree,
    link_targets,
    strip_inline_wrappers,
)
from extractor.parse.prune import prune as prune_markup
from extractor.parse.prune import pruned_pieces
from extractor.parse.style import PLAIN, Style
from extractor.parse.text import read_plain_blocks

# -- the event reader ---------------------------------------------------------------------------
# libxml2's parse events (lxml's parser target interface: start, end, data, comment), read
# without any tree, exactly as _Reader.walk reads the tree libxml2 would build from them. Only
# what a rule must see before it can act is held back: an inline element or a cell is pending
# (its text held) until it has a child or ends as a leaf (a leaf without words is skipped); a
# table row's cell with children has its events buffered until it is known to hold a word or a
# link target (else it is a spacer cell, skipped whole, see Reader.blank_cell) and, with two or
# more children, whether its text passes LAYOUT_CELL_CHARS (a layout cell), then replayed; a
# <pre> collects its text. Each open element is a frame on a stack: ``(kind, style, end, saved,
# break_after)``; the elements inside an ignored one (hidden, a script, a <br>) or a <pre> push
# that frame again.

_WALK, _IGNORE, _PRE, _OUTSIDE = range(4)  # frame kinds: children walked, ignored, <pre> text, above the root
_NORMAL, _PENDING, _BUFFER = range(3)  # modes: by the top frame, an inline element or a cell pending, a cell buffered
# what a _WALK frame does at its end (before its break-after page break)
_END_NONE, _END_ROOT, _END_BLOCK, _END_BLOCK_IN_ROW, _END_LINK, _END_ROW, _END_TABLE, _END_CELL, _END_LAYOUT = range(9)
EVENT_DEPTH = 200  # deeper nesting is read by _Streamer instead (its depth fallbacks decide there)
_IGNORED = (_IGNORE, PLAIN, _END_NONE, None, False)
_END_EVENT = None  # a buffered end event (start: (tag, attrib); text: str; comment: (text,))


class _Fallback(Exception):
    """The event reader hands the markup to _Streamer: nesting past EVENT_DEPTH, a root that is
    not <html>, no end of the root."""


class _EventReader:
    """The target of lxml's HTMLParser (start, end, data, comment, close): makes from the parse
    events exactly the blocks that ``_Reader.walk`` makes of the tree built from them."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.targets = reader.targets
        self.stack: list[tuple] = [(_OUTSIDE, PLAIN, _END_NONE, None, False)]
        self.pieces: list[str] = []
        self.data = self.pieces.append  # lxml looks the callbacks up once: text pieces, joined at the next event
        self.started = self.closed = False
        self.depth = 0
        self.cache: dict[tuple, tuple] = {}
        self.mode = _NORMAL
        # the pending inline element or cell, then the buffered cell
        self.p_tag, self.p_attrib, self.p_style, self.p_text, self.p_row = "", None, PLAIN, None, False
        self.b_events: list = []
        self.b_depth = self.b_children = self.b_length = 0
        self.b_words = False

    # -- lxml's callbacks (the commonest cases inline: a pending element, a walked text) ----
    def start(self, tag, attrib) -> None:
        pieces = self.pieces
        if pieces:
            text = pieces[0] if len(pieces) == 1 else "".join(pieces)
            pieces.clear()
            if self.mode is _PENDING:
                self.p_text = text
            else:
                self._text(text)
        depth = self.depth = self.depth + 1
        if depth > EVENT_DEPTH:
            raise _Fallback
        if self.mode is _NORMAL:
            frame = self.stack[-1]
            if frame[0] is _WALK and tag in _LEAF_SKIPPABLE:
                self.mode = _PENDING
                self.p_tag, self.p_attrib, self.p_style, self.p_text, self.p_row = tag, attrib, frame[1], None, self.reader.in_row
                return
        self._start(tag, attrib)

    def end(self, _tag) -> None:
        pieces = self.pieces
        self.depth -= 1
        if self.mode is _PENDING:  # a leaf inline element or cell
            self.mode = _NORMAL
            if not pieces:
                return
            text = pieces[0] if len(pieces) == 1 else "".join(pieces)
            pieces.clear()
            tag = self.p_tag
            if text.isspace():
                if tag not in _CELL:
                    self.reader.space = True
                return
            if tag not in _CELL:
                attrib = self.p_attrib
                key = (self.p_style, tag, *attrib.items()) if attrib else (self.p_style, tag)
                found = self.cache.get(key)
                if found is None:
                    found = self.facts(tag, attrib, self.p_style)
                if found[_PLAIN] is not None:
                    self.reader.add(text, found[_PLAIN])
                    return
            self.p_text = text
            self._leaf()
            return
        if pieces:
            text = pieces[0] if len(pieces) == 1 else "".join(pieces)
            pieces.clear()
            if self.mode is _NORMAL:
                frame = self.stack[-1]
                if frame[0] is _WALK:
                    if text.isspace():
                        self.reader.space = True
                    else:
                        self.reader.add(text, frame[1])
                else:
                    self._text(text)
            else:
                self._text(text)
        self._end()

    def comment(self, text) -> None:
        pieces = self.pieces
        if pieces:
            joined = pieces[0] if len(pieces) == 1 else "".join(pieces)
            pieces.clear()
            if self.mode is _PENDING:
                self.p_text = joined
            else:
                self._text(joined)
        self._comment(text or "")

    def close(self):
        pieces = self.pieces
        if pieces:
            text = "".join(pieces)
            pieces.clear()
            self._text(text)
        return None

    # -- events, each text whole ----------------------------------------------------------------
    def facts(self, tag: str, attrib, parent: Style) -> tuple:
        key = (parent, tag, *attrib.items()) if attrib else (parent, tag)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = _facts(key[2:], tag, parent, self.targets)
        return found

    def _text(self, text: str) -> None:
        mode = self.mode
        if mode is _NORMAL:
            frame = self.stack[-1]
            kind = frame[0]
            if kind is _WALK:
                if text.isspace():
                    self.reader.space = True
                else:
                    self.reader.add(text, frame[1])
            elif kind is _PRE:
                frame[3].append(text)
        elif mode is _PENDING:
            self.p_text = text
        else:
            self.b_events.append(text)
            self.b_length += len(text)
            if not self.b_words and not text.isspace() and words_of(text):
                self.b_words = True
            if self.b_words and self.b_children > 1 and self.b_length > LAYOUT_CELL_CHARS:
                self._open_cell()

    def _comment(self, text: str) -> None:
        mode = self.mode
        if mode is _NORMAL:
            if self.stack[-1][0] is _WALK and ("Field: Page;" in text or "PAGE BREAK" in text.upper()):
                self.reader.page_break()
        elif mode is _PENDING:
            self._resolve()
            self._comment(text)
        else:
            self.b_events.append((text,))
            if not self.b_depth:
                self.b_children += 1
                if self.b_children == 1 and not text.isspace() and words_of(text):
                    self.b_words = True  # _has_words_up_front reads the first child's text, a comment's too
                if self.b_words and self.b_children > 1 and self.b_length > LAYOUT_CELL_CHARS:
                    self._open_cell()

    def _start(self, tag: str, attrib) -> None:
        mode = self.mode
        if mode is _NORMAL:
            frame = self.stack[-1]
            kind = frame[0]
            if kind is _WALK:
                if tag in _LEAF_SKIPPABLE:
                    self.mode = _PENDING
                    self.p_tag, self.p_attrib, self.p_style, self.p_text, self.p_row = tag, attrib, frame[1], None, self.reader.in_row
                else:
                    self._element(tag, attrib, frame[1])
            elif kind is _OUTSIDE:
                if self.started:
                    self.stack.append(_IGNORED)  # a second top-level element: not walked
                elif tag == "html":
                    self.started = True
                    self.stack.append((_WALK, PLAIN, _END_ROOT, None, False))
                else:
                    raise _Fallback  # a root that is not <html>: _Streamer's business
            else:  # _IGNORE, _PRE: the subtree is theirs
                self.stack.append(frame)
        elif mode is _PENDING:
            self._resolve()
            self._start(tag, attrib)
        else:
            self.b_events.append((tag, attrib))
            self.b_depth += 1
            if not self.b_words:
                value = attrib.get("id") or attrib.get("name")
                if value is not None and value in self.targets:
                    self.b_words = True
            if self.b_depth == 1:
                self.b_children += 1
                if self.b_words and self.b_children > 1 and self.b_length > LAYOUT_CELL_CHARS:
                    self._open_cell()

    def _end(self) -> None:
        mode = self.mode
        if mode is _NORMAL:
            stack = self.stack
            frame = stack.pop()
            kind = frame[0]
            if kind is _WALK:
                end = frame[2]
                if end is _END_NONE:
                    if frame[4]:
                        self.reader.page_break()
                    return
                reader = self.reader
                if end is _END_BLOCK:
                    reader.flush()
                    reader.block_style = frame[3]
                elif end is _END_CELL:
                    reader.close_cell(*frame[3])
                elif end is _END_BLOCK_IN_ROW:
                    reader.space = True
                elif end is _END_ROW:
                    reader.flush()
                    reader.in_row, reader.tag = frame[3]
                elif end is _END_TABLE:
                    reader.flush()
                    reader.table, reader.in_row = frame[3]
                elif end is _END_LINK:
                    target, serial, start = frame[3]
                    if reader.serial == serial and reader.length > start and target:
                        reader.links.append(RawLink(target, start, reader.length))
                elif end is _END_LAYOUT:
                    reader.flush()
                    reader.in_row, reader.tag = True, "tr"
                elif end is _END_ROOT:
                    self.closed = True
                if frame[4]:
                    reader.page_break()
            elif stack[-1] is not frame:  # the ignored or <pre> element itself ends, not one inside it
                if kind is _PRE:
                    self.reader.blocks.extend(read_plain_blocks("".join(frame[3])))
                if frame[4]:
                    self.reader.page_break()
        elif mode is _PENDING:
            self.mode = _NORMAL
            self._leaf()
        elif self.b_depth:
            self.b_depth -= 1
            self.b_events.append(_END_EVENT)
        elif self.b_words:
            if not self._leaf_cell():
                self._open_cell()
                self._end()
        else:
            self.mode = _NORMAL  # a blank cell: skipped whole
            self.b_events = []

    # -- Reader.element, by events --------------------------------------------------------------
    def _element(self, tag: str, attrib, parent: Style) -> None:
        """An element that is neither inline nor a cell starts (Reader.element)."""
        stack = self.stack
        if tag in _SKIP:
            stack.append(_IGNORED)
            return
        reader = self.reader
        style, _plain, css, href, anchors = self.facts(tag, attrib, parent)
        if anchors:
            reader.anchors.extend(anchors)
        break_after = False
        if css is not None:
            if css.hidden:
                stack.append(_IGNORED)
                return
            if css.break_before:
                reader.page_break()
            break_after = css.break_after
        if tag in _BLOCK:
            if reader.in_row:
                reader.space = True
                stack.append((_WALK, style, _END_BLOCK_IN_ROW, None, break_after))
            else:
                reader.flush()
                reader.tag = tag
                stack.append((_WALK, style, _END_BLOCK, reader.block_style, break_after))
                reader.block_style = style
        elif tag == "a" and href and href.startswith("#"):
            start = reader.length + (1 if reader.length and (reader.space or reader.separator) else 0)
            stack.append((_WALK, style, _END_LINK, (href[1:], reader.serial, start), break_after))
        elif tag == "tr":
            reader.flush()
            stack.append((_WALK, style, _END_ROW, (reader.in_row, reader.tag), break_after))
            reader.in_row, reader.tag = True, "tr"
        elif tag == "br":
            reader.line_break()
            stack.append((_IGNORE, style, _END_NONE, None, break_after))
        elif tag == "table":
            reader.flush()
            stack.append((_WALK, style, _END_TABLE, (reader.table, reader.in_row), break_after))
            reader.tables += 1
            reader.table, reader.in_row = reader.tables, False
        elif tag == "hr":
            reader.page_break()
            stack.append((_IGNORE, style, _END_NONE, None, break_after))
        elif tag == "pre":
            reader.flush()
            stack.append((_PRE, style, _END_NONE, [], break_after))
        else:
            stack.append((_WALK, style, _END_NONE, None, break_after))

    def _visit(self) -> tuple | None:
        """Reader.element's first steps for the pending inline element or cell: its facts, or
        None when it is hidden."""
        facts = self.facts(self.p_tag, self.p_attrib, self.p_style)
        reader = self.reader
        if facts[_ANCHORS]:
            reader.anchors.extend(facts[_ANCHORS])
        css = facts[_CSS]
        if css is not None:
            if css.hidden:
                return None
            if css.break_before:
                reader.page_break()
        return facts

    def _resolve(self) -> None:
        """The pending inline element or cell has a child: read it as Reader.walk would."""
        tag, text = self.p_tag, self.p_text
        if self.p_row and tag in _CELL:  # buffer it until blank_cell and _is_layout_cell can be told
            self.mode = _BUFFER
            self.b_depth = self.b_children = 0
            self.b_length = len(text) if text else 0
            words = bool(text) and not text.isspace() and bool(words_of(text))
            if not words:
                value = self.p_attrib.get("id") or self.p_attrib.get("name")
                words = value is not None and value in self.targets
            self.b_words = words
            return
        self.mode = _NORMAL
        facts = self._visit()
        if facts is None:
            self.stack.append(_IGNORED)
            return
        style, css = facts[_STYLE], facts[_CSS]
        break_after = css is not None and css.break_after
        reader = self.reader
        if tag in _CELL:  # outside a row: Reader.block
            reader.flush()
            reader.tag = tag
            self.stack.append((_WALK, style, _END_BLOCK, reader.block_style, break_after))
            reader.block_style = style
        else:
            self.stack.append((_WALK, style, _END_NONE, None, break_after))
        if text:
            reader.add(text, style)

    def _leaf(self) -> None:
        """The pending inline element or cell ends without a child (Reader.walk's leaf case)."""
        text = self.p_text
        if not text:
            return
        tag = self.p_tag
        if text.isspace():
            if tag not in _CELL:
                self.reader.space = True
            return
        reader = self.reader
        if tag not in _CELL:
            plain = self.facts(tag, self.p_attrib, self.p_style)[_PLAIN]
            if plain is not None:
                reader.add(text, plain)
                return
        facts = self._visit()
        if facts is None:
            return
        style = facts[_STYLE]
        if tag not in _CELL:
            reader.add(text, style)
        elif self.p_row:
            first_part, glue = reader.open_cell()
            reader.add(text, style)
            reader.close_cell(first_part, glue)
        else:
            reader.flush()
            reader.tag, outer = tag, reader.block_style
            reader.block_style = style
            reader.add(text, style)
            reader.flush()
            reader.block_style = outer
        css = facts[_CSS]
        if css is not None and css.break_after:
            reader.page_break()

    def _leaf_cell(self) -> bool:
        """Reader.leaf_cell on the ended buffered cell: one childless inline element with words
        (``<td><font>1,234</font></td>``, most cells of a financial table), read without a
        replay; False when it needs one."""
        events = self.b_events
        count = len(events)
        if count == 4:
            tail = events[3]
            if tail.__class__ is not str or not tail.isspace():
                return False
        elif count != 3:
            return False
        first, text = events[0], events[1]
        if events[2] is not None or text.__class__ is not str or first.__class__ is not tuple or len(first) != 2:
            return False
        leaf_tag, leaf_attrib = first
        own = self.p_text
        if leaf_tag not in _INLINE or text.isspace() or (own and not own.isspace()):
            return False
        if not text.isascii() and not words_of(text):
            return False
        td_style = self.facts(self.p_tag, self.p_attrib, self.p_style)[_PLAIN]
        if td_style is None:
            return False
        style = self.facts(leaf_tag, leaf_attrib, td_style)[_PLAIN]
        if style is None:
            return False
        self.mode = _NORMAL
        self.b_events = []
        reader = self.reader
        first_part, glue = reader.open_cell()
        if own:
            reader.space = True
        reader.add(text, style)
        if count == 4:
            reader.space = True
        reader.close_cell(first_part, glue)
        return True

    def _open_cell(self) -> None:
        """The buffered row cell is known to be read (not blank), and whether it is a layout
        cell: open it as Reader.cell would and replay its events."""
        events, text, depth = self.b_events, self.p_text, self.b_depth
        layout = self.b_children > 1 and self.b_length > LAYOUT_CELL_CHARS
        self.b_events = []
        self.mode = _NORMAL
        facts = self._visit()
        if facts is None:  # hidden: what is still open inside it is ignored with it
            self.stack.extend([_IGNORED] * (depth + 1))
            return
        style, css = facts[_STYLE], facts[_CSS]
        break_after = css is not None and css.break_after
        reader = self.reader
        if layout:
            reader.flush()
            reader.in_row, reader.tag = False, "td"
            self.stack.append((_WALK, style, _END_LAYOUT, None, break_after))
        else:
            self.stack.append((_WALK, style, _END_CELL, reader.open_cell(), break_after))
        if text:
            reader.add(text, style)
        self.depth -= depth  # counted again as the events are replayed, through lxml's callbacks
        pieces = self.pieces
        data, start, end, comment = pieces.append, self.start, self.end, self.comment
        for event in events:
            if event is None:
                end(None)
            elif event.__class__ is str:
                data(event)
            elif len(event) == 2:
                start(*event)
            else:
                comment(event[0])
        if pieces:
            text = pieces[0] if len(pieces) == 1 else "".join(pieces)
            pieces.clear()
            if self.mode is _PENDING:
                self.p_text = text
            else:
                self._text(text)


def _read_events(reader: _Reader, markup: str, *, prune: bool):
    """The parser, once ``reader`` has every block of the markup (see _EventReader); raises
    _Fallback for _Streamer to read it instead."""
    target = _EventReader(reader)
    parser = etree.HTMLParser(target=target, **_parser_options(huge=True))
    markup = _without_declaration(markup)
    chunk = min(STREAM_CHUNK_MAX, max(STREAM_CHUNK_MIN, len(markup) // STREAM_CHUNKS))
    for piece in pruned_pieces(markup, PRUNE_PIECE_CHARS) if prune else (markup,):
        for start in range(0, len(piece), chunk):
            parser.feed(piece[start : start + chunk])
    parser.close()
    if not target.closed:
        raise _Fallback
    return parser


def read_html_blocks(markup: str, *, prune: bool = True) -> tuple[list[RawBlock], list[str]]:
    """parse/html.py's read_html_blocks with the event reader first; _Streamer reads what it
    hands back (nesting past EVENT_DEPTH, no <html> root, no end of it, a parser error)."""
    warnings: list[str] = []
    targets = link_targets(markup)
    reader = _Reader(targets)
    try:
        try:
            try:
                parser = _read_events(reader, markup, prune=prune)
                root = True
            except (_Fallback, etree.ParserError, ValueError):
                reader = _Reader(targets)
                root, parser = _Streamer(reader).read(markup, prune=prune)
        except (_TooDeep, RecursionError):  # as parse/html.py
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
    if _is_text_in_html(reader.blocks):
        root, _parser = build_tree(markup)
        text = etree.tostring(root, method="text", encoding=str)
        return read_plain_blocks(text), warnings
    return reader.blocks, warnings


def main() -> int:
    """Identity against parse/html.py (every HTML file parse_golden.py reads, pruned and not),
    then both readers timed alternately on the three largest corpus S-1s (CPU seconds, median of 7)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_stages
    import parse_golden

    from extractor.errors import ExtractorError
    from extractor.parse import html
    from extractor.parse.detect import HTML, IXBRL, detect_kind
    from extractor.parse.encoding import decode

    reads = differ = 0
    for path in parse_golden.inputs():
        data = path.read_bytes()
        try:
            if detect_kind(data) not in (HTML, IXBRL):
                continue
        except ExtractorError:
            continue
        text = decode(data)[0]
        for prune in (True, False):
            reads += 1
            if read_html_blocks(text, prune=prune) != html.read_html_blocks(text, prune=prune):
                differ += 1
                print(f"DIFFERS {path} prune={prune}")
    print(f"{reads} reads of HTML files compared: {differ} differ")
    s1 = sorted((bench_stages.CORPUS / "s-1").glob("*"), key=lambda p: p.stat().st_size, reverse=True)[:3]
    for path in s1:
        text = bench_stages.detect_stage(path.read_bytes())[1]
        times: dict = {"tree": [], "events": []}
        for _ in range(7):
            for name, read in (("tree", html.read_html_blocks), ("events", read_html_blocks)):
                start = time.process_time()
                read(text)
                times[name].append(time.process_time() - start)
        tree, events = statistics.median(times["tree"]), statistics.median(times["events"])
        mb = path.stat().st_size / 1e6
        print(f"{path.name[:40]:40} reader MB/s: tree {mb / tree:6.1f}  events {mb / events:6.1f}  ({tree / events:.2f}x)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
