"""Bulk marketing consent and do-not-contact from a selection (issue 12): each change dated, audited, and
only the patients that change are touched."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from builders import add_patient
from clinic_desktop.db.models import AuditLog, Patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import RecordError, set_contact_flags

NOW = datetime(2026, 11, 20, 15, 30)


def test_consent_in_bulk_is_dated_and_audited(db: Database) -> None:
    with db.sessions.begin() as s:
        a = add_patient(s, "甲", "13800000001").id
        b = add_patient(
            s, "乙", "13800000002", marketing_consent=True, marketing_consent_at=date(2025, 1, 1)
        ).id
        c = add_patient(s, "丙", "13800000003").id
    result = set_contact_flags(db, [a, b, c], marketing_consent=True, now=NOW)
    assert (result.selected, result.consent_changed, result.do_not_contact_changed) == (3, 2, 0)
    with db.sessions() as s:
        rows = {p.name: (p.marketing_consent, p.marketing_consent_at) for p in s.scalars(select(Patient))}
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "contact_flags")).one()
    assert rows == {
        "甲": (True, date(2026, 11, 20)),
        "乙": (True, date(2025, 1, 1)),  # already consented: the date it was given stays
        "丙": (True, date(2026, 11, 20)),
    }
    detail = json.loads(audit.detail or "{}")
    assert detail["consent_changed"] == [a, c] and detail["marketing_consent"] is True


def test_do_not_contact_in_bulk_stamps_the_moment(db: Database) -> None:
    with db.sessions.begin() as s:
        a = add_patient(s, "甲", "13800000001").id
    result = set_contact_flags(db, [a], do_not_contact=True, now=NOW)
    assert result.do_not_contact_changed == 1
    with db.sessions() as s:
        p = s.get(Patient, a)
        assert p is not None and p.do_not_contact and p.do_not_contact_at == NOW
    again = set_contact_flags(db, [a], do_not_contact=True, now=NOW)
    assert again.do_not_contact_changed == 0
    with db.sessions() as s:
        assert len(s.scalars(select(AuditLog).where(AuditLog.action == "contact_flags")).all()) == 1


def test_unknown_ids_refuse_everything(db: Database) -> None:
    with db.sessions.begin() as s:
        a = add_patient(s, "甲", "13800000001").id
    with pytest.raises(RecordError, match="不存在"):
        set_contact_flags(db, [a, 999], marketing_consent=True, now=NOW)
    with db.sessions() as s:
        assert not s.get(Patient, a).marketing_consent  # type: ignore[union-attr]
    with pytest.raises(RecordError):
        set_contact_flags(db, [a])
