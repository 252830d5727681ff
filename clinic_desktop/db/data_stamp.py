"""A stamp of the data the metrics are computed from: equal stamps, equal data.

The stamp is read in one statement (one snapshot): the ``data_changes`` generation, which triggers move
on every update and delete of a watched table (migration 0007), and each watched table's row count and
largest id, which every insert moves. A recompute keeps the stamp it read *before* its fact queries beside
the metrics it stores; a reader that finds the same stamp now may use those metrics. A write committed
while the recompute ran makes the stamps differ, so the reader computes afresh — slower, never stale.

Reading it costs a few milliseconds: the largest id is one b-tree descent, and ``COUNT(*)`` walks the
table's smallest index (about 10 ms per million visit lines).
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clinic_desktop.core.settings import Settings

__all__ = [
    "METRICS_AS_OF_KEY",
    "METRICS_PAYING_KEY",
    "METRICS_STAMP_KEY",
    "WATCHED_TABLES",
    "data_stamp",
    "metrics_stamp",
]

#: the ``settings`` rows the recompute writes beside the metrics: the day they are of, and their stamp
#: (:func:`metrics_stamp`); here, with the stamp, so readers that need no recompute check them cheaply
METRICS_AS_OF_KEY = "metrics_as_of"
METRICS_STAMP_KEY = "metrics_stamp"
#: and the number of paying patients E was ranked against (non-archived, spend in the window): the
#: explanation of a stored E names it, and counting it again is a scan of the whole clinic per patient
#: opened (88 ms at 300,000 patients)
METRICS_PAYING_KEY = "metrics_paying"

#: the tables every fact of :mod:`clinic_desktop.db.facts` is read from (a new fact table joins this list
#: and gets its triggers in the migration that creates it; tests/db/test_data_stamp.py checks both)
WATCHED_TABLES = ("patients", "visits", "interactions", "appointments", "surveys", "treatments")

_STAMP_SQL = "SELECT (SELECT generation FROM data_changes WHERE id = 1), " + ", ".join(
    f"(SELECT COUNT(*) FROM {t}), (SELECT COALESCE(MAX(id), 0) FROM {t})" for t in WATCHED_TABLES
)


def data_stamp(conn: sqlite3.Connection) -> str:
    """The stamp of the data as ``conn`` sees it now, as text (stored in ``settings`` beside the metrics)."""
    return ".".join(str(value) for value in conn.execute(_STAMP_SQL).fetchone())


def metrics_stamp(as_of: date, data: str, settings: Settings) -> str:
    """The day, the data (:func:`data_stamp`) and the settings a metrics result is of — what the recompute
    stores beside the metrics and a reader compares with now. Settings by digest: any change to one (an ERS
    weight, the window, the language) counts. Here, beside the data stamp and free of SQLAlchemy, so the
    headless ``report`` can check it with plain ``sqlite3`` (:mod:`clinic_desktop.services.stored_report`)."""
    return f"{as_of.isoformat()}|{data}|{hashlib.sha256(repr(settings).encode()).hexdigest()[:16]}"
