"""Undo last import: the database is exactly as before the import; refusals are explained."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from builders import add_patient, add_visit
from clinic_desktop.db.models import Patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing.importer import (
    ImportRefused,
    inspect_file,
    last_import,
    run_import,
    undo_last_import,
)

# data_changes counts the updates and deletes an import and its undo make (it only ever grows)
_BOOKKEEPING = ("import_batches", "import_changes", "audit_log", "data_changes")


def _dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(db.path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1, 2').fetchall()
            for t in tables
            if t not in _BOOKKEEPING and not t.startswith("sqlite_") and t != "alembic_version"
        }


def _csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def clinic(db: Database) -> Database:
    with db.sessions.begin() as session:
        old = add_patient(session, "老客", "13900000000", address="老地址", source="美团")
        add_visit(session, old, date(2024, 1, 1), 198, "洁牙")
    return db


def test_undo_restores_the_database_exactly(clinic: Database, tmp_path: Path) -> None:
    before = _dump(clinic)
    path = _csv(
        tmp_path,
        "患者.csv",
        "姓名,手机,地址,标签,介绍人手机,项目,日期,金额\n"
        "老客,13900000000,新地址,老朋友,,新项目,2025-01-01,100\n"
        "新客,13800000001,,新标签,13900000000,洁牙,2025-02-01,198\n",
    )
    summary = run_import(clinic, inspect_file(path))
    assert (summary.created, summary.updated) == (2, 0)  # row 2 updates 老客 but also adds a visit
    assert _dump(clinic) != before
    info = last_import(clinic)
    assert (
        info is not None
        and info.can_undo
        and info.batch_id == summary.batch_id
        and info.file_name == "患者.csv"
    )

    result = undo_last_import(clinic)

    assert _dump(clinic) == before
    assert (
        result.removed["patients"] == 1 and result.removed["treatments"] == 1 and result.removed["tags"] == 2
    )
    assert result.restored == {"patients": 1}
    info = last_import(clinic)
    assert info is not None and info.undone and not info.can_undo
    with pytest.raises(ImportRefused, match="已经撤销"):
        undo_last_import(clinic)
    with closing(sqlite3.connect(clinic.path)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'import_undo'").fetchone()[0] == 1


def test_only_the_last_import_can_be_undone(clinic: Database, tmp_path: Path) -> None:
    first = _csv(tmp_path, "a.csv", "姓名,手机\n甲,13800000001\n")
    second = _csv(tmp_path, "b.csv", "姓名,手机\n乙,13800000002\n")
    run_import(clinic, inspect_file(first))
    after_first = _dump(clinic)
    run_import(clinic, inspect_file(second))
    undo_last_import(clinic)
    assert _dump(clinic) == after_first
    with pytest.raises(ImportRefused) as refused:
        undo_last_import(clinic)
    assert "只能撤销最近一次导入" in refused.value.zh and "only the last import" in refused.value.en
    assert _dump(clinic) == after_first


def test_undo_is_refused_when_records_were_added_to_imported_patients(
    clinic: Database, tmp_path: Path
) -> None:
    path = _csv(tmp_path, "a.csv", "姓名,手机\n新客,13800000001\n")
    run_import(clinic, inspect_file(path))
    with clinic.sessions.begin() as session:
        patient = session.scalars(select(Patient).where(Patient.phone == "13800000001")).one()
        add_visit(session, patient, date(2026, 1, 1), 300)
    before = _dump(clinic)
    info = last_import(clinic)
    assert info is not None and not info.can_undo and info.later_records == 1
    with pytest.raises(ImportRefused, match="1 条记录"):
        undo_last_import(clinic)
    assert _dump(clinic) == before


def test_nothing_to_undo(db: Database) -> None:
    assert last_import(db) is None
    with pytest.raises(ImportRefused, match="没有可撤销"):
        undo_last_import(db)


def test_undo_after_a_list_was_exported_and_outcomes_recorded_takes_them_along(
    clinic: Database, tmp_path: Path
) -> None:
    """Issue 12: undo stays possible after lists were built, exported and outcomes marked; the call-list
    rows of the imported patients and the contact-log rows recorded from them go with the import, and the
    confirmation can name them."""
    from clinic_desktop.services.calllists import build_list, load_saved, record_outcome, save_and_export
    from clinic_desktop.services.metrics import recompute

    as_of = date(2026, 11, 20)
    before = _dump(clinic)
    path = _csv(
        tmp_path,
        "a.csv",
        "姓名,手机,项目,日期,金额\n新客,13800000001,洁牙,2026-05-27,198\n新客二,13800000002,洁牙,2026-05-28,198\n",
    )
    run_import(clinic, inspect_file(path))
    recompute(clinic, as_of)
    built = build_list(clinic, "recall", as_of)
    assert sorted(r.phone for r in built.rows) == ["13800000001", "13800000002"]
    list_id = save_and_export(clinic, built, tmp_path / "recall.xlsx")
    saved = load_saved(clinic, list_id)
    record_outcome(clinic, saved.rows[0].row_id, "booked", note="下周二")

    info = last_import(clinic)
    assert info is not None and info.can_undo
    assert (info.call_list_rows, info.call_lists, info.list_contacts) == (2, 1, 1)
    assert info.goes_with() == "回访名单中的 2 行（1 份名单）及据此记录的 1 条联系记录"
    assert "2 call-list rows" in info.goes_with("en")

    result = undo_last_import(clinic)

    assert result.removed["call_list_rows"] == 2 and result.removed["contacts"] == 1
    assert result.removed["call_lists"] == 1
    after = _dump(clinic)
    assert _recorded(after) == _recorded(before)


def _recorded(dump: dict[str, list[tuple[object, ...]]]) -> dict[str, list[tuple[object, ...]]]:
    """What was recorded, without what the recompute derives: the metrics, their settings and the
    rule-derived tags (PRODUCT §4.1: tags rows with a rule and their patients)."""
    derived = {r[0] for r in dump["tags"] if r[-1] is not None}
    out = {t: rows for t, rows in dump.items() if t not in ("patient_metrics", "settings")}
    out["tags"] = [r for r in dump["tags"] if r[0] not in derived]
    out["patient_tags"] = [r for r in dump["patient_tags"] if r[1] not in derived]
    return out


def test_a_contact_typed_by_hand_still_refuses_the_undo_and_says_what(
    clinic: Database, tmp_path: Path
) -> None:
    from datetime import datetime

    from builders import add_contact

    path = _csv(tmp_path, "a.csv", "姓名,手机\n新客,13800000001\n")
    run_import(clinic, inspect_file(path))
    with clinic.sessions.begin() as session:
        patient = session.scalars(select(Patient).where(Patient.phone == "13800000001")).one()
        add_contact(session, patient, datetime(2026, 11, 21, 10, 0), "recall")
        add_visit(session, patient, date(2026, 11, 21), 300)
    info = last_import(clinic)
    assert info is not None and not info.can_undo and info.later_records == 2
    assert "联系记录 1 条" in info.reason_zh and "消费 1 条" in info.reason_zh
    assert "1 contacts" in info.reason_en
    with pytest.raises(ImportRefused, match="手工新增了 2 条记录"):
        undo_last_import(clinic)
