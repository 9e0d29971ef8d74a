"""Issue 10's phenomena, one test each, on sentences written for these tests: paragraph frames,
roles from verbs, role nouns, enumerations, tables read as tables, totals over a term,
currencies, dates and the new look-alike vetoes."""

from __future__ import annotations

import dataclasses

import pytest

from extractor import pipeline

FILER = "Orion Compute, Inc."


def contracts_of(text: str, filer: str = FILER):
    document = pipeline.parse_filing(text.encode("utf-8"), source="test")
    document = dataclasses.replace(document, ref=dataclasses.replace(document.ref, company=filer))
    contracts, _ = pipeline.extract(document, pipeline.segment(document, form=document.form))
    return contracts


def one(text: str, filer: str = FILER):
    found = contracts_of(text, filer)
    assert len(found) == 1, [c.model_dump(include={"provider", "customer", "fee", "total_value"}) for c in found]
    return found[0]


def test_facts_in_later_sentences_fill_the_agreement_the_paragraph_opened():
    c = one("In March 2026, we entered into a cloud services agreement with Helix Intelligence, an AI research "
            "laboratory, for access to compute capacity at our Abilene campus. The customer has agreed to pay us "
            "$1.25 billion per month through May 2029. Either party may terminate the agreement with 90 days' notice.")
    assert (c.provider.name, c.provider.is_filer, c.customer.name) == (FILER, True, "Helix Intelligence")
    assert (c.monthly_fee.amount, c.term.end) == (1_250_000_000, "2029-05")
    assert (c.termination_notice.days, c.termination_notice.party) == (90, "either")


def test_a_sentence_without_an_agreement_does_not_take_later_figures():
    assert contracts_of("We derive revenue from usage-based fees of our cloud platform. In the six months ended "
                        "June 30, 2026, usage-based fees were 81% of revenue.") == []


@pytest.mark.parametrize("text, customer", [
    ("Our customer, Veridian Systems Corp., has committed to pay us $22 million per month for GPU cloud capacity "
     "through June 2027.", "Veridian Systems Corp."),
    ("Microsoft Corporation (the \"Customer\") will pay us $900 million per quarter for GPU cloud capacity through 2030.",
     "Microsoft Corporation"),
    ("We signed a GPU capacity agreement with Tallis Robotics LLC. Under the agreement, the counterparty will pay us "
     "$9 million per month through 2028.", "Tallis Robotics LLC"),
])
def test_role_nouns_and_defined_terms_name_the_customer(text, customer):
    c = one(text)
    assert c.customer.name == customer and c.provider.is_filer


def test_a_new_sentence_after_inc_is_not_part_of_the_name():
    c = one("On April 2, 2026, the Company signed a master services agreement with Nimbus AI, Inc. Nimbus AI will pay "
            "us $310 million per month for dedicated GPU clusters through December 2028.")
    assert c.customer.name == "Nimbus AI, Inc."


@pytest.mark.parametrize("text, provider, customer", [
    ("The total commitment covers GPU compute capacity provided by us to Lumen AI SE for $40 million per month.",
     FILER, "Lumen AI SE"),
    ("Kairo Labs has committed to purchase approximately $2.2 billion of dedicated GPU capacity from us over about "
     "five years.", FILER, "Kairo Labs"),
    ("A fixed monthly fee of $48,000,000 is payable to us under our dedicated capacity agreement with Anthropic, PBC "
     "for GPU capacity.", FILER, "Anthropic"),
])
def test_roles_come_from_the_verb(text, provider, customer):
    c = one(text)
    assert c.provider.name == provider and customer in c.customer.name


def test_a_brand_before_a_product_is_not_a_party():
    c = one("We entered into a GPU cloud agreement with Pelion Robotics, Inc. covering 4,096 NVIDIA GB300 GPUs, under "
            "which Pelion Robotics will pay us $30 million per month through 2029.")
    assert c.customer.name.startswith("Pelion Robotics") and c.provider.is_filer


def test_enumerated_agreements_stay_apart_with_their_own_parties_and_notice():
    found = contracts_of(
        "We entered into two GPU capacity agreements on June 5, 2026. Under the first, Atlas AI will pay us $40 million "
        "per month through 2028, and may terminate on 60 days' notice. Under the second, we will purchase overflow "
        "compute capacity from Borealis Cloud Ltd. for $5 million per month through 2027; Borealis may terminate on "
        "30 days' notice.")
    assert [(c.provider.name, c.customer.name, c.monthly_fee.amount) for c in found] == [
        (FILER, "Atlas AI", 40_000_000), ("Borealis Cloud Ltd.", FILER, 5_000_000)]
    assert found[1].termination_notice.party == "provider"


@pytest.mark.parametrize("text, total, months", [
    ("Pinnacle Cloud signed a $14.2 billion, five-year contract with Meta for AI cloud capacity.", 14.2e9, 60),
    ("The GPU compute agreement is worth approximately $9.7 billion over five years through 2031.", 9.7e9, 60),
    ("We expect approximately $11.9 billion in contracted revenue over the five-year term of the GPU services "
     "agreement with OpenAI.", 11.9e9, 60),
    ("Vantor agreed to provide GPU compute capacity to Sable AI for approximately $300 billion over about five years.",
     300e9, 60),
])
def test_totals_over_a_term(text, total, months):
    c = one(text)
    assert (c.total_value.amount, c.term.months) == (total, months)


def test_a_total_paid_monthly_is_a_total_not_a_monthly_fee():
    c = one("The total commitment of €2.0 billion, payable monthly over 48 months, covers GPU compute capacity "
            "provided by us to Lumen AI SE.")
    assert c.fee is None and c.monthly_fee is None
    assert (c.total_value.amount, c.total_value.currency, c.term.months) == (2e9, "EUR", 48)


def test_monthly_service_fees_for_an_initial_term_in_words_and_figures():
    c = one("Quanta Labs LLC will pay us monthly service fees of $48,000,000 for an initial term of twenty-four (24) "
            "months for GPU compute capacity.")
    assert (c.monthly_fee.amount, c.term.months) == (48_000_000, 24)


@pytest.mark.parametrize("stated, currency", [("A$5 million", "AUD"), ("C$5 million", "CAD"), ("¥500 million", "JPY"),
                                              ("CHF 5 million", "CHF"), ("£5 million", "GBP"), ("HK$5 million", "HKD")])
def test_every_currency_is_kept_as_stated(stated, currency):
    c = one(f"Halvard AI agreed to pay us {stated} per month for GPU cloud capacity through June 2029.")
    assert c.monthly_fee.currency == currency and c.fee.currency == currency


@pytest.mark.parametrize("stated, end", [("June 31, 2029", "2029-06"), ("December 31st, 2029", "2029-12-31"),
                                         ("31 December 2029", "2029-12-31"), ("2029-12-31", "2029-12-31")])
def test_term_end_dates_are_read_and_checked(stated, end):
    c = one(f"Halvard AI agreed to pay us $5 million per month for GPU cloud capacity through {stated}.")
    assert c.term.end == end


def test_an_amendment_extending_the_term_ends_it_at_the_new_date():
    c = one("On April 2, 2026, we and Juniper Reasoning Corp. amended our GPU services agreement to extend its "
            "expiration from December 31, 2027 to December 31, 2030; Juniper pays us $8 million per month.")
    assert c.term.end == "2030-12-31"


KEY_VALUE = """<p>On May 4, 2026, we entered into a GPU capacity agreement with Nimbus AI, Inc. Its principal terms:</p>
<table><tr><td>Counterparty</td><td>Nimbus AI, Inc.</td></tr>
<tr><td>Contracted capacity</td><td>120 MW of critical IT load</td></tr>
<tr><td>Monthly fee</td><td>$48.0 million</td></tr>
<tr><td>Term</td><td>Five years, ending June 30, 2031</td></tr>
<tr><td>Termination</td><td>Either party, upon 180 days&#8217; written notice</td></tr></table>"""

CONTRACT_TABLE = """<p>Our GPU cloud capacity contracts with customers as of December 31, 2025 (dollars in millions):</p>
<table><tr><td>Customer</td><td>Contracted capacity (MW)</td><td>Monthly fee</td><td>Term end</td></tr>
<tr><td>Atlas AI, Inc.</td><td>150</td><td>$62.5</td><td>March 2030</td></tr>
<tr><td>Borealis Labs LLC</td><td>80</td><td>$31.0</td><td>June 2029</td></tr></table>"""


def test_a_key_value_term_sheet_is_one_contract_with_each_row_as_evidence():
    c = one(KEY_VALUE)
    assert (c.provider.name, c.customer.name) == (FILER, "Nimbus AI, Inc.")
    assert (c.monthly_fee.amount, c.term.end, c.term.months, c.capacity.mw) == (48e6, "2031-06-30", 60, 120)
    assert (c.termination_notice.days, c.termination_notice.party) == (180, "either")
    assert c.monthly_fee.evidence.text.startswith("Monthly fee | ")


def test_a_contract_table_gives_a_contract_per_row_with_the_captions_scale():
    found = contracts_of(CONTRACT_TABLE)
    assert [(c.customer.name, c.monthly_fee.amount, c.capacity.mw, c.term.end) for c in found] == [
        ("Atlas AI, Inc.", 62.5e6, 150, "2030-03"), ("Borealis Labs LLC", 31e6, 80, "2029-06")]


@pytest.mark.parametrize("text", [
    "We entered into a five-year maintenance services agreement covering the liquid cooling at our 200 MW campus. "
    "We pay a fixed fee of $1.3 million per month and may terminate on 60 days' notice.",
    "In 2026 we sold 6,000 NVIDIA H100 GPUs to a lessor and leased the equipment back for 30 months at $8.1 million "
    "per month under a finance lease.",
    "We are in advanced negotiations with an AI company for a ten-year lease of up to 200 MW, which, if executed, "
    "could bring $5 billion of revenue over its term.",
    "We license GPU cluster orchestration software for our 45,000 GPUs; subscription fees are $4.2 million per year, "
    "and we may cancel on 90 days' notice.",
    "Under the supply agreement, the vendor shall allocate to us 8,000 GPUs per quarter during 2026, and we shall "
    "place binding purchase orders 120 days in advance.",
    "We entered into an asset purchase agreement to sell 10,240 H100 GPUs to Tessera Minds for an aggregate purchase "
    "price of $725 million, payable over 30 months.",
])
def test_new_look_alikes_give_nothing(text):
    assert contracts_of(text) == []


@pytest.mark.parametrize("text", [
    # the look-alike agreement's later sentences are its own terms, not a compute contract's
    "In 2026 we executed an electric service agreement with Mesa Verde Electric Cooperative, Inc. for up to 250 MW of "
    "load at our campus. Under the agreement, we paid $40 million toward a new substation, and the first 100 MW is "
    "expected to be energized in 2027. The agreement has an initial term of twelve years.",
    "Orion Compute, Inc. has entered into a twelve-year renewable power agreement with Fjordkraft Energi AS covering "
    "60 MW for its data center in Norway. The agreement secures power for the planned expansion to serve AI customers.",
    "Orion Compute, Inc. today announced a non-binding letter of intent with Kestrel Frontier AI, Inc. to negotiate "
    "definitive agreements for up to 150 MW of AI data center capacity. The letter of intent contemplates a term of "
    "ten years.",
    "Orion Compute, Inc. has signed an agreement with Bramble Systems Integration Ltd to acquire 512 liquid-cooled GPU "
    "server systems for approximately $410 million, payable on delivery.",
    "In May 2026 we entered into a facilities management agreement with Tolland Critical Services, Inc. Tolland "
    "provides on-site operations and security staffing at our data centers for a fee of $380,000 per month through "
    "2028. Either party may terminate the agreement on 60 days' notice.",
    # a fleet's size is no contract
    "Fourth quarter revenue was $410 million, of which GPU cloud revenue was $388 million. Contracted power increased "
    "to 900 MW, of which 320 MW was active.",
    # a table whose introduction names a look-alike
    "<p>To supply our AI campuses we have entered into the following power purchase agreements:</p><table>"
    "<tr><th>Counterparty</th><th>Contracted capacity (MW)</th><th>Term</th></tr>"
    "<tr><td>Dry Creek Solar LLC</td><td>120</td><td>15 years</td></tr></table>",
])
def test_look_alike_agreements_and_their_later_sentences_give_nothing(text):
    assert contracts_of(text) == []


def test_computing_power_services_are_compute():
    c = one("Orion Compute, Inc. has entered into a GPU computing power services agreement with Lanting Data Co., Ltd. "
            "Under the agreement, the Company will provide Lanting with computing power from 300 GPU servers for a term "
            "of three years. The total contract value is approximately US$190 million.")
    assert (c.customer.name, c.total_value.amount, c.term.months) == ("Lanting Data Co., Ltd.", 190e6, 36)


def test_a_second_agreement_with_its_own_counterparty_is_its_own_contract():
    found = contracts_of(
        "We have compute agreements with two providers.\n\n"
        "Under our agreement with Tamsin Cloud, Inc. we have reserved 2,000 NVIDIA H200 GPUs through December 2027 at "
        "a cost of approximately $3.1 million per month.\n\n"
        "Under our agreement with Larch Peak Computing LLC (\"Larch Peak\"), entered into in May 2026, we will receive "
        "10 MW of dedicated capacity for four years, with total committed spend of $820 million.")
    assert sorted((c.provider.name, c.monthly_fee and c.monthly_fee.amount, c.total_value and c.total_value.amount)
                  for c in found) == [("Larch Peak Computing LLC", None, 820e6), ("Tamsin Cloud, Inc.", 3.1e6, None)]


def test_separately_opens_a_new_deal_after_one_with_its_own_terms():
    found = contracts_of(
        "We committed to spend $200 million with Azure cloud over four years.\n\n"
        "Separately, we provide Quillon Labs, Inc. with dedicated GPU capacity at our data center. Quillon pays us $30 "
        "million per month under that agreement, which runs through March 2028.")
    assert len(found) == 2


@pytest.mark.parametrize("text, total", [
    ("In 2026 we executed a colocation agreement with Quiver Models, Inc. for 40 MW at our Hobbs campus. The "
     "capacity is expected to generate approximately $900 million of revenue over a ten-year term.", 900e6),
    ("Orion Compute, Inc. today announced a colocation agreement with Lumen Forge AI, LLC at its Tulsa campus.\n"
     "- Approximately $2.4 billion of contracted revenue over the initial 12-year term\n- 80 MW of critical IT load",
     2.4e9),
    ("Orion Compute, Inc. entered into a Master Lease Agreement with Tessaly AI, Inc., under which it will deliver "
     "600 MW of critical IT capacity in three phases. Orion estimates aggregate base rent over the initial terms of "
     "all phases of approximately $19 billion.", 19e9),
])
def test_revenue_and_rent_over_the_term_are_the_total(text, total):
    assert one(text).total_value.amount == total


def test_a_generic_look_alike_sentence_does_not_veto_the_lease_it_mentions():
    c = one("We intend to use the net proceeds to fund construction at our Barstow campus, which is being built for "
            "Amazon Web Services, Inc. under our ten-year HPC lease. The HPC lease covers 90 MW of critical IT capacity "
            "and is expected to generate approximately $2.8 billion of revenue over its term.")
    assert c.total_value.amount == 2.8e9


def test_a_hypothetical_contract_is_no_contract():
    assert contracts_of("For example, the termination of a hypothetical 40 MW contract billed at $15 million per month "
                        "would reduce our revenue.") == []


def test_a_total_over_the_term_is_not_the_monthly_payment_after_it():
    c = one("In May 2026 we entered into a four-year agreement with Pollard Compute Corp. for dedicated GPU "
            "infrastructure. Under the agreement, we have committed to spend $480 million over the term, subject to a "
            "minimum monthly payment of $9.5 million.")
    assert (c.total_value.amount, c.monthly_fee.amount) == (480e6, 9.5e6)


def test_an_aggregate_paid_in_monthly_instalments_is_a_total():
    c = one("We signed a three-year compute agreement with Brindle Cloud LLC for access to GPU clusters. We have agreed "
            "to pay Brindle an aggregate of $540 million over the term, payable in equal monthly installments.")
    assert c.total_value.amount == 540e6 and c.monthly_fee is None


def test_a_fee_that_leaves_out_electricity_is_still_the_fee():
    c = one("We concluded a colocation agreement with Hanami AI K.K. for 12 MW of capacity at our Chiba campus through "
            "2034. Under the agreement, Hanami pays a monthly charge of \u00a5900 million, excluding electricity, which "
            "is billed separately.")
    assert (c.monthly_fee.amount, c.monthly_fee.currency) == (900e6, "JPY")


def test_a_column_in_euro_thousands_is_scaled():
    found = contracts_of(
        "<p>We provide dedicated GPU capacity from our facilities. Our principal agreements were:</p><table>"
        "<tr><th>Customer</th><th>Capacity (MW)</th><th>Monthly fee (\u20ac thousands)</th><th>Expiration</th></tr>"
        "<tr><td>Moselle AI GmbH</td><td>10</td><td>2,400</td><td>31 December 2029</td></tr></table>")
    assert [(c.customer.name, c.monthly_fee.amount, c.monthly_fee.currency) for c in found] == [("Moselle AI GmbH", 2.4e6, "EUR")]


def test_an_agreement_takes_the_term_and_termination_its_other_sections_state():
    c = one("ARTICLE 7 - TERM AND TERMINATION\n\n"
            "7.1 Term. This Agreement shall commence on the Effective Date and shall expire on June 30, 2029.\n\n"
            "7.2 Termination for Convenience. Either Party may terminate this Agreement for convenience by giving the "
            "other Party not less than ninety (90) days' written notice.\n\n"
            "ARTICLE 8 - CHARGES\n\n"
            "8.1 Monthly Charge. Orion Compute, Inc. shall invoice, and Wexley Labs, Inc. shall pay, a monthly charge of "
            "Two Million Dollars ($2,000,000) for the 6 MW of Colocation Capacity described in Exhibit A.")
    assert (c.provider.name, c.customer.name) == (FILER, "Wexley Labs, Inc.")
    assert (c.term.end, c.termination_notice.days, c.termination_notice.party) == ("2029-06-30", 90, "either")


def test_a_term_that_expires_at_an_hour_on_a_date():
    c = one("Section 4. Charges. Customer shall pay to Orion Compute, Inc. a Base Capacity Charge of $1,100,000 per month "
            "for the 8 MW Critical Load. Section 5. Term. The Term shall expire at 11:59 p.m. local time on December 31st, "
            "2031, unless sooner terminated.")
    assert c.term.end == "2031-12-31"


@pytest.mark.parametrize("text", [
    "Orion Compute, Inc. today announced that it has signed a definitive agreement to provide Tamar Systems with "
    "dedicated AI compute capacity across its Tulsa campuses, with a total contract value of approximately $2.1 billion.",
    "Orion Compute, Inc. (\"Orion\") has entered into a four-year agreement with a global technology company to provide "
    "GPU cloud capacity from its data centre in Lulea, Sweden, for a total contract value of approximately SEK 3.0 billion.",
    "Orion Compute, Inc. has signed a \u20ac410 million, six-year agreement with Vester Robotics AG for 20 MW of "
    "AI-ready capacity at Orion's Bergen campus.",
])
def test_the_filer_named_in_the_third_person_sells_what_it_provides(text):
    c = one(text)
    assert c.provider is not None and c.provider.is_filer and (c.customer is None or not c.customer.is_filer)


def test_a_lease_the_filer_takes_in_the_same_sentence_as_a_sale_is_bought():
    found = contracts_of("In the third quarter we signed a three-year agreement to supply 30 MW of compute capacity to "
                         "Marl Biosystems, Inc. for total consideration of $1.2 billion, and we entered into a 10-year lease "
                         "with Tolland Data Centers Corp. for the 50 MW facility in which that capacity will be housed.")
    sides = sorted((c.provider.name, c.customer.name) for c in found)
    assert sides == [(FILER, "Marl Biosystems, Inc."), ("Tolland Data Centers Corp.", FILER)]


def test_a_hosting_sentence_opens_the_agreement_the_next_sentence_refers_to():
    c = one("We host and operate a dedicated cluster of 2,048 NVIDIA H200 GPUs for Pellin Labs, Inc. at our Ogden facility. "
            "Under the agreement, Pellin has agreed to pay us sixty million dollars ($60,000,000) over the term of the "
            "agreement, which ends on March 31, 2028.")
    assert (c.customer.name, c.total_value.amount, c.term.end) == ("Pellin Labs, Inc.", 60e6, "2028-03-31")


def test_a_restatement_naming_no_counterparty_is_the_contract_it_repeats():
    found = contracts_of(
        "Orion Compute, Inc. today announced that it has signed a dedicated capacity agreement with Faro Reasoning Labs, "
        "Inc. Faro will pay Orion a capacity fee of $41 million per month over a four-year term for 30 MW at the "
        "Company's Dalhart campus.\n\n"
        "The agreement covers about 30 megawatts at the Dalhart campus; fees of $41 million per month begin in 2027.")
    assert [(c.customer.name, c.monthly_fee.amount) for c in found] == [("Faro Reasoning Labs, Inc.", 41e6)]


def test_each_notice_of_a_sentence_about_two_agreements_keeps_its_own_party():
    text = ("Helmer Labs may terminate its capacity agreement for convenience on 120 days' written notice, and either we "
            "or Ostrava AI may terminate the compute agreement for convenience on six months' written notice.")
    from extractor.rules.normalize.notice import find_notice
    import re
    durations = [m.span() for m in re.finditer(r"120 days|six months", text)]
    first = find_notice(text, durations[:1])
    second = find_notice(text, durations[1:])
    assert (first.days, first.either, first.actor) == (120, False, "Helmer Labs")
    assert (second.days, second.either) == (180, True)


def test_a_cure_period_is_not_the_agreements_notice():
    c = one("This Capacity Services Agreement (this \"Agreement\") is entered into by and between Orion Compute, Inc. "
            "(\"Provider\") and Sable Minds, Inc. (\"Customer\").\n\n"
            "5.1 Fees. Customer shall pay Provider a monthly fee of $3,000,000 for the GPU capacity described in Schedule A.\n\n"
            "12.3 Termination for Cause. Either Party may terminate this Agreement by written notice if the other Party "
            "materially breaches this Agreement and fails to cure the breach within thirty (30) days after notice.")
    assert (c.termination_notice.days, c.termination_notice.party, c.termination_notice.for_convenience) == (None, "either", False)
    assert (c.provider.name, c.customer.name, c.monthly_fee.amount) == (FILER, "Sable Minds, Inc.", 3e6)


@pytest.mark.parametrize("text, customer", [
    ("Our Reno facility is leased in its entirety to Amazon Web Services, Inc., which occupies 24 MW of critical IT load "
     "under a lease expiring in June 2031. Rent under the lease is fixed at $40 million per year.", "Amazon Web Services, Inc."),
    ("On March 2, 2026, Orion Compute, Inc. (\"Orion\") entered into a $9 billion, 12-year contract with Anthropic, PBC "
     "(\"Anthropic\") to provide 300 MW of AI data center capacity across its campuses in Ohio.", "Anthropic, PBC"),
    ("We currently have two customers at our Pecos campus. Our agreement with Google LLC, which commenced in May 2025, "
     "provides for 25 MW over a seven-year term with annual fees of approximately $90 million.", "Google LLC"),
    ("During 2025 we expanded our relationship with our largest customer, Nimbus AI, Inc. Nimbus AI has committed to "
     "purchase approximately $1.4 billion of dedicated GPU capacity from us over about four years.", "Nimbus AI, Inc."),
])
def test_hyperscalers_and_labs_buy_when_the_filer_says_it_sells(text, customer):
    c = one(text)
    assert (c.provider.name, c.provider.is_filer, c.customer.name) == (FILER, True, customer)


def test_expected_revenue_told_by_the_filer_is_its_sale():
    c = one("Orion Compute, Inc. (Nasdaq: ORCX) today announced that it has expanded its relationship with Coriolan AI, "
            "Inc. Coriolan has signed a new 18-month agreement for 2,048 NVIDIA B300 GPUs, with expected revenue of "
            "approximately $110 million over the term.")
    assert (c.provider.name, c.customer.name, c.total_value.amount) == (FILER, "Coriolan AI, Inc.", 110e6)


def test_a_weak_look_alike_word_in_a_sentence_under_the_open_agreement_keeps_its_facts():
    # "expire at various dates" is a look-alike cue (debt maturities), but "Under the MSA ..." states
    # the open agreement's own total
    c = one("In May 2025, we entered into a master services agreement (the \"MSA\") with Quasar Models Corp. "
            "(\"Quasar\"), under which we provide Quasar with GPU compute capacity under separate order forms. "
            "Under the MSA and the order forms signed to date, Quasar has committed to pay us approximately "
            "$3.1 billion over the terms of the order forms, which expire at various dates through 2031.")
    assert (c.provider.name, c.customer.name, c.total_value.amount) == (FILER, "Quasar Models Corp.", 3.1e9)


def test_a_look_alike_agreement_sentence_under_it_still_ends_the_frame():
    found = contracts_of("We entered into a GPU cloud services agreement with Quasar Models Corp. for compute capacity. "
                         "Separately, we entered into a power purchase agreement with Tallgrass Energy LLC. Under the "
                         "power purchase agreement, we will pay Tallgrass Energy $4 million per month through 2030.")
    assert all(not (c.monthly_fee and c.monthly_fee.amount == 4e6) for c in found)


def test_an_agreement_to_deploy_a_cluster_for_an_ai_lab_makes_the_filer_the_provider():
    c = one("In February 2026, we signed an agreement with Quasar Models Corp. to deploy a dedicated cluster of "
            "approximately 12,000 GPUs at a third-party data center in Ohio. The agreement has a term of three years "
            "from acceptance and an expected total contract value of approximately $1.4 billion.",
            filer="Orion GPU Cloud, Inc.")
    assert (c.provider.name, c.customer.name, c.total_value.amount, c.term.months) == ("Orion GPU Cloud, Inc.", "Quasar Models Corp.", 1.4e9, 36)


def test_an_amendment_that_changes_the_notice_period_gives_the_new_period():
    c = one("On June 2, 2026, Orion Compute, Inc. (the \"Company\") and Quasar Models Corp. entered into Amendment No. 2 "
            "to their GPU Cloud Services Agreement. Under the amendment, Quasar's dedicated GPU cluster will be expanded "
            "and the monthly fee will increase to $14.5 million. The notice period for termination for convenience by "
            "either party is increased from 90 days to 150 days.")
    assert (c.termination_notice.days, c.termination_notice.party) == (150, "either")
    assert (c.provider.name, c.customer.name, c.monthly_fee.amount) == (FILER, "Quasar Models Corp.", 14.5e6)


def test_a_term_sheet_after_its_lead_in_paragraph_takes_the_parties_from_it():
    text = ("<p>The principal terms of the Master Capacity Agreement with Quasar Models Corp. (&#8220;Quasar&#8221;) are "
            "summarized below.</p><table><tr><td>Aggregate commitment</td><td>$2.2 billion, payable in equal monthly "
            "installments</td></tr><tr><td>GPUs</td><td>Approximately 18,000 NVIDIA B200</td></tr><tr><td>Initial term</td><td>36 months from the Go-Live Date</td></tr><tr><td>Early "
            "termination</td><td>Quasar may terminate on 120 days&#8217; notice</td></tr></table>")
    c = one(text)
    assert (c.provider.name, c.customer.name) == (FILER, "Quasar Models Corp.")
    assert c.total_value.amount == 2.2e9 and c.monthly_fee is None  # a total paid in instalments is no monthly fee
    assert (c.term.months, c.termination_notice.days, c.termination_notice.party) == (36, 120, "customer")


def test_a_press_release_bullet_total_does_not_take_the_next_bullets_period():
    c = one("Orion Compute Signs 12-Year, 40 MW AI Data Hall Lease with Quasar Models\n\n"
            "RENO, Nev., Jan. 6, 2026 -- Orion Compute, Inc. today announced a lease with Quasar Models Corp. for a new "
            "40 MW AI data hall at its Sparks campus.\n"
            "- Approximately $1.1 billion in contracted revenue over the 12-year term\n"
            "- Annual base fee of approximately $88.0 million, with 2.5% annual escalators\n")
    assert c.total_value.amount == 1.1e9 and c.fee.amount == 88e6 and c.fee.period == "year"


def test_revenue_through_a_date_is_the_contracts_total():
    c = one("Our contract with Quasar Models Corp. covers 80 MW of critical IT load at our Sparks campus and provides "
            "for up to approximately $1.3 billion in revenue through March 2032.")
    assert (c.total_value.amount, c.term.end, c.customer.name) == (1.3e9, "2032-03", "Quasar Models Corp.")


def test_an_agreement_excerpt_in_legal_style_gives_its_total_and_term():
    c = one("MASTER CAPACITY AGREEMENT between Orion Compute, Inc. (\"Orion\") and Quasar Models Corp. (\"Quasar\"). "
            "Section 4.1 Commitment. Quasar shall pay Orion, in consideration of the reserved GPU Capacity, nine hundred "
            "twenty million dollars ($920,000,000) in the aggregate over the Initial Term, payable in equal monthly "
            "installments. Section 4.2 Initial Term. The Initial Term shall commence on the Go-Live Date and end on the "
            "date that is thirty-six (36) months thereafter.")
    assert (c.provider.name, c.customer.name) == (FILER, "Quasar Models Corp.")
    assert (c.total_value.amount, c.term.months, c.monthly_fee) == (920e6, 36, None)


def test_an_ai_lab_committing_to_a_total_over_a_term_is_a_compute_deal():
    c = one("Under our Master Capacity Agreement with OpenAI OpCo, LLC, which represents most of our remaining "
            "performance obligations, OpenAI has committed to pay us $2.6 billion over a 60-month initial term.")
    assert (c.provider.name, c.customer.name, c.total_value.amount, c.term.months) == (FILER, "OpenAI OpCo, LLC", 2.6e9, 60)


def test_a_contract_table_with_a_customer_column_makes_the_filer_the_provider_and_reads_bare_months():
    text = ("<p>Dedicated GPU capacity contracts signed in the quarter (amounts in thousands):</p><table><tr><th>Customer</th>"
            "<th>GPUs</th><th>Monthly fee</th><th>Term (months)</th><th>Remaining term (months)</th></tr>"
            "<tr><td>Quasar Models Corp.</td><td>2,048</td><td>$6,100</td><td>36</td><td>35</td></tr>"
            "<tr><td>Lattice Reasoning, Inc.</td><td>512</td><td>$1,550</td><td>24</td><td>23</td></tr></table>")
    found = contracts_of(text)
    assert [(c.provider.name, c.customer.name, c.monthly_fee.amount, c.term.months) for c in found] == [
        (FILER, "Quasar Models Corp.", 6.1e6, 36), (FILER, "Lattice Reasoning, Inc.", 1.55e6, 24)]


def test_and_inside_a_place_of_incorporation_is_not_a_second_name():
    c = one("Orion Compute, Inc. entered into a GPU Capacity Agreement with Quillon Systems Ltd, a company incorporated "
            "in England and Wales (the \"Customer\"). The Customer shall pay Orion $3,200,000 per month for an initial "
            "term of 24 months.")
    assert (c.provider.name, c.customer.name, c.monthly_fee.amount, c.term.months) == (FILER, "Quillon Systems Ltd", 3.2e6, 24)


@pytest.mark.parametrize("text", [
    # a later sentence whose subject is the agreement just told says it is a look-alike
    "In March 2026 we entered into a master lease agreement with Talbot Equipment Finance LLC under which we leased "
    "2,048 GPU servers for a term of 48 months. The arrangement is accounted for as a finance lease; monthly lease "
    "payments are approximately $3.9 million.",
    "In 2026 we sold our 24 MW Fresno data center to Pellam Realty Trust for $390 million and leased it back for "
    "fifteen years at annual rent of $28 million. The transaction was accounted for as a failed sale-leaseback.",
    # a contract table whose rows name look-alikes, under a lead-in that calls them power supply arrangements
    "<p>Our power supply arrangements for the Midland campus:</p><table><tr><th>Counterparty</th><th>Type</th>"
    "<th>Capacity</th><th>Term</th></tr><tr><td>Caprock Electric Cooperative</td><td>Electric service agreement</td>"
    "<td>300 MW</td><td>15 years</td></tr><tr><td>Mesquite Wind LLC</td><td>Virtual PPA</td><td>120 MW</td>"
    "<td>12 years</td></tr></table>",
    # the company's backlog is no one contract's total
    "Third quarter highlights:\n- Revenue of $402 million\n- Remaining performance obligations of $9.1 billion for "
    "GPU cloud capacity, including new contracts signed with three AI labs\n",
    # future, mutual termination, license fees, energy storage, connectivity
    "Orion Compute, Inc. today announced that Pallas Genomics has selected Orion as a preferred provider of GPU cloud "
    "capacity. The companies expect to negotiate a definitive agreement for up to 2,000 GPUs.",
    "On May 2, 2027, Orion Compute, Inc. and Vesper Vision, Inc. mutually agreed to terminate the GPU capacity "
    "agreement between them; Vesper Vision agreed to pay Orion $4.1 million.",
    "We entered into a Model License Agreement with Harcourt Insurance Group under which Harcourt deploys our models "
    "in its own data centers and pays license fees of $20 million per year for three years.",
    "Our subsidiary entered into a 12-year tolling agreement with Basin Grid Partners LP for the 80 MW output of our "
    "battery storage facility next to the Odessa data center campus.",
    "We signed a five-year agreement to provide 400G wavelength services between two data center campuses operated "
    "by Mardell Digital Realty, with monthly recurring charges of $1.1 million.",
])
def test_look_alikes_told_by_their_kind_give_nothing(text):
    assert contracts_of(text) == []


def test_the_backlog_of_one_named_agreement_is_its_total():
    c = one("Remaining performance obligations under our GPU cloud agreement with Quasar Models Corp. were approximately "
            "$640 million at September 30, 2026.")
    assert (c.customer.name, c.total_value.amount) == ("Quasar Models Corp.", 640e6)


def test_an_amendment_from_one_value_to_another_keeps_the_new_one():
    c = one("On May 4, 2027, we entered into Amendment No. 1 to our GPU cloud agreement with Quasar Models Corp. The "
            "amendment increases the contracted capacity from 40 MW to 70 MW and extends the term, which previously ran "
            "through June 2030, to December 31, 2032. Quasar will pay us approximately $7.5 million per month.")
    assert (c.capacity.mw, c.monthly_fee.amount) == (70, 7.5e6)
    assert c.term is None or c.term.end != "2030-06"  # the old end is dropped ("extends ... to DATE" is not read yet)


def test_a_date_range_from_one_date_to_another_is_not_an_amendment():
    c = one("Quasar Models Corp. has committed to pay us $2 million per month for GPU capacity from April 1, 2027 to "
            "March 31, 2030.")
    assert c.term.end == "2030-03-31"


def test_a_heading_above_the_paragraph_is_not_part_of_the_providers_name():
    c = one("Cloud Infrastructure Agreement\n\nNimbus Stack, Inc. provides the compute infrastructure for our platform "
            "to us under a cloud services agreement. Under the agreement, we committed to minimum annual payments of "
            "$60 million.")
    assert (c.provider.name, c.customer.name) == ("Nimbus Stack, Inc.", FILER)


def test_two_deals_enumerated_in_one_sentence_keep_their_own_parties_and_values():
    found = contracts_of("Orion Compute, Inc. today announced that it has signed agreements with (i) Pellam Reasoning "
                         "Corp. for 40 MW at its Abilene campus under a 10-year lease valued at approximately $1.1 billion, "
                         "and (ii) Tessel Vision, Inc. for 12 MW at its Pecos site for an initial term of three years at "
                         "$1.9 million per month.")
    assert [(c.customer.name, c.total_value and c.total_value.amount, c.monthly_fee and c.monthly_fee.amount,
             c.term.months) for c in found] == [
        ("Pellam Reasoning Corp.", 1.1e9, None, 120), ("Tessel Vision, Inc.", None, 1.9e6, 36)]
    assert len({c.id for c in found}) == 2


def test_the_partnership_is_the_filer_when_the_filer_is_a_partnership():
    c = one("In March 2027, the Partnership entered into a five-year lease with Corvid Inference Co. for 10 MW at its "
            "Waco data center. Annual base rent is $18 million. The Partnership may terminate the lease upon 60 days' "
            "notice if Corvid fails to pay.", filer="Lindell Digital Partners, L.P.")
    assert (c.provider.name, c.customer.name, c.termination_notice.party) == (
        "Lindell Digital Partners, L.P.", "Corvid Inference Co.", "provider")


def test_revenue_of_an_expanded_agreement_through_a_date_is_its_total():
    c = one("Orion Compute, Inc. today announced an expansion of its agreement with Tessel Vision, Inc., under which "
            "Orion will deliver an additional 8,192 accelerators to Tessel. Including the expansion, the agreement now "
            "represents up to approximately $1.6 billion of revenue through June 2029.")
    assert (c.customer.name, c.total_value.amount, c.term.end) == ("Tessel Vision, Inc.", 1.6e9, "2029-06")


def test_an_extension_to_a_date_is_the_new_term_end():
    c = one("On March 3, 2026, we entered into an amendment to our cloud services agreement with Brightwater Labs, "
            "Inc. that extends the term of the agreement to December 31, 2031 and increases the contracted capacity "
            "to 120 MW of GPU capacity.")
    assert (c.customer.name, c.term.end, c.capacity.mw) == ("Brightwater Labs, Inc.", "2031-12-31", 120)


def test_a_term_bullet_that_says_when_it_begins_gives_no_end_date():
    c = one("Orion Compute Announces AI Infrastructure Agreement\n\nKey terms:\n"
            "- Customer: Meridian Intelligence Ltd.\n- Total contract value (TCV): approximately $2.4 billion\n"
            "- Term: five years, beginning in the second quarter of 2027\n- Capacity: 150 MW of critical IT load\n")
    assert (c.customer.name, c.total_value.amount, c.term.months, c.term.end) == (
        "Meridian Intelligence Ltd.", 2_400_000_000, 60, None)


@pytest.mark.parametrize("who, party", [("The counterparty", "customer"), ("Such customer", "customer"),
                                        ("The service provider", "provider"), ("Our customer", "customer")])
def test_a_role_noun_that_may_terminate_is_the_notice_party(who, party):
    c = one("In the third quarter, we entered into a five-year colocation agreement with Parallax Intelligence Corp. "
            f"for 25 MW of critical IT load at our Fargo data center. {who} may terminate on twelve months' prior "
            "written notice.")
    assert (c.customer.name, c.termination_notice.days, c.termination_notice.party) == (
        "Parallax Intelligence Corp.", 360, party)


def test_each_deal_a_sentence_lists_keeps_the_sentences_compute_context():
    found = contracts_of("During 2026 we signed three new contracts: (i) a four-year agreement with Tessaly Labs, Inc. "
                         "with total committed payments of approximately $1.9 billion; (ii) a two-year agreement with "
                         "Corran Systems, Inc. for 2,048 GPUs at $3.2 million per month; and (iii) a one-year agreement "
                         "with Pavane AI, Inc. that expires in March 2028.")
    assert [(c.customer.name, c.total_value and c.total_value.amount, c.term.months) for c in found] == [
        ("Tessaly Labs, Inc.", 1_900_000_000, 48), ("Corran Systems, Inc.", None, 24), ("Pavane AI, Inc.", None, 12)]


def test_a_bullet_list_of_two_leases_gives_two_contracts_under_the_paragraph_that_announced_them():
    found = contracts_of("Orion Compute Signs 150 MW of New Leases at Odessa Campus\n\n"
                         "ODESSA, Texas, Feb. 3, 2027 -- Orion Compute, Inc. today announced two new leases at its Odessa "
                         "campus:\n\n"
                         "- A 12-year lease with Tamsin Labs, Inc. for 100 MW of critical IT capacity, representing "
                         "approximately $4.1 billion of contracted revenue over the term; and\n"
                         "- A 7-year lease with Brevard Models Corp. for 50 MW, with annual base rent of approximately "
                         "$61 million in the first lease year.\n")
    assert [(c.provider.name, c.customer.name, c.term.months, c.capacity.mw) for c in found] == [
        (FILER, "Tamsin Labs, Inc.", 144, 100), (FILER, "Brevard Models Corp.", 84, 50)]
    assert found[0].total_value.amount == 4_100_000_000 and found[1].fee.amount == 61_000_000


def test_a_headline_alone_is_no_contract():
    assert contracts_of("Orion Compute Signs 150 MW of New Leases at Odessa Campus") == []


def test_bullets_under_a_lead_in_line_go_on_about_the_agreement_before_them():
    c = one("DALLAS, Jan. 14, 2027 -- Orion Compute, Inc. today announced that it has signed a definitive agreement "
            "with a Fortune 100 technology company for AI data center capacity at its Abilene campus.\n\n"
            "Transaction highlights:\n- 7-year initial term\n- $3.1 billion in total contract value\n"
            "- 250 MW of critical IT capacity\n")
    assert (c.provider.name, c.total_value.amount, c.term.months, c.capacity.mw) == (FILER, 3_100_000_000, 84, 250)


@pytest.mark.parametrize("text", [
    "Our hosting agreement with Pellam Labs, Inc., under which we provided 12 MW of GPU hosting capacity at our Dunmore "
    "site for $1.9 million per month, expired in accordance with its terms on March 31, 2027 and was not renewed.",
    "On September 2, 2027, Kirrin Systems Inc. delivered notice terminating its GPU services agreement with us, under "
    "which we provided approximately 2,048 NVIDIA H100 GPUs for $2.1 million per month.",
    "Our colocation agreement with Pellam Labs, Inc. expired on June 30, 2026 and was not renewed. Under that agreement, "
    "Pellam had paid us approximately $2.7 million per month for 8 MW of dedicated capacity.",
])
def test_an_agreement_that_expired_or_was_terminated_is_no_contract(text):
    assert contracts_of(text) == []


def test_a_later_paragraph_about_a_look_alike_agreement_by_its_counterpartys_name_is_no_contract():
    text = ("In August 2026, we entered into a master purchase agreement with Tolland Systems, Inc. (\"Tolland\"), a "
            "server manufacturer, for 512 GPU servers. The aggregate purchase price is approximately $290 million.\n\n"
            "We intend to install the servers in our facility in Quincy, Washington, which provides 9 MW of critical "
            "power, to expand our inference platform. As of September 30, 2026, we had made deposits of $61.0 million "
            "under the Tolland agreement.")
    assert contracts_of(text) == []


def test_a_building_the_filer_leases_for_its_own_clusters_is_no_contract():
    assert contracts_of("In March 2027, we entered into a twelve-year lease for a 180,000 square foot industrial "
                        "building in Hillsboro, Oregon, which we are converting into a facility to house approximately "
                        "30 MW of our own inference clusters. Base rent is $0.9 million per month.") == []


@pytest.mark.parametrize("text", [
    "In July 2026, we formed Alder Crest Partners, LLC, a joint venture with Kellin Pension Board, to develop up to "
    "600 MW of data center capacity. We will receive a monthly asset management fee of $350,000 once the first building "
    "is energized, and either member may terminate the management agreement upon 180 days' notice.",
    "We are in discussions with several frontier AI laboratories regarding approximately 1.5 GW of potential capacity; "
    "the largest would pay monthly fees we estimate would exceed $30 million, terminable on 12 months' notice.",
    "We have exchanged draft term sheets with two hyperscale prospects for 150 MW of GPU capacity at $21 million per "
    "month for ten years.",
])
def test_joint_ventures_and_talks_are_no_contract(text):
    assert contracts_of(text) == []


def test_a_hosting_agreement_with_a_joint_venture_is_still_a_contract():
    c = one("The Company finalized a hosting agreement with the joint venture, under which it will locate one immersion "
            "container at the site for $500 per month.")
    assert c.monthly_fee.amount == 500


def test_prospects_in_a_20f_heading_do_not_veto_the_agreement_after_it():
    c = one("Item 5. Operating and Financial Review and Prospects. Revenues increased primarily reflecting our agreement "
            "with Quillon AI, Inc., under which we provide Quillon with a dedicated cluster of 2,048 GPUs for a "
            "quarterly fee of US$14.2 million.")
    assert (c.customer.name, c.fee.amount, c.fee.period) == ("Quillon AI, Inc.", 14_200_000, "quarter")


@pytest.mark.parametrize("text", [
    "Third quarter highlights:\n- Signed new leases representing $48 million of annualized rent and 41 MW of capacity\n"
    "- Contracted backlog of $2.2 billion with a weighted average term of 7.9 years\n",
    "Our contracts with hyperscale customers may permit them to terminate early, in some cases on as little as twelve "
    "months' notice, and to decline contracted megawatts.",
])
def test_the_book_of_business_told_in_the_plural_is_no_contract(text):
    assert contracts_of(text) == []


def test_one_unnamed_customer_or_the_filers_own_commitments_still_give_a_contract():
    c = one("We signed leases totaling 80 MW with a single investment-grade hyperscale customer, with terms running "
            "through the fourth quarter of 2031.")
    assert (c.provider.name, c.capacity.mw, c.term.end) == (FILER, 80, "2031")
    c = one("Other purchase obligations of $2.9 billion include $1.8 billion of multi-year cloud service agreements.")
    assert c.total_value.amount == 1_800_000_000


def test_an_agreement_exhibit_gives_its_fee_section_and_its_convenience_termination():
    text = ("EXHIBIT 10.9\n\nCOMPUTE SERVICES AGREEMENT\n\n"
            "This Compute Services Agreement (this \"Agreement\") is entered into as of March 1, 2027 by and between "
            "Corlaine Networks S.A., a societe anonyme organized under the laws of Luxembourg (\"Provider\"), and Orion "
            "Compute, Inc., a Delaware corporation (\"Customer\").\n\n"
            "Section 3.1 Fees. In consideration of the Services, Customer shall pay Provider a fixed monthly fee of One "
            "Million Eight Hundred Thousand U.S. Dollars (US$1,800,000), invoiced monthly in advance.\n\n"
            "Section 11.1 Term. This Agreement shall commence on the Effective Date and continue for an initial term of "
            "thirty-six (36) months.\n\n"
            "Section 12.2 Termination for Convenience. Customer may terminate this Agreement upon ninety (90) days' prior "
            "written notice to Provider, subject to payment of the Early Termination Fee set forth in Schedule D.\n")
    c = one(text)
    assert (c.provider.name, c.customer.name) == ("Corlaine Networks S.A.", FILER)
    assert (c.monthly_fee.amount, c.term.months, c.termination_notice.days, c.termination_notice.party) == (
        1_800_000, 36, 90, "customer")


def test_a_table_flattened_to_pipe_lines_gives_a_contract_a_row():
    found = contracts_of("The following table summarizes our contracted customer deployments as of December 31, 2026:\n\n"
                         "Customer | Campus | Contracted IT load (MW) | Monthly fee | Term end\n"
                         "Pellam Intelligence Corp. | Ridge I | 30 | $5,100,000 | June 30, 2031\n"
                         "Osric Quantum Ltd. | Ridge II | 12.5 | $2,050,000 | March 31, 2030\n")
    assert [(c.provider.name, c.customer.name, c.monthly_fee.amount, c.term.end, c.capacity.mw) for c in found] == [
        (FILER, "Pellam Intelligence Corp.", 5_100_000, "2031-06-30", 30),
        (FILER, "Osric Quantum Ltd.", 2_050_000, "2030-03-31", 12.5)]


def test_a_sentence_after_a_table_gives_the_notice_of_the_row_it_names():
    found = contracts_of("The following table summarizes our committed dedicated GPU capacity arrangements:\n\n"
                         "Provider | Location | GPUs | Term ends | Monthly commitment\n"
                         "Nimbusway Cloud LLC | Reno, Nevada | 4,096 H200 | March 2028 | $7.9 million\n"
                         "Tarrant Data Centres Ltd | Newport, Wales | 2,048 B200 | 30 September 2027 | $4.6 million\n"
                         "The Nimbusway arrangement may be terminated by either party upon 120 days' notice; the Tarrant "
                         "arrangement may not be terminated before its scheduled end other than for cause.\n")
    assert [(c.provider.name, c.termination_notice and c.termination_notice.days) for c in found] == [
        ("Nimbusway Cloud LLC", 120), ("Tarrant Data Centres Ltd", None)]


def test_a_schedule_whose_title_names_data_center_capacity_is_one_contract_of_its_sections():
    c = one("EXHIBIT 10.31\n\nSCHEDULE B TO MASTER DATA CENTER LICENSE AGREEMENT\n\n"
            "This Schedule B is entered into between Orion Compute, Inc. (\"Operator\") and Wrenna Research Co. "
            "(\"Licensee\").\n\n"
            "1. Licensed Capacity. Operator shall make available to Licensee three megawatts (3 MW) of critical IT load "
            "in Suite 2.\n\n"
            "2. Monthly Recurring Charge. Licensee shall pay Operator a Monthly Recurring Charge of One Million Dollars "
            "($1,000,000).\n\n"
            "3. Initial Term. The initial term of this Schedule shall be forty-eight (48) months from the RFS Date.\n")
    assert (c.provider.name, c.customer.name, c.monthly_fee.amount, c.term.months, c.capacity.mw) == (
        FILER, "Wrenna Research Co.", 1_000_000, 48, 3)


def test_a_supply_agreement_of_gpus_is_no_contract_however_its_sections_read():
    assert contracts_of("SUPPLY AGREEMENT\n\nThis Supply Agreement is entered into between Pellucid Silicon Corp. "
                        "(\"Supplier\") and Orion Compute, Inc. (\"Purchaser\").\n\n"
                        "3.1 Allocation. Supplier shall allocate to Purchaser not less than 4,000 GPUs per calendar "
                        "quarter.\n\n3.2 Purchaser shall place binding purchase orders for each quarterly allocation.\n\n"
                        "12.1 This Agreement terminates on December 31, 2027.\n") == []


def test_numbered_items_under_a_sentence_announcing_agreements_are_each_a_contract():
    found = contracts_of("New Customer Agreements\n\nDuring the quarter we signed three new agreements:\n\n"
                         "(1) with Torvik Analytics ASA, for 2 MW at our Midtown facility at $290,000 per month for 24 months;\n"
                         "(2) with Quill Lane Studios LLC, for 1.5 MW, representing total contract value of $19.8 million "
                         "over 36 months; and\n(3) with a global payments company, for 3 MW at our Peachtree facility for "
                         "a term through June 2030.\n")
    assert [(c.customer and c.customer.name, c.capacity.mw) for c in found] == [
        ("Torvik Analytics ASA", 2), ("Quill Lane Studios LLC", 1.5), (None, 3)]


def test_bullets_under_a_results_headline_are_no_contracts():
    assert contracts_of("Orion Compute Reports Third Quarter 2027 Results\n\n- Revenue of $512 million, up 120% year over "
                        "year\n- Active power of 380 MW across eight data centers; contracted power of 1.0 GW\n") == []


def test_the_next_sentence_with_a_new_company_and_its_own_fee_is_the_next_deal():
    found = contracts_of("In 2026, we entered into a ten-year colocation agreement under which Halloway Towers Realty Trust "
                         "provides us with 30 MW of critical IT capacity in its Ashburn data center, for which we pay $4.0 "
                         "million per month. We use that space to serve Tamber Otter AI, Inc., which, under a three-year "
                         "GPU-as-a-service agreement signed in January 2027, pays us $13.0 million per month.")
    assert [(c.provider.name, c.customer.name, c.monthly_fee.amount) for c in found] == [
        ("Halloway Towers Realty Trust", FILER, 4_000_000), (FILER, "Tamber Otter AI, Inc.", 13_000_000)]


def test_a_description_between_a_name_and_its_verb_and_an_unnamed_second_customer():
    found = contracts_of("We have signed agreements with two anchor customers. Lindholm Motor Analytics AB, a Swedish "
                         "automotive software company, has contracted for 20 MW at our Pillar One campus under a five-year "
                         "agreement, paying $2.7 million per month. A Fortune 100 financial institution has contracted for "
                         "6 MW under a three-year agreement providing for annual fees of $22 million; that customer may "
                         "terminate on 90 days' notice after the first anniversary.")
    assert [(c.provider.name, c.customer and c.customer.name, c.capacity.mw) for c in found] == [
        (FILER, "Lindholm Motor Analytics AB", 20), (FILER, None, 6)]
    assert found[1].termination_notice.days == 90 and found[0].termination_notice is None


def test_a_key_value_sheet_flattened_to_pipe_lines():
    c = one("Summary of Principal Terms - Data Hall Services Agreement\n\n"
            "Counterparty | Redmoor Signal Corp.\nProvider | Orion Compute, Inc.\nContracted capacity | 1,500 kW\n"
            "Monthly fee | $640,000\nTerm | 30 months from the Commencement Date\nTermination notice | 60 days (either party)\n")
    assert (c.provider.name, c.customer.name, c.monthly_fee.amount, c.term.months, c.capacity.mw) == (
        FILER, "Redmoor Signal Corp.", 640_000, 30, 1.5)
    assert (c.termination_notice.days, c.termination_notice.party) == (60, "either")


def test_an_amendment_that_moves_the_expiration_date_and_names_the_customer_by_its_role():
    c = one("On August 30, 2027, Orion Compute, Inc. (the \"Company\") and Harwell Spire Intelligence Ltd entered into an "
            "Amended and Restated Capacity Agreement, which reduces the committed capacity from 60 MW to 45 MW and moves "
            "the expiration date to June 30, 2030. It also shortens the notice the customer must give to terminate. "
            "The monthly fee of $6.0 million is unchanged.")
    assert (c.provider.name, c.term.end, c.capacity.mw, c.monthly_fee.amount) == (FILER, "2030-06-30", 45, 6_000_000)


def test_a_later_paragraph_about_a_defined_agreement_takes_the_parties_of_its_definition():
    c = one("In March 2027, we entered into a Master Services Agreement (the \"MSA\") with Tollund Analytics Group, Inc. "
            "(\"Tollund\") to provide a dedicated, managed GPU cluster at our Duluth facility.\n\n"
            "We financed the purchase of the related servers with a $300 million delayed-draw term loan, which matures "
            "in 2031.\n\n"
            "The MSA has an initial term of thirty months, and Tollund may extend it for one additional year. Tollund may "
            "terminate the MSA for convenience on 120 days' notice upon payment of an early termination fee.")
    assert (c.provider.name, c.customer.name, c.term.months, c.termination_notice.days) == (
        FILER, "Tollund Analytics Group, Inc.", 30, 120)


def test_a_balance_at_a_date_and_an_amount_of_the_quarter_are_no_totals():
    c = one("In October 2026, we entered into a capacity agreement under which Granby Halo Cloud LP makes available to us "
            "a reserved cluster of GPU instances. We will pay Granby Halo $6.5 million per quarter through December 2028. "
            "As of September 30, 2027, our remaining commitment under the agreement was $32.5 million.")
    assert (c.fee.amount, c.fee.period, c.total_value) == (6_500_000, "quarter", None)
    c = one("Revenue from our agreement with Kessing Brook Labs, Inc., which pays us $380,000 per month for 800 kW of "
            "capacity through May 2029, was $1.1 million for the quarter.")
    assert (c.monthly_fee.amount, c.total_value) == (380_000, None)


def test_a_remaining_commitment_without_a_date_and_a_discount_for_the_first_months_still_count():
    c = one("The Company has a remaining commitment of $212 million under its cloud computing agreement with Microsoft, "
            "which runs through the end of 2028.")
    assert c.total_value.amount == 212_000_000


def test_an_order_forms_commitment_term_is_a_term_not_a_total():
    c = one("ORDER FORM No. 7 under Master Cloud Agreement\n\nProvider: Orion Compute, Inc.\nCustomer: Fenwick Media LLC\n"
            "Service: Reserved bare-metal GPU nodes (512 GPUs total)\nMonthly Commitment: $1,100,000, billed monthly in advance\n"
            "Commitment Term: 12 months from the Service Start Date\n")
    assert (c.monthly_fee.amount, c.term.months, c.total_value) == (1_100_000, 12, None)


def test_two_agreements_announced_then_taken_up_one_by_one_and_remarks_in_quotes_left_out():
    found = contracts_of(
        "DALLAS, Nov. 3, 2026 -- Orion Compute, Inc. today announced two new long-term AI infrastructure agreements at "
        "its Sweetwater campus, bringing total contracted critical IT capacity at the site to 180 MW.\n\n"
        "The first agreement is a ten-year lease and services contract with Merrow Arc Technologies, Inc. for 100 MW of "
        "critical IT capacity. The contract has an aggregate contract value of approximately $3.1 billion over the "
        "ten-year term.\n\n"
        "The second agreement, with Tolland Robotics GmbH, covers 20 MW of liquid-cooled capacity for a five-year term "
        "and is expected to generate approximately $450 million of revenue over that period.\n\n"
        "\"Two signed contracts in a single quarter validate our strategy,\" said the Chief Executive Officer. \"We now "
        "have line of sight to over $4 billion in contracted revenue.\"")
    assert [(c.provider.name, c.customer.name, c.capacity.mw, c.total_value.amount) for c in found] == [
        (FILER, "Merrow Arc Technologies, Inc.", 100, 3_100_000_000), (FILER, "Tolland Robotics GmbH", 20, 450_000_000)]


def test_free_rent_that_ends_on_a_date_capex_and_rpo_as_of_a_date_are_not_the_contracts():
    c = one("In the second quarter of 2026, we signed a lease with Cirrus Neocloud, Inc. for 20 MW of critical IT capacity "
            "in our Palmetto facility. The lease has an initial term of 10 years, with base rent of $3.1 million per "
            "month; Cirrus received six months of free rent, which ends on March 31, 2027. We expect to spend "
            "approximately $2.5 billion to purchase the GPUs. Remaining performance obligations as of September 30, "
            "2026, including amounts under the Cirrus lease, were $1.7 billion.")
    assert (c.customer.name, c.term.months, c.term.end, c.total_value) == ("Cirrus Neocloud, Inc.", 120, None, None)


def test_a_contract_tables_capacity_column_in_kw_takes_its_unit_from_the_header():
    found = contracts_of("The table below lists each of our customer contracts with a total contract value of more than "
                         "$50 million:\n\nCustomer | Capacity (kW) | GPUs | Term | Total contract value\n"
                         "Marlowe Capital Partners | 1,800 | 960 | 36 months | $118 million\n"
                         "Oakmere Genomics Institute | 900 | 512 | 24 months | $61 million\n")
    assert [(c.customer.name, c.capacity and c.capacity.mw, c.total_value.amount) for c in found] == [
        ("Marlowe Capital Partners", 1.8, 118_000_000), ("Oakmere Genomics Institute", 0.9, 61_000_000)]


def test_a_paragraph_whose_subject_is_another_named_company_is_its_own_deal():
    found = contracts_of("During the quarter we signed two new reserved-capacity agreements, one with Ormsley Biosciences "
                         "LLC and one with Drift Nine Games Ltd.\n\nUnder the agreement with Ormsley Biosciences, we will "
                         "provide 640 GPUs in a dedicated cluster. Ormsley will pay $8.0 million per quarter, and the "
                         "agreement runs until June 2028.\n\nDrift Nine Games has reserved 256 GPUs for an 18-month term, at "
                         "a fee of $2.5 million per quarter. Capacity will be delivered in two phases.")
    assert [(c.customer.name.removesuffix(" Ltd"), c.fee.amount) for c in found] == [
        ("Ormsley Biosciences LLC", 8_000_000), ("Drift Nine Games", 2_500_000)]


def test_capacity_in_words_with_tens():
    c = one("\"Contracted Capacity\" means twenty-four megawatts of critical IT load, which Orion Compute, Inc. makes "
            "available to Larch Labs, Inc. for a monthly fee of $3.0 million.")
    assert c.capacity.mw == 24


@pytest.mark.parametrize("text", [
    "On May 14, 2026, our subsidiary Orion Campus Issuer LLC issued $1.5 billion aggregate principal amount of 7.0% "
    "senior secured notes due 2033, secured by our 200 MW campus. The issuer may redeem the notes upon not less than 15 "
    "nor more than 60 days' notice to the holders.",
    "In November 2027, we entered into a supply and allocation agreement with Calder Semiconductor Corporation under "
    "which Calder has agreed to allocate to us up to 50,000 accelerators for delivery during 2028 and 2029.",
    "In June 2026 we entered into a managed operations agreement with Quill Cloud, Inc., under which we will staff its "
    "80 MW data center for a fixed management fee of $2.1 million per month for a three-year term.",
    "Our contracts with hyperscale customers may contain provisions that permit them to terminate early, in some cases "
    "on as little as twelve months' notice.",
])
def test_notes_chip_allocations_facility_staffing_and_general_termination_risks_are_no_contract(text):
    assert contracts_of(text) == []


def test_one_agreements_termination_right_alone_is_still_a_contract():
    c = one("The customer may terminate the Colocation Agreement for convenience upon 180 days' notice, subject to an early "
            "termination fee.")
    assert (c.termination_notice.days, c.termination_notice.party) == (180, "customer")


def test_a_later_paragraph_that_names_the_counterparty_by_its_short_name_fills_the_contract():
    c = one("In May 2026 our largest customer, Brightfin Models, Inc. (\"Brightfin\"), signed a 15-year lease for 150 MW of "
            "critical IT capacity across the first three buildings of our Medicine Bow campus.\n\n"
            "During 2026 we also completed the redemption of our 9.00% convertible notes due 2027.\n\n"
            "The Brightfin lease provides for base rent of $11.2 million per month once all three buildings are delivered.")
    assert (c.customer.name, c.term.months, c.monthly_fee.amount) == ("Brightfin Models, Inc.", 180, 11_200_000)


def test_the_company_will_provide_and_a_counterparty_named_by_role_under_an_announcement_of_two():
    found = contracts_of("On July 7, 2027, Orion Compute, Inc. (the \"Company\") entered into two GPU cloud services "
                         "agreements. The first is with Ravenhill Media Group, Inc. (\"Ravenhill\"), under which the Company "
                         "will provide a dedicated cluster of 4,096 GPUs for a term of twenty (20) months at a monthly fee of "
                         "$5.0 million. The second is with Pinecrest Logistics LLC (the \"Second Counterparty\"); the "
                         "counterparty has committed to pay an aggregate of approximately $90 million for 1,024 GPUs over "
                         "thirty (30) months.")
    assert [(c.provider.name, c.customer.name) for c in found] == [
        (FILER, "Ravenhill Media Group, Inc."), (FILER, "Pinecrest Logistics LLC")]


def test_an_unnamed_customer_of_a_listed_item_is_not_named_after_an_earlier_item():
    found = contracts_of("Our largest customer agreements are: (1) a two-year agreement with Wexley Analytics, Inc. for "
                         "4,096 GPUs, with aggregate committed payments of approximately $300 million; and (2) an "
                         "eighteen-month capacity commitment with a Fortune 100 financial institution under which the "
                         "customer has committed to pay a minimum of $8.0 million per quarter.")
    assert [(c.provider.name, c.customer and c.customer.name) for c in found] == [
        (FILER, "Wexley Analytics, Inc."), (FILER, None)]


@pytest.mark.parametrize("tail", [
    "The capacity is expected to come online in two phases, in June 2027 and October 2027.",
    "Capacity will be delivered in six phases of 20 MW each between 2027 and 2030.",
    "Larch also holds a right of first offer, exercisable through December 31, 2027, on an additional 30 MW.",
])
def test_delivery_phases_and_option_deadlines_are_no_term_end(tail):
    c = one("In March 2027, we entered into a five-year colocation agreement with Larch Labs, Inc. for 120 MW of critical "
            "IT load at a monthly fee of $9.0 million. " + tail)
    assert (c.term.months, c.term.end) == (60, None)


def test_the_sentence_that_opened_the_agreement_names_the_counterparty_the_later_sentences_call_by_role():
    c = one("In October 2025, we entered into a definitive agreement with Gannet Systems LLC for the lease of the entirety "
            "of our Lubbock facility. The counterparty will occupy 96 MW of critical IT load across two buildings. Base "
            "fees under the agreement are $12.0 million per month, and the initial term is fifteen years.")
    assert (c.provider.name, c.customer.name, c.monthly_fee.amount, c.term.months) == (
        FILER, "Gannet Systems LLC", 12_000_000, 180)


def test_an_ai_lab_named_in_a_build_to_suit_lease_is_the_tenant():
    c = one("In 2025 we signed a build-to-suit lease with OpenAI OpCo, LLC for a 1.2 GW campus in Texas, with an initial "
            "term of fifteen years and expected aggregate rent of approximately $22 billion over that term.")
    assert (c.provider.name, c.customer.name, c.capacity.mw) == (FILER, "OpenAI OpCo, LLC", 1200)


def test_a_tcv_bullet_an_expected_receipt_and_parties_named_with_as_their_role():
    c = one("AUSTIN, Texas, Jan. 6, 2027 -- Orion Compute, Inc. today announced a multi-year agreement with Pellam Code, "
            "Inc., a developer of AI coding agents. Key terms:\n\n- Total contract value (TCV): approximately $1.05 billion\n"
            "- Term: 42 months, beginning in the second quarter of 2027\n- Infrastructure: approximately 9,000 GPUs\n")
    assert (c.customer.name, c.total_value.amount, c.term.months) == ("Pellam Code, Inc.", 1_050_000_000, 42)
    c = one("In May 2027, Aurel Thought Systems, LLC agreed to expand its use of our Fort Stockton facility by 6,144 GPUs "
            "under a new order that ends in February 2031. We expect to receive approximately $600 million under the new "
            "order over its term.")
    assert c.total_value.amount == 600_000_000
    c = one("On July 30, 2027, Orion Compute, Inc., as customer, and Helmsley Basin Energy & Compute, Inc., as provider, "
            "entered into a capacity agreement for 50 MW with a term of 96 months. Orion will pay $8.0 million per month.")
    assert (c.provider.name, c.customer.name) == ("Helmsley Basin Energy & Compute, Inc.", FILER)


def test_a_tables_our_role_column_says_which_side_the_filer_is_on_in_each_row():
    found = contracts_of("The following table summarizes the material agreements we entered into during the quarter:\n\n"
                         "Agreement | Counterparty | Our role | Scope | Monthly amount | Term\n"
                         "Data Center Services Agreement | Blackmoor Data Centers, LLC | Customer | 20 MW of critical IT "
                         "capacity | $3.2 million | 10 years\n"
                         "GPU Cloud Services Agreement | Marrow Intelligence, Inc. | Provider | 6,000 GPUs | $17.5 million | 4 years\n")
    assert [(c.provider.name, c.customer.name, c.term.months) for c in found] == [
        ("Blackmoor Data Centers, LLC", FILER, 120), (FILER, "Marrow Intelligence, Inc.", 48)]
    assert found[0].capacity.mw == 20


def test_a_key_value_table_without_party_cells_takes_the_parties_of_the_paragraph_before_it():
    c = one("<p>Stockholm, 2 October 2025 - Orion Compute, Inc. (\"Orion\") has signed an agreement with Oriel Models, Inc. "
            "for dedicated AI compute capacity at Orion's Boden campus. Summary of the agreement:</p><table><tr><td>Capacity"
            "</td><td>20 MW</td></tr><tr><td>Contract value</td><td>SEK 6.0 billion</td></tr><tr><td>Contract term</td><td>"
            "Six years</td></tr></table>")
    assert (c.provider.name, c.customer.name, c.total_value.amount, c.term.months) == (FILER, "Oriel Models, Inc.", 6e9, 72)


def test_the_paragraph_after_a_contract_table_gives_the_row_it_names_its_notice():
    c = one("<p>Orion Compute, Inc. announces that it has entered into a multi-year contract to supply dedicated GPU compute "
            "to Ardell Neural Ltd.</p><table><tr><th>Customer</th><th>GPUs</th><th>Contract value</th><th>Term</th></tr><tr>"
            "<td>Ardell Neural Ltd.</td><td>4,096</td><td>$412 million</td><td>Three years</td></tr></table><p>Ardell Neural "
            "may terminate the contract on three months' notice following the first contract year.</p>")
    assert (c.customer.name, c.term.months, c.termination_notice.days, c.termination_notice.party) == (
        "Ardell Neural Ltd.", 36, 90, "customer")


def test_the_gpus_a_contract_states_with_their_model_beside_the_capacity_in_mw():
    c = one("Under the agreement we provide Pellham Labs, Inc. with a dedicated cluster of 16,384 NVIDIA GB300 GPUs, "
            "supported by 25 MW of critical IT load, for $28.0 million per month.")
    assert (c.gpus.count, c.gpus.model, c.capacity.mw) == (16_384, "GB300", 25)
    c = one("Orion Compute, Inc. will provide Tamsin Labs, Inc. with 2,048 GPUs for a monthly fee of $3.1 million.")
    assert (c.gpus.count, c.gpus.model) == (2048, None)


def test_a_gpu_column_of_a_contract_table_gives_each_row_its_count():
    found = contracts_of("Customer | GPUs | Term | Total contract value\nMarrowgate Capital Partners | 960 | 36 months | "
                         "$118 million\nOakbridge Genomics Institute | 512 | 24 months | $61 million\n")
    assert [c.gpus.count for c in found] == [960, 512]


@pytest.mark.parametrize("text", [
    "In the second quarter of 2026, we entered into an equipment lease agreement with Alden Leasing Corp. covering GPU "
    "servers with an aggregate cost of approximately $160 million. The lease has a term of 48 months and requires "
    "payments of approximately $3.6 million per month, after which title to the equipment transfers to us.",
    "On October 19, 2026, Orion Compute, Inc. (the \"Company\") entered into an Investment Agreement with Cirran "
    "Technologies, Inc., under which Cirran purchased preferred stock for $300 million. The parties also agreed to "
    "negotiate in good faith a commercial agreement under which the Company may provide Cirran with up to 50 MW; no "
    "commercial agreement has been entered into.",
    "On October 8, 2026, the Company issued to Orrin, Inc. a warrant to purchase up to 9,000,000 shares of common stock, "
    "vesting as Orrin contracts for incremental capacity, with the final tranche when its contracted capacity reaches 1 GW.",
    "In December 2025, we entered into an economic development agreement with Pawley County, under which we committed to "
    "energize at least 150 MW of load by December 31, 2028 at our data center.",
    "On November 2, 2026, the Company delivered notice to Beacon Labs Corp. terminating the GPU Hosting Agreement, under "
    "which the Company provided Beacon with 1,024 GPUs for approximately $2.9 million per month.",
    "In 2025, Marlin Vale LLC, a former customer, terminated its colocation agreement with us covering 10 MW, which had "
    "provided for fees of approximately $2.2 million per month through 2032.",
])
def test_equipment_leases_investments_warrants_incentives_and_ended_agreements_are_no_contract(text):
    assert contracts_of(text) == []


def test_the_group_is_the_filer():
    c = one("The Group provides Ostrava Telecom S.A. with 5 MW of data centre capacity at Lisbon North for EUR 900,000 per "
            "month under a five-year data centre services contract.")
    assert (c.provider.name, c.provider.is_filer, c.customer.name) == (FILER, True, "Ostrava Telecom S.A.")


def test_bullets_under_an_announcement_of_two_contracts_and_a_table_with_an_uncontracted_row():
    found = contracts_of("Orion Compute Signs Two Sovereign AI Cloud Contracts\n\nSYDNEY, 14 October 2026 -- Orion Compute, "
                         "Inc. today announced two new contracts for its GPU cloud in Western Sydney:\n\n"
                         "- Kallisto Robotics Pty Ltd: 1,024 GPUs for 24 months at A$4.0 million per month\n"
                         "- Marwell Genomics Ltd: 512 GPUs for 12 months at A$1.8 million per month\n")
    assert [(c.provider.name, c.customer.name, c.gpus.count, c.term.months) for c in found] == [
        (FILER, "Kallisto Robotics Pty Ltd", 1024, 24), (FILER, "Marwell Genomics Ltd", 512, 12)]
    found = contracts_of("Significant customer contracts at our Ashburn campuses:\n\nCustomer | Site | Contracted MW | Term | "
                         "Monthly fee\nPellam Labs, Inc. | Ashburn 2 | 18 MW | 7 years | $4.8 million\nUncontracted | "
                         "Ashburn 3 | 11 MW | — | —\nTotal | | 29 MW | |\n")
    assert [(c.customer.name, c.capacity.mw) for c in found] == [("Pellam Labs, Inc.", 18)]


def test_a_loan_secured_by_gpus_and_customer_contracts_is_no_contract():
    assert contracts_of("On August 30, 2026, our subsidiary Orion SPV I, LLC entered into a $1.5 billion delayed draw term "
                        "loan facility with a syndicate of lenders. Borrowings are secured by approximately 30,000 GPUs and "
                        "by the SPV's rights under its customer contracts.") == []


def test_phases_options_and_a_minimum_commitment_as_the_text_states_them():
    c = one("Under the agreement, Orion Compute, Inc. will host and operate a 30 MW AI compute deployment for Fjordmark "
            "Intelligence AS at its Rjukan campus. Capacity will be delivered in two phases, with 12 MW expected to be "
            "ready for service in the second quarter of 2027 and the remaining 18 MW in the first quarter of 2028. "
            "Fjordmark may request up to 20 MW of additional capacity at the campus. Fjordmark has committed to pay a "
            "minimum of $9.0 million per quarter.")
    assert c.capacity.mw == 30
    assert [(p.mw, p.date) for p in c.phases] == [(12, "2027"), (18, "2028")]
    assert [o.mw for o in c.options] == [20]
    assert (c.minimum_commitment.amount, c.minimum_commitment.period) == (9_000_000, "quarter")


def test_no_phases_from_phases_of_equal_size_and_no_minimum_where_none_is_stated():
    c = one("Orion Compute, Inc. will deliver 1.2 GW to Larchmont Labs, Inc. in six phases of 200 MW each between 2027 and "
            "2030 under a fifteen-year lease at a monthly fee of $90 million.")
    assert (c.phases, c.options, c.minimum_commitment) == ([], [], None)


def test_a_list_of_two_agreements_and_a_letter_of_intent_gives_the_two_agreements():
    found = contracts_of("During November 2026, Orion Compute, Inc. (the \"Company\") entered into two definitive customer "
                         "agreements and one letter of intent:\n\n(1) a colocation agreement with Farrow Systems, Inc. for 10 MW "
                         "at the Company's Big Spring campus, with a five-year term and a monthly fee of $2.4 million;\n\n"
                         "(2) a GPU cloud agreement with Quenton Analytics LLC for 1,000 GPUs over a two-year term, with total "
                         "contract value of approximately $140 million; and\n\n(3) a non-binding letter of intent with Halbert "
                         "Aerospace Corp. for up to 30 MW of capacity for a proposed term of seven years.")
    assert [(c.provider.name, c.customer.name) for c in found] == [
        (FILER, "Farrow Systems, Inc."), (FILER, "Quenton Analytics LLC")]


def test_electricity_billed_separately_is_no_look_alike_and_a_schedule_that_forms_part_of_an_agreement():
    c = one("In May 2026, the Group entered into a data centre services agreement with Rheinfeld Pharma AG for 3.6 MW of "
            "capacity at its Zurich campus. The agreement runs until 31 December 2030, and Rheinfeld pays a fixed monthly fee "
            "of CHF 1.0 million, with electricity invoiced separately. Rheinfeld may terminate the agreement by giving 180 "
            "days' notice.")
    assert (c.term.end, c.fee.amount, c.termination_notice.days) == ("2030-12-31", 1_000_000, 180)
    c = one("CAPACITY SERVICES AGREEMENT — SCHEDULE 2 (FEES AND TERM)\n\nThis Schedule 2 forms part of the Capacity Services "
            "Agreement between Orion Compute, Inc. (\"Provider\") and Oxley Cognitive Corp. (\"Customer\").\n\n"
            "2.1 Contracted Capacity. 16 MW of critical IT load in Hall A.\n\n2.2 Monthly Capacity Fee. Four Million "
            "Dollars ($4,000,000) per month.\n\n2.4 Term. Eighty-four (84) months from the Commencement Date.\n")
    assert (c.customer.name, c.monthly_fee.amount, c.term.months, c.capacity.mw) == ("Oxley Cognitive Corp.", 4_000_000, 84, 16)


def test_an_employment_agreement_of_a_data_center_company_is_no_contract():
    assert contracts_of("EXHIBIT 10.7\n\nEMPLOYMENT AGREEMENT\n\nThis Employment Agreement is entered into as of March 1, 2027 "
                        "by and between Orion Data Centers, Inc. (the \"Company\") and Jane Roe (\"Executive\").\n\n"
                        "2.1 Term. This Agreement shall continue for three (3) years from the Effective Date.\n\n"
                        "3.1 Base Salary. Executive shall receive a base salary of $500,000 per year.\n",
                        filer="Orion Data Centers, Inc.") == []


def test_an_investor_update_of_averages_and_totals_is_no_contract():
    assert contracts_of("Orion Compute Investor Update\n\n- Contracted backlog of $17.0 billion, up from $6.0 billion a year ago\n"
                        "- 600 MW contracted across five customers\n- Average contracted pricing of approximately $140 per kW "
                        "per month\n") == []
