"""Segmenter: canonical ids per form, TOC anchors first, styled headings second, validation."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES
from extractor.cli import main
from extractor.pipeline import parse_filing, segment
from extractor.sections.forms import form_family, item_key, prospectus_id

FILINGS = FIXTURES / "filings"


def html(*paragraphs: str) -> bytes:
    return ("<html><body>" + "".join(paragraphs) + "</body></html>").encode()


def heading(text: str, anchor: str | None = None) -> str:
    name = f'<a name="{anchor}"></a>' if anchor else ""
    return f'<p align="center"><b>{name}{text}</b></p>'


def para(text: str) -> str:
    return f"<p>{text}</p>"


def top(sections) -> list[str]:
    return [s.id for s in sections if s.level == 1]


def assert_tiles(sections, text: str) -> None:
    """Level-1 sections are in order, do not overlap, and cover the text to its end."""
    level1 = [s for s in sections if s.level == 1]
    for before, after in zip(level1, level1[1:]):
        assert before.end == after.start, (before, after)
    for section in level1:
        assert section.start <= section.body_start <= section.end
    assert level1[-1].end == len(text)


# -- vocabularies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "section_id"),
    [
        ("PROSPECTUS SUMMARY", "prospectus_summary"),
        ("Risk Factors", "risk_factors"),
        ("Special Note Regarding Forward-Looking Statements", "forward_looking_statements"),
        ("Management’s Discussion and Analysis of Financial Condition and Results of Operations", "mda"),
        ("MANAGEMENT", "management"),
        ("Proposed Business", "business"),
        ("Certain Relationships and Related Party Transactions", "related_party_transactions"),
        ("Principal and Selling Stockholders", "principal_stockholders"),
        ("Material U.S. Federal Income Tax Consequences to Non-U.S. Holders", "tax_considerations"),
        ("Underwriting (Conflicts of Interest)", "underwriting"),
        ("Where You Can Find Additional Information", "where_you_can_find_more_information"),
        ("Index to Consolidated Financial Statements", "financial_statements"),
        ("PART II INFORMATION NOT REQUIRED IN PROSPECTUS", "part_ii"),
        ("Enforceability of Civil Liabilities", "enforceability_of_civil_liabilities"),
        ("Our Mission", "other"),
    ],
)
def test_prospectus_titles_map_to_canonical_ids(title, section_id):
    assert prospectus_id(title) == section_id


@pytest.mark.parametrize(
    ("title", "family", "section_id"),
    [
        ("Item 1. Business", "10-K", "item_1"),
        ("ITEM 1A.RISK FACTORS", "10-K", "item_1a"),
        ("Items 1 and 2. Business and Properties", "10-K", "item_1"),
        ("Item 9A(T). Controls and Procedures", "10-K", "item_9a"),
        ("Item 1.01 Entry into a Material Definitive Agreement", "8-K", "item_1_01"),
        ("Item 9.01Financial Statements and Exhibits", "8-K", "item_9_01"),
        ("Item 5. Other Events", "8-K", "item_5"),
    ],
)
def test_item_headings_map_to_canonical_ids(title, family, section_id):
    assert item_key(title, family)[0] == section_id


def test_form_families():
    assert [form_family(f) for f in ("S-1/A", "F-1", "424B4", "10-K405", "10-Q", "8-K/A", None)] == [
        "prospectus", "prospectus", "prospectus", "10-K", "10-Q", "8-K", "prospectus",
    ]


# -- prospectuses ---------------------------------------------------------------------------


def linked_prospectus() -> bytes:
    toc = "".join(
        f'<tr><td><a href="#s{i}">{title}</a></td><td>{i}</td></tr>'
        for i, title in enumerate(["Prospectus Summary", "Risk Factors", "Use of Proceeds", "Our Compute Business"], 1)
    )
    return html(
        heading("SUBJECT TO COMPLETION"),
        para('See “<a href="#s2">Risk Factors</a>” beginning on page 2.'),
        heading("TABLE OF CONTENTS"),
        f"<table>{toc}</table>",
        heading("PROSPECTUS SUMMARY", "s1"),
        para("This summary highlights information."),
        "<p><b>Risk Factors</b></p>",
        para("Our business is subject to risks, see “Risk Factors”."),
        heading("RISK FACTORS", "s2"),
        para("Investing in our stock is risky."),
        heading("USE OF PROCEEDS", "s3"),
        para("We will use the proceeds for data centers."),
        heading("OUR COMPUTE BUSINESS", "s4"),
        para("We rent GPUs."),
        heading("INDEX TO FINANCIAL STATEMENTS"),
        para("Balance sheets."),
        heading("PART II"),
        para("Information not required in prospectus."),
        heading("SIGNATURES"),
        para("Pursuant to the requirements."),
    )


def test_linked_toc_gives_the_top_level_sections_in_order():
    document = parse_filing(linked_prospectus())
    sections = segment(document, form="S-1")
    assert top(sections) == [
        "cover_page", "prospectus_summary", "risk_factors", "use_of_proceeds", "other",
        "financial_statements", "part_ii", "signatures",
    ]
    assert_tiles(sections, document.text)
    by_id = {s.id: s for s in sections}
    assert document.text[by_id["risk_factors"].start :].startswith("RISK FACTORS")
    summary = document.text[by_id["prospectus_summary"].body_start : by_id["prospectus_summary"].end]
    assert "Risk Factors\n\nOur business is subject to risks" in summary  # the sub-heading stays inside
    assert by_id["other"].title == "OUR COMPUTE BUSINESS"


def test_unlinked_toc_prefers_headings_styled_like_the_other_sections():
    rows = "".join(f"<tr><td>{t}</td><td>{p}</td></tr>" for t, p in [("Prospectus Summary", 1), ("Risk Factors", 4), ("Dilution", 9)])
    document = parse_filing(
        html(
            heading("TABLE OF CONTENTS"),
            f"<table>{rows}</table>",
            heading("PROSPECTUS SUMMARY"),
            para("Summary text."),
            "<p><b>Risk Factors</b></p>",
            para("A short list of risks."),
            heading("RISK FACTORS"),
            para("The full risks."),
            heading("DILUTION"),
            para("Dilution text."),
        )
    )
    sections = segment(document, form="S-1")
    assert top(sections) == ["cover_page", "prospectus_summary", "risk_factors", "dilution"]
    risk = next(s for s in sections if s.id == "risk_factors")
    assert document.text[risk.body_start : risk.end].strip() == "The full risks."


def test_without_any_toc_vocabulary_headings_in_the_common_style_are_sections():
    document = parse_filing(
        html(
            heading("PROSPECTUS"),
            para("Example Corp. offers 1,000,000 shares."),
            heading("AVAILABLE INFORMATION"),
            para("We file reports; see “Use of Proceeds” below."),
            heading("THE COMPANY"),
            para("We rent GPUs."),
            heading("USE OF PROCEEDS"),
            para("For data centers."),
            "<p><b>Experts</b> The financial statements were audited.</p>",
            heading("EXPERTS"),
            para("Auditors."),
        )
    )
    sections = segment(document, form="S-3")
    assert top(sections) == ["cover_page", "where_you_can_find_more_information", "use_of_proceeds", "experts"]
    assert_tiles(sections, document.text)
    assert "We rent GPUs." in document.text[sections[1].body_start : sections[1].end]


def test_fixture_s1_follows_its_table_of_contents():
    document = parse_filing((FILINGS / "s1-spacex-compute.htm").read_bytes())
    sections = segment(document, form=document.form)
    ids = top(sections)
    assert document.form == "S-1"
    assert ids[:4] == ["cover_page", "prospectus_summary", "risk_factors", "forward_looking_statements"]
    assert ids[-3:] == ["financial_statements", "part_ii", "signatures"]
    assert len(ids) == len(set(ids))
    assert_tiles(sections, document.text)
    summary = next(s for s in sections if s.id == "prospectus_summary")
    assert "Anthropic" in document.text[summary.body_start : summary.end]


# -- 10-K, 10-Q, 8-K ------------------------------------------------------------------------


def test_10k_items_with_combined_and_lettered_headings_and_an_unlinked_toc():
    toc = [para(f"Item {n}. {t} {p}") for n, t, p in [("1", "Business", 3), ("1A", "Risk Factors", 9), ("2", "Properties", 20), ("9A", "Controls", 30)]]
    document = parse_filing(
        html(
            para("FORM 10-K"),
            *toc,
            heading("PART I"),
            heading("Items 1 and 2. Business and Properties"),
            para("We operate data centers."),
            heading("Item 1A. Risk Factors"),
            para("Risks."),
            heading("Item 9A(T). Controls and Procedures"),
            para("Controls."),
            heading("SIGNATURES"),
            para("Signed."),
        )
    )
    sections = segment(document)
    assert document.form == "10-K"
    assert top(sections) == ["cover_page", "item_1", "item_1a", "item_9a", "signatures"]
    item_1 = sections[1]
    assert document.text[item_1.body_start : item_1.end].strip() == "We operate data centers."


def test_10q_items_take_their_part():
    document = parse_filing(
        html(
            para("FORM 10-Q"),
            heading("PART I — FINANCIAL INFORMATION"),
            heading("Item 1. Financial Statements"),
            para("Statements."),
            heading("Item 2. Management’s Discussion and Analysis"),
            para("MD&A."),
            heading("PART II — OTHER INFORMATION"),
            heading("Item 1. Legal Proceedings"),
            para("None."),
            heading("Item 1A. Risk Factors"),
            para("Risks."),
            heading("Item 6. Exhibits"),
            para("Exhibit list."),
        )
    )
    assert top(segment(document)) == [
        "cover_page", "part_i_item_1", "part_i_item_2", "part_ii_item_1", "part_ii_item_1a", "part_ii_item_6",
    ]


def test_8k_items_and_signature_and_exhibit_index():
    document = parse_filing(
        html(
            para("FORM 8-K"),
            para("Item 1.01 Entry into a Material Definitive Agreement."),
            para("On April 13, 2026 we signed a compute services agreement."),
            para("<b>Item 9.01 Financial Statements and Exhibits.</b>"),
            para("(d) Exhibits"),
            heading("SIGNATURE"),
            para("Pursuant to the requirements of the Securities Exchange Act of 1934."),
            heading("EXHIBIT INDEX"),
            para("10.1 Compute Services Agreement"),
        )
    )
    sections = segment(document)
    assert top(sections) == ["cover_page", "item_1_01", "item_9_01", "signatures", "exhibits"]
    assert_tiles(sections, document.text)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("8k-gpu-cloud.htm", ["cover_page", "item_1_01", "item_9_01", "signatures"]),
        ("8k-gpu-cloud-full-submission.txt", ["cover_page", "item_1_01", "item_9_01", "signatures"]),
        ("lookalikes-8k.htm", ["cover_page", "item_1_01", "item_2_03", "item_9_01", "signatures"]),
        (
            "10q-colocation.htm",
            ["cover_page"]
            + [f"part_i_item_{n}" for n in ("1", "2", "3", "4")]
            + [f"part_ii_item_{n}" for n in ("1", "1a", "2", "3", "4", "5", "6")]
            + ["signatures"],
        ),
    ],
)
def test_fixture_filings_give_their_items(name, expected):
    document = parse_filing((FILINGS / name).read_bytes())
    sections = segment(document)
    assert top(sections) == expected
    assert_tiles(sections, document.text)


def test_fixture_10k_has_every_item_once_in_order():
    document = parse_filing((FILINGS / "10k-cloud-commitment-ixbrl.htm").read_bytes())
    ids = top(segment(document))
    items = [i for i in ids if i.startswith("item_")]
    assert items[:4] == ["item_1", "item_1a", "item_1b", "item_1c"] and items[-1] == "item_16"
    assert len(items) == len(set(items))
    assert ids[-1] == "signatures"


# -- plain text and the CLI -----------------------------------------------------------------


def test_a_plain_passage_is_one_body_section():
    document = parse_filing((FILINGS / "passage-spacex.txt").read_bytes())
    assert [(s.id, s.level, s.start, s.end) for s in segment(document)] == [("body", 1, 0, len(document.text))]


def test_sections_json_is_the_design_shape(capsys):
    path = str(FILINGS / "8k-gpu-cloud.htm")
    assert main(["sections", "--json", path]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["form"] == "8-K"
    assert [set(s) for s in payload["sections"]] == [{"id", "title", "level", "start", "end", "parent", "document", "text"}] * len(payload["sections"])
    assert {s["document"] for s in payload["sections"]} == {"8-K"} and [d["id"] for d in payload["documents"]] == ["8-K"]
    item = next(s for s in payload["sections"] if s["id"] == "item_1_01")
    assert not item["text"].startswith("Item 1.01")  # the body, heading excluded
    assert main(["text", path]) == 0
    text = capsys.readouterr().out
    assert text[item["start"] :].startswith("Item 1.01")


def test_form_option_overrides_detection(capsys):
    path = str(FILINGS / "passage-spacex.txt")
    assert main(["sections", "--json", "--form", "8-K", path]) == 0
    assert json.loads(capsys.readouterr().out)["form"] == "8-K"
