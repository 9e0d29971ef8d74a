"""Every real filing in ../shared/corpus goes through the extractor without an error;
the few real compute contracts there are found."""

import pytest

from extractor.pipeline import parse_filing, segment
from extractor.rules import extract_contracts

pytestmark = pytest.mark.corpus


def _documents(corpus_dir, corpus_manifest):
    for row in corpus_manifest:
        path = corpus_dir / row["path"]
        if path.is_file() and not row["path"].startswith("edgar-api/"):
            yield row, parse_filing(path.read_bytes(), source=str(path))


def test_every_corpus_filing_extracts(corpus_dir, corpus_manifest):
    found = {}
    for row, document in _documents(corpus_dir, corpus_manifest):
        contracts, warnings = extract_contracts(document, segment(document, form=document.form))
        assert warnings == []
        for contract in contracts:
            for ev in contract.evidence:
                assert document.text[ev.start : ev.end] == ev.text
        found[row["path"]] = contracts
    twilio = found["s-1/twilio-2016-s1.htm"]
    assert [c.provider.name for c in twilio] == ["Amazon Web Services"]
    assert (twilio[0].termination_notice.days, twilio[0].termination_notice.party) == (30, "provider")
    assert sum(len(c) for c in found.values()) <= 3  # the corpus holds almost no compute contracts
