"""The examples at the end of each command's ``--help`` (one place, so they stay alike)."""

from __future__ import annotations

EXAMPLES: dict[str, list[tuple[str, str]]] = {  # command -> (command line, what it does)
    "extract": [
        ("extractor extract filing.htm", "FilingResult JSON of one filing"),
        ("extractor extract a.htm b.txt -o results.jsonl", "JSON Lines of several, written atomically"),
        ("curl -s URL | extractor extract -", "a filing on standard input"),
    ],
    "sections": [
        ("extractor sections s1.htm", "the section tree, indented"),
        ("extractor sections 10k.htm --json | jq '.sections[].id'", "the section ids as JSON"),
    ],
    "text": [
        ("extractor text filing.htm | less", "the normalized text that every offset points into"),
    ],
    "fetch": [
        ('extractor fetch --ticker CRWV --form S-1 --exhibits --user-agent "Ann Lee ann@example.com"', "a company's S-1s with their EX-10s and EX-99s"),
        ("extractor fetch --preset compute --since 2025-06-01 --form 8-K", "the 8-Ks full-text search finds about compute deals"),
        ("extractor fetch --feed 2025-01-06", "a whole day's dissemination archive (then: extractor batch ARCHIVE --only-form 8-K)"),
        ("extractor fetch --quarter 2025-Q1 --form 8-K --limit 50 --list", "list a quarter's 8-Ks, download nothing"),
        ("EDGAR_IDENTITY='Ann Lee ann@example.com' extractor fetch --cik 1769628 --extract deals.jsonl", "fetch, then extract"),
    ],
    "batch": [
        ("extractor batch filings/", "every filing under filings/ into output/ and output/extractor.sqlite"),
        ("extractor batch output/filings --jobs 4", "a store made by `extractor fetch`, 4 workers"),
        ("extractor batch day.tar.gz --db postgresql://me@db.example/deals --parquet lake/", "an archive into PostgreSQL and Parquet"),
        ("extractor batch - --out - --no-db < submission.txt", "a filing (or an archive) on stdin, JSON Lines on stdout"),
        ("extractor batch filings/ --force", "again, even what this version has processed"),
    ],
    "search": [
        ("extractor search --preset compute --since 2025-01-01", "filings anyone filed about compute deals, as a table"),
        ("extractor search '\"data center capacity\" megawatts' --form 8-K --json", "one query, JSON Lines"),
    ],
    "pipeline": [
        ("extractor pipeline --preset compute --since 2025-01-01 --db sqlite:///compute.sqlite", "search, fetch, extract, load; a re-run takes only what is new"),
    ],
    "watch": [
        ("extractor watch --form 8-K --form 6-K --interval 300", "poll EDGAR, one JSON line per new contract"),
        ("extractor watch --once --form 8-K --db sqlite:///watch.sqlite", "one round, for cron"),
    ],
    "deals": [
        ("extractor deals", "every deal in output/extractor.sqlite, largest total first"),
        ("extractor deals --customer Anthropic", "the deals of one customer (Anthropic PBC too)"),
        ("extractor deals --db postgresql://me@db.example/deals --json", "every deal with its filings, values and events"),
        ("extractor deals --csv > deals.csv", "the deals table as CSV"),
    ],
    "regress": [
        ("extractor regress fixtures", "re-run the saved filings and diff against their golden JSON"),
        ("extractor regress fixtures --update", "accept the new output (after reviewing the diff)"),
    ],
    "eval": [
        ("extractor eval", "precision, recall and F1 per field on the built-in gold set"),
        ("extractor eval labelled.json --json", "the same on your own labelled passages, as JSON"),
    ],
    "report": [
        ("extractor report output/filings.jsonl", "an HTML page of a batch: summary, then the filings with contracts"),
        ("extractor report filing.htm -o review.html", "extract one filing and review it"),
    ],
    "schema": [
        ("extractor schema > filing-result.schema.json", "the JSON Schema of the output"),
    ],
    "completion": [
        ("extractor completion bash > ~/.local/share/bash-completion/completions/extractor", "bash, for every new shell"),
        ('extractor completion zsh > "${fpath[1]}/_extractor"', "zsh"),
        ('eval "$(extractor completion bash)"', "this shell only"),
    ],
}


def epilog(command: str) -> str | None:
    lines = EXAMPLES.get(command)
    if not lines:
        return None
    width = max(len(line) for line, _ in lines if len(line) <= 60) if any(len(l) <= 60 for l, _ in lines) else 0
    body = []
    for line, what in lines:
        if len(line) <= width:
            body.append(f"  {line.ljust(width)}  {what}")
        else:
            body.append(f"  {line}\n      {what}")
    return "examples:\n" + "\n".join(body)
