"""Issue 15: ``report``, ``patient`` and the call lists read the stored metrics when they are still those of
the data and settings (:func:`metrics_current`), else compute afresh — the same numbers either way, and
never numbers the data has moved away from."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date, timedelta

import pytest

from clinic_desktop.services import metrics
from clinic_desktop.services.calllists import build_list
from clinic_desktop.services.clinic_settings import load_settings, save_settings
from clinic_desktop.services.database import Database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.metrics import metrics_current, recompute
from clinic_desktop.services.patient_card import patient_card
from clinic_desktop.services.report import report

AS_OF = date(2026, 11, 22)


@pytest.fixture
def clinic(db: Database) -> Database:
    generate_demo(db, patients=600, seed=3, as_of=AS_OF)
    recompute(db, AS_OF)
    return db


def _paying_phone(db: Database) -> str:
    with closing(sqlite3.connect(db.path)) as conn:
        (phone,) = conn.execute(
            "SELECT p.phone FROM patients p JOIN visits v ON v.patient_id = p.id WHERE p.phone IS NOT NULL"
            " GROUP BY p.id ORDER BY SUM(v.amount_fen) DESC LIMIT 1"
        ).fetchone()
    return str(phone)


def _fresh_report(db: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    with monkeypatch.context() as m:
        m.setattr("clinic_desktop.services.report.current_key", lambda _conn, _as_of: None)
        return report(db, AS_OF)


def test_current_after_a_recompute_and_only_for_its_day(clinic: Database) -> None:
    assert metrics_current(clinic, AS_OF)
    assert not metrics_current(clinic, AS_OF + timedelta(days=1))


def test_stored_and_fresh_give_the_same_report_and_card(
    clinic: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = report(clinic, AS_OF)
    assert stored == _fresh_report(clinic, monkeypatch)
    phone = _paying_phone(clinic)
    card = patient_card(clinic, phone, AS_OF)
    with monkeypatch.context() as m:
        m.setattr("clinic_desktop.services.patient_card.metrics_current_on", lambda _conn, _as_of: False)
        assert patient_card(clinic, phone, AS_OF) == card


def test_an_edit_without_a_recompute_is_never_served_stale(
    clinic: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A visit saved whose recompute never ran (the database was busy, the app was killed): the stored
    metrics are no longer current, so the report and the card are computed from the data as it is."""
    phone = _paying_phone(clinic)
    before = patient_card(clinic, phone, AS_OF)
    with closing(sqlite3.connect(clinic.path)) as conn:
        conn.execute(
            "INSERT INTO visits (patient_id, visit_date, amount_fen)"
            " SELECT id, ?, 88800 FROM patients WHERE phone = ?",
            (AS_OF.isoformat(), phone),
        )
        conn.commit()
    assert not metrics_current(clinic, AS_OF)
    after = patient_card(clinic, phone, AS_OF)
    assert after["spend_total_fen"] == before["spend_total_fen"] + 88800
    assert report(clinic, AS_OF) == _fresh_report(clinic, monkeypatch)
    recompute(clinic, AS_OF)
    assert metrics_current(clinic, AS_OF) and patient_card(clinic, phone, AS_OF) == after


def test_an_update_and_a_settings_change_count_too(clinic: Database) -> None:
    with closing(sqlite3.connect(clinic.path)) as conn:
        conn.execute("UPDATE surveys SET overall = 1 WHERE id = (SELECT MIN(id) FROM surveys)")
        conn.commit()
    assert not metrics_current(clinic, AS_OF)
    recompute(clinic, AS_OF)
    settings = load_settings(clinic)
    save_settings(clinic, replace(settings, ers_window_months=12))
    assert not metrics_current(clinic, AS_OF)


def test_a_write_while_the_recompute_reads_leaves_them_not_current(
    clinic: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stamp is read before the facts: a visit committed meanwhile makes the stored one old."""
    real = metrics.run_facts

    def facts_with_a_write_meanwhile(*args: object, **kw: object) -> object:
        with closing(sqlite3.connect(clinic.path)) as conn:
            conn.execute(
                "INSERT INTO visits (patient_id, visit_date, amount_fen) VALUES (1, ?, 100)", (AS_OF,)
            )
            conn.commit()
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(metrics, "run_facts", facts_with_a_write_meanwhile)
    recompute(clinic, AS_OF)
    assert not metrics_current(clinic, AS_OF)


def test_call_lists_alike_from_stored_and_fresh(clinic: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    stored = {kind: build_list(clinic, kind, AS_OF).to_json() for kind in ("recall", "reactivation")}
    monkeypatch.setattr("clinic_desktop.services.calllists.build.metrics_current", lambda _db, _as_of: False)
    for kind, built in stored.items():
        assert build_list(clinic, kind, AS_OF).to_json() == built


def _stored_ids(db: Database) -> list[int]:
    with closing(sqlite3.connect(db.path)) as conn:
        return [r[0] for r in conn.execute("SELECT patient_id FROM patient_metrics ORDER BY patient_id")]


def _count_stored_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    reads: list[int] = []
    real = metrics.read_stored

    def counted(cursor: sqlite3.Cursor) -> metrics.Stored:
        reads.append(1)
        return real(cursor)

    monkeypatch.setattr(metrics, "read_stored", counted)
    return reads


def test_the_stored_digests_read_while_the_workers_run_are_used_when_nothing_was_committed_since(
    clinic: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _count_stored_reads(monkeypatch)
    recompute(clinic, AS_OF + timedelta(days=1))
    assert len(reads) == 1  # the early read only
    assert metrics_current(clinic, AS_OF + timedelta(days=1))


def test_a_commit_after_the_early_read_of_the_stored_digests_makes_the_recompute_read_them_again(
    clinic: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A metrics row deleted after the early read (another program, an erase): trusting the early read,
    the same-day recompute would think the row still stored and unchanged, and leave it missing."""
    everyone = _stored_ids(clinic)
    reads = _count_stored_reads(monkeypatch)
    real = metrics.run_facts

    def facts_then_a_commit(*args: object, meanwhile: object = None, **kw: object) -> object:
        def early_then_delete() -> None:
            assert callable(meanwhile)
            meanwhile()
            with closing(sqlite3.connect(clinic.path)) as conn:
                conn.execute("DELETE FROM patient_metrics WHERE patient_id = ?", (everyone[5],))
                conn.commit()

        return real(*args, meanwhile=early_then_delete, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(metrics, "run_facts", facts_then_a_commit)
    summary = recompute(clinic, AS_OF)
    assert len(reads) == 2  # the early read, then again inside the write transaction
    assert summary.written.inserted == 1
    assert _stored_ids(clinic) == everyone


def _count_tag_pair_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from clinic_desktop.services import derived_tags

    reads: list[int] = []
    real = derived_tags._stored_keys

    def counted(cursor: sqlite3.Cursor, tag_ids: object) -> object:
        reads.append(1)
        return real(cursor, tag_ids)  # type: ignore[arg-type]

    monkeypatch.setattr(derived_tags, "_stored_keys", counted)
    return reads


def _rule_pairs(db: Database) -> list[tuple[int, int]]:
    with closing(sqlite3.connect(db.path)) as conn:
        return conn.execute(
            "SELECT pt.patient_id, pt.tag_id FROM patient_tags pt JOIN tags t ON t.id = pt.tag_id"
            " WHERE t.rule IS NOT NULL ORDER BY 1, 2"
        ).fetchall()


def test_the_rule_tag_pairs_read_while_the_workers_run_are_used_when_nothing_was_committed_since(
    clinic: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _count_tag_pair_reads(monkeypatch)
    recompute(clinic, AS_OF + timedelta(days=30))
    assert len(reads) == 1  # the early read only
    after = _rule_pairs(clinic)
    recompute(clinic, AS_OF)  # back to the first day: the pairs of that day again
    recompute(clinic, AS_OF + timedelta(days=30))
    assert _rule_pairs(clinic) == after


def test_a_commit_after_the_early_read_of_the_rule_tag_pairs_makes_the_recompute_read_them_again(
    clinic: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule tag row deleted after the early read: trusting the early read, the recompute would think
    the pair still stored and leave it missing."""
    everyone = _rule_pairs(clinic)
    assert everyone
    reads = _count_tag_pair_reads(monkeypatch)
    real = metrics.run_facts

    def facts_then_a_commit(*args: object, meanwhile: object = None, **kw: object) -> object:
        def early_then_delete() -> None:
            assert callable(meanwhile)
            meanwhile()
            with closing(sqlite3.connect(clinic.path)) as conn:
                conn.execute("DELETE FROM patient_tags WHERE patient_id = ? AND tag_id = ?", everyone[3])
                conn.commit()

        return real(*args, meanwhile=early_then_delete, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(metrics, "run_facts", facts_then_a_commit)
    recompute(clinic, AS_OF)
    assert len(reads) == 2  # the early read, then again inside the write transaction
    assert _rule_pairs(clinic) == everyone
