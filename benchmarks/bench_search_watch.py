"""Search, watch and feed-archive figures, measured against the fake EDGAR on loopback (never sec.gov).

1. Requests per second at the server: `extractor pipeline` (search, fetch with exhibits,
   extract, load) over planted filings at --rate 10 and --rate 5; the server stamps every
   request on arrival, so the mean rate and the most requests in any one-second window
   are what EDGAR would see.
2. Hits seen vs reported on a range that must be split: a fake full-text index with more
   hits than the 10,000 cap in one date range.
3. Feed archive throughput: a day's .nc.tar.gz built from fixture submissions, read by
   `extractor batch --only-form` (every member's header read, none parsed: the streaming
   stage) and by a full `batch --only-form 8-K` (8-Ks parsed, extracted and loaded).

    PYTHONPATH=. .venv/bin/python benchmarks/bench_search_watch.py [--hits 12000] [--members 600]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from extractor.cli import main  # noqa: E402
from fake_edgar import TEST_USER_AGENT, FakeEdgar, FakeEfts, Indexed  # noqa: E402
from planted import Planted, contract_8k, feed_archive, html_page, nc_submission, plant  # noqa: E402


def quiet(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def planted(n: int) -> Planted:
    cik = str(5000000 + n)
    exhibit = html_page("CAPACITY SERVICES AGREEMENT", *["Schedule of GPU compute capacity and service levels."] * 40)
    return Planted(cik, f"{int(cik):010d}-25-{n:06d}", "8-K", (date(2025, 1, 2) + timedelta(days=n % 200)).isoformat(),
                   f"Company {n}", (f"c{n}-8k.htm", contract_8k(f"Company {n}", "Orbit Labs, Inc.", f"${n + 1},000", "May 2029", 90)),
                   ((f"c{n}-ex101.htm", "EX-10.1", exhibit),))


def request_rate(filings: int, rate: str) -> dict:
    efts, fake = FakeEfts(), FakeEdgar()
    fake.route(FakeEfts.path, efts)
    for n in range(filings):
        filing = planted(n)
        plant(fake, filing)
        efts.add(filing.indexed())
    with fake, tempfile.TemporaryDirectory() as tmp:
        code, out, err = quiet([
            "pipeline", "--preset", "compute", "--since", "2025-01-01", "--sec-url", fake.sec_url, "--data-url", fake.data_url,
            "--efts-url", fake.sec_url, "--user-agent", TEST_USER_AGENT, "--rate", rate, "--store", f"{tmp}/filings",
            "--db", f"sqlite:///{tmp}/db.sqlite", "--out", f"{tmp}/out", "--jobs", "4",
        ])
        assert code == 0, err
        times = sorted(hit.at for hit in fake.hits)
        span = times[-1] - times[0]
        return {"rate": rate, "requests": len(times), "seconds": span, "mean_rps": (len(times) - 1) / span,
                "max_in_1s": fake.max_in_one_second()}


def split_range(hits: int) -> dict:
    efts, fake = FakeEfts(), FakeEdgar()
    fake.route(FakeEfts.path, efts)
    days = 60
    efts.add(*(Indexed(f"{6000000 + i % 97:010d}-25-{i:06d}", f"d{i}.htm", "8-K", (date(2025, 1, 1) + timedelta(days=i % days)).isoformat(),
                       str(6000000 + i % 97), f"Company {i % 97}", "compute capacity") for i in range(hits)))
    with fake:
        started = time.monotonic()
        code, out, err = quiet(["search", '"compute capacity"', "--since", "2025-01-01", "--until", "2025-03-01", "--json",
                                "--efts-url", fake.sec_url, "--user-agent", TEST_USER_AGENT, "--rate", "10"])
        seconds = time.monotonic() - started
        assert code == 0, err
    first = next(q for q in efts.asked if "from" not in q)
    one_query = efts.matching(first)
    line = next(line for line in err.splitlines() if "hits seen" in line)
    return {"indexed": hits, "one_query_reports": f"{min(len(one_query), efts.cap):,} (gte)" if len(one_query) > efts.cap else len(one_query),
            "summary": line.split(": ", 1)[1], "lines": len(out.splitlines()), "requests": len(fake.hits),
            "max_in_1s": fake.max_in_one_second(), "seconds": seconds}


def feed_throughput(members: int) -> dict:
    import random

    forms = ["8-K", "4", "10-Q", "424B2", "8-K", "6-K", "4", "SC 13G"]
    words = ("revenue operations period company quarter results agreement capacity services customer market "
             "growth costs expenses income net cash flows assets liabilities equity shares risk factors").split()
    rng = random.Random(12)
    parts = []
    for n in range(members):
        form = forms[n % len(forms)]
        # varied prose with figures, so the gzip ratio is near a real day's (about 4 to 6)
        filler = "".join(
            f"<p>{' '.join(rng.choice(words) for _ in range(60))} {rng.randint(1, 99_999):,} {rng.random():.4f}.</p>\n"
            for _ in range(rng.randint(20, 160))
        )
        body = contract_8k(f"Member {n}", "Orbit Labs, Inc.", "$2 million", "May 2029", 60) if form == "8-K" else html_page(form)
        filing = Planted(str(7000000 + n), f"{7000000 + n:010d}-25-{n:06d}", form, "2025-01-06", f"Member {n}",
                         (f"m{n}.htm", body.replace("</body>", filler + "</body>")))
        parts.append((f"{filing.accession}.nc", nc_submission(filing)))
    archive = feed_archive(parts)
    raw = sum(len(data) for _, data in parts)
    results = {"members": members, "archive_mb": len(archive) / 1e6, "decompressed_mb": raw / 1e6}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "20250106.nc.tar.gz"
        path.write_bytes(archive)
        for label, form in (("filter only (no member parsed)", "NO-SUCH-FORM"), ("8-K parsed, extracted, loaded", "8-K")):
            started = time.monotonic()
            code, out, err = quiet(["batch", str(path), "--only-form", form, "--db", f"sqlite:///{tmp}/{form}.sqlite",
                                    "--out", f"{tmp}/out-{form}", "--jobs", "2", "--no-progress"])
            seconds = time.monotonic() - started
            assert code == 0, err
            line = next(line for line in err.splitlines() if "inputs:" in line)
            results[label] = {"seconds": seconds, "archive_mb_s": len(archive) / 1e6 / seconds,
                              "decompressed_mb_s": raw / 1e6 / seconds, "summary": line.split(": ", 1)[1]}
    return results


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filings", type=int, default=60, help="planted filings for the request-rate run")
    parser.add_argument("--hits", type=int, default=12_000, help="hits in the range that must be split")
    parser.add_argument("--members", type=int, default=600, help="submissions in the feed archive")
    args = parser.parse_args()
    os.environ.pop("EXTRACTOR_USER_AGENT", None)
    for rate in ("10", "5"):
        r = request_rate(args.filings, rate)
        print(f"requests/s at --rate {r['rate']}: {r['requests']} requests in {r['seconds']:.1f} s = "
              f"{r['mean_rps']:.2f}/s mean, at most {r['max_in_1s']} in any one second")
    s = split_range(args.hits)
    print(f"split range: {s['indexed']:,} hits indexed, one query over the whole range reports {s['one_query_reports']}; "
          f"search says {s['summary']}; {s['lines']:,} JSON lines; {s['requests']} requests, "
          f"at most {s['max_in_1s']} in any one second, {s['seconds']:.1f} s")
    f = feed_throughput(args.members)
    print(f"feed archive: {f['members']} submissions, {f['archive_mb']:.1f} MB gzipped, {f['decompressed_mb']:.1f} MB inside")
    for label in ("filter only (no member parsed)", "8-K parsed, extracted, loaded"):
        r = f[label]
        print(f"  {label}: {r['seconds']:.1f} s = {r['archive_mb_s']:.1f} MB/s of archive, "
              f"{r['decompressed_mb_s']:.1f} MB/s decompressed; {r['summary']}")


if __name__ == "__main__":
    main_()
