"""The rule-derived tags (PRODUCT §4.1) as ordinary tags: a ``tags`` row per rule (``rule`` set to its key)
and a ``patient_tags`` row per patient it holds for — so the list, its tag filter, campaigns by tag, the
printed list and the export all see 价格敏感 like any tag, while nobody can type or remove it by hand.

:func:`store_rule_tags` runs inside the metrics recompute's write transaction: the tags, the metrics and
the clinic norms the rules compared against change together or not at all. Like the metrics, only the
difference is written — a daily recompute adds and removes the few tags that changed.

A manual tag that already carries a rule tag's name (clinics typed 高客单 by hand before there was a
rule) keeps its patients and is renamed ``高客单（手动）`` once, in the audit log; the derived tag takes
the name. Nothing a person assigned is ever dropped.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from clinic_desktop.core.segmentation import RULE_TAGS, ClinicNorms, RuleKey, RuleTable
from clinic_desktop.db.settings_store import read_value
from clinic_desktop.services.database import Database
from clinic_desktop.services.stored_standing import NORMS_KEY, norms_of

__all__ = ["NORMS_KEY", "StoredPairs", "load_norms", "read_rule_tag_pairs", "rule_tag_ids", "store_rule_tags"]

#: settings key of the clinic norms the stored rule tags were computed with (for their explanations)
_MANUAL_SUFFIX = "（手动）"
#: a (patient, tag) pair as one integer: patient id × _SLOTS + the tag's registry index
_SLOTS = 8


def _unique_name(taken: set[str], name: str) -> str:
    candidate, n = f"{name}{_MANUAL_SUFFIX}", 2
    while candidate.lower() in taken:
        candidate, n = f"{name}{_MANUAL_SUFFIX[:-1]}{n}）", n + 1
    return candidate


def ensure_rule_tags(cur: sqlite3.Cursor) -> list[int]:
    """The tag id of each rule tag, in registry order; creates the missing ones (see module docstring)."""
    rows = cur.execute("SELECT id, name, rule FROM tags").fetchall()
    by_rule = {rule: tid for tid, _, rule in rows if rule}
    taken = {name.lower(): tid for tid, name, _ in rows}
    ids = []
    for tag in RULE_TAGS:
        tid = by_rule.get(tag.key.value)
        if tid is None:
            clash = taken.get(tag.name.lower())
            if clash is not None:
                new = _unique_name(set(taken), tag.name)
                cur.execute("UPDATE tags SET name = ? WHERE id = ?", (new, clash))
                taken[new.lower()] = clash
                detail = {"id": clash, "from": tag.name, "to": new, "why": "rule tag"}
                cur.execute(
                    "INSERT INTO audit_log (action, detail) VALUES ('tag rename', ?)",
                    (json.dumps(detail, ensure_ascii=False, sort_keys=True),),
                )
            cur.execute(
                "INSERT INTO tags (name, category, color, rule) VALUES (?, ?, ?, ?)",
                (tag.name, tag.category, tag.color, tag.key.value),
            )
            tid = int(cur.lastrowid or 0)
            taken[tag.name.lower()] = tid
        ids.append(int(tid))
    return ids


#: the stored rule-tag pairs as keys (patient id × _SLOTS + registry index), and the tag ids they are of
StoredPairs = tuple[tuple[int, ...], npt.NDArray[np.int64]]


def _stored_keys(cur: sqlite3.Cursor, tag_ids: Sequence[int]) -> npt.NDArray[np.int64]:
    """The stored pairs of ``tag_ids`` (registry order) as sorted unique keys, built by SQLite and
    parsed in C (no Python tuple per row)."""
    slot = " ".join(f"WHEN {tid} THEN {i}" for i, tid in enumerate(tag_ids))
    count, text = cur.execute(
        f"SELECT count(*), group_concat(patient_id * {_SLOTS} + CASE tag_id {slot} END)"
        f" FROM patient_tags WHERE tag_id IN ({', '.join(map(str, tag_ids))})"
    ).fetchone()
    # unique already (the primary key is (patient_id, tag_id)): sorted only — np.unique would also import
    # numpy.ma on its first call in a process, 0.03 s of a fresh recompute command
    return np.sort(np.fromstring(text, dtype=np.int64, sep=",")) if count else np.zeros(0, np.int64)


def read_rule_tag_pairs(cur: sqlite3.Cursor) -> StoredPairs | None:
    """The stored ``patient_tags`` rows of the rule tags, with the tag ids they are of (None before the
    first recompute made the tags). The recompute reads them while its fact queries run, on a connection
    of its own (:class:`clinic_desktop.services.metrics._EarlyStored`), and hands them to
    :func:`store_rule_tags` when nothing was committed since."""
    by_rule = dict(cur.execute("SELECT rule, id FROM tags WHERE rule IS NOT NULL").fetchall())
    if any(tag.key.value not in by_rule for tag in RULE_TAGS):
        return None
    tag_ids = tuple(int(by_rule[tag.key.value]) for tag in RULE_TAGS)
    return tag_ids, _stored_keys(cur, tag_ids)


def store_rule_tags(
    cur: sqlite3.Cursor,
    patient_ids: npt.NDArray[np.int64],
    rules: RuleTable,
    stored: StoredPairs | None = None,
) -> tuple[int, int]:
    """Make the rule tags' ``patient_tags`` rows equal ``rules`` (aligned with ``patient_ids``) and store
    the norms; returns (added, removed). The caller owns the write transaction. ``stored`` is what
    :func:`read_rule_tag_pairs` found, when the caller knows nothing was committed since; otherwise (or
    if the tags it is of are not the rule tags now) they are read here."""
    tag_ids = ensure_rule_tags(cur)
    bits = np.arange(len(RULE_TAGS))
    pos, index = np.nonzero((rules.tags[:, None] >> bits) & 1)
    # np.nonzero walks row by row and patient ids ascend: the keys come sorted and unique
    wanted = patient_ids[pos] * _SLOTS + index
    have = stored[1] if stored is not None and stored[0] == tuple(tag_ids) else _stored_keys(cur, tag_ids)
    add = np.setdiff1d(wanted, have, assume_unique=True)
    drop = np.setdiff1d(have, wanted, assume_unique=True)

    def pairs(keys: npt.NDArray[np.int64]) -> list[tuple[int, int]]:
        return [(int(k) // _SLOTS, tag_ids[int(k) % _SLOTS]) for k in keys]

    if len(drop):
        cur.executemany("DELETE FROM patient_tags WHERE patient_id = ? AND tag_id = ?", pairs(drop))
    if len(add):
        cur.executemany("INSERT INTO patient_tags (patient_id, tag_id) VALUES (?, ?)", pairs(add))
    n = rules.norms
    norms = {
        "median2_ticket_fen": n.median2_ticket_fen,
        "ticket_payers": n.ticket_payers,
        "top_spend_fen": n.top_spend_fen,
        "lifetime_payers": n.lifetime_payers,
    }
    cur.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (NORMS_KEY, json.dumps(norms)),
    )
    return len(add), len(drop)


def load_norms(db: Database) -> ClinicNorms:
    """The norms stored by the last recompute (zeros before the first)."""
    with db.engine.connect() as conn:
        return norms_of(read_value(conn, NORMS_KEY))


def rule_tag_ids(db: Database) -> dict[str, int]:
    """Rule key → tag id of the rule tags that exist (they are created by the first recompute)."""
    with db.engine.connect() as conn:
        rows: Sequence[Any] = conn.exec_driver_sql("SELECT rule, id FROM tags WHERE rule IS NOT NULL").all()
    known = {key.value for key in RuleKey}
    return {str(rule): int(tid) for rule, tid in rows if rule in known}
