"""Kill harness driver: run an operation, SIGKILL it at a random moment, check what it left (issue 14).

Run by ``test_kill_harness.py`` as its own process (``python kill_driver.py WORK ROUNDS SEED``): it forks
one child per round — every module already imported, so the child starts at once and the kill lands
inside the operation rather than in interpreter start-up — and never runs an operation itself, so it
holds no database connection and starts no thread that a fork could copy half-way.

Each round: a fresh copy of a small demo clinic; one operation (``import``, ``recompute``, ``merge``,
``restore``, ``backup``, ``outcomes``, ``export``, and ``erase`` when the ``erase`` command exists) run
the way the command line runs it; SIGKILL after a random delay between 0 and 1.15× the operation's
measured length (re-measured by every tenth round, which runs to the end); then, as the next start
would, the leftover sweep; and the verdict:

* **integrity**: the database passes ``integrity_check`` and ``foreign_key_check``;
* **partial**: its state (the tables the operation touches, digested) is exactly the state before or the
  state after an uninterrupted run — nothing in between; every file under a backup's name passes the
  checks; an export file that exists is a complete workbook;
* **leftovers**: after the sweep, no file but the database (and SQLite's own ``-wal``/``-shm``), the
  inputs, finished backups and a finished export — no temporary file, no journal entry.

Prints one JSON object: counts per operation.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import sys
import time
import traceback
import zipfile
from collections.abc import Callable
from contextlib import closing, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from clinic_desktop.cli import build_parser, main
from clinic_desktop.io.private_files import JOURNAL_DIRNAME, is_temp_name, sweep_leftovers
from clinic_desktop.services.backup import check_file

AS_OF, LATER = "2026-06-30", "2026-07-30"
PATIENTS = 120
MERGE = (3, 4)  # patient ids merged (keep, other)
ERASE_PHONE_ID = 5
#: one round in this many per operation runs to the end, re-measuring how long the operation takes
CALIBRATE = 10


def has_command(name: str) -> bool:
    return name in build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]


def operations() -> list[str]:
    ops = ["import", "recompute", "merge", "restore", "backup", "outcomes", "export"]
    if has_command("erase"):  # issue 14 items 5–7 (branch issue14-privacy); the hook is here when it lands
        ops.append("erase")
    return ops


# -- what each operation does, in the child -------------------------------------------------------------
def _merge(db: Path) -> int:
    from clinic_desktop.services.database import open_database
    from clinic_desktop.services.patients import merge_patients

    database = open_database(db, create=False)
    try:
        merge_patients(database, MERGE[0], [MERGE[1]])
    finally:
        database.close()
    return 0


def run_operation(op: str, db: Path, inputs: Path) -> int:
    d = ["--db", str(db)]
    if op == "import":
        return main(["import", str(inputs / "new_patients.csv"), *d])
    if op == "recompute":
        return main(["recompute", *d, "--as-of", LATER])
    if op == "merge":
        return _merge(db)
    if op == "restore":
        return main(["restore", str(inputs / "monday.db"), *d, "--yes"])
    if op == "backup":
        return main(["backup", *d])
    if op == "outcomes":
        return main(["outcomes", str(inputs / "filled.xlsx"), *d])
    if op == "export":
        return main(["export", str(db.parent / "out" / "clinic.xlsx"), *d])
    if op == "erase":
        return main(["erase", _phone(inputs), *d, "--yes"])
    raise ValueError(op)


def _phone(inputs: Path) -> str:
    return (inputs / "erase_phone.txt").read_text().strip()


# -- the state an operation changes, digested ------------------------------------------------------------
# The rule-derived tags (PRODUCT §4.1) are stored with the metrics, in the recompute's transaction: they
# belong to its state. A merge or an erase is followed by a recompute of its own (a second transaction, as
# the metrics are), so their state holds the tags people assigned.
_RULE_TAGS = (
    "SELECT patient_id, tag_id FROM patient_tags"
    " WHERE tag_id IN (SELECT id FROM tags WHERE rule IS NOT NULL) ORDER BY 1, 2"
)
_TYPED_TAGS = (
    "SELECT patient_id, tag_id FROM patient_tags"
    " WHERE tag_id IN (SELECT id FROM tags WHERE rule IS NULL) ORDER BY 1, 2"
)
_STATE_SQL: dict[str, list[str]] = {
    "import": ["SELECT id, name, phone FROM patients ORDER BY id", "SELECT COUNT(*) FROM visits",
               "SELECT id, file_name FROM import_batches ORDER BY id", "SELECT COUNT(*) FROM import_changes"],
    "recompute": ["SELECT value FROM settings WHERE key = 'metrics_as_of'",
                  "SELECT * FROM patient_metrics ORDER BY patient_id", _RULE_TAGS],
    "merge": ["SELECT id, name, phone, do_not_contact FROM patients ORDER BY id",
              "SELECT id, patient_id FROM visits ORDER BY id", _TYPED_TAGS,
              "SELECT id, patient_id FROM contacts ORDER BY id"],
    "restore": ["SELECT id, name, phone FROM patients ORDER BY id", "SELECT COUNT(*) FROM visits",
                "SELECT COUNT(*) FROM import_batches"],
    "backup": ["SELECT id, name, phone FROM patients ORDER BY id", "SELECT COUNT(*) FROM visits"],
    "outcomes": ["SELECT id, patient_id, channel, purpose, outcome, call_list_row_id FROM contacts ORDER BY id",
                "SELECT id, do_not_contact FROM patients ORDER BY id"],
    "export": ["SELECT id, name, phone FROM patients ORDER BY id"],
    "erase": ["SELECT id, name, phone FROM patients ORDER BY id", "SELECT COUNT(*) FROM visits",
              "SELECT COUNT(*) FROM contacts", "SELECT COUNT(*) FROM surveys", f"SELECT COUNT(*) FROM ({_TYPED_TAGS})",
              "SELECT COUNT(*) FROM interactions", "SELECT COUNT(*) FROM appointments"],
}  # fmt: skip


def state(db: Path, op: str) -> str:
    digest = hashlib.sha256()
    with closing(sqlite3.connect(f"{db.absolute().as_uri()}?mode=rw", uri=True)) as conn:
        for sql in _STATE_SQL[op]:
            for row in conn.execute(sql):
                digest.update(repr(row).encode())
            digest.update(b"|")
    return digest.hexdigest()


# -- forking ---------------------------------------------------------------------------------------------
def fork_run(fn: Callable[[], int], err_path: Path) -> int:
    pid = os.fork()
    if pid == 0:  # the child: run, never return into the driver
        code = 70
        try:
            with open(os.devnull, "w") as null, open(err_path, "w") as err:
                with redirect_stdout(null), redirect_stderr(err):
                    code = fn()
        except BaseException:  # noqa: BLE001 - anything escaping is a finding, reported by exit code
            with open(err_path, "a") as err:
                traceback.print_exc(file=err)
            code = 71
        finally:
            os._exit(code)
    return pid


def wait_exit(pid: int) -> int:
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


# -- setup -----------------------------------------------------------------------------------------------
def setup(work: Path) -> tuple[Path, Path]:
    """The template clinic and the inputs every round reads (never written by a round)."""
    template, inputs = work / "template", work / "inputs"
    template.mkdir(parents=True)
    inputs.mkdir()
    db = template / "clinic.db"
    err = work / "setup.err"

    def build() -> int:
        assert (
            main(["demo", "--db", str(db), "--patients", str(PATIENTS), "--seed", "5", "--as-of", AS_OF]) == 0
        )
        other = work / "other" / "clinic.db"  # the backup a restore brings back: another clinic entirely
        assert main(["demo", "--db", str(other), "--patients", "80", "--seed", "9", "--as-of", AS_OF]) == 0
        assert main(["backup", "--db", str(other), "--out", str(inputs / "monday.db")]) == 0
        shutil.rmtree(other.parent)
        assert (
            main(
                ["calllist", "recall", "--db", str(db), "--out", str(inputs / "list.xlsx"), "--as-of", AS_OF]
            )
            == 0
        )
        import openpyxl

        from clinic_desktop.io.calllist_xlsx import COLUMNS

        result = 1 + [h for h, _ in COLUMNS].index("结果")
        wb = openpyxl.load_workbook(inputs / "list.xlsx")
        ws = wb["回访名单"]
        for row in range(4, ws.max_row + 1):
            if ws.cell(row, 2).value:
                ws.cell(row, result).value = ("接通", "未接", "已预约", "勿扰")[row % 4]
        wb.save(inputs / "filled.xlsx")
        lines = ["姓名,手机,性别,来源渠道,项目,日期,金额"]
        lines += [
            f"新客{i:03d},139{i:08d},女,抖音,洁牙,2026-05-{1 + i % 28:02d},{100 + i}" for i in range(60)
        ]
        (inputs / "new_patients.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        with closing(sqlite3.connect(db)) as conn:
            phone = conn.execute("SELECT phone FROM patients WHERE id = ?", (ERASE_PHONE_ID,)).fetchone()[0]
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (inputs / "erase_phone.txt").write_text(str(phone))
        for name in ("list.xlsx",):
            (inputs / name).unlink()
        shutil.rmtree(template / "backups", ignore_errors=True)
        return 0

    code = wait_exit(fork_run(build, err))
    if code != 0:
        raise RuntimeError(f"setup failed ({code}): {err.read_text()}")
    for leftover in template.iterdir():
        if leftover.name != "clinic.db":
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    return db, inputs


# -- the verdict -----------------------------------------------------------------------------------------
def temp_files(folder: Path) -> list[Path]:
    found = [p for p in folder.rglob("*") if p.is_file() and (is_temp_name(p.name) or ".partial" in p.name)]
    journal = folder / JOURNAL_DIRNAME
    if journal.is_dir():
        found += list(journal.iterdir())
    return found


def unexpected_files(folder: Path) -> list[Path]:
    allowed = {"clinic.db", "clinic.db-wal", "clinic.db-shm"}
    odd = []
    for path in folder.rglob("*"):
        if path.is_dir():
            if path.name == JOURNAL_DIRNAME and any(path.iterdir()):
                odd.append(path)
            continue
        rel = path.relative_to(folder)
        if rel.parts[0] in {"backups", "out"} or str(rel) in allowed:
            continue
        odd.append(path)
    return odd


def broken_outputs(folder: Path) -> list[str]:
    """Files under a real name that are not whole: a backup that fails its checks, a broken export."""
    broken = []
    for backup in sorted((folder / "backups").glob("*.db")) if (folder / "backups").is_dir() else []:
        if not check_file(backup, full=True).ok:
            broken.append(f"backup {backup.name}")
    export = folder / "out" / "clinic.xlsx"
    if export.exists():
        try:
            with zipfile.ZipFile(export) as book:
                if book.testzip() is not None or "xl/workbook.xml" not in book.namelist():
                    broken.append("export")
        except zipfile.BadZipFile:
            broken.append("export")
    return broken


def main_driver(work: Path, rounds: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    started = time.monotonic()
    template, inputs = setup(work)
    ops = operations()
    results: dict[str, dict[str, Any]] = {}
    reference: dict[str, tuple[float, str, str]] = {}
    for op in ops:  # an uninterrupted run of each: its length and the state before and after
        folder = work / f"ref-{op}"
        (folder / "out").mkdir(parents=True)
        shutil.copyfile(template, folder / "clinic.db")
        before = state(folder / "clinic.db", op)
        t0 = time.monotonic()
        code = wait_exit(
            fork_run(lambda f=folder, o=op: run_operation(o, f / "clinic.db", inputs), work / "ref.err")
        )
        seconds = time.monotonic() - t0
        if code != 0:
            raise RuntimeError(f"{op} failed uninterrupted ({code}): {(work / 'ref.err').read_text()}")
        reference[op] = (seconds, before, state(folder / "clinic.db", op))
        shutil.rmtree(folder)
        results[op] = {
            "rounds": 0, "killed_running": 0, "finished_first": 0, "integrity_failures": 0, "partial": 0,
            "leftovers_swept": 0, "leftovers": 0, "errors": 0, "reference_seconds": round(seconds, 3),
            "left_as_before": 0, "left_as_after": 0, "changes_database": before != reference[op][2],
        }  # fmt: skip
    findings: list[str] = []
    for n in range(rounds):
        op = ops[n % len(ops)]
        seconds, before, after = reference[op]
        r = results[op]
        folder = work / f"round-{n}"
        (folder / "out").mkdir(parents=True)
        shutil.copyfile(template, folder / "clinic.db")
        err = work / "round.err"
        # every CALIBRATE-th round of an operation is not killed: its length keeps the kill window in step
        # with the machine's load (on a shared machine the same operation takes 2-3x as long by the hour)
        calibrating = r["rounds"] % CALIBRATE == CALIBRATE - 1
        delay = float("inf") if calibrating else rng.uniform(0.0, seconds * 1.15)
        round_started = time.monotonic()
        pid = fork_run(lambda f=folder, o=op: run_operation(o, f / "clinic.db", inputs), err)
        if calibrating:
            finished, status = os.waitpid(pid, 0)
            reference[op] = (time.monotonic() - round_started, before, after)
        else:
            time.sleep(delay)
            finished, status = os.waitpid(pid, os.WNOHANG)
        if finished == 0:
            os.kill(pid, signal.SIGKILL)
            code = wait_exit(pid)
            r["killed_running"] += 1
        else:
            code = os.waitstatus_to_exitcode(status)
            r["finished_first"] += 1
            if code != 0:
                r["errors"] += 1
                findings.append(f"round {n} {op}: exit {code}: {err.read_text()[-400:]}")
        r["rounds"] += 1
        swept_before = temp_files(folder)
        sweep_leftovers(folder / JOURNAL_DIRNAME)  # what the next start does first
        r["leftovers_swept"] += len(swept_before)
        left = temp_files(folder) + unexpected_files(folder)
        if left:
            r["leftovers"] += 1
            findings.append(f"round {n} {op}: leftovers {[str(p.relative_to(folder)) for p in left]}")
        health = check_file(folder / "clinic.db", full=True)
        if not health.ok:
            r["integrity_failures"] += 1
            findings.append(f"round {n} {op}: {health.en}")
        else:
            now = state(folder / "clinic.db", op)
            broken = broken_outputs(folder)
            r["left_as_before"] += now == before
            r["left_as_after"] += now == after != before
            if now not in (before, after) or broken:
                r["partial"] += 1
                findings.append(f"round {n} {op}: partial state {now not in (before, after)} {broken}")
        shutil.rmtree(folder)
    return {
        "rounds": rounds,
        "seconds": round(time.monotonic() - started, 1),
        "operations": results,
        "skipped_operations": [op for op in ("erase",) if op not in ops],
        "findings": findings[:20],
    }


if __name__ == "__main__":
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    summary = main_driver(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
    print(json.dumps(summary, ensure_ascii=False))
