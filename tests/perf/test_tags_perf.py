"""Bulk tagging at the size of a real selection: 10,000 patients picked in the list and tagged at once.

Run with ``python -m pytest -m slow -s tests/perf/test_tags_perf.py``. What the operations do is tested in
``tests/services/patients/test_tags.py``; this file only holds them to their time.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from clinic_desktop.services.database import Database
from clinic_desktop.services.patients.tags import add_tag_to_patients, create_tag, remove_tag_from_patients

pytestmark = pytest.mark.slow


def _patients(db: Database, n: int) -> list[int]:
    """``n`` bare patients, inserted set-based (the ORM would take seconds for 10,000)."""
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " INSERT INTO patients (name) SELECT '患者' || i FROM n",
            (n,),
        )
        return [r[0] for r in conn.exec_driver_sql("SELECT id FROM patients ORDER BY id")]


def test_six_bulk_operations_on_ten_thousand_ids_take_under_two_seconds(db: Database) -> None:
    ids = _patients(db, 10_000)
    tid = create_tag(db, "活动常客", "behaviour")
    started = time.perf_counter()
    add_tag_to_patients(db, tid, ids)
    add_tag_to_patients(db, tid, ids)
    add_tag_to_patients(db, tid, ids[:10] + ids[:10])
    remove_tag_from_patients(db, tid, ids[:4_000])
    remove_tag_from_patients(db, tid, ids[:4_000])
    add_tag_to_patients(db, tid, np.array(ids[:100]))
    elapsed = time.perf_counter() - started
    print(f"\nsix bulk tag operations on 10,000 ids: {elapsed:.2f} s")
    assert elapsed < 2.0, f"six bulk operations on 10,000 ids took {elapsed:.2f} s"
