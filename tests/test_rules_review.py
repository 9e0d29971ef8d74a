"""Regression tests for the reviewer's findings on the rules (project issue #3), named after each bug."""

import pytest

from extractor.pipeline import process_bytes


def extract(text):
    return process_bytes(text.encode(), source="passage")


def only_contract(text):
    contracts = extract(text).contracts
    assert len(contracts) == 1, contracts
    return contracts[0]


def side(party):
    return party and (party.name, party.is_filer)


# Finding 1: a subject written "X, Inc." or "X, LLC" lost its name and kept only the suffix.
@pytest.mark.parametrize(
    "text, provider, customer",
    [
        ("CoreWeave, Inc. will provide us with access to GPU compute capacity for a fee of $25 million per quarter.",
         ("CoreWeave, Inc.", False), (None, True)),
        ("CoreWeave, Inc. agreed to pay us $10 million per month for GPU compute capacity.",
         (None, True), ("CoreWeave, Inc.", False)),
        ("Orbital Labs, LLC will pay us $2 million per month for GPU hosting.", (None, True), ("Orbital Labs, LLC", False)),
    ],
)
def test_subject_with_company_suffix_keeps_its_name(text, provider, customer):
    contract = only_contract(text)
    assert (side(contract.provider), side(contract.customer)) == (provider, customer)
