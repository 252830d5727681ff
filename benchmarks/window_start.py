"""Start-up to a visible window, under Xvfb: process start → its top-level window mapped.

Used when the repository has no ``benchmarks/startup.py`` of its own (issue 13 adds one; :mod:`run`
calls that instead when present). The moment is the X server's MapNotify of the first top-level window,
waited for with a blocking read on the root window's events through libX11 — ``xdotool search --sync``
polls only twice a second, too coarse for a one-second goal, and polling faster would compete with the
app for the CPU. A bare PySide6 ``QMainWindow`` is measured the same way, interleaved, as the floor.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "w = QMainWindow()\n"
    "w.setWindowTitle('bare')\n"
    "w.resize(1200, 760)\n"
    "w.show()\n"
    "app.exec()\n"
)
_MAP_NOTIFY = 19
_SUBSTRUCTURE_NOTIFY = 1 << 19


class _MapEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("event", ctypes.c_ulong),
        ("window", ctypes.c_ulong),
        ("override_redirect", ctypes.c_int),
    ]


class _Event(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xmap", _MapEvent), ("pad", ctypes.c_long * 24)]


def available() -> str | None:
    """None when start-up can be measured here, else why not."""
    if shutil.which("Xvfb") is None:
        return "needs Xvfb"
    if ctypes.util.find_library("X11") is None:
        return "needs libX11"
    return None


class _MapWatcher:
    """Top-level windows are the root's children when no window manager runs: SubstructureNotify on the
    root reports each one mapped."""

    def __init__(self, display: str) -> None:
        x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_Event)]
        x.XPending.argtypes = [ctypes.c_void_p]
        x.XFlush.argtypes = [ctypes.c_void_p]
        x.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.x, self.dpy = x, x.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open display {display}")
        x.XSelectInput(self.dpy, x.XDefaultRootWindow(self.dpy), _SUBSTRUCTURE_NOTIFY)
        x.XFlush(self.dpy)
        self.fd = x.XConnectionNumber(self.dpy)

    def drain(self) -> None:
        event = _Event()
        while self.x.XPending(self.dpy):
            self.x.XNextEvent(self.dpy, ctypes.byref(event))

    def wait(self, timeout: float) -> float | None:
        event, end = _Event(), time.perf_counter() + timeout
        while True:
            while self.x.XPending(self.dpy):
                self.x.XNextEvent(self.dpy, ctypes.byref(event))
                if event.type == _MAP_NOTIFY and not event.xmap.override_redirect:
                    return time.perf_counter()
            left = end - time.perf_counter()
            if left <= 0:
                return None
            select.select([self.fd], [], [], left)

    def close(self) -> None:
        self.x.XCloseDisplay(self.dpy)


@contextmanager
def _xvfb() -> Iterator[str]:
    for number in range(151, 199):  # away from the numbers other scripts start at
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    else:
        raise RuntimeError("no free X display number")
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _time_to_window(argv: Sequence[str], watcher: _MapWatcher, env: dict[str, str], timeout: float) -> float:
    watcher.drain()
    started = time.perf_counter()
    app = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        mapped = watcher.wait(timeout)
        if mapped is None:
            raise RuntimeError(f"no window within {timeout} s: {' '.join(argv)}")
        return mapped - started
    finally:
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()


def measure(app_argv: Sequence[str], repeats: int, *, timeout: float = 60) -> dict[str, float | list[float]]:
    """Median seconds to a visible window: the app (``app_argv``) and a bare PySide6 window, interleaved
    (one discarded warm-up each: a clinic's second start has the OS file cache too)."""
    bare_argv = [sys.executable, "-c", BARE_WINDOW]
    home = Path(tempfile.mkdtemp(prefix="clinic-bench-start-"))
    try:
        with _xvfb() as display:
            watcher = _MapWatcher(display)
            env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "MPLCONFIGDIR")}
            # private Qt settings and data folder: window geometry and first-run state start alike
            env.update(
                DISPLAY=display, XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data")
            )
            for argv in (bare_argv, app_argv):
                _time_to_window(argv, watcher, env, timeout)
            apps, bares = [], []
            for _ in range(repeats):
                bares.append(_time_to_window(bare_argv, watcher, env, timeout))
                apps.append(_time_to_window(app_argv, watcher, env, timeout))
            watcher.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return {
        "wall": statistics.median(apps),
        "runs": apps,
        "baseline": statistics.median(bares),
        "baseline_runs": bares,
    }
