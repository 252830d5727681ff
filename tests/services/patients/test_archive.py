"""Archive and un-archive (issue 13 item 2): dated and audited, and an archived patient leaves every list,
count and ranking PRODUCT names — report, status bar, E ranking, call lists (§5.2 rule 5, never counted
as excluded), dashboard, patient list and tag counts — then comes back whole when un-archived.

| patient | facts |
|---|---|
| 大客户 | ¥9,000 on 2026-05-20 (洁牙, due for recall), the top spender: E5 |
| 甲 乙 丙 丁 | ¥100 … ¥400 on 2026-05-20 (洁牙): E ranks against the 大客户 too |
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from builders import add_patient, add_visit
from clinic_desktop.db.models import AuditLog, Patient, PatientMetrics, PatientTag, Tag
from clinic_desktop.services import calllists as cl
from clinic_desktop.services.dashboard import load_dashboard
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients import (
    PatientFilter,
    PatientList,
    RecordError,
    load_record,
    set_archived,
)
from clinic_desktop.services.report import patient_counts, report

AS_OF = date(2026, 11, 20)
MOMENT = datetime(2026, 11, 20, 9, 30)


@pytest.fixture
def clinic(db: Database) -> dict[str, int]:
    with db.sessions.begin() as s:
        tag = Tag(name="老客户", category="custom")
        s.add(tag)
        s.flush()
        ids = {}
        for n, (name, yuan) in enumerate(
            (("大客户", 9000), ("甲", 100), ("乙", 200), ("丙", 300), ("丁", 400))
        ):
            p = add_patient(s, name, f"1380000000{n}")
            add_visit(s, p, date(2026, 5, 20), yuan, "洁牙")
            s.add(PatientTag(patient_id=p.id, tag_id=tag.id))
            ids[name] = p.id
    recompute(db, AS_OF)
    return ids


def _e(db: Database, patient_id: int) -> int:
    with db.sessions() as s:
        return int(s.scalars(select(PatientMetrics.e).where(PatientMetrics.patient_id == patient_id)).one())


def _seen(db: Database) -> dict[str, object]:
    """What the clinic sees of its patients, everywhere archiving must reach."""
    recall = cl.build_list(db, "recall", AS_OF)
    plist = PatientList(db)
    plist.load()
    shown = plist.query(PatientFilter())
    return {
        "report": report(db, AS_OF)["patients"],
        "status bar": patient_counts(db),
        "dashboard": load_dashboard(db).patients,
        "recall rows": len(recall.rows),
        "recall excluded": sum(recall.excluded_counts.values()),
        "list": shown.count,
        # the typed tag, and the rule-derived ones that hold for someone (PRODUCT §4.1)
        "tag count": {t.name: t.patients for t in plist.tags() if t.patients or t.rule is None},
    }


def test_archive_takes_a_patient_out_of_every_count_and_ranking(db: Database, clinic: dict[str, int]) -> None:
    big, ding = clinic["大客户"], clinic["丁"]
    before = _seen(db)
    assert before == {
        "report": 5,
        "status bar": (5, 0),
        "dashboard": 5,
        "recall rows": 5,
        "recall excluded": 0,
        "list": 5,
        "tag count": {"老客户": 5, "高客单": 1},  # 大客户's ¥9,000 is 30× the median ticket
    }
    assert _e(db, ding) == 4  # one of five pays more: p = 0.2

    assert set_archived(db, [big], True, now=MOMENT).changed == 1
    recompute(db, AS_OF)  # what the UI does after the write: E ranks the others afresh
    assert _seen(db) == {
        "report": 4,
        "status bar": (4, 1),
        "dashboard": 4,
        "recall rows": 4,
        "recall excluded": 0,  # archived patients are never candidates, so never counted (rule 5)
        "list": 4,
        "tag count": {"老客户": 4},  # archived: out of the tag counts, derived tags too
    }
    assert _e(db, ding) == 5  # now the top spender of four
    # the patient view says since when; the list finds them on asking
    profile = load_record(db, big, AS_OF).profile
    assert profile.archived and profile.archived_at == MOMENT
    plist = PatientList(db)
    plist.load()
    archived = plist.query(PatientFilter(only_archived=True))
    assert list(archived.ids) == [big]
    assert plist.query(PatientFilter(text="13800000000")).count == 0
    assert plist.query(PatientFilter(text="13800000000", include_archived=True)).count == 1
    assert cl.why_not(db, "recall", AS_OF, big)[0].startswith("已归档")

    assert set_archived(db, [big], False, now=MOMENT).changed == 1
    recompute(db, AS_OF)
    assert _seen(db) == before
    assert _e(db, ding) == 4
    assert load_record(db, big, AS_OF).profile.archived_at is None


def test_archive_a_selection_is_one_audited_transaction(db: Database, clinic: dict[str, int]) -> None:
    first = set_archived(db, [clinic["甲"], clinic["乙"]], True, now=MOMENT)
    assert (first.selected, first.changed) == (2, 2)
    again = set_archived(db, [clinic["甲"], clinic["丙"]], True, now=datetime(2026, 11, 21, 8))
    assert (again.selected, again.changed) == (2, 1)  # 甲 was archived already: its date stays
    with db.sessions() as s:
        dates = dict(s.execute(select(Patient.name, Patient.archived_at).where(Patient.archived)).all())
        audit = [(a.action, json.loads(a.detail)) for a in s.scalars(select(AuditLog).order_by(AuditLog.id))]
    assert dates == {"甲": MOMENT, "乙": MOMENT, "丙": datetime(2026, 11, 21, 8)}
    assert [(action, detail["changed"]) for action, detail in audit] == [
        ("archive", [clinic["甲"], clinic["乙"]]),
        ("archive", [clinic["丙"]]),
    ]
    assert audit[0][1]["at"] == "2026-11-20 09:30:00"

    set_archived(db, [clinic["乙"], clinic["丁"]], False, now=MOMENT)  # 丁 was never archived
    with db.sessions() as s:
        last = s.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert last is not None and last.action == "unarchive"
        assert json.loads(last.detail)["changed"] == [clinic["乙"]]
    set_archived(db, [clinic["丁"]], False)  # nothing changed: nothing audited
    with db.sessions() as s:
        assert len(s.scalars(select(AuditLog)).all()) == 3


def test_an_unknown_patient_refuses_the_whole_selection(db: Database, clinic: dict[str, int]) -> None:
    with pytest.raises(RecordError, match="不存在"):
        set_archived(db, [clinic["甲"], 999], True)
    with pytest.raises(RecordError):
        set_archived(db, [], True)
    with db.sessions() as s:
        assert not s.scalars(select(Patient).where(Patient.archived)).all()
