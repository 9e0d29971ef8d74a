"""Termination notice: length, who may give it, convenience and conditions."""

import re

import pytest

from extractor.rules.normalize.notice import find_notice

_DURATION = re.compile(
    r"(?:one hundred eighty \(180\)|ninety \(90\)|six \(6\)|thirty \(30\)|\d+|three|one|six)\s+(?:calendar\s+)?(?:days|months?)"
)


def notice(sentence):
    return find_notice(sentence, [(m.start(), m.end()) for m in _DURATION.finditer(sentence)])


@pytest.mark.parametrize(
    "sentence, days, either, actor",
    [
        ("Either party may terminate the agreement with 90 days' notice.", 90, True, None),
        ("Either party may terminate on ninety (90) days' prior written notice.", 90, True, None),
        ("The customer may terminate the agreement on three months' notice.", 90, False, "The customer"),
        ("Provider may terminate the Agreement on six (6) months' prior written notice to Customer.", 180, False, "Provider"),
        ("The colocation contract may be terminated by the Company upon 30 days advance notice.", 30, False, "the Company"),
        ("Either the landlord or the tenant may terminate the lease upon 180 days' written notice.", 180, True, None),
        ("Termination becomes effective one hundred eighty (180) days after the date Customer gives notice of termination.",
         180, False, "Customer"),
        ("Notice shall be provided no less than 365 calendar days ahead of any termination.", 365, False, None),
    ],
)
def test_notice_length_and_party(sentence, days, either, actor):
    found = notice(sentence)
    assert found is not None
    assert (found.days, found.either) == (days, either)
    if not either:
        assert found.actor == actor
    assert "notice" in sentence[found.start : found.end].lower()


def test_notice_to_the_other_side_names_the_recipient():
    found = notice("Nordlys Ltd may leave the arrangement by giving 30 days advance written notice to Skyvault.")
    assert found.recipient == "Skyvault"


def test_convenience_and_condition():
    found = notice("After the first 12 months of the Initial Term, either party may terminate the Agreement "
                   "for convenience upon 180 days' prior written notice.")
    assert found.for_convenience is True
    assert found.condition == "After the first 12 months of the Initial Term"
    dated = notice("The tenant may terminate the agreement on 60 days' notice after June 2027.")
    assert dated.condition == "after June 2027" and dated.for_convenience is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The lock-up period runs for 180 days once the offering closes.",
        "The agreement has a term of 90 days.",
        "We paid the invoice within 30 days.",
    ],
)
def test_durations_that_are_not_notice(sentence):
    assert notice(sentence) is None


@pytest.mark.parametrize("sentence, actor", [
    ("Tamber pays us fees of $6.1 million per quarter and may terminate for convenience upon 90 days' notice.", "Tamber"),
    ("The Company agreed to a commitment of $41 million per year and may terminate the agreement upon 30 days' notice.",
     "The Company"),
    ("Kelso pays a quarterly fee of EUR 12.5 million and may terminate the agreement on not less than six months' notice.",
     "Kelso"),
    ("Under the agreement, Pardoe has committed to 20 MW and may terminate it on 90 days' notice.", "Pardoe"),
])
def test_the_subject_of_a_coordinated_verb_is_who_may_terminate(sentence, actor):
    assert notice(sentence).actor == actor


def test_a_name_inside_the_sentence_is_not_taken_for_its_subject():
    # the subject pattern only reads the sentence's own subject, not a name after its first verb
    assert notice("We host capacity for Tamber at our campus and may terminate the agreement on 90 days' notice.").actor == "We"


def test_a_renewal_notice_is_no_termination_notice():
    assert notice("Customer may renew this Agreement for one additional term of 60 months by notice given not less "
                  "than six (6) months before expiration of the Initial Term.") is None
    # but notice of non-renewal ends the agreement
    assert notice("Either party may elect not to renew by giving 90 days' notice before the end of the term.").days == 90
