"""SIGKILL at random moments of every risky operation: 0 integrity failures, 0 partial operations,
0 leftovers (issue 14). The driver (``kill_driver.py``) runs as its own process and forks the operations;
a quick 30-round version runs in the default suite, the 1,000-round one with ``-m slow``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")

DRIVER = Path(__file__).with_name("kill_driver.py")


def _run(tmp_path: Path, rounds: int, seed: int) -> dict:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(tmp_path), str(rounds), str(seed)],
        capture_output=True,
        text=True,
        timeout=1200,
        env={**os.environ, "CLINIC_DESKTOP_NO_WORKERS": "1"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    summary["wall_seconds"] = round(time.monotonic() - started, 1)
    return summary


def _check(summary: dict, rounds: int) -> None:
    ops = summary["operations"]
    assert sum(r["rounds"] for r in ops.values()) == rounds
    assert summary["findings"] == []
    for op, r in ops.items():
        assert (r["integrity_failures"], r["partial"], r["leftovers"], r["errors"]) == (0, 0, 0, 0), op
        assert r["left_as_before"] + r["left_as_after"] == r["rounds"], op
    killed = sum(r["killed_running"] for r in ops.values())
    assert killed >= rounds // 2  # the kills landed inside the operations, not after them


def test_thirty_kills_leave_nothing_broken(tmp_path: Path) -> None:
    summary = _run(tmp_path, 30, seed=14)
    _check(summary, 30)


@pytest.mark.slow
def test_a_thousand_kills_leave_nothing_broken(tmp_path: Path) -> None:
    summary = _run(tmp_path, 1000, seed=2026)
    print("\nkill harness:", json.dumps(summary, ensure_ascii=False, indent=1))
    _check(summary, 1000)
    for op, r in summary["operations"].items():  # caught both before and after its commit
        assert r["left_as_before"] > 0 and (r["left_as_after"] > 0 or not r["changes_database"]), op
