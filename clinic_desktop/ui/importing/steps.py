"""The first two steps of the import wizard: choose a file, then say what each of its columns means.

The file step is a large drop target (receptionists drag the file from the desktop or a WeChat download
folder) with a button for those who prefer a dialog. The mapping step shows every column of the file
with the importer's guess in an always-open combo box and a few sample values beside it, because a
header like "电话" can hold landlines and a header like "日期" can mean anything: the data decides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.ui.importing.models import IGNORE, MappingModel, sheet_kind_label
from clinic_desktop.ui.widgets import fill

Index = QModelIndex | QPersistentModelIndex
ERROR_BANNER = (
    "QLabel { background: #fdecea; color: #b71c1c; border: 1px solid #f5c6cb; border-radius: 4px;"
    " padding: 8px 10px; }"
)
INFO_BANNER = (
    "QLabel { background: #e3f2fd; color: #0d47a1; border: 1px solid #bbdefb; border-radius: 4px;"
    " padding: 8px 10px; }"
)
HINT_STYLE = "color: #616161;"
WARN_STYLE = "color: #e65100;"
#: what the encoding combo offers for a CSV file: (encoding passed to the service, shown text)
ENCODINGS: tuple[str | None, ...] = (None, "utf-8", "gb18030")
#: file name endings the wizard accepts from a drop (anything else is still handed to the service,
#: which explains the refusal; this only decides whether a drag shows the "accept" cursor)
FILE_SUFFIXES = (".xlsx", ".xls", ".csv")


def local_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The one local file a drag carries, or None."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return files[0] if len(files) == 1 else None


class DropZone(QFrame):
    """A dashed area that takes one dropped file."""

    fileDropped = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setObjectName("dropZone")
        self._style(False)
        self.setMinimumHeight(220)

    def _style(self, hot: bool) -> None:
        color, background = ("#1976d2", "#e3f2fd") if hot else ("#90a4ae", "#fafafa")
        self.setStyleSheet(
            f"QFrame#dropZone {{ border: 2px dashed {color}; border-radius: 10px;"
            f" background: {background}; }}"
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if local_file(event) is not None:
            event.acceptProposedAction()
            self._style(True)

    def dragLeaveEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self._style(False)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self._style(False)
        path = local_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.fileDropped.emit(path)


class FileStep(QWidget):
    """Step 1: a drop zone, a "choose file" button, and what went wrong with the last file, if anything."""

    fileChosen = Signal(Path)
    browseRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = DropZone(self)
        big = QLabel(self.tr("把 Excel 或 CSV 文件拖到这里"))
        font = big.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        big.setFont(font)
        self.browse_button = QPushButton(self.tr("选择文件(&O)…"))
        self.browse_button.setMinimumWidth(160)
        self.browse_button.setDefault(True)
        self.browse_button.clicked.connect(self.browseRequested)
        formats = QLabel(
            self.tr(
                "支持 .xlsx、.xls 和 .csv（UTF-8 或 GBK/GB18030 编码）。\n"
                "常见中文表头会自动识别：姓名、手机/电话、性别、生日、来源、消费金额、最近到店……"
            )
        )
        formats.setStyleSheet(HINT_STYLE)
        formats.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner = QVBoxLayout(self.zone)
        inner.addStretch(1)
        for widget in (big, QLabel(self.tr("或")), self.browse_button, formats):
            inner.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addStretch(1)
        self.zone.fileDropped.connect(self.fileChosen)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tips = QLabel(
            self.tr(
                "小提示：患者以手机号识别——已在系统中的手机号会更新原档案，不会重复建档。"
                "导入前会先预览并逐行校验，确认后才写入；导入后也可以撤销。"
            )
        )
        tips.setWordWrap(True)
        tips.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.zone, 1)
        layout.addWidget(self.status)
        layout.addWidget(tips)

    def show_reading(self, path: Path) -> None:
        self.status.setStyleSheet(HINT_STYLE)
        self.status.setText(fill(self.tr("正在读取 %1 …"), path.name))

    def show_error(self, message: str) -> None:
        """A refused file: the service's reason (it names the file) and the reassurance that matters."""
        self.status.setStyleSheet(ERROR_BANNER)
        self.status.setText(fill(self.tr("无法导入：%1\n没有写入任何数据。"), message))

    def clear_status(self) -> None:
        self.status.setStyleSheet("")
        self.status.clear()


class FieldDelegate(QStyledItemDelegate):
    """An always-open combo box of the fields a column can be imported as."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        model = index.model()
        assert isinstance(model, MappingModel)
        combo = QComboBox(parent)
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for field in (IGNORE, *model.fields()):
            combo.addItem(model.field_label(field), field)
        combo.currentIndexChanged.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.blockSignals(True)
        editor.setCurrentIndex(max(0, position))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class MappingStep(QWidget):
    """Step 2: per sheet, what the sheet holds and what each column is (the importer's guess pre-filled)."""

    #: the user picked another sheet of the file
    sheetSelected = Signal(str)
    #: (sheet name, kind or None) — the user said what a sheet holds
    kindChanged = Signal(str, object)
    #: the user edited the mapping of the shown sheet
    mappingEdited = Signal()
    #: CSV only: read the file again with this encoding (None = detect)
    encodingChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumWidth(220)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(sheet_kind_label(None), None)
        self.encoding_label = QLabel(self.tr("文件编码"))
        self.encoding_combo = QComboBox()
        for encoding, text in zip(
            ENCODINGS, (self.tr("自动识别"), "UTF-8", self.tr("GB18030（含 GBK）")), strict=True
        ):
            self.encoding_combo.addItem(text, encoding)
        self.sheet_info = QLabel()
        self.sheet_info.setStyleSheet(HINT_STYLE)
        bar = QHBoxLayout()
        for label, widget in (
            (self.tr("工作表"), self.sheet_combo),
            (self.tr("内容"), self.kind_combo),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
            bar.addSpacing(12)
        bar.addWidget(self.encoding_label)
        bar.addWidget(self.encoding_combo)
        bar.addStretch(1)
        bar.addWidget(self.sheet_info)

        self.model = MappingModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(MappingModel.FIELD, FieldDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(34)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MappingModel.LETTER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MappingModel.SAMPLES, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(MappingModel.HEADER, 170)
        header.resizeSection(MappingModel.FIELD, 190)
        self.warning = QLabel()
        self.warning.setStyleSheet(WARN_STYLE)
        self.warning.setVisible(False)
        self.unknown = QLabel(
            self.tr(
                "没有认出这个工作表是什么内容。要导入它，请先在上方“内容”中选择（例如“患者”），"
                "再在下表中逐列指定。"
            )
        )
        self.unknown.setStyleSheet(INFO_BANNER)
        self.unknown.setWordWrap(True)
        self.unknown.setVisible(False)
        self.missing = QLabel()
        self.missing.setStyleSheet(ERROR_BANNER)
        self.missing.setWordWrap(True)
        self.missing.setVisible(False)
        hint = QLabel(self.tr("灰色的“（不导入）”列会被忽略。不确定的列可以先不导入，以后再补。"))
        hint.setStyleSheet(HINT_STYLE)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.unknown)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.missing)
        layout.addWidget(hint)

        self.sheet_combo.currentIndexChanged.connect(self._sheet_picked)
        self.kind_combo.currentIndexChanged.connect(self._kind_picked)
        self.encoding_combo.currentIndexChanged.connect(
            lambda _i: self.encodingChanged.emit(self.encoding_combo.currentData())
        )
        self.model.dataChanged.connect(lambda *_: self._mapping_changed())

    def set_kinds(self, kinds: Sequence[str]) -> None:
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        for kind in kinds:
            self.kind_combo.addItem(sheet_kind_label(kind), kind)
        self.kind_combo.addItem(sheet_kind_label(None), None)
        self.kind_combo.blockSignals(False)

    def set_sheets(self, sheets: Sequence[tuple[str, str | None, int]], current: str) -> None:
        """Fill the sheet chooser: (name, kind, data rows) per sheet."""
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for name, kind, rows in sheets:
            what = sheet_kind_label(kind)
            self.sheet_combo.addItem(
                fill(self.tr("%1（%2，%3 行）"), name, what, f"{rows:,}"),
                name,
            )
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(current)))
        self.sheet_combo.setEnabled(len(sheets) > 1)
        self.sheet_combo.blockSignals(False)

    def show_encoding(self, is_csv: bool, encoding: str | None, chosen: str | None) -> None:
        """The encoding chooser appears for CSV files only; ``chosen`` is what the user asked for."""
        self.encoding_label.setVisible(is_csv)
        self.encoding_combo.setVisible(is_csv)
        self.encoding_combo.blockSignals(True)
        self.encoding_combo.setCurrentIndex(max(0, self.encoding_combo.findData(chosen)))
        self.encoding_combo.blockSignals(False)
        detected = fill(self.tr("（识别为 %1）"), encoding.upper()) if encoding else ""
        self.encoding_combo.setToolTip(detected)
        self.encoding_combo.setItemText(0, self.tr("自动识别") + (detected if chosen is None else ""))

    def show_sheet(
        self,
        kind: str | None,
        header_row: int,
        headers: Sequence[str],
        samples: Sequence[Sequence[str]],
        mapping: Mapping[int, str],
        fields: Sequence[str],
        labels: Mapping[str, tuple[str, str]],
        data_rows: int,
    ) -> None:
        self.kind_combo.blockSignals(True)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.kind_combo.blockSignals(False)
        self.model.set_sheet(headers, samples, mapping, fields if kind else (), labels)
        for row in range(self.model.rowCount()):
            self.view.openPersistentEditor(self.model.index(row, MappingModel.FIELD))
        self.view.setEnabled(kind is not None)
        self.unknown.setVisible(kind is None)
        self.sheet_info.setText(fill(self.tr("表头在第 %1 行 · %2 行数据"), header_row, f"{data_rows:,}"))
        self._show_warning()

    def show_missing(self, missing: Sequence[str]) -> None:
        """Required fields no column is mapped to (``"phone/key/name"`` = one of them), or nothing."""
        names = ["/".join(self.model.field_label(f) for f in need.split("/")) for need in missing]
        self.missing.setText(
            fill(self.tr("缺少必需的列：%1。请在上表中指定，否则这个工作表不会导入。"), "、".join(names))
        )
        self.missing.setVisible(bool(names))

    def current_sheet(self) -> str:
        return str(self.sheet_combo.currentData() or "")

    def set_field(self, column: int, field: str) -> bool:
        """Map a file column (0-based) to a field, as if chosen in its combo box (a test seam too)."""
        ok = self.model.set_field(column, field)
        editor = self.view.indexWidget(self.model.index(column, MappingModel.FIELD))
        if ok and isinstance(editor, QComboBox):
            editor.blockSignals(True)
            editor.setCurrentIndex(max(0, editor.findData(field)))
            editor.blockSignals(False)
        return ok

    def has_conflicts(self) -> bool:
        return bool(self.model.duplicated_fields())

    def _show_warning(self) -> None:
        twice = sorted(self.model.field_label(f) for f in self.model.duplicated_fields())
        self.warning.setText(fill(self.tr("这些字段对应了不止一列，请只保留一列：%1"), "、".join(twice)))
        self.warning.setVisible(bool(twice))

    def _mapping_changed(self) -> None:
        self._show_warning()
        self.mappingEdited.emit()

    def _sheet_picked(self, _index: int) -> None:
        self.sheetSelected.emit(self.current_sheet())

    def _kind_picked(self, _index: int) -> None:
        self.kindChanged.emit(self.current_sheet(), self.kind_combo.currentData())
