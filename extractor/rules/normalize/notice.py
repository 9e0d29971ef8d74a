"""Termination notice: "ninety (90) days' prior written notice", "three months' notice",
who may give it ("either party", "AWS may terminate", "terminated by the Company"),
whether it is for convenience, and conditions ("after the initial 12-month period")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.rules.normalize.durations import parse_days

_AFTER_DURATION = re.compile(
    r"^\s*(?:['\u2019]s?\s*)?(?:(?:prior|advance|advanced|written|calendar|business|days|of|termination|in|"
    r"the|other|party|s)\s+|['\u2019]\s*){0,5}notice\b",
    re.I,
)
_BEFORE_DURATION = re.compile(
    r"\bnotice\s+(?:(?:given|of|provided|delivered|period|at|least|not|no|less|than|to|the|other|party|must|shall|"
    r"be|is|will)\s+){0,7}$",
    re.I,
)
# An amendment's new notice period: "the notice period for termination ... is increased from 180 days
# to 270 days", "extends the termination notice period to six months": the period it becomes.
_CHANGED_TO = re.compile(
    r"\bnotice\s+period\b[^.;]{0,100}?\b(?:increased|extended|lengthened|reduced|decreased|shortened|changed|amended|"
    r"increase|extend|lengthen|reduce|decrease|shorten|change|amend)s?\b(?:\s+from\s+[^.;]{1,40}?)?\s+to\s+$",
    re.I,
)
_AFTER_NOTICE_GIVEN = re.compile(r"^\s*(?:after|following)\s+[^.;]{0,80}?\bnotice\b", re.I)
_EITHER = re.compile(
    r"\b(?:either|each|any)\s+(?:party|side)\b|\bboth\s+parties\b|\beither\s+of\s+(?:us|the\s+parties)\b|"
    r"\beither\s+(?:the\s+)?[\w-]+(?:\s+[\w.,-]+){0,3}?\s+or\s+(?:the\s+)?[\w-]+(?:\s+[\w.,-]+){0,3}?\s+may\b",
    re.I,
)
_ACTOR_NAME = r"((?:[Ww]e|[Tt]he\s+[Cc]ompany|(?:[Tt]he\s+|[Ss]uch\s+|[Oo]ur\s+)?(?:customer|counterparty|client|service\s+provider|provider|supplier|vendor|lessee|lessor|tenant|landlord|licensee|licensor|host)\b|(?:[Tt]he\s+)?[A-Z][\w&.\-]*(?:\s+(?:[A-Z0-9][\w&.\-]*|of)){0,6}))"
_ACTOR_PATTERNS = (
    re.compile(_ACTOR_NAME + r"\s+(?:may|can|could|shall|will|has\s+the\s+right\s+to|have\s+the\s+right\s+to|"
               r"chooses\s+to|elects\s+to|is\s+entitled\s+to)\s+(?:\w+\s+){0,4}?(?:terminate|cancel|"
               r"no\s+longer\s+be\s+a\s+party|exit|end)"),
    re.compile(r"(?:terminated|cancell?ed|terminable)\s+(?:\w+\s+){0,2}?by\s+" + _ACTOR_NAME),
    re.compile(_ACTOR_NAME + r"\s+(?:provides|gives|delivers)\s+(?:\w+\s+){0,3}?notice"),
    # the subject of the sentence, with a verb before: "Windrow pays us fees of $8.4 million per quarter and
    # may terminate ...", "Northgate may not terminate ... for convenience, but may terminate it upon ..."
    re.compile(r"^\s*(?:(?:Under|Pursuant\s+to|In\s+addition|However)\b[^,]{0,60},\s*)?" + _ACTOR_NAME
               + r"\s+[a-z](?:[^.;]|\.(?=\d)){0,160}?\b(?:and|but)\s+(?:also\s+)?(?:may|can|could|shall|will|has\s+the\s+right\s+to|"
               r"is\s+entitled\s+to)\s+(?:\w+\s+){0,3}?(?:terminate|cancel)"),
)
_RECIPIENT = re.compile(r"\bnotice\s+(?:of\s+termination\s+)?to\s+" + _ACTOR_NAME)
_RENEWAL_ONLY = re.compile(r"\b(?:renew|renews|renewed|renewal|extend|extends|extension)\b", re.I)
_ENDS_IT = re.compile(r"\b(?:terminat\w*|cancel\w*|exit|non-?renewal|not\s+to\s+renew|elects?\s+not)\b", re.I)
_CONVENIENCE = re.compile(
    r"\bfor\s+convenience\b|\bfor\s+any\s+(?:or\s+no\s+)?reason\b|\bwithout\s+cause\b|\bat\s+any\s+time\b", re.I
)
_CONDITION = re.compile(
    r"\b(?:after|following|beginning|commencing|upon\s+expiration\s+of)\s+(?:the\s+)?(?:initial|first)\s+"
    r"[\w\-()]+(?:\s+[\w\-()]+)?\s+(?:period|term|months?|years?)\b(?:\s+of\s+the\s+(?:[A-Z]\w*\s?){1,3}|\s+of\s+the\s+\w+)?|"
    r"\b(?:after|following)\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(?:\d{1,2},\s+)?\d{4}",
    re.I,
)


@dataclass(frozen=True)
class NoticeTerm:
    """A notice period found in a sentence; offsets are relative to the sentence text."""

    days: int | None  # None: a right to terminate for cause, whose days are a cure period
    start: int
    end: int
    either: bool
    actor: str | None  # who may give notice, as written ("AWS", "the Company", "Customer")
    recipient: str | None  # to whom notice goes, as written ("Google")
    for_convenience: bool | None
    condition: str | None


_CURE_BEFORE = re.compile(r"\bcure[sd]?\b[^.;]{0,60}$", re.I)


def notice_span(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """If the duration at ``sentence[start:end]`` is a notice period, the span of the notice phrase."""
    after = sentence[end : end + 80]
    m = _AFTER_DURATION.match(after)
    if m:
        return start, end + m.end()
    before = sentence[max(0, start - 80) : start]
    m = _BEFORE_DURATION.search(before)
    if m:
        return start - (len(before) - m.start()), end
    m = _CHANGED_TO.search(sentence, max(0, start - 200), start)
    if m:
        return m.start(), end
    m = _AFTER_NOTICE_GIVEN.match(after)
    if m and re.search(r"terminat", sentence, re.I):
        return start, end + m.end()
    return None


def find_notice(sentence: str, durations: list[tuple[int, int]]) -> NoticeTerm | None:
    """The first termination-notice period among ``durations`` (offsets into ``sentence``)."""
    if _RENEWAL_ONLY.search(sentence) and not _ENDS_IT.search(sentence):
        return None  # "Customer may renew ... by notice given not less than twelve (12) months before expiration"
    cure = None
    for start, end in durations:
        span = notice_span(sentence, start, end)
        if span is None:
            continue
        days = parse_days(sentence[start:end])
        if not days:
            continue
        if _CURE_BEFORE.search(sentence, max(0, start - 80), start):
            # "... if Pentland fails to cure a default within 60 days after notice": a cure period, not
            # a notice period; the right to terminate (and who holds it) stays, without days
            cure = cure or (start, span)
            continue
        # the clause the notice is in: "Pelagic may terminate ... on 120 days' notice, and either we or
        # Marlowe may terminate ... on six months" gives each period its own party
        cut = max(sentence.rfind("; ", 0, start), sentence.rfind(", and ", 0, start), 0)
        ends = [i for i in (sentence.find("; ", span[1]), sentence.find(", and ", span[1])) if i >= 0]
        scope = sentence[cut : min(ends, default=len(sentence))]
        if not (_EITHER.search(scope) or _first_group(_ACTOR_PATTERNS, scope)):
            scope = sentence
        return NoticeTerm(
            days=days,
            start=span[0],
            end=span[1],
            either=bool(_EITHER.search(scope)),
            actor=_first_group(_ACTOR_PATTERNS, scope),
            recipient=_first_group((_RECIPIENT,), sentence),
            for_convenience=True if _CONVENIENCE.search(sentence) else None,
            condition=_condition(sentence),
        )
    if cure is not None:
        start, span = cure
        return NoticeTerm(days=None, start=span[0], end=span[1], either=bool(_EITHER.search(sentence)),
                          actor=_first_group(_ACTOR_PATTERNS, sentence), recipient=_first_group((_RECIPIENT,), sentence),
                          for_convenience=False, condition=_condition(sentence))
    return None


def notice_actor(text: str) -> str | None:
    """Who may terminate, as written ("OpenAI may terminate ..." -> "OpenAI"), or None."""
    return _first_group(_ACTOR_PATTERNS, text)


def _first_group(patterns, sentence: str) -> str | None:
    for regex in patterns:
        m = regex.search(sentence)
        if m:
            return m.group(1).strip().rstrip(".,;")
    return None


def _condition(sentence: str) -> str | None:
    m = _CONDITION.search(sentence)
    return m.group(0).strip() if m else None
