"""Tag use-cases: the clinic's own vocabulary for "who is this patient" (PRODUCT §2, seeds: 不分人).

Every function is one transaction. Bad input raises :class:`TagError` *before* anything is written (or
inside the transaction, which then rolls back), so a refused action never leaves half a change behind.
Bulk assignment is set-based — the ids go into a temporary table and one ``INSERT OR IGNORE … SELECT``
does the work — because a receptionist tagging a campaign audience may select 100,000 patients.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from clinic_desktop.core.segmentation import RULE_TAGS
from clinic_desktop.db.models import TAG_CATEGORIES, PatientTag, Tag
from clinic_desktop.services.audit import record_audit
from clinic_desktop.services.database import Database

__all__ = [
    "DEFAULT_COLOR",
    "MAX_NAME_LENGTH",
    "MergeResult",
    "TagError",
    "TagInfo",
    "add_tag_to_patients",
    "create_tag",
    "delete_tag",
    "list_tags",
    "merge_tags",
    "pinyin_key",
    "recolor_tag",
    "remove_tag_from_patients",
    "rename_tag",
    "set_tag_category",
    "tags_for_names",
    "tags_of_patient",
]

DEFAULT_COLOR = "#607d8b"
MAX_NAME_LENGTH = 64
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
#: the clinic workbook stores a patient's tags comma-separated (PRODUCT §7.1), and Chinese lists also use
#: 、 and ；, so a name containing one of these could not survive an export → import round trip
_SEPARATORS = ",，、;；"


class TagError(ValueError):
    """A tag action that cannot be done; the message is "中文 / English" and shown to the user."""


@dataclass(frozen=True, slots=True)
class TagInfo:
    id: int
    name: str
    category: str
    color: str
    #: None for manual tags; a rule key for tags the app derives
    rule: str | None
    #: how many patients carry the tag
    patients: int


@dataclass(frozen=True, slots=True)
class MergeResult:
    #: patients who had only the merged-away tag and now carry the target
    moved: int
    #: patients who already had both (their duplicate assignment collapsed into one)
    already: int


# --- validation ----------------------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    if not isinstance(name, str):
        raise TagError("标签名称应为文本 / tag name must be text")
    cleaned = " ".join(name.split())  # trim, and no double or odd (tab, newline) spaces inside
    if not cleaned:
        raise TagError("标签名称不能为空 / tag name must not be empty")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise TagError(
            f"标签名称不能超过 {MAX_NAME_LENGTH} 个字 / tag name must be at most {MAX_NAME_LENGTH} characters"
        )
    bad = [c for c in _SEPARATORS if c in cleaned]
    if bad:
        raise TagError(
            f"标签名称不能包含分隔符 {' '.join(bad)} / tag name must not contain separators {' '.join(bad)}"
        )
    return cleaned


def _check_category(category: str) -> str:
    if category not in TAG_CATEGORIES:
        raise TagError(f"未知的标签类别：{category!r} / unknown tag category: {category!r}")
    return category


def _clean_color(color: str) -> str:
    if not isinstance(color, str) or not _COLOR.fullmatch(color.strip()):
        raise TagError(f"颜色应为 #rrggbb 格式：{color!r} / colour must look like #rrggbb: {color!r}")
    return color.strip().lower()


def _get(session: Session, tag_id: int) -> Tag:
    tag = session.get(Tag, tag_id)
    if tag is None:
        raise TagError(f"标签不存在（编号 {tag_id}） / tag not found (id {tag_id})")
    return tag


def _typed(session: Session, tag_id: int) -> Tag:
    """A tag people may change: a rule-derived one (PRODUCT §4.1) is the recompute's alone — it can be
    recoloured, never renamed, merged, deleted, given to or taken from a patient by hand."""
    tag = _get(session, tag_id)
    if tag.rule is not None:
        raise TagError(
            f"“{tag.name}”是按规则自动计算的标签，不能手动修改或增减"
            f" / {tag.name!r} is derived by a rule and cannot be changed or assigned by hand"
        )
    return tag


def _not_reserved(name: str) -> str:
    """A typed tag may not take a rule tag's name: the two would look like one in every filter."""
    if name.lower() in {t.name.lower() for t in RULE_TAGS}:
        raise TagError(
            f"“{name}”是系统按规则计算的标签名，请换一个名称 / {name!r} is the name of a rule-derived tag"
        )
    return name


def _refuse_duplicate(session: Session, name: str, except_id: int | None = None) -> None:
    """Names are unique ignoring Latin case: "VIP" and "vip" would look like one tag in every filter."""
    query = select(Tag.name).where(func.lower(Tag.name) == name.lower())
    if except_id is not None:
        query = query.where(Tag.id != except_id)
    existing = session.scalar(query)
    if existing is not None:
        raise TagError(f"已有同名标签“{existing}” / a tag named {existing!r} already exists")


def _usage(session: Session, tag_id: int) -> int:
    return int(session.scalar(select(func.count()).where(PatientTag.tag_id == tag_id)) or 0)


# --- reading -------------------------------------------------------------------------------------------


def pinyin_key(name: str) -> str:
    """Sort key in pinyin order (宝妈 before 学生), the order a Chinese reader scans a list in;
    code-point order looks random."""
    from pypinyin import lazy_pinyin  # its dictionaries take ~0.3 s to load: not at the app's start

    return " ".join(lazy_pinyin(name)).lower()


def _infos(session: Session, among: Any = None) -> list[TagInfo]:
    """Tags with their usage; ``among``, a select of tag ids, limits both to those tags — counting only
    them walks their entries of the tag index, not the whole clinic's tag pairs (one patient's tags:
    19 ms → under 1 ms at 300,000 patients)."""
    counting = select(PatientTag.tag_id, func.count().label("n"))
    if among is not None:
        counting = counting.where(PatientTag.tag_id.in_(among))
    counts = counting.group_by(PatientTag.tag_id).subquery("counts")
    query = select(Tag, func.coalesce(counts.c.n, 0)).outerjoin(counts, counts.c.tag_id == Tag.id)
    if among is not None:
        query = query.where(Tag.id.in_(among))
    order = {c: i for i, c in enumerate(TAG_CATEGORIES)}
    rows = [
        TagInfo(t.id, t.name, t.category, t.color, t.rule, int(n)) for t, n in session.execute(query).all()
    ]
    return sorted(rows, key=lambda t: (order.get(t.category, len(order)), pinyin_key(t.name), t.name))


def list_tags(db: Database) -> list[TagInfo]:
    """Every tag with how many patients carry it, by category (static → custom) then name in pinyin order."""
    with db.sessions() as session:
        return _infos(session)


def tags_of_patient(db: Database, patient_id: int) -> list[TagInfo]:
    """The tags one patient carries (with each tag's overall usage), in the order of :func:`list_tags`."""
    with db.sessions() as session:
        return _infos(session, select(PatientTag.tag_id).where(PatientTag.patient_id == patient_id))


# --- editing one tag -----------------------------------------------------------------------------------


def create_tag(db: Database, name: str, category: str = "custom", color: str = DEFAULT_COLOR) -> int:
    """Create a manual tag and return its id."""
    cleaned, category, color = (
        _not_reserved(_clean_name(name)),
        _check_category(category),
        _clean_color(color),
    )
    with db.sessions.begin() as session:
        _refuse_duplicate(session, cleaned)
        tag = Tag(name=cleaned, category=category, color=color)
        session.add(tag)
        session.flush()
        return tag.id


def tags_for_names(session: Session, names: Iterable[str], category: str, color: str) -> list[int]:
    """The ids of the tags called ``names`` (Latin case ignored), creating the missing ones in
    ``category``, inside the caller's transaction — so a new patient and their tags are written together.

    A name typed twice counts once. Rule-derived tags are refused: they follow from the patient's facts
    and are set by the recompute, never by hand.
    """
    _check_category(category)
    color = _clean_color(color)
    ids: list[int] = []
    for name in names:
        cleaned = _clean_name(name)
        tag = session.scalar(select(Tag).where(func.lower(Tag.name) == cleaned.lower()))
        if tag is None:
            tag = Tag(name=cleaned, category=category, color=color)
            session.add(tag)
            session.flush()
        elif tag.rule is not None:
            raise TagError(
                f"标签“{tag.name}”由规则自动生成，不能手动添加 / the tag {tag.name!r} is derived by a rule"
                " and cannot be added by hand"
            )
        if tag.id not in ids:
            ids.append(tag.id)
    return ids


def rename_tag(db: Database, tag_id: int, name: str) -> None:
    """Rename a tag; a name another tag already has is refused (merge the two instead)."""
    cleaned = _not_reserved(_clean_name(name))
    with db.sessions.begin() as session:
        tag = _typed(session, tag_id)
        _refuse_duplicate(session, cleaned, except_id=tag_id)
        tag.name = cleaned


def recolor_tag(db: Database, tag_id: int, color: str) -> None:
    color = _clean_color(color)
    with db.sessions.begin() as session:
        _get(session, tag_id).color = color


def set_tag_category(db: Database, tag_id: int, category: str) -> None:
    category = _check_category(category)
    with db.sessions.begin() as session:
        _typed(session, tag_id).category = category


def merge_tags(db: Database, source_id: int, target_id: int) -> MergeResult:
    """Give every patient of ``source`` the ``target`` tag, then delete ``source`` — one transaction.

    Clinics end up with 大客户 and 高消费 meaning the same thing; merging keeps each patient's assignment
    exactly once and is audited, because it cannot be undone by hand.
    """
    if source_id == target_id:
        raise TagError("不能把标签合并到它自己 / cannot merge a tag into itself")
    with db.sessions.begin() as session:
        source, target = _typed(session, source_id), _typed(session, target_id)
        total = _usage(session, source_id)
        conn = session.connection()
        moved = conn.exec_driver_sql(
            "INSERT OR IGNORE INTO patient_tags (patient_id, tag_id, created_at)"
            " SELECT patient_id, ?, created_at FROM patient_tags WHERE tag_id = ?",
            (target_id, source_id),
        ).rowcount
        conn.exec_driver_sql("DELETE FROM patient_tags WHERE tag_id = ?", (source_id,))
        result = MergeResult(moved=moved, already=total - moved)
        record_audit(
            session,
            "tag merge",
            {
                "from": {"id": source.id, "name": source.name},
                "into": {"id": target.id, "name": target.name},
                "moved": result.moved,
                "already": result.already,
            },
        )
        session.delete(source)
        return result


def delete_tag(db: Database, tag_id: int) -> int:
    """Delete a tag and its assignments; returns how many patients lost it. Audited (not undoable)."""
    with db.sessions.begin() as session:
        tag = _typed(session, tag_id)
        removed = (
            session.connection()
            .exec_driver_sql("DELETE FROM patient_tags WHERE tag_id = ?", (tag_id,))
            .rowcount
        )
        record_audit(session, "tag delete", {"id": tag.id, "name": tag.name, "patients": removed})
        session.delete(tag)
        return removed


# --- bulk assignment -----------------------------------------------------------------------------------


def _ids(patient_ids: Iterable[int]) -> list[int]:
    """Plain ints (the patient list may hand over NumPy integers, which JSON cannot encode)."""
    ids = []
    for pid in patient_ids:
        try:
            if isinstance(pid, bool):
                raise TypeError
            ids.append(operator.index(pid))
        except TypeError:
            raise TagError(f"患者编号无效：{pid!r} / invalid patient id: {pid!r}") from None
    return ids


def _stage_ids(session: Session, ids: list[int]) -> None:
    """Put the ids in a per-connection temporary table, inside the transaction (a rollback empties it).

    They travel as one JSON array unpacked by ``json_each``: one statement instead of an ``IN (…)`` list
    (SQLite caps parameters at 32,766) and ~8x faster than an ``executemany`` of 100,000 one-id rows.
    """
    conn = session.connection()
    conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS bulk_patient_ids (id INTEGER PRIMARY KEY)")
    conn.exec_driver_sql("DELETE FROM temp.bulk_patient_ids")
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO temp.bulk_patient_ids (id) SELECT value FROM json_each(?)", (json.dumps(ids),)
    )


def _bulk(db: Database, tag_id: int, patient_ids: Iterable[int], work: Callable[[Connection], int]) -> int:
    """One bulk action in one transaction: check the ids and the tag, stage the ids, run ``work`` on the
    staged ids and return its count. No ids: nothing to do (0), but an unknown tag is still refused."""
    ids = _ids(patient_ids)
    with db.sessions.begin() as session:
        _typed(session, tag_id)
        if not ids:
            return 0
        _stage_ids(session, ids)
        conn = session.connection()
        changed = work(conn)
        conn.exec_driver_sql("DELETE FROM temp.bulk_patient_ids")
        return int(changed)


def add_tag_to_patients(db: Database, tag_id: int, patient_ids: Iterable[int]) -> int:
    """Tag every given patient; returns how many did not have the tag yet. Idempotent.

    An id that is not a patient refuses the whole action (nothing is written): silently tagging fewer
    patients than the receptionist selected would hide a mistake.
    """

    def add(conn: Connection) -> int:
        missing = conn.exec_driver_sql(
            "SELECT count(*), min(b.id) FROM temp.bulk_patient_ids AS b"
            " WHERE NOT EXISTS (SELECT 1 FROM patients AS p WHERE p.id = b.id)"
        ).one()
        if missing[0]:
            raise TagError(
                f"有 {missing[0]} 个患者不存在（如编号 {missing[1]}），未做任何修改"
                f" / {missing[0]} patients do not exist (e.g. id {missing[1]}); nothing was changed"
            )
        return conn.exec_driver_sql(
            "INSERT OR IGNORE INTO patient_tags (patient_id, tag_id) SELECT id, ? FROM temp.bulk_patient_ids",
            (tag_id,),
        ).rowcount

    return _bulk(db, tag_id, patient_ids, add)


def remove_tag_from_patients(db: Database, tag_id: int, patient_ids: Iterable[int]) -> int:
    """Remove the tag from every given patient; returns how many had it. Idempotent (unknown ids are
    simply not tagged, so there is nothing to remove from them)."""

    def remove(conn: Connection) -> int:
        return conn.exec_driver_sql(
            "DELETE FROM patient_tags"
            " WHERE tag_id = ? AND patient_id IN (SELECT id FROM temp.bulk_patient_ids)",
            (tag_id,),
        ).rowcount

    return _bulk(db, tag_id, patient_ids, remove)
