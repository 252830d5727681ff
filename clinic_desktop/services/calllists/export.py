"""Export a saved call list as the printed ``.xlsx`` of PRODUCT §5.3.

The list is read back from the database (:func:`~clinic_desktop.services.calllists.store.load_saved`) rather
than taken from the screen, so what is printed is exactly what the hidden row keys will match when the
filled-in file comes back. Saving and exporting at once (:func:`save_and_export`) prints the built rows
instead when the saving transaction found nothing they were read from changed since the build
(:func:`~clinic_desktop.services.calllists.store.save_list_printed`): the same values, without reading
tens of thousands of rows back. The file is written first and the list's ``exported_path`` and the audit row
after it, in one transaction; if that fails the file is removed again, so "exported" always means both.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import delete

from clinic_desktop.core.calllists import KIND_LABELS, recall_script_parts
from clinic_desktop.core.lifecycle import STAGE_LABELS_ZH
from clinic_desktop.db.bulk import gc_paused
from clinic_desktop.db.models import CallList, CallListRow
from clinic_desktop.db.settings_store import load_settings
from clinic_desktop.io.calllist_xlsx import PrintRow, write_call_list
from clinic_desktop.services.audit import record_audit
from clinic_desktop.services.calllists.model import BuiltList, CallListError, CallRow
from clinic_desktop.services.calllists.store import load_saved, save_list_printed, saved_row_ids
from clinic_desktop.services.database import Database

#: a list as saved: kind, as-of and rows
_Saved = tuple[str, date, list[CallRow]]

__all__ = ["check_export_path", "export_list", "print_row", "save_and_export", "save_and_export_rows"]


#: each stage's label by its stored key (a dict lookup: the Enum call costs ~1 µs a row)
_STAGE_LABELS: dict[str, str] = {stage.value: label for stage, label in STAGE_LABELS_ZH.items()}


def _stage_label(stage: str) -> str:
    """The Chinese label of a stored stage key; an unknown key prints as it is."""
    return _STAGE_LABELS.get(stage, stage)


def _ers_text(tier: str | None, composite: str | None) -> str:
    """ "B 3.60"; a patient without a tier prints 未分层, as the app shows it (not a bare "0.60")."""
    if tier is None:
        return "未分层" if composite is not None else "–"
    return " ".join(part for part in (tier, composite) if part)


def print_row(row: CallRow, outcome: str | None = None) -> PrintRow:
    """The printed form of a saved list's row (labels in Chinese: the printed list is Chinese)."""
    return PrintRow(
        row_key=row.row_key,
        name=row.name,
        phone=row.phone,
        gender=row.gender,
        age=row.age,
        stage=_stage_label(row.stage),
        ers=_ers_text(row.tier, row.composite),
        last_visit=row.last_visit,
        reason=row.reason,
        script=row.script,
        last_contact=row.last_contact,
        outcome=outcome,
    )


def check_export_path(path: Path) -> None:
    """Raise :class:`CallListError` unless ``path`` can be an exported list (checked before any write)."""
    if path.suffix.lower() != ".xlsx":
        raise CallListError(
            f"导出文件名应以 .xlsx 结尾：{path.name}", f"the export file name must end in .xlsx: {path.name}"
        )
    if not path.parent.is_dir():
        raise CallListError(f"文件夹不存在：{path.parent}", f"folder does not exist: {path.parent}")
    if path.is_dir():
        raise CallListError(f"这是一个文件夹：{path}", f"this is a folder: {path}")


def export_list(db: Database, list_id: int, path: Path | str, *, mask_phone: bool = False) -> Path:
    """Write saved list ``list_id`` to ``path``; returns the path. Raises :class:`CallListError` (zh/en)
    for an unknown list or an unusable path, with nothing written.

    While staff acts and the owner has phones masked for staff, the file is masked too: a printed list
    must not show what the screen hides."""
    return _export(db, list_id, Path(path), mask_phone, None)


def _export(db: Database, list_id: int, path: Path, mask_phone: bool, saved: _Saved | None) -> Path:
    """:func:`export_list`; ``saved``: the list's (kind, as-of, rows) as :func:`load_saved` reads them
    right after saving (:func:`save_list_printed`), or None to read them back."""
    check_export_path(path)
    mask_phone = mask_phone or db.access.masks_phones
    with db.sessions() as session:
        clinic = load_settings(session).clinic_name
    # Three objects a row (saved row, printed row, its cells) and no reference cycles: the cyclic
    # collector would walk the growing list over and over, so it pauses while the file is made.
    with gc_paused():
        kind, count = _write(db, list_id, path, clinic, mask_phone, saved)
    try:
        with db.sessions.begin() as session:
            record = session.get(CallList, list_id)
            if record is not None:
                record.exported_path = str(path.resolve())
            record_audit(
                session,
                "export",
                {"what": "call_list", "call_list_id": list_id, "kind": kind, "rows": count,
                 "path": str(path.resolve()), "mask_phone": mask_phone},
            )  # fmt: skip
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _write(
    db: Database, list_id: int, path: Path, clinic: str, mask_phone: bool, saved: _Saved | None
) -> tuple[str, int]:
    """Write saved list ``list_id`` to ``path``; returns its kind and number of rows."""
    if saved is None:
        loaded = load_saved(db, list_id)
        kind, as_of = loaded.info.kind, loaded.info.as_of
        rows = [print_row(row, loaded.outcomes.get(row.row_id or -1)) for row in loaded.rows]
    else:  # a list just saved: no outcomes yet
        kind, as_of, saved_rows = saved
        rows = [print_row(row) for row in saved_rows]
    try:
        write_call_list(
            path,
            clinic=clinic,
            kind_label=KIND_LABELS.get(kind, (kind, kind))[0],
            as_of=as_of,
            rows=rows,
            mask_phone=mask_phone,
            list_id=list_id,
            kind=kind,
            templates=[recall_script_parts(clinic)],
        )
    except OSError as exc:
        raise CallListError(
            f"无法写入 {path}：{exc.strerror or exc}（文件可能正在 Excel/WPS 中打开）",
            f"cannot write {path}: {exc.strerror or exc} (is it open in Excel/WPS?)",
        ) from None
    return kind, len(rows)


def save_and_export(db: Database, built: BuiltList, path: Path | str, *, mask_phone: bool = False) -> int:
    """Save ``built`` and export it (the ``calllist`` command); returns the list id. If the export fails
    the saved list is removed again, so a failed command leaves nothing behind."""
    path = Path(path)
    check_export_path(path)
    list_id, rows = save_list_printed(db, built)
    try:
        _export(db, list_id, path, mask_phone, None if rows is None else (built.kind, built.as_of, rows))
    except BaseException:
        with db.sessions.begin() as session:
            session.execute(delete(CallListRow).where(CallListRow.call_list_id == list_id))
            session.execute(delete(CallList).where(CallList.id == list_id))
        raise
    return list_id


def save_and_export_rows(
    db: Database, built: BuiltList, path: Path | str, *, mask_phone: bool = False
) -> tuple[int, dict[str, int]]:
    """:func:`save_and_export` for the call-list screen, which goes on recording outcomes on the list it
    just exported: returns the list id and the saved rows' ids by row key. Nothing is left behind if
    the export fails."""
    list_id = save_and_export(db, built, path, mask_phone=mask_phone)
    return list_id, saved_row_ids(db, list_id)
