"""The issue's table, figure by figure: what each row measures, its goal, and which probe takes it.

Each ``take_*`` function measures one group of rows at one clinic size and returns them; :mod:`run`
calls them in order and prints the table. Whole commands are timed here (interpreter start included);
in-process figures run in a fresh interpreter each (:mod:`benchmarks.probe`).
"""

from __future__ import annotations

import ctypes.util
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.databases import AS_OF, working_copy
from benchmarks.measure import app_argv, load_average, median_command, python_argv
from benchmarks.results import Goal, Row

ROOT = Path(__file__).resolve().parent.parent
CALLLIST_KINDS = ("recall", "reactivation", "birthday", "referral", "recovery", "crosssell")

G_RECOMPUTE = Goal("≤ 3× and < 1.5 s", limit=1.5, ratio=3.0)
G_HEADLESS = Goal("< 0.5 s above `python -c pass`", above=0.5)
G_FIRST_REPORT = Goal("shown, not judged (computes what the row above reads)")
G_BUILD = Goal("< 0.5 s", limit=0.5)
G_COMMAND = Goal("< 1.5 s", limit=1.5)
G_PRINTED = Goal("≤ 1.5×", ratio=1.5)
G_EXPORT = Goal("≤ 3× at 100k, both cores", ratio=3.0, sizes=(100_000,))
G_IMPORT = Goal("≤ 3×", ratio=3.0)
G_SHEET = Goal("≤ 2×", ratio=2.0)
G_DUPLICATES = Goal("< 1.5 s", limit=1.5)
G_KEYSTROKE = Goal("< 50 ms", limit=50)
G_SORT = Goal("< 100 ms", limit=100)
G_OPEN = Goal("< 100 ms", limit=100)
G_DASHBOARD = Goal("< 0.5 s", limit=0.5)
G_START = Goal("< 1 s", limit=1.0)
G_START_FROZEN = Goal("< 1.5 s", limit=1.5)
G_MEMORY = Goal("< 400 MB at 100k", limit=400, sizes=(100_000,))


@dataclass
class Context:
    """What every figure of one clinic size needs."""

    size: int
    cached: Path  #: the cached clinic (never written)
    work: Path  #: this size's scratch folder
    repeats: int  #: runs of a light figure
    heavy: int  #: runs of a heavy one (export, import, start-up)
    frozen: Path | None = None

    def copy(self, name: str) -> Path:
        return working_copy(self.cached, self.work, name)


def probe(name: str, **args: Any) -> dict[str, Any]:
    """Run ``benchmarks.probe NAME`` in a fresh interpreter; its JSON result."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    done = subprocess.run(
        python_argv("-m", "benchmarks.probe", name, json.dumps(args, default=str)),
        capture_output=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    out = done.stdout.decode(errors="replace")
    if done.returncode != 0 or "@@RESULT@@" not in out:
        raise RuntimeError(f"probe {name} failed ({done.returncode}):\n{done.stderr.decode()[-3000:]}")
    result: dict[str, Any] = json.loads(out.rsplit("@@RESULT@@", 1)[1])
    return result


def _row(figure: str, ctx: Context, data: dict[str, Any], goal: Goal, unit: str = "s", **kw: Any) -> Row:
    scale = 1000 if unit == "ms" else 1
    baseline = data.get("baseline")
    return Row(
        figure=figure,
        size=ctx.size,
        value=data["wall"] * scale,
        unit=unit,
        goal=goal,
        baseline=None if baseline is None else baseline * scale,
        cpu=data.get("cpu"),
        runs=[r * scale for r in data.get("runs", [])],
        load=load_average(),
        **kw,
    )


def take_recompute(ctx: Context) -> list[Row]:
    """A fresh process per run (the recompute command's situation: no worker pool yet), each a later day."""
    db = ctx.copy("recompute.db")
    runs = [probe("recompute", db=str(db), day=day) for day in range(1, ctx.repeats + 1)]
    walls = sorted(r["wall"] for r in runs)
    floors = sorted(r["baseline"] for r in runs)
    cpus = sorted(r["cpu"] for r in runs)
    mid = len(runs) // 2
    data = {"wall": walls[mid], "baseline": floors[mid], "cpu": cpus[mid], "runs": [r["wall"] for r in runs]}
    return [_row("recompute (service)", ctx, data, G_RECOMPUTE, baseline_label="GROUP BY")]


def take_commands(ctx: Context, db: Path) -> list[Row]:
    """``report --json`` and ``patient --json`` on stored metrics of the day, whole commands, each run
    beside ``python -c pass`` (interleaved, so a burst of load hits both).

    ``report`` keeps its numbers beside the stored metrics the first time it computes them
    (:mod:`clinic_desktop.services.stored_report`): the judged row is the daily case, the report kept;
    the row after it shows the first report after a change, the kept one removed before each run."""
    phone = probe("patient_phone", db=str(db))["phone"]
    rows = []
    for figure, args, forget in (
        ("report --json (command)", ("report", "--json"), False),
        ("report --json, first after a change (command)", ("report", "--json"), True),
        ("patient --json (command)", ("patient", phone, "--json"), False),
    ):
        argv = app_argv(*args, "--db", str(db), "--as-of", AS_OF.isoformat())
        median_command(argv, 1)  # the OS file cache and .pyc files
        walls, floors = [], []
        for _ in range(ctx.repeats):
            floors.append(median_command(python_argv("-c", "pass"), 1).wall)
            walls.append(median_command(argv, 1, setup=(lambda: _forget_report(db)) if forget else None).wall)
        walls.sort()
        floors.sort()
        data = {"wall": walls[len(walls) // 2], "baseline": floors[len(floors) // 2], "runs": walls}
        rows.append(
            _row(figure, ctx, data, G_FIRST_REPORT if forget else G_HEADLESS, baseline_label="python -c pass")
        )
    return rows


def _forget_report(db: Path) -> None:
    """Remove the kept report, as any write to the data would make it unusable."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(db)) as conn:
        conn.execute("DELETE FROM settings WHERE key = 'report_summary'")
        conn.commit()


def take_calllists(ctx: Context, db: Path) -> list[Row]:
    built = probe("calllists", db=str(db), repeats=ctx.repeats)
    rows = [
        _row(
            f"build call list: {kind} (service)",
            ctx,
            built[kind],
            G_BUILD,
            note=f"{built[kind]['rows']:,} rows",
        )
        for kind in CALLLIST_KINDS
    ]
    out = ctx.work / "list.xlsx"
    for kind in CALLLIST_KINDS:
        argv = app_argv("calllist", kind, "--db", str(db), "--as-of", AS_OF.isoformat(), "--out", str(out))
        timing = median_command(argv, ctx.repeats)
        rows.append(
            _row(f"calllist {kind} (command)", ctx, {"wall": timing.wall, "runs": timing.runs}, G_COMMAND)
        )
    return rows


def take_printed(ctx: Context, db: Path) -> list[Row]:
    data = probe("printed_list", db=str(db), out=str(ctx.work / "printed.xlsx"), repeats=ctx.repeats)
    return [_row("printed call list, 5,000 rows", ctx, data, G_PRINTED, baseline_label="XlsxWriter")]


def take_workbook(ctx: Context, db: Path) -> list[Row]:
    """The export, then the import of what it wrote into an empty database."""
    book = ctx.work / "clinic.xlsx"
    exported = probe("workbook_export", db=str(db), out=str(book), repeats=ctx.heavy)
    cores = exported["cpu"] / exported["wall"] if exported["wall"] else 0
    rows = [
        _row("workbook export", ctx, exported, G_EXPORT, baseline_label="csv",
             note=f"{sum(exported['rows'].values()):,} rows, {exported['mb']:.0f} MB, {cores:.1f} cores")
    ]  # fmt: skip
    try:
        imported = probe("workbook_import", book=str(book), work=str(ctx.work / "import"), repeats=ctx.heavy)
    except RuntimeError as exc:  # e.g. the importer's file-size limit refuses the 300k clinic's workbook
        reason = str(exc).strip().splitlines()[-1].split(": ", 1)[-1][:160]
        rows.append(
            Row("workbook import into an empty database", ctx.size, float("nan"), "s", G_IMPORT,
                load=load_average(), note=f"refused: {reason}")
        )  # fmt: skip
        book.unlink(missing_ok=True)
        return rows
    rows.append(
        _row("workbook import into an empty database", ctx, imported, G_IMPORT,
             baseline_label="calamine + executemany", note=f"calamine read alone {imported['read']:.1f} s")
    )  # fmt: skip
    book.unlink(missing_ok=True)
    return rows


def take_sheet(ctx: Context, cache: Path) -> list[Row]:
    data = probe(
        "sheet_import",
        sheet=str(cache / "patients-50000-v1.xlsx"),
        work=str(ctx.work / "sheet"),
        repeats=ctx.heavy,
    )
    return [_row("import a 50,000-row .xlsx", ctx, data, G_SHEET, baseline_label="calamine")]


def take_duplicates(ctx: Context, db: Path) -> list[Row]:
    data = probe("duplicates", db=str(db), repeats=ctx.repeats)
    return [_row("find duplicates", ctx, data, G_DUPLICATES, note=f"{data['groups']:,} groups")]


def take_patient_list(ctx: Context, db: Path) -> list[Row]:
    data = probe("patient_list", db=str(db), repeats=ctx.repeats)
    return [
        _row("search keystroke (slowest of 7)", ctx, data["keystroke"], G_KEYSTROKE, unit="ms"),
        _row("sort (slowest column, cold)", ctx, data["sort"], G_SORT, unit="ms"),
        _row("open a patient", ctx, data["open"], G_OPEN, unit="ms"),
    ]


def take_dashboard(ctx: Context, db: Path) -> list[Row]:
    data = probe("dashboard", db=str(db), repeats=ctx.repeats)
    return [_row(f"dashboard: {page}, first look", ctx, data[page], G_DASHBOARD) for page in data]


def take_memory(ctx: Context) -> list[Row]:
    data = probe("app_memory", db=str(ctx.copy("memory.db")), patients=ctx.size)
    return [
        Row("peak memory, app on the patient list", ctx.size, data["peak_mb"], "MB", G_MEMORY,
            load=load_average(), note=f"list shown after {data['list_shown']:.1f} s")
    ]  # fmt: skip


def _startup_script(script: Path, db: Path, frozen: Path | None, repeats: int) -> dict[str, dict[str, Any]]:
    """``benchmarks/startup.py`` (issue 13: MapNotify under a private Xvfb, the bare window interleaved):
    figure → wall and baseline."""
    argv = [sys.executable, str(script), "--runs", str(repeats), "--json", "--db", str(db)]
    if frozen is not None:
        argv += ["--frozen", str(frozen)]
    text = subprocess.run(argv, capture_output=True, check=True).stdout.decode()
    report: dict[str, Any] = json.loads(text[text.index("{") :])
    bare = report["bare window (source)"]["median_s"]
    out = {"source": {"wall": report[f"source, {db.name}"]["median_s"], "baseline": bare}}
    if frozen is not None:
        out["frozen"] = {"wall": report[f"frozen, {db.name}"]["median_s"], "baseline": bare}
    return out


def take_startup(ctx: Context) -> list[Row]:
    if shutil.which("Xvfb") is None or ctypes.util.find_library("X11") is None:
        print("  start-up skipped: needs Xvfb and libX11", flush=True)
        return []
    db = ctx.copy("startup.db")
    goals = {"source": G_START, "frozen": G_START_FROZEN}
    found = _startup_script(ROOT / "benchmarks" / "startup.py", db, ctx.frozen, ctx.heavy)
    return [
        _row(
            f"start-up to a visible window ({kind})",
            ctx,
            data,
            goals[kind],
            baseline_label="bare PySide6 window",
        )
        for kind, data in found.items()
    ]
