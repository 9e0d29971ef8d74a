"""Foreign private issuers' forms: a 6-K whose substance is its EX-99.1, an F-1 with a linked
table of contents and its own sections, a 20-F's items (on the corpus's real 20-F)."""

from __future__ import annotations

import pytest

from extractor.pipeline import process_bytes, read_documents, segment

SIX_K = """<SEC-DOCUMENT>0001999999-26-000012.txt : 20260302
<SEC-HEADER>0001999999-26-000012.hdr.sgml : 20260302
ACCESSION NUMBER:\t\t0001999999-26-000012
CONFORMED SUBMISSION TYPE:\t6-K
PUBLIC DOCUMENT COUNT:\t\t2
FILED AS OF DATE:\t\t20260302
FILER:
\tCOMPANY DATA:
\t\tCOMPANY CONFORMED NAME:\t\t\tPolder Compute N.V.
\t\tCENTRAL INDEX KEY:\t\t\t0001999999
</SEC-HEADER>
<DOCUMENT>
<TYPE>6-K
<SEQUENCE>1
<FILENAME>d6k.htm
<DESCRIPTION>FORM 6-K
<TEXT>
<html><body>
<p style="text-align:center"><b>UNITED STATES<br>SECURITIES AND EXCHANGE COMMISSION</b></p>
<p style="text-align:center"><b>FORM 6-K</b></p>
<p style="text-align:center"><b>REPORT OF FOREIGN PRIVATE ISSUER PURSUANT TO RULE 13a-16 OR 15d-16 UNDER THE SECURITIES EXCHANGE ACT OF 1934</b></p>
<p>For the month of March 2026</p><p>Commission File Number: 001-99999</p>
<p style="text-align:center"><b>Polder Compute N.V.</b></p>
<p>Indicate by check mark whether the registrant files or will file annual reports under cover of Form 20-F or Form 40-F.</p>
<p>Form 20-F &#9746; Form 40-F &#9744;</p>
<p>On March 2, 2026, Polder Compute N.V. issued the press release furnished as Exhibit 99.1 to this report on Form 6-K.</p>
<p style="text-align:center"><b>EXHIBIT INDEX</b></p>
<table><tr><td>99.1</td><td>Press release dated March 2, 2026</td></tr></table>
<p style="text-align:center"><b>SIGNATURES</b></p>
<p>Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused this report to be signed.</p>
</body></html>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>dex991.htm
<DESCRIPTION>PRESS RELEASE
<TEXT>
<html><body>
<p style="text-align:center"><b>Polder Compute Signs Five-Year GPU Cloud Contract with Fjordline AI</b></p>
<p>AMSTERDAM, March 2, 2026 /GLOBE NEWSWIRE/ -- Polder Compute N.V. (NASDAQ: PLDR) today announced that Fjordline AI Ltd. has agreed to pay Polder Compute a total of approximately &#8364;1.8 billion over a five-year term for dedicated GPU cloud capacity of 120 MW at its Eemshaven campus, starting in the third quarter of 2026.</p>
<p><b>About Polder Compute</b></p><p>Polder Compute builds and operates GPU clouds in Northern Europe.</p>
</body></html>
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def test_a_6k_gives_its_wrapper_sections_and_the_deal_from_its_exhibit():
    result = process_bytes(SIX_K.encode(), source="6k.txt")
    assert result.filing.form == "6-K" and [d.id for d in result.documents] == ["6-K", "EX-99.1"]
    six_k = [s.id for s in result.sections if s.document == "6-K"]
    assert six_k == ["cover_page", "body", "exhibits", "signatures"]
    release = [s for s in result.sections if s.document == "EX-99.1"]
    assert [(s.id, s.title) for s in release] == [("press_release", "Polder Compute Signs Five-Year GPU Cloud Contract with Fjordline AI")]
    (contract,) = result.contracts
    assert contract.total_value.amount == 1.8e9 and contract.total_value.currency == "EUR"
    assert contract.term.months == 60 and contract.capacity.mw == 120
    assert contract.customer.name == "Fjordline AI Ltd." and contract.provider.is_filer
    assert {e.document for e in contract.evidence} == {"EX-99.1"}


_F1_SECTIONS = [
    ("prospectus_summary", "Prospectus Summary"),
    ("risk_factors", "Risk Factors"),
    ("presentation_of_financial_information", "Presentation of Financial and Other Information"),
    ("exchange_rate_information", "Exchange Rate Information"),
    ("use_of_proceeds", "Use of Proceeds"),
    ("enforceability_of_civil_liabilities", "Enforceability of Civil Liabilities"),
    ("corporate_history_and_structure", "Corporate History and Structure"),
    ("business", "Business"),
    ("regulation", "Regulation"),
    ("taxation", "Taxation"),
    ("underwriting", "Underwriting"),
    ("expenses_of_the_offering", "Expenses of the Offering"),
    ("legal_matters", "Legal Matters"),
]


def _f1() -> bytes:
    toc = "".join(
        f'<tr><td><a href="#toc_{n}">{title}</a></td><td>{n + 1}</td></tr>' for n, (_, title) in enumerate(_F1_SECTIONS)
    )
    body = "".join(
        f'<p style="page-break-before:always"></p><p id="toc_{n}" style="text-align:center"><b>{title.upper()}</b></p>'
        f"<p>This is the {title.lower()} section of the prospectus of Tundra Cloud Holdings Limited. "
        + ("Under our compute services agreement, Lumen Reasoning Inc. has agreed to pay us $22 million per month through June 2030. " if title == "Business" else "")
        + "It runs for several sentences, as such sections do, with facts about the offering.</p>" * 3
        for n, (_, title) in enumerate(_F1_SECTIONS)
    )
    return (
        "<html><body><p style='text-align:center'><b>PRELIMINARY PROSPECTUS</b></p>"
        "<p style='text-align:center'><b>Tundra Cloud Holdings Limited</b></p><p>20,000,000 American Depositary Shares</p>"
        f"<p style='text-align:center'><b>TABLE OF CONTENTS</b></p><table>{toc}</table>{body}</body></html>"
    ).encode()


def test_an_f1_gives_its_own_sections_from_its_linked_table_of_contents():
    result = process_bytes(_f1(), source="f1.htm", form="F-1")
    top = [(s.id, s.title) for s in result.sections if s.level == 1 and s.id != "cover_page"]
    assert top == [(sid, title.upper()) for sid, title in _F1_SECTIONS]
    (contract,) = result.contracts
    assert contract.monthly_fee.amount == 22e6 and contract.term.end == "2030-06"
    assert {e.section for e in contract.evidence} == {"business"}


@pytest.mark.corpus
def test_the_20f_items(corpus_dir):
    path = corpus_dir / "20-f" / "aegon-2001-20f.htm"
    parts, _ = read_documents(path.read_bytes(), source=str(path))
    ids = [s.id for s in segment(parts[0].document, form=parts[0].form) if s.level == 1]
    assert ids[0] == "cover_page" and ids[-1] == "signatures"
    assert [i for i in ids if i.startswith("item_")][:6] == ["item_1", "item_2", "item_3", "item_4", "item_5", "item_6"]
    assert "item_19" in ids


def test_20f_item_ids_past_16d():
    from extractor.sections.forms import item_key

    assert item_key("Item 16G. Corporate Governance", "10-K")[0] == "item_16g"
    assert item_key("Item 4A. Unresolved Staff Comments", "10-K")[0] == "item_4a"
    assert item_key("Item 5 Operating and Financial Review and Prospects", "10-K")[0] == "item_5"
    assert item_key("Item 7E. Something", "10-K") is None  # letters past D belong to Item 16 only
