"""Who provides and who buys, one rule at a time."""

import pytest

from extractor.rules.link.direction import is_filer_name, resolve_sides
from extractor.rules.link.parties import PartyContext

FILER = "Welkin Compute Corp."


def sides(text, kind="compute_services", roles=None, entities=frozenset(), aliases=None):
    ctx = PartyContext(filer_name=FILER, aliases=aliases or {}, roles=roles or {}, filer_entities=entities)
    s = resolve_sides(text, (), ctx, kind)
    return (s.provider and (s.provider.name, s.provider.is_filer), s.customer and (s.customer.name, s.customer.is_filer))


@pytest.mark.parametrize(
    "text, provider, customer",
    [
        # who pays whom
        ("Halvard Labs has agreed to pay us $9 million per month.", (FILER, True), ("Halvard Labs", False)),
        ("We are obligated to pay Nimbus Grid $3 million each month.", ("Nimbus Grid", False), (FILER, True)),
        ("The order requires Tessel to pay Nimbus Grid LLC $4 million per quarter.", ("Nimbus Grid LLC", False), ("Tessel", False)),
        # who supplies whom
        ("We provide Halvard Research, Inc. with dedicated GPU capacity.", (FILER, True), ("Halvard Research, Inc.", False)),
        ("We entered into a 15-year agreement to provide 1 GW of capacity to Titanic Models, Inc.", (FILER, True),
         ("Titanic Models, Inc.", False)),
        ("Nimbus Grid provides us with computing capacity.", ("Nimbus Grid", False), (FILER, True)),
        # who contracted for capacity
        ("We have contracted for 1,200 megawatts of capacity with Redline Data Centers.", ("Redline Data Centers", False),
         (FILER, True)),
        # the filer's selling words
        ("We signed leases totaling 96 MW with a single hyperscale customer.", (FILER, True), None),
        # the filer buying
        ("We committed to spend $300 million with Amazon Web Services over five years.", ("Amazon Web Services", False),
         (FILER, True)),
        # one side of the passive: to whom; "our" says who supplies
        ("Approximately 40 MW at our two Ohio sites is being made available to Pardoe Systems, Inc. under a five-year "
         "agreement.", (FILER, True), ("Pardoe Systems, Inc.", False)),
        ("GPU capacity will be delivered to Pardoe Systems, Inc. under a five-year agreement.", None, ("Pardoe Systems, Inc.", False)),
        # "our hosting agreement with X" with nothing else to go by: the speaker hosts; "we pay" says otherwise
        ("We amended our HPC hosting agreement with Tarrow AI, Inc. to raise the contracted capacity to 85 MW.",
         (FILER, True), ("Tarrow AI, Inc.", False)),
        ("Under our hosting arrangement with Brisk Data Centers, LLC, we pay a fixed fee of $85,000 each month.",
         ("Brisk Data Centers, LLC", False), (FILER, True)),
        # a date after "from" is no seller: "extend its expiration from December 31, 2027"
        ("On April 2, 2026, we and Juniper Reasoning Corp. amended the agreement to extend its expiration from December 31, "
         "2027 to December 31, 2030, and the quarterly service fee for our dedicated cluster increased.", (FILER, True),
         ("Juniper Reasoning Corp.", False)),

        # "the Corporation" is the filer, as "the Company" is
        ("Maplewood Vision Inc. will pay the Corporation CAD 2.1 million per month for dedicated GPUs.", (FILER, True),
         ("Maplewood Vision Inc.", False)),
        # the occupant in the past tense
        ("We signed three new leases during 2026. Sorrell Streaming Inc. leased 12 MW at Sterling Ridge for ten years.",
         (FILER, True), ("Sorrell Streaming Inc.", False)),
        # a relative clause: "X, which ... pays us"
        ("We use that space to serve Tamber Otter AI, Inc., which, under a three-year agreement signed in January 2027, "
         "pays us $13.0 million per month.", (FILER, True), ("Tamber Otter AI, Inc.", False)),
        # the filer's short name
        ("Welkin will supply Pinecone Robotics with access to 24,000 accelerators.", (FILER, True), ("Pinecone Robotics", False)),
    ],
)
def test_direction(text, provider, customer):
    assert sides(text) == (provider, customer)


def test_defined_roles_win_and_role_only_sides_stay_empty():
    roles = {"customer": "Quartzline Labs, Inc.", "provider": "Redwood Racks LLC"}
    assert sides("Customer shall pay Provider the fees.", roles=roles) == (("Redwood Racks LLC", False), ("Quartzline Labs, Inc.", False))
    assert sides("The Customer shall pay to Welkin a monthly fee.") == ((FILER, True), None)


def test_a_subsidiary_of_the_filer_is_the_filer_side():
    assert sides("Orvis pays Brightgrid, a Welkin company, $2 million per month.", entities=frozenset({"Brightgrid"})) == (
        ("Brightgrid", True), ("Orvis", False))


def test_filer_name_forms():
    assert is_filer_name("Welkin", FILER) and is_filer_name("Welkin Compute Corp.", FILER)
    assert not is_filer_name("Welk", FILER) and not is_filer_name("Welkin", None)


def test_from_and_a_lower_case_word_is_not_buying_from_someone():
    # "a term of four years from acceptance": "from" + a capital letter names a seller, a lower-case
    # word does not (the buyer-word pattern is case-insensitive, its capital is not)
    from extractor.rules.link import direction

    assert direction._BUYER_WORDS.search("a term of four years from acceptance") is None
    assert direction._BUYER_WORDS.search("capacity we reserved from Lattice Cloud") is not None


def test_an_agreement_to_provide_capacity_to_a_named_customer():
    text = ("Welkin announced a three-year, $540 million agreement to provide dedicated GPU cloud capacity to "
            "Orrery Labs, Inc.")
    assert sides(text) == ((FILER, True), ("Orrery Labs, Inc.", False))
