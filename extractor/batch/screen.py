"""Which files in a batch folder are not filings: decided from their first bytes.

A folder handed to ``batch`` often holds more than filings: a README, JSON from
EDGAR's APIs, index pages and directory listings saved beside the documents,
the batch's own ``filings.jsonl``, a manifest. Reading those as filings gives
rows of nonsense (a JSON Lines file of results once gave invented contracts).
``not_a_filing`` names what such a file is, from its content only (never its
name); anything that may be a filing (HTML, inline XBRL, an EDGAR .txt/.nc
submission, plain text that is none of the kinds below) passes. ``batch
--all-files`` turns the screen off.
"""

from __future__ import annotations

import re

from extractor.parse.detect import starts_submission

HEAD_BYTES = 1 << 16  # what the screen reads of each file

_TITLE = re.compile(rb"<title[^>]*>\s*([^<]{0,200})", re.I)
_EDGAR_PAGES = (  # titles of EDGAR's own pages: (title start, what it is)
    (b"edgar filing documents for", "an EDGAR filing index page"),
    (b"directory listing of", "an EDGAR directory listing"),
    (b"index of /", "a directory listing"),
    (b"edgar full text search", "an EDGAR search page"),
    (b"edgar search results", "an EDGAR search page"),
    (b"edgar company search", "an EDGAR search page"),
    (b"sec.gov | request rate threshold exceeded", "an SEC block page"),
    (b"sec.gov | your request originates from an undeclared automated tool", "an SEC block page"),
)
_EDGAR_INDEX_FILE = re.compile(rb"\ADescription:[ \t]+[^\n]*Index[^\n]*\n(?:[^\n]*\n){0,3}Last Data Received:", re.I)
_MARKDOWN_HEADING = re.compile(rb"\A#{1,6}[ \t]+\S")
_CODE_START = re.compile(rb"\A(?:#!|\"\"\"|'''|(?:from[ \t]+[\w.]+[ \t]+import[ \t]+[\w., ()*]+|import[ \t]+[\w., ]+)[ \t]*(?:#[^\n]*)?\r?\n)")
_CONFIG_SECTION = re.compile(rb"\A\[[A-Za-z_][\w. -]*\][ \t]*\r?\n")  # TOML / INI
_XML_DECLARATION = re.compile(rb"\A<\?xml\b")
_MARKUP_FILING = re.compile(rb"<(?:html|body|ix:|xbrli?:xbrl|document)\b", re.I)


def not_a_filing(head: bytes) -> str | None:
    """What these first bytes of a file are, when that is not a filing; None when they may be one."""
    lead = head.lstrip(b"\xef\xbb\xbf \t\r\n\x0c")
    if not lead:
        return None  # empty: the pipeline says so as a failure
    if starts_submission(lead):
        return None
    if _CONFIG_SECTION.match(lead):
        return "a configuration file (TOML or INI)"
    if lead[:1] in (b"{", b"["):
        return "JSON"
    if lead.startswith(b"%PDF"):
        return "a PDF file"
    if _EDGAR_INDEX_FILE.match(lead):
        return "an EDGAR index file"
    if _XML_DECLARATION.match(lead) and not _MARKUP_FILING.search(lead[:4096]):
        return _xml_kind(lead)
    if _MARKDOWN_HEADING.match(lead):
        return "Markdown"
    if _CODE_START.match(lead):
        return "source code"
    if _is_delimited(lead):
        return "a table of delimited values"
    title = _TITLE.search(lead[:8192])
    if title:
        text = b" ".join(title.group(1).split()).lower()
        for start, kind in _EDGAR_PAGES:
            if text.startswith(start):
                return kind
    return None


def _xml_kind(lead: bytes) -> str:
    root = re.search(rb"<([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)[\s>/]", re.sub(rb"<[?!][^>]*>", b"", lead[:4096]))
    name = root.group(2).decode("ascii", "replace").lower() if root else ""
    if name in ("feed", "rss"):
        return "a news feed (Atom or RSS)"
    if name == "xbrl":
        return "an XBRL instance (facts, no text)"
    return f"XML ({name or 'unknown root'}), not a filing document"


def _is_delimited(lead: bytes) -> bool:
    """Five or more lines, each with the same two or more tabs: a TSV manifest or export."""
    lines = lead.split(b"\n", 6)[:5]
    if len(lines) < 5:
        return False
    counts = {line.count(b"\t") for line in lines}
    return len(counts) == 1 and counts.pop() >= 2

