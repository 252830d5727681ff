"""Every table of a database as canonical rows: ids replaced by what identifies the row (a patient by
phone, name and birth date — and, among patients alike in every column, their order; a treatment or tag by
name), counted as multisets — so two databases with the
same data compare equal however their ids were numbered (the clinic workbook round trip, PRODUCT §7.1)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path

from clinic_desktop.services.importing.db_state import stored_moment

__all__ = ["canonical"]


def canonical(path: Path) -> dict[str, Counter[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as conn:
        pats = conn.execute(
            "SELECT id, name, gender, birth_date, lunar_birthday, phone, wechat, address, district, occupation,"
            " source, referred_by_id, first_contact_date, notes, do_not_contact, do_not_contact_at,"
            " marketing_consent, marketing_consent_at, manual_vip, archived, opening_visits, opening_spend_fen,"
            " opening_last_visit, pinyin_full, pinyin_initials, landline, birth_partial, knowledge FROM patients"
        ).fetchall()
        # A patient is (phone, name, birth date); patients alike in every column but the id (phone-less
        # namesakes of a large clinic) are told apart by their order, which an export and import keep.
        seen: Counter[tuple[object, ...]] = Counter()
        who: dict[int, tuple[object, ...]] = {}
        for r in sorted(pats, key=lambda r: r[0]):
            alike = (r[5], r[1], r[3], *r[2:3], *r[4:5], *r[6:11], *r[12:])
            who[r[0]] = (r[5], r[1], r[3], seen[alike])
            seen[alike] += 1
        treat = dict(conn.execute("SELECT id, name FROM treatments"))
        tags = dict(conn.execute("SELECT id, name FROM tags"))
        visit_day = dict(conn.execute("SELECT id, visit_date FROM visits"))
        out: dict[str, Counter[tuple[object, ...]]] = {}
        out["patients"] = Counter(
            (*r[1:11], who.get(r[11]), r[12], r[13], r[14], stored_moment(r[15]), *r[16:]) for r in pats
        )
        out["tags"] = Counter(conn.execute("SELECT name, category, color, rule FROM tags"))
        out["patient_tags"] = Counter(
            (who[p], tags[t]) for p, t in conn.execute("SELECT patient_id, tag_id FROM patient_tags")
        )
        out["treatments"] = Counter(
            conn.execute("SELECT name, category, recall_days, active FROM treatments")
        )
        out["visits"] = Counter(
            (who[p], d, treat.get(t), a, c, s)
            for p, d, t, a, c, s in conn.execute(
                "SELECT patient_id, visit_date, treatment_id, amount_fen, coupon, staff FROM visits"
            )
        )
        out["surveys"] = Counter(
            (who[r[0]], r[1], visit_day.get(r[2]), *r[3:])
            for r in conn.execute(
                "SELECT patient_id, survey_date, visit_id, overall, service, result, environment, price, nps, comment"
                " FROM surveys"
            )
        )
        out["interactions"] = Counter(
            (who[p], stored_moment(w), k, d)
            for p, w, k, d in conn.execute("SELECT patient_id, occurred_at, kind, detail FROM interactions")
        )
        out["appointments"] = Counter(
            (who[p], stored_moment(w), treat.get(t), s)
            for p, w, t, s in conn.execute(
                "SELECT patient_id, scheduled_at, treatment_id, status FROM appointments"
            )
        )
        out["contacts"] = Counter(
            (who[r[0]], stored_moment(r[1]), *r[2:])
            for r in conn.execute(
                "SELECT patient_id, contacted_at, channel, purpose, outcome, staff, note, call_list_row_id FROM contacts"
            )
        )
    return out
