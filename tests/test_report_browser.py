"""The review page's deal view in a real headless Chromium (Debian's ``chromium``; .ci/run
installs it): it loads without console messages, shows the deal list, a timeline and the
highlighted evidence, and a screenshot is taken."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from deals_support import FILES, fixture_results
from lxml import html as lxml_html

from extractor.report import render_report

BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium on PATH (apt-get install chromium; .ci/run installs it)")
_CONSOLE = re.compile(r":CONSOLE[^\]]*\]\s*(.*)")


def _chromium(page: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    command = [
        BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
        f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args, page.resolve().as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def load(page: Path, tmp_path: Path) -> tuple[str, list[str]]:
    """The DOM after loading ``page``, and every console message it logged."""
    run = _chromium(page, tmp_path, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout, [m.group(1) for m in _CONSOLE.finditer(run.stderr)]


def screenshot(page: Path, tmp_path: Path) -> Path:
    shot = tmp_path / "report.png"
    run = _chromium(page, tmp_path, "--hide-scrollbars", "--window-size=1280,2000", f"--screenshot={shot}")
    assert run.returncode == 0, run.stderr[-2000:]
    return shot


def test_console_messages_are_caught(tmp_path):
    """The check below can fail: a page whose script throws is seen."""
    page = tmp_path / "broken.html"
    page.write_text("<!doctype html><html><body><p>x</p><script>undefinedFunction()</script></body></html>", encoding="utf-8")
    _, messages = load(page, tmp_path)
    assert any("undefinedFunction" in m for m in messages)


def test_the_deal_view_in_a_real_browser(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render_report([fixture_results()[name] for name in FILES]), encoding="utf-8")
    dom, messages = load(page, tmp_path)
    assert messages == []
    tree = lxml_html.fromstring(dom)
    listing = tree.xpath("//section[@id='deals']/ul[@class='deal-list']/li/a")
    assert [a.text_content().split(" \u00b7 ")[0] for a in listing] == [
        "HALVARD COMPUTE CORP. \u2192 Nebula Cloud, Inc.",
        "HALVARD COMPUTE CORP. \u2192 Nebula Cloud Holdings Ltd.",
    ]
    for a in listing:  # each entry links to its deal
        assert tree.xpath(f"//div[@class='deal'][@id='{a.get('href')[1:]}']")
    first_deal = tree.xpath("//div[@class='deal']")[0]
    timeline = first_deal.xpath("./ol[@class='timeline']/li[contains(@class, 'tl-item')]")
    assert [li.xpath("./div[@class='tl-when']")[0].text_content().split(" \u00b7 ")[1] for li in timeline] == ["S-1", "S-1/A", "424B4", "10-Q", "8-K/A"]
    assert "superseded" in timeline[0].get("class")
    events = [e.text_content() for e in first_deal.xpath(".//p[contains(@class, 'event')]")]
    assert events[0].startswith("total value raised: USD 2,400,000,000") and "2,900,000,000" in events[0]
    assert any(e.startswith("GPUs added") for e in events) and any(e.startswith("term end extended") for e in events)
    marks = {m.text_content() for m in tree.xpath("//section[@id='deals']//mark")}
    assert {"$2.9 billion", "32,000 GPUs", "June 2031", "$60 million"} <= marks
    # the rest of the page is still there after the deal view
    assert tree.xpath("//p[@class='summary']") and tree.xpath("//h2[contains(., 'HALVARD COMPUTE CORP.')]")
    shot = screenshot(page, tmp_path)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
