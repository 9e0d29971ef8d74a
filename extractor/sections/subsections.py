"""Level-2 sections inside the level-1 sections that analysts read for contracts.

    MD&A (mda, item_7, part_i_item_2, item_5)   liquidity, contractual_obligations,
                                                critical_accounting_estimates, results_of_operations, ...
    financial statements (financial_statements,  note_commitments, note_subsequent_events,
      item_8, part_i_item_1, item_17, item_18)  note_revenue, note_leases, note_debt, ... (other: the rest)
    8-K items (item_N_NN)                       each sub-heading, id other with its title

A level-2 section starts at its heading and runs to the next level-2 heading of the same
parent, or the parent's end. Only headings (styled heading blocks, or short lines of a
plain-text filing) count, never a phrase inside a paragraph. Rules are data.
"""

from __future__ import annotations

import re

from extractor.sections.forms import normalize_title
from extractor.types import HEADING, TABLE_ROW, Document, Section

MAX_TITLE = 160

_MDA_PARENTS = frozenset({"mda", "item_7", "part_i_item_2", "item_5"})
_NOTES_PARENTS = frozenset({"financial_statements", "item_8", "part_i_item_1", "item_17", "item_18"})
_ITEM_8K = re.compile(r"^item_\d+_\d\d$")

_MDA_RULES: tuple[tuple[str, str], ...] = (
    ("overview", r"^(?:business |executive )?overview$"),
    ("results_of_operations", r"^(?:comparison of |our )?results of operations\b|^operating results$"),
    ("liquidity", r"^liquidity(?: and capital resources)?$|^capital resources and liquidity$|^liquidity and capital resources\b"),
    ("contractual_obligations", r"^(?:contractual obligations|material cash requirements|cash requirements|commitments and contractual obligations|contractual obligations and commitments)\b"),
    ("off_balance_sheet_arrangements", r"^off[- ]balance[- ]sheet arrangements"),
    ("critical_accounting_estimates", r"^critical accounting (?:policies|estimates)"),
    ("recent_accounting_pronouncements", r"^recent(?:ly)? (?:issued |adopted )?accounting (?:pronouncements|standards)"),
)
_NOTE = re.compile(r"^(?:note\s+)?(\d{1,2})\s*[.:\-)]?\s+([A-Za-z].{2,150})$", re.I)
_NOTE_RULES: tuple[tuple[str, str], ...] = (
    ("note_commitments", r"commitments"),
    ("note_subsequent_events", r"subsequent events?"),
    ("note_revenue", r"^revenues?\b|revenue recognition|revenue from contracts"),
    ("note_leases", r"^leases?\b|lease (?:obligations|commitments)$"),
    ("note_debt", r"^(?:long[- ]term )?(?:debt|borrowings|notes payable|credit facilit|financing arrangements)"),
    ("note_related_party", r"related[- ]part(?:y|ies)"),
)
_CONTINUED = re.compile(r"[\s\-\u2014(]*\(?continued\)?\s*$", re.I)
_MDA = tuple((i, re.compile(p)) for i, p in _MDA_RULES)
_NOTES = tuple((i, re.compile(p)) for i, p in _NOTE_RULES)


def subsections(document: Document, top: list[Section]) -> list[Section]:
    """Level-2 sections of the level-1 sections ``top`` (which stay as they are)."""
    found: list[Section] = []
    for parent in top:
        kind = "mda" if parent.id in _MDA_PARENTS else "notes" if parent.id in _NOTES_PARENTS else "items" if _ITEM_8K.match(parent.id) else None
        if kind is None:
            continue
        heads = [(start, body, section_id, title) for start, body, section_id, title in _headings(document, parent, kind)]
        seen: set[str] = set()
        kept = []
        for head in heads:
            number = _NOTE.match(head[3]) if kind == "notes" else None
            key = f"note {int(number.group(1))}" if number else head[2]
            if (head[2] != "other" or number) and key in seen:
                continue  # a repeated heading (an index, a carried-on note): the first wins
            seen.add(key)
            kept.append(head)
        for i, (start, body, section_id, title) in enumerate(kept):
            end = kept[i + 1][0] if i + 1 < len(kept) else parent.end
            found.append(Section(section_id, title, 2, start, end, min(body, end), parent=parent.id))
    return found


def _headings(document: Document, parent: Section, kind: str):
    text = document.text
    first = document.block_index(parent.body_start)
    for block in document.blocks[first:]:
        if block.start >= parent.end:
            break
        if block.start < parent.body_start or block.end - block.start > MAX_TITLE:
            continue
        line = text[block.start : block.end]
        if "\n" in line.strip() or not _is_heading(block, line, document.kind):
            continue
        title = " ".join(line.split())
        if _CONTINUED.search(title):
            continue  # a page's running heading over a note carried on from the page before
        key = normalize_title(title)
        section_id = _classify(key, title, kind)
        if section_id:
            yield block.start, block.end, section_id, title


def _is_heading(block, line: str, kind: str) -> bool:
    if block.kind == TABLE_ROW:
        return False  # a table's header row is no heading
    if block.kind == HEADING or block.bold or block.underline:
        return True
    stripped = line.strip()  # plain text: a short line without a closing full stop
    return kind in ("text", "sgml", "nc") and len(stripped) <= 100 and not stripped.endswith((".", ",", ";")) and stripped[:1].isupper()


def _classify(key: str, title: str, kind: str) -> str | None:
    if kind == "mda":
        return next((section_id for section_id, pattern in _MDA if pattern.search(key)), None)
    if kind == "notes":
        note = _NOTE.match(title)
        if not note:
            return None
        subject = normalize_title(note.group(2))
        return next((section_id for section_id, pattern in _NOTES if pattern.search(subject)), "other")
    if key.startswith("item ") or len(key) < 4 or not any(ch.isalpha() for ch in key):
        return None
    return "other"
