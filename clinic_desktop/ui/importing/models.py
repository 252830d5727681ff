"""Table models of the import wizard: the column mapping of one sheet, and the row-level issues.

Field and sheet names come from the importer service as ``(zh, en)`` pairs, so the model picks the half
that matches the UI language; the sheet kinds themselves are named here through ``translate`` (they are
the sheet names of the clinic workbook, PRODUCT §7.1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from clinic_desktop.services.importing import SHEET_LABELS
from clinic_desktop.ui.widgets import SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

#: the field key meaning "do not import this column"
IGNORE = ""
_WARN = QColor("#fff3e0")
_WARN_TEXT = QColor("#e65100")
_MUTED = QColor("#9e9e9e")


def ui_language() -> str:
    """``"en"`` in an English UI, else ``"zh_CN"`` (what the services' ``text(language)`` expects)."""
    return "en" if QLocale().language() == QLocale.Language.English else "zh_CN"


def pick(pair: tuple[str, str]) -> str:
    """The half of a service's ``(zh, en)`` pair that matches the UI language."""
    return pair[1] if ui_language() == "en" else pair[0]


def message_of(exc: Exception) -> str:
    """A service error in the UI language: ``text(language)`` when it has one (FileRejected,
    ImportRefused, RecordError), else its message."""
    text = getattr(exc, "text", None)
    if callable(text):
        return str(text(ui_language()))
    from clinic_desktop.ui.widgets import user_message

    return user_message(exc)


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


class MappingModel(QAbstractTableModel):
    """One row per column of the file: its letter, header, the field it is imported as (editable),
    and a few sample values, so the user can judge a guess by the data rather than by the header."""

    LETTER, HEADER, FIELD, SAMPLES = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("列"), self.tr("文件中的表头"), self.tr("导入为"), self.tr("示例数据"))
        self._columns: list[str] = []
        self._samples: list[str] = []
        self._mapping: dict[int, str] = {}
        self._fields: tuple[str, ...] = ()
        self._labels: Mapping[str, tuple[str, str]] = {}

    def set_sheet(
        self,
        headers: Sequence[str],
        samples: Sequence[Sequence[str]],
        mapping: Mapping[int, str],
        fields: Sequence[str],
        labels: Mapping[str, tuple[str, str]],
    ) -> None:
        self.beginResetModel()
        self._columns = [str(h) if h is not None else "" for h in headers]
        self._samples = [self._sample_text(samples, i) for i in range(len(self._columns))]
        self._mapping = {i: f for i, f in mapping.items() if f}
        self._fields = tuple(fields)
        self._labels = labels
        self.endResetModel()

    @staticmethod
    def _sample_text(samples: Sequence[Sequence[str]], column: int) -> str:
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

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._columns)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == self.FIELD else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._columns):
            return None
        row, column = index.row(), index.column()
        field = self._mapping.get(row, IGNORE)
        if role == Qt.ItemDataRole.EditRole and column == self.FIELD:
            return field
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return (
                column_letter(row),
                self._columns[row] or self.tr("（无表头）"),
                self.field_label(field),
                self._samples[row],
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.FIELD and field in self.duplicated_fields():
                return QBrush(_WARN_TEXT)
            if (column == self.FIELD and field == IGNORE) or column == self.LETTER:
                return QBrush(_MUTED)
        if role == Qt.ItemDataRole.BackgroundRole and field and field in self.duplicated_fields():
            return QBrush(_WARN)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.FIELD and field in self.duplicated_fields():
                return self.tr("多个列对应了同一字段，请只保留一个")
            if column == self.SAMPLES:
                return self._samples[row]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.FIELD or role != Qt.ItemDataRole.EditRole:
            return False
        field = str(value or IGNORE)
        if field != IGNORE and field not in self._fields:
            return False
        if field == IGNORE:
            self._mapping.pop(index.row(), None)
        else:
            self._mapping[index.row()] = field
        # a duplicate elsewhere may appear or vanish: repaint the whole field column
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        return True

    def set_field(self, column: int, field: str) -> bool:
        """Map file column ``column`` to ``field`` (:data:`IGNORE` to skip it)."""
        return self.setData(self.index(column, self.FIELD), field)


class IssuesModel(QAbstractTableModel):
    """The row-level problems of a plan or an import: sheet, spreadsheet row, column, reason, and what
    happens to the row (skipped; imported with a note — the cell left empty; or a notice about nothing
    wrong, such as a treatment added to the catalogue)."""

    SHEET, ROW, FIELD, REASON, ACTION = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("工作表"), self.tr("行号"), self.tr("列"), self.tr("问题"), self.tr("处理"))
        self._issues: list[Any] = []
        self._labels: Mapping[str, tuple[str, str]] = {}

    def set_issues(self, issues: Sequence[Any], labels: Mapping[str, tuple[str, str]]) -> None:
        self.beginResetModel()
        self._issues = list(issues)
        self._labels = labels
        self.endResetModel()

    def issues(self) -> list[Any]:
        return list(self._issues)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the Python list itself: a sort proxy asks ``data()`` per comparison, which takes a minute
        for 100,000 issues (a file mapped wrongly has one per row); this takes a tenth of a second."""
        keys = {
            self.SHEET: lambda i: (i.sheet, i.row),
            self.ROW: lambda i: (i.sheet, i.row),
            self.FIELD: lambda i: (self._field_label(i.field), i.sheet, i.row),
            self.REASON: lambda i: (i.en if ui_language() == "en" else i.zh, i.sheet, i.row),
            self.ACTION: lambda i: (not i.skipped, getattr(i, "info", False), i.sheet, i.row),
        }
        if column not in keys:
            return
        self.layoutAboutToBeChanged.emit()
        self._issues.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._issues)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def _field_label(self, field: str | None) -> str:
        if not field:
            return ""
        pair = self._labels.get(field)
        return pick(pair) if pair else field

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._issues):
            return None
        issue = self._issues[index.row()]
        column = index.column()
        if role == SORT_ROLE and column == self.ROW:
            return (issue.sheet, issue.row)
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            reason = issue.en if ui_language() == "en" else issue.zh
            if issue.skipped:
                action = self.tr("跳过该行")
            elif getattr(issue, "info", False):
                action = self.tr("仅供参考")
            else:
                action = self.tr("导入，该项留空")
            return (issue.sheet, str(issue.row), self._field_label(issue.field), reason, action)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.ACTION:
            return QBrush(_WARN_TEXT if issue.skipped else _MUTED)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.REASON:
            return issue.en if ui_language() == "en" else issue.zh
        return None
