"""The deal view of the review page: each deal across filings, its history as a timeline,
and each value with its evidence sentence from each filing, the value highlighted.

``deals_section(results)`` returns an HTML fragment (no scripts); ``render_report``
places it after the summary.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from extractor.deals import build_deals, facts_from_results
from extractor.deals.models import Deal, DealEvent, StatedValue, Statement
from extractor.models import FilingResult
from extractor.report import _highlight, _money

_DEAL_CSS = """
.deal-list li{margin:.15em 0}.deal{border:1px solid #ddd;border-radius:6px;padding:.2em 1em .8em;margin:1em 0}
.timeline{list-style:none;margin:.5em 0 0 .4em;padding:0 0 0 1.2em;border-left:3px solid #9bb7d4}
.tl-item{position:relative;margin:0 0 1em}.tl-item::before{content:"";position:absolute;left:-1.72em;top:.35em;width:.8em;height:.8em;border-radius:50%;background:#3b6ea5}
.tl-item.superseded{opacity:.65}.tl-item.superseded::before{background:#bbb}.tl-when{font-weight:600}
.tl-values{margin:.3em 0;padding-left:1.1em}.event{color:#0a5a2a;font-weight:600}.event.amended{color:#7a3d00}
.current td.src{color:#666;font-size:.9em}
"""

# field -> label, in the order shown
LABELS = {
    "monthly_fee_usd": "monthly fee",
    "fee_amount": "fee",
    "fee_period": "fee period",
    "total_value": "total value",
    "term_start": "term start",
    "term_end": "term end",
    "term_months": "term (months)",
    "notice_days": "notice (days)",
    "capacity_mw": "capacity (MW)",
    "gpus": "GPUs",
    "facility": "facility",
    "location": "location",
}
_MONEY = {"monthly_fee_usd", "fee_amount", "total_value"}


def _show(field: str, value) -> str:
    if value is None:
        return "?"
    if field in _MONEY:
        return _money(value, "USD")
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,g}"
    return str(value)


def _evidence(stated: StatedValue) -> str:
    if stated.evidence is None:
        return ""
    section = html.escape(stated.evidence.section or "?")
    return f'<div class="ev"><span class="sec">[{section}]</span> &ldquo;{_highlight(stated.evidence, [stated.text or ""])}&rdquo;</div>'


def _filing(st: Statement) -> str:
    return " &middot; ".join(html.escape(x) for x in (st.filed or "undated", st.form, st.accession or st.source) if x)


def _event(e: DealEvent) -> str:
    label = LABELS.get(e.field, e.field)
    kind = "event amended" if e.amendment else "event"
    why = " (the amendment supersedes the " + html.escape(e.old_form or "earlier filing") + ")" if e.amendment else ""
    return (
        f'<p class="{kind}">{html.escape(label)} {html.escape(e.change)}: {html.escape(_show(e.field, e.old.value))} '
        f"({html.escape(e.old_form or '?')}, {html.escape(e.old_filed or 'undated')}) &rarr; {html.escape(_show(e.field, e.new.value))}{why}</p>"
    )


def _current(deal: Deal) -> str:
    by_sha = {st.filing_sha256: st for st in deal.statements}
    rows = []
    for field, label in LABELS.items():
        stated = deal.current.get(field)
        if stated is None:
            continue
        source = by_sha.get(deal.current_from.get(field, ""))
        src = f"{html.escape(source.form or '?')}, {html.escape(source.filed or 'undated')}" if source else ""
        rows.append(f"<tr><th>{label}</th><td>{html.escape(_show(field, stated.value))}</td><td class=\"src\">{src}</td><td>{_evidence(stated)}</td></tr>")
    return f'<table class="current"><tr><th>term</th><th>current</th><th>from</th><th>evidence</th></tr>{"".join(rows)}</table>'


def _timeline(deal: Deal) -> str:
    items = []
    events_at: dict[str, list[DealEvent]] = {}
    for e in deal.events:
        events_at.setdefault(e.sha256, []).append(e)
    for st in deal.statements:
        css = "tl-item superseded" if st.superseded_by else "tl-item"
        note = f" &middot; superseded by {html.escape(st.superseded_by)}" if st.superseded_by else ""
        note += f" &middot; amends {html.escape(st.supersedes)}" if st.supersedes else ""
        values = "".join(
            f"<li>{LABELS[f]}: <b>{html.escape(_show(f, st.values[f].value))}</b>{_evidence(st.values[f])}</li>" for f in LABELS if f in st.values
        )
        events = "".join(_event(e) for e in events_at.get(st.filing_sha256, ()))
        items.append(f'<li class="{css}"><div class="tl-when">{_filing(st)}{note}</div>{events}<ul class="tl-values">{values}</ul></li>')
    return f'<ol class="timeline">{"".join(items)}</ol>'


def _title(deal: Deal) -> str:
    parts = [f"{html.escape(deal.provider or '(unnamed)')} &rarr; {html.escape(deal.customer or '(unnamed)')}"]
    if deal.value("facility"):
        parts.append(html.escape(str(deal.value("facility"))))
    parts.append(html.escape(deal.kind))
    return " &middot; ".join(parts)


def deal_html(deal: Deal) -> str:
    first, last = deal.statements[0], deal.statements[-1]
    return (
        f'<div class="deal" id="{html.escape(deal.deal_id)}"><h3>{_title(deal)} &middot; <code>{html.escape(deal.deal_id)}</code></h3>'
        f"<p>{len(deal.statements)} filings, {html.escape(first.filed or 'undated')} to {html.escape(last.filed or 'undated')}; "
        f"{len(deal.events)} change{'s' if len(deal.events) != 1 else ''}</p>"
        f"{_current(deal)}<p>History:</p>{_timeline(deal)}</div>"
    )


def deals_section(results: Iterable[FilingResult]) -> str:
    """The deal view of ``results``; empty when they hold no contract."""
    deals = build_deals(facts_from_results(results))
    if not deals:
        return ""
    listing = "".join(
        f'<li><a href="#{html.escape(d.deal_id)}">{_title(d)}</a> &middot; {len(d.statements)} filing{"s" if len(d.statements) != 1 else ""}'
        f" &middot; {len(d.events)} change{'s' if len(d.events) != 1 else ''}</li>"
        for d in deals
    )
    return (
        f'<section id="deals"><style>{_DEAL_CSS}</style><h2>Deals across filings ({len(deals)})</h2>'
        f'<ul class="deal-list">{listing}</ul>{"".join(deal_html(d) for d in deals)}</section>'
    )
