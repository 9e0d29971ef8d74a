"""The documents of a filing that are read: the primary document and its prose exhibits.

A full submission (or ``.nc`` file) carries every document of the filing; a store
entry brings its exhibits as files beside the primary document. Each document read
is parsed and segmented on its own (its offsets index its own text) and named by an
id: its type (``8-K``, ``EX-99.1``), with ``#<sequence>`` when a type repeats.
Exhibits without prose are left alone: XBRL, graphics, archives, certifications,
consents, filing-fee tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractor.errors import ExtractorError
from extractor.models import DocumentInfo
from extractor.parse.detect import looks_binary
from extractor.types import Document, Exhibit

_UNREAD = re.compile(
    r"^(?:EX-(?:101|104|107|23|24|31|32|FILING)|GRAPHIC|XML|ZIP|JSON|EXCEL|PDF|COVER)\b|^EX-\d+\.(?:INS|SCH|CAL|DEF|LAB|PRE)\b",
    re.I,
)
_UUENCODED = re.compile(rb"^\s*begin [0-7]{3} ", re.I)
PRIMARY_UNKNOWN = "document"  # the id of a primary document whose type is not known


@dataclass(frozen=True)
class Part:
    """One document read: what it is, and its parsed text."""

    info: DocumentInfo
    document: Document
    form: str | None  # the vocabulary its sections are read with (the filing's form, or the exhibit type)


def readable(exhibit: Exhibit) -> bool:
    """An exhibit with prose: an EX- type not in the unread list, text rather than an encoded file."""
    kind = (exhibit.type or "").strip().upper()
    if not kind.startswith("EX-") or _UNREAD.match(kind):
        return False
    body = exhibit.data
    return bool(body.strip()) and not _UUENCODED.match(body[:200]) and not looks_binary(body)


def read_parts(primary: Document, exhibits: tuple[Exhibit, ...] | None = None, *, form: str | None = None, parse=None) -> tuple[list[Part], list[str]]:
    """The primary document and each readable exhibit (``exhibits``, or those inside the
    submission), parsed; an exhibit that cannot be read becomes a warning, never a failure."""
    from extractor.parse import parse_bytes

    parse = parse or parse_bytes
    candidates = [e for e in (primary.exhibits if exhibits is None else exhibits) if readable(e)]
    primary_type = (form or primary.form or primary.ref.form or "").upper() or None
    types = [primary_type or PRIMARY_UNKNOWN] + [e.type.strip().upper() for e in candidates]
    ids = _ids(types, [None] + [e.sequence for e in candidates])
    info = DocumentInfo(id=ids[0], type=primary_type, filename=primary.ref.primary_document, primary=True, chars=len(primary.text))
    parts = [Part(info, primary, form or primary.form)]
    warnings: list[str] = []
    for exhibit, doc_id, doc_type in zip(candidates, ids[1:], types[1:]):
        try:
            document = parse(exhibit.data, source=doc_id, form=doc_type)
        except ExtractorError as exc:
            warnings.append(f"{doc_id}: not read: {exc.message}")
            continue
        document = replace(document, ref=primary.ref, form=doc_type, exhibits=())  # the filer is the filing's
        info = DocumentInfo(
            id=doc_id, type=doc_type, sequence=exhibit.sequence, filename=exhibit.filename,
            description=exhibit.description, chars=len(document.text),
        )
        parts.append(Part(info, document, doc_type))
        warnings.extend(f"{doc_id}: {w}" for w in document.warnings)
    return parts, warnings


def _ids(types: list[str], sequences: list[int | None]) -> list[str]:
    counts: dict[str, int] = {}
    for t in types:
        counts[t] = counts.get(t, 0) + 1
    ids, used = [], set()
    for index, (t, sequence) in enumerate(zip(types, sequences)):
        doc_id = t if counts[t] == 1 else f"{t}#{sequence if sequence is not None else index + 1}"
        while doc_id in used:
            doc_id += "'"
        used.add(doc_id)
        ids.append(doc_id)
    return ids


def find_part(parts: list[Part], wanted: str | None) -> Part:
    """The part whose id (or type, or filename) is ``wanted``; the primary document for None."""
    if wanted is None:
        return parts[0]
    key = wanted.strip().upper()
    for part in parts:
        if key in (part.info.id.upper(), (part.info.type or "").upper(), (part.info.filename or "").upper()):
            return part
    from extractor.errors import UsageError

    raise UsageError(f"--document {wanted}: not a document of this filing (it has {', '.join(p.info.id for p in parts)})")
