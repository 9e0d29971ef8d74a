"""The HTML reader reads the tree while libxml2 builds it, cutting finished parts
(parse/html.py, _Streamer). It must give exactly the blocks of a walk over the tree
built whole, whatever the chunk boundaries, and it must not keep the tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.parse.encoding import decode
from extractor.parse.html import PLAIN, _Reader, _Streamer, build_tree, link_targets, read_html_blocks
from extractor.parse.prune import prune
from extractor.parse.sgml import split_submission

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "filings"

SHAPES = {
    "blocks": "<html><body><div>Intro <b>bold</b> text<p>First paragraph.</p>tail of the div"
    "<div style='text-align:center'><p>Centered <i>one</i></p></div> after</div><p>Last.</p></body></html>",
    "hidden": "<html><body><p>Shown</p><div style='display:none'><p>Hidden <b>words</b></p><div><p>deeper</p></div></div>"
    "visible tail<p>After</p></body></html>",
    "page breaks": "<html><body><p>Page one</p><div style='page-break-after:always'><p>end of one</p></div>"
    "<p style='page-break-before:always'>Page two</p><!-- Field: Page; Sequence: 3 --><p>three</p><hr><p>four</p></body></html>",
    "font wrapper": "<html><body><font size='2' face='Times'><p>Inside a font</p> loose text <b>bold</b>"
    "<table><tr><td>Revenue</td><td>$</td><td>1,234</td></tr></table><p>more</p></font></body></html>",
    "edgar wrapper": "<DOCUMENT>\n<TYPE>S-1\n<SEQUENCE>1\n<FILENAME>d1.htm\n<DESCRIPTION>S-1\n<TEXT>\n<HTML><BODY>"
    "<P ALIGN=CENTER><B>PROSPECTUS</B></P><P>Body text.</P><A NAME='rf'></A><P><A HREF='#rf'>Risk Factors</A></P></BODY></HTML>\n</TEXT>\n</DOCUMENT>",
    "anchors and links": "<html><body><p><a href='#x'>Go to x</a> and <a href='#y'>y</a></p><div id='x'><p>X here</p></div>"
    "<p><a name='y'></a>Y here</p></body></html>",
    "unclosed": "<html><body><div><p>one<p>two<div>three<table><tr><td>cell",
    "no body": "just text, <b>bold</b> and more text",
    "nested tables": "<div><table><tr><td><table><tr><td>inner</td></tr></table></td><td>outer</td></tr></table>tail</div>",
    "text then one child": "<div>The text before the only child<span>child</span></div>",
    "line breaks": "<p>one<br>two<br><br>three</p><div>a<br/>b</div>",
}


def _whole(markup: str) -> list:
    reader = _Reader(link_targets(markup))
    root, _parser = build_tree(markup)
    if root is not None:
        reader.walk(root, PLAIN)
    reader.flush()
    return reader.blocks


def _streamed(markup: str, chunk: int) -> list:
    reader = _Reader(link_targets(markup))
    _Streamer(reader, chunk=chunk).read(markup)
    reader.flush()
    return reader.blocks


@pytest.mark.parametrize("name", sorted(SHAPES))
@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 14, None])
def test_streamed_blocks_equal_the_whole_tree_walk(name: str, chunk: int) -> None:
    markup = SHAPES[name]
    assert _streamed(markup, chunk) == _whole(markup)


def _fixture_markup(path: Path) -> str:
    data = path.read_bytes()
    if data.lstrip().startswith(b"-----BEGIN") or b"<SEC-DOCUMENT>" in data[:2000]:
        data = split_submission(data).primary().body
    return prune(decode(data)[0])


HTML_FIXTURES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".htm", ".txt") and "<" in _fixture_markup(p))


def test_the_html_fixtures_are_found() -> None:
    assert len(HTML_FIXTURES) >= 5, HTML_FIXTURES


@pytest.mark.parametrize("path", HTML_FIXTURES, ids=lambda p: p.name)
@pytest.mark.parametrize("chunk", [97, None])
def test_fixture_filings_stream_to_the_same_blocks(path: Path, chunk: int) -> None:
    markup = _fixture_markup(path)
    assert _streamed(markup, chunk) == _whole(markup)


def test_the_tree_is_cut_as_it_is_read() -> None:
    """10,000 paragraphs in one body: no more than a few chunks' worth is ever in the tree."""
    markup = "<html><body>" + "".join(f"<p>Paragraph {i} about <b>capacity</b>.</p>\n" for i in range(10_000)) + "</body></html>"
    sizes = []

    class Watching(_Streamer):
        def advance(self, *, closed: bool) -> None:
            if self.frames:
                sizes.append(sum(1 for _ in self.frames[0].element.iter()))
            super().advance(closed=closed)

    reader = _Reader(frozenset())
    root, _parser = Watching(reader, chunk=4096).read(markup)
    reader.flush()
    assert len(reader.blocks) == 10_000
    assert len(sizes) > 100
    assert max(sizes) < 400, max(sizes)  # 4 KB of markup is about 90 paragraphs of 3 elements
    assert sum(1 for _ in root.iter()) <= 2  # html and body, emptied


def test_nesting_past_the_depth_limit_is_read_whole_with_a_warning() -> None:
    # libxml2 2.14+ drops everything after a part nested past its limit, silently: the reader
    # must notice, say so, and still read what comes after it
    for depth in (300, 3000, 20000):
        markup = "<html><body><p>Before</p>" + "<font>" * depth + "Deep" + "</font>" * depth + "<p>After</p></body></html>"
        blocks, warnings = read_html_blocks(markup)
        texts = [b.text for b in blocks]
        assert texts[0] == "Before" and "After" in texts, (depth, texts)
        if depth > 2000:
            assert any("nested too deeply" in w for w in warnings), depth
