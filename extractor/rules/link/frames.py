"""From a gated passage to contract frames: sentences -> clauses -> facts -> frames.

A frame is one contract as one paragraph states it: an anchor sentence (compute
context and a contract word) plus the later sentences that add terms to it: those
that point back ("the agreement", "the customer", "pay us") and, when the anchor
names an agreement, any sentence of the paragraph with a term. "Under the first,
... Under the second, ..." and "(i) ... (ii) ..." start one frame each. A sentence that names two counterparties with an amount each is split into
clauses, one frame per clause; a sentence that introduces "another" deal or a
new counterparty with its own amount starts a new frame. Look-alike sentences
(credit facilities, office leases, lock-ups, PPAs ...) are dropped.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from extractor.rules.facts.clause import analyze_clause
from extractor.rules.facts.findings import ClauseFacts
from extractor.rules.link.parties import read_definitions
from extractor.rules.nlp.pipeline import BULLET, doc_text
from extractor.rules.normalize.names import NAME_WORD, SUFFIX_WORDS

_HYPOTHETICAL = re.compile(
    r"^\s*(?:if|should|in\s+the\s+event|there\s+can\s+be\s+no\s+assurance|we\s+cannot\s+assure|any\s+(?:failure|"
    r"disruption|termination)|to\s+the\s+extent|although|we\s+(?:may|might|could)\s+(?:need|be\s+required|enter))\b",
    re.I,
)
_REFERS_BACK = re.compile(
    r"\b(?:the|this|such|that|these)\s+(?:[\w-]+\s+){0,4}?(?:agreement|contract|lease|arrangement|addendum|deal|commitment|"
    r"order|amendment|relationship|capacity|term)s?\b|\b(?:either|each)\s+(?:party|side)\b|\bunder\s+the\b|"
    r"\bterminat\w*\b|\bit\s+(?:has|had|agreed|will)\b|\bCustomer\s+Name\s*:",
    re.I,
)
# "Under the MSA and the order forms ...": a sentence that states its facts as the open agreement's
# own; a look-alike word in it ("expire at various dates") does not make it another agreement.
# "The arrangement is accounted for as a finance lease", "The transaction was accounted for as a failed
# sale-leaseback": a sentence whose subject is the agreement just told, saying what kind of deal it is
_SUBJECT_BACK = re.compile(r"^\s*(?:the|this|such)\s+(?:[\w-]+\s+){0,2}?(?:agreement|arrangement|transaction|lease|contract|deal)s?"
                           r"\s+(?:is|was|are|were|has\s+been|have\s+been|will\s+be|qualifies|constitutes|ended|expired|terminated)\b", re.I)
_UNDER_IT = re.compile(r"^\s*(?:under|pursuant\s+to)\s+(?:the|this|such|that)\s+(?:[\w-]+\s+){0,3}?(?:agreement|contract|MSA|"
                       r"order|lease|arrangement|amendment)s?\b", re.I)
_ANOTHER = re.compile(r"\b(?:another|a\s+second|a\s+separate|an\s+additional)\s+(?:\$[\d.,]+\s+\w+\s+)?"
                      r"(?:agreement|contract|deal|lease|arrangement)", re.I)
# A sentence that turns to another deal: "Separately, we ...", "In addition, we ...", "We also ...".
_SEPARATELY = re.compile(r"^\s*(?:separately|in\s+addition|additionally|also)\b,?|^\s*(?:we|the\s+company)\s+also\b", re.I)
# "agreement with Quarry Peak Computing LLC": the counterparty an agreement clause names, as far as
# its capitalized words go.
_AGREEMENT_WITH = re.compile(
    r"\b(?:agreements?|contracts?|arrangements?|leases?)\s+with\s+(?:an?\s+|the\s+)?([A-Z][\w&-]{2,}(?:\s+(?:[A-Z][\w&.-]*|of|&))*)")
_COMPANY_NAME = re.compile(NAME_WORD + r"(?:\s+[A-Z][\w&.\-]*){0,5},?\s+(?:" + SUFFIX_WORDS + r"|AB|ASA|AG|SE|SAS|GmbH|K\.K|B\.V|LP)\b\.?")
_UNNAMED_SUBJECT = re.compile(
    r"^\s*(?:An?|One|Another)\s+(?:[\w&'-]+\s+){0,5}?(?:company|institution|customer|tenant|hyperscaler|laboratory|lab|developer|"
    r"enterprise|firm|bank|provider|operator)\s+(?:has|have|had|also)?\s*(?:contracted|signed|entered|agreed|committed|leased|"
    r"reserved|executed)\b")
_QUOTED_REMARK = re.compile(r"^\s*[\"\u201c][^\"\u201d]{10,}[\"\u201d]?,?[\"\u201d]?\s*(?:said|says|added|commented|stated|noted)\b")
_ANNOUNCES_SEVERAL = re.compile(r"\b(?:two|three|four|five|six|several|multiple)\s+(?:new\s+)?(?:[\w-]+\s+){0,4}?"
                                r"(?:agreements|contracts|leases|deals|orders)\b", re.I)
_NAMED_SUBJECT = re.compile(
    r"^\s*(?:" + BULLET + r"\s+)?([A-Z][\w&'.-]+(?:\s+(?:[A-Z][\w&'.-]*|&|of)){0,5})(?:,\s+(?:" + SUFFIX_WORDS + r")\.?)?\s+"
    r"(?:has|have|will|shall|pays|paid|reserved|signed|contracted|agreed|committed|leases|leased|uses|occupies|took)\b")
_BULLET_NAME = re.compile(r"^\s*" + BULLET + r"\s+([A-Z][\w&'.-]+(?:\s+(?:[A-Z][\w&'.-]*|&|of)){0,6})\s*:")
_NOT_A_SUBJECT_END = frozenset("date term agreement fee fees capacity rent period services service order payments charges value "
                                "infrastructure gpus commitment notice termination".split())
_BULLET = re.compile(r"^\s*" + BULLET + r"\s")


def _is_item(clause: ClauseFacts) -> bool:
    """A list item: "(ii) ...", "Under the second, ...", "- A 10-year lease with ..."."""
    return bool(_ENUMERATED.match(clause.text) or _BULLET.match(clause.text))
_CLAUSE_BREAK = re.compile(r"[,;]\s+(?!(?:" + SUFFIX_WORDS + r"|LP)\b)|\s+and\s+(?=the\s+company|we\b|it\b)|\s+(?:and\s+)?(?=\((?:ii|iii|iv|b|c|2|3)\)\s)")
_SECOND_ITEM = re.compile(r"\((?:ii|b|2)\)\s")
# A clause that takes up the next of several agreements a paragraph announced: "Under the second,",
# "The first agreement ...", "(ii) ...".
_ENUMERATED = re.compile(
    r"^\s*(?:(?:under|pursuant\s+to|with\s+respect\s+to|for|in)\s+)?the\s+(?:first|second|third|fourth|fifth|latter|"
    r"former)\b(?:\s+(?:[\w-]+\s+){0,2}?(?:agreement|contract|order|deal|lease|arrangement))?|"
    r"^\s*(?:and\s+)?\((?:i|ii|iii|iv|v|a|b|c|d|1|2|3|4)\)\s",
    re.I,
)
# Words that point back to the agreement a paragraph opened: role nouns and the filer's own voice.
_ROLE_BACK = re.compile(
    r"\b(?:the|such|that|this|our|each|its)\s+(?:[\w-]+\s+){0,2}?(?:customer|provider|counterparty|tenant|lessee|lessor|host|"
    r"vendor|supplier|client|parties)\b|\b(?:pay|pays|paid|paying)\s+us\b|\bto\s+us\b",
    re.I,
)
_NEW_AGREEMENT = re.compile(
    r"^\s*(?:and\s+)?(?:we|the\s+Company|it)\s+(?:also\s+)?(?:entered\s+into|signed|agreed\s+to|executed)\b", re.I
)
_AGREEMENT_NOUN = re.compile(
    r"\b(?:agreements?|contracts?|leases?|arrangements?|addend(?:um|a)|amendments?|deals?|orders?|MSA|SOW|statements?\s+of\s+work|"
    r"commitments?|partnership|term\s+sheet)\b", re.I)


@dataclass
class Frame:
    """One contract as a paragraph states it. ``opener`` is the sentence that announced the
    agreement(s) without stating a term ("We entered into two GPU capacity agreements ..."):
    every frame an enumeration ("Under the first, ...", "Under the second, ...") starts keeps it,
    so each contract knows who "we" contracted with and what for."""

    clauses: list[ClauseFacts] = field(default_factory=list)
    passage_text: str = ""
    opener: ClauseFacts | None = None

    def opens_agreement(self) -> bool:
        """Whether the frame's first sentence names an agreement, so that a later sentence of
        the paragraph with terms but no word pointing back still belongs to it."""
        return bool(_AGREEMENT_NOUN.search(self.clauses[0].sentence.text))

    def has_own_values(self) -> bool:
        return any(c.has_values for c in self.clauses if c is not self.opener)

    @property
    def text(self) -> str:
        """The clauses' text; a clause with no closing stop (a headline) ends its paragraph (a blank
        line), so that no name runs from it into the next sentence."""
        out = ""
        for c in self.clauses:
            out += ("" if not out else " " if out.rstrip()[-1:] in ".;:!?,)\"\u201d" else "\n\n") + c.text
        return out

    def counterparties(self) -> set[str]:
        return {name for c in self.clauses for _, name, _ in c.orgs}

    def has_money(self) -> bool:
        return any(c.fees or c.totals for c in self.clauses)

    def worth_keeping(self) -> bool:
        """A frame with a term, or an agreement preamble that names a compute agreement and both parties."""
        if any(c.has_values for c in self.clauses):
            # megawatts alone, with no agreement named, are a fleet's size ("contracted power
            # increased to 1.1 GW"), not a contract
            return not all(c.capacities or not c.has_values for c in self.clauses) or any(
                c.fees or c.totals or c.notice or any(t.end or t.months for t in c.terms) for c in self.clauses
            ) or bool(_AGREEMENT_NOUN.search(self.passage_text))
        anchor = self.clauses[0].sentence.text
        return bool(re.search(r"\b(?:agreement|service\s+order)\b", anchor, re.I)) and _names_two_parties(self.passage_text)


def _names_two_parties(text: str) -> bool:
    """An agreement preamble: both roles defined ("Customer", "Host"), or a "Customer Name:" line."""
    _, roles, _ = read_definitions(text)
    customer_line = bool(re.search(r"Customer\s+Name\s*:", text))
    between = bool(re.search(r"\bby\s+and\s+between\s+" + NAME_WORD, text))
    return len(roles) == 2 or (len(roles) == 1 and customer_line) or (between and customer_line)


def passage_clauses(doc, base: int, table_scale: float) -> list[ClauseFacts]:
    """The clauses of every sentence of a passage Doc, split where one sentence holds two deals."""
    clauses: list[ClauseFacts] = []
    text = doc_text(doc)
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        whole = analyze_clause(doc, s, e, s, e, base, table_scale)
        parts = _split_two_deals(doc, whole, s, e, base, table_scale)
        clauses.extend(parts)
    return clauses


def _split_two_deals(doc, whole: ClauseFacts, s: int, e: int, base: int, scale: float) -> list[ClauseFacts]:
    names = {name for _, name, _ in whole.orgs}
    amounts = len(whole.fees) + len(whole.totals)
    second_deal = any(_NEW_AGREEMENT.match(doc.user_data["text"][m.end() + s : e]) for m in _CLAUSE_BREAK.finditer(doc.user_data["text"][s:e]))
    # "signed agreements with (i) X for 30 MW ... $1.3 billion, and (ii) Y for 15 MW at $2.1 million per month"
    enumerated = amounts >= 2 and bool(_SECOND_ITEM.search(doc.user_data["text"], s, e))
    if not second_deal and not enumerated and (len(names) < 2 or amounts < 2):
        return [whole]
    cuts = [s] + [s + m.end() for m in _CLAUSE_BREAK.finditer(doc.user_data["text"][s:e])] + [e]
    pieces = [analyze_clause(doc, a, b, s, e, base, scale) for a, b in zip(cuts, cuts[1:]) if b > a]
    groups: list[list[ClauseFacts]] = [[]]
    for piece in pieces:
        if (piece.fees or piece.totals) and any(p.fees or p.totals for p in groups[-1]):
            groups.append([])
        elif (_NEW_AGREEMENT.match(piece.text) or _ENUMERATED.match(piece.text)) and any(p.has_values for p in groups[-1]):
            groups.append([])
        groups[-1].append(piece)
    if len(groups) < 2:
        return [whole]
    parts = [analyze_clause(doc, g[0].start - base, g[-1].end - base, s, e, base, scale) for g in groups]
    # the sentence's compute context holds for each deal it lists: "three new contracts: (i) a five-year
    # agreement with X ...; (ii) a three-year agreement with Y for 3,072 GPUs ..."
    return [dataclasses.replace(p, compute=True) if whole.compute and p.contract and not p.lookalike else p for p in parts]


def build_frames(clauses: list[ClauseFacts], passage_text: str, known_names: set[str] | None = None,
                 vetoed_names: set[str] | None = None) -> list[Frame]:
    """Link clauses into frames (see the module docstring). ``vetoed_names`` carries, from one
    passage of a document to the next, the counterparties of look-alike agreements: a later
    paragraph's frame that goes on about "the Dellacorte agreement" is that agreement's, not a contract."""
    if vetoed_names is None:
        vetoed_names = set()
    frames: list[Frame] = []
    current: Frame | None = None
    known = known_names or set()
    previous_sentence = None
    vetoed = False  # the agreement the passage last opened is a look-alike (a power or purchase agreement)
    intro = None  # a clause that announced agreements without opening one ("we signed two leases")
    described = None  # a clause that told of a compute service without naming an agreement ("We host ... for X")
    quoting = False  # inside an executive's quoted remarks
    item_at = [i for i, c in enumerate(clauses) if _is_item(c)]
    for i, clause in enumerate(clauses):
        items_follow = bool(item_at) and item_at[-1] > i  # a list comes after this clause
        opens_quote = clause.sentence.text.lstrip()[:1] in ("\"", "\u201c")
        if _QUOTED_REMARK.match(clause.sentence.text) or (quoting and opens_quote):
            quoting = True
            continue  # '"Two signed contracts ...," said ... "We now have line of sight to over $4 billion ..."': remarks
        quoting = False
        if clause.lookalike and current is None and _ANNOUNCES_SEVERAL.search(clause.text) and not clause.has_values and items_follow:
            # "entered into two definitive customer agreements and one letter of intent:": each item decides for itself
            intro, vetoed = clause, False
            previous_sentence = clause.sentence
            continue
        weak_lookalike = clause.lookalike and not clause.lookalike_agreement and current is not None and clause.contract \
            and bool(_UNDER_IT.search(clause.text))
        if clause.lookalike and not weak_lookalike:
            if current is not None and _SUBJECT_BACK.match(clause.text) and clause.sentence != current.clauses[-1].sentence:
                frames.remove(current)  # the agreement just told is itself the look-alike
                vetoed_names |= _agreement_names(current.clauses[0].text)
                vetoed, current = True, None
                continue
            if current is not None and current.has_own_values() and clause.notice is not None \
                    and not (clause.fees or clause.totals) and _REFERS_BACK.search(clause.text):
                current.clauses.append(clause)  # "... may terminate the agreement on 90 days' notice, subject to a termination fee"
                continue
            if clause.lookalike_agreement and (current is None or not current.has_own_values()):
                vetoed_names |= _agreement_names(clause.text)
                vetoed, current = True, None
            current = None if clause.has_values else current
            continue
        if vetoed:
            if not (_NEW_AGREEMENT.match(clause.text) or _ANOTHER.search(clause.text) or _SEPARATELY.match(clause.text)
                    or (intro is not None and _is_item(clause))):
                continue  # "Under the agreement, we paid ...": the look-alike agreement's own terms
            vetoed = False
        if current is None and _ANNOUNCES_SEVERAL.search(clause.text) and not (clause.fees or clause.totals) and items_follow:
            intro = clause  # "announced two new agreements ..., bringing total contracted capacity to 205 MW"
            previous_sentence = clause.sentence
            continue
        new_sentence = clause.sentence != previous_sentence
        split_clause = not new_sentence
        previous_sentence = clause.sentence
        mentions_known = any(n in clause.text for n in known)
        # a press release's headline ("Palomar Signs 264 MW of New Leases") sums up what the body tells
        # deal by deal: it introduces the agreements rather than opening one
        headline = clause is clauses[0] and clause.text.rstrip()[-1:] not in ".;:!?)\"\u201d" and "\n" not in clause.text.strip() \
            and len(clause.text) < 160 and not (clause.fees or clause.totals) and (
                len(clauses) == 1 or passage_text[clause.end - clauses[0].start : clause.end - clauses[0].start + 2].startswith("\n"))
        anchor = (clause.compute or mentions_known) and clause.contract and not headline and not (
            _HYPOTHETICAL.search(clause.sentence.text) and not clause.orgs and not (clause.fees or clause.totals)
        )
        # "we signed three new agreements:" then "(1) with X, for 2 MW at $310,000 per month", each item a deal
        intro_item = intro is not None and clause.has_values and (clause.compute or intro.compute) \
            and _is_item(clause) and intro.contract \
            and bool(_AGREEMENT_NOUN.search(intro.text)) and not intro.lookalike
        if not anchor and intro_item and current is None:
            anchor = True
        second_deal = split_clause and (clause.fees or clause.totals or _NEW_AGREEMENT.match(clause.text))
        enumerated = bool(_ENUMERATED.match(clause.text)) and clause.has_values
        if current is not None and enumerated and current.has_own_values():
            opener = current.opener
            current = Frame([clause], passage_text, opener=opener)
            frames.append(current)
            continue
        carried = None
        if current is not None and (second_deal or _starts_new(current, clause)):
            # the next bullet of "announced two new leases at its campus:" is signed by the same announcer
            carried = current.opener if _BULLET.match(clause.text) else None
            current = None
        if current is None:
            if anchor or intro_item or (second_deal and clause.contract):
                current = Frame([clause], passage_text)
                if not clause.has_values and intro is not None and _is_item(clause):
                    current.opener = intro  # "The second is with X (the "Second Counterparty");" under "entered into two agreements"
                elif not clause.has_values:
                    current.opener = clause
                elif carried is not None:
                    current.opener = carried
                elif intro is not None and (_is_item(clause) or intro is clauses[0]):
                    # "we executed leases with two tenants ..." then "The first, with ..."; "We have two
                    # customers at our Big Spring campus." then "Our agreement with Google LLC ..."
                    current.opener = intro
                frames.append(current)
            elif clause.contract and clause.has_values and _REFERS_BACK.search(clause.text) and described is not None:
                # "We host ... GPUs for Parallax Labs." then "Under the agreement, Parallax has agreed to pay us ..."
                # ... and the sentence before that opened the agreement ("we entered into a definitive agreement with
                # Google LLC for the lease of our Lubbock facility") says who signed it
                current = Frame([described, clause], passage_text, opener=intro)
                frames.append(current)
            elif (clause.contract and not clause.has_values and _AGREEMENT_NOUN.search(clause.text)) or (
                    clause is clauses[0] and not clause.has_values and not clause.orgs):
                intro = clause
            if clause.compute and not clause.contract:
                described = clause
            continue
        if split_clause or clause.compute or _REFERS_BACK.search(clause.text) or _ROLE_BACK.search(clause.text) or (
            clause.orgs and set(n for _, n, _ in clause.orgs) & current.counterparties()
        ) or (clause.has_values and current.opens_agreement()):
            current.clauses.append(clause)
    return [f for f in frames if f.worth_keeping() and not (vetoed_names and _goes_on_about(f, vetoed_names))]


def _agreement_names(text: str) -> set[str]:
    """The counterparty a look-alike agreement clause names, and its defined short name:
    'a master purchase agreement with Dellacorte Systems, Inc. ("Dellacorte")'."""
    m = _AGREEMENT_WITH.search(text)
    if m is None:
        return set()
    name = m.group(1).rstrip(".,")
    aliases, _, _ = read_definitions(text)
    return {name} | {alias for alias, full in aliases.items() if full.startswith(name) or name.startswith(alias)}


def _goes_on_about(frame: Frame, names: set[str]) -> bool:
    """Whether a frame refers back to a look-alike agreement by its counterparty ("deposits under the
    Dellacorte agreement") and opens no agreement with anyone else."""
    text = frame.text
    if any((m := _AGREEMENT_WITH.search(c.text)) and not any(m.group(1).startswith(n) for n in names) for c in frame.clauses):
        return False
    return any(re.search(r"\b(?:the|such|this|that)\s+" + re.escape(n) + r"(?:['\u2019]s)?\s+(?:[\w-]+\s+){0,2}?"
                         r"(?:agreements?|contracts?|orders?|arrangements?|purchases?|commitments?)\b", text) for n in names)


def _starts_new(frame: Frame, clause: ClauseFacts) -> bool:
    if _ANOTHER.search(clause.text):
        return True
    if _UNNAMED_SUBJECT.match(clause.text) and clause.has_values and frame.has_own_values():
        return True  # "A Fortune 100 financial institution has contracted for 6 MW ..." after the deal with Lindqvist
    lead = _BULLET_NAME.match(clause.text)  # "- Marwell Genomics Ltd: 512 GPUs for 12 months at A$1.8 million per month"
    lead_words = lead.group(1).split() if lead else []
    if len(lead_words) >= 2 and clause.has_values and frame.has_own_values() and lead_words[0] not in frame.text \
            and lead_words[-1].lower().strip(".,") not in _NOT_A_SUBJECT_END:  # a company, not "- Contract Term:"
        return True
    subject = _NAMED_SUBJECT.match(clause.text)
    words = subject.group(1).split() if subject else []
    if len(words) >= 2 and clause.has_values and frame.has_own_values() and words[0] not in frame.text \
            and words[0] not in ("We", "The", "Our", "It", "Either", "Each", "Under", "Such", "This", "These", "Its") \
            and words[-1].lower().strip(".,") not in _NOT_A_SUBJECT_END:
        return True  # "Drift Seven Games has reserved 256 GPUs ..." after the deal with Ormsby-Lane
    if _SEPARATELY.match(clause.text) and clause.compute and clause.contract and frame.has_own_values():
        return True  # "Separately, we provide X with GPU capacity ..." after a deal with its own terms
    named = _AGREEMENT_WITH.search(clause.text)
    if named and frame.has_own_values() and named.group(1) not in frame.text:
        # "Under our agreement with Quarry Peak ...", after the terms of the agreement with Tallis;
        # "we entered into a colocation agreement with Nebula Cloud Holdings" after Nebula Cloud, Inc.
        return True
    new_names = {name for _, name, _ in clause.orgs} - frame.counterparties()
    if not new_names and (clause.fees or clause.totals) and frame.has_money():
        # "We use that space to serve Brisk Otter AI, Inc., which ... pays us $14.0 million per month": a company
        # the frame has not named, with money of its own, after a frame with money
        frame_text = frame.text
        new_names = {m.group(0).split(",")[0] for m in _COMPANY_NAME.finditer(clause.text)
                     if m.group(0).split(",")[0].split()[0] not in frame_text}
    return bool(new_names) and bool(clause.fees or clause.totals) and frame.has_money()
