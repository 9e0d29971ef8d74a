r"""Markup removed before the tree is built, because the reader would skip it anyway.

The hidden ``<ix:header>`` of an inline-XBRL filing (its dei facts are read from the
markup beforehand, see ixbrl.py) is up to three quarters of the file; html.py drops it
unread, so it is cut out with two string searches.

Spacer cells (``<td><font>&nbsp;</font></td>``, ``<td></td>``) are a third to a
half of the elements of a Donnelley or Workiva filing. They hold no words and no
link target, so html.py skips them; cutting them out of the markup with one C-level
regex pass spares libxml2 building them and Python walking over them. Only cells
that are blank in the simplest shapes match (``<td/>``, whitespace, non-breaking and
zero-width spaces, ``<br>``, balanced empty ``<font>``/``<p>``/``<span>``/``<div>``/``<b>``),
never one with an ``id``/``name`` or a page-break style: anything else stays for the
reader to judge. Quantifiers are possessive, so a near-miss costs linear time; the
pattern is case-sensitive with both cases spelled out (re.I is twice as slow here).

The ``id``/``name``/``break`` test is part of the pattern, with no Python callback per
cell (that callback was 40% of the cut): inside a tag, an ``=`` matches only when not
right after ``id``, ``name`` or a space, and a ``k`` only when not after ``brea`` (both
cases, and the Kelvin sign that lower() makes a ``k``). That keeps every cell the old
test (``\b(?:id|name)\s*=|break`` on the lowered cell) kept, and a few more (``id =``,
``valid=``), which the reader then skips as it skips any blank cell: the same blocks.
"""

from __future__ import annotations

import re

_SPACE = r"(?:[\s\u200b]++|&nbsp;|&#160;|&#xa0;|&#8203;|&#x200b;)"
_INLINE = "font|FONT|Font|p|P|span|SPAN|div|DIV|b|B"
_EQUALS = r"(?<![iI][dD])(?<![nN][aA][mM][eE])(?<!\s)="  # not id= / name= (nor id =, kept to be safe)
_K = r"(?<![bB][rR][eE][aA])[kK\u212a]"  # not break
_TD_ATTRS = rf"[^<>/=kK\u212a]*+(?:(?:{_EQUALS}|{_K}|/(?!>))[^<>/=kK\u212a]*+)*+"  # unrolled: plain runs, then one special
_INLINE_ATTRS = rf"[^<>=kK\u212a]*+(?:(?:{_EQUALS}|{_K})[^<>=kK\u212a]*+)*+"
_BLANK_CELL = re.compile(
    rf"<(?P<cell>[tT][dDhH])\b{_TD_ATTRS}(?:/>|>"  # <td .../> (XHTML, Workiva) or <td ...> ... </td>
    rf"(?:{_SPACE}|<[bB][rR]\s*+/?>|<(?P<inline>{_INLINE})\b{_INLINE_ATTRS}>{_SPACE}*+</(?P=inline)\s*+>)*+"
    r"</(?P=cell)\s*+>)"
)


def drop_blank_cells(markup: str) -> str:
    """The markup without its spacer table cells."""
    return _BLANK_CELL.sub("", markup)


def drop_hidden_header(markup: str) -> str:
    """The markup without its ``<ix:header>...</ix:header>`` block (unchanged when there is none)."""
    start = markup.find("<ix:header")
    if start < 0:
        return markup
    end = markup.find("</ix:header>", start)
    if end < 0:
        return markup
    return markup[:start] + markup[end + len("</ix:header>") :]


def prune(markup: str) -> str:
    """Everything above: the markup html.py builds its tree from."""
    return drop_blank_cells(drop_hidden_header(markup))


_ROW_START = re.compile(r"<[tT][rR]\b")


def pruned_pieces(markup: str, size: int):
    """``prune(markup)`` in consecutive pieces of about ``size`` characters, so that no pruned
    copy of the whole markup is ever held. A piece ends where a table row begins: no spacer
    cell spans that point (a blank cell holds no ``<tr``), so the pieces join to exactly
    ``prune(markup)``."""
    markup = drop_hidden_header(markup)
    start = 0
    while start < len(markup):
        found = _ROW_START.search(markup, start + size) if start + size < len(markup) else None
        end = found.start() if found else len(markup)
        yield drop_blank_cells(markup[start:end])
        start = end
