"""Every export is audited — a file with patient data (or the clinic's numbers) has left the app.

The whole-database workbook and the call lists record their own rows; the rest — any on-screen table
exported to ``.xlsx`` (dashboard tables, the audit log itself), the import problem report, a chart saved as
PNG, the blank template — go through :func:`export_table` or :func:`record_export`, so there is one
``export`` action with a ``what`` telling them apart. The file is written first and the audit row after
it; when the audit cannot be written the file is removed again, so an export exists only if it is on
record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clinic_desktop.services.audit.trail import record_audit
from clinic_desktop.services.database import Database

if TYPE_CHECKING:  # openpyxl (and numpy under it) loads with the first export, not with the window
    from clinic_desktop.io.table_xlsx import Cell, TableColumn

__all__ = ["EXPORT_KINDS", "export_table", "record_export", "write_audited"]

#: ``what`` of an ``export`` audit row → (中文, English), for the audit viewer
EXPORT_KINDS: dict[str, tuple[str, str]] = {
    "workbook": ("整个数据库", "whole database"),
    "call_list": ("回访名单", "call list"),
    "dashboard_table": ("看板表格", "dashboard table"),
    "chart": ("图表", "chart"),
    "import_report": ("导入问题报告", "import problem report"),
    "template": ("导入模板", "import template"),
    "patient_data": ("患者个人数据", "a patient's data"),
    "audit_log": ("操作日志", "audit log"),
    "table": ("表格", "table"),
}


def record_export(db: Database, what: str, path: Path | str, **detail: Any) -> None:
    """Audit an export that was written elsewhere (e.g. a chart the UI rendered to PNG)."""
    with db.sessions.begin() as session:
        record_audit(session, "export", {"what": what, "path": str(Path(path).resolve()), **detail})


def write_audited(
    db: Database, what: str, path: Path | str, write: Callable[[Path], Any], **detail: Any
) -> Path:
    """Run ``write(path)``, then audit it; a failed audit removes the file again."""
    path = Path(path)
    write(path)
    try:
        record_export(db, what, path, **detail)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def export_table(
    db: Database,
    path: Path | str,
    columns: Sequence[TableColumn | str],
    rows: Iterable[Sequence[Cell]],
    *,
    what: str = "table",
    sheet_title: str = "Sheet1",
    caption: str | None = None,
    **detail: Any,
) -> Path:
    """An on-screen table as ``.xlsx`` (:func:`~clinic_desktop.io.table_xlsx.write_table_xlsx`), audited
    with its title and row count."""
    materialised = [tuple(r) for r in rows]

    def write(target: Path) -> None:
        from clinic_desktop.io.table_xlsx import write_table_xlsx

        write_table_xlsx(target, columns, materialised, sheet_title=sheet_title, caption=caption)

    return write_audited(db, what, path, write, title=sheet_title, rows=len(materialised), **detail)
