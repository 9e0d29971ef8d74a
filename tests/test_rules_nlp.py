"""The spaCy pipeline: blank English, SEC sentence boundaries, pattern files as data."""

import json
import re

import pytest

from extractor.rules.nlp.pipeline import CUES_KEY, ORGS_KEY, PATTERNS_DIR, get_nlp, load_patterns


def sentences(text):
    return [s.text.strip() for s in get_nlp()(text).sents]


def test_pipeline_is_blank_english_and_cached():
    nlp = get_nlp()
    assert nlp.lang == "en" and nlp.meta.get("name") in (None, "pipeline")
    assert nlp.pipe_names == ["sec_sentencizer", "span_ruler", "org_ruler", "value_ruler"]
    assert get_nlp() is nlp


def test_sentences_survive_sec_abbreviations():
    text = ("Amendment No. 2 to the agreement with Tesserack Cloud, Inc. was signed in the U.S. last year. "
            "The agreement has a term of five years. Under it, Tesserack Corp. provides capacity.")
    assert sentences(text) == [
        "Amendment No. 2 to the agreement with Tesserack Cloud, Inc. was signed in the U.S. last year.",
        "The agreement has a term of five years.",
        "Under it, Tesserack Corp. provides capacity.",
    ]


def test_company_suffix_ends_a_sentence_before_a_new_one():
    text = "We buy capacity from Tesserack Cloud, Inc. The agreement runs through 2030."
    assert sentences(text) == ["We buy capacity from Tesserack Cloud, Inc.", "The agreement runs through 2030."]


def test_headings_and_joins_without_punctuation_are_boundaries():
    text = "Compute Agreement\n\nWe pay $5 million per month ... Either party may terminate on 30 days' notice"
    assert sentences(text) == ["Compute Agreement", "We pay $5 million per month ...",
                               "Either party may terminate on 30 days' notice"]


@pytest.mark.parametrize("name", ["cues", "values", "orgs"])
def test_every_pattern_has_a_unique_id_and_a_label(name):
    rows = load_patterns(name)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate pattern ids"
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9.\-]*-\d{3}", i) for i in ids), ids
    assert all(r["label"].isupper() for r in rows)


def test_value_patterns_compile_and_every_file_is_jsonl():
    for row in load_patterns("values"):
        re.compile(row["pattern"])
    for path in PATTERNS_DIR.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert isinstance(json.loads(line), dict)


def test_matches_say_which_rule_fired():
    doc = get_nlp()("Under the cloud agreement with AWS we pay $1.25 billion per month through May 2029.")
    values = {(v.label, v.text): v.rule_id for v in doc._.values}
    assert values[("MONEY", "$1.25 billion")] == "money-symbol-001"
    assert values[("PERIOD", "per month")] == "period-month-001"
    assert values[("DATE", "May 2029")] == "date-month-001"
    cues = {(s.label_, s.text): s.id_ for s in doc.spans[CUES_KEY]}
    assert cues[("COMPUTE", "cloud")] == "compute-cloud-001"
    assert {s.text for s in doc.spans[ORGS_KEY]} == {"AWS"}


def test_table_rows_are_sentences_of_their_own():
    from extractor.rules.nlp.pipeline import run_pipeline

    doc = run_pipeline("Cloud hosting commitment | $ 12,000\nOperating leases | $ 4,000", table=True)
    assert [s.text.strip() for s in doc.sents] == ["Cloud hosting commitment | $ 12,000", "Operating leases | $ 4,000"]
    prose = run_pipeline("We buy capacity from\nTesserack under a lease.")
    assert len(list(prose.sents)) == 1  # a wrapped line is not a boundary


def test_a_heading_line_without_punctuation_is_a_boundary():
    doc = get_nlp()("Compute Services Agreement\nWe pay $5 million per month.")
    assert [s.text.strip() for s in doc.sents] == ["Compute Services Agreement", "We pay $5 million per month."]


def test_an_opening_quote_after_a_blank_line_starts_the_next_sentence_and_a_closing_quote_ends_its_own():
    from extractor.rules.nlp.pipeline import run_pipeline

    doc = run_pipeline("Tollan may extend the term for five years.\n\n\"Two signed contracts validate our strategy,\" said "
                       "the CEO. \"We now have line of sight to $4 billion.\" The agreement runs through 2030.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[1].startswith("\"Two signed") and sentences[2] == "\"We now have line of sight to $4 billion.\""
    assert sentences[0] == "Tollan may extend the term for five years."
