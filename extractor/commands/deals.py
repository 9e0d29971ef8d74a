"""``extractor deals``: the deals of a batch's database, one row per deal."""

from __future__ import annotations

import csv
import json
import sys

from extractor.commands import ENV_DB, env_default
from extractor.sinks import DEFAULT_DB


def add_parser(sub) -> None:
    p = sub.add_parser(
        "deals",
        help="list the deals across filings in a batch's database (current terms, filings, changes)",
        description="One row per deal: the same deal told in several filings (S-1, S-1/A, 424B4, 10-Q, 8-K ...) "
        "once, with its current terms, its first and last filing and how many times its terms changed.",
    )
    p.add_argument("--db", default=env_default(ENV_DB, DEFAULT_DB), metavar="URL", help=f"database URL (default {DEFAULT_DB}, or {ENV_DB})")
    p.add_argument("--customer", metavar="NAME", help="only deals of this customer (\"Anthropic\" matches \"Anthropic PBC\")")
    p.add_argument("--provider", metavar="NAME", help="only deals of this provider")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="JSON: every deal with its filings, values, evidence and events")
    out.add_argument("--csv", action="store_true", help="CSV of the deals table's columns")
    p.set_defaults(run=run)


def _money(value) -> str:
    if value is None:
        return ""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"${value / size:,.4g}{suffix}"
    return f"${value:,.0f}"


def _capacity(row: dict) -> str:
    parts = [f"{row['gpus']:,.0f} GPUs" if row["gpus"] is not None else "", f"{row['capacity_mw']:g} MW" if row["capacity_mw"] is not None else ""]
    return ", ".join(p for p in parts if p)


def _table(rows: list[dict], stream) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} deal{'s' if len(rows) != 1 else ''}", title_justify="left")
    for header, justify in (("provider", "left"), ("customer", "left"), ("kind", "left"), ("facility", "left"), ("monthly", "right"),
                            ("total", "right"), ("term end", "left"), ("capacity", "right"), ("filings", "right"),
                            ("first", "left"), ("last", "left"), ("changes", "right")):
        table.add_column(header, justify=justify)
    for r in rows:
        table.add_row(
            r["provider"] or "", r["customer"] or "", r["kind"] or "", r["facility"] or "", _money(r["monthly_fee_usd"]),
            _money(r["total_value"]), r["term_end"] or "", _capacity(r), str(r["filing_count"]), r["first_filed"] or "",
            r["last_filed"] or "", str(r["event_count"] or ""),
        )
    console = Console(file=stream) if stream.isatty() else Console(file=stream, width=200, color_system=None)
    console.print(table)


def run(args) -> int:
    from extractor.sinks.deal_tables import read_deals
    from extractor.sinks.schema import DEALS

    rows = read_deals(args.db, customer=args.customer, provider=args.provider)
    if args.json:
        deals = [{**{k: v for k, v in r.items() if k != "deal_json"}, "statements": r["deal_json"]["statements"],
                  "events": r["deal_json"]["events"]} for r in rows]
        json.dump(deals, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif args.csv:
        columns = [c.name for c in DEALS.columns if c.type != "json"]
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        _table(rows, sys.stdout)
    return 0
