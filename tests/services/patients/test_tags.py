"""Tag use-cases on a fresh database: validation, merge, delete and set-based bulk assignment."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sqlalchemy import func, select

from builders import add_patient
from clinic_desktop.db.models import AuditLog, PatientTag, Tag
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients.tags import (
    TagError,
    add_tag_to_patients,
    create_tag,
    delete_tag,
    list_tags,
    merge_tags,
    recolor_tag,
    remove_tag_from_patients,
    rename_tag,
    set_tag_category,
    tags_of_patient,
)


def _patients(db: Database, n: int) -> list[int]:
    """``n`` bare patients, inserted set-based (the ORM would take seconds for 10,000)."""
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " INSERT INTO patients (name) SELECT '患者' || i FROM n",
            (n,),
        )
        return [r[0] for r in conn.exec_driver_sql("SELECT id FROM patients ORDER BY id")]


def _assignments(db: Database) -> list[tuple[int, int]]:
    with db.sessions() as s:
        return sorted((r[0], r[1]) for r in s.execute(select(PatientTag.patient_id, PatientTag.tag_id)))


def _tag_count(db: Database) -> int:
    with db.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(Tag)) or 0)


def _audit(db: Database) -> list[tuple[str, dict[str, object]]]:
    with db.sessions() as s:
        return [(a.action, json.loads(a.detail or "null")) for a in s.scalars(select(AuditLog))]


def test_create_trims_lowercases_colour_and_lists_with_usage(db: Database) -> None:
    tid = create_tag(db, "  怕疼 ", "custom", "#AbCdEf")
    other = create_tag(db, "学生", "static")
    [p1, p2] = _patients(db, 2)
    add_tag_to_patients(db, tid, [p1, p2])
    tags = list_tags(db)
    assert [(t.name, t.category, t.color, t.patients) for t in tags] == [
        ("学生", "static", "#607d8b", 0),  # static sorts before custom
        ("怕疼", "custom", "#abcdef", 2),
    ]
    assert tags[0].id == other
    assert [t.name for t in tags_of_patient(db, p1)] == ["怕疼"]


@pytest.mark.parametrize(
    ("name", "category", "color", "fragment"),
    [
        ("", "custom", "#000000", "不能为空"),
        ("   ", "custom", "#000000", "不能为空"),
        ("x" * 65, "custom", "#000000", "64"),
        ("洁牙,美白", "custom", "#000000", "分隔符"),
        ("洁牙、美白", "custom", "#000000", "分隔符"),
        ("怕疼", "hobby", "#000000", "未知的标签类别"),
        ("怕疼", "custom", "red", "#rrggbb"),
        ("怕疼", "custom", "#12345", "#rrggbb"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    db: Database, name: str, category: str, color: str, fragment: str
) -> None:
    with pytest.raises(TagError, match=fragment) as info:
        create_tag(db, name, category, color)
    assert " / " in str(info.value)  # Chinese first, then English
    assert _tag_count(db) == 0


def test_duplicate_names_are_refused_ignoring_case(db: Database) -> None:
    vip = create_tag(db, "VIP接待")
    other = create_tag(db, "怕疼")
    with pytest.raises(TagError, match="已有同名标签"):
        create_tag(db, " vip接待")
    with pytest.raises(TagError, match="已有同名标签"):
        rename_tag(db, other, "VIP接待")
    rename_tag(db, vip, "vip接待")  # its own name in another case is fine
    rename_tag(db, other, "  很怕疼 ")
    assert sorted(t.name for t in list_tags(db)) == ["vip接待", "很怕疼"]


def test_recolour_and_category(db: Database) -> None:
    tid = create_tag(db, "爱分享", "custom")
    recolor_tag(db, tid, "#D81B60")
    set_tag_category(db, tid, "behaviour")
    [tag] = list_tags(db)
    assert (tag.color, tag.category) == ("#d81b60", "behaviour")
    with pytest.raises(TagError):
        set_tag_category(db, tid, "vip")
    with pytest.raises(TagError):
        recolor_tag(db, tid, "#xyzxyz")
    with pytest.raises(TagError, match="标签不存在"):
        rename_tag(db, 999, "x")
    [tag] = list_tags(db)
    assert (tag.color, tag.category) == ("#d81b60", "behaviour")


def test_merge_keeps_every_assignment_once_deletes_source_and_audits(db: Database) -> None:
    p = _patients(db, 5)
    a = create_tag(db, "高消费", "consumption")
    b = create_tag(db, "大客户", "consumption")
    c = create_tag(db, "怕疼")
    add_tag_to_patients(db, a, p[0:3])  # 1, 2, 3
    add_tag_to_patients(db, b, p[2:5])  # 3, 4, 5 — patient 3 has both
    add_tag_to_patients(db, c, p[0:1])
    result = merge_tags(db, a, b)
    assert (result.moved, result.already) == (2, 1)
    assert _assignments(db) == sorted([(p[0], c)] + [(pid, b) for pid in p])
    assert {t.name: t.patients for t in list_tags(db)} == {"大客户": 5, "怕疼": 1}
    [(action, detail)] = _audit(db)
    assert action == "tag merge"
    assert detail == {
        "from": {"id": a, "name": "高消费"},
        "into": {"id": b, "name": "大客户"},
        "moved": 2,
        "already": 1,
    }


def test_merge_refusals_write_nothing(db: Database) -> None:
    [p1] = _patients(db, 1)
    a = create_tag(db, "甲")
    add_tag_to_patients(db, a, [p1])
    with pytest.raises(TagError, match="自己"):
        merge_tags(db, a, a)
    with pytest.raises(TagError, match="标签不存在"):
        merge_tags(db, a, 999)
    assert _assignments(db) == [(p1, a)]
    assert _tag_count(db) == 1
    assert _audit(db) == []


def test_delete_removes_its_assignments_and_audits(db: Database) -> None:
    p = _patients(db, 3)
    a, b = create_tag(db, "甲"), create_tag(db, "乙")
    add_tag_to_patients(db, a, p)
    add_tag_to_patients(db, b, p[:1])
    assert delete_tag(db, a) == 3
    assert _assignments(db) == [(p[0], b)]
    assert [t.name for t in list_tags(db)] == ["乙"]
    assert _audit(db) == [("tag delete", {"id": a, "name": "甲", "patients": 3})]


def test_bulk_add_and_remove_are_idempotent(db: Database) -> None:
    """How fast: tests/perf/test_tags_perf.py."""
    ids = _patients(db, 10_000)
    tid = create_tag(db, "活动常客", "behaviour")
    assert add_tag_to_patients(db, tid, ids) == 10_000
    assert add_tag_to_patients(db, tid, ids) == 0  # second time: nothing new
    assert add_tag_to_patients(db, tid, ids[:10] + ids[:10]) == 0  # duplicates in the input collapse
    assert remove_tag_from_patients(db, tid, ids[:4_000]) == 4_000
    assert remove_tag_from_patients(db, tid, ids[:4_000]) == 0
    assert add_tag_to_patients(db, tid, np.array(ids[:100])) == 100  # NumPy ids from the patient list
    assert {t.name: t.patients for t in list_tags(db)} == {"活动常客": 6_100}


def test_bulk_add_with_an_unknown_patient_writes_nothing(db: Database) -> None:
    ids = _patients(db, 3)
    tid = create_tag(db, "甲")
    with pytest.raises(TagError, match="1 个患者不存在"):
        add_tag_to_patients(db, tid, [*ids, 99_999])
    with pytest.raises(TagError, match="无效"):
        add_tag_to_patients(db, tid, [ids[0], "2"])  # type: ignore[list-item]
    with pytest.raises(TagError, match="标签不存在"):
        add_tag_to_patients(db, 999, ids)
    assert _assignments(db) == []
    assert remove_tag_from_patients(db, tid, [99_999]) == 0  # nothing to remove from nobody
    assert add_tag_to_patients(db, tid, []) == 0


def test_tags_of_patient(db: Database) -> None:
    with db.sessions.begin() as s:
        p = add_patient(s, "张三", "13800000001").id
    a, b = create_tag(db, "怕疼", "custom"), create_tag(db, "学生", "static")
    create_tag(db, "宝妈", "static")
    add_tag_to_patients(db, a, [p])
    add_tag_to_patients(db, b, [p])
    assert [t.name for t in tags_of_patient(db, p)] == ["学生", "怕疼"]
    assert tags_of_patient(db, 999) == []
    with db.sessions.begin() as s:  # each tag's usage is the whole clinic's, not just this patient's
        others = [add_patient(s, f"李{i}", f"1380000010{i}").id for i in range(3)]
    add_tag_to_patients(db, a, others)
    add_tag_to_patients(db, b, others[:1])
    mine = tags_of_patient(db, p)
    assert [(t.name, t.patients) for t in mine] == [("学生", 2), ("怕疼", 4)]
    assert mine == [t for t in list_tags(db) if t.name in ("学生", "怕疼")]
