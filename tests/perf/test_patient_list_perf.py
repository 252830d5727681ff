"""The patient list at the size PRODUCT §1 promises: 100,000 patients (issue 3: < 100 ms per action).

Run with ``python -m pytest -m slow -s tests/perf/test_patient_list_perf.py``; it prints its figures.
The load itself may take longer than 100 ms — it runs off the GUI thread — and is reported, not bound.
Everything the GUI thread does per user action is bound: resetting the model and painting the view,
each search keystroke, each sort. Keystrokes and sorts are timed cold (the first sort of a column
computes its order), so the figures are the worst case a receptionist meets, not a warmed-up best.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients.list_snapshot import COLUMNS, PatientFilter, PatientList
from clinic_desktop.ui.patients.list_view import PatientListView
from clinic_desktop.ui.widgets import tasks

pytestmark = pytest.mark.slow
AS_OF = date(2026, 11, 22)
BOUND_MS = 100
KEYSTROKES = ("z", "zh", "zha", "1", "13", "138", "张")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("patient_list") / "big.db")
    generate_demo(db, patients=100_000, seed=1, as_of=AS_OF)
    recompute(db, AS_OF)
    yield db
    db.close()


@pytest.fixture
def view(qapp: Any, big: Database) -> Iterator[PatientListView]:
    tasks.set_synchronous(True)  # the constructor's load completes before it returns
    widget = PatientListView(big)
    widget.resize(1400, 800)
    widget.show()
    qapp.processEvents()
    yield widget
    tasks.set_synchronous(False)
    widget.close()
    widget.deleteLater()


def _ms(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _best_ms(fn: Callable[[], object], runs: int = 3) -> float:
    return min(_ms(fn) for _ in range(runs))


def test_service_load_and_query(big: Database) -> None:
    plist = PatientList(big)
    load = _best_ms(plist.load)
    refresh = _best_ms(lambda: plist.refresh([1, 50_000]))
    queries = {text: _ms(lambda t=text: plist.query(PatientFilter(text=t), "name")) for text in KEYSTROKES}
    print(f"\nservice: load {load:.0f} ms (background), refresh of 2 patients {refresh:.0f} ms (background)")
    print("service query per keystroke: " + ", ".join(f"{t!r} {ms:.1f} ms" for t, ms in queries.items()))
    assert plist.query().count > 99_000
    assert max(queries.values()) < BOUND_MS


def test_open_search_and_sort_in_the_view(qapp: Any, view: PatientListView) -> None:
    model, table = view.model, view.table
    assert model.rowCount() > 99_000

    def reset_and_paint() -> None:
        model.requery()
        view.repaint()  # synchronous paint of the whole widget: table, header, filters

    opening = _best_ms(reset_and_paint)

    def keystroke(text: str) -> float:
        def run() -> None:
            view.search.setText(text)
            view.apply_filter()  # what the debounce timer calls: query, reset, reselect, count
            view.repaint()

        return _ms(run)

    typed = {text: keystroke(text) for text in KEYSTROKES}
    assert model.rowCount() > 0 and view.count_label.text().startswith("共 ")
    view.search.setText("")
    view.apply_filter()

    def sort(column: int, order: Qt.SortOrder) -> float:
        def run() -> None:
            table.sortByColumn(column, order)  # as a header click does: model.sort -> re-query
            table.viewport().repaint()

        return _ms(run)

    sorts = {
        (COLUMNS[c], order.name[:-5].lower()): sort(c, order)
        for c in range(len(COLUMNS))
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
    }
    print(f"\nview: model reset + first paint {opening:.1f} ms")
    print(
        "view: keystroke (query + reset + paint): " + ", ".join(f"{t!r} {ms:.1f}" for t, ms in typed.items())
    )
    print("view: sort, cold (query + layout change + paint): ")
    for (column, order), ms in sorts.items():
        print(f"  {column:>10} {order:<10} {ms:6.1f} ms")
    assert opening < BOUND_MS
    assert max(typed.values()) < BOUND_MS
    assert max(sorts.values()) < BOUND_MS
