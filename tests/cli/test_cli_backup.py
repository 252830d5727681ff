"""``backup`` and ``restore`` on the command line: a copy that restores, a bad file that changes nothing."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from clinic_desktop.cli import main


def _names(path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM patients ORDER BY id")]


def _audit(path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [r[0] for r in conn.execute("SELECT action FROM audit_log ORDER BY id")]


def test_backup_then_restore_brings_the_data_back(tmp_path, capsys):
    db = tmp_path / "clinic.db"
    assert main(["demo", "--db", str(db), "--patients", "30", "--seed", "3", "--as-of", "2026-06-30"]) == 0
    before = _names(db)
    copy = tmp_path / "monday.db"
    assert main(["backup", "--db", str(db), "--out", str(copy)]) == 0
    assert "已备份 30 位患者" in capsys.readouterr().out
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("DELETE FROM patients")
        conn.commit()
    assert main(["restore", str(copy), "--db", str(db), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "恢复 30 位患者" in out and "另存为" in out
    assert _names(db) == before
    assert _audit(db)[-1] == "restore"


def test_restore_of_a_bad_file_exits_2_and_changes_nothing(tmp_path, capsys):
    db = tmp_path / "clinic.db"
    assert main(["demo", "--db", str(db), "--patients", "10", "--seed", "3", "--as-of", "2026-06-30"]) == 0
    before = db.read_bytes()
    bad = tmp_path / "photo.db"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    capsys.readouterr()
    assert main(["restore", str(bad), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "不是私域助手的数据库" in err
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("*before-restore*"))


def test_backup_refuses_to_overwrite(tmp_path, capsys):
    db = tmp_path / "clinic.db"
    assert main(["demo", "--db", str(db), "--patients", "5", "--seed", "3", "--as-of", "2026-06-30"]) == 0
    out = tmp_path / "exists.db"
    out.write_text("mine")
    assert main(["backup", "--db", str(db), "--out", str(out)]) == 2
    assert out.read_text() == "mine"
