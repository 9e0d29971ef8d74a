"""The comparison benchmark's own logic: name mapping, the section judge, doc2dict's tree.

The tools themselves are not run here (benchmarks/compare.py does that); the one
test that parses with doc2dict is skipped where it is not installed (the `bench` extra).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from compare import form_group, primary_document  # noqa: E402
from compare_judge import Label, ToolSection, judge, neutral_text, squash  # noqa: E402
from compare_names import id_from_edgartools, id_from_title  # noqa: E402
from compare_tools import collect_doc2dict  # noqa: E402

BODY = "Words of a real section body. " * 12  # about 360 characters


@pytest.mark.parametrize(
    "name, item, part, form, expected",
    [
        ("summary", None, None, "S-1", "prospectus_summary"),
        ("description_of_securities", None, None, "S-1/A", "description_of_capital_stock"),
        ("plan_of_distribution", None, None, "424B4", "underwriting"),
        ("description_of_warrants", None, None, "424B4", "other"),
        ("risk_factors", None, None, "S-1", "risk_factors"),
        ("business", "1", None, "10-K", "item_1"),
        ("part_ii_item_5", "5", "II", "10-K", "item_5"),
        ("mda", None, None, "10-K", "item_7"),
        ("part_ii_item_1a", "1A", "II", "10-Q", "part_ii_item_1a"),
    ],
)
def test_edgartools_names_map_to_our_ids(name, item, part, form, expected):
    assert id_from_edgartools(name, item, part, form) == expected


@pytest.mark.parametrize(
    "title, form, expected",
    [
        ("PROSPECTUS SUMMARY", "S-1", "prospectus_summary"),
        ("Management\u2019s discussion and analysis of financial condition and results of operations", "S-1", "mda"),
        ("MATERIAL U.S. FEDERAL INCOME TAX CONSEQUENCES TO NON-U.S. HOLDERS", "S-1", "tax_considerations"),
        ("PART II INFORMATION NOT REQUIRED IN PROSPECTUS", "S-1", "part_ii"),
        ("Market price of Class A common stock", "S-1", "other"),
        ("Item 1A. Risk Factors", "10-K", "item_1a"),
        ("ITEM 7A. QUANTITATIVE AND QUALITATIVE DISCLOSURES ABOUT MARKET RISK", "10-K", "item_7a"),
        ("Items 1 and 2. Business and Properties", "10-K", "item_1"),
        ("SIGNATURES", "10-K", "signatures"),
    ],
)
def test_titles_map_to_our_ids(title, form, expected):
    assert id_from_title(title, form) == expected


def labels() -> list[Label]:
    return [
        Label("risk_factors", "Risk Factors", "Investing in our stock is risky"),
        Label("use_of_proceeds", "Use of Proceeds", "We estimate the net proceeds"),
        Label("dividend_policy", "Dividend Policy", "We have never paid dividends"),
    ]


def test_judge_accepts_sections_with_or_without_their_heading():
    sections = [
        ToolSection("risk_factors", "RISK FACTORS", "RISK FACTORS\n\nInvesting in our stock is risky. " + BODY),
        ToolSection("use_of_proceeds", "Use of proceeds", "We estimate the net proceeds at $10. " + BODY),
        ToolSection("dividend_policy", "Dividend policy", "We have never paid dividends. " + BODY),
    ]
    verdicts = judge(labels(), sections, neutral="")
    assert [v.reason for v in verdicts] == ["ok", "ok", "ok"]


def test_judge_names_each_failure():
    sections = [
        # runs on into Use of Proceeds
        ToolSection("risk_factors", "Risk Factors", "Investing in our stock is risky. " + BODY + " Use of Proceeds We estimate the net proceeds"),
        # starts at a sub-heading, not at the opening words
        ToolSection("use_of_proceeds", "Use of Proceeds", "Some other paragraph entirely. " + BODY),
        # a stub: the heading and one line
        ToolSection("dividend_policy", "Dividend Policy", "Dividend Policy We have never paid dividends."),
    ]
    verdicts = judge(labels(), sections, neutral="")
    assert [v.reason for v in verdicts] == ["runs on", "wrong start", "stub"]
    assert not any(v.right for v in verdicts)


def test_judge_reports_missing_and_uses_each_section_once():
    one = ToolSection("risk_factors", "Risk Factors", "Investing in our stock is risky. " + BODY)
    verdicts = judge(labels()[:1] * 2, [one], neutral="")
    assert [v.reason for v in verdicts] == ["ok", "missing"]


def test_a_short_section_is_no_stub_when_the_filing_puts_the_next_heading_right_after_it():
    short = [Label("item_4", "Item 4. Mine Safety Disclosures", "Not applicable."), Label("item_5", "Item 5. Market", "Our stock trades")]
    neutral = neutral_text(b"<p>Item 4. Mine Safety Disclosures</p><p>Not applicable.</p><p>Item 5. Market</p><p>Our stock trades on</p>")
    section = ToolSection("item_4", "Item 4", "Item 4. Mine Safety Disclosures\nNot applicable.")
    assert judge(short, [section, ToolSection("item_5", "Item 5", "Our stock trades on the exchange. " + BODY)], neutral)[0].right
    assert not judge(short, [section], neutral="")[0].right  # without that evidence it is a stub


def test_other_sections_must_carry_the_labelled_title():
    label = [Label("other", "THE OFFERING", "Shares offered by us")]
    wrong = ToolSection("other", "Trademarks", "Shares offered by us. " + BODY)
    right = ToolSection("other", "The Offering", "Shares offered by us. " + BODY)
    assert [v.reason for v in judge(label, [wrong], "")] == ["missing"]
    assert judge(label, [wrong, right], "")[0].right


def test_squash_and_neutral_text_drop_markup_case_and_punctuation():
    assert squash("Management\u2019s  Discussion & Analysis.") == "managementsdiscussionanalysis"
    assert neutral_text(b"<style>p {x}</style><p>Risk&nbsp;<b>Factors</b></p>") == "riskfactors"


def test_primary_document_is_the_first_text_block_of_a_submission():
    submission = b"<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>S-1\n<TEXT>\n<html>primary</html>\n</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TEXT>ex</TEXT>"
    assert primary_document(submission) == b"<html>primary</html>"
    assert primary_document(b"<html>plain</html>") == b"<html>plain</html>"


@pytest.mark.parametrize("form, group", [("S-1/A", "S-1"), ("424B4", "424B"), ("10-K", "10-K"), ("8-K", None)])
def test_form_groups(form, group):
    assert form_group(form) == group


def test_doc2dict_tree_is_read_in_document_order_with_table_preambles():
    tree = {
        "7": {"title": "CAPITALIZATION", "contents": {
            "12": {"text": "after the table"},
            "9": {"table": {"preamble": "The following table sets forth", "data": [["Cash", "$10"]]}},
        }},
        "3": {"title": "RISK FACTORS", "contents": {"4": {"text": "Investing is risky."}}},
    }
    found: list = []
    collect_doc2dict(tree, "S-1", 1, None, found)
    by_id = {section_id: text for section_id, _title, _level, text in found}
    assert list(by_id) == ["risk_factors", "capitalization"]
    assert by_id["capitalization"] == "CAPITALIZATION\nThe following table sets forth\nCash $10\nafter the table"


def test_doc2dict_really_parses_a_small_filing():
    pytest.importorskip("doc2dict", reason="doc2dict is in the optional bench extra")
    from compare_tools import doc2dict_core, doc2dict_texts

    html = (
        b"<html><body><p style='font-weight:bold'>RISK FACTORS</p><p>Investing in our stock is risky. "
        + BODY.encode() + b"</p><p style='font-weight:bold'>USE OF PROCEEDS</p><p>We estimate the net proceeds. "
        + BODY.encode() + b"</p></body></html>"
    )
    sections = doc2dict_texts(doc2dict_core(html, "S-1"), "S-1")
    assert ("risk_factors", "RISK FACTORS") in [(s[0], s[1]) for s in sections]


def test_the_tool_process_refuses_every_host_but_loopback():
    import subprocess

    probe = (
        "import socket, sys; sys.path.insert(0, %r); import compare_tools as t; t.refuse_network()\n"
        "server = socket.create_server(('127.0.0.1', 0)); socket.create_connection(server.getsockname()).close()\n"
        "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=5)\nexcept ConnectionRefusedError as exc:\n    print(exc, t.REFUSED)\n"
    ) % str(BENCHMARKS)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "network access to 192.0.2.1 is not allowed ['192.0.2.1']" in done.stdout


def small_prospectus() -> bytes:
    toc = "".join(f'<p><a href="#s{i}">{title}</a></p>' for i, (title, _) in enumerate(SECTIONS))
    body = "".join(
        f'<p id="s{i}" style="font-weight:bold;text-align:center">{title}</p><p>{opening} {BODY}</p>'
        for i, (title, opening) in enumerate(SECTIONS)
    )
    return f"<html><body><p>TABLE OF CONTENTS</p>{toc}{body}</body></html>".encode()


SECTIONS = [
    ("PROSPECTUS SUMMARY", "This summary highlights information found elsewhere."),
    ("RISK FACTORS", "Investing in our stock is risky."),
    ("USE OF PROCEEDS", "We estimate the net proceeds at ten million dollars."),
]


def test_compare_runs_end_to_end_on_a_small_corpus(tmp_path, capsys):
    import json

    from compare import main

    corpus, labels = tmp_path / "corpus", tmp_path / "labels"
    (corpus / "s-1").mkdir(parents=True)
    labels.mkdir()
    (corpus / "s-1" / "small.htm").write_bytes(small_prospectus())
    (corpus / "MANIFEST.tsv").write_text("path\tform\taccession\ns-1/small.htm\tS-1\t0000000000-26-000001\n")
    entry = {"form": "S-1", "sections": [
        {"id": i, "title": t, "opening": " ".join(o.split()[:5])}
        for i, (t, o) in zip(("prospectus_summary", "risk_factors", "use_of_proceeds"), SECTIONS)
    ]}
    (labels / "sections_small.json").write_text(json.dumps({"s-1/small.htm": entry}))
    out = tmp_path / "compare.json"

    code = main(["--tools", "extractor", "--repeat", "1", "--corpus", str(corpus), "--labels", str(labels), "-o", str(out)])

    assert code == 0
    result = json.loads(out.read_text())
    (record,) = result["files"]["extractor"]
    assert "error" not in record, record
    assert record["sections_labelled"] == 3 and len(record["runs"]["core_cpu_seconds"]) == 1
    assert result["summary"]["extractor"]["S-1"]["mb_per_s"]["cpu"] > 0
    assert [v["reason"] for v in record["verdicts"]] == ["ok", "ok", "ok"]  # a clean TOC-linked prospectus
    assert "| extractor |" in capsys.readouterr().out
