"""Column helpers of the patient-list snapshot (:mod:`.list_snapshot`): dense ranks for sorting, id
lookups, and the aggregate columns as SQLite returns them (a JSON array's text) turned into NumPy."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

__all__ = ["dense_rank", "dense_rank_rows", "lookup", "values_of", "iso_days"]

Array = np.ndarray


def dense_rank(key: Array) -> Array:
    """Equal keys get equal ranks, so a descending sort (on ``-rank``) keeps ties in id order."""
    order = np.argsort(key, kind="stable")
    new = np.ones(len(key), dtype=bool)
    new[1:] = key[order][1:] != key[order][:-1]
    return scatter_rank(order, new)


def dense_rank_rows(matrix: Array) -> Array:
    order = np.lexsort(matrix.T[::-1])  # first column most significant
    new = np.ones(len(matrix), dtype=bool)
    new[1:] = np.any(matrix[order][1:] != matrix[order][:-1], axis=1)
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


def iso_days(values: list[str | None]) -> Array:
    """ISO dates as days since 1970 (int64), NaT (int64 minimum) for None."""
    return np.array(values, dtype="datetime64[D]").astype(np.int64)
