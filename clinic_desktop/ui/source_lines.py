"""Giving back the source text that PySide6 reads while modules are imported.

Once PySide6 is imported, shiboken's import hook calls ``inspect.getsource`` on every Python module that
is imported after it (to see whether the module selects a ``__feature__``), and ``linecache`` keeps every
line of those files: about 950 files and 430,000 lines (~35 MB of Python strings) once the window's pages
and the list's pinyin tables are loaded. Nothing in the app needs them — a traceback reads its few
lines again when it is formatted — so they are dropped after the imports of start-up.
"""

from __future__ import annotations

import linecache

__all__ = ["forget_source_lines"]


def forget_source_lines() -> None:
    linecache.clearcache()
