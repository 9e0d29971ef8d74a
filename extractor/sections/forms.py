"""Per-form section vocabularies: a title as written -> its canonical section id.

Rules are data: (id, pattern) pairs tried in order on the normalized title.
"""

from __future__ import annotations

import re
from functools import lru_cache

PROSPECTUS = "prospectus"
ANNUAL = "10-K"
QUARTERLY = "10-Q"
CURRENT = "8-K"

_PROSPECTUS_RULES: tuple[tuple[str, str], ...] = (
    ("about_this_prospectus", r"^about this (?:prospectus|offering)"),
    ("risk_factors", r"^risk factors$"),
    ("prospectus_summary", r"^(?:prospectus |offering )?summary(?: of (?:the|this) prospectus)?$|^prospectus summary\b"),
    ("forward_looking_statements", r"forward[- ]looking (?:statements|information)"),
    ("market_and_industry_data", r"^(?:market(?:,)? (?:and )?industry|industry and market)(?: and other)? (?:data|information)"),
    ("use_of_proceeds", r"^use of proceeds"),
    ("dividend_policy", r"^dividend(?:s)? policy|^dividend policy"),
    ("capitalization", r"^capitali[sz]ation(?: and indebtedness)?$"),
    ("dilution", r"^dilution$"),
    ("selected_financial_data", r"^selected .*financial (?:and other |and operating )?(?:data|information)"),
    ("mda", r"^management'?s discussion and analysis"),
    ("business", r"^(?:our |proposed |the )?business$|^business overview$"),
    ("management", r"^management$|^(?:our )?(?:directors|executive officers)(?:,| and) |^management and board"),
    ("executive_compensation", r"^(?:executive|director and executive|executive and director) compensation|^compensation discussion"),
    ("related_party_transactions", r"related(?:[- ]party| person)? transactions|^certain relationships"),
    ("principal_stockholders", r"^principal (?:and selling )?(?:stock|share)holders|^security ownership|^beneficial ownership|^principal shareholders"),
    ("description_of_capital_stock", r"^description of (?:our )?(?:capital stock|share capital|securities|capital)"),
    ("shares_eligible_for_future_sale", r"(?:shares|securities) eligible for future sale"),
    ("tax_considerations", r"tax (?:considerations|consequences)|^taxation$"),
    ("underwriting", r"^underwrit(?:ing|ers)\b|^plan of distribution\b"),
    ("legal_matters", r"^legal matters$"),
    ("experts", r"^experts$"),
    ("where_you_can_find_more_information", r"^where you can find (?:more|additional) information|^available information$"),
    ("enforceability_of_civil_liabilities", r"^enforce(?:ability|ment) of civil liabilities"),
    ("exchange_rate_information", r"^exchange rate"),
    ("financial_statements", r"^index to (?:the )?(?:consolidated )?financial statements|^(?:consolidated )?financial statements$"),
    ("part_ii", r"^part ii\b|^information not required in (?:the )?prospectus"),
    ("signatures", r"^signatures?$"),
    ("exhibits", r"^exhibit index$|^(?:index to )?exhibits$"),
)
_COMPILED = tuple((section_id, re.compile(pattern)) for section_id, pattern in _PROSPECTUS_RULES)
# A foreign private issuer's prospectus (F-1, F-3, F-4) names some sections of its own; tried first.
_FOREIGN_RULES: tuple[tuple[str, str], ...] = (
    ("taxation", r"^(?:material )?(?:income )?taxation$"),
    ("presentation_of_financial_information", r"^presentation of (?:our )?financial (?:and other )?information|^(?:conventions|certain conventions) (?:that apply|used)"),
    ("corporate_history_and_structure", r"^(?:our )?(?:corporate (?:history and )?structure|history and corporate structure|corporate history)$"),
    ("regulation", r"^(?:government )?regulations?$|^regulatory (?:overview|environment)$"),
    ("expenses_of_the_offering", r"^expenses (?:related to|of) (?:this|the) offering$"),
)
_FOREIGN_COMPILED = tuple((section_id, re.compile(pattern)) for section_id, pattern in _FOREIGN_RULES)


def is_foreign(document) -> bool:
    """A foreign private issuer's form (F-1, F-3, F-4 and their amendments; 20-F, 40-F, 6-K)."""
    form = (getattr(document, "form", None) or "").upper().replace(" ", "")
    return form.startswith(("F-", "20-F", "40-F", "6-K"))
END_MATTER = ("financial_statements", "part_ii", "signatures", "exhibits")

# After a 10-K's items: F-pages, the internal-control report and the exhibit index, each once.
_PERIODIC_END_MATTER: tuple[tuple[str, str], ...] = (
    ("other:internal_control", r"^management'?s (?:annual )?report on internal control"),
    ("exhibits", r"^exhibit index$|^index to exhibits$"),
    ("other:agreement", r"^[^.]{0,80}\bagreement$"),  # a contract pasted in after the signatures
    (
        "financial_statements",
        r"^(?:index to )?(?:the )?(?:consolidated )?financial statements$|.{3,80} financial statements$"
        r"|^report of independent registered public accounting firm$",
    ),
)
_PERIODIC_COMPILED = tuple((key, re.compile(pattern)) for key, pattern in _PERIODIC_END_MATTER)

_ITEM = re.compile(r"^items?\s*(\d{1,2})(?!\d)\s*([a-k])?\s*(?:\(t\))?\s*(?:[.:\-–—\s]|$)", re.I)
_ITEM_8K = re.compile(r"^items?\s*(\d{1,2})\s*\.\s*(\d{2})(?!\d)", re.I)
ITEM_LABEL = re.compile(r"^items?\s*\d{1,2}(?:\s*\.\s*\d{2})?\s*[a-d]?\s*(?:\(t\))?\s*[.:]?", re.I)
_PART = re.compile(r"^part\s+(iv|iii|ii|i)\b", re.I)
_SPACES = re.compile(r"\s+")
_TRAILING_PAGE = re.compile(r"(?:\s*\|)?\s*(?:page\s+)?(?:[A-Z]{1,2}-)?\d{1,3}\s*$|\s*\|\s*$")


def form_family(form: str | None) -> str:
    """prospectus, 10-K, 10-Q or 8-K (the vocabulary to use) for a form type."""
    f = (form or "").upper().replace(" ", "")
    if f.startswith(("10-K", "10K", "20-F", "40-F")):
        return ANNUAL
    if f.startswith(("10-Q", "10Q")):
        return QUARTERLY
    if f.startswith(("8-K", "8K", "6-K")):
        return CURRENT
    return PROSPECTUS


TITLE_CACHE = 8192  # titles recur: every pass over the headings asks for the same keys


@lru_cache(maxsize=TITLE_CACHE)
def normalize_title(title: str) -> str:
    """Lower case, straight apostrophes, single spaces, no leading/trailing page number or punctuation."""
    t = title.replace("’", "'").replace("‘", "'").replace("\u2014", "-").replace("\u2013", "-")
    t = _TRAILING_PAGE.sub("", _SPACES.sub(" ", t)).strip(" .:|*-")
    return t.lower()


@lru_cache(maxsize=TITLE_CACHE)
def prospectus_id(title: str, foreign: bool = False) -> str:
    t = normalize_title(title)
    t = re.sub(r"\s*\((?:conflicts? of interest|continued)\)$", "", t)
    for section_id, pattern in (_FOREIGN_COMPILED + _COMPILED if foreign else _COMPILED):
        if pattern.search(t):
            return section_id
    return "other"


def periodic_end_matter_id(title: str) -> str | None:
    """'exhibits', 'financial_statements' or 'other:<what>' for end-matter headings of itemized forms."""
    t = normalize_title(title)
    for key, pattern in _PERIODIC_COMPILED:
        if pattern.search(t):
            return key
    return None


@lru_cache(maxsize=TITLE_CACHE)
def item_key(title: str, family: str) -> tuple[str, tuple] | None:
    """('item_1a', order) for a 10-K/10-Q item heading, ('item_1_01', order) for 8-K; None otherwise."""
    t = _SPACES.sub(" ", title.replace("\u00a0", " ")).strip()
    if family == CURRENT:
        m = _ITEM_8K.match(t)
        if m:
            return f"item_{int(m.group(1))}_{m.group(2)}", (int(m.group(1)), int(m.group(2)))
        m = _ITEM.match(t)  # before 2004 8-K items were whole numbers: "Item 5. Other Events"
        if m and not m.group(2) and 1 <= int(m.group(1)) <= 12:
            return f"item_{int(m.group(1))}", (int(m.group(1)), -1)
        return None
    m = _ITEM.match(t)
    if not m or _ITEM_8K.match(t):
        return None
    number, letter = int(m.group(1)), (m.group(2) or "").lower()
    if not 1 <= number <= 19:  # 10-K items end at 16; a 20-F runs to 19
        return None
    if letter > "d" and number != 16:  # only a 20-F's Item 16 runs past D (16E ... 16K)
        return None
    return f"item_{number}{letter}", (number, letter)


# Headings of the 10-K form that are not items but stand at the same level.
REGULATION_AB = re.compile(r"^items?\s*11\d\d\b.{0,20}\bof regulation ab\b", re.I)
SECTION_15D_SUPPLEMENT = re.compile(r"^supplemental information to be furnished with reports filed pursuant to section 15\(d\)", re.I)


def part_number(title: str) -> int | None:
    m = _PART.match(title.strip())
    return {"i": 1, "ii": 2, "iii": 3, "iv": 4}[m.group(1).lower()] if m else None
