"""``check`` (PRODUCT §8) and the promise that a zero-byte, damaged or foreign file is never replaced by a
new empty clinic: exit 2, one line, nothing written."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from builders import break_foreign_keys, corrupt_table_page
from clinic_desktop.cli import main


def _demo(tmp_path: Path, patients: int = 20) -> Path:
    db = tmp_path / "clinic.db"
    assert (
        main(["demo", "--db", str(db), "--patients", str(patients), "--seed", "3", "--as-of", "2026-06-30"])
        == 0
    )
    return db


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_healthy_database_checks_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _demo(tmp_path)
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "数据库完好：20 位患者" in out and "没有可用的备份" in out
    assert main(["backup", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["check", "--db", str(db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and data["status"] == "ok" and data["integrity"] == ["ok"]
    assert data["foreign_key_violations"] == 0 and data["patients"] == 20
    assert data["newest_good_backup"]["patients"] == 20


def test_a_damaged_page_exits_2_naming_the_problem_and_the_newest_good_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _demo(tmp_path)
    assert main(["backup", "--db", str(db)]) == 0
    corrupt_table_page(db, "visits")
    capsys.readouterr()
    before = _snapshot(tmp_path)
    assert main(["check", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "已损坏" in err and "最新的完好备份" in err and "backups/clinic-" in err
    assert _snapshot(tmp_path) == before  # checking writes nothing


def test_a_damaged_database_is_not_backed_up(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _demo(tmp_path)
    corrupt_table_page(db, "visits")
    capsys.readouterr()
    assert main(["backup", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "已损坏" in err and "未备份" in err
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())
    assert main(["backup", "--db", str(db), "--out", str(tmp_path / "copy.db")]) == 2
    assert not (tmp_path / "copy.db").exists()
    assert not [p for p in tmp_path.rglob("*") if ".partial" in p.name]


def test_broken_foreign_keys_are_damage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _demo(tmp_path)
    violations = break_foreign_keys(db, patients=3)
    capsys.readouterr()
    assert main(["check", "--db", str(db), "--json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "foreign_keys" and data["foreign_key_violations"] == violations


@pytest.mark.parametrize(
    ("content", "says"),
    [(b"", "空文件（0 字节）"), (b"\x89PNG\r\n\x1a\n" + b"0" * 200, "不是 SQLite 文件")],
)
@pytest.mark.parametrize(
    "command",
    [
        ["report"],
        ["recompute"],
        ["demo", "--patients", "5"],
        ["export", "OUT.xlsx"],
        ["calllist", "recall", "--out", "OUT.xlsx"],
        ["backup"],
        ["check"],
    ],
)
def test_an_empty_or_foreign_file_is_never_made_into_a_new_clinic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, says: str, command: list[str]
) -> None:
    db = tmp_path / "clinic.db"
    db.write_bytes(content)
    args = [a.replace("OUT.xlsx", str(tmp_path / "out.xlsx")) for a in command]
    assert main([*args, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.db"]  # nothing written, nothing beside it
    assert db.read_bytes() == content


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "notes.db"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
    before = db.read_bytes()
    assert main(["report", "--db", str(db)]) == 2
    assert main(["check", "--db", str(db)]) == 2
    assert "不是私域助手的数据库" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_restore_refuses_an_empty_backup_over_patients_unless_confirmed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _demo(tmp_path)
    empty = tmp_path / "empty.db"
    assert main(["demo", "--db", str(empty), "--patients", "1", "--seed", "1", "--as-of", "2026-06-30"]) == 0
    with closing(sqlite3.connect(empty)) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("DELETE FROM patients")
        conn.commit()
    capsys.readouterr()
    assert main(["restore", str(empty), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "没有患者" in err and "--yes" in err
    assert main(["restore", str(empty), "--db", str(db), "--yes"]) == 0
    assert "另存为" in capsys.readouterr().out
