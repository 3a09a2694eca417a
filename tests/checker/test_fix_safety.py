"""Reliability of `zhcheck fix` as a hostile environment tries it (issue 15): it never
writes outside the given roots, never loses an edit saved meanwhile, keeps owner, group,
mode and hard links (or refuses), and leaves no temporary file on any exit path."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT
from zhcheck.app import fixer
from zhcheck.app.cli import main
from zhcheck.app.fixer import fix_file
from zhcheck.engine import Engine
from zhcheck.files import TEMP_SUFFIX

HALF = "报告中提到,经济增长5.5%左右,在实际工作中努力争取更好结果。\n"
FIXED = "报告中提到，经济增长5.5%左右，在实际工作中努力争取更好结果。\n"
AS_ROOT = os.geteuid() == 0


def leftovers(directory) -> list[str]:
    return [n for n in os.listdir(directory) if n.endswith(TEMP_SUFFIX) or n.startswith(".")]


@pytest.fixture
def engine() -> Engine:
    return Engine({"select": ["T101"]})


# --- roots and links ----------------------------------------------------------------------------


def test_a_link_out_of_the_directory_is_skipped_with_a_message(runner, tmp_path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.txt"
    victim.write_text(HALF, encoding="utf-8")
    root = tmp_path / "articles"
    root.mkdir()
    (root / "a.txt").write_text(HALF, encoding="utf-8")
    (root / "link.txt").symlink_to(victim)
    (root / "sub").symlink_to(outside, target_is_directory=True)  # a linked directory is not walked
    res = runner.invoke(main, ["fix", "--select", "T101", str(root)])
    assert res.exit_code == 0, res.output
    assert victim.read_text(encoding="utf-8") == HALF
    assert (root / "a.txt").read_text(encoding="utf-8") == FIXED
    assert f"warning: {root / 'link.txt'}: symbolic link to a file outside {root}, skipped" in res.output
    assert "in 1 file" in res.output.splitlines()[-1]  # the link target outside was not fixed


def test_a_link_inside_the_directory_is_fixed_once_as_its_target(runner, tmp_path) -> None:
    (tmp_path / "a.txt").write_text(HALF, encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    res = runner.invoke(main, ["fix", "--select", "T101", str(tmp_path)])
    assert res.exit_code == 0 and "warning" not in res.output, res.output
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "b.txt").is_symlink()


def test_a_directory_swapped_for_a_link_during_the_walk_is_refused(tmp_path, engine) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.txt").write_text(HALF, encoding="utf-8")
    (root / "sub").rmdir()
    (root / "sub").symlink_to(outside, target_is_directory=True)  # after the walk listed sub/a.txt
    result = fix_file(str(root / "sub" / "a.txt"), engine, root=str(root))
    assert result.error and "symbolic link" in result.error
    assert (outside / "a.txt").read_text(encoding="utf-8") == HALF


# --- an edit saved meanwhile ---------------------------------------------------------------------


@pytest.mark.parametrize("how", ["append", "same size", "replaced"])
def test_an_edit_saved_while_fixing_is_kept_and_reported(tmp_path, engine, monkeypatch, how: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(HALF, encoding="utf-8")
    edited = {
        "append": HALF + "用户刚保存的一段。\n",
        "same size": HALF.replace("报告", "文件"),
        "replaced": "另一个文件\n",
    }[how]
    real_fix_text = fixer.fix_text

    def user_saves_meanwhile(*args, **kwargs):
        result = real_fix_text(*args, **kwargs)
        if how == "replaced":
            other = tmp_path / "new.txt"
            other.write_text(edited, encoding="utf-8")
            os.replace(other, path)
        else:
            st = path.stat()
            path.write_text(edited, encoding="utf-8")
            if how == "same size":  # same size and mtime: only the content hash tells
                os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        return result

    monkeypatch.setattr(fixer, "fix_text", user_saves_meanwhile)
    result = fix_file(str(path), engine)
    assert not result.written
    assert result.error == "changed on disk while it was being fixed; left as it is now (run fix again)"
    assert path.read_text(encoding="utf-8") == edited
    assert leftovers(tmp_path) == []


# --- owner, group, mode, links -------------------------------------------------------------------


@pytest.mark.skipif(not AS_ROOT, reason="giving a file another owner needs root")
def test_owner_group_and_mode_are_kept(tmp_path, engine) -> None:
    path = tmp_path / "a.txt"
    path.write_text(HALF, encoding="utf-8")
    os.chown(path, 1234, 5678)
    path.chmod(0o640)
    result = fix_file(str(path), engine)
    assert result.written and not result.error
    st = path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1234, 5678, 0o640)
    assert path.read_text(encoding="utf-8") == FIXED


@pytest.mark.skipif(not AS_ROOT, reason="giving a file another owner needs root")
def test_a_file_whose_owner_cannot_be_kept_is_not_rewritten(tmp_path, engine, monkeypatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(HALF, encoding="utf-8")
    os.chown(path, 1234, 5678)  # as a user may not give a file away: fchown fails

    def refuse(*_args):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "fchown", refuse)
    result = fix_file(str(path), engine)
    assert result.error and result.error.startswith("cannot give the rewritten file its owner and group")
    assert path.read_text(encoding="utf-8") == HALF
    assert leftovers(tmp_path) == []


def test_read_only_and_hard_linked_files_need_force(runner, tmp_path) -> None:
    ro = tmp_path / "ro.txt"
    ro.write_text(HALF, encoding="utf-8")
    ro.chmod(0o444)
    linked = tmp_path / "linked.txt"
    linked.write_text(HALF, encoding="utf-8")
    os.link(linked, tmp_path / "other-name.txt")
    res = runner.invoke(main, ["fix", "--select", "T101", str(tmp_path)])
    assert res.exit_code == 2
    assert f"error: {ro}: read-only file; not rewritten (--force rewrites it)" in res.output
    assert f"error: {linked}: has 2 hard links (rewriting would split them); not rewritten" in res.output
    assert ro.read_text(encoding="utf-8") == HALF and linked.read_text(encoding="utf-8") == HALF
    res = runner.invoke(main, ["fix", "--force", "--select", "T101", str(ro), str(linked)])
    assert res.exit_code == 0, res.output
    assert ro.read_text(encoding="utf-8") == FIXED and stat.S_IMODE(ro.stat().st_mode) == 0o444
    assert linked.read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "other-name.txt").read_text(encoding="utf-8") == HALF  # --force split the link


# --- temporary files -----------------------------------------------------------------------------


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_no_temporary_file_survives_a_failed_replace(tmp_path, engine, monkeypatch, failure) -> None:
    path = tmp_path / "a.txt"
    path.write_text(HALF, encoding="utf-8")

    def fail(*_args, **_kwargs):
        raise failure

    monkeypatch.setattr(os, "replace", fail)
    if isinstance(failure, OSError):
        result = fix_file(str(path), engine)
        assert result.error == "cannot write (No space left on device)"
    else:
        with pytest.raises(KeyboardInterrupt):
            fix_file(str(path), engine)
    assert path.read_text(encoding="utf-8") == HALF
    assert leftovers(tmp_path) == []


_KILLED_WHILE_WRITING = """
import os, sys, time
from zhcheck import files
real_write = os.write
def slow_write(fd, data):
    if len(data) > 1000:
        print("writing", flush=True)
        time.sleep(60)
    return real_write(fd, data)
os.write = slow_write
fd = files.open_dir(sys.argv[1])
files.replace_in(fd, "big.txt", b"x" * 4_000_000, files.Ownership(0o644))
"""

_TERMINATED_BEFORE_RENAME = """
import os, signal, sys
from zhcheck import files
fd = files.open_dir(sys.argv[1])
files.replace_in(fd, "a.txt", b"new", files.Ownership(0o644), verify=lambda: os.kill(os.getpid(), signal.SIGTERM))
print("not reached", flush=True)
"""


def test_kill_9_while_writing_leaves_no_temporary_file(tmp_path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WHILE_WRITING, str(tmp_path)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert os.listdir(tmp_path) == []


def test_sigterm_during_a_replace_is_held_until_it_is_done(tmp_path) -> None:
    (tmp_path / "a.txt").write_bytes(b"old")
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_TERMINATED_BEFORE_RENAME), str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == -signal.SIGTERM and "not reached" not in proc.stdout
    assert os.listdir(tmp_path) == ["a.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"new"


# --- encodings ------------------------------------------------------------------------------------


def test_utf16_without_bom_is_still_utf16_after_fix(tmp_path, engine) -> None:
    from zhcheck.document import decode_bytes

    path = tmp_path / "a.txt"
    text = "报告中提到,经济增长显著,实际工作中努力争取更好结果"  # no line break: after the fix no NUL byte is left
    path.write_bytes(text.encode("utf-16-le"))
    assert decode_bytes(path.read_bytes()) == (text, "utf-16-le")
    result = fix_file(str(path), engine)
    assert result.written, result.error
    assert decode_bytes(path.read_bytes()) == (result.fixed, "utf-16-le")
    assert "," not in result.fixed
    assert fix_file(str(path), engine).applied == []
