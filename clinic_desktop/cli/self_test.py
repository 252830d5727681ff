"""``clinic-desktop --self-test``: prove that this install works end to end, in a temporary folder.

It exercises what a frozen bundle can get wrong and a unit test cannot see: migration scripts shipped as
data, worker processes re-entering the frozen executable, the spreadsheet readers' native parts, the
printed call list, matplotlib and Qt finding their fonts and plugins offscreen, and both translations.
Each step prints one line with its time; the first failure names the step and ends the run (later
steps need the earlier ones' data). Exit 0 only if every step worked, 1 otherwise.

Nothing outside the temporary folder is written, except matplotlib's font cache where the app keeps it.
The Qt half (charts, translations) lives in :mod:`clinic_desktop.ui.self_test` and is imported only when
its step runs, so the headless steps prove the headless commands' imports too.
"""

from __future__ import annotations

import multiprocessing
import platform
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from clinic_desktop import __version__
from clinic_desktop.cli.calllists import CALLLIST_KINDS
from clinic_desktop.cli.common import EXIT_ERROR, EXIT_OK
from clinic_desktop.services.database import Database

#: the demo clinic's "today": fixed, so a seed gives the same data on any day
AS_OF = date(2026, 6, 30)
#: ~10 visits a patient: 11,000 demo patients give ~107,000 visits, above the worker-pool threshold
DEMO_PATIENTS = 11_000
DEMO_SEED = 7
#: (file under resources/selftest, a phone in it, the name that phone must come back with)
IMPORT_FILES = (
    ("patients.xlsx", "13900000001", "王堃"),
    ("patients.xls", "13900000012", "钱赟"),
    ("patients_gbk.csv", "13900000022", "郑堃"),
)
ROWS_PER_IMPORT_FILE = 4


class StepFailed(Exception):
    """A check inside a step did not hold."""


@dataclass
class Context:
    folder: Path
    db: Database | None = None
    notes: dict[str, object] = field(default_factory=dict)

    def clinic(self) -> Database:
        if self.db is None:
            raise StepFailed("no demo database (an earlier step failed)")
        return self.db


def check(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


# --- the steps ----------------------------------------------------------------------------------------


def step_migrate(ctx: Context) -> str:
    """A database made at the first schema revision, with rows, opened as the app opens it."""
    from clinic_desktop.db.migrate import current_revision, ensure_schema, row_counts
    from clinic_desktop.db.schema_version import HEAD_REVISION, KNOWN_REVISIONS
    from clinic_desktop.services.database import open_database

    path = ctx.folder / "first-revision.db"
    first = KNOWN_REVISIONS[0]
    ensure_schema(path, target=first)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "INSERT INTO treatments (id, name, category, recall_days, active)"
            " VALUES (1, '洁牙', '口腔', 180, 1)"
        )
        conn.executemany(
            "INSERT INTO patients (id, name, phone, gender, do_not_contact, marketing_consent, manual_vip,"
            " archived, opening_visits, opening_spend_fen, lunar_birthday, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, 0, 1, 0, 0, 0, 0, 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            [(1, "曾强", "13800000001", "M"), (2, "单田芳", "13800000002", "F")],
        )
        conn.execute(
            "INSERT INTO visits (patient_id, visit_date, treatment_id, amount_fen)"
            " VALUES (1, '2025-01-02', 1, 20000)"
        )
        conn.commit()
    before = row_counts(path)
    db = open_database(path)
    db.close()
    check(
        current_revision(path) == HEAD_REVISION,
        f"revision {current_revision(path)}, expected {HEAD_REVISION}",
    )
    after = row_counts(path)
    lost = {table: (n, after.get(table)) for table, n in before.items() if after.get(table) != n}
    check(not lost, f"row counts changed: {lost}")
    with closing(sqlite3.connect(path)) as conn:
        initials = conn.execute("SELECT pinyin_initials FROM patients WHERE id = 2").fetchone()[0]
    check(initials == "stf", f"search keys not filled in ({initials!r})")
    return f"{first} → {HEAD_REVISION}, {sum(before.values())} rows kept, backup taken first"


def step_demo(ctx: Context) -> str:
    from clinic_desktop.db.parallel import PARALLEL_MIN_ROWS
    from clinic_desktop.services.database import open_database
    from clinic_desktop.services.demo import generate_demo

    ctx.db = open_database(ctx.folder / "clinic.db")
    summary = generate_demo(ctx.db, patients=DEMO_PATIENTS, seed=DEMO_SEED, as_of=AS_OF)
    check(summary.patients == DEMO_PATIENTS, f"{summary.patients} patients written")
    check(
        summary.visits >= PARALLEL_MIN_ROWS,
        f"{summary.visits:,} visits: below the worker threshold ({PARALLEL_MIN_ROWS:,})",
    )
    return (
        f"{summary.patients:,} patients, {summary.visits:,} visits (worker threshold {PARALLEL_MIN_ROWS:,})"
    )


def step_recompute(ctx: Context) -> str:
    """Metrics on workers: threads when this build could turn SQLite's memory statistics off (its library
    reached through ctypes), else processes spawned from this executable (frozen: through
    freeze_support)."""
    from clinic_desktop.db import parallel
    from clinic_desktop.services.metrics import recompute
    from clinic_desktop.services.report import report

    db = ctx.clinic()
    summary = recompute(db, AS_OF)
    if parallel.THREADS:
        threads = [t for t in threading.enumerate() if t.name.startswith(parallel.THREAD_NAME)]
        check(bool(threads), "no worker thread ran (the pool failed to start or fell back to in-process)")
        workers = f"{len(threads)} worker threads (SQLite memory statistics off)"
    else:
        processes = multiprocessing.active_children()
        check(bool(processes), "no worker process ran (the pool failed to start or fell back to in-process)")
        workers = f"{len(processes)} worker processes (SQLite memory statistics on)"
    data = report(db, AS_OF)
    check(
        sum(data["stages"].values()) == sum(data["tiers"].values()) == data["patients"] > 0,
        f"inconsistent report: {data['patients']} patients, stages {data['stages']}, tiers {data['tiers']}",
    )
    ctx.notes["report"] = data
    return f"{summary.patients:,} patients on {workers}; tiers {data['tiers']}"


def _import_step(file_name: str, phone: str, name: str) -> Callable[[Context], str]:
    def step(ctx: Context) -> str:
        from clinic_desktop.resource_files import resource_path
        from clinic_desktop.services.importing import inspect_file, run_import
        from clinic_desktop.services.patient_card import patient_card

        db = ctx.clinic()
        inspection = inspect_file(resource_path(f"selftest/{file_name}"))
        result = run_import(db, inspection)
        check(
            result.created == ROWS_PER_IMPORT_FILE and not result.issues,
            f"created {result.created} of {ROWS_PER_IMPORT_FILE}; issues {[i.en for i in result.issues][:3]}",
        )
        card = patient_card(db, phone, AS_OF)
        check(card["name"] == name, f"{phone} came back as {card['name']!r}, expected {name!r}")
        encoding = f", read as {inspection.encoding}" if inspection.encoding else ""
        return f"{result.created} patients created, {card['name']} intact{encoding}"

    return step


def step_call_lists(ctx: Context) -> str:
    """Each kind built, saved and printed to .xlsx; the recall list's outcomes read back."""
    from clinic_desktop.core.calllists import CampaignFilter, CampaignSpec, Offer
    from clinic_desktop.services.calllists import build_list, import_outcomes, save_and_export
    from clinic_desktop.services.metrics import recompute

    db = ctx.clinic()
    recompute(db, AS_OF)  # the imported patients too, as the import command does
    campaign = CampaignSpec(
        "自检活动", CampaignFilter(stages=("repeat", "vip")), (Offer("满 3000 减 300", 300_000, 30_000),)
    )
    kinds: list[tuple[str, dict[str, object]]] = [(kind, {}) for kind in CALLLIST_KINDS]
    kinds.append(("campaign", {"spec": campaign.to_json()}))
    counts = []
    for kind, params in kinds:
        built = build_list(db, kind, AS_OF, params=params)
        out = ctx.folder / f"{kind}.xlsx"
        save_and_export(db, built, out)
        check(out.is_file() and out.stat().st_size > 0, f"{kind}: no file written")
        check(len(built.rows) > 0, f"{kind}: an empty list from {DEMO_PATIENTS:,} demo patients")
        counts.append(f"{kind} {len(built.rows):,}")
        if kind == "recall":
            summary = import_outcomes(db, out)
            check(
                summary.rows == len(built.rows),
                f"recall list read back {summary.rows} of {len(built.rows)} rows",
            )
    return ", ".join(counts)


def step_charts(ctx: Context) -> str:
    from clinic_desktop.ui.self_test import render_dashboard

    return render_dashboard(ctx.clinic(), ctx.folder / "charts")


def step_translations(ctx: Context) -> str:
    from clinic_desktop.ui.self_test import check_translations

    return check_translations()


STEPS: tuple[tuple[str, Callable[[Context], str]], ...] = (
    ("migrate a first-revision database", step_migrate),
    ("demo data", step_demo),
    ("recompute on workers", step_recompute),
    *(
        (f"import {file_name}", _import_step(file_name, phone, name))
        for file_name, phone, name in IMPORT_FILES
    ),
    ("call lists", step_call_lists),
    ("dashboard charts to PNG", step_charts),
    ("translations", step_translations),
)


def run_self_test(out: Callable[[str], None] = print) -> int:
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    python = platform.python_version()
    out(f"clinic-desktop {__version__} self-test ({frozen}, Python {python}, {sys.platform})")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="clinic-desktop-self-test-", ignore_cleanup_errors=True) as tmp:
        ctx = Context(Path(tmp))
        try:
            for name, step in STEPS:
                begun = time.perf_counter()
                try:
                    detail = step(ctx)
                except Exception as exc:  # noqa: BLE001 - any failure of a step is the answer
                    reason = str(exc) if isinstance(exc, StepFailed) else f"{type(exc).__name__}: {exc}"
                    out(f"FAIL {time.perf_counter() - begun:6.2f} s  {name}: {reason}")
                    out(f"self-test FAILED at step “{name}”")
                    return EXIT_ERROR
                out(f"ok   {time.perf_counter() - begun:6.2f} s  {name}: {detail}")
        finally:
            if ctx.db is not None:
                ctx.db.close()
            from clinic_desktop.db.parallel import shutdown

            shutdown()  # the worker processes, before their temporary folder goes
    out(f"self-test passed: {len(STEPS)} steps in {time.perf_counter() - started:.1f} s")
    return EXIT_OK
