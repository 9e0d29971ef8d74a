"""Every document of a filing is read: exhibits inside a full submission and exhibits beside a
stored primary document, each with its own sections and offsets, named on every span; schema 2
in the database, with an upgrade of a schema-1 database."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from test_batch_support import database_url  # noqa: F401 (fixture)

from extractor.cli import main
from extractor.documents import readable
from extractor.models import FilingResult
from extractor.pipeline import process_bytes, process_file, read_documents
from extractor.sinks.sql import SqlSink
from extractor.types import Exhibit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SUBMISSION = FIXTURES / "filings" / "8k-gpu-cloud-full-submission.txt"


def _texts(path: Path) -> dict[str, str]:
    parts, _ = read_documents(path.read_bytes(), source=str(path))
    return {part.info.id: part.document.text for part in parts}


def test_every_span_names_its_document_and_slices_that_documents_text():
    result = process_file(str(SUBMISSION))
    texts = _texts(SUBMISSION)
    assert [d.id for d in result.documents] == ["8-K", "EX-10.1"] and result.documents[0].primary
    assert {s.document for s in result.sections} == {"8-K", "EX-10.1"}
    for section in result.sections:
        assert 0 <= section.start <= section.end <= len(texts[section.document])
    spans = [e for c in result.contracts for e in c.evidence]
    assert {e.document for e in spans} == {"8-K", "EX-10.1"}
    for e in spans:
        assert texts[e.document][e.start : e.end] == e.text


def test_agreement_sections_come_from_its_numbered_headings():
    result = process_file(str(SUBMISSION))
    ex10 = [(s.id, s.title) for s in result.sections if s.document == "EX-10.1"]
    assert ex10[0] == ("preamble", "Preamble")
    assert ("section_5", "Section 5. TERMINATION") in ex10


def test_text_and_sections_commands_take_a_document(capsys):
    assert main(["text", str(SUBMISSION), "--document", "ex-10.1"]) == 0
    assert capsys.readouterr().out.rstrip("\n") == _texts(SUBMISSION)["EX-10.1"]
    assert main(["sections", str(SUBMISSION)]) == 0
    out = capsys.readouterr().out
    assert "document: EX-10.1 (d412876dex101.txt)" in out and "section_5" in out
    assert main(["text", str(SUBMISSION), "--document", "EX-99.1"]) == 2
    assert "not a document of this filing (it has 8-K, EX-10.1)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "kind, body, read",
    [
        ("EX-99.1", b"<html><body><p>Press release</p></body></html>", True),
        ("EX-10.2", b"AGREEMENT\n\nThis agreement ...", True),
        ("EX-101.INS", b"<xbrl>...</xbrl>", False),
        ("GRAPHIC", b"begin 644 logo.jpg\nM_]C_X\n", False),
        ("EX-31.1", b"CERTIFICATION ...", False),
        ("EX-99.2", b"begin 644 slides.pdf\nM1234\n", False),
        ("EX-99.3", b"", False),
    ],
)
def test_which_exhibits_are_read(kind, body, read):
    assert readable(Exhibit(type=kind, sequence=2, filename="x", description=None, data=body)) is read


def test_exhibits_given_beside_the_primary_document_are_one_filing():
    body = b"<html><body><p>Item 8.01 Other Events.</p><p>On March 3, 2026 the Company issued the press release attached as Exhibit 99.1.</p></body></html>"
    release = (
        b"<html><body><p>Example Compute Announces GPU Cloud Agreement</p>"
        b"<p>AUSTIN, Texas, March 3, 2026 -- Example Compute Corp. (the Company) today announced that Nimbus AI, Inc. "
        b"has agreed to pay the Company $40 million per month for GPU cloud capacity under a compute services agreement "
        b"with an initial term of 36 months. Either party may terminate the agreement on 120 days' notice.</p></body></html>"
    )
    exhibits = (Exhibit(type="EX-99.1", sequence=None, filename="ex991.htm", description=None, data=release),)
    result = process_bytes(body, source="8k.htm", form="8-K", exhibits=exhibits)
    assert [d.id for d in result.documents] == ["8-K", "EX-99.1"]
    (contract,) = result.contracts
    assert contract.monthly_fee.amount == 40e6 and contract.term.months == 36 and contract.termination_notice.days == 120
    assert {e.document for e in contract.evidence} == {"EX-99.1"}
    assert [s.id for s in result.sections if s.document == "EX-99.1"] == ["press_release"]
    assert result.sections[-1].title == "Example Compute Announces GPU Cloud Agreement"
    # the identity covers the exhibits: the same primary with another press release is another filing
    other = process_bytes(body, source="8k.htm", form="8-K", exhibits=(exhibits[0].__class__(**{**exhibits[0].__dict__, "data": release + b" "}),))
    assert other.filing.sha256 != result.filing.sha256 != process_bytes(body, source="8k.htm", form="8-K").filing.sha256


def test_a_schema_1_database_is_upgraded_in_place(database_url):  # noqa: F811
    result = process_file(str(SUBMISSION))
    sink = SqlSink(database_url)
    sink.load_filing(result)
    with sink.engine.begin() as conn:  # make it look like a database written by schema 1
        for table, column in (("sections", "parent_id"), ("sections", "document"), ("evidence", "document")):
            conn.execute(sa.text(f'ALTER TABLE {table} DROP COLUMN "{column}"'))
    sink.close()
    upgraded = SqlSink(database_url)
    assert sorted(upgraded.added_columns) == ["evidence.document", "sections.document", "sections.parent_id"]
    with upgraded.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM sections WHERE document IS NULL")).scalar() == len(result.sections)
    upgraded.load_filing(result)  # reloading fills the new columns
    with upgraded.engine.connect() as conn:
        documents = {row[0] for row in conn.execute(sa.text("SELECT DISTINCT document FROM evidence"))}
    assert documents == {"8-K", "EX-10.1"}
    upgraded.close()
    assert SqlSink(database_url).added_columns == []  # idempotent


def test_a_version_1_result_still_reads():
    line = FilingResult.model_validate(process_file(str(SUBMISSION)).model_dump(exclude={"documents"}) | {"schema_version": 1})
    assert line.documents == [] and line.schema_version == 1


def test_fetch_with_exhibits_then_batch_gives_one_filing_of_three_documents(tmp_path):
    import json

    from fake_edgar import TEST_USER_AGENT, fixture_edgar

    store = tmp_path / "store"
    with fixture_edgar() as edgar:
        assert main(["fetch", "--sec-url", edgar.sec_url, "--data-url", edgar.data_url, "--user-agent", TEST_USER_AGENT,
                     "--store", str(store), "--cik", "1234567", "--form", "8-K", "--since", "2024-01-01", "--exhibits", "-q"]) == 0
    assert main(["batch", str(store), "--out", str(tmp_path / "out"), "--no-db", "-q", "-j", "1"]) == 0
    (line,) = (tmp_path / "out" / "filings.jsonl").read_text().splitlines()
    result = FilingResult.model_validate(json.loads(line))
    assert [d.id for d in result.documents] == ["8-K", "EX-10.1", "EX-99.1"]
    assert {s.document for s in result.sections} == {"8-K", "EX-10.1", "EX-99.1"}
    (contract,) = result.contracts
    assert contract.customer.name == "Northwind AI, Inc." and contract.monthly_fee.amount == 40e6


def test_a_deal_in_the_8k_body_and_its_press_release_is_one_contract_with_evidence_from_both():
    body = (
        b"<html><body><p><b>Item 1.01 Entry into a Material Definitive Agreement.</b></p>"
        b"<p>On March 3, 2026, Example Compute Corp. (the Company) entered into a compute services agreement with "
        b"Nimbus AI, Inc. under which Nimbus AI, Inc. has agreed to pay the Company $40 million per month for GPU cloud "
        b"capacity for an initial term of 36 months.</p></body></html>"
    )
    release = (
        b"<html><body><p>Example Compute Announces GPU Cloud Agreement with Nimbus AI</p>"
        b"<p>AUSTIN, Texas, March 3, 2026 -- Example Compute Corp. today announced that Nimbus AI, Inc. has agreed to pay "
        b"the Company $40 million per month for GPU cloud capacity of 50 MW under a compute services agreement. Either party "
        b"may terminate the agreement on 120 days' notice.</p></body></html>"
    )
    exhibits = (Exhibit(type="EX-99.1", sequence=2, filename="ex991.htm", description=None, data=release),)
    result = process_bytes(body, source="8k.htm", form="8-K", exhibits=exhibits)
    (contract,) = result.contracts
    assert contract.monthly_fee.amount == 40e6 and contract.term.months == 36  # from the 8-K body
    assert contract.termination_notice.days == 120 and contract.capacity.mw == 50  # from the press release
    assert [e.document for e in contract.evidence][0] == "8-K" and {e.document for e in contract.evidence} == {"8-K", "EX-99.1"}
