"""Private, whole-or-nothing files, and no temporary file with patient data surviving a killed writer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from clinic_desktop.io.file_lock import FileLock, is_locked
from clinic_desktop.io.private_files import (
    PrivateTemp,
    is_temp_name,
    private_dir,
    set_journal_dir,
    sweep_leftovers,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and signals")


@pytest.fixture
def journal(tmp_path: Path):
    folder = tmp_path / ".journal"
    set_journal_dir(folder)
    yield folder
    set_journal_dir(None)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_finished_file_replaces_the_target_and_leaves_nothing_else(tmp_path: Path, journal: Path) -> None:
    target = tmp_path / "out" / "list.xlsx"
    with PrivateTemp(target) as temp:
        assert is_temp_name(temp.name) and temp.parent == target.parent
        assert list(journal.iterdir())  # recorded while in flight
        temp.write_bytes(b"names and phones")
    assert target.read_bytes() == b"names and phones"
    assert sorted(p.name for p in target.parent.iterdir()) == ["list.xlsx"]
    assert list(journal.iterdir()) == []


def test_an_error_leaves_the_old_file_and_no_temporary_one(tmp_path: Path, journal: Path) -> None:
    target = tmp_path / "list.xlsx"
    target.write_bytes(b"yesterday's list")
    with pytest.raises(RuntimeError), PrivateTemp(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"yesterday's list"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".journal", "list.xlsx"]
    assert list(journal.iterdir()) == []


@posix_only
def test_files_and_folders_are_private_even_under_a_lax_umask(tmp_path: Path, journal: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "new" / "deeper" / "export.xlsx"
        with PrivateTemp(target) as temp:
            temp.write_bytes(b"x")
        assert _mode(target) == 0o600
        assert _mode(tmp_path / "new") == _mode(tmp_path / "new" / "deeper") == 0o700
        existing = private_dir(tmp_path)  # a folder that was there already keeps its mode
        assert _mode(existing) == _mode(tmp_path)
    finally:
        os.umask(old)


def test_no_clobber_commit_refuses_an_existing_target(tmp_path: Path, journal: Path) -> None:
    target = tmp_path / "clinic.db"
    temp = PrivateTemp(target)
    with temp as path:
        path.write_bytes(b"new")
        target.write_bytes(b"someone else's")
        with pytest.raises(FileExistsError):
            temp.commit(replace=False)
        temp.discard()
    assert target.read_bytes() == b"someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".journal", "clinic.db"]


_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from clinic_desktop.io.private_files import PrivateTemp, set_journal_dir
    set_journal_dir(Path(sys.argv[1]))
    with PrivateTemp(Path(sys.argv[2])) as temp:
        temp.write_bytes("张三 13800000001".encode())
        Path(str(temp) + "-journal").write_bytes(b"sqlite side file")
        print(temp, flush=True)
        time.sleep(60)
    """
)


@posix_only
def test_a_killed_writer_leaves_a_file_the_next_sweep_deletes(tmp_path: Path, journal: Path) -> None:
    target = tmp_path / "docs" / "export.xlsx"
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(journal), str(target)], stdout=subprocess.PIPE, text=True
    )
    temp = Path(writer.stdout.readline().strip())  # type: ignore[union-attr]
    assert temp.exists()
    assert sweep_leftovers(journal) == []  # the writer is alive: its file is left alone
    assert temp.exists()
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    writer.stdout.close()  # type: ignore[union-attr]
    assert temp.exists()  # a SIGKILL cannot be cleaned up after by the process itself …
    removed = sweep_leftovers(journal)  # … but the next start does
    assert sorted(removed) == sorted([temp, Path(f"{temp}-journal")])
    assert list(target.parent.iterdir()) == [] and list(journal.iterdir()) == []


def test_the_sweep_never_deletes_a_file_not_named_like_ours(tmp_path: Path, journal: Path) -> None:
    journal.mkdir()
    mine = tmp_path / "my-report.xlsx"
    mine.write_bytes(b"the owner's own file")
    (journal / ("0" * 32 + ".partial.xlsx")).write_text(str(mine))  # a tampered entry pointing at it
    assert sweep_leftovers(journal) == []
    assert mine.read_bytes() == b"the owner's own file"


def test_a_file_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    first, second = FileLock(path), FileLock(path)
    assert first.acquire() and first.held
    assert not second.acquire()
    assert is_locked(path)
    first.release()
    assert not is_locked(path)
    assert second.acquire()
    second.release()
    assert not is_locked(tmp_path / "never-made.lock") and not (tmp_path / "never-made.lock").exists()


def test_an_entry_is_visible_only_once_complete_and_a_dead_half_made_one_is_swept(
    tmp_path: Path, journal: Path
) -> None:
    with PrivateTemp(tmp_path / "x.xlsx") as temp:
        entries = list(journal.iterdir())
        assert len(entries) == 1 and not entries[0].name.startswith(".")  # renamed into place, locked
        assert entries[0].read_text() == str(temp.resolve())
        assert is_locked(entries[0])
    half = journal / ("." + "a" * 32 + ".partial.xlsx.new")  # a writer killed while making its entry
    half.write_text(str(tmp_path / "never-made.xlsx"))
    empty = journal / ("." + "b" * 32 + ".partial.xlsx.new")
    empty.write_bytes(b"")  # killed right after creating it (or a live writer not yet locked: it retries)
    assert sweep_leftovers(journal) == []
    assert not half.exists() and not empty.exists()


def test_a_writer_whose_unlocked_entry_is_swept_makes_it_again(
    tmp_path: Path, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import clinic_desktop.io.private_files as module

    real_replace, calls = os.replace, []

    def swept_first(src: object, dst: object) -> None:  # a sweep deleted the entry before it was locked
        calls.append(src)
        if len(calls) == 1:
            Path(str(src)).unlink()
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(module.os, "replace", swept_first)
    with PrivateTemp(tmp_path / "x.xlsx") as temp:
        temp.write_bytes(b"data")
        entries = list(journal.iterdir())
        assert len(entries) == 1 and entries[0].read_text() == str(temp.resolve())
    assert (tmp_path / "x.xlsx").read_bytes() == b"data" and list(journal.iterdir()) == []
