"""The 认知 column of a patients file (PRODUCT §7.1, §4.1): 懂行 / 不太懂 as clinics write them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from clinic_desktop.services.database import Database
from clinic_desktop.services.importing.importer import inspect_file, plan_import, run_import
from clinic_desktop.services.importing.mapping import guess_mapping


def test_knowledge_header_and_values(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "患者.csv"
    path.write_text(
        "姓名,手机,认知（懂行/不太懂）\n"
        "张三,13800000001,懂行\n"
        "李四,13800000002,不太懂\n"
        "王五,13800000003,expert\n"
        "赵六,13800000004,Novice\n"
        "孙七,13800000005,小白\n"
        "周八,13800000006,\n"
        "吴九,13800000007,大师\n",
        encoding="utf-8",
    )
    assert guess_mapping("patients", ["姓名", "手机", "认知（懂行/不太懂）"]) == {
        0: "name",
        1: "phone",
        2: "knowledge",
    }
    plan = plan_import(db, inspect_file(path))
    # an unknown word is never guessed: the row is noted, naming what the column accepts, and goes in with
    # the field empty (the importer's rule for any unreadable cell, PRODUCT §7.2)
    assert [i.row for i in plan.issues] == [8] and "懂行/不太懂" in plan.issues[0].zh
    run_import(db, inspect_file(path))
    with closing(sqlite3.connect(db.path)) as conn:
        rows = dict(conn.execute("SELECT name, knowledge FROM patients").fetchall())
    assert rows == {
        "吴九": None,
        "张三": "expert",
        "李四": "novice",
        "王五": "expert",
        "赵六": "novice",
        "孙七": "novice",
        "周八": None,
    }
