"""Filings planted in a fake EDGAR by the search, watch and feed tests (text written for the tests).

``plant`` serves a filing's documents, ``index.json`` and typed ``-index.html``
where EDGAR has them; ``nc_submission`` is the same filing in the ``.nc`` feed
format; ``feed_archive`` tars such submissions as a day's ``.nc.tar.gz``.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from dataclasses import dataclass, field

from fake_edgar import FakeEdgar, FeedEntry, Indexed


@dataclass(frozen=True)
class Planted:
    cik: str
    accession: str
    form: str
    filed: str
    company: str
    primary: tuple[str, str]  # (name, html)
    exhibits: tuple[tuple[str, str, str], ...] = field(default=())  # (name, type, html)

    @property
    def folder(self) -> str:
        return f"/Archives/edgar/data/{self.cik}/{self.accession.replace('-', '')}"

    def indexed(self, text: str | None = None) -> Indexed:
        """The primary document as the full-text index holds it."""
        name, html = self.primary
        return Indexed(self.accession, name, self.form, self.filed, self.cik, self.company, text or html)

    def entry(self) -> FeedEntry:
        return FeedEntry(self.accession, self.form, self.cik, self.company, self.filed)


def html_page(title: str, *paragraphs: str) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body>\n<p><b>{title}</b></p>\n{body}\n</body></html>\n"


def contract_8k(company: str, customer: str, fee: str, until: str, notice_days: int) -> str:
    return html_page(
        f"FORM 8-K: {company}",
        "Item 1.01 Entry into a Material Definitive Agreement.",
        f"On January 2, 2025, {company} entered into a Capacity Services Agreement with {customer}. "
        f"Under the agreement, {customer} has agreed to pay us {fee} per month for dedicated GPU compute capacity "
        f"through {until}. Either party may terminate the agreement with {notice_days} days' notice.",
        "Item 9.01 Financial Statements and Exhibits.",
    )


def plant(fake: FakeEdgar, filing: Planted) -> None:
    documents = [(filing.primary[0], filing.form, filing.primary[1])] + list(filing.exhibits)
    rows, items = [], []
    for seq, (name, doc_type, html) in enumerate(documents, 1):
        body = html.encode("utf-8")
        fake.put(f"{filing.folder}/{name}", body)
        items.append({"name": name, "type": "text.gif", "size": str(len(body)), "last-modified": ""})
        rows.append(
            f'<tr><td scope="row">{seq}</td><td scope="row">{doc_type}</td><td scope="row">'
            f'<a href="{filing.folder}/{name}">{name}</a></td><td scope="row">{doc_type}</td>'
            f'<td scope="row">{len(body)}</td></tr>'
        )
    listing = {"directory": {"item": items, "name": filing.folder}}
    fake.put(f"{filing.folder}/index.json", json.dumps(listing).encode())
    table = "\n".join(rows)
    fake.put(
        f"{filing.folder}/{filing.accession}-index.html",
        f'<html><body><table class="tableFile"><tr><th>Seq</th><th>Description</th><th>Document</th>'
        f"<th>Type</th><th>Size</th></tr>\n{table}\n</table></body></html>".encode(),
    )


def nc_submission(filing: Planted) -> bytes:
    documents = [(filing.primary[0], filing.form, filing.primary[1])] + list(filing.exhibits)
    head = (
        f"<SUBMISSION>\n<ACCESSION-NUMBER>{filing.accession}\n<TYPE>{filing.form}\n"
        f"<FILING-DATE>{filing.filed.replace('-', '')}\n<FILER>\n<COMPANY-DATA>\n"
        f"<CONFORMED-NAME>{filing.company}\n<CIK>{int(filing.cik):010d}\n</COMPANY-DATA>\n</FILER>\n"
    )
    docs = "".join(
        f"<DOCUMENT>\n<TYPE>{doc_type}\n<SEQUENCE>{seq}\n<FILENAME>{name}\n<TEXT>\n{html}</TEXT>\n</DOCUMENT>\n"
        for seq, (name, doc_type, html) in enumerate(documents, 1)
    )
    return (head + docs + "</SUBMISSION>\n").encode("utf-8")


def feed_archive(members: list[tuple[str, bytes]]) -> bytes:
    """A ``YYYYMMDD.nc.tar.gz``: the named members, in order."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1736200000
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(raw.getvalue(), mtime=0)
