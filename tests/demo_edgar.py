"""A fake EDGAR on loopback with planted compute deals, to try search, pipeline and watch by hand.

    python tests/demo_edgar.py [--port 8765]

It serves full-text search (the planted 8-Ks match the compute preset), the
latest-filings Atom feed and the filings themselves, until Ctrl-C. Everything
it serves was written for the tests; nothing reaches sec.gov.
"""

from __future__ import annotations

import argparse
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fake_edgar import FakeAtomFeed, FakeEdgar, FakeEfts, _handler  # noqa: E402
from planted import Planted, contract_8k, html_page, plant  # noqa: E402

DEALS = (
    Planted("2000001", "0002000001-25-000003", "8-K", "2025-01-06", "Alpha Cloud Inc.",
            ("alpha-8k.htm", contract_8k("Alpha Cloud Inc.", "Orbit Labs, Inc.", "$3 million", "December 2027", 90)),
            (("alpha-ex101.htm", "EX-10.1", html_page("CAPACITY SERVICES AGREEMENT", "Schedule A: GPU compute capacity.")),)),
    Planted("2000002", "0002000002-25-000011", "8-K", "2025-02-10", "Beta Compute Corp",
            ("beta-8k.htm", contract_8k("Beta Compute Corp", "Vector AI, Inc.", "$500,000", "March 2026", 60))),
    Planted("2000004", "0002000004-25-000002", "8-K", "2025-03-03", "Epsilon AI Corp",
            ("eps-8k.htm", contract_8k("Epsilon AI Corp", "Sigma Robotics, Inc.", "$2 million", "March 2028", 45))),
)


def build() -> FakeEdgar:
    efts, feed, fake = FakeEfts(), FakeAtomFeed(), FakeEdgar()
    fake.route(FakeEfts.path, efts)
    fake.route(FakeAtomFeed.path, feed)
    for deal in DEALS:
        plant(fake, deal)
        efts.add(deal.indexed())
        feed.add(deal.entry())
    return fake


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    fake = build()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), _handler(fake))
    server.daemon_threads = True
    base = f"http://127.0.0.1:{args.port}"
    print(f"export EXTRACTOR_SEC_URL={base} EXTRACTOR_DATA_URL={base}/data EXTRACTOR_EFTS_URL={base}", flush=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        thread.join()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
