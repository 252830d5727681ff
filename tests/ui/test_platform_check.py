"""A missing X library is named, with the apt command, before Qt would abort the process."""

from __future__ import annotations

import sys

import pytest

from clinic_desktop.cli import main
from clinic_desktop.ui import platform_check
from clinic_desktop.ui.platform_check import XCB_LIBRARIES, missing_packages, platform_problem, uses_xcb

MISSING = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"}


def loads(soname: str) -> bool:
    return soname not in MISSING


def test_one_line_names_every_missing_package() -> None:
    line = platform_problem({}, loads=loads, platform="linux")
    assert line is not None and "\n" not in line
    assert line.endswith("sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1")


def test_nothing_to_say_when_everything_loads_or_xcb_is_not_used() -> None:
    assert platform_problem({}, loads=lambda _: True, platform="linux") is None
    assert platform_problem({"QT_QPA_PLATFORM": "offscreen"}, loads=loads, platform="linux") is None
    assert platform_problem({}, loads=loads, platform="win32") is None
    wayland = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}
    assert platform_problem(wayland, loads=loads, platform="linux") is None
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb:display=:1"}, "linux")
    assert uses_xcb({**wayland, "QT_QPA_PLATFORM": "xcb"}, "linux")


def test_each_package_once_and_sorted() -> None:
    assert missing_packages(lambda _: False) == sorted(set(XCB_LIBRARIES.values()))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 libraries: Linux only")
def test_this_machine_has_the_libraries() -> None:
    """CI installs them; the real loader agrees (so the table's names are real sonames)."""
    assert missing_packages() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check runs on Linux only")
def test_the_gui_command_prints_it_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(platform_check, "can_load", loads)
    assert main(["--db", "/nonexistent/never-opened.db"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in err
