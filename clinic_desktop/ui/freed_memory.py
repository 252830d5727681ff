"""Giving memory back once start-up work is done: the app stays open all day on one shared computer.

Two things hold memory nobody uses after start-up:

- Once PySide6 is imported, shiboken's import hook calls ``inspect.getsource`` on every Python module
  imported after it (to see whether the module selects a ``__feature__``), and ``linecache`` keeps every
  line of those files: ~950 files and 430,000 lines (~35 MB of Python strings) by the time the patient
  list is shown. Nothing in the app needs them — a traceback reads its few lines again when formatted.
- On Linux, glibc keeps what a worker thread freed (a recompute's columns, a list load's decoded JSON) in
  that thread's malloc arena instead of returning it; ``malloc_trim`` gives the free pages back (at 100k
  patients ~20 MB before the list is read again after a recompute). Elsewhere this part does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import linecache
import sys
from collections.abc import Callable
from functools import cache
from typing import Any

__all__ = ["give_back_memory"]


@cache
def _malloc_trim() -> Callable[[int], Any] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], Any] = libc.malloc_trim
        return trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None


def give_back_memory() -> None:
    """Drop the cached source lines and return free heap pages to the system (cheap: ~1 ms)."""
    linecache.clearcache()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
