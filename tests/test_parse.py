"""Parse stage: input detection, encodings, full submissions, normalized text."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES
from extractor.errors import InputError
from extractor.parse import parse_bytes
from extractor.parse.detect import HTML, IXBRL, NC, SGML, TEXT, detect_kind
from extractor.parse.encoding import decode
from extractor.parse.sgml import split_submission, strip_pem
from extractor.types import HEADING, PARAGRAPH, TABLE_ROW

FILINGS = FIXTURES / "filings"


def html(body: str, head: str = "") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def submission(*documents: tuple[str, str], form: str = "8-K", pem: bool = False) -> bytes:
    header = (
        "<SEC-DOCUMENT>0000000000-26-000001.txt : 20260101\n<SEC-HEADER>\n"
        "ACCESSION NUMBER:\t\t0000000000-26-000001\n"
        f"CONFORMED SUBMISSION TYPE:\t{form}\nFILED AS OF DATE:\t\t20260102\n"
        "FILER:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\t\tEXAMPLE CORP\n"
        "\t\tCENTRAL INDEX KEY:\t\t\t0000123456\n</SEC-HEADER>\n"
    )
    docs = "".join(
        f"<DOCUMENT>\n<TYPE>{kind}\n<SEQUENCE>{i}\n<FILENAME>doc{i}.htm\n<TEXT>\n{body}\n</TEXT>\n</DOCUMENT>\n"
        for i, (kind, body) in enumerate(documents, 1)
    )
    text = header + docs + "</SEC-DOCUMENT>\n"
    if pem:
        escaped = "\n".join("- " + line if line.startswith("-") else line for line in text.split("\n"))
        text = (
            "-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001,MIC-CLEAR\n"
            "Originator-Name: webmaster@www.sec.gov\n\n" + escaped + "-----END PRIVACY-ENHANCED MESSAGE-----\n"
        )
    return text.encode()


# -- detection ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (html("<p>Hello</p>"), HTML),
        (b'<?xml version="1.0"?><html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body><p>x</p></body></html>', IXBRL),
        (submission(("8-K", "<html><body>x</body></html>")), SGML),
        (submission(("8-K", "plain"), pem=True), SGML),
        (b"<SUBMISSION>\r<ACCESSION-NUMBER>0001\r<TYPE>8-K\r<DOCUMENT>\r<TYPE>8-K\r<TEXT>\rx\r</TEXT>\r</DOCUMENT>\r", NC),
        (b"Anthropic has agreed to pay us $1.25 billion per month.", TEXT),
        (b"  <TABLE>\n<S> <C>\nRevenue   12\n</TABLE>\n", TEXT),  # 1990s text tables are not HTML
    ],
    ids=["html", "ixbrl", "sgml", "pem", "nc", "text", "sgml-table-text"],
)
def test_kind_comes_from_the_bytes(data, kind):
    assert detect_kind(data) == kind


def test_binary_garbage_is_refused_with_a_clear_error():
    with pytest.raises(InputError, match="binary"):
        parse_bytes(bytes(range(256)) * 40, source="junk.htm")


# -- encodings ----------------------------------------------------------------------------


def test_declared_charset_is_used():
    data = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9</p></body></html>'.encode("latin-1")
    assert parse_bytes(data).text == "Café"


def test_undeclared_utf8_is_read_as_utf8():
    assert parse_bytes(html("<p>Société Générale — 90 days’ notice</p>")).text == "Société Générale — 90 days’ notice"


def test_cp1252_bytes_fall_back_to_cp1252():
    data = b"<html><body><p>90 days\x92 notice \x96 either party</p></body></html>"
    assert parse_bytes(data).text == "90 days\u2019 notice \u2013 either party"


def test_a_wrong_declaration_does_not_garble_the_text():
    text, encoding, warnings = decode('<meta charset="utf-8"><p>caf\xe9</p>'.encode("cp1252"))
    assert "café" in text and encoding == "cp1252" and warnings


# -- normalized text ----------------------------------------------------------------------


def test_entities_and_odd_spaces_are_normalized():
    doc = parse_bytes(html("<p>$1.25&nbsp;billion&#8203; per&#160;&#160;month &amp; 90&#8239;days&#8217;</p>"))
    assert doc.text == "$1.25 billion per month & 90 days’"


def test_hidden_inline_xbrl_is_dropped():
    body = (
        '<div style="display:none"><ix:header><ix:hidden><ix:nonNumeric name="dei:DocumentType">10-K'
        "</ix:nonNumeric></ix:hidden></ix:header></div>"
        '<p>Revenue was $<ix:nonFraction name="us-gaap:Revenues">12.5</ix:nonFraction> million.</p>'
    )
    doc = parse_bytes(('<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body>' + body + "</body></html>").encode())
    assert doc.kind == IXBRL
    assert doc.text == "Revenue was $12.5 million."


def test_paragraphs_are_separated_by_blank_lines_and_offsets_slice_the_text():
    doc = parse_bytes(html("<p>First paragraph.</p><div>Second <b>paragraph</b>.</div>"))
    assert doc.text == "First paragraph.\n\nSecond paragraph."
    assert [doc.block_text(b) for b in doc.blocks] == ["First paragraph.", "Second paragraph."]
    assert all(b.kind == PARAGRAPH for b in doc.blocks)


def test_tables_become_rows_with_cells_and_money_kept_together():
    table = (
        "<table><tr><td>Fee</td><td>$</td><td>1,250</td><td>(</td><td>15</td><td>)%</td></tr>"
        "<tr><td><p>Term</p></td><td></td><td><div>44</div><div>months</div></td></tr></table>"
    )
    doc = parse_bytes(html(table))
    assert doc.text == "Fee | $1,250 | (15)%\nTerm | 44 months"
    assert [b.kind for b in doc.blocks] == [TABLE_ROW, TABLE_ROW]


def test_styled_short_lines_are_headings():
    doc = parse_bytes(html('<p align="center"><b>RISK FACTORS</b></p><p>Investing in us involves risk.</p>'))
    heading, paragraph = doc.blocks
    assert (heading.kind, heading.bold, heading.centered) == (HEADING, True, True)
    assert paragraph.kind == PARAGRAPH


def page(number: int, body: str) -> str:
    return (
        '<hr style="page-break-after:always"><p><a href="#toc">Table of Contents</a></p>'
        f"<p>Example Corp. — Prospectus</p><p>{body}</p><p align=center>{number}</p>"
    )


def test_page_furniture_is_removed_but_content_kept():
    pages = "".join(page(n, f"Body text of page {n}. Not applicable.") for n in range(1, 8))
    doc = parse_bytes(html('<p><a name="toc"></a>TABLE OF CONTENTS</p>' + pages))
    assert "Table of Contents" not in doc.text
    assert "Example Corp. — Prospectus" not in doc.text
    assert not re.search(r"(?m)^\d+$", doc.text)
    assert doc.text.count("Not applicable.") == 7
    assert "Body text of page 7." in doc.text


def test_toc_links_and_anchors_point_into_the_text():
    doc = parse_bytes(
        html('<p><a href="#rf">Risk Factors</a></p><p>Intro.</p><p><a name="rf"></a><b>RISK FACTORS</b></p><p>Body.</p>')
    )
    (link,) = doc.links
    assert doc.text[link.start : link.end] == "Risk Factors" == link.text
    assert doc.text[doc.anchors["rf"] :].startswith("RISK FACTORS")


def test_plain_text_keeps_paragraphs_and_drops_page_markers():
    text = b"ITEM 1. BUSINESS\n\nWe sell compute.\nMore text.\n\n                 12\n<PAGE>\nNext page.\n"
    doc = parse_bytes(text)
    assert doc.kind == TEXT
    assert doc.text == "ITEM 1. BUSINESS\n\nWe sell compute.\nMore text.\n\nNext page."
    assert doc.blocks[0].kind == HEADING


# -- full submissions ---------------------------------------------------------------------


def test_full_submission_picks_the_primary_document_and_keeps_exhibits():
    data = submission(
        ("EX-10.1", "<html><body><p>Lease agreement</p></body></html>"),
        ("8-K", "<html><body><p>Item 1.01 Entry into a Material Definitive Agreement</p></body></html>"),
        ("GRAPHIC", "begin 644 logo.jpg\nM_]C_X``02D9)1@`!`0$`8`!@``#_\n`\nend"),
        pem=True,
    )
    doc = parse_bytes(data)
    assert doc.kind == SGML and doc.form == "8-K"
    assert doc.text == "Item 1.01 Entry into a Material Definitive Agreement"
    assert (doc.ref.cik, doc.ref.accession, doc.ref.company, doc.ref.filed) == (
        "123456",
        "0000000000-26-000001",
        "EXAMPLE CORP",
        "2026-01-02",
    )
    assert [e.type for e in doc.exhibits] == ["EX-10.1", "GRAPHIC"]
    assert b"Lease agreement" in doc.exhibits[0].data


def test_pem_escaping_is_undone():
    data = submission(("8-K", "text\n---------- rule\nmore"), pem=True)
    assert b"- -" not in strip_pem(data)
    assert b"\n---------- rule" in split_submission(data).documents[0].body


def test_form_override_wins_over_the_header():
    assert parse_bytes(submission(("8-K", "x")), form="8-K/A").form == "8-K/A"


def test_nc_feed_format_with_bare_carriage_returns():
    data = (
        b"<SUBMISSION>\r<ACCESSION-NUMBER>0001493152-25-000001\r<TYPE>8-K\r<FILING-DATE>20250108\r"
        b"<FILER>\r<COMPANY-DATA>\r<CONFORMED-NAME>ACME INC\r<CIK>0000880984\r</COMPANY-DATA>\r</FILER>\r"
        b"<DOCUMENT>\r<TYPE>8-K\r<SEQUENCE>1\r<TEXT>\r<html><body><p>Item 5.02 Departure</p></body></html>\r"
        b"</TEXT>\r</DOCUMENT>\r</SUBMISSION>\r"
    )
    doc = parse_bytes(data)
    assert (doc.kind, doc.form, doc.ref.cik, doc.ref.filed) == (NC, "8-K", "880984", "2025-01-08")
    assert doc.text == "Item 5.02 Departure"


def test_cover_page_names_the_form_without_a_header():
    doc = parse_bytes(html("<p>UNITED STATES</p><p>Amendment No. 2 to</p><p>FORM S-1</p>"))
    assert doc.form == "S-1/A"
    assert parse_bytes(html("<p>Filed Pursuant to Rule 424(b)(4)</p>")).form == "424B4"


# -- the fixture filings ------------------------------------------------------------------


def test_fixture_full_submission_has_its_exhibit_and_graphic():
    doc = parse_bytes((FILINGS / "8k-gpu-cloud-full-submission.txt").read_bytes())
    assert doc.form == "8-K" and doc.ref.accession
    assert {"EX-10.1", "GRAPHIC"} <= {e.type for e in doc.exhibits}
    assert "begin 644" not in doc.text


def test_fixture_ixbrl_10k_starts_at_the_cover_page():
    doc = parse_bytes((FILINGS / "10k-cloud-commitment-ixbrl.htm").read_bytes())
    assert doc.kind == IXBRL and doc.form == "10-K"
    assert "FORM 10-K" in doc.text[:500]
    assert "dei:" not in doc.text and "xbrli" not in doc.text


def test_a_whitespace_only_inline_element_still_separates_words():
    doc = parse_bytes(html("<p><font>(d)</font><font size=1>&#160;&#160; </font><font>Exhibits</font></p>"))
    assert doc.text == "(d) Exhibits"


def test_ixbrl_cover_facts_fill_the_filing_ref():
    body = (
        '<div style="display:none"><ix:header><ix:hidden>'
        '<ix:nonNumeric name="dei:DocumentType" contextRef="c">10-K</ix:nonNumeric>'
        '<ix:nonNumeric name="dei:EntityCentralIndexKey" contextRef="c">0000320193</ix:nonNumeric>'
        "</ix:hidden></ix:header></div>"
        '<p>Company: <ix:nonNumeric name="dei:EntityRegistrantName" contextRef="c">Example &amp; Co.</ix:nonNumeric></p>'
    )
    doc = parse_bytes(('<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body>' + body + "</body></html>").encode())
    assert (doc.form, doc.ref.form, doc.ref.cik, doc.ref.company) == ("10-K", "10-K", "320193", "Example & Co.")
    assert doc.text == "Company: Example & Co."


def test_exhibits_are_addressable_by_type():
    doc = parse_bytes(submission(("8-K", "<p>x</p>"), ("EX-10.1", "<p>Agreement</p>")))
    assert b"Agreement" in doc.exhibit("ex-10.1").data
    assert doc.exhibit("EX-99.1") is None


def test_plain_text_in_an_html_wrapper_keeps_its_lines_and_decodes_entities():
    lines = "\n".join(f"                    Line {n} of R&amp;D text&nbsp;here" for n in range(800))
    doc = parse_bytes(f"<html><body><div>\n{lines}\n</div></body></html>".encode())
    assert doc.kind == TEXT
    assert doc.text.startswith("Line 0 of R&D text here\nLine 1 of R&D")


def test_utf16_with_a_byte_order_mark_is_read_as_html():
    page = "<html><body><p>Acme pays us $2 million per month.</p></body></html>"
    for encoding in ("utf-16", "utf-16-be"):
        data = page.encode(encoding)
        if encoding == "utf-16-be":
            data = b"\xfe\xff" + data
        document = parse_bytes(data, source="wide.htm")
        assert document.text.strip() == "Acme pays us $2 million per month."


def test_a_wide_charset_declared_on_8_bit_bytes_is_ignored():
    data = b'<html><head><meta charset="utf-16"></head><body><p>Caf\xe9 terms apply.</p></body></html>'
    document = parse_bytes(data, source="liar.htm")
    assert document.text.strip() == "Caf\u00e9 terms apply."
