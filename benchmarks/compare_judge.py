"""Judge any tool's sections against the hand-checked labels, the same way for all.

A labelled top-level section counts as right when one of the tool's sections

  (a) maps to the labelled id (for ``other``: also carries the labelled title),
  (b) begins with the labelled opening words: compared loosely (case-folded,
      punctuation and whitespace dropped) within the heading plus ~200 characters
      of the start of the tool's text, so a tool may or may not include its heading,
  (c) does not run on into the next labelled section (its text does not contain the
      next heading followed by that section's opening words), and is not a stub
      (at least ~200 characters of text beyond its heading, unless the filing
      itself puts the next heading right after this section's opening).

Each of the tool's sections is used for at most one label. Tools that return many
candidates (doc2dict returns every heading it predicts) get the benefit of the
doubt: any one candidate that passes is enough.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from compare_names import OTHER, title_words

OPENING_WINDOW = 200  # normalized characters after the heading where the opening must start
STUB_CHARS = 150  # normalized characters (about 200 as printed) a real section holds at least
SHORT_GAP = 400  # normalized characters between an opening and the next heading for a short section


@dataclass(frozen=True)
class ToolSection:
    """One section as a tool returned it, with its name already mapped to our ids."""

    section_id: str
    title: str
    text: str


@dataclass(frozen=True)
class Label:
    section_id: str
    title: str
    opening: str


@dataclass(frozen=True)
class Verdict:
    section_id: str
    title: str
    right: bool
    reason: str  # "ok", "missing", "wrong start", "runs on", "stub"


def squash(text: str) -> str:
    """Case-folded letters and digits only: the loose form every comparison uses."""
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


def neutral_text(raw: bytes) -> str:
    """A tool-independent squashed text of a filing: tags stripped, entities decoded."""
    text = raw.decode("utf-8", errors="replace")
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    text = re.sub(r"(?s)<[^>]*>", " ", text)
    return squash(html.unescape(text))


def short_labels(labels: list[Label], neutral: str) -> set[int]:
    """Indices of labels whose section is genuinely short in the filing: the next
    heading follows its opening words closely (or it has no body at all)."""
    short: set[int] = set()
    for index, label in enumerate(labels):
        opening = squash(label.opening)
        if not opening:
            short.add(index)
            continue
        if index + 1 == len(labels):
            continue
        following = squash(labels[index + 1].title)
        position = neutral.find(opening)
        while position >= 0:
            if following in neutral[position : position + len(opening) + SHORT_GAP]:
                short.add(index)
                break
            position = neutral.find(opening, position + 1)
    return short


def judge_section(section: ToolSection, label: Label, following: Label | None, short: bool) -> str:
    """The reason a candidate section fails the label, or "ok"."""
    text = squash(section.text)
    title = squash(label.title)
    heading = len(title) if text.startswith(title) else 0
    opening = squash(label.opening)
    if opening and opening not in text[: heading + OPENING_WINDOW + len(opening)]:
        return "wrong start"
    if following is not None:
        next_heading = squash(following.title) + squash(following.opening)
        if next_heading in text:
            return "runs on"
    if not short and len(text) - heading < STUB_CHARS:
        return "stub"
    return "ok"


def same_title(section: ToolSection, label: Label) -> bool:
    got, want = title_words(section.title), title_words(label.title)
    return bool(got) and (got == want or got.startswith(want) or want.startswith(got))


def judge(labels: list[Label], sections: list[ToolSection], neutral: str) -> list[Verdict]:
    """One verdict per label, in label order."""
    short = short_labels(labels, neutral)
    used: set[int] = set()
    verdicts: list[Verdict] = []
    for index, label in enumerate(labels):
        following = labels[index + 1] if index + 1 < len(labels) else None
        reason = "missing"
        for position, section in enumerate(sections):
            if position in used or section.section_id != label.section_id:
                continue
            if label.section_id == OTHER and not same_title(section, label):
                continue
            outcome = judge_section(section, label, following, index in short)
            if outcome == "ok":
                used.add(position)
                reason = "ok"
                break
            if reason == "missing":
                reason = outcome  # keep the first candidate's failure as the reason
        verdicts.append(Verdict(label.section_id, label.title, reason == "ok", reason))
    return verdicts
