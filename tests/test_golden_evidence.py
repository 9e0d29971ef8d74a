"""Every golden output's evidence is real: spans slice the document text to the evidence text,
and every value's ``text`` occurs within its evidence. Also: the project's goldens show no drift."""

from __future__ import annotations

import json

import pytest

from extractor.cli import main
from extractor.pipeline import read_documents
from extractor.regress import FILINGS, GOLDEN, MANIFEST
from conftest import FIXTURES

GOLDENS = sorted(p for p in (FIXTURES / GOLDEN).glob("*.json") if p.name != MANIFEST)


def evidence_spans(node, path="$"):
    """(path, evidence dict) for every evidence object in a FilingResult, however deep."""
    if isinstance(node, dict):
        if {"start", "end", "text"} <= set(node) and "section" in node:
            yield path, node
        for key, value in node.items():
            yield from evidence_spans(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from evidence_spans(value, f"{path}[{index}]")


def valued_fields(node, path="$"):
    """(path, value text, evidence text) for every field that carries both."""
    if isinstance(node, dict):
        evidence = node.get("evidence")
        if isinstance(evidence, dict) and isinstance(node.get("text"), str):
            yield path, node["text"], evidence.get("text", "")
        for key, value in node.items():
            yield from valued_fields(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from valued_fields(value, f"{path}[{index}]")


@pytest.mark.parametrize("golden_path", GOLDENS, ids=[p.stem for p in GOLDENS])
def test_golden_evidence_slices_the_document_text(golden_path):
    result = json.loads(golden_path.read_text(encoding="utf-8"))
    name = golden_path.name[: -len(".json")]
    data = (FIXTURES / FILINGS / name).read_bytes()
    parts, _ = read_documents(data, source=name, form=result["filing"]["form"])
    texts = {part.info.id: part.document.text for part in parts}  # each document's own text
    assert [d["id"] for d in result["documents"]] == list(texts)
    spans = list(evidence_spans(result.get("contracts", [])))
    for path, evidence in spans:
        text = texts[evidence["document"]]
        assert 0 <= evidence["start"] <= evidence["end"] <= len(text), (name, path)
        assert text[evidence["start"] : evidence["end"]] == evidence["text"], (name, path)
    for path, value_text, evidence_text in valued_fields(result.get("contracts", [])):
        assert value_text in evidence_text, (name, path, value_text)
    for section in result.get("sections", []):
        text = texts[section["document"]]
        assert 0 <= section["start"] <= section["end"] <= len(text), (name, section["id"])
        if section["level"] == 2:  # inside its parent, in the same document
            parent = next(s for s in result["sections"] if s["id"] == section["parent"] and s["document"] == section["document"] and s["level"] == 1)
            assert parent["start"] <= section["start"] <= section["end"] <= parent["end"], (name, section["id"])


def test_evidence_walkers_find_nested_evidence():
    ev = {"section": "body", "start": 0, "end": 5, "text": "abcde"}
    contract = {"fee": {"text": "bc", "evidence": ev}, "discounts": [{"text": "de", "evidence": ev}], "evidence": [ev]}
    assert [p for p, _ in evidence_spans([contract])] == ["$[0].fee.evidence", "$[0].discounts[0].evidence", "$[0].evidence[0]"]
    assert [(p, t) for p, t, _ in valued_fields([contract])] == [("$[0].fee", "bc"), ("$[0].discounts[0]", "de")]


def test_project_goldens_show_no_drift(capsys):
    if not GOLDENS:
        pytest.skip("no goldens under fixtures/golden yet (make them with `extractor regress --update`)")
    code = main(["regress"])
    out = capsys.readouterr().out
    assert code == 0, out
