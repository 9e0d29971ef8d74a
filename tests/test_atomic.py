from __future__ import annotations

import os
import stat

import pytest

from extractor.atomic import TMP_PREFIX, atomic_open, atomic_write_text, check_writable, remove_stale_temporaries
from extractor.cli import main
from extractor.errors import OutputError


def test_atomic_write_replaces_whole_file_and_follows_umask(tmp_path):
    target = tmp_path / "sub" / "out.json"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second")
    assert target.read_text() == "second"
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["out.json"]


def test_a_failure_mid_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_open(target, "w", encoding="utf-8") as fh:
            fh.write("half")
            raise RuntimeError("killed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_stale_temporaries_are_removed(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / f"{TMP_PREFIX}x.part").write_text("partial")
    (tmp_path / "a" / "keep.txt").write_text("ok")
    assert remove_stale_temporaries(tmp_path) == 1
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["keep.txt"]


def test_a_folder_as_target_is_a_clear_error(tmp_path):
    with pytest.raises(OutputError, match="is a folder"):
        atomic_write_text(tmp_path, "x")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_place_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="cannot write"):
        atomic_write_text(blocker / "sub" / "out.json", "x")


def test_extract_to_a_folder_is_one_line_without_traceback(tmp_path, capsys):
    passage = tmp_path / "p.txt"
    passage.write_text("Nothing to see.\n")
    assert main(["extract", str(passage), "-o", str(tmp_path)]) == 2  # an output that cannot be written: exit 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is a folder" in err[0] and "internal error" not in err[0]


@pytest.mark.parametrize("command", ["extract", "report"])
def test_a_wrong_output_is_reported_before_any_input_is_read(tmp_path, capsys, command):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    missing = tmp_path / "no-such-filing.htm"  # reading it would print its own error first
    assert main([command, str(missing), "-o", str(blocker / "out.json")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot write" in err[0] and "no such file" not in err[0], err
    assert not list(tmp_path.rglob(".tmp-*"))


def test_check_writable_leaves_nothing_behind(tmp_path):
    check_writable(tmp_path / "new" / "out.json")
    assert [p.name for p in tmp_path.rglob("*")] == ["new"]
