"""Top-level sections of the real corpus filings against hand-checked labels.

The labels live in tests/data/sections_*.json, keyed by path relative to
../shared/corpus. Each names, in document order, the top-level sections a reader
finds in the filing (id from DESIGN.md's vocabulary, title as written in the body,
and the first few words of the body after the heading). They were written from the
documents themselves, not from the segmenter's output.

Run alone with:  pytest tests/test_corpus_sections.py   (or: pytest -m corpus -k sections)
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest

from extractor.pipeline import parse_filing, segment

DATA = Path(__file__).resolve().parent / "data"
LABEL_FILES = sorted(DATA.glob("sections_*.json"))
SECTION_ID = re.compile(r"^[a-z][a-z0-9_]*$")
PART_HEADINGS = re.compile(r"(part [ivx]+ ?)*")  # "PART II" between two items belongs to neither


def load_labels() -> dict[str, dict]:
    labels: dict[str, dict] = {}
    for label_file in LABEL_FILES:
        for path, entry in json.loads(label_file.read_text(encoding="utf-8")).items():
            assert path not in labels, f"{path} is labelled twice ({label_file.name})"
            labels[path] = entry
    return labels


LABELS = load_labels()


def words(text: str) -> list[str]:
    """Case-folded words with punctuation dropped and whitespace collapsed."""
    return re.sub(r"[^0-9a-z]+", " ", text.casefold()).split()


def opens_with(body: str, opening: str, title: str) -> bool:
    """Does the body start with the opening words, allowing it to begin with the
    tail of a heading that wraps onto a second line (title "PART II", body
    "INFORMATION NOT REQUIRED ...")?"""
    expected = words(opening)
    title_words = words(title)
    body_words = words(body[: 40 * (len(expected) + len(title_words) + 8)])
    if not expected:  # an empty opening: no body text ("Item 6. [Reserved]"), at most a PART heading
        for skip in range(1, len(title_words) + 1):
            tail = title_words[skip:]
            if body_words[: len(tail)] == tail and PART_HEADINGS.fullmatch(" ".join(body_words[len(tail) :])):
                return True
        return False
    for skip in range(len(title_words) + 1):
        candidate = title_words[skip:] if skip else []
        if body_words[: len(candidate) + len(expected)] == candidate + expected:
            return True
    return False


def top_level_sections(sections) -> list:
    top = [s for s in sections if s.level == 1]
    if top and top[0].id == "cover_page":
        top = top[1:]
    return top


def test_labels_are_well_formed():
    assert LABEL_FILES, f"no sections_*.json in {DATA}"
    for path, entry in LABELS.items():
        assert entry.get("form"), f"{path}: no form"
        assert entry.get("sections"), f"{path}: no sections"
        for section in entry["sections"]:
            assert SECTION_ID.match(section["id"]), f"{path}: bad id {section['id']!r}"
            assert section["title"].strip(), f"{path}: {section['id']} has no title"
            count = len(section["opening"].split())
            assert count <= 8, f"{path}: {section['id']} opening has {count} words (at most 8; none for an empty body)"


def test_labels_name_manifest_files_with_their_form(corpus_manifest):
    forms = {row["path"]: row["form"] for row in corpus_manifest}
    for path, entry in LABELS.items():
        assert path in forms, f"{path} is not in MANIFEST.tsv"
        assert entry["form"] == forms[path], f"{path}: labelled {entry['form']}, manifest says {forms[path]}"


@pytest.mark.corpus
@pytest.mark.parametrize("path", sorted(LABELS), ids=str)
def test_top_level_sections_match_labels(path, corpus_dir):
    entry = LABELS[path]
    data = (corpus_dir / path).read_bytes()
    document = parse_filing(data, source=path, form=entry["form"])
    got = top_level_sections(segment(document, form=entry["form"]))

    expected_ids = [s["id"] for s in entry["sections"]]
    got_ids = [s.id for s in got]
    if got_ids != expected_ids:
        diff = "\n".join(difflib.ndiff(expected_ids, got_ids))
        pytest.fail(
            f"{path}: top-level section ids differ\n"
            f"expected ({len(expected_ids)}): {expected_ids}\n"
            f"got      ({len(got_ids)}): {got_ids}\n"
            f"diff (- expected, + got):\n{diff}"
        )

    wrong = []
    for label, section in zip(entry["sections"], got):
        body = document.text[section.body_start : section.end]
        if not opens_with(body, label["opening"], label["title"]):
            shown = " ".join(body.split()[:12])
            wrong.append(f"  {label['id']}: expected {label['opening']!r}, body starts {shown!r}")
    assert not wrong, f"{path}: {len(wrong)} section(s) start in the wrong place\n" + "\n".join(wrong)

