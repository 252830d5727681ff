"""Say which system packages are missing before Qt aborts for want of them (Linux, X11).

Qt's xcb platform plugin links a dozen X libraries that a minimal Debian/Ubuntu lacks
(``libxcb-cursor0``, ``libxcb-icccm4``, ``libxcb-keysyms1`` …). Without them ``QApplication`` aborts the
process with a paragraph about plugins that names one library at a time. Checked here first — before
Qt is imported — by loading each library the plugin (and QtGui itself: libGL, fontconfig, D-Bus) needs:
the app prints one line with the ``apt install`` command for all of them and exits 1.

Only on Linux, and only when Qt would use xcb: ``QT_QPA_PLATFORM`` unset or ``xcb`` (``offscreen`` for
tests, ``wayland`` where the user chose it, need none of these). No Qt import: this runs before Qt loads.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

#: every library Qt 6's xcb platform plugin (libqxcb.so → libQt6XcbQpa.so.6) links beyond Qt itself
#: and the C/C++ runtime, with the Debian/Ubuntu package that ships it (``readelf -d``, ``dpkg -S``)
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}

#: ``loads(soname)`` is True when the dynamic loader can load that library
Loader = Callable[[str], bool]


def can_load(soname: str) -> bool:
    """Can the dynamic loader load ``soname``? The frozen bundle's own copy counts (Qt finds it too)."""
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = [os.path.join(bundle, soname)] if bundle else []
    for candidate in [*candidates, soname]:
        try:
            ctypes.CDLL(candidate)
        except OSError:
            continue
        return True
    return False


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Would Qt pick its xcb plugin? Linux with QT_QPA_PLATFORM unset or xcb, outside a Wayland session
    (there Qt tries its wayland plugin first)."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    return not (environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"))


def missing_packages(loads: Loader | None = None) -> list[str]:
    """The packages (sorted, once each) of the libraries the xcb plugin needs that cannot be loaded."""
    check = loads or can_load
    return sorted({package for soname, package in XCB_LIBRARIES.items() if not check(soname)})


def platform_problem(
    environ: Mapping[str, str] | None = None, loads: Loader | None = None, platform: str | None = None
) -> str | None:
    """One line naming the packages to install, or None when Qt will find what it needs."""
    if not uses_xcb(os.environ if environ is None else environ, platform or sys.platform):
        return None
    missing = missing_packages(loads or can_load)
    if not missing:
        return None
    return (
        f"私域助手无法打开窗口：缺少系统库，请先安装 / cannot open a window, missing system libraries: "
        f"sudo apt install {' '.join(missing)}"
    )
