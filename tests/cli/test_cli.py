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


def test_demo_then_report_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's acceptance run: demo 2,000 patients with seed 1, then ``report --json``."""
    path = tmp_path / "d.db"
    assert (
        main(["demo", "--db", str(path), "--patients", "2000", "--seed", "1", "--as-of", "2026-11-22"]) == 0
    )
    capsys.readouterr()
    assert main(["report", "--db", str(path), "--json", "--as-of", "2026-11-22"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2026-11-22"
    assert list(data["stages"]) == ["stranger", "potential", "intent", "customer", "repeat", "vip"]
    assert list(data["tiers"]) == ["A", "B", "C", "D", "none"]
    assert sum(data["stages"].values()) == data["patients"] == sum(data["tiers"].values())
    assert all(n > 0 for n in data["stages"].values()), data["stages"]
    assert all(n > 0 for n in data["tiers"].values()), data["tiers"]
    assert [step["stage"] for step in data["funnel"]] == list(data["stages"])
    assert data["funnel"][0]["conversion"] is None
    for previous, step in zip(data["funnel"], data["funnel"][1:], strict=False):
        assert step["reached"] <= previous["reached"]
        assert step["conversion"] == round(step["reached"] / previous["reached"], 4)
    assert 0 < data["top20_revenue_share"] < 1


def test_demo_refuses_a_database_with_patients(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d.db"
    assert main(["demo", "--db", str(path), "--patients", "50", "--as-of", "2026-11-22"]) == 0
    size = path.stat().st_size
    assert main(["demo", "--db", str(path), "--patients", "50"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert path.stat().st_size == size


@pytest.mark.parametrize("n", ["0", "-5", "2000000"])
def test_demo_patient_count_is_checked_before_anything_is_written(tmp_path: Path, n: str) -> None:
    path = tmp_path / "d.db"
    assert main(["demo", "--db", str(path), "--patients", n]) == 2
    assert not path.exists()
