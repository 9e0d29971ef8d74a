"""context_hits: where the gate sees compute context (compute words, context org names, extra names)."""

import pytest

from extractor.rules.nlp import gate
from extractor.rules.nlp.gate import compute_words, context_hits, context_org_names


def _reference_hits(text, extra_names=(), words=None, orgs=None):
    """The same offsets, found plainly: every word tried at every offset."""
    low = text.lower()
    found = []

    def scan(haystack, names, units=()):
        for name in set(names):
            for i in range(len(haystack) - len(name) + 1):
                if haystack[i : i + len(name)] != name:
                    continue
                before = haystack[i - 1] if i else " "
                after = haystack[i + len(name)] if i + len(name) < len(haystack) else " "
                if after.isalnum() or (before.isalnum() and not (name in units and before.isdigit())):
                    continue
                found.append(i)

    scan(low, {w.lower() for w in (compute_words() if words is None else words)}, ("mw", "kw", "gw"))
    scan(text, context_org_names() if orgs is None else orgs)
    scan(low, {n.lower() for n in extra_names})
    return sorted(found)


TEXTS = [
    "GPUs from AWS",
    "We lease 300MW of data center capacity; 3MW more, xMW never, and 12 kW racks.",
    "Under the laws of Delaware, our cloud computing costs (Amazon Web Services) rose.",
    "CoreWeave, Inc. provides GPU capacity; coreweave in lower case is no org name.",
    "Compute Capacity Agreement with Microsoft Azure and Google Cloud Platform for H100s and GB200s.",
    "supercomputers, co-location, colocations, web-hosting and the IT load of hyperscale datacenters",
    "Our Data Centres? No: data centre. OpenAI's xAI and XAI; Hut 8 Corp., Hut 88.",
    "\u2019aws\u2019 \u00e9aws aws\u00e9 \u00f7AWS 5mw5 mwkw a100 A100 b200",
    "\u0130 AWS on a CoreWeave cloud",  # lowering "\u0130" lengthens the text
    "`aws` {gpu} @cloud [colocation]",
    "compute",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_hits_equal_a_plain_search(text):
    assert context_hits(text) == _reference_hits(text)
    assert context_hits(text, lowered=text.lower()) == _reference_hits(text)
    assert context_hits(text, ("Lambda Labs", "Tesserack")) == _reference_hits(text, ("Lambda Labs", "Tesserack"))


def test_whole_words_only():
    assert context_hits("the laws of the cloudy hostingx") == []
    assert context_hits("aws") == [0]
    assert context_hits("(gpus)") == [1]
    assert context_hits("clouds") == []


def test_a_digit_may_come_before_a_unit_only():
    assert context_hits("300MW") == [3]
    assert context_hits("3MW of power") == [1]
    assert context_hits("xMW, 3MWh") == []
    assert context_hits("a 3gpu") == []


def test_org_names_keep_their_case_and_compute_words_do_not():
    assert context_hits("CoreWeave") == [0]
    assert context_hits("coreweave COREWEAVE") == []
    assert context_hits("AWS") == [0, 0]  # the compute word "aws" and the org name "AWS"
    assert context_hits("Aws aWs") == [0, 4]  # the compute word only


def test_extra_names_are_matched_in_any_case():
    assert context_hits("We rent from LAMBDA LABS.", ("Lambda Labs",)) == [13]
    assert context_hits("We rent from Lambda Labsx.", ("Lambda Labs",)) == []


def test_offsets_are_sorted_and_start_at_the_word():
    text = "Orbis pays Nebius for data centers, compute capacity and GPUs (300 MW)."
    hits = context_hits(text)
    assert hits == sorted(hits) and len(hits) >= 5
    assert {text[i : i + 6] for i in hits} >= {"Nebius", "data c", "comput", "GPUs (", "MW)."}


def test_words_past_ascii_and_single_characters_are_still_found(monkeypatch):
    words = ("Rechenzentrum", "gpu", "z", "Höchstleistungsrechner")
    orgs = ("Société Générale", "AWS", "Q")
    monkeypatch.setattr(gate, "compute_words", lambda: words)
    monkeypatch.setattr(gate, "context_org_names", lambda: orgs)
    gate._context_words.cache_clear()
    try:
        text = "z: Höchstleistungsrechner bei AWS, Société Générale; Q and q, ein Rechenzentrum, gpu"
        hits = context_hits(text)
        assert [text[i : i + 4] for i in hits] == ["z: H", "Höch", "AWS,", "Soci", "Q an", "Rech", "gpu"]
        assert hits == _reference_hits(text, words=words, orgs=orgs)
        text = "\u0130 " + text  # lowering "\u0130" lengthens the text
        assert context_hits(text) == _reference_hits(text, words=words, orgs=orgs)
    finally:
        gate._context_words.cache_clear()


@pytest.mark.parametrize("window", [1, 2, 5, 16])
def test_hits_do_not_depend_on_the_window_numpy_reads(monkeypatch, window):
    monkeypatch.setattr(gate, "WINDOW_CHARS", window)
    monkeypatch.setattr(gate, "WINDOWS", 10**9)  # so that the window stays this small
    for text in TEXTS:
        assert context_hits(text, ("Lambda Labs",)) == _reference_hits(text, ("Lambda Labs",)), text
