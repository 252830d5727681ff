"""``erase PHONE --db PATH [--yes]`` (PRODUCT §8) and the owner password on the command line."""

from __future__ import annotations

import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from builders import add_patient, add_visit
from clinic_desktop.cli import main
from clinic_desktop.services.database import Database
from clinic_desktop.services.roles import enable_roles

PHONE = "13912345678"


def _clinic(db: Database) -> None:
    from datetime import date

    with db.sessions.begin() as session:
        me = add_patient(session, "欧阳娜娜", PHONE)
        add_visit(session, me, date(2026, 5, 20), 300, "洁牙")
        add_patient(session, "司马光", "13700000002", referred_by_id=me.id)


def _count(path: Path, sql: str) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_without_yes_it_only_says_what_would_go(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _clinic(db)
    assert main(["erase", "139-1234-5678", "--db", str(db.path)]) == 0
    out = capsys.readouterr().out
    assert "欧阳娜娜" in out and "消费 1" in out and "1 位患者的介绍人" in out and "--yes" in out
    assert _count(db.path, "SELECT COUNT(*) FROM patients") == 2
    assert _count(db.path, "SELECT COUNT(*) FROM audit_log WHERE action = 'erase'") == 0


def test_yes_erases_and_leaves_one_anonymous_audit_row(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _clinic(db)
    assert main(["erase", PHONE, "--db", str(db.path), "--yes", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["erased"] and out["removed"] == {"patients": 1, "visits": 1}
    assert out["links_cut"] == {"patients.referred_by_id": 1}
    assert _count(db.path, "SELECT COUNT(*) FROM patients") == 1
    with closing(sqlite3.connect(db.path)) as conn:
        user, detail = conn.execute("SELECT user, detail FROM audit_log WHERE action = 'erase'").fetchone()
    assert user == "owner" and json.loads(detail)["via"] == "cli"
    assert PHONE not in detail and "欧阳娜娜" not in detail
    # the second time there is nobody with that phone: exit 2, one line
    assert main(["erase", PHONE, "--db", str(db.path), "--yes"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "没有手机号为" in err


def test_roles_on_the_password_is_asked_and_checked(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _clinic(db)
    enable_roles(db, "secret-123")
    # a script without a terminal is refused, nothing erased
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["erase", PHONE, "--db", str(db.path), "--yes"]) == 2
    assert "终端" in capsys.readouterr().err
    tty = io.StringIO("")
    tty.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", tty)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "wrong")
    assert main(["export", str(db.path.with_name("all.xlsx")), "--db", str(db.path)]) == 2
    assert "密码不正确" in capsys.readouterr().err and not db.path.with_name("all.xlsx").exists()
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "secret-123")
    assert main(["erase", PHONE, "--db", str(db.path), "--yes"]) == 0
    with closing(sqlite3.connect(db.path)) as conn:
        actions = conn.execute("SELECT action, user FROM audit_log ORDER BY id").fetchall()
    assert actions[-4:] == [
        ("roles", "owner"),
        ("login failed", "staff"),
        ("login", "owner"),
        ("erase", "owner"),
    ]


def test_a_forgotten_password_is_reset_on_a_terminal_and_audited(
    db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from clinic_desktop.services.roles import unlock

    enable_roles(db, "forgotten-1")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["reset-password", "--db", str(db.path)]) == 2  # no terminal, no reset
    tty = io.StringIO("")
    tty.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", tty)
    answers = iter(["brand-new-2", "brand-new-2"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["reset-password", "--db", str(db.path)]) == 0
    assert unlock(db, "brand-new-2") and not unlock(db, "forgotten-1")
    with closing(sqlite3.connect(db.path)) as conn:
        detail = conn.execute(
            "SELECT detail FROM audit_log WHERE action = 'roles' ORDER BY id DESC"
        ).fetchone()[0]
    assert json.loads(detail) == {"password": "reset", "via": "cli"}


def test_restoring_an_older_backup_erases_her_again(
    db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``restore`` of a backup taken before the erase: she is in the file, and erased again on restore."""
    _clinic(db)
    assert main(["backup", "--db", str(db.path), "--out", str(tmp_path / "older.db")]) == 0
    assert main(["erase", PHONE, "--db", str(db.path), "--yes"]) == 0
    db.close()
    capsys.readouterr()
    assert main(["restore", str(tmp_path / "older.db"), "--db", str(db.path)]) == 0
    out = capsys.readouterr().out
    assert "恢复 2 位患者" in out and "1 位在备份之后被删除的患者，已再次删除" in out
    assert _count(db.path, f"SELECT COUNT(*) FROM patients WHERE phone = '{PHONE}'") == 0
    assert _count(db.path, "SELECT COUNT(*) FROM patients") == 1
    assert _count(db.path, "SELECT COUNT(*) FROM audit_log WHERE action = 'erase'") == 2
