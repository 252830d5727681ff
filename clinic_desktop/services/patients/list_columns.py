"""Column helpers of the patient-list snapshot (:mod:`.list_snapshot`): dense ranks for sorting, id
lookups, and the aggregate columns as SQLite returns them (a JSON array's text) turned into NumPy.

Memory matters as much as speed here: the app keeps one snapshot open all day and holds two while a reload
builds the next, so text columns that are plain ASCII (phones, pinyin keys) are kept as one byte a
character (``S``) rather than NumPy's four (``U``), and each column's JSON text is dropped as soon as it
is converted."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

__all__ = ["compact_text", "dense_rank", "dense_rank_rows", "is_empty", "iso_days", "lookup", "take"]
__all__ += ["text_at", "values_of"]

Array = np.ndarray


def dense_rank(key: Array) -> Array:
    """Equal keys get equal ranks, so a descending sort (on ``-rank``) keeps ties in id order."""
    order = np.argsort(key, kind="stable")
    ordered = key[order]  # once: a string column's copy is as large as the column
    new = np.ones(len(key), dtype=bool)
    new[1:] = ordered[1:] != ordered[:-1]
    del ordered
    return scatter_rank(order, new)


def dense_rank_rows(matrix: Array) -> Array:
    order = np.lexsort(matrix.T[::-1])  # first column most significant
    ordered = matrix[order]
    new = np.ones(len(matrix), dtype=bool)
    new[1:] = np.any(ordered[1:] != ordered[:-1], axis=1)
    del ordered
    return scatter_rank(order, new)


def scatter_rank(order: Array, new: Array) -> Array:
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.cumsum(new) - 1
    return rank


def lookup(sorted_ids: Array, ids: Array) -> tuple[Array, Array]:
    """Positions of ``ids`` in ``sorted_ids``, and which of them are there at all."""
    at = np.searchsorted(sorted_ids, ids)
    if not len(sorted_ids):
        return at, np.zeros(len(ids), dtype=bool)
    return at, sorted_ids[np.minimum(at, len(sorted_ids) - 1)] == ids


def values_of(column: str | list[Any]) -> list[Any]:
    """A column as read (a JSON array's text) or given (a list)."""
    return json.loads(column) if isinstance(column, str) else column


def take(columns: list[Any], i: int) -> list[Any]:
    """Column ``i`` of a query's columns, decoded, and its text dropped from ``columns``: the caller's
    list no longer keeps every column's JSON alive while the others are converted."""
    values = values_of(columns[i])
    columns[i] = None
    return values


def compact_text(values: list[str]) -> Array:
    """A text column as ``S`` (one byte a character) when every value is ASCII, else as ``U``: phones and
    pinyin keys are ASCII, and at four bytes a character they were a third of the snapshot."""
    try:
        return np.array(values, dtype=np.bytes_)
    except UnicodeEncodeError:
        return np.array(values, dtype=np.str_)


def is_empty(column: Array) -> Array:
    """Where a text column (``S`` or ``U``) holds "". Not ``column == ""``: for an ``S`` column NumPy
    compares bytes with a str as unequal everywhere, silently."""
    return np.asarray(np.strings.str_len(column) == 0)


def text_at(column: Array, pos: int) -> str:
    """One value of a text column (``S`` or ``U``) as a str."""
    value = column[pos]
    return value.decode("ascii") if isinstance(value, bytes) else str(value)


def iso_days(values: list[str | None]) -> Array:
    """ISO dates as days since 1970 (int64), NaT (int64 minimum) for None."""
    return np.array(values, dtype="datetime64[D]").astype(np.int64)
