"""Probes over a clinic's stored data: recompute, call lists, duplicates, the patient list, the dashboard.

Each probe runs in its own interpreter (:mod:`benchmarks.probe`) and returns plain numbers: medians in
seconds, every run's wall time, and the baseline of the same run where the issue names one.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any

from benchmarks.databases import AS_OF
from benchmarks.measure import median_of

#: search keystrokes as a receptionist types them (pinyin initials, phone digits, a character)
KEYSTROKES = ("z", "zh", "zha", "1", "13", "138", "张")


def _timing(t: Any) -> dict[str, Any]:
    return {"wall": t.wall, "cpu": t.cpu, "runs": t.runs}


def recompute(db: str, day: int) -> dict[str, Any]:
    """One recompute (the service, worker start-up included: this process has none yet) as of ``day``
    days after the demo's today, beside the floor: a raw ``sqlite3`` GROUP BY patient_id over visits."""
    started, cpu = time.perf_counter(), time.process_time()
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "SELECT patient_id, COUNT(*), SUM(amount_fen) FROM visits GROUP BY patient_id"
        ).fetchall()
    baseline = time.perf_counter() - started, time.process_time() - cpu

    from clinic_desktop.services.database import open_database
    from clinic_desktop.services.metrics import recompute as run

    database = open_database(db)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        summary = run(database, AS_OF + timedelta(days=day))
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        database.close()
    return {
        "wall": wall,
        "cpu": cpu,
        "baseline": baseline[0],
        "baseline_cpu": baseline[1],
        "written": summary.written.inserted + summary.written.updated,
    }


def calllists(db: str, repeats: int) -> dict[str, Any]:
    """Each call-list kind built by the service on stored metrics of the day (what the app's page does)."""
    from clinic_desktop.cli.calllists import CALLLIST_KINDS
    from clinic_desktop.services.calllists import build_list
    from clinic_desktop.services.database import open_database

    database = open_database(db)
    try:
        build_list(database, "recall", AS_OF)  # the OS file cache, as a clinic's second list has it
        out = {}
        for kind in CALLLIST_KINDS:
            timing = median_of(lambda kind=kind: build_list(database, kind, AS_OF), repeats)
            out[kind] = _timing(timing) | {"rows": len(build_list(database, kind, AS_OF).rows)}
        return out
    finally:
        database.close()


def duplicates(db: str, repeats: int) -> dict[str, Any]:
    from clinic_desktop.services.database import open_database
    from clinic_desktop.services.patients import find_duplicates

    database = open_database(db)
    try:
        groups = find_duplicates(database)
        timing = median_of(lambda: find_duplicates(database), repeats)
        return _timing(timing) | {"groups": len(groups)}
    finally:
        database.close()


def patient_list(db: str, repeats: int) -> dict[str, Any]:
    """The reception list's per-action costs, each cold (a fresh snapshot before every run, so the first
    sort of a column computes its order): the slowest keystroke of a typed search, the slowest sort over
    every column both ways, and opening a patient's 360° record."""
    from clinic_desktop.services.database import open_database
    from clinic_desktop.services.patients import COLUMNS, PatientFilter, PatientList, load_record

    database = open_database(db)
    try:
        plist = PatientList(database, today=AS_OF)
        load = median_of(plist.load, repeats)

        def worst(actions: list[Any]) -> float:
            times = []
            for action in actions:
                started = time.perf_counter()
                action()
                times.append(time.perf_counter() - started)
            return max(times)

        keys, sorts = [], []
        for _ in range(repeats):
            plist.load()
            keys.append(worst([lambda t=t: plist.query(PatientFilter(text=t), "name") for t in KEYSTROKES]))
            plist.load()
            sorts.append(
                worst([lambda c=c, d=d: plist.query(None, c, d) for c in COLUMNS for d in (False, True)])
            )
        ids = plist.query().ids
        picks = [int(ids[int(len(ids) * k / (repeats + 1))]) for k in range(1, repeats + 1)]
        opens = []
        for pid in picks:
            started = time.perf_counter()
            load_record(database, pid, AS_OF)
            opens.append(time.perf_counter() - started)
        return {
            "load": _timing(load),
            "keystroke": {"wall": statistics.median(keys), "runs": keys},
            "sort": {"wall": statistics.median(sorts), "runs": sorts},
            "open": {"wall": statistics.median(opens), "runs": opens},
        }
    finally:
        database.close()


def dashboard(db: str, repeats: int) -> dict[str, Any]:
    """Each page's first look after a recompute: the stored columns dropped before every run, as the
    commit of a recompute does, and the recompute's worker processes running, as the app has them after
    it (the recompute runs in the app's process and its pool lives as long as the process; a page may
    read with them — without this, the probe measured a process that had never recomputed)."""
    from clinic_desktop.db.facts import start_workers
    from clinic_desktop.services.dashboard.numbers import PAGES, load_dashboard, stored_columns
    from clinic_desktop.services.database import open_database

    database = open_database(db)
    try:
        start_workers(database.engine)  # what the recompute starts (none for a small clinic)
        load_dashboard(database)  # the OS file cache; and the workers have started by its end
        out = {}
        for page in PAGES:
            timing = median_of(
                lambda page=page: load_dashboard(database, pages=(page,)),
                repeats,
                setup=lambda: stored_columns(database.engine).close(),
            )
            out[page] = _timing(timing)
        return out
    finally:
        database.close()


def patient_phone(db: str) -> dict[str, Any]:
    """A paying patient's phone, for ``patient --json`` (the median spender: an ordinary record)."""
    with closing(sqlite3.connect(db)) as conn:
        (count,) = conn.execute(
            "SELECT COUNT(*) FROM patient_metrics m JOIN patients p ON p.id = m.patient_id"
            " WHERE p.phone IS NOT NULL AND m.spend_total_fen > 0"
        ).fetchone()
        (phone,) = conn.execute(
            "SELECT p.phone FROM patient_metrics m JOIN patients p ON p.id = m.patient_id"
            " WHERE p.phone IS NOT NULL AND m.spend_total_fen > 0"
            " ORDER BY m.spend_total_fen LIMIT 1 OFFSET ?",
            (count // 2,),
        ).fetchone()
    return {"phone": phone}


def app_memory(db: str, patients: int, settle: float = 3.0) -> dict[str, Any]:
    """Peak RSS of the app opened on the patient list (offscreen Qt): the process's VmHWM once the list
    shows every patient and the start-up work has finished — on a new day a recompute, then the list
    read again (waited for, not guessed: on a loaded machine it takes longer than any fixed pause)."""
    import os
    from datetime import date

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from clinic_desktop.services.database import open_database
    from clinic_desktop.services.metrics import stored_as_of
    from clinic_desktop.services.patients import PatientList
    from clinic_desktop.ui.main_window import MainWindow

    QCoreApplication.setOrganizationName("clinic-desktop-bench")
    app = QApplication.instance() or QApplication([])
    database = open_database(db)
    recomputes = stored_as_of(database) != date.today()
    loads = [0]
    load = PatientList.load

    def counted(self: PatientList) -> Any:
        snapshot = load(self)
        loads[0] += 1
        return snapshot

    PatientList.load = counted  # type: ignore[method-assign]  # the list's first load starts in the page
    window = MainWindow(database)
    window.show()
    started = time.perf_counter()
    model = window.patients_page.list.model
    while model.rowCount() < patients * 0.9 and time.perf_counter() - started < 300:
        app.processEvents()
        time.sleep(0.01)
    shown = time.perf_counter() - started
    while loads[0] < 1 + recomputes and time.perf_counter() - started < 300:
        app.processEvents()
        time.sleep(0.01)
    until = time.perf_counter() + settle
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.01)
    status = Path("/proc/self/status").read_text()
    peak_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    window.close()
    database.close()
    return {"peak_mb": peak_kb / 1024, "rows": model.rowCount(), "list_shown": shown, "loads": loads[0]}


PROBES = {
    "recompute": recompute,
    "calllists": calllists,
    "duplicates": duplicates,
    "patient_list": patient_list,
    "dashboard": dashboard,
    "patient_phone": patient_phone,
    "app_memory": app_memory,
}
