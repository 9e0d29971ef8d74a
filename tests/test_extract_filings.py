"""Fixture filings written for the project: the S-1 deal told in five sections is one
contract with evidence in each; look-alike filings give nothing."""

import pytest

from conftest import FIXTURES
from extractor.pipeline import parse_filing, process_file

FILINGS = FIXTURES / "filings"


def _result(name):
    path = FILINGS / name
    if not path.is_file():
        pytest.skip(f"fixture {name} not in this checkout")
    return process_file(str(path))


def test_the_s1_deal_is_one_contract_with_evidence_in_each_section():
    result = _result("s1-spacex-compute.htm")
    [c] = result.contracts
    assert (c.provider.name, c.provider.is_filer, c.customer.name) == ("xAI", True, "Anthropic PBC")
    assert (c.fee.amount, c.fee.period, c.monthly_fee.derived) == (1.25e9, "month", False)
    assert (c.term.end, c.termination_notice.days, c.termination_notice.party) == ("2029-05", 90, "either")
    assert (c.capacity.mw, c.facility.name, c.facility.location) == (300, "Colossus 1", "Memphis, Tennessee")
    assert [d.months for d in c.discounts] == [2] and c.total_value.amount == 40e9
    tops = {s.id: s.parent or s.id for s in result.sections}  # a level-2 section counts for its parent
    sections = {tops.get(ev.section, ev.section) for ev in c.evidence}
    assert {"prospectus_summary", "risk_factors", "mda", "business", "financial_statements"} <= sections
    assert {"overview", "note_subsequent_events"} <= {ev.section for ev in c.evidence}
    text = parse_filing((FILINGS / "s1-spacex-compute.htm").read_bytes()).text
    for ev in c.evidence:
        assert text[ev.start : ev.end] == ev.text


@pytest.mark.parametrize("name", ["lookalikes-8k.htm", "lookalikes-passage.txt"])
def test_look_alike_filings_give_nothing(name):
    assert _result(name).contracts == []


def test_gpu_cloud_8k_terms_across_paragraphs():
    [c] = _result("8k-gpu-cloud.htm").contracts
    assert c.provider.is_filer and c.customer.name == "Orbital Reasoning Labs, Inc."
    assert (c.fee.amount, c.total_value.amount, c.term.months) == (75e6, 2.7e9, 36)
    n = c.termination_notice
    assert (n.days, n.party, n.for_convenience) == (180, "either", True)
    assert (c.capacity.value, c.capacity.unit) == (20000, "GPUs")
    assert (c.renewal.options, c.renewal.months, c.prepayment.amount) == (1, 12, 225e6)


def test_process_file_takes_a_path_object_as_well_as_a_string():
    path = FIXTURES / "filings" / "8k-gpu-cloud.htm"
    by_path, by_str = process_file(path), process_file(str(path))
    assert by_path.filing.source == str(path) and by_path.model_dump() == by_str.model_dump()
