"""Parties: defined terms, roles, filer subsidiaries, name forms."""

from extractor.rules.link.parties import filer_definition, filer_subsidiaries, read_definitions
from extractor.rules.normalize.names import expand_name, looks_like_name, proper_names


def test_defined_short_names_and_roles():
    text = ('This Hosting Agreement is entered into by and between Quartzline Labs, Inc., a Delaware corporation '
            '("Customer"), and Redwood Racks LLC, a limited liability company ("Provider"). '
            'Quartzline Labs, Inc. ("Quartzline") agrees to pay.')
    aliases, roles, filer = read_definitions(text)
    assert roles == {"customer": "Quartzline Labs, Inc.", "provider": "Redwood Racks LLC"}
    assert aliases["Quartzline"] == "Quartzline Labs, Inc."
    assert filer is None


def test_filer_defined_as_we():
    text = 'Welkin Compute Corp. ("Welkin," the "Company," "we" or "us") operates GPU clusters.'
    assert read_definitions(text)[2] == "Welkin Compute Corp."
    assert filer_definition("Cover page.\n\n" + text) == "Welkin Compute Corp."


def test_subsidiaries_of_the_filer():
    assert filer_subsidiaries("Anthropic pays xAI, a SpaceX company, for compute.", frozenset()) == {"xAI"}
    assert filer_subsidiaries("xAI, a SpaceX company", frozenset({"Space Exploration Technologies Corp.", "SpaceX"})) == {"xAI"}
    assert filer_subsidiaries("Brightgrid LLC, our wholly owned subsidiary, hosts it.", frozenset()) == {"Brightgrid LLC"}
    # someone else's subsidiary is not the filer's
    assert filer_subsidiaries("Core9, a subsidiary of G9 Holdings, leases it.", frozenset({"Tundra Inc."})) == frozenset()


def test_name_forms():
    text = "Separately, we provide Halvard Research, Inc., a laboratory, with capacity. Halvard pays us monthly."
    assert expand_name(text, "Halvard") == "Halvard Research, Inc."
    assert looks_like_name("xAI") and looks_like_name("Anthropic PBC")
    assert not looks_like_name("Wednesday") and not looks_like_name("Master Service Agreement")
    assert not looks_like_name("the lessee identified below")
    names = [n for _, n in proper_names("The site is in Wyoming. Orbital will pay the Company.")]
    assert "Wyoming" in names and "Orbital" in names and "Wyoming. Orbital" not in names


def test_a_name_ends_at_its_suffix_when_a_sentence_follows():
    from extractor.rules.normalize.names import clean_name

    assert clean_name("Northwind AI, Inc. Under the agreement") == "Northwind AI, Inc."
    assert clean_name("Harbor Compute Co. The customer") == "Harbor Compute Co."
    assert clean_name("Acme Inc. Ventures") == "Acme Inc. Ventures"  # a name word, not a sentence start


def test_a_name_ending_in_sa_before_its_description_and_role():
    _, roles, _ = read_definitions('by and between Corlaine Networks S.A., a societe anonyme organized under the laws of '
                                   'Luxembourg ("Provider"), and Orion Compute, Inc., a Delaware corporation ("Customer").')
    assert roles == {"provider": "Corlaine Networks S.A.", "customer": "Orion Compute, Inc."}
