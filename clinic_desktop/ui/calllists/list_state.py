"""The list on the call-list screen, as plain data shared by the page, the panel beside it and the writer.

A generated list is a *draft* (``built`` set, ``list_id`` None) until it is worked: the first outcome, an
export or 保存名单 stores it, and the ids the database gave it arrive back on the GUI thread. Only the GUI
thread changes a ``ListState``; the worker gets the values it needs, never the state itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from clinic_desktop.services.calllists import BuiltList

#: what the why-not lookup needs to know about the list on screen: (kind, as_of, params), or None
ListContext = tuple[str, date, dict[str, Any] | None]


@dataclass
class ListState:
    kind: str
    as_of: date
    params: dict[str, Any] | None
    built: BuiltList | None = None  #: the list while it is a draft (None for a reopened list)
    list_id: int | None = None
    row_ids: dict[str, int] = field(default_factory=dict)  #: row_key → call_list_rows.id

    def saved_as(self, list_id: int, row_ids: dict[str, int]) -> None:
        """The draft is stored: outcomes are recorded against these rows from now on."""
        self.list_id, self.row_ids = list_id, dict(row_ids)

    def context(self) -> ListContext:
        return (self.kind, self.as_of, self.params)
