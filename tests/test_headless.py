"""Headless commands never import Qt (they must work on a machine without a display)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
from clinic_desktop.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "qt": sorted(m for m in sys.modules if m.startswith("PySide6"))}), file=sys.stderr)
"""


def _run(*args: str) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=300)
    return json.loads(proc.stderr.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("headless") / "d.db"
    result = _run("demo", "--db", str(path), "--patients", "150", "--seed", "3", "--as-of", "2026-06-30")
    assert result == {"code": 0, "qt": []}
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("recompute", "--as-of", "2026-06-30"),
        ("report", "--json", "--as-of", "2026-06-30"),
        ("report",),
    ],
)
def test_headless_commands_do_not_import_qt(demo_db: Path, args: tuple[str, ...]) -> None:
    assert _run(args[0], "--db", str(demo_db), *args[1:]) == {"code": 0, "qt": []}


def test_patient_command_does_not_import_qt(demo_db: Path) -> None:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(demo_db)) as conn:
        phone = conn.execute("SELECT phone FROM patients WHERE phone IS NOT NULL LIMIT 1").fetchone()[0]
    assert _run("patient", phone, "--db", str(demo_db), "--json") == {"code": 0, "qt": []}


def test_the_probe_would_see_qt() -> None:
    """Guard against a probe that can never fail: importing the GUI module does load PySide6."""
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, clinic_desktop.ui.app; print(any(m.startswith('PySide6') for m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.stdout.strip() == "True"
