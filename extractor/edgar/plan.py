"""What to download for one filing, decided from its index.

The submissions JSON's ``primaryDocument`` is usually, not always, the main
document (a 424B2's can be the filing-fee exhibit), so the typed table of the
filing's ``-index.html`` decides: the document whose type is the filing's form.
Without a typed table the hint is used if index.json lists it; a filing with no
separate documents (before 2001) falls back to its full submission ``.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from extractor.edgar.index import FilingIndex, IndexedDocument
from extractor.edgar.names import safe_document_name
from extractor.edgar.urls import EdgarUrls, full_submission_name
from extractor.errors import NotFound
from extractor.types import FilingRef

Role = Literal["primary", "exhibit", "submission"]
MATERIAL_CONTRACT = re.compile(r"^EX-10(?!\d)", re.IGNORECASE)  # EX-10, EX-10.1, EX-10.A49; not EX-101.SCH


@dataclass(frozen=True)
class PlannedDocument:
    name: str
    role: Role
    url: str
    type: str | None = None
    description: str | None = None
    expected_size: int | None = None  # from index.json, when it gives one


@dataclass(frozen=True)
class FilingPlan:
    ref: FilingRef  # with url and primary_document filled in
    documents: tuple[PlannedDocument, ...]
    warnings: tuple[str, ...] = ()


def is_material_contract(document: IndexedDocument) -> bool:
    return bool(document.name) and bool(MATERIAL_CONTRACT.match(document.type or ""))


def choose_primary(index: FilingIndex, ref: FilingRef) -> tuple[IndexedDocument, list[str]]:
    warnings: list[str] = []
    named = [d for d in index.documents if d.name]
    form = (ref.form or "").upper()
    typed = next((d for d in named if (d.type or "").upper() == form), None)
    typed = typed or next((d for d in named if d.sequence == 1), None)
    hint = ref.primary_document
    if typed is not None:
        if hint and hint != typed.name:
            kind = next((d.type for d in named if d.name == hint), None) or "not in the index"
            warnings.append(f"submissions primaryDocument {hint!r} ({kind}) is not the {ref.form} document; using {typed.name!r}")
        return typed, warnings
    if hint and index.lists(hint):
        return IndexedDocument(name=hint, size=index.size_of(hint)), warnings
    submission = full_submission_name(str(ref.accession))
    if index.lists(submission):
        if hint:
            warnings.append(f"primaryDocument {hint!r} is not in the filing index; using the full submission")
        return IndexedDocument(name=submission, size=index.size_of(submission), type=ref.form), warnings
    raise NotFound(f"the filing index names no primary document (submissions said {hint!r})")


DEFAULT_EXHIBITS = ("EX-10", "EX-99")  # material contracts and press releases


def exhibit_types(exhibits: bool | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The exhibit type prefixes asked for: True (the older boolean) means EX-10 only."""
    if exhibits is True:
        return ("EX-10",)
    return tuple(t.strip().upper() for t in exhibits or () if t.strip())


def wanted_exhibit(document: IndexedDocument, types: tuple[str, ...]) -> bool:
    """A named document of one of ``types`` ('EX-99' takes EX-99.1, EX-99.A; never EX-991 or EX-101.SCH)."""
    kind = (document.type or "").upper()
    return bool(document.name) and any(re.match(re.escape(t) + r"(?!\d)", kind) for t in types)


def plan_filing(
    index: FilingIndex, ref: FilingRef, urls: EdgarUrls, *, exhibits: bool | tuple[str, ...] = (), full_submission: bool = False
) -> FilingPlan:
    """The documents to fetch, every name checked before it can become a path."""
    for item in index.listing + index.documents:
        if item.name:
            safe_document_name(item.name)
    primary, warnings = choose_primary(index, ref)
    if index.listing and not index.lists(primary.name):
        raise NotFound(f"primary document {primary.name!r} is not listed in the filing's index.json")

    def planned(document: IndexedDocument, role: Role) -> PlannedDocument:
        return PlannedDocument(
            name=document.name, role=role, url=urls.document(str(ref.cik), str(ref.accession), document.name),
            type=document.type, description=document.description, expected_size=index.size_of(document.name),
        )

    documents = [planned(primary, "primary")]
    types = exhibit_types(exhibits)
    if types:
        documents += [planned(d, "exhibit") for d in index.documents if wanted_exhibit(d, types) and d.name != primary.name]
        if any(wanted_exhibit(IndexedDocument(name="-", type=d.type), types) and not d.name for d in index.documents):
            warnings.append(f"some {'/'.join(types)} exhibits exist only inside the full submission (use --full-submission)")
    submission = full_submission_name(str(ref.accession))
    if full_submission and submission != primary.name:
        documents.append(planned(IndexedDocument(name=submission, type="full submission"), "submission"))
    main = documents[0]
    return FilingPlan(
        ref=replace(ref, url=main.url, primary_document=main.name),
        documents=tuple(documents),
        warnings=tuple(warnings),
    )
