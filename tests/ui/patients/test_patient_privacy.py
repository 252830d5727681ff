"""The patient's rights from the 360° view: erase (owner only, confirmed by typing the name), export their
data, record a guardian's consent; staff sees none of the owner's buttons and phones masked."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from builders import add_patient, add_visit
from clinic_desktop.core.access import AccessOptions
from clinic_desktop.db.models import AuditLog, Patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.privacy import plan_erase
from clinic_desktop.services.roles import enable_roles, lock
from clinic_desktop.ui.patients.detail import PatientDetailDialog
from clinic_desktop.ui.patients.privacy_actions import EraseDialog

AS_OF = date(2026, 11, 22)


def _clinic(db: Database) -> tuple[int, int]:
    with db.sessions.begin() as s:
        mother = add_patient(s, "王芳", "13812345678", birth_date=date(1988, 1, 2))
        add_visit(s, mother, date(2026, 5, 1), 300, "洁牙")
        child = add_patient(s, "王小明", "13912345678", birth_date=date(2016, 6, 1), referred_by_id=mother.id)
        ids = mother.id, child.id
    recompute(db, AS_OF)
    return ids


def _open(qtbot, db: Database, patient_id: int) -> PatientDetailDialog:  # type: ignore[no-untyped-def]
    dialog = PatientDetailDialog(db, patient_id, as_of=AS_OF)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.record is not None)
    return dialog


def test_erase_from_the_patient_record(qtbot, db: Database, sync_tasks: None) -> None:  # type: ignore[no-untyped-def]
    mother, child = _clinic(db)
    dialog = _open(qtbot, db, mother)
    actions = dialog.privacy
    assert actions.erase_button.isVisibleTo(dialog) and actions.export_button.isVisibleTo(dialog)
    asked: list[str] = []

    def confirm(plan):  # type: ignore[no-untyped-def]
        asked.append(plan.name)
        return True

    actions._confirm = confirm  # type: ignore[method-assign]
    changed: list[int] = []
    dialog.patientChanged.connect(changed.append)
    actions.erase_button.click()
    assert asked == ["王芳"] and changed == [mother] and not dialog.isVisible()
    with db.sessions() as session:
        assert session.get(Patient, mother) is None
        assert session.get(Patient, child).referred_by_id is None  # type: ignore[union-attr]
        erase = session.scalars(select(AuditLog).where(AuditLog.action == "erase")).one()
    assert "王芳" not in (erase.detail or "") and erase.user == "owner"


def test_the_confirmation_needs_the_name_typed(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    mother, _child = _clinic(db)
    dialog = EraseDialog(plan_erase(db, mother))
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    dialog.confirm.setText("王")
    assert not dialog.ok.isEnabled()
    dialog.confirm.setText("王芳")
    assert dialog.ok.isEnabled()
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "王芳" in text and "消费 1" in text and "1 位患者将不再显示介绍人" in text and "备份" in text


def test_export_of_the_patients_data(qtbot, db: Database, tmp_path: Path, sync_tasks: None) -> None:  # type: ignore[no-untyped-def]
    mother, _child = _clinic(db)
    dialog = _open(qtbot, db, mother)
    target = tmp_path / "王芳.json"
    dialog.privacy._ask_save_path = lambda _suggested: target  # type: ignore[method-assign]
    dialog.privacy.export_button.click()
    assert json.loads(target.read_text(encoding="utf-8"))["消费"][0]["项目"] == "洁牙"
    assert str(target) in dialog.privacy.message.text()


def test_guardian_consent_is_recorded_from_the_profile(qtbot, db: Database, sync_tasks: None) -> None:  # type: ignore[no-untyped-def]
    _mother, child = _clinic(db)
    dialog = _open(qtbot, db, child)
    assert "监护人同意：否" in dialog.contact_label.text()
    dialog.profile_form.guardian_consent.setChecked(True)
    dialog.profile_form.save()
    qtbot.waitUntil(lambda: "监护人同意：是" in dialog.contact_label.text())
    with db.sessions() as session:
        patient = session.get(Patient, child)
        assert patient is not None and patient.guardian_consent and patient.guardian_consent_at == AS_OF
    assert dialog.profile_form.guardian_consent_at.text() == "变更于 2026-11-22"


def test_staff_sees_no_owner_buttons_no_spend_and_masked_phones(
    qtbot, db: Database, sync_tasks: None
) -> None:  # type: ignore[no-untyped-def]
    mother, _child = _clinic(db)
    enable_roles(db, "owner-pass-1", AccessOptions(mask_phones_for_staff=True))
    lock(db)
    dialog = _open(qtbot, db, mother)
    assert not dialog.privacy.erase_button.isVisibleTo(dialog)
    assert not dialog.privacy.export_button.isVisibleTo(dialog)
    assert "138****5678" in dialog.identity_label.text() and "13812345678" not in dialog.identity_label.text()
    assert "¥" not in dialog.flags_label.text() and "¥" not in dialog.ers_label.text()
    form = dialog.profile_form
    assert form.phone.text() == "138****5678" and form.phone.isReadOnly()
    form.notes.setPlainText("怕疼")
    assert form.changes() == {"notes": "怕疼"}  # the mask is never sent back as a new phone
