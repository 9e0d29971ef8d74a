"""Extract stage: segmented Document -> compute contracts.

``extract_contracts(document, sections)`` gates the paragraphs cheaply, runs the
spaCy rules (``nlp/`` + ``patterns/*.jsonl``) only on the passages that pass,
finds each clause's facts (``facts/``, with the normalizers of ``normalize/``), links
the facts of neighbouring sentences into contracts (``link/``), and merges the same
contract found in several sections.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re

from extractor.models import Contract
from extractor.rules.facts.tables import CELL_SEPARATOR, has_key_value_sheet, is_pipe_table, read_term_sheet, term_sheet_clauses
from extractor.rules.link.contracts import EvidenceMaker, counterparty, frame_to_contract
from extractor.rules.link.direction import resolve_sides
from extractor.rules.link.frames import Frame, build_frames, passage_clauses
from extractor.rules.link.merge import combine, merge_contracts
from extractor.rules.link.parties import PartyContext, filer_definition, filer_subsidiaries, read_definitions
from extractor.rules.link.vetoes import capacity_alone, not_a_contract
from extractor.rules.nlp.gate import Gate, Passage, context_hits
from extractor.rules.nlp.pipeline import run_pipeline, span_index
from extractor.rules.normalize.money import table_scale
from extractor.types import Document, Section

DEBUG_ENV = "EXTRACTOR_RULES_DEBUG"


def extract_contracts(document: Document, sections: list[Section], *, debug: bool | None = None) -> tuple[list[Contract], list[str]]:
    """The compute contracts a document discloses, and warnings (rule traces only with ``debug``)."""
    if debug is None:
        debug = os.environ.get(DEBUG_ENV, "") not in ("", "0")
    text = document.text
    identity = _text_digest(text)[:16]
    evidence = EvidenceMaker(list(sections))
    gate = Gate(document)
    passages = gate.with_continuations(gate.candidates())
    ctx = _document_context(document, passages)
    agreement = bool(_AGREEMENT_DOCUMENT.search(text, 0, 6000) or len(_THIS_AGREEMENT.findall(text, 0, 20000)) >= 2)
    if agreement:  # the roles an agreement's preamble defines ("Provider", "Customer") hold in all its sections
        _, roles, _ = read_definitions(text[:6000])
        ctx = PartyContext(ctx.filer_name, ctx.aliases, {**roles, **ctx.roles}, ctx.filer_entities)
    warnings: list[str] = []
    contracts = _contracts_in(passages, text, ctx, evidence, identity, set(), warnings if debug else None)
    known = {
        name for c in contracts for name in [counterparty(c)]
        if name and len(name) > 2 and c.kind != "other" and (c.fee or c.total_value or c.term or c.termination_notice)
    }
    # the short names a compute passage gave its agreement ('a Master Services Agreement (the "MSA") with ...'):
    # a later paragraph that goes on about "the MSA" is about that compute agreement
    defined = {m.group(1) for q in passages for m in _DEFINES_TERM.finditer(text, q.start, q.end)
               if m.group(1).lower() not in ("agreement", "contract", "order", "lease")}
    lowered = {name.lower() for name in known}  # counterparty() gives the lowered key
    known |= {alias for alias, full in ctx.aliases.items() if full.lower() in lowered and len(alias) > 3}  # "Brightwing" of "Brightwing Models, Inc."
    if known or defined:
        seen = frozenset((p.start, p.end) for p in passages)
        more = [p for p in gate.with_continuations(gate.candidates(tuple(sorted(known | defined)), skip=seen))
                if not any(q.start <= p.start and p.end <= q.end for q in passages)]  # read inside an extended passage
        names = {c.customer.name for c in contracts if c.customer and c.customer.name} | {
            c.provider.name for c in contracts if c.provider and c.provider.name and not c.provider.is_filer} | {
            term for term in defined}
        names |= {alias for alias, full in ctx.aliases.items() if full in names and len(alias) > 3}
        contracts += _contracts_in(more, text, ctx, evidence, identity, names, warnings if debug else None)
    contracts.sort(key=lambda c: c.evidence[0].start if c.evidence else 0)
    contracts = _join_by_defined_term(merge_contracts(contracts), text, ctx)
    if len(contracts) == 1 and agreement:
        contracts = [_with_agreement_sections(contracts[0], gate, passages, text, ctx, evidence, identity)]
    elif not contracts and agreement and context_hits(text[:3000]):
        # an agreement whose title or preamble names compute ("MASTER DATA CENTER LICENSE AGREEMENT"),
        # its sections each stating one term without a compute word: the agreement is the one frame
        found = _agreement_contract(gate, text, ctx, evidence, identity)
        contracts = [found] if found is not None else []
    return contracts, warnings


# An agreement itself (an EX-10): "This Master Services Agreement (the "Agreement") is entered into ..."
_AGREEMENT_DOCUMENT = re.compile(
    r"\bThis\s+(?:[A-Z][\w-]*\s+){0,6}?(?:Agreement|Order|Addendum|Amendment|Schedule|Statement\s+of\s+Work|Supplement)\b"
    r"[^.]{0,200}?\b(?:is\s+)?(?:made|entered\s+into|dated|forms\s+part\s+of|is\s+attached\s+to)\b")
_THIS_AGREEMENT = re.compile(r"\b[Tt]his\s+Agreement\b")
# "if the other Party materially breaches ... and fails to cure within thirty (30) days": a cure
# period, not the agreement's notice
_FOR_CAUSE = re.compile(r"\b(?:breach\w*|cure[sd]?|insolven\w*|bankrupt\w*|default)\b", re.I)
_OWN_TERMS = re.compile(r"\b(?:[Tt]his\s+(?:Agreement|Order)|the\s+(?:Initial\s+|Renewal\s+|Service\s+)?Term)\b")
# a numbered section titled by a contract field: "2.2 Monthly Capacity Fee.", "2.4 Term.", "Section 5 Contracted Capacity."
_FIELD_SECTION = re.compile(r"\s*(?:Section\s+)?\d+(?:\.\d+)*\.?\s+(?:[A-Z][\w-]*\s+){0,3}?(?:Fees?|Charges?|Rent|Term|Capacity|Load|Termination|"
                            r"Notice|Commitment|Payment)s?\.")
_ROLE_PAYS = re.compile(r"\b(?:Customer|Client|Licensee|Lessee|Tenant|Buyer|Purchaser)\s+(?:shall|will|agrees\s+to)\s+pay\b")
_TERM_WORDS = re.compile(r"\b(?:expir\w*|terminat\w*|renew\w*|notice|continue\s+(?:in\s+effect|until)|initial\s+term|commenc\w*)\b", re.I)


def _with_agreement_sections(contract, gate, passages, text, ctx, evidence, identity):
    """The one contract of an agreement document, with the term and termination its other
    sections state ("9.1 Term. This Agreement ... shall expire on December 31, 2028"), which
    name no compute and so were not read as passages."""
    if contract.term is not None and contract.termination_notice is not None and contract.fee is not None \
            and contract.capacity is not None:
        return contract
    clauses = []
    for para in gate.paragraphs:
        if para.end - para.start > 2000 or para.table:
            continue
        para_text = text[para.start : para.end]
        titled = bool(_FIELD_SECTION.match(para_text))  # "2.2 Monthly Capacity Fee. Four Million Dollars ($4,000,000) per month."
        if not titled and any(p.start <= para.start and para.end <= p.end for p in passages):
            continue  # read as a passage already (a titled section's value is taken only where the contract lacks it)
        terms = bool(_OWN_TERMS.search(para_text) and _TERM_WORDS.search(para_text))
        fees = bool(_ROLE_PAYS.search(para_text))  # "Section 3.1 Fees. ... Customer shall pay Provider a fixed monthly fee of ..."
        if not (terms or fees or titled):
            continue
        clauses += [c for c in passage_clauses(run_pipeline(para_text), para.start, 1.0)
                    if not c.lookalike and ((terms and (c.notice is not None or any(t.end or t.months for t in c.terms))) or (fees and c.fees)
                                            or (titled and c.has_values))
                    and not _FOR_CAUSE.search(c.sentence.text)]
    if not clauses:
        return contract
    aliases, roles, _ = read_definitions(text[:6000])
    local = PartyContext(ctx.filer_name, {**ctx.aliases, **aliases}, roles, ctx.filer_entities)
    found = frame_to_contract(Frame(clauses, text), local, evidence, identity)
    keep = {name: getattr(found, name) for name in ("fee", "monthly_fee", "term", "termination_notice", "renewal", "capacity")
            if getattr(contract, name) is None}
    if contract.fee is not None:
        keep.pop("monthly_fee", None)
    if not any(keep.values()):
        return contract
    extra = Contract(id=contract.id, fee=keep.get("fee"), monthly_fee=keep.get("monthly_fee"), term=keep.get("term"),
                     termination_notice=keep.get("termination_notice"), capacity=keep.get("capacity"),
                     renewal=keep.get("renewal"), evidence=[e for e in found.evidence if _cites(e, keep.values())])
    return combine(contract, extra)


_DEFINES_TERM = re.compile(r"\b(?:[A-Z][\w&-]*\s+){0,5}?(?:Agreement|Order|Contract|Lease|MSA|SOW)\s*\((?:the\s+)?[\"\u201c]([A-Z][\w&-]{1,30})[\"\u201d]\)")


def _join_by_defined_term(contracts: list[Contract], text: str, ctx: PartyContext) -> list[Contract]:
    """A later paragraph that goes on about an agreement the filing defined earlier ('we entered into a Master
    Services Agreement (the "MSA") with Thornquist ... to provide a dedicated GPU cluster' ... 'Under the MSA,
    fees are payable monthly at $11.25 million'): its contract joins the contract whose evidence defined that
    term, and when the defining sentence gave no contract of its own, takes the parties it names."""
    out: list[Contract] = []
    for contract in contracts:
        both = contract.provider is not None and contract.customer is not None
        host = None
        if not both and contract.evidence:
            cited = " ".join(e.text for e in contract.evidence)
            referred = {m.group(1) for m in _REFERRED_TERM.finditer(cited)}
            for earlier in reversed(out):
                terms = {m.group(1) for e in earlier.evidence for m in _DEFINES_TERM.finditer(e.text)}
                if terms & referred or _names_its_agreement(cited, earlier, ctx):
                    host = earlier
                    break
            if host is None and referred:
                contract = _parties_of_definition(contract, text, referred, ctx)
        if host is None:
            out.append(contract)
        else:
            out[out.index(host)] = combine(host, contract)
    return out


def _names_its_agreement(cited: str, earlier: Contract, ctx: PartyContext) -> bool:
    """Whether the text speaks of the earlier contract's agreement by its counterparty's name: "The Brightfin lease"."""
    other = next((p.name for p in (earlier.customer, earlier.provider) if p is not None and p.name and not p.is_filer), None)
    if other is None:
        return False
    shorts = {alias for alias, full in ctx.aliases.items() if full == other} | {other.split()[0].strip(",")}
    return any(len(n) > 3 and re.search(r"\b(?:[Tt]he|[Tt]his|[Ss]uch|[Oo]ur)\s+" + re.escape(n) + r"(?:['\u2019]s)?\s+(?:[\w-]+\s+){0,2}?"
                                         r"(?:agreement|lease|contract|order|arrangement|MSA|deal)\b", cited) for n in shorts)


_REFERRED_TERM = re.compile(r"\b(?:the|this|such)\s+([A-Z][\w&-]{1,30})\b")


def _parties_of_definition(contract: Contract, text: str, referred: set[str], ctx: PartyContext) -> Contract:
    start = min(e.start for e in contract.evidence)
    found = [m for m in _DEFINES_TERM.finditer(text, 0, start) if m.group(1) in referred]
    if not found:
        return contract
    m = found[-1]
    begin = max(text.rfind(". ", 0, m.start()) + 1, text.rfind("\n", 0, m.start()) + 1, 0)
    stop = text.find(". ", m.end())
    sentence = text[begin : stop + 1 if stop >= 0 else len(text)]
    sides = resolve_sides(sentence, (), ctx, contract.kind or "other")
    provider = contract.provider or sides.provider
    customer = contract.customer or sides.customer
    if provider is not None and customer is not None and provider.name == customer.name:
        return contract
    return contract.model_copy(update={"provider": provider, "customer": customer})


def _agreement_contract(gate, text, ctx, evidence, identity) -> Contract | None:
    """The one contract of an agreement document none of whose paragraphs opened a frame: every
    section's terms (fees, term, notice, capacity), the parties from its preamble's roles."""
    clauses = []
    for para in gate.paragraphs[:60]:
        if para.end - para.start > 2000 or para.table:
            continue
        found = passage_clauses(run_pipeline(text[para.start : para.end]), para.start, 1.0)
        if any(c.lookalike_agreement for c in found):
            return None  # "SUPPLY AGREEMENT ... binding purchase orders": the agreement is a look-alike
        clauses += [c for c in found if c.has_values and not c.lookalike and not _FOR_CAUSE.search(c.sentence.text)]
    if not any(c.fees or c.totals or any(t.end or t.months for t in c.terms) for c in clauses):
        return None
    aliases, roles, _ = read_definitions(text[:6000])
    local = PartyContext(ctx.filer_name, {**ctx.aliases, **aliases}, {**ctx.roles, **roles}, ctx.filer_entities)
    return frame_to_contract(Frame(clauses, text), local, evidence, identity)


def _cites(span, facts) -> bool:
    return any(f is not None and f.evidence is not None and (f.evidence.start, f.evidence.end) == (span.start, span.end) for f in facts)


def _text_digest(text: str) -> str:
    """sha256 of the text's UTF-8, encoded a slice at a time (the encoder's working buffer for a
    whole text past ASCII is several times the text)."""
    digest = hashlib.sha256()
    for start in range(0, len(text), 1 << 14):
        digest.update(text[start : start + (1 << 14)].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _document_context(document: Document, passages: list[Passage]) -> PartyContext:
    joined = "\n".join(document.text[p.start : p.end] for p in passages)
    aliases, _, defined_filer = read_definitions(joined)
    filer_name = document.ref.company or defined_filer or filer_definition(document.text)
    filer_names = {n for n in (document.ref.company, defined_filer) if n}
    filer_names |= {short for short, full in aliases.items() if full in filer_names}
    return PartyContext(filer_name=filer_name, aliases=aliases,
                        filer_entities=filer_subsidiaries(joined, frozenset(filer_names)))


def _contracts_in(passages, text, ctx, evidence, identity, known, trace) -> list[Contract]:
    contracts: list[Contract] = []
    vetoed: set[str] = set()  # counterparties of look-alike agreements, for the passages after
    for passage in passages:
        passage_text = text[passage.start : passage.end]
        if not passage.table and is_pipe_table(passage_text):  # a table flattened to "cell | cell" lines
            passage = dataclasses.replace(passage, table=True)
        doc = run_pipeline(passage_text, table=passage.table)
        scale = table_scale(passage_text) if passage.table or "(in " in passage_text or "($ in" in passage_text else 1.0
        clauses = passage_clauses(doc, passage.start, scale)
        sheet = read_term_sheet(passage_text) if (passage.table and CELL_SEPARATOR in passage_text) or (
            has_key_value_sheet(passage_text)) else None
        table_start = passage.start + (sheet.start if sheet else len(passage_text))
        frames = build_frames([c for c in clauses if c.end <= table_start], passage_text, known, vetoed)
        if not frames and sheet is None:
            continue
        aliases, roles, _ = read_definitions(passage_text)
        local = PartyContext(ctx.filer_name, {**ctx.aliases, **aliases}, {**ctx.roles, **roles}, ctx.filer_entities)
        for frame in frames:
            contract = frame_to_contract(frame, local, evidence, identity)
            if not_a_contract(contract, frame.text, passage_text):
                continue
            contracts.append(contract)
            if trace is not None:
                trace.append(_trace(doc, passage.start, frame))
        if sheet is not None:
            prose = [c for c in clauses if c.end <= table_start]
            if not prose:  # the paragraph before the table, a passage of its own, says what it is and in what units
                prose = _lead_in(text, passage.start)
                lead = " ".join(c.sentence.text for c in prose)
                if prose and table_scale(sheet.caption) == 1.0 and table_scale(lead) != 1.0:
                    sheet = dataclasses.replace(sheet, caption=(lead + " " + sheet.caption).strip())
            table_end = passage.start + max((row.end for entries in sheet.contracts for *_, row in entries), default=0)
            after = [c for c in clauses if c.start >= table_end and c.notice is not None and not c.lookalike]
            contracts += [c for c in _term_sheet_contracts(sheet, passage, passage_text, prose, local, evidence, identity, doc, after)
                          if not capacity_alone(c, "")]  # an "Uncontracted | Ashburn 3 | 11 MW" row
    return contracts


_LEADS_IN = re.compile(r"(?:\bbelow|\bfollowing|\bas\s+follows|:)\W{0,3}$", re.I)


def _lead_in(text: str, table_start: int) -> list:
    """The paragraph right before a table that introduces it ("The principal terms of the Agreement
    with X are summarized below."), as clauses: who the table's contract is with."""
    before = text[max(0, table_start - 800) : table_start].rstrip()
    head = before.rfind("\n\n")
    start = max(0, table_start - 800) + (head + 2 if head >= 0 else 0)
    paragraph = text[start : start + len(before) - (head + 2 if head >= 0 else 0)]
    if not paragraph.strip() or not _LEADS_IN.search(paragraph):
        return []
    return passage_clauses(run_pipeline(paragraph), start, 1.0)


_FILER_BUYS = re.compile(r"\bfrom\b|\bour\s+(?:[\w-]+\s+)?(?:provider|vendor|supplier|host|landlord)s?\b|"
                         r"\bwe\s+(?:purchase|buy|lease|procure|rent)\b|\bpurchase\s+commitments?\b", re.I)
_ONE_COUNTERPARTY = re.compile(r"\b(?:[Aa]greement|[Cc]ontract|[Ll]ease|[Oo]rder|MSA)\s+with\s+[A-Z]")
_FILER_VOICE = re.compile(r"\b(?:we|us|our|the\s+Company)\b", re.I)


def _row_is_lookalike(doc, clauses, base: int) -> bool:
    """A row of a contract table that names a look-alike ("Physical PPA", "Electric service agreement")."""
    index = span_index(doc)
    return any(cue[2] == "LOOKALIKE" for c in clauses for cue in index.cues_in(c.start - base, c.end - base))


def _term_sheet_contracts(sheet, passage, passage_text, prose, ctx, evidence, identity, doc, after=()) -> list[Contract]:
    """The contracts of a term-sheet table: the cells give the facts, the paragraph before the
    table (its ``opener``) who "we" contracted with and what for, and a sentence after the table
    that names a row's counterparty its notice ("The Nimbusfall arrangement may be terminated by
    either party upon 120 days' notice")."""
    intro = " ".join(c.sentence.text for c in prose) + " " + sheet.caption
    opener = next((c for c in reversed(prose) if c.compute or c.contract or c.lookalike), prose[-1] if prose else None)
    if opener is not None and opener.lookalike:
        return []  # "the following power purchase agreements:", "employment agreements with our officers:"
    filer_buys = bool(_FILER_BUYS.search(intro))
    out = []
    contract_rows = term_sheet_clauses(sheet, passage.start, passage_text)
    role_columns = len(contract_rows) > 1  # one row per contract, each naming its counterparty in a role column
    for clauses, cells in contract_rows:
        if role_columns and _row_is_lookalike(doc, clauses, passage.start):
            continue
        roles = dict(ctx.roles)
        ours = cells.get("our_role")
        for role, name in cells.items():
            if role == "our_role":
                continue
            if role == "counterparty":
                role = ("customer" if ours == "provider" else "provider") if ours else ("provider" if filer_buys else "customer")
            roles[role] = name
        if ours and ctx.filer_name:
            roles[ours] = ctx.filer_name  # "Our role | Provider"
        other = "customer" if "provider" in roles and "customer" not in roles else (
            "provider" if "customer" in roles and "provider" not in roles else None)
        if other and ctx.filer_name and (_FILER_VOICE.search(intro) or not prose or _ONE_COUNTERPARTY.search(intro)
                                         or role_columns):
            # "we", no prose at all, "The principal terms of the Agreement with X ...", or a table of the
            # filer's own with a Customer (or Provider) column: the filer is the other side
            roles[other] = ctx.filer_name
        local = PartyContext(ctx.filer_name, ctx.aliases, roles, ctx.filer_entities)
        if not cells and opener is not None:  # no cell names a party: the sentences before the table do
            # ("... has signed an agreement with Oriel Frontier Models, Inc. ... Summary of the agreement:")
            told = [c for c in prose if (c.compute or c.contract) and not c.lookalike and not c.has_values] or [opener]
            out.append(frame_to_contract(Frame([*dict.fromkeys([*told, opener]), *clauses], passage_text), local, evidence, identity))
            continue
        heads = {re.split(r"[\s,]+", name)[0] for name in cells.values() if name}
        told = [c for c in after if any(len(h) > 3 and re.search(r"\b" + re.escape(h) + r"\b", _notice_part(c)) for h in heads)]
        out.append(frame_to_contract(Frame([*clauses, *told[:1]], passage_text, opener=opener), local, evidence, identity))
    return out


def _notice_part(clause) -> str:
    """The part of a clause, between semicolons, that holds its notice period."""
    at = (clause.notice_at.start if clause.notice_at else clause.start) - clause.start
    left = clause.text.rfind(";", 0, max(at, 0))
    right = clause.text.find(";", max(at, 0))
    return clause.text[left + 1 : right if right >= 0 else len(clause.text)]


def _trace(doc, base: int, frame) -> str:
    start = frame.clauses[0].start - base
    end = frame.clauses[-1].end - base
    rules = sorted({v.rule_id for v in doc._.values if start <= v.start < end}
                   | {s.id_ for s in doc.spans["cues"] if start <= s.start_char < end})
    return f"rules: contract at {frame.clauses[0].start}-{frame.clauses[-1].end} fired " + ", ".join(rules)
