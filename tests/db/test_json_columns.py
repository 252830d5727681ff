"""Rows read as one row of JSON arrays: every value comes back as the driver would hand it over, NULLs
keep their place, and texts that would break a separator survive."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from clinic_desktop.db.json_columns import json_columns_sql, read_json_columns

ROWS = [
    (1, "张三", None, 12.5),
    (2, 'a,b "c"\n=1+1', 7, None),
    (3, None, -1, 0.0),
]


def _conn() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER, x REAL)")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", ROWS)
    return conn


def test_columns_equal_the_rows_the_driver_reads() -> None:
    with closing(_conn()) as conn:
        sql = json_columns_sql(("id", "name", "n", "x", "upper(name)"), "FROM t")
        columns = read_json_columns(conn, sql)
        rows = conn.execute("SELECT id, name, n, x, upper(name) FROM t ORDER BY id").fetchall()
    assert columns == [list(column) for column in zip(*rows, strict=True)]
    assert columns[1][1] == 'a,b "c"\n=1+1' and columns[2] == [None, 7, -1] and columns[3][1] is None


def test_no_rows_give_empty_columns() -> None:
    with closing(_conn()) as conn:
        assert read_json_columns(conn, json_columns_sql(("id", "name"), "FROM t WHERE id > ?"), (9,)) == [
            [],
            [],
        ]
