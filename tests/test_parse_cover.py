"""The cover page's own word on the form and the registrant (parse/cover.py)."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES
from extractor.parse import parse_bytes
from extractor.parse.cover import cover_company

FILINGS = FIXTURES / "filings"


def _key(name: str) -> str:
    """Case, punctuation and a leading 'The' do not matter when comparing names."""
    return re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("the "))


@pytest.mark.parametrize(
    "name, company",
    [
        ("s1-spacex-compute.htm", "Space Exploration Technologies Corp."),
        ("8k-gpu-cloud.htm", "KESTREL COMPUTE HOLDINGS, INC."),
        ("10q-colocation.htm", "CALYX INFERENCE CORP."),
    ],
)
def test_registrant_from_the_fixture_covers(name: str, company: str) -> None:
    assert cover_company(parse_bytes((FILINGS / name).read_bytes()).text) == company


def test_registrant_as_a_table_row_and_as_a_line() -> None:
    row = "FORM 8-K\n\nExample Holdings, Inc. | Delaware\n(Exact name of registrant as specified in its charter) | (State)"
    assert cover_company(row) == "Example Holdings, Inc."  # the cell above the one that says so
    second = "Delaware | Example Holdings, Inc.\n(State) | (Exact name of registrant as specified in its charter)"
    assert cover_company(second) == "Example Holdings, Inc."
    line = "FORM S-1\n\nFIRST EXAMPLE HOLDINGS, INC.\n\n(Exact Name of Registrant as Specified in Its Charter)"
    assert cover_company(line) == "FIRST EXAMPLE HOLDINGS, INC."


@pytest.mark.parametrize(
    "text",
    [
        "Commission File Number |\n(Exact name of registrant as specified in its charter)",  # a header row, no name
        "(Exact name of registrant as specified in its charter)",  # nothing above it
        "I.R.S. Employer |\n(Exact name of registrant as specified in its charter)",
        "A passage that mentions no cover page at all.",
        "x" * 30000 + "\nEXAMPLE INC.\n(Exact name of registrant as specified in its charter)",  # far past the cover
    ],
)
def test_no_name_without_a_cover_line(text: str) -> None:
    assert cover_company(text) is None


@pytest.mark.parametrize(
    "path",
    [
        "s-1/gopro-2014-s1a.htm",
        "s-1/twilio-2016-s1.htm",
        "s-1/unicycive-2021-s1a.htm",
        "10-k/gainsco-2010-10k.htm",
        "8-k/sophiris-bio-2016-8k.htm",
        "8-k/exelon-2005-8k-full-submission.txt",  # several registrants: a header row, no name
    ],
)
def test_registrant_matches_the_manifest(corpus_dir, corpus_manifest, path: str) -> None:
    company = next(row["company"] for row in corpus_manifest if row["path"] == path)
    found = cover_company(parse_bytes((corpus_dir / path).read_bytes()).text)
    if "exelon" in path:
        assert found is None  # the names sit below a column header; better none than a wrong one
    else:
        assert found is not None and _key(found) == _key(company)
