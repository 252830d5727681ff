"""Marketing consent and do-not-contact for many patients at once (issue 12, PRODUCT §5.2 rule 1).

A clinic that has just imported its sheet has recorded nobody's marketing consent, so no marketing list
(reactivation, campaign, cross-sell, referral invitation) can hold a single patient until consent is
recorded — one by one that is an afternoon of clicks. The patient list's selection (and an import
column, see ``services.importing``) records it in bulk. Each change is dated like a change made in the
profile form (consent: the day; do-not-contact: the moment) and the action is audited with the
patients it changed; patients who already had the value are left alone, their dates untouched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update

from clinic_desktop.db.models import Patient
from clinic_desktop.services.audit import record_audit
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients.record_input import error

__all__ = ["FlagsChanged", "set_contact_flags"]

_CHUNK = 900


@dataclass(frozen=True)
class FlagsChanged:
    """How many of the selected patients changed (the others already had the value)."""

    selected: int
    consent_changed: int
    do_not_contact_changed: int


def set_contact_flags(
    db: Database,
    patient_ids: Iterable[int],
    *,
    marketing_consent: bool | None = None,
    do_not_contact: bool | None = None,
    now: datetime | None = None,
) -> FlagsChanged:
    """Set marketing consent and/or do-not-contact (None leaves a flag alone) for every given patient,
    in one transaction. An id that is not a patient refuses the whole action (:class:`RecordError`):
    changing fewer patients than the receptionist selected would hide a mistake."""
    if marketing_consent is None and do_not_contact is None:
        raise error("没有要修改的内容", "nothing to change")
    ids = sorted({int(i) for i in patient_ids})
    now = now or datetime.now().replace(microsecond=0)
    changed: dict[str, list[int]] = {"marketing_consent": [], "do_not_contact": []}
    with db.sessions.begin() as session:
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            found = session.scalar(select(func.count()).where(Patient.id.in_(chunk)))
            if found != len(chunk):
                raise error(
                    f"有 {len(chunk) - int(found or 0)} 个患者不存在，未做任何修改",
                    f"{len(chunk) - int(found or 0)} patients do not exist; nothing was changed",
                )
            for column, value, stamp, moment in (
                ("marketing_consent", marketing_consent, "marketing_consent_at", now.date()),
                ("do_not_contact", do_not_contact, "do_not_contact_at", now),
            ):
                if value is None:
                    continue
                attribute = getattr(Patient, column)
                differ = select(Patient.id).where(Patient.id.in_(chunk), attribute != value)
                which = [int(i) for i in session.scalars(differ)]
                if which:
                    session.execute(
                        update(Patient)
                        .where(Patient.id.in_(which))
                        .values({column: value, stamp: moment, "updated_at": now})
                    )
                    changed[column].extend(which)
        if changed["marketing_consent"] or changed["do_not_contact"]:
            record_audit(
                session,
                "contact_flags",
                {
                    "marketing_consent": marketing_consent,
                    "do_not_contact": do_not_contact,
                    "at": now.isoformat(sep=" "),
                    "selected": len(ids),
                    "consent_changed": changed["marketing_consent"],
                    "do_not_contact_changed": changed["do_not_contact"],
                },
            )
    return FlagsChanged(len(ids), len(changed["marketing_consent"]), len(changed["do_not_contact"]))
