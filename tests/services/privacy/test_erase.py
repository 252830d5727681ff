"""Erasing a patient: afterwards no table holds a row that names them or points to them — scanned over every
table and column of the schema — while everyone else's data is untouched and still consistent.

The clinic touches every table a patient can reach: imported twice (import traces, one of them another
patient's saved "before" that names them as referrer), a phone-less duplicate merged into them (an audit
row with their id), visits with a survey (and another patient's survey linked to their visit), an
interaction, an appointment, a tag, metrics, a call list exported to a file named after them with an outcome
logged against its row, and another patient whose note holds their phone.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from builders import add_appointment, add_interaction, add_patient, add_survey, add_visit
from clinic_desktop.core.access import AccessDenied, Role
from clinic_desktop.db.models import Base, Patient, Survey, Visit
from clinic_desktop.services import calllists as cl
from clinic_desktop.services.audit import PATIENT_KEYS
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing import inspect_file, run_import
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients import merge_patients, set_contact_flags, tag_by_name
from clinic_desktop.services.privacy import REDACTED, EraseError, erase_patient, find_by_phone, plan_erase

AS_OF = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 10, 0)
NAME, PHONE, LANDLINE = "欧阳娜娜", "13912345678", "0571-88886666"
REFERRED, OTHER = "13700000002", "13700000003"


def _csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def build_clinic(db: Database, tmp_path: Path) -> int:
    run_import(
        db,
        inspect_file(
            _csv(
                tmp_path,
                "第一批.csv",
                "姓名,手机,介绍人手机,备注\n"
                f"{NAME},{PHONE},,\n"
                f"司马光,{REFERRED},{PHONE},\n"
                f"诸葛亮,{OTHER},,孩子电话{PHONE}\n",
            )
        ),
        now=NOW,
    )
    # the second import changes her note and moves 司马光's referrer: his saved "before" names her
    run_import(
        db,
        inspect_file(
            _csv(
                tmp_path,
                f"{NAME}的资料.csv",
                f"姓名,手机,介绍人手机,备注\n{NAME},{PHONE},,怕疼\n司马光,{REFERRED},{OTHER},\n",
            )
        ),
        now=NOW,
    )
    with db.sessions.begin() as session:
        pid = session.scalars(select(Patient.id).where(Patient.phone == PHONE)).one()
        me = session.get(Patient, pid)
        assert me is not None
        add_visit(session, me, date(2026, 5, 20), 300, "洁牙")
        add_visit(session, me, date(2026, 6, 1), 8_000, "种植牙")
        session.flush()
        visit = session.scalars(select(Visit.id).where(Visit.patient_id == pid)).first()
        session.add(Survey(patient_id=pid, survey_date=date(2026, 6, 2), visit_id=visit, overall=5))
        add_interaction(session, me, datetime(2026, 4, 1, 9), "consult")
        add_appointment(session, me, datetime(2026, 6, 1, 9), "done")
        other = session.scalars(select(Patient).where(Patient.phone == OTHER)).one()
        add_survey(session, other, date(2026, 6, 3), 4)
        session.flush()
        # an odd but possible link: another patient's survey names her visit
        session.execute(Survey.__table__.update().where(Survey.patient_id == other.id).values(visit_id=visit))
        dup = add_patient(session, NAME, None, notes=f"重复建档 {PHONE}").id
        me.landline = LANDLINE
        other.notes = f"{other.notes}；家里座机 {LANDLINE}"
    merge_patients(db, pid, [dup])
    tag_by_name(db, pid, "怕疼")
    with db.sessions() as session:
        everyone = list(session.scalars(select(Patient.id)))
    set_contact_flags(db, everyone, marketing_consent=True)  # an audit row listing the ids it changed
    recompute(db, AS_OF)
    built = cl.build_list(db, "recall", AS_OF)
    assert pid in [r.patient_id for r in built.rows]
    list_id = cl.save_list(db, built)
    cl.export_list(db, list_id, tmp_path / f"{NAME}-回访.xlsx")
    row_id = next(r.row_id for r in cl.load_saved(db, list_id).rows if r.patient_id == pid)
    assert row_id is not None
    cl.record_outcome(db, row_id, "reached", note="已约", when=NOW)
    return pid


@pytest.fixture
def clinic(db: Database, tmp_path: Path) -> tuple[Database, int]:
    return db, build_clinic(db, tmp_path)


def _dump(path: Path) -> dict[str, list[dict[str, object]]]:
    with closing(sqlite3.connect(path)) as conn:
        conn.row_factory = sqlite3.Row
        return {
            t.name: [dict(r) for r in conn.execute(f'SELECT * FROM "{t.name}"')]
            for t in Base.metadata.sorted_tables
        }


def _theirs(dump: dict[str, list[dict[str, object]]], pid: int) -> dict[str, set[object]]:
    """Ids of every row that is the patient's or hangs off one (what an erase must leave nothing of)."""
    owned: dict[str, set[object]] = {"patients": {pid}}
    changed = True
    while changed:
        changed = False
        for table in Base.metadata.sorted_tables:
            if "id" not in table.c:
                continue
            for key in table.foreign_keys:
                if (key.ondelete or "").upper() == "SET NULL":
                    continue
                parents = owned.get(key.column.table.name, set())
                new = {r["id"] for r in dump[table.name] if r[key.parent.name] in parents}
                if not new <= owned.setdefault(table.name, set()):
                    owned[table.name] |= new
                    changed = True
    return owned


def traces(path: Path, pid: int, theirs: dict[str, set[object]]) -> list[str]:
    """Every cell of every table that names the patient or points at them or at one of their rows."""
    found = []
    dump = _dump(path)
    for table in Base.metadata.sorted_tables:
        keys = {k.parent.name: k.column.table.name for k in table.foreign_keys}
        for row in dump[table.name]:
            for column, value in row.items():
                if isinstance(value, str) and (NAME in value or PHONE in value or LANDLINE in value):
                    found.append(f"{table.name}.{column} names them: {value!r}")
                if column in keys and value in theirs.get(keys[column], set()):
                    found.append(f"{table.name}.{column} points to their {keys[column]} row {value}")
                if table.name == "patients" and column == "id" and value == pid:
                    found.append("their patients row")
            if table.name == "import_changes":
                if row["row_id"] in theirs.get(str(row["table_name"]), set()):
                    found.append(f"import trace of their {row['table_name']} row {row['row_id']}")
                before = json.loads(str(row["before"])) if row["before"] else {}
                if before.get("referred_by_id") == pid:
                    found.append("a saved 'before' names them as referrer")
            if table.name == "audit_log":
                detail = json.loads(str(row["detail"]))
                for key in PATIENT_KEYS & detail.keys():
                    value = detail[key]
                    if value == pid or (isinstance(value, list) and pid in value):
                        found.append(f"audit row {row['id']} ({row['action']}) names their id under {key}")
                if row["action"] == "contact_flags" and pid in detail.get("consent_changed", []):
                    found.append("the bulk consent row lists their id")
    return found


def test_after_erasing_no_table_names_them_or_points_to_them(
    clinic: tuple[Database, int], tmp_path: Path
) -> None:
    db, pid = clinic
    before = _dump(db.path)
    theirs = _theirs(before, pid)
    # the clinic really does name and point at her everywhere the docstring says
    assert len(traces(db.path, pid, theirs)) >= 20
    assert {"visits", "surveys", "interactions", "appointments", "contacts", "call_list_rows"} <= {
        t for t, ids in theirs.items() if ids
    }
    assert find_by_phone(db, "139 1234 5678") == pid

    summary = erase_patient(db, pid)
    recompute(db, AS_OF)

    assert traces(db.path, pid, theirs) == []
    plan = summary.plan
    assert plan.removed == {
        "patients": 1, "appointments": 1, "call_list_rows": 1, "contacts": 1, "interactions": 1,
        "patient_metrics": 1, "patient_tags": 1, "surveys": 1, "visits": 2,
    }  # fmt: skip
    assert plan.referrals_cut == 0  # the second import had already moved 司马光's referrer
    assert plan.cut == {("surveys", "visit_id"): 1}
    assert plan.import_traces >= 3 and plan.redactions >= 4 and summary.wal_truncated

    after = _dump(db.path)
    # everyone else is as they were, except for what named her
    others = {r["id"]: r for r in after["patients"]}
    assert set(others) == {r["id"] for r in before["patients"]} - {pid}
    note = next(r["notes"] for r in after["patients"] if r["phone"] == OTHER)
    assert note == f"孩子电话{REDACTED}；家里座机 {REDACTED}"
    assert len(after["visits"]) == len(before["visits"]) - 2
    assert len(after["surveys"]) == len(before["surveys"]) - 1  # the other patient's survey stays, unlinked
    assert len(after["call_lists"]) == 1 and REDACTED in str(after["call_lists"][0]["exported_path"])
    assert [b["file_name"] for b in after["import_batches"]] == ["第一批.csv", f"{REDACTED}的资料.csv"]

    # one audit row of the erasure, without personal data: counts only
    erase_rows = [r for r in after["audit_log"] if r["action"] == "erase"]
    assert len(erase_rows) == 1
    detail = json.loads(str(erase_rows[0]["detail"]))
    assert detail["removed"]["visits"] == 2 and erase_rows[0]["user"] == "owner"
    assert not {"patient_id", "name", "phone"} & detail.keys()
    merge = next(json.loads(str(r["detail"])) for r in after["audit_log"] if r["action"] == "merge")
    assert (merge["kept"], merge["merged"]) == (None, [None])  # the merged duplicate was her too
    bulk = next(json.loads(str(r["detail"])) for r in after["audit_log"] if r["action"] == "contact_flags")
    assert None in bulk["consent_changed"] and pid not in bulk["consent_changed"]

    with closing(sqlite3.connect(db.path)) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_file_keeps_no_copy_of_the_erased_rows(clinic: tuple[Database, int]) -> None:
    """secure_delete + a truncating checkpoint: the name and phone bytes are gone from the file itself."""
    db, pid = clinic
    erase_patient(db, pid)
    db.close()
    files = [db.path, Path(f"{db.path}-wal")]
    blob = b"".join(p.read_bytes() for p in files if p.exists())
    assert NAME.encode() not in blob and PHONE.encode() not in blob and LANDLINE.encode() not in blob


def test_restoring_a_backup_from_before_the_erase_cannot_bring_them_back(
    clinic: tuple[Database, int], tmp_path: Path
) -> None:
    """The copy taken before the erase (and any older backup) still holds her; restoring it erases her
    again, from the fingerprint the erase's audit row kept — while a patient added later who got the
    same row id is nobody's fingerprint and stays."""
    from clinic_desktop.services.backup import list_backups, restore_database
    from clinic_desktop.services.database import open_database
    from clinic_desktop.services.privacy import reapply_erasures

    db, pid = clinic
    before_dump = _dump(db.path)
    theirs = _theirs(before_dump, pid)
    erase_patient(db, pid)
    copy = next(b.path for b in list_backups(db.path) if b.reason == "before-erase")
    with closing(sqlite3.connect(copy)) as conn:  # the backup does hold her
        assert conn.execute("SELECT count(*) FROM patients WHERE id = ?", (pid,)).fetchone()[0] == 1
    assert reapply_erasures(db) == 0  # nothing to do on the live file
    db.close()

    restore_database(copy, db.path, in_app=True)
    restored = open_database(db.path)
    try:
        with closing(sqlite3.connect(restored.path)) as conn:
            assert conn.execute("SELECT count(*) FROM patients WHERE id = ?", (pid,)).fetchone()[0] == 1
        assert reapply_erasures(restored) == 1
        recompute(restored, AS_OF)
        assert traces(restored.path, pid, theirs) == []
        with closing(sqlite3.connect(restored.path)) as conn:
            rows = conn.execute("SELECT detail FROM audit_log WHERE action = 'erase' ORDER BY id").fetchall()
        details = [json.loads(r[0]) for r in rows]
        assert [d.get("after_restore", False) for d in details] == [False, True]
        assert details[0]["fingerprint"] == details[1]["fingerprint"]
        assert reapply_erasures(restored) == 0  # once only

        # a later patient who reuses the freed id is not her
        with closing(sqlite3.connect(restored.path)) as conn:
            conn.execute(
                "INSERT INTO patients (id, name, phone, created_at) VALUES (?, '新患者', '13600000009', ?)",
                (pid, "2027-01-02 09:00:00"),
            )
            conn.commit()
        assert reapply_erasures(restored) == 0
    finally:
        restored.close()


def test_undoing_an_import_after_an_erase_cannot_bring_them_back(clinic: tuple[Database, int]) -> None:
    from clinic_desktop.services.importing import undo_last_import

    db, pid = clinic
    erase_patient(db, pid)
    undo_last_import(db)  # restores 司马光's referrer as it was before the second import: no one
    with db.sessions() as session:
        assert session.get(Patient, pid) is None
        assert session.scalars(select(Patient.referred_by_id).where(Patient.phone == REFERRED)).one() is None


def test_the_preview_changes_nothing_and_matches_the_erase(clinic: tuple[Database, int]) -> None:
    db, pid = clinic
    before = _dump(db.path)
    preview = plan_erase(db, pid)
    assert _dump(db.path) == before
    done = erase_patient(db, pid).plan
    assert (preview.removed, preview.cut) == (done.removed, done.cut)
    assert preview.name == NAME and preview.phone == PHONE


def test_unknown_patients_and_staff_are_refused(clinic: tuple[Database, int]) -> None:
    db, pid = clinic
    with pytest.raises(EraseError):
        find_by_phone(db, "13800000000")
    with pytest.raises(EraseError):
        erase_patient(db, 99_999)
    db.access.roles_enabled = True
    db.access.act_as(Role.STAFF)
    with pytest.raises(AccessDenied):
        erase_patient(db, pid)
    with pytest.raises(AccessDenied):
        plan_erase(db, pid)
    with db.sessions() as session:
        assert session.get(Patient, pid) is not None


def test_every_foreign_key_says_whether_it_is_followed_or_cut() -> None:
    """The erase follows ON DELETE CASCADE and cuts ON DELETE SET NULL; a new foreign key without either
    would leave the choice to chance (SQLite would then refuse the delete), so it must say."""
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_keys:
            assert (key.ondelete or "").upper() in ("CASCADE", "SET NULL"), f"{table.name}.{key.parent.name}"
