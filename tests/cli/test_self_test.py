"""``clinic-desktop --self-test`` from source: every step passes, each on its own line with its time.

The same command runs against the frozen bundle and the installed .deb in ``.ci/run``; here it proves the
self-test itself, in a fresh process as a user would start it (~12 s on two cores).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from clinic_desktop.cli import self_test
from clinic_desktop.cli.self_test import STEPS, Context, StepFailed, run_self_test


def test_the_self_test_passes_from_source(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    env.pop("QT_QPA_PLATFORM", None)  # the self-test chooses offscreen itself
    proc = subprocess.run(
        [sys.executable, "-m", "clinic_desktop", "--self-test"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    steps = [line for line in lines if line.startswith("ok ")]
    names = [re.match(r"^ok +\d+\.\d\d s  ([^:]+): ", line) for line in steps]
    assert [m.group(1) if m else None for m in names] == [name for name, _ in STEPS]
    assert lines[-1].startswith("self-test passed: ")
    # this machine is x86-64: SQLite's memory statistics are turned off, and the queries run on threads
    assert "worker threads (SQLite memory statistics off)" in "\n".join(steps)
    assert "确定/取消" in "\n".join(steps)
    assert proc.stderr == ""
    assert list(tmp_path.iterdir()) == []  # its temporary folder is gone


def test_a_failing_step_is_named_and_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: Context) -> str:
        raise StepFailed("simulated")

    monkeypatch.setattr(
        self_test, "STEPS", (("first", lambda ctx: "fine"), ("second", broken), ("third", broken))
    )
    lines: list[str] = []
    assert run_self_test(lines.append) == 1
    assert lines[1].startswith("ok ") and lines[2].startswith("FAIL ") and "second: simulated" in lines[2]
    assert lines[-1] == "self-test FAILED at step “second”"
    assert not any("third" in line for line in lines)
