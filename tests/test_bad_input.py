"""Bad input never ends in a traceback or a hang: a one-line error, or a best-effort
result with a warning. Checked through the library and through the CLI
(`extractor text` / `extractor sections`, in-process and as a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extractor.cli import EXIT_OK, EXIT_SOME_FAILED, main
from extractor.errors import InputError
from extractor.pipeline import DEFAULT_MAX_BYTES, parse_filing, segment

pytestmark = pytest.mark.timeout(60)

DEEP = 100_000
GARBAGE = bytes((i * 7919 + 13) % 256 for i in range(20_000))


def deep_html() -> bytes:
    return b"<html><body>" + b"<div>" * DEEP + b"Deep text about GPU capacity." + b"</div>" * DEEP + b"</body></html>"


def one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got: {stderr!r}"
    assert "Traceback" not in stderr
    assert lines[0].startswith("extractor: error: ")
    return lines[0]


# -- the library ----------------------------------------------------------------------------


def test_empty_input_is_an_input_error():
    with pytest.raises(InputError, match="empty"):
        parse_filing(b"  \n\t ", source="empty.htm")


def test_binary_garbage_is_an_input_error():
    with pytest.raises(InputError, match="binary"):
        parse_filing(GARBAGE, source="junk.bin")


def test_truncated_html_gives_what_is_there():
    data = b"<html><body><p>Item 1.01 Entry into a Material Definitive Agreement</p><p>The customer will pay $2 mill"
    document = parse_filing(data)
    assert document.text.endswith("The customer will pay $2 mill")
    assert segment(document, form="8-K")[-1].end == len(document.text)


def test_html_nested_100000_levels_is_best_effort_with_a_warning():
    document = parse_filing(deep_html())
    assert any("nested" in warning for warning in document.warnings)
    assert "Deep text about GPU capacity." in document.text
    assert segment(document)


@pytest.mark.parametrize("depth", [300, 3000])
def test_text_after_a_too_deep_part_is_not_lost(depth):
    # 300 levels are read as they are (libxml2's huge_tree limit is 2048); past that, with a warning
    data = b"<html><body><p>Before</p>" + b"<div>" * depth + b"Deep text" + b"</div>" * depth + b"<p>After</p></body></html>"
    document = parse_filing(data)
    positions = [document.text.find(word) for word in ("Before", "Deep text", "After")]
    assert -1 not in positions and positions == sorted(positions), document.text
    assert any("nested" in warning for warning in document.warnings) == (depth > 2000)


def test_an_index_of_thousands_of_links_is_segmented_without_blowing_up():
    n = 5000
    links = "".join(f'<p><a href="#a{i}">Entry {i}</a></p>' for i in range(n))
    body = "".join(f'<p><a name="a{(i * 7919) % n}"></a><b>ENTRY {(i * 7919) % n}</b></p><p>Text.</p>' for i in range(n))
    document = parse_filing(f"<html><body>{links}{body}</body></html>".encode())
    sections = segment(document, form="S-1")
    assert sections[-1].end == len(document.text)
    assert all(a.end == b.start for a, b in zip(sections, sections[1:]))


def test_over_the_size_limit_is_refused_before_parsing():
    with pytest.raises(InputError, match="max-bytes"):
        parse_filing(b"<p>" + b"x" * 2000 + b"</p>", max_bytes=1000)
    assert DEFAULT_MAX_BYTES >= 50 * 1024 * 1024  # the largest real filings are tens of MB


def test_a_submission_without_documents_is_read_as_a_whole():
    document = parse_filing(b"<SEC-DOCUMENT>\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t8-K\n</SEC-HEADER>\n")
    assert document.form == "8-K"
    assert any("no <DOCUMENT>" in warning for warning in document.warnings)


def test_a_uuencoded_primary_document_has_no_text_and_says_so():
    data = (
        b"<SEC-DOCUMENT>\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\tGRAPHIC\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>GRAPHIC\n"
        b"<TEXT>\nbegin 644 a.jpg\nM_]C_X``02D9)1@`!\n`\nend\n</TEXT>\n</DOCUMENT>\n"
    )
    document = parse_filing(data)
    assert "begin 644" not in document.text
    assert any("encoded attachment" in warning for warning in document.warnings)


# -- the CLI, in-process --------------------------------------------------------------------


@pytest.fixture
def bad_files(tmp_path):
    files = {
        "empty": b"",
        "garbage": GARBAGE,
        "truncated": b"<html><body><table><tr><td>Fee<td>$1,250",
        "deep": deep_html(),
        "big": b"<html><body>" + b"<p>compute capacity</p>" * 200 + b"</body></html>",
    }
    paths = {}
    for name, data in files.items():
        path = tmp_path / f"{name}.htm"
        path.write_bytes(data)
        paths[name] = str(path)
    return paths


@pytest.mark.parametrize("command", ["text", "sections"])
@pytest.mark.parametrize(
    ("name", "extra", "message"),
    [("empty", [], "empty input"), ("garbage", [], "binary data"), ("big", ["--max-bytes", "1000"], "--max-bytes")],
)
def test_cli_refuses_unusable_input_in_one_line(command, name, extra, message, bad_files, capsys):
    code = main([command, *extra, bad_files[name]])
    captured = capsys.readouterr()
    assert code == EXIT_SOME_FAILED
    assert message in one_line_error(captured.err)
    assert bad_files[name] in captured.err
    assert captured.out == ""


@pytest.mark.parametrize("name", ["truncated", "deep"])
def test_cli_gives_best_effort_output_for_broken_html(name, bad_files, capsys):
    assert main(["text", bad_files[name]]) == EXIT_OK
    assert capsys.readouterr().out.strip()
    assert main(["sections", "--json", bad_files[name]]) == EXIT_OK
    payload = json.loads(capsys.readouterr().out)
    assert payload["sections"] and payload["sections"][-1]["end"] >= 1


def test_cli_warns_on_stderr_for_deep_nesting(bad_files, capsys):
    assert main(["text", bad_files["deep"]]) == EXIT_OK
    assert "extractor: warning: HTML nested too deeply" in capsys.readouterr().err


def test_cli_missing_file_is_one_line(tmp_path, capsys):
    assert main(["sections", str(tmp_path / "nope.htm")]) == EXIT_SOME_FAILED
    assert "no such file" in one_line_error(capsys.readouterr().err)


# -- the CLI, as users run it -----------------------------------------------------------------


def test_subprocess_garbage_is_one_line(bad_files):
    garbage = subprocess.run(
        [sys.executable, "-m", "extractor", "sections", bad_files["garbage"]], capture_output=True, text=True, timeout=60
    )
    assert garbage.returncode == EXIT_SOME_FAILED
    assert "binary data" in one_line_error(garbage.stderr)
    assert garbage.stdout == ""
