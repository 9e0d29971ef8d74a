"""Extraction from plain-text passages: the motivating disclosure, several contracts,
look-alikes, and the evidence contract (every span slices the document text)."""

import pytest

from extractor.pipeline import parse_filing, process_bytes, segment
from extractor.rules import extract_contracts

DEAL = (
    'Anthropic PBC ("Anthropic") has agreed to pay xAI, a SpaceX company, $1.25 billion per month for the entire '
    "compute output of the Colossus 1 data center near Memphis, Tennessee (300 megawatts) through May 2029, at a "
    "discounted rate for the first two months while the capacity ramps up. Either party may terminate the agreement "
    "with 90 days' notice. The deal could bring in over $40 billion."
)


def extract(text):
    return process_bytes(text.encode(), source="passage")


def assert_evidence_checkable(result, text):
    for contract in result.contracts:
        assert contract.evidence
        for ev in contract.evidence:
            assert text[ev.start : ev.end] == ev.text
            assert ev.section == "body"
        for name in ("fee", "monthly_fee", "total_value", "term", "termination_notice", "capacity", "facility"):
            value = getattr(contract, name)
            if value is not None:
                ev = value.evidence
                assert text[ev.start : ev.end] == ev.text
                for piece in value.text.split(" ... "):
                    assert piece in ev.text or piece in " ".join(e.text for e in contract.evidence)


def test_the_motivating_disclosure():
    result = extract(DEAL)
    [c] = result.contracts
    assert c.kind == "compute_services"
    assert (c.provider.name, c.provider.is_filer) == ("xAI", True)
    assert (c.customer.name, c.customer.is_filer) == ("Anthropic PBC", False)
    assert (c.fee.amount, c.fee.currency, c.fee.period, c.fee.qualifier) == (1.25e9, "USD", "month", None)
    assert (c.monthly_fee.amount, c.monthly_fee.derived) == (1.25e9, False)
    assert (c.total_value.amount, c.total_value.qualifier) == (40e9, "over")
    assert (c.term.start, c.term.end, c.term.months) == (None, "2029-05", None)
    assert (c.termination_notice.days, c.termination_notice.party) == (90, "either")
    assert (c.capacity.value, c.capacity.unit, c.capacity.mw) == (300, "MW", 300)
    assert (c.facility.name, c.facility.location) == ("Colossus 1", "Memphis, Tennessee")
    assert [d.months for d in c.discounts] == [2]
    assert c.prepayment is None and c.renewal is None
    assert 0.5 < c.confidence <= 1
    assert_evidence_checkable(result, DEAL)
    assert len(c.evidence) == 3


def test_ids_are_stable_and_depend_on_the_filing():
    first, again = extract(DEAL), extract(DEAL)
    assert first.contracts[0].id == again.contracts[0].id
    assert first.contracts[0].id.startswith("c-") and len(first.contracts[0].id) == 14
    assert extract(DEAL + "\n\nAnother paragraph.").contracts[0].id != first.contracts[0].id


def test_yearly_fee_gives_a_derived_monthly_fee():
    text = ("We entered into a cloud services agreement with Amazon Web Services under which we must purchase "
            "at least $120 million of services per year for a five-year term.")
    [c] = extract(text).contracts
    assert (c.fee.amount, c.fee.period, c.fee.qualifier) == (120e6, "year", "at least")
    assert (c.monthly_fee.amount, c.monthly_fee.derived) == (10e6, True)
    assert c.term.months == 60
    assert (c.provider.name, c.customer.is_filer) == ("Amazon Web Services", True)
    assert c.kind == "cloud_commitment"


def test_we_buy_versus_we_sell():
    buy = extract("We agreed to purchase GPU compute capacity from Nimbus Grid for $9 million per month through 2028.")
    sell = extract("Halvard Labs has agreed to pay us $9 million per month for dedicated GPU capacity through 2028.")
    [b], [s] = buy.contracts, sell.contracts
    assert b.customer.is_filer and b.provider.name == "Nimbus Grid"
    assert s.provider.is_filer and s.customer.name == "Halvard Labs"


def test_two_contracts_in_one_passage_stay_apart():
    text = (
        "We committed to spend $300 million with Azure cloud over five years.\n\n"
        "Separately, we provide Halvard Labs, Inc. with dedicated GPU capacity at our data center. "
        "Halvard pays us $40 million per month under that agreement, which runs through December 2027. "
        "Halvard may terminate the agreement on 60 days' notice after June 2027."
    )
    result = extract(text)
    assert len(result.contracts) == 2
    cloud, gpu = result.contracts
    assert cloud.total_value.amount == 300e6 and cloud.term.months == 60 and cloud.fee is None
    assert gpu.fee.amount == 40e6 and gpu.term.end == "2027-12"
    assert (gpu.termination_notice.days, gpu.termination_notice.party) == (60, "customer")
    assert gpu.termination_notice.condition == "after June 2027"
    assert gpu.customer.name == "Halvard Labs, Inc."
    assert_evidence_checkable(result, text)


def test_two_deals_in_one_sentence_are_split():
    text = ("Tundra said that, besides its earlier deal to spend $200 million a year on Google cloud services, "
            "the company is spending $900 million over the next four years with Amazon Web Services.")
    result = extract(text)
    assert len(result.contracts) == 2
    google, aws = result.contracts
    assert (google.fee.amount, google.fee.period, google.provider.name) == (200e6, "year", "Google")
    assert (aws.total_value.amount, aws.term.months, aws.provider.name) == (900e6, 48, "Amazon Web Services")


@pytest.mark.parametrize(
    "text",
    [
        "We entered into a $500 million revolving credit facility that matures in 2029 with a commitment fee of "
        "$0.2 million per month for our data center build-out.",
        "Our headquarters office lease requires monthly rent of $85,000 and either party may terminate it on 90 days' notice.",
        "Our directors and executive officers agreed to a 180-day lock-up with the underwriters.",
        "Under his employment agreement, our Chief Technology Officer may resign on 30 days' notice.",
        "We entered into a power purchase agreement for up to 150 MW of electricity for 15 years at our data center.",
        "We agreed to purchase 2,500 GPU servers from Arcwell Systems for approximately $1.1 billion.",
        "We entered into a construction contract for our 200 MW data center campus for approximately $900 million.",
        "The merger agreement requires us to pay a termination fee of $300 million if the cloud deal is terminated.",
        "Revenue from our cloud business was approximately $12 million per month in the fourth quarter.",
        "If we were to enter into capacity agreements with large cloud customers in the future, those customers could "
        "terminate on short notice.",
    ],
)
def test_look_alikes_give_nothing(text):
    assert extract(text).contracts == []


def test_nothing_in_text_without_compute_context():
    assert extract("The weather was fine and we paid $5 per month for newspapers.").contracts == []


def test_rule_traces_only_with_the_debug_flag():
    document = parse_filing(DEAL.encode())
    sections = segment(document)
    _, quiet = extract_contracts(document, sections)
    _, traced = extract_contracts(document, sections, debug=True)
    assert quiet == []
    assert traced and "money-symbol-001" in traced[0] and "period-month-001" in traced[0]


def test_a_second_agreement_in_the_same_sentence_is_its_own_contract():
    text = ("We signed a three-year agreement to supply 40 MW of compute capacity to Helix Bio, Inc. for total "
            "consideration of $1.8 billion, and we entered into a 10-year lease with Haldane Data Centers Corp. for "
            "the 60 MW facility that houses it.")
    supply, lease = extract(text).contracts
    assert supply.provider.is_filer and supply.customer.name == "Helix Bio, Inc."
    assert (supply.total_value.amount, supply.term.months, supply.capacity.mw) == (1.8e9, 36, 40)
    assert lease.customer.is_filer and lease.provider.name == "Haldane Data Centers Corp."
    assert (lease.total_value, lease.term.months, lease.capacity.mw) == (None, 120, 60)


def test_amounts_in_thousands_are_scaled():
    text = ("Future minimum payments under our non-cancelable cloud hosting agreement with Amazon Web Services were "
            "as follows (in thousands): 2027 $ 40,000 2028 44,000 Total $ 84,000")
    [c] = extract(text).contracts
    assert (c.total_value.amount, c.provider.name, c.customer.is_filer) == (84_000_000, "Amazon Web Services", True)


def test_unit_prices_and_redacted_amounts_are_not_values():
    text = ("Under the colocation agreement with Brightgrid, the tenant pays $140 per kW per month for 50 MW "
            "of critical IT load, and a minimum annual commitment of $[***], over a ten-year term.")
    [c] = extract(text).contracts
    assert c.fee is None and c.monthly_fee is None and c.total_value is None
    assert (c.capacity.mw, c.term.months) == (50, 120)


@pytest.mark.parametrize(
    "text, months, fee",
    [
        ("Orvis pays a monthly fee of $1.5 billion under its GPU compute agreement with Brightgrid, with a lower rate "
         "during an initial ramp period of two months.", 2, 1.5e9),
        ("Under the colocation agreement, fees are reduced by 40% during a six-month ramp period, after which the "
         "customer pays the full monthly fee of $22 million for the three-year term.", 6, 22e6),
        ("Under the GPU cloud agreement the customer pays a reduced fee of $2 million per month for the first three "
         "months, increasing to $3.5 million per month thereafter.", 3, 3.5e6),
    ],
)
def test_discount_windows_and_the_full_rate(text, months, fee):
    [c] = extract(text).contracts
    assert [d.months for d in c.discounts] == [months]
    assert c.fee.amount == fee
