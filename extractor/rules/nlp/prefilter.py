"""A first-character lookahead for a regular expression: the same matches, found sooner.

Python's ``re`` tries every branch of a pattern at every position. A pattern that starts
with ``\\b(?:one|two|...)`` therefore costs dozens of steps per character of text. The
characters a match can start with are known from the parsed pattern; ``(?=[those])``
put in front rejects every other position with one class test and changes no match
(the class under the pattern's own flags holds every character the pattern can start
with). Patterns whose first character cannot be worked out are left as they are.
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 - the parser's opcodes
from re import _parser

_LEADING_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")
_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_WORD: r"\w", C.CATEGORY_SPACE: r"\s"}


class _Unknown(Exception):
    """The first characters of a piece of pattern cannot be listed."""


def with_first_char_lookahead(pattern: str, flags: int = 0) -> re.Pattern:
    """``pattern`` compiled, with a first-character lookahead when one can be derived."""
    compiled = re.compile(pattern, flags)
    try:
        items, nullable = _first(_parser.parse(pattern, flags))
    except _Unknown:
        return compiled
    if nullable or not items:
        return compiled
    body = _LEADING_FLAGS.sub("", pattern)
    return re.compile(f"(?=[{''.join(sorted(items))}])(?:{body})", compiled.flags)


def _first(sequence) -> tuple[set[str], bool]:
    """The class items a match of the sequence can start with, and whether it can be empty."""
    items: set[str] = set()
    for op, av in sequence:
        found, nullable = _first_of(op, av)
        items |= found
        if not nullable:
            return items, False
    return items, True


def _first_of(op, av) -> tuple[set[str], bool]:
    if op is C.AT:
        return set(), True  # \b, ^, $: zero width
    if op is C.LITERAL:
        return {_char(av)}, False
    if op is C.IN:
        return {_class_item(o, a) for o, a in av}, False
    if op is C.CATEGORY and av in _CATEGORIES:
        return {_CATEGORIES[av]}, False
    if op is C.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unknown
        return _first(sub)
    if op is C.BRANCH:
        items, nullable = set(), False
        for branch in av[1]:
            found, empty = _first(branch)
            items |= found
            nullable = nullable or empty
        return items, nullable
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _, sub = av
        found, empty = _first(sub)
        return found, empty or low == 0
    raise _Unknown


def _class_item(op, av) -> str:
    if op is C.LITERAL:
        return _char(av)
    if op is C.RANGE:
        return f"{_char(av[0])}-{_char(av[1])}"
    if op is C.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise _Unknown


def _char(code: int) -> str:
    return re.escape(chr(code)) if chr(code) not in "-]\\^" else "\\" + chr(code)
