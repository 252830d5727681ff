"""What the frozen app (PyInstaller bundle) sets up before anything else runs.

PyInstaller's run-time hook for matplotlib (``pyi_rth_mplconfig``) points ``MPLCONFIGDIR`` at a new
temporary folder on every start — made for one-file bundles, whose files move on every start — so
matplotlib rebuilds its font list each time (~0.7 s) and a killed process leaves the folder behind. A
one-folder bundle's fonts stay where they are: the cache lives in the app's data folder instead, and the
hook's empty folder is removed at once. From source the GUI uses the same folder (``cmd_gui``), unless
``MPLCONFIGDIR`` is set: one cache per app, wherever it was started from.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

from clinic_desktop.paths import default_data_dir

#: matplotlib's cache folder inside the app's data folder, per matplotlib's own version-stamped files
MATPLOTLIB_CACHE = Path("cache") / "matplotlib"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def persistent_matplotlib_cache(
    environ: MutableMapping[str, str] = os.environ, data_dir: Path | None = None
) -> Path | None:
    """Point ``MPLCONFIGDIR`` at the data folder's cache (created if need be); None if it cannot be made."""
    folder = (data_dir or default_data_dir()) / MATPLOTLIB_CACHE
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only profile: keep PyInstaller's temporary folder
    previous = environ.get("MPLCONFIGDIR")
    environ["MPLCONFIGDIR"] = str(folder)
    if previous and Path(previous) != folder:
        try:
            os.rmdir(previous)  # the hook's temporary folder, still empty: matplotlib is not loaded yet
        except OSError:
            pass  # not empty or not ours: leave it
    return folder


def prepare_gui_matplotlib_cache(environ: MutableMapping[str, str] = os.environ) -> Path | None:
    """Before the GUI starts, from source too: matplotlib's font list kept in the data folder (built once,
    not at the first chart of every start). A ``MPLCONFIGDIR`` already set wins — the frozen app's (set
    by :func:`prepare_frozen_process`), a test's or the user's own."""
    if environ.get("MPLCONFIGDIR"):
        return None
    return persistent_matplotlib_cache(environ)


def prepare_frozen_process() -> None:
    """Call first thing in the frozen app's entry point (after ``multiprocessing.freeze_support``).

    Also: no ``__pycache__`` beside the migration scripts (Alembic imports them from the bundle, which
    is installed read-only for users; run as root it would leave files that ``dpkg -r`` does not own)."""
    if not is_frozen():
        return
    sys.dont_write_bytecode = True
    if "matplotlib" not in sys.modules:
        persistent_matplotlib_cache()
