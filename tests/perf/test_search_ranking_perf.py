"""Search as you type at 100,000 patients, ranked (issue 13 item 5): every keystroke under 50 ms.

Run with ``python -m pytest -m slow -s tests/perf/test_search_ranking_perf.py``; it prints p50 and max per
kind of typing. Each keystroke is timed as the receptionist meets it: the ranked query of the service
(match tiers, filter, sort, rank), and in the list view the same plus the model reset, the reselection,
the count and the one paint of what a keystroke changed (the search box, the table, the count) that the
event loop's next turn makes: the pending update requests, sent synchronously. (Repainting each changed
widget in turn painted the table twice: a widget's ``repaint()`` flushes every dirty region of its
window, the table's included, and the table's own ``repaint()`` then painted it again — 8–9 ms of a
21 ms keystroke at 100,000 patients that the receptionist never waits for.) The first keystroke of each
sequence is cold (the sort order is computed again).

What is bound is the CPU time of the GUI thread (``time.thread_time``), best of three runs; wall time is
printed beside it. On the reception PC the app has the processor to itself and the two are the same; on
a shared build machine other processes stretch the wall time by whatever they take, which says nothing
about the search (everything here runs on the calling thread: NumPy's string functions and Qt's raster
painting are single-threaded).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients import PatientFilter, PatientList
from clinic_desktop.ui.patients.list_view import PatientListView
from clinic_desktop.ui.widgets import apply_focus_style, apply_ui_font, tasks

pytestmark = pytest.mark.slow
AS_OF = date(2026, 11, 22)
BOUND_MS = 50

#: per kind of typing, per keystroke: (CPU ms, wall ms)
Times = dict[str, list[tuple[float, float]]]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("search") / "big.db")
    generate_demo(db, patients=100_000, seed=1, as_of=AS_OF)
    recompute(db, AS_OF)
    yield db
    db.close()


def _typing(plist: PatientList) -> dict[str, str]:
    """What gets typed: a whole phone and its tail (of a real patient), names, pinyin, initials."""
    result = plist.query(PatientFilter(text="139"), "name")
    phone = next(p for p in (result.row(i).phone for i in range(result.count)) if p and p.isdigit())
    return {
        "phone": phone,
        "phone tail": phone[-4:],
        "pinyin": "zhangsan",
        "initials": "wf",
        "name": "王芳",
        "spaced phone": f"{phone[:3]} {phone[3:7]} {phone[7:]}",
    }


def _best(run: Callable[[], object], cold: Callable[[], None] | None = None) -> tuple[float, float]:
    """(CPU ms, wall ms) of the run with the least CPU time of three."""
    best = (float("inf"), float("inf"))
    for _ in range(3):
        if cold is not None:
            cold()
        cpu, wall = time.thread_time(), time.perf_counter()
        run()
        best = min(best, ((time.thread_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000))
    return best


def _report(kind: str, times: Times) -> float:
    """Print p50 and max (CPU, then wall) overall and each keystroke's CPU ms; return the CPU max."""
    cpu = [c for pairs in times.values() for c, _ in pairs]
    wall = [w for pairs in times.values() for _, w in pairs]
    print(
        f"\n{kind}: {len(cpu)} keystrokes — CPU p50 {statistics.median(cpu):.1f} ms, max {max(cpu):.1f} ms;"
        f" wall p50 {statistics.median(wall):.1f} ms, max {max(wall):.1f} ms"
    )
    for what, pairs in times.items():
        print(f"  {what:>12}: " + " ".join(f"{c:.1f}" for c, _ in pairs))
    return max(cpu)


def test_each_keystroke_of_a_ranked_search_in_the_service(big: Database) -> None:
    plist = PatientList(big)
    plist.load()
    typing = _typing(plist)
    times: Times = {}
    for what, text in typing.items():
        times[what] = []
        for end in range(1, len(text) + 1):
            cold = plist.snapshot._orders.clear if end == 1 else None  # the first keystroke sorts too
            times[what].append(_best(lambda t=text[:end]: plist.query(PatientFilter(text=t), "name"), cold))
        result = plist.query(PatientFilter(text=text), "name")
        if what in ("phone", "spaced phone"):
            assert result.row(0).phone == typing["phone"]
        if what == "phone tail":  # every number ending in the tail comes before any that only holds it
            phones = [result.row(i).phone or "" for i in range(result.count)]
            ends = [p.endswith(text) for p in phones]
            assert ends[0] and ends == sorted(ends, reverse=True)
    assert _report("service (ranked query)", times) < BOUND_MS


class _Paints(QObject):
    """Counts the paint events a widget receives: proof that the timed keystroke painted the table."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_each_keystroke_in_the_list_view(qapp: Any, big: Database) -> None:
    tasks.set_synchronous(True)
    font, style = qapp.font(), qapp.styleSheet()
    apply_ui_font(qapp)  # as the app does: the CJK family first, not a per-glyph fallback search
    apply_focus_style(qapp)  # and the focus ring's stylesheet (every paint goes through it)
    view = PatientListView(big)
    try:
        view.resize(1366, 700)
        view.show()
        qapp.processEvents()
        typing = _typing(view.service)
        paints = _Paints()
        view.table.viewport().installEventFilter(paints)
        keystrokes = 0
        times: Times = {}
        for what, text in typing.items():
            times[what] = []
            for end in range(1, len(text) + 1):

                def keystroke(typed: str = text[:end]) -> None:
                    nonlocal keystrokes
                    keystrokes += 1
                    view.search.setText(typed)
                    view.apply_filter()  # what the pause in typing triggers: query, reset, reselect, count
                    QApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)  # the paint that follows

                cold = view.service.snapshot._orders.clear if end == 1 else None
                times[what].append(_best(keystroke, cold))
            view.search.clear()
            view.apply_filter()
            QApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)
        assert paints.count >= keystrokes  # every timed keystroke painted the table
        view.table.viewport().removeEventFilter(paints)
        assert _report("list view (query + reset + paint)", times) < BOUND_MS
    finally:
        qapp.setFont(font)
        qapp.setStyleSheet(style)
        tasks.set_synchronous(False)
        view.close()
        view.deleteLater()
