"""The import's insert writes columns that hold one ``NULL`` or integer in every row as literals of the
statement (``apply._insert``); what is stored must be exactly what binding every value stores."""

from __future__ import annotations

import sqlite3
from typing import Any

from clinic_desktop.db.bulk import insert_rows, write_transaction
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing.apply import _insert
from clinic_desktop.services.importing.db_state import INSERT_COLUMNS


def _visits(first_id: int, amounts: list[Any], staff: list[Any]) -> list[tuple[Any, ...]]:
    """Visit tuples (id, patient_id, visit_date, treatment_id, amount_fen, coupon, staff)."""
    return [
        (first_id + k, 1, "2026-01-02", None, amount, None, who)
        for k, (amount, who) in enumerate(zip(amounts, staff, strict=True))
    ]


def _stored(cur: sqlite3.Cursor, ids: range) -> list[tuple[Any, ...]]:
    rows = cur.execute(
        "SELECT amount_fen, typeof(amount_fen), coupon, typeof(coupon), staff, typeof(staff), treatment_id"
        " FROM visits WHERE id BETWEEN ? AND ? ORDER BY id",
        (ids.start, ids.stop - 1),
    ).fetchall()
    return [tuple(r) for r in rows]


def test_literal_columns_store_what_binding_stores(db: Database) -> None:
    cases = [
        ([0, 0, 0], [None, None, None]),  # both columns constant: written as 0 and NULL
        ([0, False, 0], ["a", "a", "a"]),  # 0 == False, but False is not the integer literal 0
        ([5, 5.0, 5], [1, 1.0, 1]),  # 1 == 1.0, but a text column stores "1.0" for the float
        ([3, 3, 3], [None, "x", None]),  # NULL only when every row is NULL
        ([2, 2, 2], [-3, -3, -3]),  # a negative literal into a text column: the same text as bound
        ([7], [None]),  # one row: bound as always
    ]
    with write_transaction(db.engine) as cur:
        cur.execute(
            "INSERT INTO patients (id, name, created_at, updated_at) VALUES (1, '甲', '2026-01-01', '2026-01-01')"
        )
        next_id = 1
        for amounts, staff in cases:
            n = len(amounts)
            literal_ids, bound_ids = range(next_id, next_id + n), range(next_id + n, next_id + 2 * n)
            _insert(cur, "visits", _visits(literal_ids.start, amounts, staff))
            insert_rows(cur, "visits", INSERT_COLUMNS["visits"], _visits(bound_ids.start, amounts, staff))
            assert _stored(cur, literal_ids) == _stored(cur, bound_ids)
            next_id += 2 * n
