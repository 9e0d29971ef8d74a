"""EDGAR full submissions (.txt, .nc): the header and the <DOCUMENT>s inside.

Handles the PEM banner of 1997-2011 files (and its ``- -`` escaping), the
``<SEC-HEADER>`` key/value header, the tag-per-line header of the ``.nc`` feed
and archive formats, and standalone files that start with ``<DOCUMENT>`` lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.parse.detect import PEM_BANNER
from extractor.types import Exhibit, FilingRef

_PEM_END = b"-----END PRIVACY-ENHANCED MESSAGE-----"
_DOC_OPEN = re.compile(rb"<DOCUMENT>", re.I)
_DOC_CLOSE = re.compile(rb"</DOCUMENT>", re.I)
_TEXT_OPEN = re.compile(rb"<TEXT>", re.I)
_TEXT_CLOSE = re.compile(rb"</TEXT>", re.I)
_DOC_TAG = re.compile(rb"(?m)^[ \t]*<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*([^\r\n]*)", re.I)
_WRAPPER_OPEN = re.compile(rb"^\s*<(?:XBRL|XML|PDF)>\s*", re.I)
_WRAPPER_CLOSE = re.compile(rb"\s*</(?:XBRL|XML|PDF)>\s*$", re.I)
_UUENCODED = re.compile(rb"^\s*begin [0-7]{3} ", re.I)

# header fields: (SEC-HEADER "KEY:" label, .nc <TAG>)
_FIELDS = {
    "form": ("CONFORMED SUBMISSION TYPE", "TYPE"),
    "accession": ("ACCESSION NUMBER", "ACCESSION-NUMBER"),
    "filed": ("FILED AS OF DATE", "FILING-DATE"),
    "company": ("COMPANY CONFORMED NAME", "CONFORMED-NAME"),
    "cik": ("CENTRAL INDEX KEY", "CIK"),
}


@dataclass(frozen=True)
class SgmlDocument:
    """One <DOCUMENT> of a submission: its header tags and the bytes inside <TEXT>."""

    type: str
    sequence: int | None
    filename: str | None
    description: str | None
    body: bytes

    @property
    def uuencoded(self) -> bool:
        return bool(_UUENCODED.match(self.body[:200]))


@dataclass(frozen=True)
class Submission:
    ref: FilingRef
    documents: tuple[SgmlDocument, ...]

    def primary(self) -> SgmlDocument | None:
        """The document whose type is the submission's form, else the first one."""
        form = (self.ref.form or "").upper()
        for doc in self.documents:
            if form and doc.type.upper() == form:
                return doc
        return self.documents[0] if self.documents else None

    def exhibits(self, primary: SgmlDocument | None) -> tuple[Exhibit, ...]:
        return tuple(
            Exhibit(type=d.type, sequence=d.sequence, filename=d.filename, description=d.description, data=d.body)
            for d in self.documents
            if d is not primary
        )


def unix_newlines(data: bytes) -> bytes:
    """CR LF and lone CR as LF; the bytes themselves when they hold no CR (found at memchr
    speed, where replace() would count its way through megabytes for nothing)."""
    if b"\r" not in data:
        return data
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def strip_pem(data: bytes) -> bytes:
    """Remove the PEM banner and trailer and undo the ``- -`` line escaping."""
    start = data.find(PEM_BANNER)
    if start < 0 or data[:start].strip():
        return data
    body_at = data.find(b"\n\n", start)
    doc_at = data.find(b"<SEC-DOCUMENT>", start)
    cut = doc_at if doc_at >= 0 and (body_at < 0 or doc_at < body_at + 4) else body_at
    if cut < 0:
        return data
    end = data.rfind(_PEM_END)
    body = data[cut : end if end > cut else len(data)]
    return body.replace(b"\n- -", b"\n-")  # undo the escaping of lines that start with '-'


def _header_value(header: bytes, label: str, tag: str) -> str | None:
    match = re.search(rb"(?m)^[ \t]*" + re.escape(label.encode()) + rb":[ \t]*([^\r\n]+)", header)
    if not match:
        match = re.search(rb"(?m)^[ \t]*<" + re.escape(tag.encode()) + rb">[ \t]*([^\r\n<]+)", header)
    if not match:
        return None
    value = match.group(1).decode("latin-1").strip()
    return value or None


def _iso_date(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value


def parse_header(header: bytes) -> FilingRef:
    values = {name: _header_value(header, label, tag) for name, (label, tag) in _FIELDS.items()}
    cik = values["cik"]
    return FilingRef(
        cik=cik.lstrip("0") or cik if cik else None,
        accession=values["accession"],
        form=values["form"],
        filed=_iso_date(values["filed"]),
        company=values["company"],
    )


def _document(chunk: bytes) -> SgmlDocument:
    text_open = _TEXT_OPEN.search(chunk)
    head = chunk[: text_open.start()] if text_open else chunk[:2000]
    tags = {}
    for match in _DOC_TAG.finditer(head):
        tags.setdefault(match.group(1).decode().upper(), match.group(2).decode("latin-1").strip())
    if text_open:
        close = _TEXT_CLOSE.search(chunk, text_open.end())
        body = chunk[text_open.end() : close.start() if close else len(chunk)]
    else:
        body = chunk[head.rfind(b">") + 1 :] if tags else chunk
    body = _unwrap(body)
    sequence = tags.get("SEQUENCE", "")
    return SgmlDocument(
        type=tags.get("TYPE", "") or "UNKNOWN",
        sequence=int(sequence) if sequence.isascii() and sequence.isdigit() and len(sequence) <= 9 else None,
        filename=tags.get("FILENAME") or None,
        description=tags.get("DESCRIPTION") or None,
        body=body.strip(b"\r\n"),
    )


def _unwrap(body: bytes) -> bytes:
    """Remove an <XBRL>/<XML>/<PDF> wrapper, looking only at the ends (bodies are megabytes)."""
    head = _WRAPPER_OPEN.match(body[:200])
    if head:
        body = body[head.end() :]
        tail = _WRAPPER_CLOSE.search(body[-200:])
        if tail:
            body = body[: len(body) - 200 + tail.start()] if len(body) > 200 else body[: tail.start()]
    return body


def split_submission(data: bytes) -> Submission:
    """Split a full submission (or a <DOCUMENT>-wrapped file) into its header and documents."""
    data = strip_pem(data)
    first = _DOC_OPEN.search(data)
    header = data[: first.start()] if first else data[:20000]
    ref = parse_header(header)
    documents = []
    pos = first.start() if first else None
    while pos is not None:
        body_start = pos + len(b"<DOCUMENT>")
        close = _DOC_CLOSE.search(data, body_start)
        nxt = _DOC_OPEN.search(data, body_start)
        end = close.start() if close and (not nxt or close.start() < nxt.start()) else (nxt.start() if nxt else len(data))
        documents.append(_document(data[body_start:end]))
        pos = nxt.start() if nxt else None
    if not ref.form and documents:
        ref = FilingRef(cik=ref.cik, accession=ref.accession, form=documents[0].type, filed=ref.filed, company=ref.company)
    return Submission(ref=ref, documents=tuple(documents))
