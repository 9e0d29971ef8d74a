"""Whole-document text work done a piece at a time to bound memory (rules/gate.lower_text,
rules._text_digest) must give exactly what the one-shot call gives."""

from __future__ import annotations

import hashlib
import random

import pytest

import extractor.rules.nlp.gate as gate
from extractor.rules import _text_digest

ALPHABET = ["Σ", "ΑΣ", " ", "İ", "a", "B", "'", ".", "\u0345", "ß", "ﬁ", "Ǆ", "\n", "™", "x", "\ud800"]


@pytest.mark.parametrize("piece", [1, 2, 3, 8, 64])
def test_lower_text_equals_lower_whatever_the_pieces(monkeypatch, piece: int) -> None:
    monkeypatch.setattr(gate, "LOWER_PIECE_CHARS", piece)
    rng = random.Random(piece)
    for _ in range(2000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))
        assert gate.lower_text(text) == text.lower(), repr(text)


def test_final_sigma_at_a_piece_boundary(monkeypatch) -> None:
    monkeypatch.setattr(gate, "LOWER_PIECE_CHARS", 3)
    text = "ΟΔΟΣ ΣΟΦΟΣ ΑΣ ΣΑ ™ İstanbul"
    assert gate.lower_text(text) == text.lower()


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 140000])
def test_text_digest_equals_the_digest_of_the_whole_text(size: int) -> None:
    rng = random.Random(size)
    text = "".join(rng.choice(["a", "é", "™", "\ud800", "\udc00", "😀", " "]) for _ in range(size))
    assert _text_digest(text) == hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
