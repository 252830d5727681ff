"""Start-up time: process start → main window mapped, beside a bare PySide6 ``QMainWindow``, in one run.

Why one run: on a shared machine the absolute figures move with the load; the ratio to a bare Qt window
started the same minute does not (much). Each command runs ``--runs`` times (default 5) on a private
Xvfb display at 1,366×768; the time is taken from just before the process is spawned to the X server's
MapNotify of its first top-level window (a blocking wait on the root window's events through Xlib, so
the measuring costs nothing while the app starts — polling ``xdotool search`` every few milliseconds
would compete with it for the CPU, and ``xdotool search --sync`` polls only twice a second).

    python benchmarks/startup.py                                   # bare window, from source (empty db)
    python benchmarks/startup.py --db /tmp/big.db                  # + a 100,000-patient database
    python benchmarks/startup.py --frozen dist/clinic-desktop/clinic-desktop --db /tmp/big.db

Prints one line per variant (median, min, max of the runs, and the median as a multiple of the bare
window) and, with ``--json``, the same as JSON. Needs ``Xvfb`` and libX11.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1200, 700)
window.show()
app.exec()
"""

_MAP_NOTIFY = 19
_SUBSTRUCTURE_NOTIFY_MASK = 1 << 19


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


class MapWatcher:
    """Waits for the next top-level window to be mapped on ``display`` (no window manager: top-level
    windows are the root's children, so SubstructureNotify on the root reports them)."""

    def __init__(self, display: str) -> None:
        self.x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        self.x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_Event)]
        self.x.XPending.argtypes = [ctypes.c_void_p]
        self.x.XFlush.argtypes = [ctypes.c_void_p]
        self.x.XConnectionNumber.argtypes = [ctypes.c_void_p]
        self.dpy = self.x.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open display {display}")
        root = self.x.XDefaultRootWindow(self.dpy)
        self.x.XSelectInput(self.dpy, root, _SUBSTRUCTURE_NOTIFY_MASK)
        self.x.XFlush(self.dpy)
        self.fd = self.x.XConnectionNumber(self.dpy)

    def drain(self) -> None:
        event = _Event()
        while self.x.XPending(self.dpy):
            self.x.XNextEvent(self.dpy, ctypes.byref(event))

    def wait_for_map(self, timeout: float) -> float | None:
        """perf_counter() when a top-level, non-override-redirect window was mapped; None on timeout."""
        import select

        event = _Event()
        end = time.perf_counter() + timeout
        while True:
            while self.x.XPending(self.dpy):
                self.x.XNextEvent(self.dpy, ctypes.byref(event))
                if event.type == _MAP_NOTIFY and not event.xmap.override_redirect:
                    return time.perf_counter()
            left = end - time.perf_counter()
            if left <= 0:
                return None
            select.select([self.fd], [], [], left)


def _free_display() -> int:
    for number in range(91, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


def measure(command: list[str], watcher: MapWatcher, env: dict[str, str], timeout: float) -> float:
    watcher.drain()
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        mapped = watcher.wait_for_map(timeout)
        if mapped is None:
            err = process.stderr.read().decode(errors="replace") if process.poll() is not None else ""
            raise RuntimeError(f"no window within {timeout} s: {' '.join(command)}\n{err[-2000:]}")
        return mapped - started
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", action="append", default=[], help="a database to start on (repeatable)")
    parser.add_argument("--frozen", help="the frozen GUI executable (dist/clinic-desktop/clinic-desktop)")
    parser.add_argument("--no-source", action="store_true", help="skip the from-source runs")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("Xvfb") is None:
        print("Xvfb is not installed", file=sys.stderr)
        return 2

    number = _free_display()
    xvfb = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    home = Path(tempfile.mkdtemp(prefix="startup-bench-"))
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                break
            time.sleep(0.05)
        watcher = MapWatcher(f":{number}")
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "MPLCONFIGDIR")}
        # a private data folder and Qt settings: the app's first-day guide state, window geometry and
        # matplotlib cache start the same on every machine (warmed by the first, discarded, run)
        env.update(
            DISPLAY=f":{number}", XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config")
        )
        empty = home / "empty.db"
        variants: list[tuple[str, list[str]]] = [("bare window (source)", [sys.executable, "-c", BARE])]
        databases = [("empty", empty)] + [(Path(p).name, Path(p)) for p in args.db]
        for label, db in databases:
            if not args.no_source:
                variants.append(
                    (f"source, {label}", [sys.executable, "-m", "clinic_desktop", "--db", str(db)])
                )
            if args.frozen:
                variants.append((f"frozen, {label}", [args.frozen, "--db", str(db)]))
        results: dict[str, list[float]] = {name: [] for name, _ in variants}
        for _name, command in variants:  # one warm-up each: caches (disk, matplotlib, .pyc) as on a 2nd start
            measure(command, watcher, env, args.timeout)
        for _ in range(args.runs):  # interleaved: a burst of load hits every variant alike
            for name, command in variants:
                results[name].append(measure(command, watcher, env, args.timeout))
        bare = statistics.median(results[variants[0][0]])
        report = {}
        for name, times in results.items():
            median = statistics.median(times)
            report[name] = {"median_s": round(median, 3), "min_s": round(min(times), 3),
                            "max_s": round(max(times), 3), "x_bare": round(median / bare, 2)}  # fmt: skip
            print(f"{name:<28} median {median:5.2f} s  (min {min(times):.2f}, max {max(times):.2f})"
                  f"  {median / bare:4.1f}× bare")  # fmt: skip
        if args.json:
            print(json.dumps(report, indent=2))
        return 0
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
