"""The frozen app keeps matplotlib's font cache in its data folder, not in a new temporary folder per start."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from clinic_desktop import frozen
from clinic_desktop.frozen import MATPLOTLIB_CACHE, persistent_matplotlib_cache, prepare_frozen_process


def test_the_cache_moves_to_the_data_folder_and_the_hooks_folder_goes(tmp_path: Path) -> None:
    hook_folder = tmp_path / "tmpabc123"
    hook_folder.mkdir()
    environ = {"MPLCONFIGDIR": str(hook_folder)}
    folder = persistent_matplotlib_cache(environ, data_dir=tmp_path / "data")
    assert folder == tmp_path / "data" / MATPLOTLIB_CACHE and folder.is_dir()
    assert environ["MPLCONFIGDIR"] == str(folder)
    assert not hook_folder.exists()  # PyInstaller's empty temporary folder, removed at once


def test_a_folder_with_content_is_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "someone-elses"
    other.mkdir()
    (other / "matplotlibrc").write_text("", encoding="utf-8")
    environ = {"MPLCONFIGDIR": str(other)}
    persistent_matplotlib_cache(environ, data_dir=tmp_path / "data")
    assert (other / "matplotlibrc").exists()


def test_an_unwritable_data_folder_keeps_the_temporary_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    environ = {"MPLCONFIGDIR": "/tmp/x"}
    assert persistent_matplotlib_cache(environ, data_dir=blocker) is None
    assert environ["MPLCONFIGDIR"] == "/tmp/x"


def test_only_the_frozen_app_changes_anything(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(frozen, "persistent_matplotlib_cache", lambda *a, **k: calls.append(a))
    monkeypatch.delattr(sys, "frozen", raising=False)
    prepare_frozen_process()
    assert calls == []
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.delitem(sys.modules, "matplotlib", raising=False)
    prepare_frozen_process()
    assert len(calls) == 1 and sys.dont_write_bytecode


def test_the_gui_keeps_matplotlibs_cache_in_the_data_folder_from_source_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(frozen, "default_data_dir", lambda: tmp_path)
    environ: dict[str, str] = {}
    folder = frozen.prepare_gui_matplotlib_cache(environ)
    assert folder == tmp_path / "cache" / "matplotlib" and folder.is_dir()
    assert environ["MPLCONFIGDIR"] == str(folder)
    # one already set (the frozen app's, a test's, the user's) is kept
    mine = {"MPLCONFIGDIR": str(tmp_path / "mine")}
    assert frozen.prepare_gui_matplotlib_cache(mine) is None and mine["MPLCONFIGDIR"] == str(
        tmp_path / "mine"
    )
