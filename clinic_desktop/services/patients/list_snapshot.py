"""The data behind the reception patient list: search, filter and sort 100,000 patients in milliseconds.

Why not SQL per keystroke, or a ``QSortFilterProxyModel``? A proxy over 100,000 rows calls Python
``data()`` millions of times per sort, and a ``LIKE`` query per keystroke re-reads and re-converts every
row (the ``sqlite3`` module spends ~0.4 µs per value). Instead :meth:`PatientList.load` reads every
patient once, column-wise, into a :class:`Snapshot` of NumPy arrays with a precomputed sort key per
column; a query is then a few vectorised comparisons and one cached permutation (~10 ms at 100k).

API::

    plist = PatientList(db)              # today= fixes the age column's date (default: date.today())
    plist.load()                         # full read, ~0.9 s at 100k patients: run it off the GUI thread
    result = plist.query(PatientFilter(text="zs", stages={"vip"}), "last_visit", descending=True)
    result.count, result.ids, result.row(0)     # PatientRow of raw values; formatting is the UI's job
    plist.refresh([patient_id])          # after an edit; True when patients were added or deleted
    plist.display_row(patient_id), plist.tags(), plist.sources()

Search: the text (trimmed, case-insensitive for latin, full-width folded) matches a name substring, a phone
substring (``1234`` finds the tail; spaces and dashes typed inside a number are ignored), or a prefix of
the stored pinyin initials (``zs`` → 张三) or full pinyin (``zhangsan``). The keys were computed when the
name was saved, with the surname table, so ``zq`` finds 曾强. Matches are ranked — exact phone, phone
tail, name/pinyin prefix, contains (:mod:`~clinic_desktop.services.patients.text_search`) — and the sort
column orders each rank.

Sorting: any column of :data:`COLUMNS` by raw value (numbers, dates, names by pinyin, stages in
lifecycle order), stable (ties stay in patient-id order), missing values last in both directions.

Thread safety: a :class:`Snapshot` is never changed once built. ``load``/``refresh`` build a new one and
swap it in with one assignment, so the GUI thread keeps querying (and showing a :class:`QueryResult` of)
the old one while a worker builds the next.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date
from itertools import repeat
from typing import Any

import numpy as np
import numpy.typing as npt

from clinic_desktop.core.access import Permission
from clinic_desktop.core.batch import ACTIVITIES
from clinic_desktop.core.ers import TIERS
from clinic_desktop.core.lifecycle import STAGES
from clinic_desktop.core.pinyin_keys import search_keys
from clinic_desktop.core.segments import KNOWLEDGE_CODES, SEGMENTS
from clinic_desktop.db.facts import birth_for_age_sql
from clinic_desktop.db.json_columns import json_columns_sql
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients.list_columns import (
    compact_text,
    dense_rank,
    dense_rank_rows,
    is_empty,
    iso_days,
    lookup,
    take,
    text_at,
)
from clinic_desktop.services.patients.text_search import NO_MATCH, match_tiers, phone_digits, search_text

__all__ = ["COLUMNS", "FLAGS", "NO_KNOWLEDGE", "NO_SOURCE", "NO_TIER", "PatientFilter", "PatientList"]
__all__ += ["PatientRow"]
__all__ += ["QueryResult", "Snapshot", "TagInfo"]

Array = npt.NDArray[Any]

#: sortable columns, in the order the patient list shows them
COLUMNS = (
    "name", "phone", "age", "stage", "activity", "tier", "segment", "tags", "last_visit", "spend", "source",
)  # fmt: skip
FLAGS = ("koc", "at_risk", "no_feedback")  #: bit 0, 1, 2 of the stored flag mask
NO_TIER = "none"  #: ``PatientFilter.tiers`` value for patients without a tier (E0, 未分层)
NO_SOURCE = ""  #: ``PatientFilter.sources`` value for patients without a source channel
NO_KNOWLEDGE = "unknown"  #: ``PatientFilter.knowledge`` value for patients with none recorded
_STAGE = {s.value: i for i, s in enumerate(STAGES)}
_ACTIVITY = {a.value: i for i, a in enumerate(ACTIVITIES)}
_TIER = {**{t.value: i for i, t in enumerate(TIERS)}, NO_TIER: len(TIERS)}
_TIER_NAMES: tuple[str | None, ...] = (*(t.value for t in TIERS), None)
_SEGMENT = {seg.value: i for i, seg in enumerate(SEGMENTS)}
#: knowledge codes: 0 not recorded, then core.segments.KNOWLEDGE_CODES
_KNOWLEDGE = {NO_KNOWLEDGE: 0, **{k.value: i for i, k in enumerate(KNOWLEDGE_CODES) if k is not None}}
_KNOWLEDGE_NAMES: tuple[str | None, ...] = tuple(None if k is None else k.value for k in KNOWLEDGE_CODES)
_CATEGORY_ORDER = {"static": 0, "consumption": 1, "behaviour": 2, "custom": 3}
_NAT = np.iinfo(np.int64).min  # datetime64 NaT seen as int64: "no date"
_LAST = np.iinfo(np.int64).max
_EPOCH = date(1970, 1, 1).toordinal()

# One aggregate row per table: SQLite builds each column as a JSON array in C, json.loads parses it in C. At
# 100k patients: 0.4 s, against 0.75 s for fetchall() of the joined rows. The three tables are read one
# after the other in one read transaction, not on three connections at once: at once, their JSON texts and
# SQLite's buffers for them were alive together (+52 MB at 100k, against +27 MB one by one, in about the
# same time on a loaded two-core machine), and the tables now come from one state of the database. JSON, not
# group_concat, so no separator can collide with a name. Text columns are NumPy fixed-width strings ("" for
# none): searched in C by np.char, and compact (no Python object per value) — bytes (``S``) where every
# value is ASCII (phones, pinyin keys), the source channel as a code into its few names, the lifecycle and
# other codes as int8: at 100,000 patients 49 MB of columns became ~25 MB, and a reload holds two snapshots
# at once.
_WHERE_IDS = " WHERE {} IN (SELECT value FROM json_each(?))"


def _json_columns(table: str, *columns: str) -> str:
    return json_columns_sql(columns, f"FROM {table}")


# The phone column shows the landline when there is no mobile; the age counts from a birth month or year
# too (its last day: the youngest the patient can be — see db.facts.birth_for_age_sql).
_PATIENTS_SQL = _json_columns(
    "patients", "id", "name", "lower(name)", "ifnull(phone, ifnull(landline, ''))", "ifnull(gender, '')",
    birth_for_age_sql(),
    "ifnull(source, '')", "ifnull(pinyin_full, '')", "ifnull(pinyin_initials, '')", "archived",
    "ifnull(knowledge, '')",
)  # fmt: skip
_METRICS_SQL = _json_columns(
    "patient_metrics", "patient_id", "stage", "activity", "tier", "composite_centi", "last_purchase",
    "spend_total_fen", "koc + 2 * at_risk + 4 * no_feedback", "e + 8 * r + 64 * ifnull(s, 0)", "segment",
)  # fmt: skip
_PATIENT_TAGS_SQL = _json_columns("patient_tags", "patient_id", "tag_id")
_TAGS_SQL = "SELECT id, name, category, color, rule FROM tags"


@dataclass(frozen=True)
class PatientFilter:
    """What the receptionist narrowed the list to. An empty collection means "no restriction"."""

    text: str = ""
    stages: Collection[str] = ()
    activities: Collection[str] = ()
    tiers: Collection[str] = ()  #: ``A``–``D`` and :data:`NO_TIER`
    flags: Collection[str] = ()  #: of :data:`FLAGS`; every one given must hold
    tag_ids: Collection[int] = ()
    tag_mode: str = "any"  #: ``any``: at least one of ``tag_ids``; ``all``: every one
    sources: Collection[str] = ()  #: channel names; :data:`NO_SOURCE` for "none recorded"
    #: inclusive bounds on the last purchase; patients who never bought fail either bound
    last_visit_from: date | None = None
    last_visit_to: date | None = None
    #: segment keys (core.segments.SEGMENTS), PRODUCT §4.1
    segments: Collection[str] = ()
    #: recorded knowledge: ``expert``, ``novice``, :data:`NO_KNOWLEDGE`
    knowledge: Collection[str] = ()
    include_archived: bool = False
    #: only archived patients (the list's 已归档 view, to find one and un-archive them)
    only_archived: bool = False
    #: exactly these patients (a dashboard count clicked through); None = no restriction, empty = nobody
    patient_ids: frozenset[int] | None = None


@dataclass(frozen=True)
class PatientRow:
    """One patient's values as stored (codes, fen, dates); ``stage`` is None until metrics exist."""

    id: int
    name: str
    phone: str | None
    gender: str | None
    age: int | None
    stage: str | None
    activity: str | None
    tier: str | None
    composite_centi: int | None
    ers: tuple[int, int, int | None] | None  #: (E, R, S); S None without feedback
    flags: tuple[str, ...]
    tags: tuple[str, ...]
    last_visit: date | None
    spend_fen: int | None
    source: str | None
    archived: bool
    segment: str | None = None  #: None until metrics exist
    knowledge: str | None = None  #: as recorded; None when not
    #: those of ``tags`` that are rule-derived (PRODUCT §4.1), by name
    derived_tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class TagInfo:
    id: int
    name: str
    category: str
    color: str
    patients: int  #: non-archived patients carrying it
    rule: str | None = None  #: the rule key of a derived tag (PRODUCT §4.1); None for a typed one


class Snapshot:
    """Every patient as columns in patient-id order, with one sort key per column. Never mutated.

    ``raw`` is :func:`_assemble`'s columns and becomes the snapshot's own: its ``source`` text column is
    replaced by :attr:`source_names` and :attr:`source_code`, and ``name_lower`` shares ``name``'s array
    when no name has a letter to lower (a Chinese name has none)."""

    def __init__(
        self, raw: dict[str, Array], tags: dict[int, tuple[str, str, str, str | None]], today: date
    ) -> None:
        self.raw, self.tag_meta, self.today = raw, tags, today
        self.ids, self.n = raw["id"], len(raw["id"])
        self.live = ~(raw["deleted"] | raw["archived"])
        self.has_metrics = raw["stage"] >= 0
        self.phone_digits = phone_digits(raw["phone"])
        self.age = np.where(raw["birth"] == _NAT, -1, self._ages())
        names, codes = np.unique(raw.pop("source"), return_inverse=True)
        self.source_names, self.source_code = names, codes.astype(np.int32)
        if raw["name_lower"] is not raw["name"] and np.array_equal(raw["name_lower"], raw["name"]):
            raw["name_lower"] = raw["name"]
        # patient_tags as (position, tag) pairs, grouped by position, each patient's tags in pinyin order
        rank_of = np.full(max(tags, default=0) + 2, -1)
        rank_of[sorted(tags, key=lambda t: search_keys(tags[t][0]))] = np.arange(len(tags))
        rank = rank_of[np.clip(raw["pt_tag"], 0, len(rank_of) - 1)]  # a tag deleted meanwhile: -1
        known = rank >= 0
        order = np.lexsort((rank[known], raw["pt_pos"][known]))
        self.pt_pos, self.pt_tag = raw["pt_pos"][known][order], raw["pt_tag"][known][order]
        self.tag_start = np.searchsorted(self.pt_pos, np.arange(self.n + 1))
        self._keys = self._sort_keys(rank[known][order])
        self._orders: dict[tuple[str, bool], Array] = {}

    def _ages(self) -> Array:
        birth = self.raw["birth"]
        day = np.where(birth == _NAT, 0, birth).astype("datetime64[D]")
        month = day.astype("datetime64[M]")
        years = self.today.year - 1970 - day.astype("datetime64[Y]").astype(np.int64)
        month_no, day_no = month.astype(np.int64) % 12 + 1, (day - month).astype(np.int64) + 1
        before = (month_no > self.today.month) | ((month_no == self.today.month) & (day_no > self.today.day))
        return np.asarray(years - before)

    def _sort_keys(self, pt_rank: Array) -> dict[str, tuple[Array, Array]]:
        """Per column an int64 key (the value itself, or a dense rank) and where the value is missing."""
        raw, no_metrics, no_birth = self.raw, ~self.has_metrics, self.raw["birth"] == _NAT
        # names by pinyin (a name without any: by itself, lower-cased), the same pinyin by the characters;
        # as a pair of ranks, not one concatenated string column (three of those at 4 bytes a character
        # were most of a load's transient memory)
        pinyin, unread = raw["pinyin_full"], is_empty(raw["pinyin_full"])
        if unread.any():
            pinyin = np.where(unread, raw["name_lower"], pinyin.astype(np.str_))
        name_rank = dense_rank_rows(np.column_stack((dense_rank(pinyin), dense_rank(raw["name"]))))
        del pinyin
        source_rank = dense_rank(np.array([search_keys(s)[0] + "\x01" + s for s in self.source_names]))
        # a patient's tags as a row of tag ranks, padded with -1 so a shorter list sorts first
        counts = np.diff(self.tag_start)
        matrix = np.full((self.n, max(1, int(counts.max(initial=0)))), -1)
        matrix[self.pt_pos, np.arange(len(self.pt_pos)) - self.tag_start[self.pt_pos]] = pt_rank
        no_tier = raw["tier"] == _TIER[NO_TIER]
        return {
            "name": (name_rank, np.zeros(self.n, dtype=bool)),
            "phone": (dense_rank(raw["phone"]), is_empty(raw["phone"])),
            "age": (np.where(no_birth, 0, -raw["birth"]), no_birth),  # older = born earlier
            "stage": (raw["stage"], no_metrics),
            "activity": (raw["activity"], no_metrics),
            "tier": (raw["composite"], no_tier | no_metrics),
            "segment": (raw["segment"], no_metrics),
            "tags": (dense_rank_rows(matrix), counts == 0),
            "last_visit": (raw["last_visit"], raw["last_visit"] == _NAT),
            "spend": (raw["spend"], no_metrics),
            "source": (source_rank[self.source_code], (self.source_names == NO_SOURCE)[self.source_code]),
        }

    def order(self, column: str, descending: bool) -> Array:
        """All positions sorted by ``column``: one int64 argsort (~6 ms at 100k) on first use, then cached."""
        cached = self._orders.get((column, descending))
        if cached is None:
            key, missing = self._keys[column]
            key = key.astype(np.int64, copy=False)  # codes are int8: negate and pad in int64
            directed = np.where(missing, _LAST, -key if descending else key)
            cached = self._orders[(column, descending)] = np.argsort(directed, kind="stable")
        return cached

    def mask(self, f: PatientFilter) -> Array:
        """Which positions pass every condition of ``f``."""
        return self.select(f)[0]

    def select(self, f: PatientFilter) -> tuple[Array, Array | None]:
        """Which positions pass every condition of ``f`` and, when ``f`` searches a text, each
        position's match tier (0 best; see :mod:`~clinic_desktop.services.patients.text_search`)."""
        raw = self.raw
        if f.only_archived:
            mask = raw["archived"] & ~raw["deleted"]
        else:
            mask = ~raw["deleted"] if f.include_archived else self.live.copy()
        for values, column, table in (
            (f.stages, "stage", _STAGE),
            (f.activities, "activity", _ACTIVITY),
            (f.tiers, "tier", _TIER),
            (f.segments, "segment", _SEGMENT),
            (f.knowledge, "knowledge", _KNOWLEDGE),
        ):
            if values:
                mask &= np.isin(raw[column], _codes(values, table, column))
        if f.flags:
            bits = sum(1 << i for i in _codes(f.flags, {flag: i for i, flag in enumerate(FLAGS)}, "flag"))
            mask &= (raw["flags"] & bits) == bits
        if f.tag_ids:
            mask &= self._tag_mask(f.tag_ids, f.tag_mode)
        if f.sources:
            mask &= np.isin(self.source_code, np.flatnonzero(np.isin(self.source_names, list(f.sources))))
        last = raw["last_visit"]
        if f.last_visit_from is not None:
            mask &= last >= f.last_visit_from.toordinal() - _EPOCH
        if f.last_visit_to is not None:
            mask &= (last <= f.last_visit_to.toordinal() - _EPOCH) & (last != _NAT)
        if f.patient_ids is not None:
            mask &= np.isin(self.ids, np.fromiter(f.patient_ids, dtype=np.int64, count=len(f.patient_ids)))
        text = search_text(f.text)
        if not text:
            return mask, None
        tiers = match_tiers(
            raw["name_lower"], raw["pinyin_initials"], raw["pinyin_full"], self.phone_digits, text
        )
        mask &= tiers < NO_MATCH
        return mask, tiers

    def _tag_mask(self, tag_ids: Collection[int], mode: str) -> Array:
        wanted = np.unique(np.fromiter(tag_ids, dtype=np.int64))
        hits = self.pt_pos[np.isin(self.pt_tag, wanted)]
        if mode == "all":
            return np.asarray(np.bincount(hits, minlength=self.n) == len(wanted))
        if mode != "any":
            raise ValueError(f"unknown tag mode {mode!r}")
        mask = np.zeros(self.n, dtype=bool)
        mask[hits] = True
        return mask

    def row(self, pos: int) -> PatientRow:
        raw, metrics = self.raw, bool(self.has_metrics[pos])
        birth, last, ers = int(raw["birth"][pos]), int(raw["last_visit"][pos]), int(raw["ers"][pos])
        tags = self.pt_tag[self.tag_start[pos] : self.tag_start[pos + 1]]
        return PatientRow(
            id=int(self.ids[pos]),
            name=str(raw["name"][pos]),
            phone=text_at(raw["phone"], pos) or None,
            gender=text_at(raw["gender"], pos) or None,
            age=None if birth == _NAT else int(self.age[pos]),
            stage=STAGES[raw["stage"][pos]].value if metrics else None,
            activity=ACTIVITIES[raw["activity"][pos]].value if metrics else None,
            tier=_TIER_NAMES[raw["tier"][pos]] if metrics else None,
            composite_centi=int(raw["composite"][pos]) if metrics else None,
            ers=(ers % 8, ers // 8 % 8, ers // 64 or None) if metrics else None,
            flags=tuple(flag for i, flag in enumerate(FLAGS) if raw["flags"][pos] >> i & 1),
            tags=tuple(self.tag_meta[int(t)][0] for t in tags),
            derived_tags=tuple(self.tag_meta[int(t)][0] for t in tags if self.tag_meta[int(t)][3]),
            last_visit=None if last == _NAT else date.fromordinal(last + _EPOCH),
            spend_fen=int(raw["spend"][pos]) if metrics else None,
            source=str(self.source_names[self.source_code[pos]]) or None,
            archived=bool(raw["archived"][pos]),
            segment=SEGMENTS[raw["segment"][pos]].value if metrics else None,
            knowledge=_KNOWLEDGE_NAMES[raw["knowledge"][pos]],
        )

    def position(self, patient_id: int) -> int | None:
        at, found = lookup(self.ids, np.array([patient_id], dtype=np.int64))
        return int(at[0]) if found[0] and not self.raw["deleted"][at[0]] else None


@dataclass(frozen=True)
class QueryResult:
    """The rows of one query in display order, over the snapshot they were computed from."""

    snapshot: Snapshot
    positions: Array
    #: the acting role may not see revenue figures: rows come without their spend
    hide_spend: bool = False

    @property
    def count(self) -> int:
        return len(self.positions)

    @property
    def ids(self) -> Array:
        return self.snapshot.ids[self.positions]

    def row(self, i: int) -> PatientRow:
        row = self.snapshot.row(int(self.positions[i]))
        return replace(row, spend_fen=None) if self.hide_spend else row

    def with_snapshot(self, snapshot: Snapshot) -> QueryResult | None:
        """The same rows over a refreshed snapshot, or None if positions moved (it was reloaded)."""
        old = self.snapshot.ids
        if snapshot.n < len(old) or not np.array_equal(snapshot.ids[: len(old)], old):
            return None
        return QueryResult(snapshot, self.positions, self.hide_spend)


class PatientList:
    """Loads the snapshot and answers queries over it; see the module docstring."""

    def __init__(self, db: Database, today: date | None = None) -> None:
        self.db = db
        self._today = today
        self.snapshot = Snapshot(_assemble([[]] * 11, [[]] * 10, [[], []]), {}, today or date.today())

    def load(self) -> Snapshot:
        """Read every patient (several hundred ms at 100k patients: call it off the GUI thread)."""
        patients, metrics, pairs, tags = self._read(None)
        self.snapshot = Snapshot(_assemble(patients, metrics, pairs), tags, self._today or date.today())
        return self.snapshot

    def refresh(self, patient_ids: Iterable[int]) -> bool:
        """Re-read these patients after an edit; True if one was added or deleted (re-run the query then).

        Existing patients keep their positions, so a shown :class:`QueryResult` stays valid through
        :meth:`QueryResult.with_snapshot`; new patients are appended (ids only grow), deleted ones are
        hidden. A metrics recompute can move anyone's tier (E bands are relative): :meth:`load` after one.
        """
        old, ids = self.snapshot, sorted({int(i) for i in patient_ids})
        *fresh_columns, tags = self._read(json.dumps(ids))
        fresh = _assemble(*fresh_columns)
        at, exists = lookup(old.ids, fresh["id"])
        added = ~exists
        if added.any() and old.n and fresh["id"][added].min() <= old.ids[-1]:
            self.load()  # an id inside the loaded range reappeared: positions cannot be kept
            return True
        raw = {key: column for key, column in old.raw.items() if not key.startswith("pt_")}
        raw["source"] = old.source_names[old.source_code]
        for key, column in raw.items():  # copy, widening fixed-width strings so a longer name fits
            raw[key] = column = column.astype(np.promote_types(column.dtype, fresh[key].dtype))
            column[at[exists]] = fresh[key][exists]
        gone, was_there = lookup(old.ids, np.setdiff1d(np.array(ids, dtype=np.int64), fresh["id"]))
        raw["deleted"][gone[was_there]] = True
        for key in raw:
            raw[key] = np.concatenate([raw[key], fresh[key][added]])
        keep = np.isin(old.raw["pt_pos"], at[exists], invert=True)
        raw["pt_pos"] = np.concatenate([old.raw["pt_pos"][keep], lookup(raw["id"], fresh["pt_id"])[0]])
        raw["pt_tag"] = np.concatenate([old.raw["pt_tag"][keep], fresh["pt_tag"]])
        self.snapshot = Snapshot(raw, tags, old.today)
        return bool(added.any() or was_there.any())

    def query(
        self, f: PatientFilter | None = None, sort_column: str | None = None, descending: bool = False
    ) -> QueryResult:
        """Rows passing ``f``, ordered by ``sort_column`` (one of :data:`COLUMNS`) or else by patient id;
        with a search text, best matches first (exact phone, phone tail, prefix, contains), each rank in
        that order."""
        snapshot = self.snapshot
        mask, tiers = snapshot.select(f or PatientFilter())
        hide_spend = not self.db.access.may(Permission.SEE_REVENUE)
        if sort_column is None:
            positions = np.flatnonzero(mask)
        elif sort_column not in COLUMNS:
            raise ValueError(f"unknown column {sort_column!r}")
        else:
            if sort_column == "spend" and hide_spend:  # the order would tell who spends most
                self.db.access.require(Permission.SEE_REVENUE)
            order = snapshot.order(sort_column, descending)
            positions = order[mask[order]]
        if tiers is not None:
            positions = positions[np.argsort(tiers[positions], kind="stable")]
        return QueryResult(snapshot, positions, hide_spend)

    def display_row(self, patient_id: int) -> PatientRow | None:
        pos = self.snapshot.position(patient_id)
        if pos is None:
            return None
        row = self.snapshot.row(pos)
        return row if self.db.access.may(Permission.SEE_REVENUE) else replace(row, spend_fen=None)

    def tags(self) -> list[TagInfo]:
        """Every tag with its patient count, by category then pinyin (the filter menu's order)."""
        s = self.snapshot
        tag_ids, counts = np.unique(s.pt_tag[s.live[s.pt_pos]], return_counts=True)
        count = dict(zip(tag_ids.tolist(), counts.tolist(), strict=True))
        infos = [
            TagInfo(t, name, cat, color, count.get(t, 0), rule)
            for t, (name, cat, color, rule) in s.tag_meta.items()
        ]
        return sorted(infos, key=lambda t: (_CATEGORY_ORDER.get(t.category, 9), search_keys(t.name)[0]))

    def sources(self) -> list[tuple[str, int]]:
        """Source channels with patient counts, most patients first; :data:`NO_SOURCE` last if present."""
        s = self.snapshot
        counts = np.bincount(s.source_code[s.live], minlength=len(s.source_names))
        found = [(str(name), int(c)) for name, c in zip(s.source_names, counts, strict=True) if c]
        return sorted(found, key=lambda item: (item[0] == NO_SOURCE, -item[1], search_keys(item[0])[0]))

    def _read(self, ids: str | None) -> tuple[list[Any], list[Any], list[Any], dict[int, Any]]:
        """Each table's columns as JSON texts (decoded one at a time by :func:`_assemble`) and the tags,
        in one read transaction (the engine begins one on the first statement)."""
        with self.db.engine.connect() as conn:

            def run(sql: str, id_column: str) -> list[Any]:
                if ids is None:
                    return list(conn.exec_driver_sql(sql).one())
                return list(conn.exec_driver_sql(sql + _WHERE_IDS.format(id_column), (ids,)).one())

            patients = run(_PATIENTS_SQL, "id")
            metrics = run(_METRICS_SQL, "patient_id")
            pairs = run(_PATIENT_TAGS_SQL, "patient_id")
            tags = {row[0]: tuple(row[1:]) for row in conn.exec_driver_sql(_TAGS_SQL)}
        return patients, metrics, pairs, tags


def _codes(values: Collection[str], table: dict[str, int], what: str) -> list[int]:
    unknown = set(values) - table.keys()
    if unknown:
        raise ValueError(f"unknown {what}: {sorted(unknown)}")
    return [table[v] for v in values]


def _assemble(patients: list[Any], metrics: list[Any], pairs: list[Any]) -> dict[str, Array]:
    """The raw columns in patient-id order, metrics aligned to them (code -1 where a patient has none).

    Each column arrives as its JSON text, is decoded only when it is converted and is then dropped from
    the lists given (:func:`take`), so one column's Python objects and text are alive at a time: decoding
    all nineteen first held ~2 M Python objects at once (~100 MB at 100,000 patients), and keeping the
    texts to the end another ~17 MB, on top of the snapshot being replaced."""
    ids = np.array(take(patients, 0), dtype=np.int64)
    order = np.argsort(ids)
    n = len(ids)
    raw = {"id": ids[order], "deleted": np.zeros(n, dtype=bool)}
    for key, i in (("name", 1), ("name_lower", 2), ("source", 6)):
        raw[key] = np.array(take(patients, i), dtype=np.str_)[order]
    for key, i in (("phone", 3), ("gender", 4), ("pinyin_full", 7), ("pinyin_initials", 8)):
        raw[key] = compact_text(take(patients, i))[order]
    raw["birth"] = iso_days(take(patients, 5))[order]
    raw["archived"] = np.array(take(patients, 9), dtype=bool)[order]
    known_codes = take(patients, 10)
    known = np.fromiter((_KNOWLEDGE.get(k, 0) for k in known_codes), dtype=np.int8, count=len(known_codes))
    raw["knowledge"] = known[order]
    at, ok = lookup(raw["id"], np.array(take(metrics, 0), dtype=np.int64))

    def aligned(values: Array, missing: int, dtype: type[np.integer[Any]] = np.int64) -> Array:
        column = np.full(n, missing, dtype=dtype)
        column[at[ok]] = values[ok]
        return column

    def codes(i: int, table: dict[Any, int]) -> Array:
        values = take(metrics, i)
        found = map(table.get, values, repeat(-1))
        return aligned(np.fromiter(found, dtype=np.int8, count=len(values)), -1, np.int8)

    raw["stage"], raw["activity"] = codes(1, _STAGE), codes(2, _ACTIVITY)
    raw["tier"] = codes(3, {**_TIER, None: _TIER[NO_TIER]})
    raw["composite"] = aligned(np.array(take(metrics, 4), dtype=np.int64), 0)
    raw["last_visit"] = aligned(iso_days(take(metrics, 5)), _NAT)
    raw["spend"] = aligned(np.array(take(metrics, 6), dtype=np.int64), 0)
    raw["flags"] = aligned(np.array(take(metrics, 7), dtype=np.int8), 0, np.int8)  # three bits
    raw["ers"] = aligned(np.array(take(metrics, 8), dtype=np.int32), 0, np.int32)
    raw["segment"] = codes(9, _SEGMENT)
    pt_id = np.array(take(pairs, 0), dtype=np.int64)
    pt_pos, known = lookup(raw["id"], pt_id)
    raw["pt_pos"], raw["pt_tag"] = pt_pos[known], np.array(take(pairs, 1), dtype=np.int64)[known]
    raw["pt_id"] = pt_id[known]  # by patient id, for refresh()
    return raw
