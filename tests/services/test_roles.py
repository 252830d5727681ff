"""Roles in the services: off by default; once the owner sets a password the app starts as staff and the
dangerous use-cases refuse staff in the service itself, whatever the screen shows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from clinic_desktop.core.access import AccessDenied, AccessOptions, Role
from clinic_desktop.db.models import AuditLog, Setting
from clinic_desktop.services import calllists as cl
from clinic_desktop.services import clinic_settings as cs
from clinic_desktop.services.audit import AuditFilter, export_audit, list_audit
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.importing import export_workbook
from clinic_desktop.services.privacy import erase_patient, export_patient_data, plan_erase
from clinic_desktop.services.roles import (
    RolesError,
    change_password,
    disable_roles,
    enable_roles,
    load_options,
    lock,
    roles_enabled,
    save_options,
    unlock,
)

PASSWORD = "店主的密码123"


def _audit(db: Database) -> list[tuple[str | None, str]]:
    with db.sessions() as session:
        return [(r.user, r.action) for r in session.scalars(select(AuditLog).order_by(AuditLog.id))]


def test_roles_are_off_by_default_and_everyone_is_the_owner(db: Database, tmp_path: Path) -> None:
    assert not roles_enabled(db) and db.access.role is Role.OWNER
    export_workbook(db, tmp_path / "all.xlsx")
    assert _audit(db) == [("owner", "export")]


def test_enabling_roles_stores_a_hash_never_the_password(db: Database, tmp_path: Path) -> None:
    enable_roles(db, PASSWORD, AccessOptions(mask_phones_for_staff=True, idle_lock_minutes=5))
    with db.sessions() as session:
        stored = " ".join(s.value for s in session.scalars(select(Setting)))
        details = " ".join(r.detail or "" for r in session.scalars(select(AuditLog)))
    assert PASSWORD not in stored and "scrypt" in stored
    assert PASSWORD not in details and "scrypt" not in details and "salt" not in details
    assert load_options(db) == AccessOptions(True, 5)
    assert db.access.role is Role.OWNER  # the owner who just set it keeps working
    with pytest.raises(RolesError):
        enable_roles(db, "another-one")
    # reopening starts as staff
    db.close()
    again = open_database(db.path)
    try:
        assert again.access.roles_enabled and again.access.role is Role.STAFF
    finally:
        again.close()


@pytest.fixture
def staff(db: Database) -> Database:
    enable_roles(db, PASSWORD)
    lock(db)
    assert db.access.role is Role.STAFF
    return db


def test_staff_is_refused_by_the_services_themselves(staff: Database, tmp_path: Path) -> None:
    db = staff
    with db.sessions.begin() as session:
        from builders import add_patient

        pid = add_patient(session, "张三", "13800000001").id
    refused = [
        lambda: export_workbook(db, tmp_path / "all.xlsx"),
        lambda: erase_patient(db, pid),
        lambda: plan_erase(db, pid),
        lambda: export_patient_data(db, pid, tmp_path / "one.xlsx"),
        lambda: cs.save_settings(db, replace(cs.load_settings(db), clinic_name="新名字")),
        lambda: cs.add_treatment(db, "冷光美白", "美白", 365),
        lambda: cl.save_crosssell_rules(db, cl.load_crosssell_rules(db)),
        lambda: save_options(db, AccessOptions(idle_lock_minutes=1)),
        lambda: disable_roles(db, PASSWORD),
        lambda: change_password(db, PASSWORD, "new-password"),
        lambda: list_audit(db),
        lambda: export_audit(db, tmp_path / "audit.xlsx"),
    ]
    for attempt in refused:
        with pytest.raises(AccessDenied):
            attempt()
    assert not list(tmp_path.glob("*.xlsx"))
    # what staff does all day still works, and is audited as staff
    built = cl.build_list(db, "recall", date(2026, 11, 20))
    cl.export_list(db, cl.save_list(db, built), tmp_path / "recall.xlsx")
    assert _audit(db)[-1] == ("staff", "export")


def test_unlock_with_the_password_then_lock_again(staff: Database, tmp_path: Path) -> None:
    db = staff
    assert not unlock(db, "wrong") and db.access.role is Role.STAFF
    assert unlock(db, PASSWORD) and db.access.role is Role.OWNER
    export_workbook(db, tmp_path / "all.xlsx")
    lock(db)
    with pytest.raises(AccessDenied):
        export_workbook(db, tmp_path / "again.xlsx")
    assert [a for a in _audit(db) if a[1] != "roles"] == [
        ("staff", "login failed"), ("owner", "login"), ("owner", "export"),
    ]  # fmt: skip


def test_password_change_and_turning_roles_off_need_the_password(staff: Database) -> None:
    db = staff
    assert unlock(db, PASSWORD)
    with pytest.raises(RolesError):
        change_password(db, "wrong", "new-password")
    change_password(db, PASSWORD, "new-password")
    assert not unlock(db, PASSWORD) and unlock(db, "new-password")
    with pytest.raises(RolesError):
        disable_roles(db, PASSWORD)
    disable_roles(db, "new-password")
    assert not roles_enabled(db) and db.access.role is Role.OWNER
    roles_rows = [e.detail for e in list_audit(db, AuditFilter(action="roles"))]
    assert roles_rows == [
        {"roles": {"old": True, "new": False}},
        {"password": "changed"},
        {"roles": {"old": False, "new": True}},
    ]


def test_staff_sees_no_revenue_figures(staff: Database) -> None:
    """The patient list gives staff no spend (nor an order by it) and the dashboard refuses them."""
    from builders import add_patient, add_visit
    from clinic_desktop.services.dashboard import load_dashboard
    from clinic_desktop.services.metrics import recompute
    from clinic_desktop.services.patients import PatientList

    db = staff
    with db.sessions.begin() as session:
        add_visit(session, add_patient(session, "张三", "13800000001"), date(2026, 5, 20), 300, "洁牙")
    recompute(db, date(2026, 11, 20))
    patients = PatientList(db)
    patients.load()
    assert patients.query().row(0).spend_fen is None
    assert patients.display_row(1) is not None and patients.display_row(1).spend_fen is None  # type: ignore[union-attr]
    with pytest.raises(AccessDenied):
        patients.query(sort_column="spend")
    with pytest.raises(AccessDenied):
        load_dashboard(db)
    assert unlock(db, PASSWORD)
    assert patients.query(sort_column="spend").row(0).spend_fen == 30_000
    assert load_dashboard(db).patients == 1


def test_the_staff_options_travel_with_the_access(db: Database) -> None:
    assert db.access.idle_lock_minutes == 0 and not db.access.masks_phones  # roles off: never
    enable_roles(db, PASSWORD, AccessOptions(mask_phones_for_staff=True, idle_lock_minutes=7))
    assert db.access.idle_lock_minutes == 7 and not db.access.masks_phones  # the owner sees phones
    lock(db)
    assert db.access.masks_phones
    assert unlock(db, PASSWORD)
    save_options(db, AccessOptions(mask_phones_for_staff=False, idle_lock_minutes=3))
    lock(db)
    assert not db.access.masks_phones and db.access.idle_lock_minutes == 3
    db.close()
    again = open_database(db.path)
    try:
        assert again.access.options == AccessOptions(False, 3)
    finally:
        again.close()


def test_staff_call_list_exports_are_masked_when_the_screen_is(db: Database, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from builders import add_patient, add_visit

    with db.sessions.begin() as session:
        add_visit(session, add_patient(session, "张三", "13812345678"), date(2026, 5, 20), 300, "洁牙")
    enable_roles(db, PASSWORD, AccessOptions(mask_phones_for_staff=True))
    lock(db)
    list_id = cl.save_list(db, cl.build_list(db, "recall", date(2026, 11, 20)))
    out = cl.export_list(db, list_id, tmp_path / "recall.xlsx")  # staff did not ask for masking
    cells = [c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if c]
    assert "138****5678" in cells and "13812345678" not in cells
    assert list_audit_as_owner(db)[0].detail["mask_phone"] is True


def list_audit_as_owner(db: Database) -> list:  # type: ignore[type-arg]
    assert unlock(db, PASSWORD)
    return list_audit(db, AuditFilter(action="export"))
