"""`clinic-desktop import … | head -1`: a reader that goes away never turns a committed import into a
traceback or a failure (issue 14). Real pipes, real child processes: Python's own flush at exit is part
of what is tested."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

ROWS = 400


def _csv(tmp_path: Path, bad: bool = True) -> Path:
    """Patients, and (with *bad*) three times as many with unusable phones — they go in too, each with a
    note (a row is a patient, PRODUCT §7): the JSON lists every note, well over the 64 KB a pipe holds, so
    the write fails inside print() and not only at the final flush."""
    path = tmp_path / "patients.csv"
    lines = ["姓名,手机"]
    lines += [f"患者{i},138{i:08d}" for i in range(ROWS)]
    if bad:
        lines += [f"坏号{i},12{i}" for i in range(ROWS * 3)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _patients(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM patients").fetchone()[0])


def _run_with_closed_reader(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run the command with stdout a pipe whose reading end is already closed (the harshest `head`)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "clinic_desktop", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize("as_json", [False, True])
def test_closed_pipe_after_a_committed_import_exits_0_quietly(tmp_path: Path, as_json: bool) -> None:
    db = tmp_path / "clinic.db"
    args = ["import", str(_csv(tmp_path)), "--db", str(db)] + (["--json"] if as_json else [])
    result = _run_with_closed_reader(args)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""  # no traceback, no "Exception ignored … BrokenPipeError"
    assert _patients(db) == ROWS * 4  # the import committed, and exit 0 says so


def test_closed_pipe_on_a_refused_file_still_says_why(tmp_path: Path) -> None:
    db = tmp_path / "clinic.db"
    bad = tmp_path / "page.xls"
    bad.write_bytes(b"<!-- saved by a hospital system -->\n<html><body><table></table></body></html>")
    result = _run_with_closed_reader(["import", str(bad), "--db", str(db)])
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and "网页" in lines[0] and "web page" in lines[0]
    assert not db.exists()


def test_head_minus_one_in_a_shell_pipeline(tmp_path: Path) -> None:
    """The literal form from the issue, with pipefail so the shell reports our exit status."""
    db = tmp_path / "clinic.db"
    command = (
        f"set -o pipefail; {sys.executable} -m clinic_desktop import {_csv(tmp_path)} --db {db} --json"
        " | head -1"
    )
    result = subprocess.run(["bash", "-c", command], capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip() == "{"
    assert result.stderr == b""
    assert _patients(db) == ROWS * 4


def test_a_refusal_is_one_line_even_for_a_name_with_a_line_break(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from clinic_desktop.cli import main

    odd = tmp_path / "two\nlines.csv"
    odd.write_bytes(b"\x00\x01binary")
    assert main(["import", str(odd), "--db", str(tmp_path / "c.db")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "二进制文件" in err
