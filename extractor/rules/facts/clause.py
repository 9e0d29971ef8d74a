"""Typed facts found in one clause of a sentence: amounts, periods, dates, durations,
notice, capacity, facility, discounts, renewal and prepayment, each with its span.

Offsets in the facts are absolute (into Document.text). The normalizers
(money, periods, durations, notice, capacity) turn the matched text into values.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.util import filter_spans

from extractor.rules.facts.amounts import money_facts
from extractor.rules.facts.findings import ClauseFacts, Found
from extractor.rules.facts.terms import capacity_facts, extra_facts, facility_fact, option_and_phase_facts, term_facts
from extractor.rules.nlp.pipeline import load_patterns, org_names, span_index
from extractor.rules.normalize.notice import find_notice

_STRONG_COMPUTE_CONTRACT = re.compile(
    r"\b(?:hosting|colocation|co-location|cloud(?:\s+(?:services?|infrastructure|computing|platform))?|compute|"
    r"data\s+cent(?:er|re)|GPU|capacity)\s+(?:services\s+)?(?:agreement|contract|arrangement|lease|commitment|deal|order)",
    re.I,
)


# "NVIDIA GB300 GPUs", "Microsoft Foundry", "Google TPUs": a brand before a product is no party.
_PRODUCT_AFTER = re.compile(
    r"(?:['\u2019]s)?\s+(?:[A-Z0-9][\w-]*\s+){0,3}?(?:GPUs?|TPUs?|accelerators?|chips?|systems|servers?|hardware|networking|"
    r"H\d{2,3}s?|B\d{3}s?|GB\d{3}s?|A100s?|Blackwell|Hopper|Rubin|Grace|DGX|HGX|NVL\d+|Foundry|Copilot|Trainium|Inferentia)\b"
)


@lru_cache(maxsize=1)
def status_cue_ids() -> frozenset[str]:
    """The look-alike cues that tell the agreement has ended ("expired ... and was not renewed",
    ``"status": "ended"`` in cues.jsonl): they veto wherever they stand in the clause."""
    return frozenset(row["id"] for row in load_patterns("cues") if row.get("status") == "ended")


@lru_cache(maxsize=1)
def agreement_cue_ids() -> frozenset[str]:
    """The look-alike cues that name an agreement's type (``"scope": "agreement"``)."""
    return frozenset(row["id"] for row in load_patterns("cues") if row.get("scope") == "agreement")


_EXCLUDED_BEFORE = re.compile(r"\b(?:excluding|exclusive\s+of|not\s+including|plus|except(?:\s+for)?|other\s+than|"
                              r"in\s+addition\s+to|separately\s+from)\s+(?:the\s+(?:cost\s+of\s+)?)?$", re.I)


# "with electricity invoiced separately", "power is billed at cost": what the fee leaves out, no veto
_BILLED_APART = re.compile(r"\s*(?:consumption\s+|costs?\s+|charges?\s+)?(?:is\s+|are\s+|will\s+be\s+|being\s+)?(?:invoiced|billed|charged|"
                           r"passed\s+through|reimbursed|recovered)\s+(?:separately|at\s+cost|monthly\s+at\s+cost|to\s+the\s+customer)", re.I)


# "may terminate this Agreement ... if the Interconnection Agreement is terminated": the clause is
# about the agreement it points back to, not the look-alike it names after it
_BACK_REFERENCE = re.compile(r"\b(?:this|such|the)\s+(?:[A-Z][\w-]*\s+){0,2}?(?:agreement|contract|lease)\b", re.I)


def _is_lookalike(text: str, start: int, end: int, cues, values) -> bool:
    """A look-alike cue vetoes the clause, unless the clause names a compute contract and
    the look-alike words only come after its first value ("... for $500 per month, plus electricity")."""
    # "excluding electricity, which is billed separately", "plus power": what the fee leaves out is no veto
    lookalikes = [cue[0] for cue in cues if cue[2] == "LOOKALIKE" and not _EXCLUDED_BEFORE.search(text, max(start, cue[0] - 30), cue[0])
                  and not _BILLED_APART.match(text, cue[1])]
    if not lookalikes:
        return False
    first_value = min((v.start for v in values if v.label in ("MONEY", "CAPACITY", "DURATION")), default=None)
    if any(cue[3] in status_cue_ids() for cue in cues if cue[2] == "LOOKALIKE"):
        return True  # "... under which we provided 14 MW for $2.2 million per month, expired ... and was not renewed"
    strong = _STRONG_COMPUTE_CONTRACT.search(text, start, end)
    return not (strong and first_value is not None and min(lookalikes) > first_value)


def _org_is_compute_context(org: dict, fees, totals=(), clause_text: str = "") -> bool:
    """A compute counterparty (CoreWeave) is compute context on its own; an AI lab (Anthropic:
    ``"context_when": "recurring_fee"`` in orgs.jsonl) only when the clause states a recurring fee
    or a contract total for capacity ("Under our Master Capacity Agreement ..., OpenAI has committed to
    pay us $1.4 billion over a 48-month term"; a total for a patent license is not)."""
    if not org.get("compute_context"):
        return False
    if org.get("context_when") != "recurring_fee" or fees:
        return True
    return any(t.priority >= 3 for t in totals) and bool(clause_text and _WEAK_COMPUTE.search(clause_text))


# Words too common to be compute context alone ("power capacity"), enough beside an AI lab's total
_WEAK_COMPUTE = re.compile(r"\b(?:capacity|clusters?|infrastructure|data\s+cent(?:er|re)s?)\b", re.I)


_BACKLOG_LEFT = re.compile(r"\b(?:remaining\s+performance\s+obligations?|backlog|RPO)\b[^$.;]{0,60}$", re.I)
_NAMES_A_PARTY = re.compile(r"\b(?:with|from|for|to|by)\s+(?:the\s+)?[A-Z][a-z][\w&.-]*")  # "with Pellinore Code, Inc.", not "for GPU cloud"


# "increases the contracted capacity from 50 MW to 85 MW", "from $6.1 million per month to $7.4 million" (dates
# "from April 2027 to March 2030" are a range, not a change);
# "the term, which previously ran through April 2031, to December 31, 2033": the old value is not the contract's
_FROM_LEFT = re.compile(r"\bfrom\s+(?:approximately\s+|about\s+)?$", re.I)
_TO_BETWEEN = re.compile(r"^[^.;$]{0,25}?\bto\s+(?:approximately\s+|about\s+|up\s+to\s+)?$", re.I)
_PREVIOUS_LEFT = re.compile(r"\b(?:previously|originally|formerly)\s+(?:ran|run|expired?|ended|end|(?:was\s+)?scheduled\s+to\s+(?:end|expire))\s+(?:through|until|in|on)\s+$", re.I)


def _current_values(text: str, values):
    """The values of a clause without those an amendment replaced."""
    out = []
    for i, v in enumerate(values):
        left = text[max(0, v.start - 40) : v.start]
        if v.label == "DATE" and _PREVIOUS_LEFT.search(left) and any(w.label == v.label for w in values[i + 1 :]):
            continue
        if v.label != "DATE" and _FROM_LEFT.search(left) and any(
            w.label == v.label and _TO_BETWEEN.match(text[v.end : w.start]) for w in values[i + 1 :] if w.start >= v.end
        ):
            continue
        out.append(v)
    return out


def analyze_clause(doc, start: int, end: int, sent_start: int, sent_end: int, base: int, table_scale: float = 1.0) -> ClauseFacts:
    """The facts of ``doc.text[start:end]`` (offsets relative to the Doc; ``base`` makes them absolute)."""
    text = doc.user_data.get("text") or doc.text
    index = span_index(doc)
    values = _current_values(text, index.values_in(start, end))
    cues = index.cues_in(start, end)
    labels = {cue[2] for cue in cues}
    orgs_by_id = org_names()
    org_spans = filter_spans(index.orgs_in(start, end))
    orgs = tuple(
        (base + s.start_char, orgs_by_id[s.id_]["name"], orgs_by_id[s.id_]["typical_role"])
        for s in sorted(org_spans, key=lambda s: s.start)
        if s.id_ in orgs_by_id and not _PRODUCT_AFTER.match(text, s.end_char)
    )
    found = lambda a, b: Found(base + a, base + b, text[a:b])  # noqa: E731
    by_label = lambda label: [v for v in values if v.label == label]  # noqa: E731
    fees, totals = money_facts(text, by_label("MONEY"), by_label("PERIOD"), found, table_scale)
    if totals and not org_spans and not _NAMES_A_PARTY.search(text, sent_start, sent_end):
        # "Remaining performance obligations of $18.3 billion": the company's backlog, not one contract's total
        totals = tuple(t for t in totals if not _BACKLOG_LEFT.search(text, max(0, t.at.start - base - 90), t.at.start - base))
    durations = by_label("DURATION")
    notice, notice_at = _notice_fact(text, sent_start, sent_end, start, durations, found)
    notice_spans = [(notice_at.start - base, notice_at.end - base)] if notice_at else []
    return ClauseFacts(
        start=base + start,
        end=base + end,
        sentence=found(sent_start, sent_end),
        text=text[start:end],
        compute="COMPUTE" in labels or any(v.label == "CAPACITY" for v in values) or any(
            _org_is_compute_context(orgs_by_id[s.id_], fees, totals, text[sent_start:sent_end]) for s in org_spans if s.id_ in orgs_by_id
        ),
        contract="CONTRACT" in labels,
        lookalike=(lookalike := _is_lookalike(text, start, end, cues, values)),
        lookalike_agreement=lookalike and any(
            cue[3] in agreement_cue_ids() and not _BACK_REFERENCE.search(text, start, cue[0]) for cue in cues if cue[2] == "LOOKALIKE"
        ),
        orgs=orgs,
        fees=fees,
        totals=totals,
        terms=term_facts(text, by_label("DATE"), durations, notice_spans, found),
        notice=notice,
        notice_at=notice_at,
        capacities=capacity_facts(text, by_label("CAPACITY"), found),
        facility=facility_fact(text, start, end, found),
        extras=extra_facts(text, labels, durations, by_label("MONEY"), start, end, found)
        + option_and_phase_facts(text, by_label("CAPACITY"), by_label("DATE"), start, end, found),
    )



def _notice_fact(text, sent_start, sent_end, clause_start, durations, found):
    sentence = text[sent_start:sent_end]
    spans = [(d.start - sent_start, d.end - sent_start) for d in durations]
    notice = find_notice(sentence, spans)
    if notice is None:
        return None, None
    at = found(sent_start + notice.start, sent_start + notice.end)
    return notice, at
