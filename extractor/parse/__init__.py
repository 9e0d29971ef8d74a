"""Parse stage: bytes of any supported kind -> Document.

detect.py picks the kind from the bytes; sgml.py splits full submissions;
html.py and text.py turn markup into raw blocks; layout.py drops page furniture
and assembles the normalized text that every offset refers to.
"""

from __future__ import annotations


from extractor.errors import InputError
from extractor.parse.cover import cover_company, cover_form
from extractor.parse.detect import HTML, IXBRL, NC, SGML, detect_kind, markup_kind
from extractor.parse.encoding import decode, narrow
from extractor.parse.html import read_html_blocks
from extractor.parse.ixbrl import dei_facts, ref_from_facts
from extractor.parse.layout import assemble, drop_furniture
from extractor.parse.sgml import split_submission, unix_newlines
from extractor.parse.blocks import RawBlock
from extractor.parse.text import read_plain_blocks, safe_unescape, strip_markup
from extractor.types import Document, Exhibit, FilingRef


def parse_bytes(
    data: bytes, *, source: str | None = None, form: str | None = None, max_bytes: int | None = None
) -> Document:
    """Detect the input kind, pick the primary document and return its normalized Document."""
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"input is {len(data):,} bytes, over the limit of {max_bytes:,} (--max-bytes)", source=source)
    if not data.strip():
        raise InputError("empty input", source=source)
    data = narrow(data)
    kind = detect_kind(data, source=source)
    ref, exhibits, content, warnings = FilingRef(), (), data, []
    if kind in (SGML, NC):
        ref, exhibits, content, warnings = _unwrap_submission(data)
    markup = markup_kind(content) if kind in (SGML, NC) else kind
    text, _encoding, decode_warnings = decode(content)
    warnings.extend(decode_warnings)
    if markup == IXBRL:
        ref = _fill(ref, ref_from_facts(dei_facts(text)))
    if markup in (HTML, IXBRL):
        raw, html_warnings = read_html_blocks(text)
        warnings.extend(html_warnings)
        if html_warnings:
            raw = _best_effort(raw, text)
    else:
        raw = read_plain_blocks(_unescape_if_wrapped(text))
    assembled = assemble(drop_furniture(raw))
    if not assembled.text.strip():
        warnings.append("no text found in the document")
    ref = _fill(ref, FilingRef(form=cover_form(assembled.text), company=cover_company(assembled.text)))
    return Document(
        text=assembled.text,
        blocks=assembled.blocks,
        links=assembled.links,
        anchors=assembled.anchors,
        kind=kind,
        form=form or ref.form,
        ref=ref,
        exhibits=exhibits,
        warnings=tuple(warnings),
    )


def _unescape_if_wrapped(text: str) -> str:
    """Plain text in an <html> wrapper may still carry entities (&amp;): decode them there only.
    A numeric reference too large to be a character becomes U+FFFD, as html.unescape does for
    one just past the range."""
    head = text[:2000].lower()
    if not (("<html" in head or "<body" in head) and "&" in text):
        return text
    return safe_unescape(text)


def _best_effort(raw: list[RawBlock], markup: str) -> list[RawBlock]:
    """When libxml2 gave up part-way (nesting too deep), the words without the tags, if they
    hold clearly more than the tree did."""
    stripped = read_plain_blocks(strip_markup(markup))
    kept = sum(len(block.text) for block in raw)
    return stripped if sum(len(block.text) for block in stripped) > 1.5 * kept else raw


def _fill(ref: FilingRef, fallback: FilingRef) -> FilingRef:
    """``ref`` with its empty fields taken from ``fallback`` (the SGML header wins over the
    document's own dei facts, which win over the cover page)."""
    values = {name: getattr(ref, name) or getattr(fallback, name) for name in ref.__dataclass_fields__}
    return FilingRef(**values)


def _unwrap_submission(data: bytes) -> tuple[FilingRef, tuple[Exhibit, ...], bytes, list[str]]:
    submission = split_submission(unix_newlines(data))
    primary = submission.primary()
    if primary is None:
        return submission.ref, (), data, ["no <DOCUMENT> found in the submission; read as a whole"]
    warnings = []
    if primary.uuencoded:
        warnings.append(f"primary document {primary.type} is an encoded attachment; no text")
    body = b"" if primary.uuencoded else primary.body
    ref = submission.ref if submission.ref.primary_document else _fill(submission.ref, FilingRef(primary_document=primary.filename))
    return ref, submission.exhibits(primary), body or b" ", warnings
