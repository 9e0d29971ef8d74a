"""Level-2 sections: MD&A subsections, the notes, 8-K items' sub-headings; on our own markup and
on 11 corpus filings against labels checked by eye (tests/data/subsections_corpus.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.pipeline import parse_filing, process_bytes, read_documents, segment

LABELS = Path(__file__).resolve().parent / "data" / "subsections_corpus.json"

TEN_Q = """<html><body>
<p style="text-align:center"><b>PART I. FINANCIAL INFORMATION</b></p>
<p><b>Item 1. Financial Statements</b></p>
<p>Condensed consolidated balance sheets follow.</p>
<p><b>Note 1. Organization</b></p><p>Orchard Grid Inc. operates GPU clusters.</p>
<p><b>Note 7. Commitments and Contingencies</b></p>
<p>In January 2026 we entered into a capacity agreement with Harrow Labs, Inc. under which Harrow Labs has agreed to pay us $12.0 million per month for dedicated GPU cloud capacity through December 2028.</p>
<p><b>Note 8. Subsequent Events</b></p><p>None.</p>
<p><b>Item 2. Management&#8217;s Discussion and Analysis of Financial Condition and Results of Operations</b></p>
<p><b>Overview</b></p><p>We sell GPU capacity.</p>
<p><b>Liquidity and Capital Resources</b></p><p>We had cash of $40 million.</p>
<p><b>Item 3. Quantitative and Qualitative Disclosures About Market Risk</b></p><p>None.</p>
<p><b>Item 4. Controls and Procedures</b></p><p>Effective.</p>
<p><b>PART II. OTHER INFORMATION</b></p>
<p><b>Item 1. Legal Proceedings</b></p><p>None.</p>
<p><b>Item 6. Exhibits</b></p><p>31.1 Certification.</p>
</body></html>"""


def test_notes_and_mda_subsections_with_parents_and_deepest_evidence():
    result = process_bytes(TEN_Q.encode(), source="10q.htm", form="10-Q")
    level2 = [(s.parent, s.id, s.title) for s in result.sections if s.level == 2]
    assert level2 == [
        ("part_i_item_1", "other", "Note 1. Organization"),
        ("part_i_item_1", "note_commitments", "Note 7. Commitments and Contingencies"),
        ("part_i_item_1", "note_subsequent_events", "Note 8. Subsequent Events"),
        ("part_i_item_2", "overview", "Overview"),
        ("part_i_item_2", "liquidity", "Liquidity and Capital Resources"),
    ]
    (contract,) = result.contracts
    assert {e.section for e in contract.evidence} == {"note_commitments"}
    tops = {s.id: s for s in result.sections if s.level == 1}
    for s in result.sections:
        if s.level == 2:
            assert tops[s.parent].start <= s.start < s.end <= tops[s.parent].end


def test_a_table_header_and_a_paragraph_are_no_subsections():
    html = (
        "<html><body><p><b>Item 1.01 Entry into a Material Definitive Agreement.</b></p>"
        "<p><b>Capacity Agreement</b></p><p>On March 2, 2026 we signed it.</p>"
        "<p><b>Item 9.01 Financial Statements and Exhibits.</b></p>"
        "<table><tr><td><b>Exhibit No.</b></td><td><b>Description</b></td></tr><tr><td>10.1</td><td>Agreement</td></tr></table>"
        "</body></html>"
    )
    document = parse_filing(html.encode(), form="8-K")
    assert [(s.parent, s.title) for s in segment(document, form="8-K") if s.level == 2] == [("item_1_01", "Capacity Agreement")]


@pytest.mark.corpus
@pytest.mark.parametrize("path", sorted(json.loads(LABELS.read_text())["filings"]))
def test_corpus_subsections_match_labels(path, corpus_dir):
    expected = [tuple(x) for x in json.loads(LABELS.read_text())["filings"][path]]
    parts, _ = read_documents((corpus_dir / path).read_bytes(), source=path)
    primary = parts[0]
    got = [(s.parent, s.id, s.title) for s in segment(primary.document, form=primary.form) if s.level == 2]
    assert got == expected


def test_the_unnumbered_executive_officers_item_without_a_linked_toc():
    items = "".join(
        f"<p><b>Item {n}. {title}</b></p><p>{title} of Orchard Grid Inc. are described here in a few sentences.</p>"
        for n, title in (("1", "Business"), ("1A", "Risk Factors"), ("2", "Properties"), ("3", "Legal Proceedings"), ("4", "Mine Safety Disclosures"))
    )
    officers = "<p><b>Information About Executive Officers</b></p><p>Our executive officers are Ann Lee and Raj Patel.</p>"
    rest = "<p><b>PART II</b></p><p><b>Item 5. Market for Registrant&#8217;s Common Equity</b></p><p>Our stock trades on Nasdaq.</p>"
    document = parse_filing(f"<html><body><p><b>PART I</b></p>{items}{officers}{rest}</body></html>".encode(), form="10-K")
    top = [(s.id, s.title) for s in segment(document, form="10-K") if s.level == 1]
    assert ("other", "Information About Executive Officers") in top
    ids = [i for i, _ in top]
    assert ids.index("item_4") < ids.index("other") < ids.index("item_5")
