"""The writes on the list on screen — an outcome, 保存名单, an Excel export — each one service call on the
database worker, in the order the receptionist made them.

A generated list is a draft until its first write stores it; the database then gives the list and its
rows their ids, which come back with that write's result and are put into the :class:`ListState` on the
GUI thread. A receptionist is quicker than that: an outcome marked while the draft is being stored waits
here for those ids and goes out right after. (The worker never sees the state; it gets plain values.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from clinic_desktop.services.calllists import (
    export_list,
    record_outcome,
    save_and_export_rows,
    save_list_rows,
)
from clinic_desktop.services.database import Database
from clinic_desktop.ui.calllists.list_state import ListState
from clinic_desktop.ui.widgets import ErrorHandler, run_in_background

#: what a stored draft comes back as: its list id and its rows' ids by row key
Stored = tuple[int, dict[str, int]]


@dataclass
class _Storing:
    """A draft being stored, and the writes waiting for its ids."""

    state: ListState
    waiting: list[tuple[Callable[[], None], ErrorHandler]] = field(default_factory=list)


class ListWriter(QObject):
    """Sends the writes on the list on screen; ``listSaved`` when a draft became a saved list."""

    listSaved = Signal()

    def __init__(self, db: Database, owner: QWidget) -> None:
        """``owner``: the widget the results are for (a progress dialog shows over it)."""
        super().__init__(owner)
        self._db = db
        self._owner = owner
        self._storing: list[_Storing] = []

    def record(
        self,
        state: ListState,
        row_key: str,
        outcome: str,
        note: str | None,
        done: Callable[[], None],
        failed: ErrorHandler,
    ) -> None:
        """One outcome → one contact-log row (勿扰 also flags the patient), storing a draft first."""
        db = self._db

        def send() -> None:
            row_id = state.row_ids[row_key]
            run_in_background(
                lambda: record_outcome(db, row_id, outcome, note=note),
                lambda _none: done(),
                failed,
                owner=self._owner,
            )

        self._when_saved(state, send, failed)

    def save(self, state: ListState, done: Callable[[], None], failed: ErrorHandler, busy: str) -> None:
        """Store the draft (nothing to do for a list already saved)."""
        self._when_saved(state, done, failed, busy=busy)

    def export(
        self,
        state: ListState,
        path: Path,
        mask_phone: bool,
        done: Callable[[Path], None],
        failed: ErrorHandler,
        busy: str,
    ) -> None:
        """Write the printed list to ``path``; a draft is stored and exported in one service call (and
        is not left stored if the export fails)."""
        db = self._db
        built = state.built
        if state.list_id is None and self._in_flight(state) is None and built is not None:
            self._store(
                state,
                lambda: save_and_export_rows(db, built, path, mask_phone=mask_phone),
                lambda: done(path),
                failed,
                busy,
            )
            return

        def send() -> None:
            list_id = state.list_id
            assert list_id is not None
            run_in_background(
                lambda: export_list(db, list_id, path, mask_phone=mask_phone),
                done,
                failed,
                owner=self._owner,
                busy=busy,
            )

        self._when_saved(state, send, failed)

    # --- storing a draft once ------------------------------------------------------------------------------

    def _in_flight(self, state: ListState) -> _Storing | None:
        return next((s for s in self._storing if s.state is state), None)

    def _when_saved(
        self, state: ListState, then: Callable[[], None], failed: ErrorHandler, *, busy: str | None = None
    ) -> None:
        """Run ``then`` once ``state`` is a saved list: now if it is, after the store under way if there
        is one, else after storing it now."""
        storing = self._in_flight(state)
        if state.list_id is not None:
            then()
        elif storing is not None:
            storing.waiting.append((then, failed))
        elif state.built is not None:
            db, built = self._db, state.built
            self._store(state, lambda: save_list_rows(db, built), then, failed, busy)

    def _store(
        self,
        state: ListState,
        work: Callable[[], Stored],
        then: Callable[[], None],
        failed: ErrorHandler,
        busy: str | None,
    ) -> None:
        storing = _Storing(state, [(then, failed)])
        self._storing.append(storing)

        def stored(ids: Stored) -> None:
            self._storing.remove(storing)
            state.saved_as(*ids)
            self.listSaved.emit()
            for waiting, _failed in storing.waiting:
                waiting()

        def not_stored(exc: Exception) -> None:
            self._storing.remove(storing)
            for _then, waiting_failed in storing.waiting:
                waiting_failed(exc)

        run_in_background(work, stored, not_stored, owner=self._owner, busy=busy)
