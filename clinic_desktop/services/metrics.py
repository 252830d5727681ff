"""Compute every patient's lifecycle stage, activity and ERS scores — and the rule-derived tags and the
segment of PRODUCT §4.1 — and store them in ``patient_metrics`` (the tags also as ``patient_tags`` rows,
:mod:`clinic_desktop.services.derived_tags`).

The facts come from a few set-based aggregates (:mod:`clinic_desktop.db.facts`); the rules are
:mod:`clinic_desktop.core` (column-wise in :mod:`~clinic_desktop.core.batch`, proven equal to the
scalar reference rules). Storing is one transaction that writes only the rows whose values changed — a
daily recompute touches the few patients who crossed a threshold — so a reader never sees half of an old
computation and half of a new one.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
from sqlalchemy import Connection

from clinic_desktop.core.batch import ACTIVITIES, NO_S, NO_TIER, FactsTable, MetricsTable, compute_batch
from clinic_desktop.core.ers import TIERS, ErsScore
from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.lifecycle import STAGES, Activity, Stage
from clinic_desktop.core.segmentation import RuleTable, compute_rules, keys_of
from clinic_desktop.core.segments import SEGMENTS, Segment
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.data_stamp import METRICS_AS_OF_KEY, METRICS_PAYING_KEY, METRICS_STAMP_KEY, data_stamp
from clinic_desktop.db.data_stamp import metrics_stamp as _stamp
from clinic_desktop.db.engine import driver_connection, is_busy, write_connection
from clinic_desktop.db.facts import assemble_facts, load_facts, run_facts, start_workers
from clinic_desktop.db.models import column_names
from clinic_desktop.db.settings_store import load_settings, read_value, write_value
from clinic_desktop.services.database import Database
from clinic_desktop.services.derived_tags import StoredPairs, read_rule_tag_pairs, store_rule_tags
from clinic_desktop.services.stored_report import metrics_current as metrics_current  # re-exported here


@dataclass(frozen=True)
class PatientMetric:
    """One patient's computed metrics, in the scalar types the explanations use."""

    facts: PatientFacts
    stage: Stage
    activity: Activity
    ers: ErsScore
    archived: bool
    segment: Segment = Segment.UNKNOWN
    #: the rule tags that hold (core.rule_tags keys, registry order)
    rule_tags: tuple[str, ...] = ()

    @property
    def patient_id(self) -> int:
        return self.facts.patient_id


@dataclass(frozen=True)
class MetricsResult:
    as_of: date
    settings: Settings
    facts: FactsTable
    table: MetricsTable
    #: rule-derived tags, price reading and segment (PRODUCT §4.1)
    rules: RuleTable

    @property
    def active_mask(self) -> np.ndarray:
        """Patients who are not archived: the ones every count and list is about."""
        return ~self.facts.archived

    def index_of(self, patient_id: int) -> int:
        i = int(np.searchsorted(self.facts.patient_id, patient_id))
        if i >= len(self.facts) or self.facts.patient_id[i] != patient_id:
            raise KeyError(patient_id)
        return i

    def metric(self, i: int) -> PatientMetric:
        t = self.table
        s = int(t.s[i])
        tier = int(t.tier[i])
        ers = ErsScore(
            e=int(t.e[i]),
            r=int(t.r[i]),
            s=None if s == NO_S else s,
            composite=Decimal(int(t.composite_centi[i])).scaleb(-2),
            tier=None if tier == NO_TIER else TIERS[tier],
            flags=t.flags(i),
        )
        return PatientMetric(
            self.facts.facts(i),
            STAGES[int(t.stage[i])],
            ACTIVITIES[int(t.activity[i])],
            ers,
            bool(self.facts.archived[i]),
            SEGMENTS[int(self.rules.segment[i])],
            keys_of(int(self.rules.tags[i])),
        )

    def metrics(self) -> list[PatientMetric]:
        """Every patient as scalar records (for tests and small databases; the batch arrays are faster)."""
        return [self.metric(i) for i in range(len(self.facts))]


def compute_metrics(db: Database, as_of: date, settings: Settings) -> MetricsResult:
    """Pure computation over the database as of ``as_of``; writes nothing."""
    facts = load_facts(db.engine, db.path, as_of, settings)
    return _result(facts, as_of, settings)


def _result(facts: FactsTable, as_of: date, settings: Settings) -> MetricsResult:
    table = compute_batch(facts, as_of, settings)
    return MetricsResult(as_of, settings, facts, table, compute_rules(facts, table, as_of, settings))


#: the columns of ``patient_metrics`` in the order :func:`stored_values` returns them (digest last)
STORED_COLUMNS: tuple[str, ...] = column_names("patient_metrics")
_INSERT_SQL = (
    f"INSERT INTO patient_metrics ({', '.join(STORED_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(STORED_COLUMNS))})"
)
# One text of "id,digest,id,digest…" parsed by NumPy in C: at 100,000 patients a third of the time of
# 100,000 row tuples taken apart in Python (0.06 s against 0.16 s).
_STORED_SQL = "SELECT group_concat(patient_id || ',' || digest, ',') FROM patient_metrics"
_EPOCH = date(1970, 1, 1).toordinal()


def _iso_days(days: np.ndarray) -> np.ndarray:
    """Day numbers → ISO text as SQLAlchemy's Date stores it (None for NO_DAY), as an object array."""
    text = (days - _EPOCH).astype("datetime64[D]").astype(str).astype(object)
    text[days == 0] = None
    return text


def stored_values(result: MetricsResult, rows: np.ndarray | None = None) -> list[np.ndarray]:
    """New ``patient_metrics`` values as stored: one array per ``STORED_COLUMNS`` entry but the digest;
    only those of ``rows`` (positions) when given — a daily recompute writes a few hundred of 100,000, and
    the texts (dates, stage names) are worked out for those alone.

    Public because the call list fills a temporary table of the same shape for a day not stored."""
    f, t = result.facts, result.table
    stage_names = np.array([s.value for s in STAGES], dtype=object)
    activity_names = np.array([a.value for a in ACTIVITIES], dtype=object)
    tier_names = np.array([x.value for x in TIERS] + [None], dtype=object)  # NO_TIER (-1) → None
    segment_names = np.array([x.value for x in SEGMENTS], dtype=object)
    rules = result.rules
    columns = [
        f.patient_id, t.stage, f.purchases, t.activity, f.first_purchase, f.last_purchase,
        f.spend_window_fen, f.spend_total_fen, t.e, t.r, t.s, t.composite_centi, t.tier,
        t.koc, t.at_risk, t.no_feedback, f.referrals, f.converted_referrals, f.referral_spend_fen,
        f.window_purchases, f.coupon_purchases, f.no_shows, rules.tags, rules.segment,
    ]  # fmt: skip
    if rows is not None:
        columns = [c[rows] for c in columns]
    (pid, stage, purchases, activity, first, last, window, total, e, r, s, centi, tier, koc, at_risk,
     no_feedback, referrals, converted, referral_spend, window_purchases, coupon_purchases, no_shows,
     tags, segment) = columns  # fmt: skip
    s_values = s.astype(object)
    s_values[s == NO_S] = None
    return [
        pid,
        stage_names[stage],
        purchases,
        activity_names[activity],
        _iso_days(first),
        _iso_days(last),
        window,
        total,
        e,
        r,
        s_values,
        centi,
        tier_names[tier],
        koc.astype(np.int64),
        at_risk.astype(np.int64),
        no_feedback.astype(np.int64),
        referrals,
        converted,
        referral_spend,
        window_purchases,
        coupon_purchases,
        no_shows,
        tags,
        segment_names[segment],
    ]


@dataclass(frozen=True)
class StoreStats:
    inserted: int
    updated: int
    deleted: int


_MIX = np.uint64(0xBF58476D1CE4E5B9)


def _digest(result: MetricsResult) -> np.ndarray:
    """A 63-bit hash of every stored value of each row (codes for text, day numbers for dates)."""
    f, t, rules = result.facts, result.table, result.rules
    parts = (
        f.patient_id, t.stage, f.purchases, t.activity, f.first_purchase, f.last_purchase,
        f.spend_window_fen, f.spend_total_fen, t.e, t.r, t.s, t.composite_centi, t.tier,
        t.koc, t.at_risk, t.no_feedback, f.referrals, f.converted_referrals, f.referral_spend_fen,
        f.window_purchases, f.coupon_purchases, f.no_shows, rules.tags, rules.segment,
    )  # fmt: skip
    h = np.full(len(f), 0x9E3779B97F4A7C15, dtype=np.uint64)
    for part in parts:
        h ^= part.astype(np.uint64)
        h *= _MIX
        h ^= h >> np.uint64(29)
    return (h >> np.uint64(1)).astype(np.int64)


Stored = tuple[np.ndarray, np.ndarray]


def read_stored(cursor: sqlite3.Cursor) -> Stored:
    """The stored (patient_id, digest) columns, ordered by patient id."""
    (text,) = cursor.execute(_STORED_SQL).fetchone()
    pairs = np.fromstring(text or "", dtype=np.int64, sep=",").reshape(-1, 2)
    ids, digests = pairs[:, 0], pairs[:, 1]
    if len(ids) > 1 and not bool((ids[1:] > ids[:-1]).all()):  # group_concat's order is the scan's
        order = np.argsort(ids, kind="stable")
        ids, digests = ids[order], digests[order]
    return ids, digests


def _changed(
    ids: np.ndarray, digest: np.ndarray, stored: Stored
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows to write, of those the ones replacing a stored row, stored ids that are gone)."""
    old_ids, old_digest = stored
    if not len(old_ids):
        return np.arange(len(ids)), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    at = np.minimum(np.searchsorted(old_ids, ids), len(old_ids) - 1)
    present = old_ids[at] == ids
    rows = np.flatnonzero(~present | (old_digest[at] != digest))
    replacing = rows[present[rows]]
    gone = old_ids[~np.isin(old_ids, ids, assume_unique=True)]
    return rows, replacing, gone


def store_metrics(
    conn: Connection, result: MetricsResult, stored: Stored, stamp: str | None = None
) -> StoreStats:
    """Make ``patient_metrics`` equal ``result`` given its current (patient_id, digest) columns ``stored``,
    writing only rows that changed. The caller owns the transaction. ``stamp`` (:func:`_stamp`, read
    before the facts were) says which data the result is of; without one, readers recompute."""
    digest = _digest(result)
    rows, replacing, gone = _changed(result.facts.patient_id, digest, stored)
    cursor = driver_connection(conn.connection).cursor()
    doomed = np.concatenate([result.facts.patient_id[replacing], gone])
    if len(doomed):
        cursor.executemany(
            "DELETE FROM patient_metrics WHERE patient_id = ?", ((i,) for i in doomed.tolist())
        )
    if len(rows):
        columns = [c.tolist() for c in (*stored_values(result, rows), digest[rows])]
        cursor.executemany(_INSERT_SQL, zip(*columns, strict=True))
    write_value(conn, METRICS_AS_OF_KEY, result.as_of.isoformat())
    write_value(conn, METRICS_STAMP_KEY, stamp)
    write_value(conn, METRICS_PAYING_KEY, result.table.paying)
    return StoreStats(len(rows) - len(replacing), len(replacing), len(gone))


@dataclass(frozen=True)
class RecomputeSummary:
    as_of: date
    patients: int
    seconds: float
    written: StoreStats


def recompute(db: Database, as_of: date) -> RecomputeSummary:
    """Recompute and store every patient's metrics as of ``as_of`` in one transaction.

    Only rows whose digest changed are rewritten: a daily recompute touches the few patients who crossed
    a threshold, not all 100,000.
    """
    started = time.perf_counter()
    start_workers(db.engine)  # they start while the settings and the stamp are read
    settings = _settings(db)
    with db.engine.connect() as conn:  # before the facts: a write while they are read makes it differ
        stamp = _stamp(as_of, data_stamp(driver_connection(conn.connection)), settings)
    with _EarlyStored(db.path) as early:
        results = run_facts(db.engine, db.path, as_of, settings, meanwhile=early.read)
        facts = assemble_facts(results, as_of, settings)
        result = _result(facts, as_of, settings)
        with write_connection(db.engine) as conn:
            # What is stored now, inside the write transaction (another recompute may have written since
            # the workers looked): the early read when nothing was committed since it, else read again.
            cursor = driver_connection(conn.connection).cursor()
            current = early.still_current()
            stored = current.metrics if current else read_stored(cursor)
            stats = store_metrics(conn, result, stored, stamp)
            store_rule_tags(cursor, result.facts.patient_id, result.rules, current.tags if current else None)
    return RecomputeSummary(as_of, len(result.facts), time.perf_counter() - started, stats)


def recompute_after_commit(db: Database, as_of: date) -> RecomputeSummary | None:
    """:func:`recompute` after an import, undo or merge that has committed: None when the database stayed
    busy past the timeout — the committed work stands and must not be reported as failed (scripts
    re-ran a committed import after exit 1); the metrics catch up at the next recompute."""
    try:
        return recompute(db, as_of)
    except Exception as exc:
        if not is_busy(exc):
            raise
        return None


@dataclass(frozen=True)
class _Early:
    """What the recompute read of the stored state while its fact queries ran."""

    metrics: Stored
    #: the rule tags' stored pairs (None before the first recompute made the tags: read in the write)
    tags: StoredPairs | None


class _EarlyStored:
    """The stored (patient_id, digest) columns and the rule tags' stored pairs, read while the fact
    queries run, on a connection of its own, and whether they are still what is stored once the write
    transaction holds the lock.

    ``PRAGMA data_version`` on one connection changes whenever *any other* connection commits (SQLite's
    guarantee; the dashboard's kept columns rest on it too). It is read before the columns, so a commit
    landing between the two makes it differ later. Asked again inside the write transaction — when
    nobody else can commit any more — the same number means the early read is what is stored; any
    other answer, or any error, and the caller reads again. At 300,000 patients the two reads are
    ~0.2 s that no longer wait for the fact queries to finish (both are read in one snapshot)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._early: _Early | None = None

    def __enter__(self) -> _EarlyStored:
        return self

    def __exit__(self, *_: object) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _data_version(self) -> int:
        assert self._conn is not None
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def read(self) -> None:
        try:
            uri = f"{Path(self._path).absolute().as_uri()}?mode=rw"  # never creates a file
            self._conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            self._conn.execute("PRAGMA busy_timeout=10000")
            self._version = self._data_version()
            cursor = self._conn.cursor()
            cursor.execute("BEGIN")  # one snapshot for both reads
            try:
                self._early = _Early(read_stored(cursor), read_rule_tag_pairs(cursor))
            finally:
                cursor.execute("COMMIT")
        except (sqlite3.Error, ValueError):
            self._early = None

    def still_current(self) -> _Early | None:
        if self._conn is None or self._early is None:
            return None
        try:
            return self._early if self._data_version() == self._version else None
        except sqlite3.Error:
            return None


def _settings(db: Database) -> Settings:
    with db.sessions() as session:
        return load_settings(session)


def compute(db: Database, as_of: date) -> MetricsResult:
    """Compute metrics as of ``as_of`` without storing them (read-only commands use this)."""
    return compute_metrics(db, as_of, _settings(db))


def stored_as_of(db: Database) -> date | None:
    """The date the stored ``patient_metrics`` were computed as of (``None`` if never)."""
    with db.engine.connect() as conn:
        value = read_value(conn, METRICS_AS_OF_KEY)
    return date.fromisoformat(value) if isinstance(value, str) else None
