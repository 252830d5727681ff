"""Recording knowledge 认知 (PRODUCT §4.1): 懂行 / 不太懂, for one patient or a whole selection at once.

Only staff set it — the app suggests (:func:`clinic_desktop.core.segments.knowledge_suggestion`), never
sets. One set-based statement whatever the selection's size (the ids travel as one JSON array), in one
write transaction; an id that is no patient refuses the whole action, as bulk tagging does. The segment
follows at the next recompute, which the caller runs once after the write (as after any edit).
"""

from __future__ import annotations

import json
import operator
from collections.abc import Iterable
from datetime import datetime

from clinic_desktop.db.models import KNOWLEDGE_VALUES
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients.record_input import RecordError

__all__ = ["KNOWLEDGE_VALUES", "set_knowledge"]


def _ids(patient_ids: Iterable[int]) -> list[int]:
    try:
        return [operator.index(pid) for pid in patient_ids if not isinstance(pid, bool)]
    except TypeError:
        raise RecordError("患者编号无效 / invalid patient id", "knowledge") from None


def set_knowledge(
    db: Database, patient_ids: Iterable[int], value: str | None, *, now: datetime | None = None
) -> int:
    """Record ``value`` (``expert``, ``novice``; ``None`` clears it) for every given patient; returns how
    many changed. Patients who already have ``value`` keep their ``knowledge_at``."""
    if value is not None and value not in KNOWLEDGE_VALUES:
        raise RecordError(
            f"认知应为 懂行/不太懂：{value!r} / knowledge must be expert or novice", "knowledge"
        )
    ids = sorted(set(_ids(patient_ids)))
    if not ids:
        return 0
    stamp = None if value is None else (now or datetime.now()).replace(microsecond=0)
    ids_json = json.dumps(ids)
    with db.sessions.begin() as session:
        conn = session.connection()
        missing = conn.exec_driver_sql(
            "SELECT count(*) FROM json_each(?) AS j"
            " WHERE NOT EXISTS (SELECT 1 FROM patients WHERE id = j.value)",
            (ids_json,),
        ).scalar()
        if missing:
            raise RecordError(
                f"有 {missing} 个患者不存在，未做任何修改"
                f" / {missing} patients do not exist; nothing was changed",
                "knowledge",
            )
        changed = conn.exec_driver_sql(
            "UPDATE patients SET knowledge = ?, knowledge_at = ?"
            " WHERE id IN (SELECT value FROM json_each(?)) AND knowledge IS NOT ?",
            (
                value,
                None if stamp is None else stamp.isoformat(sep=" ", timespec="microseconds"),
                ids_json,
                value,
            ),
        ).rowcount
    return int(changed)
