"""Import a filled-in printed call list back as contact-log rows (PRODUCT §5.3, §8 ``outcomes``).

Rows are matched by the hidden row key, never by position, so a sorted, filtered or shortened sheet
still attaches each outcome to the right patient. Each recorded row becomes one ``contacts`` row exactly
as :func:`~clinic_desktop.services.calllists.store.record_outcome` writes it (channel phone, purpose from the
list's kind, linked to the list row; 勿扰 also sets the patient's do-not-contact flag) — but all rows of
one file in ONE transaction, so a failure half-way records nothing and the file can simply be imported
again. A row that already has an outcome is reported as 已导入 and not recorded twice, which makes
importing the same file twice harmless.

When the calls happened is not in the file: contacts are dated now — but never before the list's own
as-of day (a list made for a future day, e.g. a demo database, must not log calls before it existed).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from clinic_desktop.core.calllists import KIND_PURPOSES
from clinic_desktop.db.engine import rows_affected
from clinic_desktop.db.models import Contact, Patient
from clinic_desktop.io.calllist_reader import read_outcomes
from clinic_desktop.io.calllist_xlsx import OUTCOME_LABELS, FilledRow, outcome_key
from clinic_desktop.services.audit import record_audit
from clinic_desktop.services.database import Database

__all__ = ["OUTCOME_LABELS", "OutcomeIssue", "OutcomesSummary", "import_outcomes"]

_CHUNK = 500  # SQLite host parameters per query, well under every build's limit
_WORDS = "、".join(OUTCOME_LABELS.values())


@dataclass(frozen=True)
class OutcomeIssue:
    """A row not recorded, and why. ``code``: already_recorded, unknown_key, missing_key, duplicate_key,
    unknown_outcome, note_without_outcome."""

    row: int  #: spreadsheet row number (the messages do not repeat it)
    row_key: str | None
    outcome: str | None
    code: str
    zh: str
    en: str

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "row_key": self.row_key, "outcome": self.outcome, "code": self.code,
                "reason": self.zh, "reason_en": self.en}  # fmt: skip


@dataclass(frozen=True)
class OutcomesSummary:
    rows: int  #: data rows read from the file (blank lines are not rows)
    recorded: int  #: contact-log rows created
    issues: list[OutcomeIssue] = field(default_factory=list)
    blank: int = 0  #: rows without an outcome (not called yet): skipped, not an error
    do_not_contact: int = 0  #: patients newly flagged 勿扰
    list_id: int | None = None

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [issue.to_json() for issue in self.issues]

    def to_json(self) -> dict[str, Any]:
        """PRODUCT §8 ``outcomes --json``: ``{"rows","recorded","errors":[...]}`` (+ extra keys)."""
        return {"rows": self.rows, "recorded": self.recorded, "errors": self.errors, "blank": self.blank,
                "do_not_contact": self.do_not_contact}  # fmt: skip


@dataclass(frozen=True)
class _ListRow:
    row_id: int
    patient_id: int
    kind: str
    as_of: date
    has_outcome: bool


def import_outcomes(
    db: Database, path: Path | str, *, when: datetime | None = None, staff: str | None = None
) -> OutcomesSummary:
    """Record the outcomes written in a printed list. Raises ``CallListFileError`` (zh/en) for a file that
    is not one of our lists, with nothing written; row problems are reported in the summary."""
    path = Path(path)
    filled = read_outcomes(path)
    now = datetime.now().replace(microsecond=0)
    issues: list[OutcomeIssue] = []
    blank = 0
    with db.sessions.begin() as session:
        known = _list_rows(session, {r.row_key for r in filled.rows if r.row_key})
        seen: set[str] = set()
        contacts: list[dict[str, Any]] = []
        flag: dict[int, datetime] = {}
        for row in filled.rows:
            problem, outcome = _check(row, known, seen)
            if problem is not None:
                issues.append(problem)
                continue
            if outcome is None:
                blank += 1
                continue
            assert row.row_key is not None
            target = known[row.row_key]
            at = when or max(now, datetime.combine(target.as_of, now.time()))
            contacts.append(
                {"patient_id": target.patient_id, "contacted_at": at, "channel": "phone",
                 "purpose": KIND_PURPOSES.get(target.kind, target.kind), "outcome": outcome,
                 "staff": (staff or "").strip() or None, "note": row.note, "call_list_row_id": target.row_id}
            )  # fmt: skip
            if outcome == "do_not_contact":
                flag.setdefault(target.patient_id, at)
        if contacts:
            session.execute(insert(Contact), contacts)
        flagged = _flag_do_not_contact(session, flag)
        record_audit(
            session,
            "outcomes import",
            {"file": path.name, "call_list_id": filled.list_id, "rows": len(filled.rows),
             "recorded": len(contacts), "issues": len(issues), "do_not_contact": flagged},
        )  # fmt: skip
    return OutcomesSummary(len(filled.rows), len(contacts), issues, blank, flagged, filled.list_id)


def _check(
    row: FilledRow, known: dict[str, _ListRow], seen: set[str]
) -> tuple[OutcomeIssue | None, str | None]:
    """(problem, outcome key): a problem to report, or the outcome to record (None: blank row)."""

    def issue(code: str, zh: str, en: str) -> tuple[OutcomeIssue, None]:
        return OutcomeIssue(row.sheet_row, row.row_key, row.outcome, code, zh, en), None

    if row.outcome is None:
        if row.note is not None and row.row_key in known and row.row_key not in seen:
            return issue(
                "note_without_outcome",
                "写了备注但没有选择结果，未导入（请在“结果”列选择后再导入）",
                "a note but no outcome; not imported (choose an outcome first)",
            )
        return None, None
    if row.row_key is None:
        return issue(
            "missing_key",
            "这一行没有隐藏的行键（可能是手工添加的行），未导入",
            "no hidden row key (a row added by hand?); not imported",
        )
    if row.row_key in seen:
        return issue(
            "duplicate_key",
            "与前面某行是同一名单行（行被复制了），未重复导入",
            "the same list row appears twice (copied row); not imported again",
        )
    seen.add(row.row_key)
    target = known.get(row.row_key)
    if target is None:
        return issue(
            "unknown_key",
            "行键在数据库中找不到（行键被修改过，或名单来自另一个数据库），未导入",
            "unknown row key (edited, or a list from another database); not imported",
        )
    outcome = outcome_key(row.outcome)
    if outcome is None:
        return issue(
            "unknown_outcome",
            f"无法识别的结果“{row.outcome}”（可选：{_WORDS}），未导入",
            f"unknown outcome “{row.outcome}” (one of {_WORDS}); not imported",
        )
    if target.has_outcome:
        return issue(
            "already_recorded",
            "已导入（该行已有结果记录），未重复记录",
            "already imported (the row has an outcome); not recorded again",
        )
    return None, outcome


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _list_rows(session: Session, keys: Iterable[str]) -> dict[str, _ListRow]:
    found: dict[str, _ListRow] = {}
    conn = session.connection()
    for chunk in _chunks(sorted(keys)):
        marks = ",".join("?" * len(chunk))
        for row_id, key, patient_id, kind, as_of in conn.exec_driver_sql(
            "SELECT r.id, r.row_key, r.patient_id, l.kind, substr(l.as_of, 1, 10)"
            " FROM call_list_rows AS r JOIN call_lists AS l ON l.id = r.call_list_id"
            f" WHERE r.row_key IN ({marks})",
            tuple(chunk),
        ):
            found[key] = _ListRow(row_id, patient_id, kind, date.fromisoformat(as_of), False)
    if found:
        # contacts.call_list_row_id has no index: one pass over the contacts, not one per row
        done = {
            row_id
            for (row_id,) in conn.exec_driver_sql(
                "SELECT DISTINCT call_list_row_id FROM contacts WHERE call_list_row_id IS NOT NULL"
            )
        }
        found = {key: replace(row, has_outcome=row.row_id in done) for key, row in found.items()}
    return found


def _flag_do_not_contact(session: Session, flag: dict[int, datetime]) -> int:
    """Set 勿扰 on patients not yet flagged (keeping the date of an earlier flag); returns how many."""
    changed = 0
    for patient_id, at in flag.items():
        result = session.execute(
            update(Patient)
            .where(Patient.id == patient_id, Patient.do_not_contact.is_(False))
            .values(do_not_contact=True, do_not_contact_at=at)
        )
        changed += rows_affected(result)
    return changed
