"""The command-line contract of PRODUCT §8: exit codes, one-line reasons, nothing written on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinic_desktop import __version__
from clinic_desktop.cli import main
from clinic_desktop.services.database import Database


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"clinic-desktop {__version__}"


@pytest.mark.parametrize("command", ["report", "recompute", "patient 13800000000"])
def test_missing_database_is_bad_input_and_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = tmp_path / "nope.db"
    code = main([*command.split(), "--db", str(path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "找不到数据库文件" in err and err.count("\n") == 1
    assert not path.exists()


@pytest.mark.parametrize("as_of", ["2026-13-01", "yesterday", "2026/11/22", "2024-W05-1"])
def test_bad_as_of_is_bad_input(db: Database, capsys: pytest.CaptureFixture[str], as_of: str) -> None:
    assert main(["report", "--db", str(db.path), "--as-of", as_of]) == 2
    assert "--as-of" in capsys.readouterr().err


def test_unknown_and_invalid_phone(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["patient", "13800000000", "--db", str(db.path), "--json"]) == 2
    assert "没有手机号为 13800000000 的患者" in capsys.readouterr().err
    assert main(["patient", "0755-1234567", "--db", str(db.path)]) == 2
    assert "不是有效的手机号" in capsys.readouterr().err


def test_unknown_command_and_option_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--bogus"])
    assert exit_info.value.code == 2


def test_not_a_database_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(b"\x00garbage" * 1000)
    before = path.read_bytes()
    assert main(["report", "--db", str(path)]) == 2
    assert path.read_bytes() == before


def test_empty_database_report(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", str(db.path), "--json", "--as-of", "2026-11-22"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["patients"] == 0
    assert set(data) >= {"as_of", "patients", "stages", "tiers", "funnel", "top20_revenue_share"}
    assert data["funnel"][0] == {"stage": "stranger", "reached": 0, "conversion": None}


def test_unexpected_error_is_exit_1(
    db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from clinic_desktop.services import report

    def boom(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(report, "report", boom)
    assert main(["report", "--db", str(db.path)]) == 1
    assert "disk on fire" in capsys.readouterr().err
