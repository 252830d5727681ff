"""One writer of the concurrency test: started with others at the same moment on one database.

``python writer_process.py DB CSV WRITER START_AT EDITS``: waits until ``START_AT`` (epoch seconds), imports
``CSV`` through the command line (a backup first, one import transaction, a recompute), then makes
``EDITS`` single-row writes through the services (a visit, a contact, a tag for one of its own patients,
each its own transaction, as the app's forms do). Prints one JSON line: what was asked, what reported
success, and every error text — the test looks for "locked" in them.
"""

from __future__ import annotations

import io
import json
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from datetime import date, datetime, timedelta

from clinic_desktop.cli import main
from clinic_desktop.services.database import open_database
from clinic_desktop.services.patients import add_contact, add_visit, tag_by_name


def run(db_path: str, csv: str, writer: int, start_at: float, edits: int) -> dict[str, object]:
    time.sleep(max(0.0, start_at - time.time()))
    errors: list[str] = []
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["import", csv, "--db", db_path, "--json"])
    if code != 0 or err.getvalue():
        errors.append(f"import exit {code}: {err.getvalue()}")
    imported = json.loads(out.getvalue())["created"] if code == 0 else 0
    done = 0
    db = open_database(db_path, create=False)
    try:
        phone = f"13{writer}{0:08d}"
        with db.sessions() as session:
            from sqlalchemy import text

            pid = session.execute(text("SELECT id FROM patients WHERE phone = :p"), {"p": phone}).scalar()
        if pid is None:  # the import did not write its patients: say so (with its output), edit nothing
            errors.append(f"patient {phone} not there after the import; stdout: {out.getvalue()[:2000]}")
            edits = 0
        today = date(2026, 6, 30)
        for i in range(edits):
            try:
                if i % 3 == 0:
                    add_visit(db, pid, visit_date=today - timedelta(days=i), amount=100 + i, today=today)
                elif i % 3 == 1:
                    when = datetime(2026, 6, 1, 9) + timedelta(minutes=i)
                    add_contact(db, pid, contacted_at=when, channel="phone", purpose="recall", outcome="reached",
                                today=today)  # fmt: skip
                else:
                    tag_by_name(db, pid, f"写入者{writer}-{i}")
                done += 1
            except Exception as exc:  # noqa: BLE001 - every failure is a finding, with its text
                errors.append(f"edit {i}: {type(exc).__name__}: {exc}")
    finally:
        db.close()
    return {"writer": writer, "import_exit": code, "imported": imported, "edits": done, "errors": errors}


if __name__ == "__main__":
    db_path, csv, writer, start_at, edits = sys.argv[1:6]
    print(json.dumps(run(db_path, csv, int(writer), float(start_at), int(edits)), ensure_ascii=False))
