"""`import` and `export` on the command line (PRODUCT §8): exit codes, JSON, nothing written on a bad file."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from builders import add_patient
from clinic_desktop.cli import main
from clinic_desktop.services.database import Database


def _digest(db: Database) -> tuple[str, dict[str, int]]:
    """The database file's bytes (after a checkpoint) and every table's row count."""
    with closing(sqlite3.connect(db.path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        counts = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    return hashlib.sha256(db.path.read_bytes()).hexdigest(), counts


@pytest.fixture
def clinic(db: Database) -> Database:
    with db.sessions.begin() as session:
        add_patient(session, "老客", "13900000000")
    db.close()
    return db


def test_import_json_and_metrics(
    clinic: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        "姓名,手机,项目,日期,金额\n新客,13800000001,洁牙,2025-01-02,198\n坏,123,洁牙,2025-01-02,198\n",
        encoding="utf-8",
    )
    assert main(["import", str(path), "--db", str(clinic.path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {k: data[k] for k in ("rows", "created", "updated", "skipped", "as_is", "noted")} == {
        "rows": 2,
        "created": 2,
        "updated": 0,
        "skipped": 0,
        "as_is": 1,
        "noted": 1,
    }
    reason = data["errors"][0]["reason"]
    assert data["errors"] == [{"sheet": "p", "row": 3, "reason": reason, "level": "noted"}]
    assert "123" in reason
    with closing(sqlite3.connect(clinic.path)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM patient_metrics").fetchone()[0] == 3
        stored = conn.execute("SELECT value FROM settings WHERE key = 'metrics_as_of'").fetchone()[0]
    assert json.loads(stored) == date.today().isoformat()


def test_dry_run_writes_nothing(clinic: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.csv"
    path.write_text("姓名,手机\n新客,13800000001\n", encoding="utf-8")
    before = _digest(clinic)
    assert main(["import", str(path), "--db", str(clinic.path), "--dry-run"]) == 0
    assert "试运行" in capsys.readouterr().out
    assert _digest(clinic) == before
    missing = tmp_path / "new.db"
    assert main(["import", str(path), "--db", str(missing), "--dry-run"]) == 0
    assert not missing.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4),
        ("empty.csv", b""),
        ("unknown.csv", "甲,乙\n1,2\n".encode()),
        ("allbad.csv", "姓名,手机,备注\n,,只有备注\n合计,,\n".encode()),
    ],
)
def test_bad_file_exits_2_and_writes_nothing(
    clinic: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = _digest(clinic)
    assert main(["import", str(path), "--db", str(clinic.path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert _digest(clinic) == before
    fresh = tmp_path / "fresh.db"
    assert main(["import", str(path), "--db", str(fresh)]) == 2
    assert not fresh.exists()


def test_all_rows_bad_names_the_first_problem(
    clinic: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.csv"
    path.write_text("姓名,手机,备注\n,,只有备注\n", encoding="utf-8")
    assert main(["import", str(path), "--db", str(clinic.path)]) == 2
    err = capsys.readouterr().err
    assert "全部 1 行都无法导入" in err and "既没有姓名也没有电话" in err


def test_reimport_is_not_an_error(
    clinic: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.csv"
    path.write_text("姓名,手机,日期,项目,金额\n老客,13900000000,2025-01-02,洁牙,198\n", encoding="utf-8")
    assert main(["import", str(path), "--db", str(clinic.path)]) == 0
    capsys.readouterr()
    assert main(["import", str(path), "--db", str(clinic.path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["created"], data["skipped"]) == (0, 1)


def test_export_then_import_roundtrip(
    clinic: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "clinic.xlsx"
    assert main(["export", str(out), "--db", str(clinic.path)]) == 0
    assert "已导出" in capsys.readouterr().out and out.exists()
    target = tmp_path / "copy.db"
    assert main(["import", str(out), "--db", str(target), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["created"] >= 1
    with closing(sqlite3.connect(target)) as conn:
        assert conn.execute("SELECT name, phone FROM patients").fetchall() == [("老客", "13900000000")]


def test_export_bad_target(clinic: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "x.csv"), "--db", str(clinic.path)]) == 2
    assert ".xlsx" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "x.xlsx"), "--db", str(tmp_path / "missing.db")]) == 2
    assert not (tmp_path / "missing.db").exists()


def test_problems_file_and_the_three_counts(
    clinic: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "p.csv"
    path.write_text("姓名,手机,出生日期\n新客,13800000001,1985.3\n坏,123,\n合计,,\n", encoding="utf-8")
    problems = tmp_path / "问题行.xlsx"
    args = ["import", str(path), "--db", str(clinic.path), "--problems", str(problems)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "共 3 行 = 照常导入 1 + 带提示导入 1 + 跳过 1" in out and "问题行 2 行已存为" in out
    rows = list(load_workbook(problems)["p"].iter_rows(values_only=True))
    assert [r[0] for r in rows] == ["姓名", "坏", "合计"]
    assert main([*args[:4], "--json", "--dry-run", "--problems", str(tmp_path / "x.csv")]) == 2
