"""Tables read as tables: a key-value term sheet (label | value rows) or a contract table (a
header row, then one row per contract) becomes contract frames whose facts come from the cells.

A cell's label says what it holds ("Monthly fee" gives the period, "Counterparty" the role,
"Termination" that a duration is notice), and the normalizers read the value (money with the
table's "in millions", dates, durations, capacity). Each fact's evidence is its row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.rules.facts.findings import CapacityFact, ClauseFacts, CountFact, FeeFact, Found, TermFact, TotalFact
from extractor.rules.facts.terms import PERCENT
from extractor.rules.normalize.capacity import parse_capacity
from extractor.rules.normalize.durations import parse_date, parse_days, parse_months
from extractor.rules.normalize.money import Money, currency_of, money_qualifier, parse_money, table_scale
from extractor.rules.normalize.names import clean_name, looks_like_name
from extractor.rules.normalize.notice import NoticeTerm, notice_actor
from extractor.rules.normalize.numerals import parse_number

CELL_SEPARATOR = " | "
_STARTS_AT = re.compile(r"\b(?:beginning|commencing|starting|starts?|begins?|commences?|effective|from)\b", re.I)
_ENDS_AT = re.compile(r"\b(?:through|until|till|ending|ends?|expir\w*|to)\b", re.I)

# label (lowered cell text) -> field; the first pattern that matches wins
_LABELS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("our_role", r"\b(?:our|the\s+company['\u2019]s|registrant['\u2019]s)\s+role\b|\brole\s+of\s+(?:the\s+)?(?:company|registrant)\b"),
        ("notice", r"\b(?:termination|notice|cancell?ation)\b"),
        ("fee_month", r"\bmonthly\b|\bper\s+month\b|\bfee\s*/\s*month\b"),
        ("fee_quarter", r"\bquarterly\b|\bper\s+quarter\b"),
        ("fee_year", r"\bannual\b|\bannually\b|\bper\s+(?:year|annum)\b"),
        ("prepayment", r"\bprepay|\bprepaid|\badvance\s+payment"),
        ("term", r"\b(?:commitment|initial|contract|lease|service|subscription)\s+term\b"),  # "Commitment Term | 12 months"
        ("total", r"\btotal\b|\baggregate\b|\bcontract\s+value\b|\bTCV\b|\bminimum\s+commitment\b|\bcommitment\b|"
                  r"\bcontract\s+(?:amount|price)\b|\bvalue\b"),
        ("gpus", r"\bGPUs?\b|\baccelerators?\b"),
        ("capacity", r"\bcapacity\b|\bMW\b|\bkW\b|\bmegawatts?\b|\bIT\s+load\b|\bpower\b|\bscope\b"),
        ("start", r"\b(?:start|commencement|effective|service\s+commencement)\b"),
        ("term_end", r"\b(?:expiration|expiry|expires|end\s+date|term\s+end|ending|maturity|through)\b"),
        ("term", r"\bterm\b|\bduration\b|\bperiod\b|\btenor\b"),
        ("provider", r"\b(?:provider|supplier|vendor|host|lessor|landlord|seller)\b"),
        ("customer", r"\b(?:customer|client|tenant|lessee|purchaser|buyer|offtaker)\b"),
        ("counterparty", r"\b(?:counterparty|counter-party|party|parties)\b"),
    )
)
_NOT_A_LABEL = re.compile(r"\$|\d{2}")
_EITHER = re.compile(r"\beither\s+party\b|\beach\s+party\b|\bmutual|\bboth\s+parties\b", re.I)
_PROVIDER_MAY = re.compile(r"\b(?:provider|supplier|vendor|host|lessor|landlord)\b", re.I)
_CUSTOMER_MAY = re.compile(r"\b(?:customer|client|tenant|lessee|purchaser)\b", re.I)
_CONVENIENCE = re.compile(r"\bconvenience\b|\bwithout\s+cause\b|\bfor\s+any\s+reason\b", re.I)
_DURATION = re.compile(
    r"\b(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|"
    r"twenty-four|thirty|thirty-six|forty-eight|sixty|ninety)(?:\s*\(\d+\))?[\s-]+(?:calendar\s+|business\s+)?"
    r"(?:years?|months?|days?|weeks?|quarters?)\b",
    re.I,
)
_GPU_COUNT = re.compile(r"(\d[\d,]*)")
_HEADER_SCALE = re.compile(r"\(\s*(?:\$|US\$|USD)?\s*in\s+(thousands|millions|billions)\s*\)|\bin\s+(thousands|millions|billions)\b", re.I)


@dataclass(frozen=True)
class Cell:
    start: int  # offsets into the passage text
    end: int
    text: str


@dataclass(frozen=True)
class Row:
    start: int
    end: int
    cells: tuple[Cell, ...]


def label_field(label: str) -> str | None:
    """The contract field a row or column label names, or None."""
    text = label.strip(" :")
    if not text or len(text) > 60 or _NOT_A_LABEL.search(text):
        return None
    for name, regex in _LABELS:
        if regex.search(text):
            return name
    return None


# A term sheet told as lines: "• Monthly fee: $6.8 million", "- Term: 30 months", "Counterparty: X".
_KEY_VALUE_LINE = re.compile(
    r"^([ \t]*(?:[\u2022\u25cf\u25aa\u2023\u2043*\-\u2013\u2014][ \t]*|\(?[a-z0-9]{1,2}[.)][ \t]+)?)"
    r"([A-Z][^:\n]{1,50}?)[ \t]*:[ \t]+(\S[^\n]*?)[ \t]*$")


def key_value_rows(text: str) -> list[Row]:
    """The ``Label: value`` lines of a passage whose label names a contract field."""
    rows, pos = [], 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        m = _KEY_VALUE_LINE.match(line)
        if m and label_field(m.group(2)):
            rows.append(Row(start, start + len(line), (Cell(start + m.start(2), start + m.end(2), m.group(2)),
                                                        Cell(start + m.start(3), start + m.end(3), m.group(3)))))
    return rows


def has_key_value_sheet(text: str) -> bool:
    """Three or more ``Label: value`` lines naming contract fields (a term sheet told as a list)."""
    return len(key_value_rows(text)) >= 3


def table_rows(text: str) -> list[Row]:
    """The ``cell | cell`` lines of a passage, with their offsets (else its ``Label: value`` lines)."""
    if CELL_SEPARATOR not in text:
        return key_value_rows(text)
    rows, pos = [], 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if CELL_SEPARATOR not in line:
            continue
        cells, at = [], start
        for piece in line.split(CELL_SEPARATOR):
            lead = len(piece) - len(piece.lstrip())
            value = piece.strip()
            if value:
                cells.append(Cell(at + lead, at + lead + len(value), value))
            at += len(piece) + len(CELL_SEPARATOR)
        if cells:
            rows.append(Row(start, start + len(line), tuple(cells)))
    return rows


@dataclass(frozen=True)
class TermSheet:
    """The contracts a table states: for each, (field, label cell, value cell, row) entries."""

    contracts: tuple[tuple[tuple[str, Cell, Cell, Row], ...], ...]
    caption: str
    start: int  # where the table's first row begins in the passage text (the caption ends there)


def read_term_sheet(text: str) -> TermSheet | None:
    """A key-value term sheet (two cells a row, at least three rows whose labels name contract
    fields, one of them an amount, a term or notice) or a contract table (a header naming at least
    three fields, then rows): None for any other table."""
    rows = table_rows(text)
    if len(rows) < 2:
        return None
    caption = text[: rows[0].start]
    pairs = [(label_field(r.cells[0].text), r) for r in rows if len(r.cells) == 2]
    named = [(f, r) for f, r in pairs if f]
    if len(named) >= 3 and len(named) >= len(rows) // 2 and any(f not in ("provider", "customer", "counterparty", "capacity", "gpus", "start") for f, _ in named):
        entries = tuple((f, r.cells[0], r.cells[1], r) for f, r in named)
        return TermSheet((entries,), caption, rows[0].start)
    for h, header in enumerate(rows[:3]):
        fields = [label_field(c.text) for c in header.cells]
        if sum(1 for f in fields if f) < 3 or len(set(f for f in fields if f)) < 3:
            continue
        contracts = []
        for row in rows[h + 1 :]:
            if len(row.cells) != len(header.cells):
                continue
            entries = tuple((f, hc, c, row) for f, hc, c in zip(fields, header.cells, row.cells) if f)
            if entries:
                contracts.append(entries)
        if contracts:
            return TermSheet(tuple(contracts), caption + " " + " ".join(c.text for c in header.cells), rows[0].start)
    return None


def term_sheet_clauses(sheet: TermSheet, base: int, passage_text: str) -> list[tuple[list[ClauseFacts], dict[str, str]]]:
    """For each contract of the sheet: one ClauseFacts per row it uses, and the parties its cells
    name by role ("customer", "provider", "counterparty" -> name)."""
    out = []
    caption_scale = table_scale(sheet.caption)
    for entries in sheet.contracts:
        by_row: dict[int, dict] = {}
        roles: dict[str, str] = {}
        for field_name, label, cell, row in entries:
            facts = by_row.setdefault(row.start, {"row": row})
            if field_name == "our_role":  # "Our role | Customer": the filer's side of this row's agreement
                kind = re.search(r"\b(customer|client|tenant|lessee|licensee|buyer|provider|supplier|host|lessor|licensor|seller)\b",
                                 cell.text, re.I)
                if kind:
                    roles["our_role"] = "customer" if kind.group(1).lower() in ("customer", "client", "tenant", "lessee", "licensee",
                                                                               "buyer") else "provider"
                continue
            if field_name in ("provider", "customer", "counterparty"):
                name = clean_name(cell.text)
                if name and name[0].isupper() and not re.search(r"\d", name) and looks_like_name(name):
                    roles.setdefault(field_name, name)
                continue
            scale = _scale(label.text, caption_scale)
            found = Found(base + cell.start, base + cell.end, cell.text)
            _read_cell(field_name, label.text, cell.text, scale, found, facts)
        clauses = [_clause(passage_text, base, facts) for facts in by_row.values()]
        clauses = [c for c in clauses if c is not None]
        if clauses and any(c.has_values for c in clauses):
            out.append((clauses, roles))
    return out


def _scale(label: str, caption_scale: float) -> float:
    m = _HEADER_SCALE.search(label)
    if m:
        return {"thousands": 1e3, "millions": 1e6, "billions": 1e9}[(m.group(1) or m.group(2)).lower()]
    return caption_scale


_IN_INSTALMENTS = re.compile(r"\b(?:payable|paid|billed|invoiced)\s+(?:in\s+(?:equal\s+)?)?(?:monthly|quarterly|annual)\s+"
                             r"(?:instal?lments?|payments)\b", re.I)


def _read_cell(field_name: str, label: str, value: str, scale: float, found: Found, facts: dict) -> None:
    if field_name.startswith("fee_") or field_name == "total":
        money = parse_money(value, scale=scale) if re.search(r"\d", value) else None
        if money is None or money.amount <= 0:
            return
        if not re.search(r"[^\d\s,.()\-]", value) and currency_of(label) != "USD":
            money = Money(money.amount, currency_of(label))  # a bare figure under "Monthly fee (\u20ac thousands)"
        qualifier = money_qualifier(value.split("$")[0] + " ") if "$" in value else None
        period = re.search(r"per\s+(month|quarter|year)|\b(monthly|quarterly|annually)\b", value, re.I)
        if field_name == "total" and period and _IN_INSTALMENTS.search(value):
            period = None  # "Aggregate commitment | $1.4 billion, payable in equal monthly installments": a total
        if field_name == "total" and not period:
            facts.setdefault("totals", []).append(TotalFact(money.amount, money.currency, qualifier, 3, found))
        else:
            name = field_name[4:] if field_name.startswith("fee_") else None
            if period:
                word = (period.group(1) or period.group(2)).lower()
                name = {"monthly": "month", "quarterly": "quarter", "annually": "year"}.get(word, word)
            facts.setdefault("fees", []).append(FeeFact(money.amount, money.currency, name, qualifier, found))
    elif field_name in ("term", "term_end", "start"):
        date = parse_date(value) if re.search(r"(?:19|20)\d\d", value) else None
        duration = _DURATION.search(value)
        months = parse_months(duration.group(0)) if duration else None
        unit = re.search(r"\((months|years)\)|\bin\s+(months|years)\b", label, re.I)
        if months is None and unit and re.fullmatch(r"\s*\d{1,3}\s*", value) and not re.search(r"\bremaining\b", label, re.I):
            # "Term (months)" | "36" (a "Remaining term" is not the contract's)
            months = int(value) * (12 if (unit.group(1) or unit.group(2)).lower() == "years" else 1)
        if field_name == "start":
            if date:
                facts.setdefault("terms", []).append(TermFact(None, None, 0, found, start=date))
            return
        if date and _STARTS_AT.search(value) and not _ENDS_AT.search(value):
            # "Term | five years, beginning in the second quarter of 2027": the date is when it starts
            facts.setdefault("terms", []).append(TermFact(None, months, 0, found, start=date))
            return
        if date or months:
            facts.setdefault("terms", []).append(TermFact(date, months, 0, found))
    elif field_name == "notice":
        duration = _DURATION.search(value)
        days = parse_days(duration.group(0)) if duration else None
        if not days:
            return
        either = bool(_EITHER.search(value))
        actor = None if either else ("Provider" if _PROVIDER_MAY.search(value) else "Customer" if _CUSTOMER_MAY.search(value)
                                     else notice_actor(value))  # "OpenAI may terminate on 180 days' notice"
        facts["notice"] = NoticeTerm(days=days, start=0, end=len(value), either=either, actor=actor, recipient=None,
                                     for_convenience=True if _CONVENIENCE.search(value + " " + label) else None,
                                     condition=None)
        facts["notice_at"] = found
    elif field_name == "capacity":
        capacity = parse_capacity(value) if re.search(r"\d", value) else None
        unit = re.search(r"\b(MW|kW|GW)\b|(megawatt|kilowatt|gigawatt)", label, re.I)
        if capacity is None and re.fullmatch(r"[\d,.]+", value.strip()) and unit:  # "Capacity (kW)" | "1,800"
            word = (unit.group(1) or {"megawatt": "MW", "kilowatt": "kW", "gigawatt": "GW"}[unit.group(2).lower()])
            capacity = parse_capacity(value.strip() + " " + {"mw": "MW", "kw": "kW", "gw": "GW"}[word.lower()])
        if capacity is not None:
            facts.setdefault("capacities", []).append(CapacityFact(capacity.value, capacity.unit, capacity.mw, 0, found))
    elif field_name == "gpus":
        m = _GPU_COUNT.search(value)
        if m:
            facts.setdefault("extras", []).append(CountFact("gpus", float(m.group(1).replace(",", "")), None, found))
    elif field_name == "prepayment":
        m = PERCENT.search(value)
        if m:
            facts.setdefault("extras", []).append(CountFact("prepayment", float(m.group(1)), None, found))
        else:
            number = parse_number(value) if re.search(r"\d", value) else None
            money = parse_money(value, scale=scale) if number else None
            if money:
                facts.setdefault("extras", []).append(CountFact("prepayment_amount", money.amount, None, found))


def _clause(passage_text: str, base: int, facts: dict) -> ClauseFacts | None:
    row: Row = facts["row"]
    text = passage_text[row.start : row.end]
    return ClauseFacts(
        start=base + row.start, end=base + row.end, sentence=Found(base + row.start, base + row.end, text), text=text,
        compute=True, contract=True, lookalike=False, orgs=(),
        fees=tuple(facts.get("fees", ())), totals=tuple(facts.get("totals", ())), terms=tuple(facts.get("terms", ())),
        notice=facts.get("notice"), notice_at=facts.get("notice_at"), capacities=tuple(facts.get("capacities", ())),
        extras=tuple(facts.get("extras", ())),
    )


def is_pipe_table(text: str) -> bool:
    """Two or more lines of the same number of " | "-separated cells (three or more), or three or more
    "label | value" lines (a key-value term sheet), and little else."""
    lines = [line for line in text.splitlines() if line.strip()]
    cells = [line.count("|") for line in lines]
    rows = [n for n in cells if n >= 1]
    if len(rows) < 2 or len(rows) < len(lines) - 1:
        return False
    modal = max(set(rows), key=rows.count)  # a "Total | | 34 MW | |" row may count its empty cells differently
    if rows.count(modal) < max(2, (2 * len(rows) + 2) // 3):
        return False
    return modal >= 2 or len(rows) >= 3
