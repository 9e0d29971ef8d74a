"""Deals across filings as pure functions: name keys, deal identity, history, any order."""

from __future__ import annotations

from itertools import permutations

import pytest
from deals_support import NEBULA_CURRENT, NEBULA_EVENTS, NEBULA_FORMS, fixture_results

from extractor.deals import build_deals, facts_from_results
from extractor.deals.identity import ContractFact, group_key
from extractor.deals.names import name_key
from extractor.models import Contract, Evidence, Facility, FilingMeta, FilingResult, Party, TerminationNotice, TotalValue


@pytest.mark.parametrize(
    "a, b",
    [
        ("Microsoft", "Microsoft Corporation"),
        ("MSFT", "Microsoft Corp."),
        ("Anthropic", "Anthropic PBC"),
        ("Nebula Cloud", "Nebula Cloud, Inc."),
        ("Orbital Labs, L.L.C.", "Orbital Labs LLC"),
        ("The Coca-Cola Company", "Coca-Cola Co."),
        ("AWS", "Amazon Web Services, Inc."),
        ("HALVARD COMPUTE CORP.", "Halvard Compute Corp."),
    ],
)
def test_spellings_of_one_company_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    "a, b",
    [("Nebula Cloud", "Nebula Cloud Holdings Ltd."), ("Amazon", "Amazon Web Services"), ("Microsoft", "Meta Platforms")],
)
def test_look_alike_companies_keep_their_own_keys(a, b):
    assert name_key(a) != name_key(b)


def _evidence(text: str) -> Evidence:
    return Evidence(section="item_1_01", start=0, end=len(text), text=text)


def _result(sha: str, form: str, filed: str, *, provider: Party, customer: Party, company="Halvard Compute Corp.", **terms) -> FilingResult:
    contract = Contract(id=f"c-{sha[:6]}", kind="compute_services", provider=provider, customer=customer, confidence=0.9, **terms)
    meta = FilingMeta(sha256=sha * 8, form=form, filed=filed, accession=f"0001-{filed}", company=company, source=f"{sha}.txt")
    return FilingResult(filing=meta, contracts=[contract])


def _total(amount: float) -> TotalValue:
    return TotalValue(amount=amount, text=f"${amount:,.0f}", evidence=_evidence(f"The total is ${amount:,.0f}."))


def _notice(days: int) -> TerminationNotice:
    return TerminationNotice(days=days, party="either", text=f"{days} days' notice", evidence=_evidence(f"On {days} days' notice."))


def _facility(name: str) -> Facility:
    return Facility(name=name, text=name, evidence=_evidence(f"At the {name} campus."))


FILER = Party(name="Halvard Compute Corp.", is_filer=True)


def test_we_the_company_and_a_subsidiary_are_the_filer():
    customer = Party(name="Anthropic PBC")
    results = [
        _result("aaaaaaaa", "S-1", "2025-01-02", provider=Party(name=None, is_filer=True), customer=customer, total_value=_total(1e9)),
        _result("bbbbbbbb", "10-Q", "2025-05-02", provider=Party(name="the Company"), customer=Party(name="Anthropic")),
        _result("cccccccc", "10-K", "2026-02-02", provider=Party(name="Halvard Cloud Services LLC", is_filer=True), customer=customer),
    ]
    keys = {group_key(ContractFact(r.filing, c)) for r in results for c in r.contracts}
    assert keys == {"provider|halvard compute|anthropic"}
    (deal,) = build_deals(facts_from_results(results))
    assert (deal.provider, deal.customer, len(deal.statements)) == ("Halvard Compute Corp.", "Anthropic PBC", 3)


def test_the_filers_side_and_the_facility_keep_deals_apart():
    customer = Party(name="Nebula Cloud, Inc.")
    results = [
        _result("aaaaaaaa", "10-Q", "2025-05-02", provider=FILER, customer=customer, facility=_facility("Tamarack")),
        _result("bbbbbbbb", "10-Q", "2025-08-02", provider=FILER, customer=customer, facility=_facility("Brightwater")),
        # the filer buying from Nebula Cloud is another deal
        _result("cccccccc", "10-Q", "2025-08-02", provider=Party(name="Nebula Cloud"), customer=Party(name="we", is_filer=True)),
    ]
    deals = build_deals(facts_from_results(results))
    assert len(deals) == 3 and len({d.deal_id for d in deals}) == 3
    assert sorted(d.filer_side for d in deals) == ["customer", "provider", "provider"]


def test_a_filing_without_a_facility_joins_the_one_facility_deal_of_its_group():
    customer = Party(name="Nebula Cloud, Inc.")
    results = [
        _result("aaaaaaaa", "S-1", "2025-05-02", provider=FILER, customer=customer, facility=_facility("Tamarack")),
        _result("bbbbbbbb", "10-Q", "2025-08-02", provider=FILER, customer=customer, total_value=_total(2e9)),
    ]
    (deal,) = build_deals(facts_from_results(results))
    assert deal.subject == "tamarack" and len(deal.statements) == 2


def test_an_amendment_supersedes_what_it_amends():
    customer = Party(name="Nebula Cloud, Inc.")
    results = [
        _result("aaaaaaaa", "S-1", "2025-09-02", provider=FILER, customer=customer, total_value=_total(2.4e9), termination_notice=_notice(90)),
        _result("bbbbbbbb", "S-1/A", "2025-09-22", provider=FILER, customer=customer, total_value=_total(2.9e9)),
    ]
    (deal,) = build_deals(facts_from_results(results))
    original, amendment = deal.statements
    assert original.superseded_by == amendment.accession and amendment.supersedes == original.accession
    assert deal.value("total_value") == 2.9e9
    assert deal.value("notice_days") is None  # stated only by the superseded S-1
    (event,) = deal.events
    assert (event.field, event.change, event.old.value, event.new.value, event.amendment) == ("total_value", "raised", 2.4e9, 2.9e9, True)


def test_the_latest_filing_that_states_a_field_gives_its_current_value():
    customer = Party(name="Nebula Cloud, Inc.")
    results = [
        _result("aaaaaaaa", "S-1", "2025-09-02", provider=FILER, customer=customer, total_value=_total(2.4e9), termination_notice=_notice(90)),
        _result("bbbbbbbb", "10-Q", "2025-11-12", provider=FILER, customer=customer, termination_notice=_notice(60)),
        _result("cccccccc", "10-K", "2026-03-01", provider=FILER, customer=customer),
    ]
    (deal,) = build_deals(facts_from_results(results))
    assert deal.value("total_value") == 2.4e9 and deal.value("notice_days") == 60
    assert deal.current_from["total_value"] == "aaaaaaaa" * 8
    assert [(e.field, e.change, e.old.value, e.new.value) for e in deal.events] == [("notice_days", "shortened", 90, 60)]


def test_a_party_the_deal_has_not_named_before_is_a_new_party_event():
    customer = Party(name="Nebula Cloud, Inc.")
    subsidiary = Party(name="Halvard Cloud Services LLC", is_filer=True)
    results = [
        _result("aaaaaaaa", "S-1", "2025-09-02", provider=Party(name="the Company"), customer=customer),
        _result("bbbbbbbb", "10-Q", "2025-11-12", provider=subsidiary, customer=customer,
                termination_notice=TerminationNotice(days=90, text="90 days", evidence=_evidence("Halvard Cloud Services LLC provides the capacity on 90 days' notice."))),
        _result("cccccccc", "10-K", "2026-03-01", provider=FILER, customer=Party(name="Nebula Cloud")),  # names seen before: no event
    ]
    (deal,) = build_deals(facts_from_results(results))
    (event,) = deal.events
    assert (event.field, event.change, event.old.value, event.new.value, event.form) == (
        "provider", "new party", "Halvard Compute Corp.", "Halvard Cloud Services LLC", "10-Q")
    assert "Halvard Cloud Services LLC provides" in event.new.evidence.text and event.old.evidence is None


def test_the_fixture_deal_is_one_deal_with_five_filings():
    deals = build_deals(facts_from_results(fixture_results().values()))
    assert len(deals) == 2
    nebula, holdings = deals
    assert (nebula.customer, holdings.customer) == ("Nebula Cloud, Inc.", "Nebula Cloud Holdings Ltd.")
    assert [s.form for s in nebula.statements] == NEBULA_FORMS
    assert {f: nebula.value(f) for f in NEBULA_CURRENT} == NEBULA_CURRENT
    assert [(e.field, e.change, e.old.value, e.new.value, e.form) for e in nebula.events] == NEBULA_EVENTS
    assert nebula.provider == "HALVARD COMPUTE CORP." and nebula.filer_side == "provider"
    assert [s.form for s in holdings.statements] == ["424B4", "10-Q"] and holdings.events == []
    assert holdings.value("capacity_mw") == 20.0 and holdings.kind == "colocation"
    for deal in deals:  # every value points at the sentence it came from, in a filing of the deal
        shas = {s.filing_sha256 for s in deal.statements}
        assert all(deal.current_from[f] in shas and v.evidence.text for f, v in deal.current.items())


def test_every_order_of_the_filings_gives_the_same_deals():
    results = list(fixture_results().values())
    expected = [d.model_dump() for d in build_deals(facts_from_results(results))]
    for order in permutations(results):
        facts = facts_from_results(order)
        assert [d.model_dump() for d in build_deals(facts)] == expected
        assert [d.model_dump() for d in build_deals(facts[::-1])] == expected
