"""Map other tools' section names and titles onto extractor's section ids.

edgartools names its sections with its own keys (``summary``, ``part_ii_item_5``,
``description_of_securities``) and carries an ``item``/``part`` on item sections;
doc2dict only gives the heading text as written. Both are mapped onto the ids of
DESIGN.md's vocabulary (``prospectus_summary``, ``item_5``, ``part_ii_item_1a``),
so that the three tools are judged against the same labels. A name or title that
is outside the vocabulary maps to ``other``, like extractor's own unknown sections.
"""

from __future__ import annotations

import re

OTHER = "other"

# edgartools' own keys that differ from ours (everything else is compared as is).
EDGARTOOLS_NAMES: dict[str, str] = {
    "summary": "prospectus_summary",
    "description_of_securities": "description_of_capital_stock",
    "plan_of_distribution": "underwriting",
    "market_risk": "item_7a",
    "controls_procedures": "item_9a",
    "unresolved_staff_comments": "item_1b",
    "legal_proceedings": "item_3",
    "properties": "item_2",
    "cybersecurity": "item_1c",
}

# Prospectus headings, matched against the whole title (see title_words).
PROSPECTUS_TITLES: tuple[tuple[str, str], ...] = (
    ("about_this_prospectus", r"about this prospectus( supplement)?"),
    ("prospectus_summary", r"(prospectus )?summary|summary of (the )?prospectus"),
    ("risk_factors", r"(summary )?risk factors"),
    ("forward_looking_statements", r".*forward looking statements.*"),
    ("market_and_industry_data", r"(industry and market|market and industry) data"),
    ("use_of_proceeds", r"use of proceeds"),
    ("dividend_policy", r"dividend policy|dividends"),
    ("capitalization", r"capitalization"),
    ("dilution", r"dilution"),
    ("selected_financial_data", r"selected (consolidated )?financial (and other )?data"),
    ("mda", r"management ?s discussion and analysis.*"),
    ("business", r"(our |proposed )?business|what we do"),
    ("management", r"management|directors and executive officers|management and board of directors"),
    ("executive_compensation", r"executive (and director )?compensation|compensation discussion and analysis"),
    ("related_party_transactions", r"certain relationships and related (party|person) transactions.*|related party transactions"),
    ("principal_stockholders", r"principal (and selling )?(stockholders|shareholders)|security ownership.*"),
    ("description_of_capital_stock", r"description of (our )?(capital stock|share capital|securities)"),
    ("shares_eligible_for_future_sale", r"shares eligible for future sale"),
    ("tax_considerations", r".*(tax consequences|tax considerations).*|taxation"),
    ("underwriting", r"underwriting|underwriters|plan of distribution"),
    ("legal_matters", r"legal matters"),
    ("experts", r"experts"),
    ("where_you_can_find_more_information", r"where you can find (more|additional) information"),
    ("financial_statements", r"index to (consolidated )?financial statements"),
    ("part_ii", r"part ii (information not required in (the )?prospectus)?"),
    ("signatures", r"signatures?"),
    ("exhibits", r"exhibit index|index to exhibits|exhibits"),
)
# 10-K items that edgartools names by topic rather than by number.
TEN_K_NAMES: dict[str, str] = {
    "business": "item_1",
    "risk_factors": "item_1a",
    "mda": "item_7",
    "financial_statements": "item_8",
}
VOCABULARY = frozenset(section_id for section_id, _ in PROSPECTUS_TITLES) | {"cover_page"}
_ITEM_ID = re.compile(r"(part_[iv]+_)?item_\d{1,2}[a-z]?")
_PROSPECTUS = tuple((section_id, re.compile(pattern)) for section_id, pattern in PROSPECTUS_TITLES)
_ITEM = re.compile(r"items? (\d{1,2}) ?([a-z])?\b")
_PART = re.compile(r"^part (i{1,3}|iv)\b")


def title_words(title: str) -> str:
    """Case-folded words of a heading, "&" read as "and", punctuation dropped."""
    text = title.casefold().replace("&", " and ").replace("\u2019", "").replace("'", "")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def is_periodic(form: str) -> bool:
    return form.upper().startswith(("10-K", "10-Q"))


def item_id(item: str, part: str | None, form: str) -> str:
    """``("1A", "II", "10-Q")`` -> ``part_ii_item_1a``; 10-K items carry no part."""
    item = item.casefold().replace(" ", "")
    if form.upper().startswith("10-Q") and part:
        return f"part_{part.casefold()}_item_{item}"
    return f"item_{item}"


def id_from_title(title: str, form: str, part: str | None = None) -> str:
    """A heading as written -> our section id (``other`` when outside the vocabulary)."""
    words = title_words(title)
    if is_periodic(form):
        match = _ITEM.match(words)
        if match:
            return item_id(match.group(1) + (match.group(2) or ""), part, form)
    for section_id, pattern in _PROSPECTUS:
        if pattern.fullmatch(words):
            return section_id
    return OTHER


def part_from_title(title: str) -> str | None:
    """"PART II - OTHER INFORMATION" -> "ii" (10-Q items are numbered per part)."""
    match = _PART.match(title_words(title))
    return match.group(1) if match else None


def id_from_edgartools(name: str, item: str | None, part: str | None, form: str) -> str:
    """An edgartools section (key, item, part) -> our section id."""
    if item and is_periodic(form):
        return item_id(item, part, form)
    match = re.fullmatch(r"(?:part_([iv]+)_)?item_(\d{1,2}[a-z]?)", name)
    if match and is_periodic(form):
        return item_id(match.group(2), match.group(1), form)
    section_id = EDGARTOOLS_NAMES.get(name, name)
    if form.upper().startswith("10-K"):
        section_id = TEN_K_NAMES.get(section_id, section_id)
    if section_id in VOCABULARY or _ITEM_ID.fullmatch(section_id):
        return section_id
    return OTHER
