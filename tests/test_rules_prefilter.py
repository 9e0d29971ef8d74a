"""The first-character lookahead changes no match of any value pattern or of the gate's term words."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from extractor.pipeline import parse_filing
from extractor.rules.nlp.gate import _TERM_WORDS
from extractor.rules.nlp.pipeline import load_patterns
from extractor.rules.nlp.prefilter import with_first_char_lookahead

from conftest import FIXTURES

BMP = "".join(chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c <= 0xDFFF)


@lru_cache(maxsize=1)
def _fixture_texts() -> tuple[str, ...]:
    texts = []
    for path in sorted((FIXTURES / "filings").iterdir()):
        if path.suffix in (".htm", ".txt"):
            texts.append(parse_filing(path.read_bytes(), source=str(path)).text)
    return tuple(texts)


@pytest.mark.parametrize("row", load_patterns("values"), ids=lambda r: r["id"])
def test_value_pattern_matches_are_unchanged(row):
    plain, fast = re.compile(row["pattern"]), with_first_char_lookahead(row["pattern"])
    assert fast.pattern.startswith("(?=["), "every value pattern gets a lookahead today"
    for text in _fixture_texts():
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_lookahead_class_holds_every_case_fold_of_its_characters():
    """Under re.I the class admits every character that the pattern's own literals admit
    (long s, Kelvin sign, dotless i ...)."""
    for letter in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$€£/":
        literal = re.escape(letter)
        assert re.findall(f"[{literal}]", BMP, re.I) == re.findall(literal, BMP, re.I)
        assert re.findall(f"(?=[{literal}])(?:{literal}\\w*)", BMP, re.I) == re.findall(f"{literal}\\w*", BMP, re.I)


def test_term_words_keep_their_bounded_search_semantics():
    plain = re.compile(_TERM_WORDS.pattern.split("(?:", 1)[1][:-1], re.I)
    text = "the 300MW Term through March; Monthly fee of $5 until notice. MONTHS ſ Kelvin"
    for start in range(len(text)):
        for end in range(start, len(text) + 1, 3):
            assert bool(_TERM_WORDS.search(text, start, end)) == bool(plain.search(text, start, end))


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [(r"(?:a|b)?", 0), (r"(?i:x)y", 0), (r"[^a]b", 0), (r".a", 0), (r"(?<=x)y", 0)],
)
def test_patterns_without_a_known_first_character_are_left_alone(pattern, flags):
    assert with_first_char_lookahead(pattern, flags).pattern == pattern


def test_optional_prefix_adds_the_following_first_characters():
    rx = with_first_char_lookahead(r"\b(?:fiscal\s+)?(?:19|20)\d\d\b")
    assert rx.pattern.startswith("(?=[12f])")
    assert [m.group() for m in rx.finditer("fiscal 2019, 2020 and x1999")] == ["fiscal 2019", "2020"]
