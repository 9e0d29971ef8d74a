"""The four foreign-issuer and exhibit fixtures of fixtures/foreign (an 8-K full submission
with EX-10.1 and EX-99.1, a 6-K full submission, a 20-F, an F-1) against their
EXPECTED.json, written blind to the extractor by a helper who never read the rules.

Sections: every expected section (document, id, level, parent, title) comes out, the
level-1 sections exactly and in order; level-2 sections the expectations do not list
are allowed. Titles are compared with whitespace collapsed, case folded and a trailing
period or colon dropped (the run-in 'Section 12.2 Termination for Convenience.' keeps
its words, not its full stop). Where the expectation has no title (a cover page or an
agreement's preamble, which have no heading), we give the section's name.

Contracts: one per expected contract, matched by customer, with its provider and
customer (the filer's conformed name or a subsidiary the README accepts), monthly fee,
total and its currency, term end and months, notice days and party, capacity in MW, and
evidence naming the documents that state it.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import FIXTURES
from extractor.pipeline import process_file

FOREIGN = FIXTURES / "foreign"
EXPECTED = json.loads((FOREIGN / "EXPECTED.json").read_text(encoding="utf-8"))
UNTITLED = {"cover_page": "cover page", "preamble": "preamble"}  # sections with no heading of their own
# Other names the README accepts for a party: the filer's contracting subsidiaries, the parent.
ALSO_PROVIDER = {
    ("20f-neocloud.htm", "Pelagic Intelligence, Inc."): ("Auroch Compute (Malaysia) Sdn. Bhd.",),
    ("20f-neocloud.htm", "Marlowe Labs Ltd."): ("Auroch Compute Australia Pty Ltd",),
    ("f1-neocloud.htm", "Kinglet AI, Inc."): ("Skarvik Compute Holdings Ltd.",),
}
# A term end stated more precisely in one section ("March 31, 2030" in the F-1's business).
ALSO_TERM_END = {("f1-neocloud.htm", "Kinglet AI, Inc."): ("2030-03-31",)}
_SUFFIXES = {"corporation": "corp", "incorporated": "inc", "limited": "ltd", "company": "co"}
_DOCUMENT = re.compile(r"^(EX-\d+\.\d+|\d+-K|20-F|F-1)\b")

RESULTS: dict = {}


def result(name: str):
    if name not in RESULTS:
        RESULTS[name] = process_file(str(FOREIGN / name))
    return RESULTS[name]


def title_key(title: str | None) -> str | None:
    return None if title is None else " ".join(title.split()).casefold().rstrip(".:")


def name_key(name: str | None) -> str:
    words = re.sub(r"[^0-9a-z]+", " ", (name or "").casefold()).split()
    return " ".join(_SUFFIXES.get(w, w) for w in words)


def section_key(section: dict) -> tuple:
    title = section["title"] if section["title"] is not None else UNTITLED.get(section["id"])
    return (section["document"], section["id"], section["level"], section.get("parent"), title_key(title))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_level_1_sections_are_the_expected_ones_in_order(name):
    got = [section_key(s.model_dump()) for s in result(name).sections if s.level == 1]
    want = [section_key(s) for s in EXPECTED[name]["sections"] if s["level"] == 1]
    assert got == want


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_expected_level_2_section_is_found(name):
    got = {section_key(s.model_dump()) for s in result(name).sections if s.level == 2}
    want = [section_key(s) for s in EXPECTED[name]["sections"] if s["level"] == 2]
    assert [key for key in want if key not in got] == []


def expected_contracts():
    for name in sorted(EXPECTED):
        for contract in EXPECTED[name]["contracts"]:
            yield pytest.param(name, contract, id=f"{name}:{contract['customer']}")


def evidence_documents(name: str, expected: dict) -> set[str]:
    """The documents the expectation says state the contract (the primary one when it names none)."""
    named = {m.group(1) for places in expected["stated_in"].values() for place in places if (m := _DOCUMENT.match(place))}
    return named or {result(name).documents[0].id}


@pytest.mark.parametrize(("name", "expected"), list(expected_contracts()))
def test_each_expected_contract_has_its_terms_and_evidence(name, expected):
    contracts = result(name).contracts
    assert len(contracts) == len(EXPECTED[name]["contracts"])
    matches = [c for c in contracts if c.customer and name_key(c.customer.name) == name_key(expected["customer"])]
    assert len(matches) == 1, [c.customer for c in contracts]
    (contract,) = matches
    key = (name, expected["customer"])

    providers = {name_key(n) for n in (expected["provider"], expected["filer"], *ALSO_PROVIDER.get(key, ()))}
    assert name_key(contract.provider.name) in providers
    assert contract.provider.is_filer is expected["provider_is_filer"]
    assert contract.customer.is_filer is False

    monthly = expected["monthly_fee_usd"] or expected.get("monthly_fee_derived")
    if monthly is None:
        assert contract.monthly_fee is None
    else:
        assert round(contract.monthly_fee.amount) == monthly and contract.monthly_fee.currency == "USD"
        assert contract.monthly_fee.derived is (expected["monthly_fee_usd"] is None)
    if expected["fee_amount_as_stated_usd"] is not None:
        assert (contract.fee.amount, contract.fee.currency, contract.fee.period) == (
            expected["fee_amount_as_stated_usd"], "USD", expected["fee_period_as_stated"],
        )

    total = expected["total_value_usd"] or expected.get("total_value_as_stated")
    currency = expected.get("total_value_currency", "USD")
    assert (contract.total_value.amount, contract.total_value.currency) == (total, currency)

    assert contract.term.end in (expected["term_end"], *ALSO_TERM_END.get(key, ()))
    assert contract.term.months == expected["term_months"]
    if expected["termination_notice_days"] is None:
        assert contract.termination_notice is None
    else:
        notice = contract.termination_notice
        assert (notice.days, notice.party) == (expected["termination_notice_days"], expected["termination_party"])
    assert contract.capacity.mw == expected["capacity_mw"]

    assert {e.document for e in contract.evidence} == evidence_documents(name, expected)


def test_graphics_and_xbrl_of_the_8k_are_not_read():
    documents = [d.id for d in result("8k-ex99-ex10-full-submission.txt").documents]
    assert documents == ["8-K", "EX-10.1", "EX-99.1"]
