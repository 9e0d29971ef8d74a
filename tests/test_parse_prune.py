"""Markup cut before the tree is built (parse/prune.py): spacer cells and the hidden
ix:header, which the reader would skip anyway, so the blocks are the same with and without
the cut."""

from __future__ import annotations

import pytest

from extractor.parse import parse_bytes
from extractor.parse.encoding import decode
from extractor.parse.html import read_html_blocks
from extractor.parse.prune import drop_blank_cells, drop_hidden_header, prune, pruned_pieces
from extractor.parse.sgml import split_submission


@pytest.mark.parametrize(
    "cell",
    [
        '<TD VALIGN="bottom"><FONT SIZE="1">&nbsp;</FONT></TD>',
        '<td style="width:5%"></td>',
        "<TD NOWRAP> <P STYLE=\"margin:0\">&#160;</P></TD>",
        "<td>&#8203;<br/>\u00a0</td>",
        "<th><span>&nbsp;&nbsp;</span></th>",
        '<td colspan="3" style="padding:0 1pt"/>',
        '<td width="1%" style="background-color:black"><font size="1">&nbsp;</font></td>',  # "id" and "k" inside words
    ],
)
def test_spacer_cells_go(cell: str) -> None:
    assert drop_blank_cells(f"<tr>{cell}<td>Revenue</td></tr>") == "<tr><td>Revenue</td></tr>"


@pytest.mark.parametrize(
    "cell",
    [
        '<td id="business"></td>',  # a link target
        '<TD><FONT NAME="toc1">&nbsp;</FONT></TD>',
        '<td style="page-break-before:always">&nbsp;</td>',
        "<td>$</td>",
        "<td><font>&nbsp;</td>",  # unbalanced: left for libxml2 to recover
        "<td><font>&nbsp;</font></th>",
        "<td><img src=x.jpg></td>",
        '<td id="total"/>',
        '<td ID = "spaced">&nbsp;</td>',  # spaces before "=": kept to be safe
        '<td><span id="x1">&nbsp;</span></td>',
        '<td valign="top"><p style="PAGE-BREAK-AFTER:always">&#160;</p></td>',
        '<td style="page-brea\u212a-before:always"></td>',  # the Kelvin sign, which lower() makes a k
    ],
)
def test_cells_that_may_matter_stay(cell: str) -> None:
    assert drop_blank_cells(f"<tr>{cell}</tr>") == f"<tr>{cell}</tr>"


def test_a_long_near_miss_is_linear() -> None:
    markup = "<td>" + "&nbsp; " * 50_000 + "<b>x</b></td>"
    assert drop_blank_cells(markup) == markup


def test_hidden_header_goes_and_its_facts_stay() -> None:
    header = '<ix:header><ix:hidden><ix:nonNumeric name="dei:EntityRegistrantName">Example Corp</ix:nonNumeric></ix:hidden></ix:header>'
    markup = f'<html><body><div style="display:none">{header}</div><p>FORM 10-K</p></body></html>'
    assert drop_hidden_header(markup) == '<html><body><div style="display:none"></div><p>FORM 10-K</p></body></html>'
    assert drop_hidden_header("<p>no header</p><ix:header>unclosed") == "<p>no header</p><ix:header>unclosed"
    document = parse_bytes(markup.encode())
    assert document.text == "FORM 10-K"
    assert document.ref.company == "Example Corp"


def test_anchor_in_a_spacer_cell_still_found() -> None:
    body = (
        '<table><tr><td><a href="#rf">Risk Factors</a></td><td>&nbsp;</td><td>3</td></tr></table>'
        '<table><tr><td><font>&nbsp;</font></td><td><a name="rf"></a>&nbsp;</td></tr></table>'
        "<p><b>RISK FACTORS</b></p><p>Investing is risky.</p>"
    )
    document = parse_bytes(f"<html><body>{body}</body></html>".encode())
    assert document.text[document.anchors["rf"] :].startswith("RISK FACTORS")
    assert "Risk Factors | 3" in document.text


@pytest.mark.parametrize(
    "path",
    [
        "s-1/pandora-2011-s1.htm",
        "10-k/amd-2022-10k.htm",
        "10-k/carbo-ceramics-2017-10k.htm",
        "10-k/ibm-2025-10k.htm",  # ix:header: 60% of the file
        "10-k/apple-2024-10k.htm",  # spacer cells written <td .../>
    ],
)
def test_same_blocks_with_and_without_the_cut(corpus_dir, path: str) -> None:
    data = (corpus_dir / path).read_bytes()
    if data.lstrip().startswith(b"<DOCUMENT>"):
        data = split_submission(data).primary().body
    markup = decode(data)[0]
    pruned, _ = read_html_blocks(markup)
    full, _ = read_html_blocks(markup, prune=False)
    assert len(prune(markup)) < 0.9 * len(markup)  # the cut is real on these filings
    assert pruned == full


@pytest.mark.parametrize("size", [1, 40, 1000, 1 << 16])
def test_pieces_join_to_the_whole_cut(size: int) -> None:
    row = '<TR><TD VALIGN="bottom"><FONT SIZE="1">&nbsp;</FONT></TD>\n<td id="keep"></td><td>Revenue</td><td>&#160;</td></tr>'
    markup = "<html><body><ix:header>facts</ix:header><table>" + row * 50 + "</table><p>after</p><tr><td>x</td></body></html>"
    assert "".join(pruned_pieces(markup, size)) == prune(markup)


@pytest.mark.parametrize("path", ["s-1/pandora-2011-s1.htm", "10-k/ibm-2025-10k.htm", "10-k/apple-2024-10k.htm"])
def test_pieces_join_to_the_whole_cut_on_real_filings(corpus_dir, path: str) -> None:
    markup = decode((corpus_dir / path).read_bytes())[0]
    whole = prune(markup)
    assert "".join(pruned_pieces(markup, 4096)) == whole
    assert "".join(pruned_pieces(markup, 1 << 16)) == whole
