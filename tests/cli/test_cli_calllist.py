"""`calllist` and `outcomes` (PRODUCT §8): JSON keys, the exported file, exit 2 with nothing written."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from clinic_desktop.cli import CALLLIST_KINDS, main
from clinic_desktop.io.calllist_reader import read_outcomes
from clinic_desktop.io.calllist_xlsx import COLUMNS
from clinic_desktop.services.database import open_database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.metrics import recompute

AS_OF = "2026-06-30"
RULES = {"do_not_contact", "no_consent", "booked", "frequency_cap", "at_risk", "no_phone"}
RESULT = 1 + [h for h, _ in COLUMNS].index("结果")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    db = open_database(path)
    try:
        generate_demo(db, patients=400, seed=3, as_of=date(2026, 6, 30))
        recompute(db, date(2026, 6, 30))
    finally:
        db.close()
    return path


def _lists(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM call_lists").fetchone()[0])


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("kind", CALLLIST_KINDS)
def test_calllist_json_and_file(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    out = tmp_path / f"{kind}.xlsx"
    code, stdout, err = _run(
        capsys, "calllist", kind, "--db", str(demo_db), "--out", str(out), "--as-of", AS_OF, "--json"
    )
    assert (code, err) == (0, "")
    data = json.loads(stdout)
    assert data["kind"] == kind
    assert set(data["excluded"]) == RULES
    assert data["rows"] == len(data["phones"])
    assert all(len(p) == 11 and p.isdigit() for p in data["phones"])
    filled = read_outcomes(out)
    assert len(filled.rows) == data["rows"] and filled.list_id == data["list_id"] and filled.kind == kind


def test_calllist_text_summary_and_masking(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.xlsx"
    code, stdout, _ = _run(
        capsys, "calllist", "reactivation", "--db", str(demo_db), "--out", str(out), "--as-of", AS_OF
    )
    assert code == 0
    assert "「沉睡唤醒」回访名单" in stdout and "按联系规则未列入" in stdout and "未同意营销" in stdout
    code, stdout, _ = _run(
        capsys, "calllist", "reactivation", "--db", str(demo_db), "--out", str(out), "--as-of", AS_OF,
        "--json", "--mask-phone",
    )  # fmt: skip
    phones = json.loads(stdout)["phones"]
    assert phones and all("****" in p for p in phones)
    ws = openpyxl.load_workbook(out)["回访名单"]
    assert "****" in ws.cell(4, 3).value


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--as-of", "2026-02-30"], "--as-of"),
        (["--out", "{tmp}/list.csv"], ".xlsx"),
        (["--out", "{tmp}/missing/list.xlsx"], "文件夹不存在"),
    ],
)
def test_bad_input_exits_2_with_nothing_written(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = _lists(demo_db)
    args = [
        "calllist",
        "recall",
        "--db",
        str(demo_db),
        "--out",
        str(tmp_path / "list.xlsx"),
        "--as-of",
        AS_OF,
    ]
    args += [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, stdout, err = _run(capsys, *args)
    assert code == 2 and message in err and err.count("\n") == 1 and stdout == ""
    assert _lists(demo_db) == before
    assert list(tmp_path.iterdir()) == []


def test_bad_kind_and_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["calllist", "campaign", "--db", str(tmp_path / "x.db"), "--out", str(tmp_path / "a.xlsx")])
    assert exit_info.value.code == 2 and capsys.readouterr().err.count("\n") == 1
    code, _, err = _run(
        capsys, "calllist", "recall", "--db", str(tmp_path / "x.db"), "--out", str(tmp_path / "a.xlsx")
    )
    assert code == 2 and "找不到数据库文件" in err
    assert list(tmp_path.iterdir()) == []


def test_outcomes_round_trip(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "recall.xlsx"
    code, stdout, _ = _run(
        capsys, "calllist", "recall", "--db", str(demo_db), "--out", str(out), "--as-of", AS_OF, "--json"
    )
    rows = json.loads(stdout)["rows"]
    assert code == 0 and rows >= 3
    wb = openpyxl.load_workbook(out)
    ws = wb["回访名单"]
    ws.cell(4, RESULT).value, ws.cell(5, RESULT).value, ws.cell(6, RESULT).value = "接通", "勿扰", "好的"
    wb.save(out)
    code, stdout, err = _run(capsys, "outcomes", str(out), "--db", str(demo_db), "--json")
    assert (code, err) == (0, "")
    data = json.loads(stdout)
    assert data["recorded"] == 2 and data["rows"] == rows
    assert [e["code"] for e in data["errors"]] == ["unknown_outcome"]
    code, stdout, _ = _run(capsys, "outcomes", str(out), "--db", str(demo_db))
    assert code == 0 and "记录 0 条回访结果" in stdout and "已导入" in stdout


def test_outcomes_rejects_a_file_that_is_not_a_list(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "x.xlsx"
    openpyxl.Workbook().save(other)
    with sqlite3.connect(demo_db) as conn:
        before = conn.execute("SELECT COUNT(*) FROM contacts").fetchone()[0]
    code, stdout, err = _run(capsys, "outcomes", str(other), "--db", str(demo_db))
    assert code == 2 and "不是本软件导出的回访名单" in err and err.count("\n") == 1 and stdout == ""
    with sqlite3.connect(demo_db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM contacts").fetchone()[0] == before


def test_calllist_never_imports_qt(demo_db: Path, tmp_path: Path) -> None:
    script = (
        "import sys\nfrom clinic_desktop.cli import main\n"
        f"code = main(['calllist', 'birthday', '--db', {str(demo_db)!r}, '--out', {str(tmp_path / 'b.xlsx')!r},"
        f" '--as-of', {AS_OF!r}])\n"
        "assert code == 0, code\nassert not any(m.startswith('PySide6') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, timeout=120)
