"""Rule-derived tags as stored tags: created by the recompute, kept in step with the rules, never typed,
assigned or removed by hand; recording knowledge in bulk."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date

import pytest
from sqlalchemy import select

from builders import add_patient, add_visit
from clinic_desktop.db.models import AuditLog, Patient, PatientTag, Tag
from clinic_desktop.services.database import Database
from clinic_desktop.services.derived_tags import load_norms, rule_tag_ids
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients import (
    RecordError,
    add_tag_to_patients,
    create_tag,
    delete_tag,
    merge_tags,
    recolor_tag,
    remove_tag_from_patients,
    remove_tags,
    rename_tag,
    set_knowledge,
)
from clinic_desktop.services.patients.tags import TagError

AS_OF = date(2026, 11, 20)


def _rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db.path)) as conn:
        return conn.execute(sql).fetchall()


def _derived(db: Database) -> set[tuple[str, str]]:
    return set(
        _rows(  # type: ignore[arg-type]
            db,
            "SELECT p.name, t.rule FROM patient_tags pt JOIN tags t ON t.id = pt.tag_id"
            " JOIN patients p ON p.id = pt.patient_id WHERE t.rule IS NOT NULL",
        )
    )


def test_the_recompute_creates_the_tags_and_keeps_them_in_step(db: Database) -> None:
    with db.sessions.begin() as s:
        kid = add_patient(s, "小明", birth_date=date(2018, 3, 1))
        add_patient(s, "大明", birth_date=date(1980, 3, 1))
        for day in (date(2026, 1, 1), date(2026, 5, 1)):
            add_visit(s, kid, day, 200, coupon="券")
    assert rule_tag_ids(db) == {}  # before the first recompute
    recompute(db, AS_OF)
    ids = rule_tag_ids(db)
    assert set(ids) == {"price_sensitive", "no_show", "minor", "high_ticket", "lapsed_high_value"}
    assert _rows(db, "SELECT name, category, rule FROM tags WHERE rule = 'minor'") == [
        ("儿童", "static", "minor")
    ]
    # 小明 alone paid: his ticket is the median, not twice it — no 高客单
    assert _derived(db) == {("小明", "minor"), ("小明", "price_sensitive")}
    assert load_norms(db).median_ticket_fen == 20_000 and load_norms(db).ticket_payers == 1
    # a visit without a coupon drops 价格敏感 (2 of 3 is still ≥ 50%; 2 of 4 too; 2 of 5 is not)
    with db.sessions.begin() as s:
        patient = s.scalars(select(Patient).where(Patient.name == "小明")).one()
        for month in (6, 7, 8):
            add_visit(s, patient, date(2026, month, 1), 200)
    recompute(db, AS_OF)
    assert _derived(db) == {("小明", "minor")}
    # by 2032 he is 14, and lapsed — the clinic's only paying patient, so its top 20% by lifetime spend
    recompute(db, date(2032, 3, 1))
    assert _derived(db) == {("小明", "lapsed_high_value")}
    assert len(rule_tag_ids(db)) == 5  # the tags stay, without patients


def test_a_typed_tag_with_a_rule_tags_name_is_kept_under_another_name(db: Database) -> None:
    with db.sessions.begin() as s:
        p = add_patient(s, "张三")
        typed = Tag(name="高客单", category="consumption")
        s.add(typed)
        s.flush()
        s.add(PatientTag(patient_id=p.id, tag_id=typed.id))
    recompute(db, AS_OF)
    assert _rows(db, "SELECT name, rule FROM tags WHERE name LIKE '高客单%' ORDER BY id") == [
        ("高客单（手动）", None),
        ("高客单", "high_ticket"),
    ]
    assert _rows(db, "SELECT count(*) FROM patient_tags") == [(1,)]  # the typed assignment is kept
    with db.sessions() as s:
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "tag rename")).one()
    assert json.loads(audit.detail or "{}")["to"] == "高客单（手动）"


def test_nobody_changes_a_rule_tag_by_hand(db: Database) -> None:
    with db.sessions.begin() as s:
        pid = add_patient(s, "李四").id
    recompute(db, AS_OF)
    minor = rule_tag_ids(db)["minor"]
    typed = create_tag(db, "怕疼")
    for action in (
        lambda: rename_tag(db, minor, "小朋友"),
        lambda: delete_tag(db, minor),
        lambda: merge_tags(db, typed, minor),
        lambda: merge_tags(db, minor, typed),
        lambda: add_tag_to_patients(db, minor, [pid]),
        lambda: remove_tag_from_patients(db, minor, [pid]),
    ):
        with pytest.raises(TagError, match="按规则自动计算"):
            action()
    with pytest.raises(TagError, match="系统按规则计算的标签名"):
        create_tag(db, "价格敏感")
    with pytest.raises(TagError, match="系统按规则计算的标签名"):
        rename_tag(db, typed, "儿童")
    recolor_tag(db, minor, "#123456")  # the colour is the clinic's choice
    with db.sessions.begin() as s:
        s.add(PatientTag(patient_id=pid, tag_id=minor))
    with pytest.raises(RecordError, match="不能手动移除"):
        remove_tags(db, pid, [typed, minor])
    assert _rows(db, f"SELECT count(*) FROM patient_tags WHERE tag_id = {minor}") == [(1,)]


def test_knowledge_is_recorded_in_bulk_and_only_as_told(db: Database) -> None:
    from datetime import datetime

    with db.sessions.begin() as s:
        ids = [add_patient(s, f"患者{n}").id for n in range(3)]
    assert set_knowledge(db, ids[:2], "expert", now=datetime(2026, 11, 20, 9, 30)) == 2
    assert set_knowledge(db, ids, "novice") == 3
    assert set_knowledge(db, [ids[0]], None) == 1
    rows = _rows(db, "SELECT knowledge, knowledge_at FROM patients ORDER BY id")
    assert [r[0] for r in rows] == [None, "novice", "novice"]
    assert rows[0][1] is None and rows[1][1] is not None
    with pytest.raises(RecordError):
        set_knowledge(db, ids, "guru")
    with pytest.raises(RecordError, match="不存在"):
        set_knowledge(db, [ids[1], 999], "expert")
    assert [r[0] for r in _rows(db, "SELECT knowledge FROM patients ORDER BY id")] == [
        None,
        "novice",
        "novice",
    ]
    assert set_knowledge(db, [], "expert") == 0
    with db.sessions() as s:
        assert s.scalar(select(Tag).where(Tag.rule.is_not(None))) is None  # nothing derived yet
