"""SQLite's memory statistics are off in every process that imports the db layer before connecting, and
never switched under an open connection (clinic_desktop/db/sqlite_memory.py). Each case runs in a fresh
interpreter: the switch can happen once per process, before its first connection."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    platform.machine().lower() not in ("x86_64", "amd64"), reason="switched on x86-64 only"
)

_REPORT = """
import json
from clinic_desktop.db.sqlite_memory import _library, memory_statistics_off
lib = _library()
conn.execute("CREATE TABLE t (x TEXT)")
conn.executemany("INSERT INTO t VALUES (?)", [(str(i) * 20,) for i in range(2000)])
n = conn.execute("SELECT count(DISTINCT x) FROM t").fetchone()[0]
print(json.dumps({"off": memory_statistics_off(), "used": lib.sqlite3_memory_used(), "rows": n}))
"""


def _run(code: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_off_for_connections_made_after_the_import(tmp_path: Path) -> None:
    """A connection opened after ``import clinic_desktop.db`` holds memory the library no longer counts."""
    found = _run(
        f"import clinic_desktop.db, sqlite3\nconn = sqlite3.connect({str(tmp_path / 'a.db')!r})\n" + _REPORT
    )
    assert found == {"off": True, "used": 0, "rows": 2000}


def test_left_on_when_a_connection_is_already_open(tmp_path: Path) -> None:
    """Shutting the library down under an open connection would be undefined: it is left as it was, and
    the connection goes on working."""
    found = _run(
        f"import sqlite3\nconn = sqlite3.connect({str(tmp_path / 'a.db')!r})\nimport clinic_desktop.db\n"
        + _REPORT
    )
    assert found["off"] is False
    assert isinstance(found["used"], int) and found["used"] > 0
    assert found["rows"] == 2000
