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
from extractor.sinks.records import FailureRecord

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


def _title(result: FilingResult) -> str:
    meta = result.filing
    return " &middot; ".join(html.escape(x) for x in (meta.company, meta.form, meta.accession, meta.source) if x) or "filing"


def render_report(results: Iterable[FilingResult], failures: Iterable[FailureRecord] = ()) -> str:
    """The page: a summary (filings, contracts, failures), then each filing with contracts (most first),
    then the failures, then a compact list of the filings where nothing was found."""
    results, failures = list(results), list(failures)
    with_contracts = sorted((r for r in results if r.contracts), key=lambda r: -len(r.contracts))
    without = [r for r in results if not r.contracts]
    contracts = sum(len(r.contracts) for r in results)
    parts = [f"<!doctype html><html><head><meta charset=\"utf-8\"><title>extractor review</title><style>{_CSS}</style></head><body>"]
    parts.append("<h1>Compute contracts: review</h1>")
    parts.append(
        f'<p class="summary"><b>{len(results)}</b> filings &middot; <b>{contracts}</b> contracts in '
        f"<b>{len(with_contracts)}</b> of them &middot; <b>{len(failures)}</b> failed</p>"
    )
    from extractor.report_deals import deals_section  # the deal view (report_deals.py) imports this module's helpers

    parts.append(deals_section(results))
    for result in with_contracts:
        parts.append(f"<h2>{_title(result)}</h2>")
        for contract in result.contracts:
            parts.append(_contract_html(contract))
        for warning in result.warnings:
            parts.append(f'<p class="warn">warning: {html.escape(warning)}</p>')
    if failures:
        parts.append(f"<h2>Failed ({len(failures)})</h2><ul>")
        parts.extend(
            f'<li><span class="sec">{html.escape(f.source)}</span>: {html.escape(f.stage)}: {html.escape(f.reason)}</li>' for f in failures
        )
        parts.append("</ul>")
    if without:
        parts.append(f'<h2>No compute contract found ({len(without)})</h2><details><summary>the filings</summary><ul class="none">')
        parts.extend(f"<li>{_title(r)}</li>" for r in without)
        parts.append("</ul></details>")
    if not results and not failures:
        parts.append('<p class="none">No filings.</p>')
    parts.append("</body></html>\n")
    return "".join(parts)


def load_failures(path: str | Path) -> Iterator[FailureRecord]:
    """FailureRecords from a ``failures.jsonl``."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield FailureRecord.model_validate_json(line)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        first = str(exc).splitlines()[0]
        raise InputError(f"not a failures file: {first}", source=str(path)) from None


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
