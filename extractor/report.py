"""A static HTML page for reviewing extracted contracts, evidence highlighted.

``render_report(results)`` takes FilingResults and returns one self-contained
HTML document (no scripts, no external assets) that an analyst can open or
attach to a review ticket.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Iterable, Iterator

from extractor.errors import InputError
from extractor.models import Contract, Evidence, FilingResult

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f4f4f4}mark{background:#ffe58a}.ev{color:#444;font-size:.92em}.sec{color:#777;font-family:monospace}
.none{color:#999}.warn{color:#a40}
"""

# (label, attribute, how to show the value) for the terms table
_TERMS = (
    ("provider", "provider", lambda v: _party(v)),
    ("customer", "customer", lambda v: _party(v)),
    ("fee", "fee", lambda v: f"{_money(v.amount, v.currency)} per {v.period or '?'}" + _q(v.qualifier)),
    ("monthly fee", "monthly_fee", lambda v: _money(v.amount, v.currency) + (" (derived)" if v.derived else "") + _q(v.qualifier)),
    ("total value", "total_value", lambda v: _money(v.amount, v.currency) + _q(v.qualifier)),
    ("term", "term", lambda v: ", ".join(x for x in (f"start {v.start}" if v.start else "", f"end {v.end}" if v.end else "", f"{v.months} months" if v.months else "") if x)),
    ("termination notice", "termination_notice", lambda v: ", ".join(x for x in (f"{v.days} days" if v.days is not None else "", f"by {v.party}" if v.party else "", "for convenience" if v.for_convenience else "", v.condition or "") if x)),
    ("capacity", "capacity", lambda v: f"{v.value:g} {v.unit}" + (f" ({v.mw:g} MW)" if v.mw is not None and v.unit.upper() != "MW" else "")),
    ("facility", "facility", lambda v: ", ".join(x for x in (v.name, v.location) if x)),
    ("prepayment", "prepayment", lambda v: ", ".join(x for x in (f"{v.percent:g}%" if v.percent is not None else "", _money(v.amount, "USD") if v.amount is not None else "") if x)),
    ("renewal", "renewal", lambda v: ", ".join(x for x in (f"{v.options} option(s)" if v.options else "", f"{v.months} months" if v.months else "") if x)),
)


def _q(qualifier: str | None) -> str:
    return f" ({qualifier})" if qualifier else ""


def _money(amount: float | None, currency: str | None) -> str:
    if amount is None:
        return "?"
    return f"{currency or ''} {amount:,.0f}".strip()


def _party(party) -> str:
    name = party.name or "(unnamed)"
    return f"{name} (filer)" if party.is_filer else name


def _highlight(evidence: Evidence, needles: Iterable[str]) -> str:
    """Escape the evidence sentence, marking every value text found in it."""
    text = evidence.text
    spans: list[tuple[int, int]] = []
    for needle in needles:
        if needle:
            at = text.find(needle)
            if at >= 0:
                spans.append((at, at + len(needle)))
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _contract_html(contract: Contract) -> str:
    rows = []
    needles = []
    for label, attr, show in _TERMS:
        value = getattr(contract, attr)
        if value is None:
            cell = '<span class="none">not stated</span>'
        else:
            cell = html.escape(show(value) or "")
            if getattr(value, "text", None):
                needles.append(value.text)
                cell += f'<div class="ev">&ldquo;{html.escape(value.text)}&rdquo;</div>'
        rows.append(f"<tr><th>{label}</th><td>{cell}</td></tr>")
    for discount in contract.discounts:
        needles.append(discount.text)
        months = f"{discount.months} months" if discount.months else "stated"
        rows.append(f"<tr><th>discount</th><td>{months}<div class=\"ev\">&ldquo;{html.escape(discount.text)}&rdquo;</div></td></tr>")
    evidence = "".join(
        f'<li><span class="sec">[{html.escape(e.section or "?")} {e.start}-{e.end}]</span> {_highlight(e, needles)}</li>'
        for e in contract.evidence
    )
    return (
        f"<h3>{html.escape(contract.kind)} &middot; <code>{html.escape(contract.id)}</code> &middot; confidence {contract.confidence:.2f}</h3>"
        f"<table>{''.join(rows)}</table><p>Evidence:</p><ol>{evidence}</ol>"
    )


def render_report(results: Iterable[FilingResult]) -> str:
    parts = [f"<!doctype html><html><head><meta charset=\"utf-8\"><title>extractor review</title><style>{_CSS}</style></head><body>"]
    parts.append("<h1>Compute contracts: review</h1>")
    count = 0
    for result in results:
        count += 1
        meta = result.filing
        title = " &middot; ".join(html.escape(x) for x in (meta.company, meta.form, meta.accession, meta.source) if x)
        parts.append(f"<h2>{title or 'filing'}</h2>")
        if not result.contracts:
            parts.append('<p class="none">No compute contract found.</p>')
        for contract in result.contracts:
            parts.append(_contract_html(contract))
        for warning in result.warnings:
            parts.append(f'<p class="warn">warning: {html.escape(warning)}</p>')
    if not count:
        parts.append('<p class="none">No filings.</p>')
    parts.append("</body></html>\n")
    return "".join(parts)


def load_results(path: str | Path) -> Iterator[FilingResult]:
    """FilingResults from a JSON file (one object) or a JSON Lines file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read results: {exc}", source=str(path)) from None
    stripped = text.lstrip()
    try:
        if stripped.startswith("{") and "\n{" not in stripped.rstrip():
            yield FilingResult.model_validate_json(text)
            return
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield FilingResult.model_validate(json.loads(line))
    except (ValueError, TypeError) as exc:
        first = str(exc).splitlines()[0]
        raise InputError(f"not FilingResult JSON: {first}", source=str(path)) from None
