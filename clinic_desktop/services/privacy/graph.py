"""Which rows are a patient's, read from the schema's foreign keys (shared by erasure and export).

Starting from the patient, every row whose foreign key points at one of theirs is theirs too — unless the
foreign key is ``ON DELETE SET NULL``: that is a *link* from someone else's record (another patient's
referred-by, a survey that named a visit), not ownership. Reading this from ``Base.metadata`` instead of a
hand-written list means a table added later is erased and exported without anyone remembering to.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from clinic_desktop.db.models import Base

__all__ = ["IN_JSON", "Link", "has_id", "id_list", "links", "owned_links", "reach"]

#: ``x IN (…)`` over a JSON array parameter: one bound value however many ids
IN_JSON = "IN (SELECT value FROM json_each(?))"


@dataclass(frozen=True)
class Link:
    child: str
    column: str
    parent: str
    cut: bool  #: ON DELETE SET NULL: a link from another record, cut rather than followed


@cache
def links() -> tuple[Link, ...]:
    """Every foreign key of the schema, in dependency order."""
    return tuple(
        Link(table.name, key.parent.name, key.column.table.name, (key.ondelete or "").upper() == "SET NULL")
        for table in Base.metadata.sorted_tables
        for key in sorted(table.foreign_keys, key=lambda k: k.parent.name)
    )


@cache
def has_id(table: str) -> bool:
    """Whether rows of ``table`` have an ``id`` of their own (else they hang off a parent's, e.g. tags)."""
    return [c.name for c in Base.metadata.tables[table].primary_key.columns] == ["id"]


def id_list(ids: set[int]) -> str:
    return json.dumps(sorted(ids))


def reach(cur: sqlite3.Cursor, patient_id: int) -> dict[str, set[int]]:
    """Table → ids of the patient's rows, over every followed link (tables with an ``id``)."""
    found: dict[str, set[int]] = defaultdict(set, {"patients": {patient_id}})
    pending = ["patients"]
    while pending:
        parent = pending.pop()
        for link in links():
            if link.parent != parent or link.cut or not has_id(link.child):
                continue
            rows = cur.execute(
                f'SELECT id FROM "{link.child}" WHERE "{link.column}" {IN_JSON}', (id_list(found[parent]),)
            )
            new = {r[0] for r in rows} - found[link.child]
            if new:
                found[link.child] |= new
                pending.append(link.child)
    return dict(found)


def owned_links(reached: dict[str, set[int]]) -> list[Link]:
    """The followed links of tables without an id of their own whose parent rows are the patient's."""
    return [link for link in links() if not link.cut and not has_id(link.child) and link.parent in reached]
