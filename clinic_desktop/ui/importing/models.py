"""Table models of the import wizard: the column mapping of one sheet, and the row-level issues.

Field and sheet names come from the importer service as ``(zh, en)`` pairs, so the model picks the half
that matches the UI language; the sheet kinds themselves are named here through ``translate`` (they are
the sheet names of the clinic workbook, PRODUCT §7.1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from clinic_desktop.services.importing import SHEET_LABELS, RowIssue
from clinic_desktop.ui.widgets import RIGHT, Column, Index, TableModel, error_text, pick

#: the field key meaning "do not import this column"
IGNORE = ""
_WARN = QColor("#fff3e0")
_WARN_TEXT = QColor("#e65100")
_MUTED = QColor("#9e9e9e")


def sheet_kind_label(kind: str | None) -> str:
    """What a sheet holds, as the user reads it (the clinic workbook's sheet names, PRODUCT §7.1)."""
    if kind is None:
        return QCoreApplication.translate("ImportLabels", "不导入此表")
    pair = SHEET_LABELS.get(kind)
    return pick(pair) if pair else kind


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class FileColumn:
    """One column of the file: its position, its header and a few of its values."""

    index: int
    header: str
    samples: str


class MappingModel(TableModel[FileColumn]):
    """One row per column of the file: its letter, header, the field it is imported as (editable),
    and a few sample values, so the user can judge a guess by the data rather than by the header."""

    LETTER, HEADER, FIELD, SAMPLES = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self._mapping: dict[int, str] = {}
        self._fields: tuple[str, ...] = ()
        self._labels: Mapping[str, tuple[str, str]] = {}
        self.set_columns(
            (
                Column(self.tr("列"), lambda c: column_letter(c.index)),
                Column(self.tr("文件中的表头"), lambda c: c.header or self.tr("（无表头）")),
                Column(self.tr("导入为"), self._field_text, tooltip=self._field_tooltip),
                Column(self.tr("示例数据"), lambda c: c.samples, tooltip=lambda c: c.samples),
            )
        )

    def set_sheet(
        self,
        headers: Sequence[str | None],
        samples: Sequence[Sequence[str | None]],
        mapping: Mapping[int, str],
        fields: Sequence[str],
        labels: Mapping[str, tuple[str, str]],
    ) -> None:
        self._mapping = {i: f for i, f in mapping.items() if f}
        self._fields = tuple(fields)
        self._labels = labels
        texts = [str(h) if h is not None else "" for h in headers]
        self.set_rows([FileColumn(i, text, self._sample_text(samples, i)) for i, text in enumerate(texts)])

    @staticmethod
    def _sample_text(samples: Sequence[Sequence[str | None]], column: int) -> str:
        values: list[str] = []
        for row in samples:
            value = str(row[column]).strip() if column < len(row) and row[column] is not None else ""
            if value and value not in values:
                values.append(value)
            if len(values) == 3:
                break
        return "  ·  ".join(values)

    def fields(self) -> tuple[str, ...]:
        """The fields a column of this sheet can be imported as (without :data:`IGNORE`)."""
        return self._fields

    def field_label(self, field: str) -> str:
        if field == IGNORE:
            return self.tr("（不导入）")
        pair = self._labels.get(field)
        return pick(pair) if pair else field

    def mapping(self) -> dict[int, str]:
        return dict(self._mapping)

    def duplicated_fields(self) -> set[str]:
        """Fields chosen for more than one column (the importer could only use one of them)."""
        seen: set[str] = set()
        twice: set[str] = set()
        for field in self._mapping.values():
            (twice if field in seen else seen).add(field)
        return twice

    def _field(self, column: FileColumn) -> str:
        return self._mapping.get(column.index, IGNORE)

    def _field_text(self, column: FileColumn) -> str:
        return self.field_label(self._field(column))

    def _field_tooltip(self, column: FileColumn) -> str | None:
        if self._field(column) in self.duplicated_fields():
            return self.tr("多个列对应了同一字段，请只保留一个")
        return None

    def cell_data(self, row: FileColumn, column: int, role: int) -> object:
        field = self._field(row)
        if role == Qt.ItemDataRole.EditRole and column == self.FIELD:
            return field
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.FIELD and field in self.duplicated_fields():
                return QBrush(_WARN_TEXT)
            if (column == self.FIELD and field == IGNORE) or column == self.LETTER:
                return QBrush(_MUTED)
        if role == Qt.ItemDataRole.BackgroundRole and field and field in self.duplicated_fields():
            return QBrush(_WARN)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == self.FIELD else base

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.FIELD or role != Qt.ItemDataRole.EditRole:
            return False
        field = str(value or IGNORE)
        if field != IGNORE and field not in self._fields:
            return False
        column = self.row(index.row()).index
        if field == IGNORE:
            self._mapping.pop(column, None)
        else:
            self._mapping[column] = field
        # a duplicate elsewhere may appear or vanish: repaint the whole field column
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        return True

    def set_field(self, column: int, field: str) -> bool:
        """Map file column ``column`` to ``field`` (:data:`IGNORE` to skip it)."""
        return self.setData(self.index(column, self.FIELD), field)


class IssuesModel(TableModel[RowIssue]):
    """The row-level problems of a plan or an import: sheet, spreadsheet row, column, reason, and what
    happens to the row (skipped; imported with a note — the cell left empty; or a notice about nothing
    wrong, such as a treatment added to the catalogue).

    Sorting sorts the rows themselves (the base model's ``sort``): a sort proxy asks ``data()`` per
    comparison, which takes a minute for 100,000 issues (a file mapped wrongly has one per row); this
    takes a tenth of a second."""

    SHEET, ROW, FIELD, REASON, ACTION = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self._labels: Mapping[str, tuple[str, str]] = {}
        self.set_columns(
            (
                Column(self.tr("工作表"), lambda i: i.sheet, sort=lambda i: (i.sheet, i.row)),
                Column(self.tr("行号"), lambda i: str(i.row), sort=lambda i: (i.sheet, i.row), align=RIGHT),
                Column(
                    self.tr("列"),
                    lambda i: self._field_label(i.field),
                    sort=lambda i: (self._field_label(i.field), i.sheet, i.row),
                ),
                Column(
                    self.tr("问题"),
                    error_text,
                    sort=lambda i: (error_text(i), i.sheet, i.row),
                    tooltip=error_text,
                ),
                Column(self.tr("处理"), self._action, sort=lambda i: (not i.skipped, i.info, i.sheet, i.row)),
            )
        )

    def set_issues(self, issues: Sequence[RowIssue], labels: Mapping[str, tuple[str, str]]) -> None:
        self._labels = labels
        self.set_rows(issues)

    def issues(self) -> list[RowIssue]:
        return self.rows()

    def _field_label(self, field: str | None) -> str:
        if not field:
            return ""
        pair = self._labels.get(field)
        return pick(pair) if pair else field

    def _action(self, issue: RowIssue) -> str:
        if issue.skipped:
            return self.tr("跳过该行")
        if issue.info:
            return self.tr("仅供参考")
        return self.tr("导入，该项留空")

    def cell_data(self, row: RowIssue, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.ACTION:
            return QBrush(_WARN_TEXT if row.skipped else _MUTED)
        return None
