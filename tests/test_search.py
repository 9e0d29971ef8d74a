"""`extractor search` and the full-text search client against a fake efts host on loopback."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from extractor.cli import main
from extractor.edgar import EdgarClient, EdgarUrls, RateLimiter, RetryPolicy
from extractor.edgar.efts import SearchQuery, build_queries, load_preset, parse_hit, search
from extractor.errors import UnsafePath, UsageError
from fake_edgar import TEST_USER_AGENT, FakeEdgar, FakeEfts, Indexed, block429, status

PHRASE = "compute capacity"


def documents(count: int, *, start: date = date(2025, 1, 1), per_day: int = 10, text: str = PHRASE) -> list[Indexed]:
    found = []
    for i in range(count):
        day = start + timedelta(days=i // per_day)
        accession = f"{1000000 + i % 7:010d}-25-{i:06d}"
        found.append(Indexed(accession, f"doc{i}.htm", "8-K", day.isoformat(), str(1000000 + i % 7), f"Company {i % 7}", text))
    return found


@pytest.fixture()
def efts_server():
    efts = FakeEfts()
    fake = FakeEdgar()
    fake.route(FakeEfts.path, efts)
    with fake:
        yield fake, efts


def client_for(fake: FakeEdgar) -> EdgarClient:
    return EdgarClient(TEST_USER_AGENT, RateLimiter(10), urls=EdgarUrls(fake.sec_url, fake.data_url, fake.sec_url),
                       retry=RetryPolicy(backoff=0.01), block_pause=0.05)


def run_search(fake, *args):
    return main(["search", "--efts-url", fake.sec_url, "--user-agent", TEST_USER_AGENT, "--rate", "10",
                 "--backoff", "0.01", "--block-pause", "0.05", *args])


def test_pages_to_the_end_and_reports_seen_against_reported(efts_server, capsys):
    fake, efts = efts_server
    efts.add(*documents(250))
    code = run_search(fake, f'"{PHRASE}"', "--since", "2025-01-01", "--until", "2025-12-31", "--json")
    captured = capsys.readouterr()
    assert code == 0, captured.err
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert len(lines) == 250 and len({(h["accession"], h["document"]) for h in lines}) == 250
    assert "250 hits seen of 250 reported (3 pages, 1 date ranges)" in captured.err
    assert [q.get("from", "0") for q in efts.asked] == ["0", "100", "200"]
    first = lines[0]
    assert set(first) == {"accession", "form", "filed", "company", "cik", "document", "file_type", "url"}
    assert first["company"].startswith("Company ") and "(CIK" not in first["company"]
    assert first["url"].endswith(f"/Archives/edgar/data/{first['cik']}/{first['accession'].replace('-', '')}/{first['document']}")
    assert all(q["startdt"] == "2025-01-01" and q["enddt"] == "2025-12-31" for q in efts.asked)


def test_a_range_over_the_cap_is_split_until_nothing_is_dropped(efts_server, capsys):
    fake, efts = efts_server
    efts.cap = 300
    efts.add(*documents(1000, per_day=10))  # 100 days, 10 hits a day
    code = run_search(fake, f'"{PHRASE}"', "--since", "2025-01-01", "--until", "2025-04-10", "--hit-cap", "300", "--json")
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert len(captured.out.splitlines()) == 1000
    assert "1,000 hits seen of 1,000 reported" in captured.err
    assert all(int(q.get("from", "0")) < 300 for q in efts.asked)  # never paged into the refusal
    assert sum(1 for q in efts.asked if "from" not in q) > 4  # the range was split, and split again
    filed = [json.loads(line)["filed"] for line in captured.out.splitlines()]
    assert filed == sorted(filed, reverse=True)  # newest range first


def test_one_day_over_the_cap_is_paged_to_the_cap_and_said(efts_server, capsys):
    fake, efts = efts_server
    efts.cap = 200
    efts.add(*documents(260, per_day=1000))  # all on 2025-01-01
    code = run_search(fake, f'"{PHRASE}"', "--since", "2025-01-01", "--until", "2025-01-01", "--hit-cap", "200", "--json")
    captured = capsys.readouterr()
    assert code == 0
    assert len(captured.out.splitlines()) == 200
    assert "200 hits seen of at least 200 reported" in captured.err
    assert "2025-01-01 alone holds at least 200 hits" in captured.err


def test_an_empty_result_and_a_table(efts_server, capsys):
    fake, efts = efts_server
    efts.add(*documents(3))
    assert run_search(fake, '"nothing like this"', "--since", "2025-01-01") == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [captured.out.splitlines()[0]] and captured.out.startswith("accession")
    assert "0 hits seen of 0 reported" in captured.err
    assert run_search(fake, f'"{PHRASE}"', "--since", "2025-01-01", "--form", "8-K") == 0
    table = capsys.readouterr().out.splitlines()
    assert len(table) == 4 and "Company" in table[1] and "doc" in table[1]


def test_429_and_503_on_a_page_are_sat_out_and_retried(efts_server, capsys):
    fake, efts = efts_server
    efts.add(*documents(150))
    fake.script(FakeEfts.path, status(503), block429(), status(502))
    code = run_search(fake, f'"{PHRASE}"', "--since", "2025-01-01", "--until", "2025-12-31", "--json")
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert len(captured.out.splitlines()) == 150
    assert "150 hits seen of 150 reported" in captured.err
    assert "block" in captured.err
    assert fake.max_in_one_second() <= 10


def test_a_page_that_keeps_failing_is_one_clear_error(efts_server, capsys):
    fake, efts = efts_server
    efts.add(*documents(5))
    fake.script(FakeEfts.path, *[status(503)] * 10)
    code = run_search(fake, f'"{PHRASE}"', "--since", "2025-01-01", "--retries", "1")
    err = capsys.readouterr().err
    assert code == 1 and "server error 503" in err and "Traceback" not in err


def test_hostile_hits_are_refused_and_the_rest_kept(efts_server, capsys):
    fake, efts = efts_server
    good = documents(2)
    bad_source = {"ciks": ["0001000000"], "form": "8-K", "file_date": "2025-01-01", "adsh": "0001000000-25-000099"}
    efts.add(
        *good,
        Indexed("x", "x", "8-K", "2025-01-01", "1", "Evil", PHRASE, raw={**bad_source, "adsh": "../../etc/passwd"}, raw_id="../../etc/passwd:x"),
        Indexed("x", "x", "8-K", "2025-01-01", "1", "Evil", PHRASE, raw=bad_source, raw_id="0001000000-25-000099:../../.bashrc"),
        Indexed("x", "x", "8-K", "2025-01-01", "1", "Evil", PHRASE, raw={**bad_source, "ciks": ["12ab"]}, raw_id="0001000000-25-000099:a.htm"),
        Indexed("x", "x", "8-K", "2025-01-01", "1", "Evil", PHRASE, raw={**bad_source, "form": "<script>"}, raw_id="0001000000-25-000099:b.htm"),
        Indexed("x", "x", "8-K", "2025-01-01", "1", "Evil", PHRASE, raw={**bad_source, "file_date": "yesterday"}, raw_id="0001000000-25-000099:c.htm"),
        Indexed("x", "x", "8-K", "2025-01-01", "1", "Evil", PHRASE, raw="not a dict", raw_id="0001000000-25-000099:d.htm"),
    )
    code = run_search(fake, f'"{PHRASE}"', "--since", "2025-01-01", "--json")
    captured = capsys.readouterr()
    assert code == 0
    assert sorted(json.loads(line)["document"] for line in captured.out.splitlines()) == ["doc0.htm", "doc1.htm"]
    assert "8 hits seen of 8 reported" in captured.err and "2 kept, 6 refused" in captured.err
    assert "path separator" in captured.err and "not an accession number" in captured.err


def test_parse_hit_types_the_values_and_checks_them():
    hit = parse_hit({"_id": "0001234567-25-000123:doc.htm", "_source": {
        "ciks": ["0001234567", "0007654321"], "display_names": ["Example Corp  (CIK 0001234567)"], "form": "8-k",
        "file_date": "2025-01-02", "adsh": "0001234567-25-000123", "file_type": "EX-99.1"}})
    assert (hit.accession, hit.document, hit.cik, hit.form, hit.filed, hit.company, hit.file_type) == (
        "0001234567-25-000123", "doc.htm", "1234567", "8-K", "2025-01-02", "Example Corp", "EX-99.1")
    with pytest.raises(UnsafePath, match="two accessions"):
        parse_hit({"_id": "0001234567-25-000124:doc.htm", "_source": {"ciks": ["1"], "form": "8-K", "file_date": "2025-01-02", "adsh": "0001234567-25-000123"}})
    with pytest.raises(UnsafePath, match="not a CIK"):
        parse_hit({"_id": "0001234567-25-000123:doc.htm", "_source": {"ciks": [], "form": "8-K", "file_date": "2025-01-02"}})


def test_the_compute_preset_is_data_and_its_hits_are_merged(efts_server, capsys):
    fake, efts = efts_server
    preset = load_preset("compute")
    assert len(preset.queries) >= 5 and "8-K" in preset.forms
    text = "we sold compute capacity and cloud services agreement GPU per month data center capacity"
    efts.add(Indexed("0001000001-25-000001", "a.htm", "8-K", "2025-02-03", "1000001", "Alpha", text),
             Indexed("0001000002-25-000001", "b.htm", "10-Q", "2025-03-03", "1000002", "Beta", "GPU capacity agreement"),
             Indexed("0001000003-25-000001", "c.htm", "8-K", "2024-12-31", "1000003", "Old", text),
             Indexed("0001000004-25-000001", "d.htm", "DEF 14A", "2025-02-03", "1000004", "Proxy", text))
    assert run_search(fake, "--preset", "compute", "--since", "2025-01-01", "--json") == 0
    captured = capsys.readouterr()
    assert sorted(json.loads(line)["accession"] for line in captured.out.splitlines()) == ["0001000001-25-000001", "0001000002-25-000001"]
    assert "duplicates" in captured.err  # Alpha matched several of the preset's queries
    assert len(efts.asked) == len(preset.queries)


def test_usage_errors(efts_server, capsys):
    fake, _ = efts_server
    assert run_search(fake) == 2
    assert "QUERY or --preset" in capsys.readouterr().err
    assert run_search(fake, "x", "--preset", "compute") == 2
    assert run_search(fake, "--preset", "nosuch") == 2
    assert "no preset 'nosuch'" in capsys.readouterr().err
    assert run_search(fake, "x", "--since", "2025-02-01", "--until", "2025-01-01") == 2
    assert run_search(fake, "x", "--cik", "abc") == 2
    assert fake.hits == []


def test_search_library_limit_and_cik_filter(efts_server):
    fake, efts = efts_server
    efts.add(*documents(40))
    client = client_for(fake)
    result = search(client, [SearchQuery(f'"{PHRASE}"', since=date(2025, 1, 1), until=date(2025, 2, 1))], limit=15)
    assert result.seen == 15 and result.pages == 1
    queries = build_queries(f'"{PHRASE}"', None, since="2025-01-01", until="2025-02-01", ciks=("1000003",))
    result = search(client, queries)
    assert {hit.cik for hit in result.hits} == {"1000003"} and result.seen == result.reported == 6
    assert efts.asked[-1]["ciks"] == "0001000003"
    with pytest.raises(UsageError):
        build_queries(None, None)
