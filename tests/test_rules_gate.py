"""The cheap gate: only paragraphs with compute context and a term word reach spaCy."""

from extractor.rules.nlp.gate import candidate_passages, passes, with_continuations
from extractor.types import HEADING, PARAGRAPH, TABLE_ROW, Block, Document


def test_compute_paragraphs_pass_and_others_do_not():
    assert passes("We committed to spend $40 million on cloud services over three years.")
    assert passes("The tenant leases 48 MW of critical IT capacity under a 15-year lease.")
    assert passes("Tesserack pays us monthly under the agreement with CoreWeave.")
    assert not passes("We committed to spend $40 million on marketing over three years.")
    assert not passes("Our cloud strategy is evolving.")  # compute context but no term word


def _document(paragraphs, kinds=None):
    text, blocks = "", []
    for i, para in enumerate(paragraphs):
        start = len(text)
        text += para + "\n\n"
        blocks.append(Block((kinds or [PARAGRAPH] * len(paragraphs))[i], start, start + len(para)))
    return Document(text=text, blocks=tuple(blocks))


def test_candidate_passages_keep_offsets_into_the_text():
    doc = _document(["Office rent is $2 million per month.", "We pay AWS $3 million per month for cloud hosting."])
    [passage] = candidate_passages(doc)
    assert doc.text[passage.start : passage.end] == "We pay AWS $3 million per month for cloud hosting."


def test_tables_must_name_a_compute_contract_themselves():
    rows = ["Servers and computers | 3 years", "Cloud hosting commitment | $ 12,000"]
    doc = _document(rows, [TABLE_ROW, TABLE_ROW])
    [table] = candidate_passages(doc)
    assert table.table and table.start == 0 and table.end == doc.blocks[-1].end
    assert candidate_passages(_document(["Servers and computers | 3 years"], [TABLE_ROW])) == []


def test_following_paragraphs_about_the_same_agreement_are_joined():
    doc = _document([
        "We entered into a GPU Capacity Agreement (the \u201cAgreement\u201d) with Orbis for 36 months.",
        "Orbis will pay us $7 million per month under the Agreement.",
        "Unrelated: our office lease ends in 2030.",
    ])
    [passage] = with_continuations(doc, candidate_passages(doc))
    assert passage.end == doc.blocks[1].end


def test_a_heading_stops_the_continuation():
    doc = _document(["We entered into a GPU Capacity Agreement with Orbis for 36 months.", "Other Matters",
                     "The Agreement was amended."], [PARAGRAPH, HEADING, PARAGRAPH])
    [passage] = with_continuations(doc, candidate_passages(doc))
    assert passage.end == doc.blocks[0].end


def test_word_hits_find_longer_words_where_a_shorter_one_starts():
    from extractor.rules.nlp.gate import _word_hits

    text = "gpus, gpu-heavy gpux 2gpu data centers; data centerx 300mw kw"
    words = ("gpu", "gpus", "data center", "data centers", "mw", "kw")
    assert sorted(_word_hits(text, words, ("mw", "kw"))) == [0, 6, 26, 56, 59]  # gpus, gpu-, data centers, 300mw, kw


def test_a_paragraph_naming_the_party_or_the_role_continues_the_agreement():
    doc = _document([
        "We entered into a cloud services agreement with Pentland Robotics for access to GPU capacity.",
        "Pentland has agreed to pay $11 million each month through 2029.",
        "The customer may end it on 60 days' notice.",
        "Our office lease in Denver ends in 2031.",
    ])
    [passage] = with_continuations(doc, candidate_passages(doc))
    assert passage.end == doc.blocks[2].end


def test_a_label_value_term_sheet_after_the_paragraph_is_read_as_a_table():
    doc = _document([
        "Key terms of our GPU capacity agreement with Hollin AI:",
        "\u2022 Monthly fee: $6.5 million\n\u2022 Term: 36 months\n\u2022 Termination: 120 days' notice",
    ])
    [passage] = with_continuations(doc, candidate_passages(doc))
    assert (passage.end, passage.table) == (doc.blocks[1].end, True)


def test_clusters_hpc_and_capacity_reservations_are_compute_context():
    for text in ("We entered into a Capacity Reservation Agreement with Glenmore Systems Ltd. for 42 months.",
                 "The reservation of a dedicated training cluster runs for 42 months.",
                 "Our HPC hosting agreement runs through 2030."):
        assert passes(text), text
