"""Who provides and who buys: "X pays us" / "we provide capacity to X" make the filer the
provider; "we committed to spend ... with X" / "X provides us with" make it the customer;
between two third parties the subject buys unless it leases out data-center space."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.models import Party
from extractor.rules.nlp import canonical_org
from extractor.rules.parties import FILER_WORDS, NAME_WORD, expand_name, looks_like_name, PartyContext, clean_name, proper_names, role_kind

_NAME = r"(" + NAME_WORD + r"(?:\s+(?:[A-Z0-9][\w&.\-]*|of))*)"
_FILER = r"(?:[Ww]e|us|[Oo]ur|the\s+Company|the\s+Registrant)"
_PAYS_FILER = re.compile(r"\b(?:agreed\s+to\s+pay|pays?|paid|paying|will\s+pay|to\s+pay)\s+(us|the\s+Company|our\s+subsidiary|%s)\b")
_WE_PROVIDE = re.compile(r"\b(?:[Ww]e|the\s+Company)\s+(?:\w+\s+){0,2}?(?:provide|provides|supply|sell|lease|deliver|offer|host)\b[^.;]{0,100}?\bto\s+" + _NAME)
_WE_PROVIDE_NAME = re.compile(r"\b(?:[Ww]e|the\s+Company)\s+(?:\w+\s+){0,2}?(?:provide|provides|supply|supplies)\s+" + _NAME + r"[^.;]{0,80}?\bwith\b")
_CONTRACTED_FOR = re.compile(_NAME + r"\s+(?:has\s+|have\s+)?contracted\s+for\b")
_MONETIZE = re.compile(r"\bmonetiz\w+\s+(?:\w+\s+){0,3}?(?:capacity|compute|infrastructure)|\bour\s+customer,?\s+" + _NAME, re.I)
_PROVIDES_US = re.compile(_NAME + r"\s+(?:provides|supplies|hosts|offers|sells|leases)\s+(?:us|the\s+company)\b")
_OUR_PROVIDER = re.compile(r"\bour\s+(?:[\w-]+\s+){0,3}?(?:provider|vendor|host|landlord|lessor),?\s+" + _NAME)
_FROM_NAME = re.compile(r"\b(?:from|with|on|through|by)\s+(?:the\s+)?" + _NAME)
_BUY_VERBS = re.compile(
    r"\b(?:spend|spending|purchase|purchasing|pay|paying|committed|commitment|obligat\w+|rent|renting|license|"
    r"access|use|entered|signed|agreed|secure|lease|leasing|contract\w*|acquire|consum\w+)\b",
    re.I,
)
_SUBJECT_VERBS = re.compile(
    r"^(?:['\u2019]s\b|\s+(?:\(\S+\)\s+)?(?:has|have|had|said|disclosed|agreed|committed|signed|entered|reached|made|"
    r"announced|will|is|was|contracted|today|also|then|shared|may|can|chooses|holds|says|expects|plans|"
    r"signs|agrees|commits)\b)"
)
_LEASE_OUT = re.compile(r"\blease\b|\bcolocation\b|\bco-location\b|\bdata\s+cent(?:er|re)\s+campus\b", re.I)


@dataclass(frozen=True)
class Sides:
    provider: Party | None
    customer: Party | None


def resolve_sides(text: str, orgs: tuple, ctx: PartyContext, kind: str) -> Sides:
    """The provider and customer a frame's text states (None where it does not say)."""
    filer = Party(name=_filer_entity(text, ctx) or ctx.filer_name, is_filer=True)
    provider = _named(ctx.roles.get("provider"), ctx)
    customer = _named(ctx.roles.get("customer"), ctx)
    m = re.search(r"Customer\s+Name\s*:\s*([^\n]+?)(?:\s{2,}|$|\n)", text)
    if m and customer is None:
        customer = _named(m.group(1).strip(" ."), ctx)
    if provider and customer:
        return Sides(provider, customer)
    filer_sells = _filer_sells(text, ctx)
    if filer_sells is not None:
        return Sides(provider or filer, customer or filer_sells)
    if re.search(r"\b%s\b" % _FILER, text):
        seller = _seller_named(text, orgs, ctx)
        return Sides(provider or seller, customer or filer)
    sides = _third_parties(text, orgs, ctx, kind)
    return Sides(provider or sides.provider, customer or sides.customer)


def _named(name: str | None, ctx: PartyContext) -> Party | None:
    if not name:
        return None
    name = canonical_org(clean_name(name))
    name = clean_name(ctx.aliases.get(name, name))
    if name.lower() in FILER_WORDS or not (looks_like_name(name) or role_kind(name)):
        return None
    kind = role_kind(name)
    if kind and kind in ctx.roles and ctx.roles[kind] != name:
        name = ctx.roles[kind]
    if not name or role_kind(name):
        return None
    is_filer = name in ctx.filer_entities or is_filer_name(name, ctx.filer_name)
    return Party(name=name, is_filer=is_filer)


def is_filer_name(name: str, filer_name: str | None) -> bool:
    """"Oracle" is the filer "Oracle Corporation"; "Snap" is "Snap Inc."."""
    if not filer_name:
        return False
    a, b = name.lower().strip(" .,"), filer_name.lower().strip(" .,")
    return a == b or b.startswith(a + " ") or b.startswith(a + ",") or a.startswith(b)


def _filer_entity(text: str, ctx: PartyContext) -> str | None:
    return next((name for name in sorted(ctx.filer_entities) if name in text), None)


def _filer_sells(text: str, ctx: PartyContext) -> Party | None | bool:
    """The customer when the text says the filer provides the capacity (else None)."""
    entities = "|".join(re.escape(n) for n in ctx.filer_entities) or "(?!x)x"
    m = re.compile(_PAYS_FILER.pattern % entities).search(text)
    if m:
        name = _last_name_before(text, m.start())
        return _named(expand_name(text, name) if name else None, ctx) or Party(name=None, is_filer=False)
    for regex in (_WE_PROVIDE, _WE_PROVIDE_NAME, _CONTRACTED_FOR):
        m = regex.search(text)
        if m:
            return _named(expand_name(text, m.group(1)), ctx) or Party(name=None, is_filer=False)
    m = _MONETIZE.search(text)
    if m:
        name = m.group(1) if m.lastindex else None
        return _named(name, ctx) or Party(name=None, is_filer=False)
    return None


def _seller_named(text: str, orgs: tuple, ctx: PartyContext) -> Party | None:
    for regex in (_PROVIDES_US, _OUR_PROVIDER):
        m = regex.search(text)
        if m and m.group(1).lower() not in ("we", "the company"):
            return _named(m.group(1), ctx)
    providers = [name for _, name, role in orgs if role == "provider" and name not in ctx.filer_entities]
    if providers:
        return _named(providers[0], ctx)
    for m in _FROM_NAME.finditer(text):
        party = _named(m.group(1), ctx)
        if party is not None:
            return party
    return None


def _third_parties(text: str, orgs: tuple, ctx: PartyContext, kind: str) -> Sides:
    names = [(pos, n) for pos, n in proper_names(text) if _SUBJECT_VERBS.match(text[pos + len(n) :])]
    subject = canonical_org(names[0][1]) if names else None
    m = re.search(r"\bfrom\s+(?:the\s+)?" + _NAME, text)
    if m and looks_like_name(clean_name(m.group(1))):
        return Sides(_named(m.group(1), ctx), _named(subject, ctx))
    candidates = [clean_name(m.group(1)) for m in _FROM_NAME.finditer(text)]
    candidates += [name for _, name, _ in orgs]
    counterpart = next((canonical_org(n) for n in candidates if looks_like_name(n) and canonical_org(n) != subject), None)
    typical = {name: role for _, name, role in orgs}
    if subject is None:
        by_role = {role: name for _, name, role in reversed(orgs)}
        return Sides(_named(by_role.get("provider"), ctx), _named(by_role.get("customer"), ctx))
    subject_sells = kind == "colocation" and _LEASE_OUT.search(text) and typical.get(subject) != "customer"
    if typical.get(subject) == "provider" and typical.get(counterpart or "") == "customer":
        subject_sells = True
    if subject_sells:
        return Sides(_named(subject, ctx), _named(counterpart, ctx))
    return Sides(_named(counterpart, ctx), _named(subject, ctx))


def _last_name_before(text: str, pos: int) -> str | None:
    names = [n for p, n in proper_names(text[:pos])]
    return names[-1] if names else None
