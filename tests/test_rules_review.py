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


# Finding 2: an amount without a month/quarter/year period became the total value with no total cue.
@pytest.mark.parametrize(
    "text",
    [
        "We will pay CoreWeave $30 million per week for GPU compute capacity.",
        "We will pay CoreWeave $30 million per day for GPU compute capacity.",
        "We will pay CoreWeave $30 million every two weeks for GPU compute capacity.",
        "We will pay CoreWeave a weekly fee of $30 million for GPU compute capacity.",
        "We will pay CoreWeave $30 million semi-monthly for GPU compute capacity.",
    ],
)
def test_an_amount_with_another_period_is_neither_fee_nor_total(text):
    for contract in extract(text).contracts:
        assert (contract.fee, contract.monthly_fee, contract.total_value) == (None, None, None)


def test_an_amount_without_a_total_cue_is_not_the_total():
    contract = only_contract(
        "We will pay CoreWeave $30 million per month, and paid $5 million last year, for GPU compute capacity.")
    assert (contract.fee.amount, contract.fee.period) == (30_000_000, "month")
    assert contract.total_value is None


@pytest.mark.parametrize(
    "text, amount",
    [
        ("Vireo Cloud signed a $2 billion, six-year GPU capacity contract with Larch Models.", 2e9),
        ("Under our GPU hosting agreement with Vireo Cloud, which runs through 2028, we paid $4 million last year.", None),
        ("Aggregate fees under the cloud services agreement with Vireo Cloud are expected to be about $75 million.", 75e6),
        ("Our purchase commitment for cloud hosting services over the four-year period is $6.1 million.", 6.1e6),
        ("The colocation contract with Larch Models is expected to generate $900 million in revenue over its term.", 9e8),
        ("Total consideration under our data center agreement with Vireo Cloud could exceed $12 billion.", 12e9),
    ],
)
def test_a_total_needs_a_total_cue(text, amount):
    contracts = extract(text).contracts
    got = [c.total_value.amount for c in contracts if c.total_value]
    assert got == ([amount] if amount else [])


# Finding 3: DESIGN's own example sentence gave no contract (no compute word: the AI lab is the context).
DESIGN_SENTENCE = (
    "Anthropic has agreed to pay us $1.25 billion per month through May 2029 ... either party may terminate "
    "the agreement with 90 days' notice"
)


def test_design_sentence_gives_its_contract():
    contract = only_contract(DESIGN_SENTENCE)
    assert side(contract.customer) == ("Anthropic", False)
    assert contract.provider.is_filer
    assert (contract.fee.amount, contract.fee.period, contract.monthly_fee.amount) == (1.25e9, "month", 1.25e9)
    assert contract.term.end == "2029-05"
    assert (contract.termination_notice.days, contract.termination_notice.party) == (90, "either")


@pytest.mark.parametrize(
    "text",
    [
        "Anthropic has agreed to pay us a total of $1.25 billion for a license to our patents through May 2029.",
        "Under the agreement, OpenAI will pay us an aggregate of $40 million for data labeling through 2027.",
        "Cohere may terminate the reseller agreement with 60 days' notice.",
    ],
)
def test_an_ai_lab_without_a_recurring_fee_is_no_compute_context(text):
    assert extract(text).contracts == []

