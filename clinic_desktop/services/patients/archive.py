"""Archive and un-archive patients: junk rows, patients who moved away, a patient who died (issue 13).

Archiving deletes nothing. It takes the patient out of everything that counts or contacts people —
the patient list (unless asked for), every call list (PRODUCT §5.2 rule 5, never counted as excluded),
the dashboard and report counts, the status bar and the E ranking of the others (E is a percentile
among the clinic's paying patients, so archiving a big spender moves other patients' E) — and keeps
every record, so un-archiving brings the patient back exactly as they were. Erasing (the right to
deletion) is a different, irreversible use-case with its own service.

The change is dated (``archived_at``, shown in the patient view) and audited with the patients it
changed. Like every write here it does not recompute the metrics: the caller does that once afterwards
(the E ranking moved), see :func:`clinic_desktop.services.patients.record.save_and_recompute`.
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

__all__ = ["ArchiveChanged", "set_archived"]

_CHUNK = 900  # ids per IN (…): well under SQLite's parameter limit


@dataclass(frozen=True)
class ArchiveChanged:
    """How many of the selected patients changed (the others were already archived / not archived)."""

    selected: int
    changed: int


def set_archived(
    db: Database, patient_ids: Iterable[int], archived: bool, *, now: datetime | None = None
) -> ArchiveChanged:
    """Archive (``archived=True``) or un-archive every given patient, in one transaction.

    An id that is not a patient refuses the whole action (:class:`RecordError`): changing fewer patients
    than the receptionist selected would hide a mistake. Patients who already are in the wanted state
    keep their date; nothing is audited when nothing changed.
    """
    if not isinstance(archived, bool):
        raise error("归档只能是是或否", "archived must be true or false", "archived")
    ids = sorted({int(i) for i in patient_ids})
    if not ids:
        raise error("没有选中患者", "no patient selected")
    now = now or datetime.now().replace(microsecond=0)
    changed: list[int] = []
    with db.sessions.begin() as session:
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            found = int(session.scalar(select(func.count()).where(Patient.id.in_(chunk))) or 0)
            if found != len(chunk):
                raise error(
                    f"有 {len(chunk) - found} 个患者不存在，未做任何修改",
                    f"{len(chunk) - found} patients do not exist; nothing was changed",
                )
            which = [
                int(i)
                for i in session.scalars(
                    select(Patient.id).where(Patient.id.in_(chunk), Patient.archived != archived)
                )
            ]
            if which:
                session.execute(
                    update(Patient)
                    .where(Patient.id.in_(which))
                    .values(archived=archived, archived_at=now if archived else None, updated_at=now)
                )
                changed.extend(which)
        if changed:
            record_audit(
                session,
                "archive" if archived else "unarchive",
                {"at": now.isoformat(sep=" "), "selected": len(ids), "changed": changed},
            )
    return ArchiveChanged(len(ids), len(changed))
