"""Settings use-cases: the clinic's options and its treatment catalogue (PRODUCT §2, §4, §5).

Settings are validated by :func:`clinic_desktop.core.settings.validate` before anything is written, and
every change is audited with what it was and what it became — the ERS weights decide who the clinic calls
a VIP, so "who changed the weights, and when" must have an answer. Changing a rule-bearing setting
recomputes the stored metrics, otherwise the patient list would keep filtering by yesterday's tiers.

Every change here is the owner's (:class:`~clinic_desktop.core.access.AccessDenied` for staff when roles
are on), refused before anything is read or written.

Treatments are deactivated rather than deleted once a visit or an appointment uses them: deleting would
silently blank the treatment of every past visit and break recall due dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinic_desktop.core.access import Permission
from clinic_desktop.core.segmentation import RULE_TAGS
from clinic_desktop.core.settings import Settings, SettingsError, validate
from clinic_desktop.db import settings_store
from clinic_desktop.db.models import Appointment, Treatment, Visit
from clinic_desktop.services.audit import record_audit
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import RecomputeSummary, recompute_after_commit
from clinic_desktop.services.patients import pinyin_key

__all__ = [
    "METRIC_KEYS",
    "MAX_RECALL_DAYS",
    "CatalogueError",
    "SaveOutcome",
    "SettingsError",
    "TreatmentInfo",
    "add_treatment",
    "adopt_recall_interval",
    "list_treatments",
    "load_settings",
    "remove_treatment",
    "save_settings",
    "save_settings_and_recompute",
    "set_treatment_active",
    "update_treatment",
]

#: settings the stored metrics depend on (ERS, activity, recall "due"); the others (clinic name,
#: language, contact caps) only affect screens and call lists, so changing them needs no recompute
METRIC_KEYS = frozenset(
    {
        "ers_window_months",
        "weight_e",
        "weight_r",
        "weight_s",
        "tier_a",
        "tier_b",
        "tier_c",
        "lapsing_months",
        "lapsed_months",
        "recall_overdue_days",
        "recall_ahead_days",
        # the rule-derived tags and the segment (PRODUCT §4.1) are stored with the metrics
        *(name for tag in RULE_TAGS for name in tag.parameters),
    }
)
MAX_RECALL_DAYS = 3650
_NAME_LENGTH = 64
_CATEGORY_LENGTH = 32


class CatalogueError(ValueError):
    """A catalogue edit that cannot be done; the message is "中文 / English" and shown to the user."""


# --- settings ------------------------------------------------------------------------------------------


def load_settings(db: Database) -> Settings:
    with db.sessions() as session:
        return settings_store.load_settings(session)


def save_settings(db: Database, settings: Settings) -> dict[str, tuple[Any, Any]]:
    """Validate and store ``settings``; returns ``{key: (old, new)}`` of what changed (empty: nothing
    written, nothing audited). Raises :class:`SettingsError` with nothing written."""
    db.access.require(Permission.CHANGE_SETTINGS)
    validate(settings)
    with db.sessions.begin() as session:
        old = settings_store.load_settings(session).to_dict()
        new = settings.to_dict()
        changed = {k: (old[k], new[k]) for k in new if old.get(k) != new[k]}
        if changed:
            settings_store.save_settings(session, settings)
            record_audit(
                session, "settings change", {k: {"old": o, "new": n} for k, (o, n) in changed.items()}
            )
        return changed


@dataclass(frozen=True)
class SaveOutcome:
    changed: dict[str, tuple[Any, Any]]
    #: None when no setting the metrics depend on changed
    recomputed: RecomputeSummary | None

    @property
    def language_changed(self) -> bool:
        return "language" in self.changed


def save_settings_and_recompute(
    db: Database, settings: Settings, as_of: date, *, force: bool = False
) -> SaveOutcome:
    """Save, then recompute every patient's metrics as of ``as_of`` if a rule-bearing setting changed
    (or ``force``). Two transactions: the metrics are derived data, rebuilt by any later recompute — so
    a busy database during the recompute leaves ``recomputed`` None instead of failing the saved settings."""
    changed = save_settings(db, settings)
    needed = force or bool(METRIC_KEYS & changed.keys())
    return SaveOutcome(changed, recompute_after_commit(db, as_of) if needed else None)


# --- treatment catalogue -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TreatmentInfo:
    id: int
    name: str
    category: str | None
    recall_days: int | None
    active: bool
    #: visit lines recorded with this treatment
    visits: int


def list_treatments(db: Database) -> list[TreatmentInfo]:
    """The whole catalogue (inactive ones too): active first, then by category and name in pinyin order."""
    with db.sessions() as session:
        counts = (
            select(Visit.treatment_id, func.count().label("n"))
            .where(Visit.treatment_id.is_not(None))
            .group_by(Visit.treatment_id)
            .subquery("counts")
        )
        rows = session.execute(
            select(Treatment, func.coalesce(counts.c.n, 0)).outerjoin(
                counts, counts.c.treatment_id == Treatment.id
            )
        ).all()
        infos = [TreatmentInfo(t.id, t.name, t.category, t.recall_days, t.active, int(n)) for t, n in rows]
    return sorted(
        infos,
        key=lambda t: (not t.active, t.category is None, pinyin_key(t.category or ""), pinyin_key(t.name)),
    )


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split()) if isinstance(name, str) else ""
    if not cleaned:
        raise CatalogueError("项目名称不能为空 / treatment name must not be empty")
    if len(cleaned) > _NAME_LENGTH:
        raise CatalogueError(
            f"项目名称不能超过 {_NAME_LENGTH} 个字 / treatment name must be at most {_NAME_LENGTH} characters"
        )
    return cleaned


def _clean_category(category: str | None) -> str | None:
    if category is None:
        return None
    if not isinstance(category, str):
        raise CatalogueError("项目类别应为文本 / treatment category must be text")
    cleaned = " ".join(category.split())
    if len(cleaned) > _CATEGORY_LENGTH:
        raise CatalogueError(
            f"项目类别不能超过 {_CATEGORY_LENGTH} 个字"
            f" / category must be at most {_CATEGORY_LENGTH} characters"
        )
    return cleaned or None


def _check_recall(days: int | None) -> int | None:
    if days is None:
        return None
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_RECALL_DAYS:
        raise CatalogueError(
            f"复诊间隔应为 1–{MAX_RECALL_DAYS} 天，或不设置"
            f" / recall interval must be 1–{MAX_RECALL_DAYS} days or none"
        )
    return days


def _get(session: Session, treatment_id: int) -> Treatment:
    treatment = session.get(Treatment, treatment_id)
    if treatment is None:
        raise CatalogueError(f"项目不存在（编号 {treatment_id}） / treatment not found (id {treatment_id})")
    return treatment


def _refuse_duplicate(session: Session, name: str, except_id: int | None = None) -> None:
    query = select(Treatment.name).where(func.lower(Treatment.name) == name.lower())
    if except_id is not None:
        query = query.where(Treatment.id != except_id)
    existing = session.scalar(query)
    if existing is not None:
        raise CatalogueError(f"已有同名项目“{existing}” / a treatment named {existing!r} already exists")


def _describe(t: Treatment) -> dict[str, Any]:
    return {"name": t.name, "category": t.category, "recall_days": t.recall_days, "active": t.active}


def add_treatment(
    db: Database, name: str, category: str | None = None, recall_days: int | None = None
) -> int:
    """Add an (active) treatment to the catalogue and return its id."""
    cleaned, category, recall_days = _clean_name(name), _clean_category(category), _check_recall(recall_days)
    db.access.require(Permission.CHANGE_SETTINGS)
    with db.sessions.begin() as session:
        _refuse_duplicate(session, cleaned)
        treatment = Treatment(name=cleaned, category=category, recall_days=recall_days, active=True)
        session.add(treatment)
        session.flush()
        record_audit(session, "catalogue change", {"added": _describe(treatment)})
        return treatment.id


def update_treatment(
    db: Database, treatment_id: int, *, name: str, category: str | None, recall_days: int | None
) -> bool:
    """Edit a treatment; returns True when its recall interval changed (metrics then need a recompute,
    because the "due" activity depends on it)."""
    cleaned, category, recall_days = _clean_name(name), _clean_category(category), _check_recall(recall_days)
    db.access.require(Permission.CHANGE_SETTINGS)
    with db.sessions.begin() as session:
        treatment = _get(session, treatment_id)
        _refuse_duplicate(session, cleaned, except_id=treatment_id)
        before = _describe(treatment)
        treatment.name, treatment.category, treatment.recall_days = cleaned, category, recall_days
        after = _describe(treatment)
        if before != after:
            record_audit(session, "catalogue change", {"id": treatment_id, "old": before, "new": after})
        return bool(before["recall_days"] != recall_days)


def adopt_recall_interval(db: Database, treatment_id: int, days: int) -> bool:
    """Set a treatment's recall interval to ``days`` — the 复购周期 page's "adopt the observed interval"
    (PRODUCT §6); audited as any catalogue change. True when it changed (recompute then)."""
    days = _check_recall(days) or 0
    db.access.require(Permission.CHANGE_SETTINGS)
    with db.sessions.begin() as session:
        treatment = _get(session, treatment_id)
        before = _describe(treatment)
        if treatment.recall_days == days:
            return False
        treatment.recall_days = days
        record_audit(
            session,
            "catalogue change",
            {"id": treatment_id, "old": before, "new": _describe(treatment), "why": "observed interval"},
        )
        return True


def set_treatment_active(db: Database, treatment_id: int, active: bool) -> None:
    """Deactivate (hide from new entries, keep history) or reactivate a treatment."""
    db.access.require(Permission.CHANGE_SETTINGS)
    with db.sessions.begin() as session:
        treatment = _get(session, treatment_id)
        if treatment.active != active:
            treatment.active = active
            record_audit(
                session, "catalogue change", {"id": treatment_id, "name": treatment.name, "active": active}
            )


def remove_treatment(db: Database, treatment_id: int) -> bool:
    """Delete an unused treatment (True), or deactivate one that visits or appointments use (False)."""
    db.access.require(Permission.CHANGE_SETTINGS)
    with db.sessions.begin() as session:
        treatment = _get(session, treatment_id)
        in_visits = select(Visit.id).where(Visit.treatment_id == treatment_id).exists()
        in_appointments = select(Appointment.id).where(Appointment.treatment_id == treatment_id).exists()
        if session.scalar(select(in_visits | in_appointments)):
            if treatment.active:
                treatment.active = False
                record_audit(
                    session, "catalogue change", {"id": treatment_id, "name": treatment.name, "active": False}
                )
            return False
        record_audit(session, "catalogue change", {"deleted": _describe(treatment)})
        session.delete(treatment)
        return True
