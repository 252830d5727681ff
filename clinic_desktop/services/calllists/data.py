"""Set-based reads behind the call lists: a few aggregate queries, never one query per patient.

Everything is read through one raw ``sqlite3`` connection inside one read transaction, so a list sees one
snapshot of the database. The per-patient metrics come from a table named ``metrics``: the stored
``patient_metrics`` when they were computed as of the list's date, else a temporary table filled with a
fresh computation (:func:`open_source`). The SQL may select a *superset* of a list's patients; the pure
rules of :mod:`clinic_desktop.core.calllists.call_list_rules` decide.

Stored formats: ``Date`` columns are ``YYYY-MM-DD``, ``DateTime`` columns ``YYYY-MM-DD HH:MM:SS.ffffff``
(SQLAlchemy's SQLite text forms), so ISO strings compare correctly; ``substr(x, 1, 10)`` takes the day.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import compress
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from clinic_desktop.core.calllists import (
    CampaignFilter,
    CrossSellRule,
    DueTreatment,
    Standing,
    TreatmentDone,
    minor_birth_cutoff,
)
from clinic_desktop.core.dates import add_months
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.data_stamp import METRICS_AS_OF_KEY, METRICS_STAMP_KEY
from clinic_desktop.db.engine import driver_connection
from clinic_desktop.db.facts import RECALL_VISITS_SQL, birth_for_age_sql, due_recalls
from clinic_desktop.db.json_columns import json_columns_sql, read_json_columns
from clinic_desktop.db.models import MARKETING_PURPOSES
from clinic_desktop.services.database import Database

if TYPE_CHECKING:
    from clinic_desktop.services.metrics import MetricsResult

_IN_IDS = "IN (SELECT value FROM json_each(?))"
#: the metrics table a :class:`Source` reads when the stored metrics are those of its day
STORED = "patient_metrics"


def _ids_json(ids: Iterable[int]) -> str:
    return json.dumps(list(ids))


@dataclass
class Source:
    """An open read snapshot: the connection and the name of the metrics table to read."""

    conn: sqlite3.Connection
    metrics: str
    as_of: date
    settings: Settings

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql.replace("{m}", self.metrics), params).fetchall()

    def columns(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[list[Any]]:
        """The columns of a :func:`~clinic_desktop.db.json_columns.json_columns_sql` query, each a list."""
        return read_json_columns(self.conn, sql.replace("{m}", self.metrics), params)

    @property
    def next_day(self) -> str:
        return (self.as_of + timedelta(days=1)).isoformat()


@contextmanager
def open_source(db: Database, as_of: date, settings: Settings, stored: bool) -> Iterator[Source]:
    """A read snapshot. ``stored``: read ``patient_metrics``; otherwise compute the metrics as of
    ``as_of`` (~1.7 s at 100,000 patients) into a temporary table with the same columns."""
    fresh = None
    if not stored:
        # here, not at the top: the metrics computation and what it imports (~50 ms) are needed only
        # when the stored metrics are not those of the day, never by a ``calllist`` command after a recompute
        from clinic_desktop.services.metrics import compute

        fresh = compute(db, as_of)
    raw = db.engine.raw_connection()
    conn = driver_connection(raw)
    try:
        conn.execute("BEGIN")
        name = STORED
        if fresh is not None:
            name = "temp.calllist_metrics"
            _fill_temp_metrics(conn, fresh)
        yield Source(conn, name, as_of, settings)
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.execute("DROP TABLE IF EXISTS temp.calllist_metrics")
        raw.close()


def _fill_temp_metrics(conn: sqlite3.Connection, result: MetricsResult) -> None:
    from clinic_desktop.services.metrics import STORED_COLUMNS, stored_values

    columns = STORED_COLUMNS[:-1]  # all but the digest
    conn.execute("DROP TABLE IF EXISTS temp.calllist_metrics")
    # patient_id must be declared INTEGER PRIMARY KEY (a rowid alias): an untyped key column has no
    # affinity, so ``m.patient_id = p.id`` cannot use its index and every join scans the whole table
    # once per candidate (40–100 s at 100,000 patients instead of well under a second).
    definitions = ["patient_id INTEGER PRIMARY KEY" if c == "patient_id" else c for c in columns]
    conn.execute(f"CREATE TEMP TABLE calllist_metrics ({', '.join(definitions)})")
    values = [c.tolist() for c in stored_values(result)]
    conn.executemany(
        f"INSERT INTO temp.calllist_metrics VALUES ({', '.join('?' * len(columns))})",
        zip(*values, strict=True),
    )


# -- what a printed row is read from, unchanged? ---------------------------------------------------------

# What a saved list's printed row is read from (patients, the stored metrics and the contacts log), in
# O(1) lookups: the ``data_changes`` generation (moved by every update and delete of patients, visits …,
# migration 0007), the contacts log's largest id (contacts are only ever appended; the deletes that undo
# an import or erase a patient move the generation too), and which stored metrics there are (their day
# and stamp). Equal fingerprints: every value a printed row shows reads the same.
_FINGERPRINT_SQL = """
SELECT (SELECT generation FROM data_changes WHERE id = 1),
       (SELECT COALESCE(MAX(id), 0) FROM contacts),
       (SELECT value FROM settings WHERE key = ?),
       (SELECT value FROM settings WHERE key = ?)
"""


def fingerprint(conn: sqlite3.Connection) -> str:
    """The fingerprint (above) of what ``conn`` sees now: a built list carries the one of its read
    snapshot, and saving compares it with the one inside its own write transaction."""
    return json.dumps(conn.execute(_FINGERPRINT_SQL, (METRICS_AS_OF_KEY, METRICS_STAMP_KEY)).fetchone())


def later_contacts(conn: sqlite3.Connection, ids: Sequence[int], after: date) -> dict[int, date]:
    """Patient id → the day of their last contact logged after ``after`` (the contact policy reads contacts
    up to as-of; a saved list shows each patient's last contact ever). One index range per patient,
    usually empty: a list is made for today."""
    rows = conn.execute(
        "SELECT patient_id, substr(MAX(contacted_at), 1, 10) FROM contacts"
        f" WHERE patient_id {_IN_IDS} AND contacted_at >= ? GROUP BY patient_id",
        (_ids_json(ids), (after + timedelta(days=1)).isoformat()),
    ).fetchall()
    return {pid: date.fromisoformat(day) for pid, day in rows}


# -- per-patient details of the candidates -------------------------------------------------------------


# The phone is the mobile, or the landline when there is none (PRODUCT §5.2: a landline is a usable phone
# for calls; §7.2: kept, shown and printed). The birth date is the one ages are counted from (a partial
# birth date's last day); birthdays are read by birthday_candidates, from the birth date alone.
_DETAILS_COLUMNS = (
    "p.id", "p.do_not_contact", "p.marketing_consent", "COALESCE(p.phone, p.landline)", "m.s",
    "(SELECT substr(MAX(c.contacted_at), 1, 10) FROM contacts AS c"
    " WHERE c.patient_id = p.id AND c.contacted_at < :next)",
    "p.name", "p.gender", birth_for_age_sql("p"), "p.guardian_consent",
    "m.patient_id", "m.stage", "m.activity", "m.tier", "m.composite_centi", "m.koc", "m.converted_referrals",
    "m.spend_total_fen", "m.purchases", "substr(m.last_purchase, 1, 10)",
    "m.segment", "m.window_purchases", "m.coupon_purchases",
)  # fmt: skip
_DETAILS_SQL = json_columns_sql(
    _DETAILS_COLUMNS,
    """
FROM json_each(:ids) AS j
JOIN patients AS p ON p.id = j.value
LEFT JOIN {m} AS m ON m.patient_id = p.id
WHERE NOT p.archived
""",
)
#: the columns of a _DETAILS_SQL row
(_ID, _DNC, _CONSENT, _PHONE, _S, _CONTACT, _NAME, _GENDER, _BIRTH, _GUARDIAN, _METRICS, _STAGE,
 _ACTIVITY, _TIER, _COMPOSITE, _KOC, _REFERRALS, _SPEND, _PURCHASES, _LAST, _SEGMENT, _WINDOW,
 _COUPON) = range(23)  # fmt: skip
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def day_numbers(texts: Sequence[str | None]) -> npt.NDArray[np.int64]:
    """ISO days (None for none) → ``date.toordinal()`` numbers (0 for none), parsed in C."""
    parsed = np.array([t or "NaT" for t in texts], dtype="datetime64[D]")
    return np.where(np.isnat(parsed), 0, parsed.astype(np.int64) + _EPOCH_ORDINAL)


_from_iso = date.fromisoformat


def _days(texts: Iterable[str | None]) -> list[date | None]:
    """ISO days (already ``substr … 1, 10``) as dates, None for none."""
    return [_from_iso(t) if t else None for t in texts]


def _standings(cols: Sequence[Sequence[Any]]) -> list[Standing | None]:
    """The metrics part of :data:`_DETAILS_SQL` columns as one :class:`Standing` a row (None for a row
    without metrics), made a column at a time: ``map`` calls the constructor from C."""
    made: list[Standing | None] = list(
        map(
            Standing,
            cols[_STAGE], cols[_ACTIVITY], cols[_TIER], cols[_COMPOSITE], cols[_S], map(bool, cols[_KOC]),
            cols[_REFERRALS], cols[_SPEND], cols[_PURCHASES], _days(cols[_LAST]), cols[_SEGMENT],
            cols[_WINDOW], cols[_COUPON],
        )
    )  # fmt: skip
    if None in cols[_METRICS]:
        made = [None if has is None else st for has, st in zip(cols[_METRICS], made, strict=True)]
    return made


class Details:
    """What a list needs about its candidates, column-wise: one NumPy array per fact the policy reads and
    one sequence per printed field, all aligned with :attr:`ids`; the rows' values are picked by position
    (:meth:`cards`, :meth:`standings_at`) for the few thousand patients that are printed or listed.

    Archived patients are left out: they are never candidates."""

    def __init__(
        self,
        cols: list[Sequence[Any]],
        marketing_counts: dict[int, int],
        *,
        as_of: date,
        keep: Callable[[int, Standing | None], bool] | None = None,
    ) -> None:
        standings: list[Standing | None] | None = None
        if keep is not None:
            standings = _standings(cols)
            mask = list(map(keep, cols[_ID], standings))
            if not all(mask):
                cols = [tuple(compress(col, mask)) for col in cols]
                standings = list(compress(standings, mask))
        self._cols = cols
        self._standings = standings
        self.ids: list[int] = list(cols[_ID])
        self._at = dict(zip(self.ids, range(len(self.ids)), strict=True))
        n = len(self.ids)
        self.do_not_contact = np.array(cols[_DNC], dtype=bool).reshape(n)
        self.marketing_consent = np.array(cols[_CONSENT], dtype=bool).reshape(n)
        cutoff = minor_birth_cutoff(as_of).isoformat()
        self.minor = np.array([b is not None and b > cutoff for b in cols[_BIRTH]], dtype=bool).reshape(n)
        self.guardian_consent = np.array(cols[_GUARDIAN], dtype=bool).reshape(n)
        self.phones: Sequence[str | None] = cols[_PHONE]
        self.at_risk = np.array([v is not None and v <= 2 for v in cols[_S]], dtype=bool).reshape(n)
        self.last_contact = day_numbers(cols[_CONTACT]).reshape(n)
        self.marketing_contacts = np.array([marketing_counts.get(i, 0) for i in self.ids], dtype=np.int64)
        self._counts = marketing_counts

    def __contains__(self, pid: int) -> bool:
        return pid in self._at

    def standing(self, pid: int) -> Standing | None:
        return self.standings_at([self._at[pid]])[0]

    def standings_at(self, positions: Sequence[int]) -> list[Standing | None]:
        if self._standings is not None:
            return [self._standings[i] for i in positions]
        return _standings([[col[i] for i in positions] for col in self._cols])

    def names_phones(self, positions: Sequence[int]) -> tuple[list[str], list[str | None]]:
        names, phones = self._cols[_NAME], self._cols[_PHONE]
        return [names[i] for i in positions], [phones[i] for i in positions]

    def cards(
        self, positions: Sequence[int]
    ) -> tuple[list[str], list[str | None], list[str | None], list[date | None], list[date | None]]:
        """(names, phones, genders, birth dates, last contacts) — what the printed rows show."""
        c = self._cols
        names, phones = self.names_phones(positions)
        births, contacts = c[_BIRTH], c[_CONTACT]
        return (
            names,
            phones,
            [c[_GENDER][i] for i in positions],
            _days([births[i] for i in positions]),
            _days([contacts[i] for i in positions]),
        )

    def last_contact_of(self, pid: int) -> date | None:
        return _days([self._cols[_CONTACT][self._at[pid]]])[0]

    def marketing_contacts_of(self, pid: int) -> int:
        return self._counts.get(pid, 0)


def details(
    src: Source,
    ids: Iterable[int],
    *,
    marketing: bool,
    keep: Callable[[int, Standing | None], bool] | None = None,
) -> Details:
    """One joined read for all candidates (patients ⋈ metrics, last contact from the covering index), in
    id order so the B-tree pages are visited in order; the marketing-cap count only for marketing lists,
    reading only the contacts inside the cap window. ``keep(patient_id, standing)``, when given, is the
    pure rule that has the last word on who the SQL pre-selected."""
    ids_json = _ids_json(sorted(ids))
    counts: dict[int, int] = {}
    if marketing:
        cap_start = (src.as_of - timedelta(days=src.settings.marketing_cap_days - 1)).isoformat()
        purposes = ", ".join(f"'{p}'" for p in MARKETING_PURPOSES)
        counts = {
            r[0]: r[1]
            for r in src.rows(
                f"SELECT patient_id, COUNT(*) FROM contacts WHERE patient_id {_IN_IDS} AND contacted_at >= ?"
                f" AND contacted_at < ? AND purpose IN ({purposes}) GROUP BY patient_id",
                (ids_json, cap_start, src.next_day),
            )
        }
    cols: list[Sequence[Any]] = list(src.columns(_DETAILS_SQL, {"next": src.next_day, "ids": ids_json}))
    return Details(cols, counts, as_of=src.as_of, keep=keep)


def patient_state(src: Source, pid: int) -> tuple[bool, str] | None:
    """(archived, activity) of one patient, or None if there is no such patient (for explanations)."""
    rows = src.rows(
        "SELECT p.archived, m.activity FROM patients AS p LEFT JOIN {m} AS m ON m.patient_id = p.id"
        " WHERE p.id = ?",
        (pid,),
    )
    return None if not rows else (bool(rows[0][0]), rows[0][1] or "none")


def future_bookings(src: Source) -> dict[int, list[tuple[int | None, date]]]:
    """Booked appointments from the start of as-of on (today's bookings count: they are coming)."""
    found: dict[int, list[tuple[int | None, date]]] = defaultdict(list)
    for pid, treatment, when in src.rows(
        "SELECT patient_id, treatment_id, substr(scheduled_at, 1, 10) FROM appointments"
        " WHERE status = 'booked' AND scheduled_at >= ? ORDER BY scheduled_at",
        (src.as_of.isoformat(),),
    ):
        found[pid].append((treatment, date.fromisoformat(when)))
    return found


def recent_low_surveys(src: Source) -> dict[int, tuple[int, date]]:
    """Patients with a survey ≤ 2 in the recovery window: (lowest score, latest such day)."""
    start = (src.as_of - timedelta(days=src.settings.recovery_survey_days - 1)).isoformat()
    rows = src.rows(
        "SELECT patient_id, MIN(overall), MAX(substr(survey_date, 1, 10)) FROM surveys"
        " WHERE overall <= 2 AND survey_date >= ? AND survey_date < ? GROUP BY patient_id",
        (start, src.next_day),
    )
    return {r[0]: (r[1], date.fromisoformat(r[2])) for r in rows}


# -- candidates per kind -------------------------------------------------------------------------------


def recall_items(src: Source, start: date, end: date) -> dict[int, list[DueTreatment]]:
    """Patient id → the recall treatments due in the window [start, end], in treatment id order (the
    recall rule of :mod:`clinic_desktop.db.facts`, the one the recompute's "due" activity uses)."""
    params = {"start": start.isoformat(), "end": end.isoformat(), "as_of": src.as_of.isoformat()}
    patients, treatments, dues = due_recalls(src.conn.execute(RECALL_VISITS_SQL, params).fetchone(), end)
    catalogue = {
        tid: (name, days)
        for tid, name, days in src.rows(
            "SELECT id, name, recall_days FROM treatments WHERE recall_days IS NOT NULL"
        )
    }
    found: dict[int, list[DueTreatment]] = defaultdict(list)
    fromordinal = date.fromordinal
    for pid, tid, due in zip(patients.tolist(), treatments.tolist(), dues.tolist(), strict=True):
        name, days = catalogue[tid]
        found[pid].append(DueTreatment(tid, name, fromordinal(due - days), days))
    return found


def population(src: Source) -> tuple[int, int]:
    """(paying patients, patients who may receive marketing) among the non-archived — what an empty list
    is explained by: no one has bought yet, or no one has given marketing consent yet."""
    paying = src.rows(
        "SELECT COUNT(*) FROM {m} AS m JOIN patients AS p ON p.id = m.patient_id"
        " WHERE m.purchases > 0 AND NOT p.archived"
    )[0][0]
    consenting = src.rows(
        "SELECT COUNT(*) FROM patients WHERE marketing_consent AND NOT do_not_contact AND NOT archived"
    )[0][0]
    return int(paying), int(consenting)


def metric_ids(src: Source, where: str, params: Sequence[Any] = ()) -> list[int]:
    return [r[0] for r in src.rows(f"SELECT patient_id FROM {{m}} WHERE {where}", params)]


def birthday_candidates(src: Source, month_days: Sequence[str]) -> list[tuple[int, date, bool]]:
    """Patients whose solar ``MM-DD`` is one of ``month_days``, and every lunar-flagged patient."""
    rows = src.rows(
        "SELECT id, substr(birth_date, 1, 10), lunar_birthday FROM patients"
        " WHERE birth_date IS NOT NULL AND NOT archived"
        f" AND (lunar_birthday OR substr(birth_date, 6, 5) {_IN_IDS})",
        (json.dumps(list(month_days)),),
    )
    return [(r[0], date.fromisoformat(r[1]), bool(r[2])) for r in rows]


def treatment_catalogue(src: Source) -> list[tuple[int, str, str | None]]:
    return [(r[0], r[1], r[2]) for r in src.rows("SELECT id, name, category FROM treatments")]


def crosssell_history(src: Source, rules: Sequence[CrossSellRule]) -> dict[int, list[TreatmentDone]]:
    """Per patient: the last date of each rule's source treatments (within the longest rule window) and
    of each ``skip_if_had`` treatment (ever), up to as-of."""
    catalogue = treatment_catalogue(src)
    by_id = {tid: (name, cat) for tid, name, cat in catalogue}
    source_ids: set[int] = set()
    skip_ids: set[int] = set()
    for rule in rules:
        source_ids |= {t for t, n, c in catalogue if n in rule.from_treatments or c in rule.from_categories}
        skip_ids |= {t for t, n, _ in catalogue if n in rule.skip_if_had}
    history: dict[int, list[TreatmentDone]] = defaultdict(list)
    if not rules:
        return history
    since = add_months(src.as_of, -max(r.within_months for r in rules)).isoformat()
    sql = (
        "SELECT patient_id, treatment_id, substr(MAX(visit_date), 1, 10) FROM visits"
        f" WHERE treatment_id {_IN_IDS} AND visit_date >= ? AND visit_date < ? {{patients}}"
        " GROUP BY patient_id, treatment_id"
    )
    if not source_ids:
        return history
    for pid, tid, last in src.rows(sql.format(patients=""), (_ids_json(source_ids), since, src.next_day)):
        name, category = by_id[tid]
        history[pid].append(TreatmentDone(name, category, date.fromisoformat(last)))
    if skip_ids and history:
        # only the patients a rule could pick need their "already had it" treatments, ever
        for pid, tid, last in src.rows(
            sql.format(patients=f"AND patient_id {_IN_IDS}"),
            (_ids_json(skip_ids), "0000-00-00", src.next_day, _ids_json(sorted(history))),
        ):
            name, category = by_id[tid]
            history[pid].append(TreatmentDone(name, category, date.fromisoformat(last)))
    return history


def campaign_ids(src: Source, spec: CampaignFilter) -> list[int]:
    """Patients matching a saved campaign filter (archived ones are dropped later with the others)."""
    where: list[str] = ["1"]
    params: list[Any] = []

    def one_of(column: str, values: Sequence[str], none_value: str | None = None) -> None:
        real = [v for v in values if v != none_value]
        parts = []
        if real:
            parts.append(f"{column} {_IN_IDS}")
            params.append(json.dumps(real))
        if none_value is not None and none_value in values:
            parts.append(f"{column} IS NULL")
        if parts:
            where.append("(" + " OR ".join(parts) + ")")

    one_of("m.stage", spec.stages)
    one_of("m.tier", spec.tiers, "none")
    one_of("m.segment", spec.segments)
    one_of("p.source", spec.sources, "")
    for column, op, value in (
        ("m.spend_total_fen", ">=", spec.spend_min_fen),
        ("m.spend_total_fen", "<=", spec.spend_max_fen),
        ("substr(m.last_purchase, 1, 10)", ">=", spec.last_visit_from and spec.last_visit_from.isoformat()),
        ("substr(m.last_purchase, 1, 10)", "<=", spec.last_visit_to and spec.last_visit_to.isoformat()),
    ):
        if value is not None:
            where.append(f"{column} {op} ?")
            params.append(value)
    if spec.tags:
        where.append(
            "m.patient_id IN (SELECT pt.patient_id FROM patient_tags AS pt JOIN tags AS t ON t.id = pt.tag_id"
            f" WHERE t.name {_IN_IDS})"
        )
        params.append(json.dumps(list(spec.tags)))
    sql = "SELECT m.patient_id FROM {m} AS m JOIN patients AS p ON p.id = m.patient_id WHERE " + " AND ".join(
        where
    )
    return [r[0] for r in src.rows(sql, params)]
