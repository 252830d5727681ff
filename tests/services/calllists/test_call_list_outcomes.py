"""Round trip of the printed call list: build → save → export → fill in by hand → import outcomes."""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from builders import add_patient, add_survey, add_visit
from clinic_desktop.db.models import AuditLog, CallList, Contact, Patient
from clinic_desktop.io.calllist_xlsx import COLUMNS, KEY_HEADER, CallListFileError
from clinic_desktop.services.calllists import CallListError, build_list, save_list
from clinic_desktop.services.calllists import outcomes as call_list_outcomes
from clinic_desktop.services.calllists.export import export_list
from clinic_desktop.services.calllists.outcomes import import_outcomes
from clinic_desktop.services.database import Database

AS_OF = date(2026, 11, 20)
CALLED = datetime(2026, 11, 20, 16, 30)
HOSTILE = '=HYPERLINK("http://x","y")'
HEADERS = [h for h, _ in COLUMNS]
RESULT, NOTE, NAME = (HEADERS.index(h) + 1 for h in ("结果", "备注", "姓名"))


def _clinic(db: Database) -> None:
    """Five patients with a recent 1-star survey: all on the service-recovery list."""
    with db.sessions.begin() as s:
        for i, name in enumerate(["王一", "李二", "张三", "赵四", HOSTILE]):
            p = add_patient(s, name, f"1381234000{i}", gender="F")
            add_visit(s, p, date(2026, 6, 1), 300)
            add_survey(s, p, date(2026, 11, 10), 1)


def _exported(db: Database, tmp_path: Path, **kwargs: object) -> tuple[int, Path]:
    _clinic(db)
    built = build_list(db, "recovery", AS_OF)
    assert len(built.rows) == 5
    list_id = save_list(db, built)
    return list_id, export_list(db, list_id, tmp_path / "名单.xlsx", **kwargs)  # type: ignore[arg-type]


def _sheet_rows(ws: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, int]:
    """name → sheet row."""
    return {ws.cell(r, NAME).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, NAME).value}


def _fill(path: Path, outcomes: dict[str, tuple[str | None, str | None]], *, reverse: bool = False,
          delete: str | None = None) -> None:  # fmt: skip
    wb = openpyxl.load_workbook(path)
    ws = wb["回访名单"]
    rows = _sheet_rows(ws)
    by_name = {n: n for n in rows} | {"'" + HOSTILE: HOSTILE}
    for stored, r in rows.items():
        outcome, note = outcomes.get(by_name.get(stored, stored), (None, None))
        ws.cell(r, RESULT).value, ws.cell(r, NOTE).value = outcome, note
    if reverse:  # the receptionist sorts the sheet upside down
        values = [[ws.cell(r, c).value for c in range(1, 14)] for r in range(4, ws.max_row + 1)]
        for r, row in enumerate(reversed(values), start=4):
            for c, v in enumerate(row, start=1):
                ws.cell(r, c).value = v
    if delete is not None:
        ws.delete_rows(_sheet_rows(ws)[delete])
    wb.save(path)


def _contacts(db: Database) -> dict[str, Contact]:
    with db.sessions() as s:
        rows = s.execute(select(Patient.name, Contact).join(Contact, Contact.patient_id == Patient.id)).all()
        return {name: contact for name, contact in rows}


def test_round_trip(db: Database, tmp_path: Path) -> None:
    list_id, path = _exported(db, tmp_path)
    with zipfile.ZipFile(path) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()
    with db.sessions() as s:
        assert s.get(CallList, list_id).exported_path == str(path.resolve())
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "export")).one()
        assert json.loads(audit.detail)["rows"] == 5

    _fill(
        path,
        {
            "王一": ("接通", "约了下周二"),
            "李二": ("勿扰", None),
            "张三": ("未接", None),
            HOSTILE: ("已预约", None),
        },
        reverse=True,
        delete="赵四",
    )
    summary = import_outcomes(db, path, when=CALLED)
    assert summary.to_json() == {"rows": 4, "recorded": 4, "errors": [], "blank": 0, "do_not_contact": 1}

    contacts = _contacts(db)
    assert {n: c.outcome for n, c in contacts.items()} == {
        "王一": "reached",
        "李二": "do_not_contact",
        "张三": "no_answer",
        HOSTILE: "booked",
    }
    first = contacts["王一"]
    assert (first.channel, first.purpose, first.note, first.contacted_at) == (
        "phone",
        "recovery",
        "约了下周二",
        CALLED,
    )
    assert first.call_list_row_id is not None
    with db.sessions() as s:
        flags = dict(s.execute(select(Patient.name, Patient.do_not_contact)).all())
    assert flags == {"王一": False, "李二": True, "张三": False, "赵四": False, HOSTILE: False}

    # the next list of the same kind leaves the called patients out, each for its reason
    nxt = build_list(db, "recovery", date(2026, 11, 25))
    assert [r.name for r in nxt.rows] == ["赵四"]
    assert {e.name: e.rule for e in nxt.excluded} == {
        "王一": "frequency_cap",
        "李二": "do_not_contact",
        "张三": "frequency_cap",
        HOSTILE: "frequency_cap",
    }


def test_importing_the_same_file_twice_records_once(db: Database, tmp_path: Path) -> None:
    _, path = _exported(db, tmp_path)
    _fill(path, {"王一": ("接通", None), "李二": ("未接", None)})
    assert import_outcomes(db, path, when=CALLED).recorded == 2
    again = import_outcomes(db, path, when=CALLED)
    assert (again.rows, again.recorded, again.blank) == (5, 0, 3)
    assert [e["code"] for e in again.errors] == ["already_recorded"] * 2
    assert all("已导入" in e["reason"] for e in again.errors)
    assert len(_contacts(db)) == 2
    # a re-export shows the recorded outcomes, and importing it records nothing new either
    export_list(db, 1, path)
    ws = openpyxl.load_workbook(path)["回访名单"]
    assert {ws.cell(r, NAME).value: ws.cell(r, RESULT).value for r in range(4, 9)}["王一"] == "接通"
    assert import_outcomes(db, path, when=CALLED).recorded == 0


def test_row_problems_are_reported_and_the_rest_recorded(db: Database, tmp_path: Path) -> None:
    _, path = _exported(db, tmp_path)
    _fill(
        path,
        {
            "王一": ("接通", None),
            "李二": ("打通了", None),
            "张三": ("拒绝", None),
            "赵四": (None, "明天再打"),
        },
    )
    wb = openpyxl.load_workbook(path)
    ws = wb["回访名单"]
    rows = _sheet_rows(ws)
    key_col = 1 + [ws.cell(3, c).value for c in range(1, 14)].index(KEY_HEADER)
    ws.cell(rows["张三"], key_col).value = "tampered"
    ws.append([None] * (RESULT - 1) + ["接通"])  # a row added by hand: no key
    copy_row = [ws.cell(rows["王一"], c).value for c in range(1, 14)]
    ws.append(copy_row)  # a copied row
    wb.save(path)

    summary = import_outcomes(db, path, when=CALLED)
    codes = {e["row"]: e["code"] for e in summary.errors}
    assert codes == {
        rows["李二"]: "unknown_outcome",
        rows["张三"]: "unknown_key",
        rows["赵四"]: "note_without_outcome",
        9: "missing_key",
        10: "duplicate_key",
    }
    assert summary.recorded == 1 and set(_contacts(db)) == {"王一"}
    unknown = next(e for e in summary.errors if e["code"] == "unknown_outcome")
    assert "打通了" in unknown["reason"] and "接通" in unknown["reason"] and unknown["reason_en"]


def test_not_a_call_list_is_rejected_with_nothing_written(db: Database, tmp_path: Path) -> None:
    _clinic(db)
    other = tmp_path / "患者.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "电话", "结果"])
    wb.active.append(["王一", "13812340000", "接通"])
    wb.save(other)
    with pytest.raises(CallListFileError) as err:
        import_outcomes(db, other)
    assert err.value.zh and err.value.en
    with db.sessions() as s:
        assert s.scalars(select(Contact)).all() == []
        assert s.scalars(select(AuditLog).where(AuditLog.action == "outcomes import")).all() == []


def test_a_failure_half_way_records_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, path = _exported(db, tmp_path)
    _fill(path, {"王一": ("接通", None), "李二": ("勿扰", None)})

    def boom(*_: object) -> int:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(call_list_outcomes, "_flag_do_not_contact", boom)
    with pytest.raises(RuntimeError):
        import_outcomes(db, path, when=CALLED)
    assert _contacts(db) == {}


def test_default_call_time_is_never_before_the_list_day(db: Database, tmp_path: Path) -> None:
    _clinic(db)
    future = date(2099, 1, 1)
    list_id = save_list(db, build_list(db, "recovery", AS_OF))
    with db.sessions.begin() as s:
        s.get(CallList, list_id).as_of = future
    path = export_list(db, list_id, tmp_path / "a.xlsx")
    _fill(path, {"王一": ("接通", None)})
    import_outcomes(db, path)
    assert _contacts(db)["王一"].contacted_at.date() == future


def test_export_refuses_bad_targets(db: Database, tmp_path: Path) -> None:
    list_id, _ = _exported(db, tmp_path)
    with pytest.raises(CallListError, match="xlsx"):
        export_list(db, list_id, tmp_path / "list.csv")
    with pytest.raises(CallListError, match="不存在"):
        export_list(db, list_id, tmp_path / "missing" / "list.xlsx")
    with pytest.raises(CallListError):
        export_list(db, 999, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_export_masks_phones_on_request(db: Database, tmp_path: Path) -> None:
    list_id, _ = _exported(db, tmp_path)
    path = export_list(db, list_id, tmp_path / "masked.xlsx", mask_phone=True)
    ws = openpyxl.load_workbook(path)["回访名单"]
    assert {ws.cell(r, 3).value for r in range(4, 9)} == {f"138****000{i}" for i in range(5)}
