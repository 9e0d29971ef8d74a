"""The reader's fast paths for common table cells (parse/html.py: text_cell, leaf_cell,
block_cell) must give exactly what the general path gives for the same cells."""

from __future__ import annotations

import pytest

from extractor.parse.html import PLAIN, _Reader, build_tree, link_targets


class GeneralOnly(_Reader):
    def text_cell(self, *args) -> bool:
        return False

    def leaf_cell(self, *args) -> bool:
        return False

    def block_cell(self, *args) -> bool:
        return False


def _blocks(reader_class, markup: str) -> list:
    reader = reader_class(link_targets(markup))
    root, _parser = build_tree(markup)
    reader.walk(root, PLAIN)
    reader.flush()
    return reader.blocks


CELLS = [
    "<td>1,234</td>",
    "<td> 1,234 </td>",
    "<td>$</td>",
    "<td>(</td><td>12</td><td>)</td><td>%</td>",
    "<td><font>1,234</font></td>",
    "<td><b>Total</b></td>",
    "<td><p>Revenue</p></td>",
    "<td> <p>Revenue</p> </td>",
    "<td><p><font>1,234</font></p></td>",
    "<td><p><b>Total</b></p></td>",
    "<td><div><i>Note</i></div></td>",
    "<td><p><font style='font-size:14pt'>Big</font></p></td>",
    "<td><p style='font-weight:bold'><font style='font-style:italic'>Net</font> income</p></td>",
    "<td><div>Lead <span>text</span> tail</div></td>",
    "<td><div> <span> </span> </div></td>",
    "<td><p>\u200b</p></td>",
    "<td><p style='display:none'>hidden</p></td>",
    "<td><p id='target'>linked</p></td>",
    "<td id='target'>linked</td>",
    "<td><p style='page-break-before:always'>broken</p></td>",
    "<td><div><span style='display:none'>x</span></div></td>",
    "<td align='center'><p>Centered</p></td>",
    "<th>Header</th>",
    "<td><p>one</p><p>two</p></td>",
    "<td><font size='1'>&#160;</font></td><td>after a spacer</td>",
]


@pytest.mark.parametrize("cells", CELLS)
def test_fast_paths_read_cells_as_the_general_path_does(cells: str) -> None:
    markup = (
        "<html><body><p><a href='#target'>Go</a></p><table>"
        f"<tr><td>Label</td>{cells}<td>end</td></tr><tr>{cells}</tr>"
        "</table><p>after</p></body></html>"
    )
    assert _blocks(_Reader, markup) == _blocks(GeneralOnly, markup)
