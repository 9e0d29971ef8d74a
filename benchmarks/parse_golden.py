"""Byte-identity check for parser changes: dump what parse + sections produce for every
corpus and fixture filing, then compare a later run against that dump.

    python benchmarks/parse_golden.py --dump /tmp/golden     # at the commit to keep identical to
    python benchmarks/parse_golden.py --check /tmp/golden    # after a change: 0 differences wanted

Per input file: the raw blocks of the primary document (read_html_blocks or the text
reader), the Document (text, blocks, links, anchors, kind, form, ref, warnings) and the
sections of the primary document and of every prose exhibit read (documents.read_parts),
pickled; the check compares them field by field (every string exactly) and names the
fields that differ. Not a test: the dump is not in the repository (it holds corpus text).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import sys
from pathlib import Path

from extractor.documents import read_parts
from extractor.errors import ExtractorError
from extractor.parse import parse_bytes
from extractor.parse.detect import HTML, IXBRL
from extractor.parse.html import read_html_blocks
from extractor.pipeline import segment

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EXTRACTOR_SHARED") or REPO.parent / "shared")
_SKIPPED_SUFFIXES = {".json", ".md", ".tsv", ".idx"}


def inputs() -> list[Path]:
    roots = [SHARED / "corpus", REPO / "fixtures"]
    return sorted(
        p for root in roots for p in root.rglob("*") if p.is_file() and p.suffix.lower() not in _SKIPPED_SUFFIXES
    )


def _document_fields(document) -> tuple:
    return (
        document.text, document.blocks, document.links, sorted(document.anchors.items()),
        document.kind, document.form, document.ref, document.warnings,
        tuple((e.type, e.sequence, e.filename, e.description, hashlib.sha256(e.data).hexdigest()) for e in document.exhibits),
    )


def record(path: Path) -> dict:
    """What the parser and the segmenter make of one file, field by field."""
    data = path.read_bytes()
    out: dict = {}
    try:
        document = parse_bytes(data, source=str(path))
    except ExtractorError as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    out["document"] = _document_fields(document)
    out["sections"] = segment(document, form=document.form)
    try:
        parts, part_warnings = read_parts(document)
    except ExtractorError as exc:
        out["parts"] = f"{type(exc).__name__}: {exc}"
    else:
        out["parts"] = [
            (part.info, part.form, _document_fields(part.document), segment(part.document, form=part.form))
            for part in parts[1:]
        ]
        out["part_warnings"] = part_warnings
    out["raw_blocks"] = _raw_blocks(data)
    return out


def _raw_blocks(data: bytes):
    """read_html_blocks of the decoded file, pruned and not, when the file is HTML."""
    from extractor.parse.detect import detect_kind
    from extractor.parse.encoding import decode

    try:
        kind = detect_kind(data)
    except ExtractorError:
        return None
    if kind not in (HTML, IXBRL):
        return None
    text = decode(data)[0]
    return read_html_blocks(text), read_html_blocks(text, prune=False)


def _key(path: Path) -> str:
    return hashlib.sha1(str(path.relative_to(path.anchor)).encode()).hexdigest()[:16]


def dump(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    files = inputs()
    for path in files:
        (folder / f"{_key(path)}.pickle").write_bytes(pickle.dumps((str(path), record(path)), protocol=5))
    print(f"dumped {len(files)} files to {folder}")
    return 0


def check(folder: Path) -> int:
    files = inputs()
    differences = missing = 0
    for path in files:
        stored = folder / f"{_key(path)}.pickle"
        if not stored.exists():
            missing += 1
            print(f"NOT IN DUMP {path}")
            continue
        _name, expected = pickle.loads(stored.read_bytes())
        actual = record(path)
        if actual == expected:
            continue
        differences += 1
        fields = [k for k in sorted(set(expected) | set(actual)) if expected.get(k) != actual.get(k)]
        print(f"DIFFERS {path}: {', '.join(fields)}")
    print(f"compared {len(files) - missing} files: {differences} differences, {missing} not in the dump")
    return 1 if differences or missing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--dump", type=Path, metavar="DIR")
    group.add_argument("--check", type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    return dump(args.dump) if args.dump else check(args.check)


if __name__ == "__main__":
    sys.exit(main())
