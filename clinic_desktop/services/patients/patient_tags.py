"""One patient's tags, as the 360° view edits them: attach, create-and-attach in one step, detach.

The tag rules (name cleaning, unique names ignoring case, colours) are those of
:mod:`clinic_desktop.services.patients.tags`, the tag manager's service; this module only adapts them to one
patient and turns :class:`~clinic_desktop.services.patients.tags.TagError` into the record's
:class:`RecordError`, so the dialog handles one kind of refusal. Tags do not feed the lifecycle or ERS
rules, so no recompute follows these writes.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select

from clinic_desktop.db.engine import rows_affected
from clinic_desktop.db.models import TAG_CATEGORIES, Patient, PatientTag, Tag
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import tags
from clinic_desktop.services.patients.record_input import RecordError, check_choice, error
from clinic_desktop.services.patients.tags import TagError, TagInfo

__all__ = [
    "DEFAULT_TAG_COLORS",
    "TagInfo",
    "add_tag",
    "list_tags",
    "remove_tag",
    "remove_tags",
    "tag_by_name",
]

#: a new tag's colour by category, so the four kinds stay apart at a glance
DEFAULT_TAG_COLORS: dict[str, str] = {
    "static": "#5c6bc0",
    "consumption": "#2e7d32",
    "behaviour": "#ef6c00",
    "custom": "#607d8b",
}


def list_tags(db: Database) -> list[TagInfo]:
    """Every tag, by category then name."""
    return tags.list_tags(db)


def _require_patient(db: Database, patient_id: int) -> None:
    with db.sessions() as session:
        if session.get(Patient, patient_id) is None:
            raise error(f"找不到患者（编号 {patient_id}）", f"no patient with id {patient_id}")


def add_tag(db: Database, patient_id: int, tag_id: int) -> None:
    """Attach an existing tag (attaching it twice is harmless)."""
    _require_patient(db, patient_id)
    try:
        tags.add_tag_to_patients(db, tag_id, [patient_id])
    except TagError as exc:
        raise RecordError(str(exc), "tag") from exc


def tag_by_name(db: Database, patient_id: int, name: str, category: str = "custom") -> int:
    """Attach the tag called ``name`` (Latin case ignored), creating it in ``category`` first if no tag
    has that name; an existing tag keeps its own category. Returns the tag's id.

    Creating and attaching are two transactions of the tag service; if attaching failed the new tag
    would simply exist unused, which the tag manager shows and can delete.
    """
    check_choice(category, TAG_CATEGORIES, "category", "标签类别", "tag category")
    _require_patient(db, patient_id)
    cleaned = " ".join(name.split()) if isinstance(name, str) else name
    with db.sessions() as session:
        existing = session.scalar(select(Tag.id).where(func.lower(Tag.name) == str(cleaned).lower()))
    try:
        tag_id = existing or tags.create_tag(db, name, category, DEFAULT_TAG_COLORS[category])
        tags.add_tag_to_patients(db, tag_id, [patient_id])
    except TagError as exc:
        raise RecordError(str(exc), "tag") from exc
    return int(tag_id)


def remove_tag(db: Database, patient_id: int, tag_id: int) -> None:
    """Detach a tag from the patient (the tag itself stays for other patients)."""
    remove_tags(db, patient_id, [tag_id])


def remove_tags(db: Database, patient_id: int, tag_ids: list[int]) -> int:
    """Detach several tags in one transaction (the chips selected together); returns how many were on.

    A rule-derived tag among them refuses the whole action: the recompute alone sets those."""
    with db.sessions.begin() as session:
        derived = session.scalar(select(Tag.name).where(Tag.id.in_(tag_ids), Tag.rule.is_not(None)))
        if derived is not None:
            raise RecordError(
                f"“{derived}”是按规则自动计算的标签，不能手动移除"
                f" / {derived!r} is derived by a rule and cannot be removed by hand",
                "tag",
            )
        result = session.execute(
            delete(PatientTag).where(PatientTag.patient_id == patient_id, PatientTag.tag_id.in_(tag_ids))
        )
        return rows_affected(result)
