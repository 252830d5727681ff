"""Migrations: a populated database goes from the first revision to head without losing a row."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from clinic_desktop.db import migrate
from clinic_desktop.db.migrate import (
    DatabaseError,
    MigrationError,
    NewerDatabaseError,
    current_revision,
    ensure_schema,
    row_counts,
)
from clinic_desktop.db.schema_version import HEAD_REVISION, KNOWN_REVISIONS
from clinic_desktop.services.database import open_database


def _populate_first_schema(path: Path) -> None:
    """Rows in every table of revision 0001, linked through foreign keys with ON DELETE CASCADE."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.executemany(
            "INSERT INTO treatments (id, name, category, recall_days, active) VALUES (?, ?, ?, ?, 1)",
            [(1, "洁牙", "口腔", 180), (2, "种植牙", "种植", None)],
        )
        conn.executemany(
            "INSERT INTO patients (id, name, phone, gender, referred_by_id, do_not_contact, marketing_consent,"
            " manual_vip, archived, opening_visits, opening_spend_fen, lunar_birthday, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, 0, 1, 0, 0, 0, 0, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            [
                (1, "曾强", "13800000001", "M", None),
                (2, "张三", "13800000002", "F", 1),
                (3, "单田芳", None, None, 1),
            ],
        )
        conn.executemany(
            "INSERT INTO visits (patient_id, visit_date, treatment_id, amount_fen) VALUES (?, ?, ?, ?)",
            [(1, "2025-01-02", 1, 20000), (1, "2025-07-02", 2, 1200000), (2, "2025-03-03", 1, 18000)],
        )
        conn.execute("INSERT INTO tags (id, name, category, color) VALUES (1, '怕疼', 'custom', '#f00')")
        conn.execute("INSERT INTO patient_tags (patient_id, tag_id, created_at) VALUES (1, 1, '2026-01-01')")
        conn.execute(
            "INSERT INTO interactions (patient_id, occurred_at, kind) VALUES (3, '2026-01-01 10:00:00', 'consult')"
        )
        conn.execute(
            "INSERT INTO appointments (patient_id, scheduled_at, status) VALUES (2, '2026-12-01 09:00:00', 'booked')"
        )
        conn.execute(
            "INSERT INTO surveys (patient_id, survey_date, visit_id, overall) VALUES (1, '2025-07-03', 2, 5)"
        )
        conn.execute(
            "INSERT INTO call_lists (id, kind, as_of, params) VALUES (1, 'recall', '2026-01-01', '{}')"
        )
        conn.execute(
            "INSERT INTO call_list_rows (id, call_list_id, patient_id, position, reason, row_key)"
            " VALUES (1, 1, 1, 1, '洁牙已满6个月', 'k1')"
        )
        conn.execute(
            "INSERT INTO contacts (patient_id, contacted_at, channel, purpose, outcome, call_list_row_id)"
            " VALUES (1, '2026-01-02 10:00:00', 'phone', 'recall', 'booked', 1)"
        )
        conn.execute("INSERT INTO audit_log (action, detail) VALUES ('import', 'x')")
        conn.execute("INSERT INTO settings (key, value) VALUES ('clinic_name', '\"好牙诊所\"')")
        conn.execute(
            "INSERT INTO patient_metrics (patient_id, stage, purchases, activity, spend_window_fen,"
            " spend_total_fen, e, r, composite_centi, koc, at_risk, no_feedback, referrals,"
            " converted_referrals, referral_spend_fen) VALUES (1, 'repeat', 2, 'active',"
            " 1220000, 1220000, 5, 2, 440, 0, 0, 0, 2, 1, 18000)"
        )
        conn.commit()


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
            for t in tables
            if t != "alembic_version"
        }


def test_head_constant_matches_migration_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == HEAD_REVISION
    assert [rev.revision for rev in reversed(list(script.walk_revisions()))] == list(KNOWN_REVISIONS)


def test_first_revision_to_head_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    ensure_schema(path, target="0001")
    _populate_first_schema(path)
    before = _dump(path)
    counts = row_counts(path)
    assert all(n > 0 for n in counts.values()), counts

    report = ensure_schema(path)

    assert report.from_revision == "0001" and report.to_revision == HEAD_REVISION
    assert current_revision(path) == HEAD_REVISION
    after_counts = row_counts(path)
    assert {t: n for t, n in after_counts.items() if t in counts} == counts
    # tables added by later revisions (0003: import_batches, import_changes) start empty; 0007's
    # data_changes holds its one counter row, which counted the three patients' search keys filled in
    assert all(n == 0 for t, n in after_counts.items() if t not in counts and t != "data_changes")
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT id, generation FROM data_changes").fetchall() == [(1, 3)]
    after = _dump(path)
    for table, rows in before.items():
        if table == "patient_metrics":
            # 0008 appended the rule-tag and segment columns, at their defaults until the next recompute
            assert [row[: len(rows[0])] for row in after[table]] == rows
            assert {row[len(rows[0]) :] for row in after[table]} == {(0, 0, 0, 0, "unknown")}
        elif table != "patients":
            assert after[table] == rows, table
    # patients gained columns (0002: search keys; 0004: landline, birth_partial; 0005: guardian consent;
    # 0006: archived_at; 0008: knowledge); every old value is still there, the search keys were filled in,
    # the new columns are empty
    with closing(sqlite3.connect(path)) as conn:
        conn.row_factory = sqlite3.Row
        patients = {r["id"]: r for r in conn.execute("SELECT * FROM patients")}
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # 0008: the knowledge column and the share purpose are checked like every other code
        conn.execute("UPDATE patients SET knowledge = 'expert' WHERE id = 1")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE patients SET knowledge = 'guru' WHERE id = 1")
        conn.execute("UPDATE contacts SET purpose = 'share'")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE contacts SET purpose = 'spam'")
        conn.rollback()
    assert all(p["knowledge"] is None and p["knowledge_at"] is None for p in patients.values())
    assert patients[1]["name"] == "曾强" and patients[1]["pinyin_initials"] == "zq"
    assert patients[3]["pinyin_initials"] == "stf"
    assert patients[2]["referred_by_id"] == 1
    assert all(p["landline"] is None and p["birth_partial"] is None for p in patients.values())
    assert all(p["archived_at"] is None for p in patients.values())  # 0006
    # a consistent copy of the old file was taken before migrating
    assert report.backup is not None and report.backup.exists()
    assert current_revision(report.backup) == "0001"
    assert row_counts(report.backup) == counts


def test_0003_to_0004_adds_the_landline_and_partial_birth_in_place(tmp_path: Path) -> None:
    """0004 adds two nullable columns without recreating patients: rows, ids and links stay as they were."""
    path = tmp_path / "old.db"
    ensure_schema(path, target="0001")
    _populate_first_schema(path)
    ensure_schema(path, target="0003")
    before = _dump(path)
    ensure_schema(path, target="0004")
    after = _dump(path)
    assert current_revision(path) == "0004"
    for table, rows in before.items():
        if table == "patients":
            assert [r[:-2] for r in after[table]] == rows and all(
                r[-2:] == (None, None) for r in after[table]
            )
        else:
            assert after[table] == rows, table


def test_0004_to_0005_adds_the_guardian_consent_in_place(tmp_path: Path) -> None:
    """0005 adds the guardian's consent (not given) and its date (none) to every patient, touching nothing
    else: nobody gains a consent they never gave."""
    path = tmp_path / "old.db"
    ensure_schema(path, target="0001")
    _populate_first_schema(path)
    ensure_schema(path, target="0004")
    before = _dump(path)
    ensure_schema(path, target="0005")
    after = _dump(path)
    assert current_revision(path) == "0005"
    for table, rows in before.items():
        if table == "patients":
            assert [r[:-2] for r in after[table]] == rows and all(r[-2:] == (0, None) for r in after[table])
        else:
            assert after[table] == rows, table


def test_0005_to_0006_adds_the_archive_date_in_place(tmp_path: Path) -> None:
    """0006 adds one nullable column (when a patient was archived): every row and link stays as it was."""
    path = tmp_path / "old.db"
    ensure_schema(path, target="0001")
    _populate_first_schema(path)
    ensure_schema(path, target="0005")
    before = _dump(path)
    ensure_schema(path, target="0006")
    after = _dump(path)
    assert current_revision(path) == "0006"
    for table, rows in before.items():
        if table == "patients":
            assert [r[:-1] for r in after[table]] == rows and all(r[-1] is None for r in after[table])
        else:
            assert after[table] == rows, table


def test_0006_to_0007_adds_the_change_counter_and_its_triggers(tmp_path: Path) -> None:
    """0007 adds data_changes (one row, 0) and an update and a delete trigger per fact table; no row of
    any other table changes, and from then on an update moves the counter."""
    path = tmp_path / "old.db"
    ensure_schema(path, target="0001")
    _populate_first_schema(path)
    ensure_schema(path, target="0006")
    before = _dump(path)
    ensure_schema(path, target="0007")
    after = _dump(path)
    assert current_revision(path) == "0007"
    assert {t: rows for t, rows in after.items() if t != "data_changes"} == before
    with closing(sqlite3.connect(path)) as conn:
        triggers = conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0]
        conn.execute("UPDATE patients SET notes = 'x' WHERE id = 1")
        assert conn.execute("SELECT generation FROM data_changes").fetchone()[0] == 1
    assert triggers == 12


def test_0007_to_0008_adds_knowledge_and_the_rule_tag_columns_keeping_every_row(tmp_path: Path) -> None:
    """0008 adds knowledge (none recorded) in place, the rule-tag facts to the metrics at their defaults
    (recomputed next), and recreates contacts for the share purpose with every row as it was — and keeps
    0007's change-counting triggers (contacts is not counted; no trigger goes with it)."""
    path = tmp_path / "old.db"
    ensure_schema(path, target="0001")
    _populate_first_schema(path)
    ensure_schema(path, target="0007")
    before = _dump(path)
    ensure_schema(path)
    after = _dump(path)
    assert current_revision(path) == "0008"
    for table, rows in before.items():
        if table == "patients":
            assert [r[:-2] for r in after[table]] == rows and all(
                r[-2:] == (None, None) for r in after[table]
            )
        elif table == "patient_metrics":
            assert [r[:-5] for r in after[table]] == rows
        else:
            assert after[table] == rows, table
    with closing(sqlite3.connect(path)) as conn:
        triggers = conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0]
    assert triggers == 12


def test_the_trap_is_real_with_foreign_keys_on(tmp_path: Path) -> None:
    """Why migrate turns foreign keys off: recreating ``patients`` with them on cascades into visits."""
    from alembic import command
    from sqlalchemy import create_engine, event

    path = tmp_path / "trap.db"
    ensure_schema(path, target="0001")
    _populate_first_schema(path)
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _fk_on(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    engine.dispose()
    assert row_counts(path)["visits"] == 0  # silently gone: exactly what _verify would catch


def test_failed_verification_restores_the_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    ensure_schema(path, target="0001")
    _populate_first_schema(path)
    before = _dump(path)

    def broken_verify(_path: Path, _before: dict[str, int]) -> None:
        raise MigrationError("simulated row-count mismatch")

    monkeypatch.setattr(migrate, "_verify", broken_verify)
    with pytest.raises(MigrationError):
        ensure_schema(path)
    assert current_revision(path) == "0001"
    assert _dump(path) == before


def test_newer_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    ensure_schema(path)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    mtime = path.stat().st_mtime_ns
    with pytest.raises(NewerDatabaseError, match="更新版本"):
        open_database(path)
    assert path.stat().st_mtime_ns == mtime
    assert list(tmp_path.glob("*.backup-*")) == []


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE orders (id INTEGER)")
        conn.commit()
    with pytest.raises(DatabaseError, match="不是私域助手的数据库"):
        open_database(path)


def test_not_a_database_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.db"
    path.write_bytes(b"PK\x03\x04 this is a zip, not sqlite" * 100)
    with pytest.raises(DatabaseError):
        open_database(path)


def test_missing_file_is_not_created_when_create_is_false(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    with pytest.raises(DatabaseError, match="找不到数据库文件"):
        open_database(path, create=False)
    assert not path.exists()


def test_new_database_is_seeded_and_at_head(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.db")
    try:
        assert db.migration.from_revision is None
        assert db.migration.backup is None
        counts = row_counts(db.path)
        assert counts["treatments"] >= 8
    finally:
        db.close()
    # opening again does nothing: no backup, no migration
    again = open_database(tmp_path / "new.db")
    again.close()
    assert not again.migration.migrated
    assert list(tmp_path.glob("*.backup-*")) == []


def test_engine_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.db")
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
    finally:
        db.close()


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    """Head of the migration scripts and the SQLAlchemy models describe the same schema (no drift)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from clinic_desktop.db.models import Base

    path = tmp_path / "head.db"
    ensure_schema(path)
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert diff == []
