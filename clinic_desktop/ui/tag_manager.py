"""Tag manager and bulk tagging (issue 3, part 4): the clinic curates its own vocabulary of tags.

Tags are how the clinic "分人" (tells patients apart), so the list must stay clean: duplicates get merged,
not left side by side. Every write goes through :func:`run_in_background` — a bulk tag of 100,000
patients or a merge must not freeze the window — and every question to the user (a name, a colour, a
merge target, a confirmation) is one small ``_ask_*`` method, so tests drive the real buttons and answer
the questions without a modal dialog blocking the test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.db.models import TAG_CATEGORIES
from clinic_desktop.services import tags as tag_service
from clinic_desktop.services.database import Database
from clinic_desktop.services.tags import TagInfo
from clinic_desktop.ui.tasks import run_in_background

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def category_label(code: str) -> str:
    """The shown name of a tag category (literal ``translate`` calls, so ``lupdate`` finds them)."""
    labels = {
        "static": QCoreApplication.translate("TagCategory", "静态"),
        "consumption": QCoreApplication.translate("TagCategory", "消费"),
        "behaviour": QCoreApplication.translate("TagCategory", "行为"),
        "custom": QCoreApplication.translate("TagCategory", "自定义"),
    }
    return labels.get(code, code)


def user_message(exc: Exception) -> str:
    """The half of a "中文 / English" service message that matches the UI language (Chinese default)."""
    text = str(exc)
    if " / " not in text:
        return text
    chinese, english = text.split(" / ", 1)
    return english if QLocale().language() == QLocale.Language.English else chinese


def fill(template: str, *values: object) -> str:
    """Put values into Qt-style ``%1``, ``%2`` placeholders of a translated string (``str.format`` would
    trip over braces a translator typed, and Python's tr() has no ``arg()``)."""
    for i, value in enumerate(values, 1):
        template = template.replace(f"%{i}", str(value))
    return template


def run_for(
    owner: QWidget,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    busy: str | None = None,
) -> None:
    """:func:`run_in_background`, but the result is dropped if ``owner`` was deleted meanwhile: the user
    may close a page while its work runs, and touching its widgets afterwards would raise. ``busy`` is
    the message of the progress dialog shown if the work takes more than half a second."""

    def guard(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        return lambda value: callback(value) if shiboken6.isValid(owner) else None

    run_in_background(work, guard(on_done), guard(on_error), busy=(owner, busy) if busy else None)


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def sorted_table(
    model: QAbstractTableModel, stretch: int, sort_column: int
) -> tuple[QSortFilterProxyModel, QTableView]:
    """A read-only table selecting one whole row, sortable through a proxy on :data:`SORT_ROLE` (raw
    values: counts sort as numbers, names in pinyin order)."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSortingEnabled(True)
    view.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return proxy, view


class TagTableModel(QAbstractTableModel):
    """Tags with category, colour and usage; a clinic has tens of tags, so the model holds them all."""

    NAME, CATEGORY, COLOR, PATIENTS = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tags: list[TagInfo] = []
        self._headers = (self.tr("标签"), self.tr("类别"), self.tr("颜色"), self.tr("患者数"))

    def set_tags(self, tags: Sequence[TagInfo]) -> None:
        self.beginResetModel()
        self._tags = list(tags)
        self.endResetModel()

    def tag_at(self, row: int) -> TagInfo:
        return self._tags[row]

    def row_of(self, tag_id: int) -> int | None:
        return next((i for i, t in enumerate(self._tags) if t.id == tag_id), None)

    def tags(self) -> list[TagInfo]:
        return list(self._tags)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._tags)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._tags):
            return None
        tag, col = self._tags[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole and col != self.COLOR:
            return (tag.name, category_label(tag.category), None, f"{tag.patients:,}")[col]
        if role == SORT_ROLE:
            order = TAG_CATEGORIES.index(tag.category) if tag.category in TAG_CATEGORIES else 99
            return (tag_service.pinyin_key(tag.name), order, tag.color, tag.patients)[col]
        if role == Qt.ItemDataRole.DecorationRole and col == self.COLOR:
            return QColor(tag.color)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COLOR:
            return tag.color
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.PATIENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None


class TagFormDialog(QDialog):
    """Name, category and colour of a new tag (one form, so a tag is never created half-described)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建标签"))
        self.name = QLineEdit()
        self.name.setMaxLength(tag_service.MAX_NAME_LENGTH)
        self.name.setPlaceholderText(self.tr("例如：怕疼、只约周末"))
        self.category = QComboBox()
        for code in TAG_CATEGORIES:
            self.category.addItem(category_label(code), code)
        self.category.setCurrentIndex(TAG_CATEGORIES.index("custom"))
        self.color_button = QPushButton()
        self.color_button.clicked.connect(self._pick_color)
        self.set_color(tag_service.DEFAULT_COLOR)
        form = QFormLayout(self)
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("类别"), self.category)
        form.addRow(self.tr("颜色"), self.color_button)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.name.textChanged.connect(self._update_ok)
        self._update_ok()

    def set_color(self, color: str) -> None:
        self.color = color
        self.color_button.setIcon(swatch(color))
        self.color_button.setText(color)

    def values(self) -> tuple[str, str, str]:
        return self.name.text(), str(self.category.currentData()), self.color

    def _pick_color(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color), self, self.tr("选择颜色"))
        if chosen.isValid():
            self.set_color(chosen.name())

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))


class TagManagerDialog(QDialog):
    """Create, rename, recolour, recategorise, merge and delete tags."""

    tagsChanged = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("标签管理"))
        self.model = TagTableModel(self)
        self.proxy, self.view = sorted_table(self.model, TagTableModel.NAME, TagTableModel.CATEGORY)
        self.view.doubleClicked.connect(lambda _index: self.rename_selected())

        side = QVBoxLayout()
        buttons = [
            self._side_button(side, text, slot)
            for text, slot in (
                (self.tr("新建…"), self.create_tag),
                (self.tr("重命名…"), self.rename_selected),
                (self.tr("颜色…"), self.recolor_selected),
                (self.tr("类别…"), self.recategorise_selected),
                (self.tr("合并到…"), self.merge_selected),
                (self.tr("删除…"), self.delete_selected),
            )
        ]
        self.create_button, self.rename_button, self.color_button = buttons[:3]
        self.category_button, self.merge_button, self.delete_button = buttons[3:]
        self._selection_buttons = buttons[1:]  # those that act on the selected tag
        side.addStretch(1)
        self.close_button = self._side_button(side, self.tr("关闭"), self.accept)

        self.status = QLabel()
        self.status.setWordWrap(True)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.resize(560, 460)
        self._busy = False
        self.reload()

    @staticmethod
    def _side_button(layout: QVBoxLayout, text: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    # --- state ---------------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        current = self.selected_tag()
        keep = select_id if select_id is not None else (current.id if current else None)
        self.model.set_tags(tag_service.list_tags(self.db))
        if keep is not None:
            self.select_tag(keep)
        self._update_buttons()

    def selected_tag(self) -> TagInfo | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        if not rows:
            return None
        return self.model.tag_at(self.proxy.mapToSource(rows[0]).row())

    def select_tag(self, tag_id: int) -> None:
        row = self.model.row_of(tag_id)
        if row is not None:
            self.view.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def _update_buttons(self) -> None:
        has = self.selected_tag() is not None and not self._busy
        for button in self._selection_buttons:
            button.setEnabled(has)
        self.merge_button.setEnabled(has and self.model.rowCount() > 1)
        self.create_button.setEnabled(not self._busy)

    def _show(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #c62828;" if error else "")
        self.status.setText(text)

    def _run(
        self, work: Callable[[], Any], done: Callable[[Any], tuple[str, int | None]], busy: bool = False
    ) -> None:
        """Run a write off the GUI thread; ``done(result)`` gives the message and the tag to select."""
        self._busy = True
        self._update_buttons()

        def on_done(result: Any) -> None:
            self._busy = False
            message, select_id = done(result)
            self.reload(select_id)
            self._show(message)
            self.tagsChanged.emit()

        def on_error(exc: Exception) -> None:
            self._busy = False
            self._update_buttons()
            self._show(user_message(exc), error=True)

        run_for(self, work, on_done, on_error, self.tr("正在处理…") if busy else None)

    # --- questions (overridden in tests) ----------------------------------------------------------------

    def _ask_new_tag(self) -> tuple[str, str, str] | None:
        form = TagFormDialog(self)
        return form.values() if form.exec() == QDialog.DialogCode.Accepted else None

    def _ask_name(self, tag: TagInfo) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("重命名标签"), self.tr("新名称："), text=tag.name)
        return text if ok else None

    def _ask_color(self, tag: TagInfo) -> str | None:
        chosen = QColorDialog.getColor(QColor(tag.color), self, self.tr("标签颜色"))
        return chosen.name() if chosen.isValid() else None

    def _ask_category(self, tag: TagInfo) -> str | None:
        labels = [category_label(c) for c in TAG_CATEGORIES]
        current = TAG_CATEGORIES.index(tag.category) if tag.category in TAG_CATEGORIES else 0
        label, ok = QInputDialog.getItem(self, self.tr("标签类别"), self.tr("类别："), labels, current, False)
        return TAG_CATEGORIES[labels.index(label)] if ok else None

    def _ask_merge_target(self, tag: TagInfo, candidates: list[TagInfo]) -> int | None:
        names = [t.name for t in candidates]
        prompt = fill(self.tr("把“%1”合并到："), tag.name)
        name, ok = QInputDialog.getItem(self, self.tr("合并标签"), prompt, names, 0, False)
        return candidates[names.index(name)].id if ok else None

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("请确认"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- actions ---------------------------------------------------------------------------------------

    def create_tag(self) -> None:
        answer = self._ask_new_tag()
        if answer is None:
            return
        name, category, color = answer
        self._run(
            lambda: tag_service.create_tag(self.db, name, category, color),
            lambda tag_id: (fill(self.tr("已新建标签“%1”"), " ".join(name.split())), tag_id),
        )

    def rename_selected(self) -> None:
        tag = self.selected_tag()
        name = self._ask_name(tag) if tag else None
        if tag is None or name is None or name.strip() == tag.name:
            return
        self._run(
            lambda: tag_service.rename_tag(self.db, tag.id, name),
            lambda _r: (fill(self.tr("已改名为“%1”"), " ".join(name.split())), tag.id),
        )

    def recolor_selected(self) -> None:
        tag = self.selected_tag()
        color = self._ask_color(tag) if tag else None
        if tag is None or color is None:
            return
        self._run(
            lambda: tag_service.recolor_tag(self.db, tag.id, color),
            lambda _r: (fill(self.tr("已更改“%1”的颜色"), tag.name), tag.id),
        )

    def recategorise_selected(self) -> None:
        tag = self.selected_tag()
        category = self._ask_category(tag) if tag else None
        if tag is None or category is None or category == tag.category:
            return
        self._run(
            lambda: tag_service.set_tag_category(self.db, tag.id, category),
            lambda _r: (fill(self.tr("“%1”已归入%2"), tag.name, category_label(category)), tag.id),
        )

    def merge_selected(self) -> None:
        tag = self.selected_tag()
        candidates = [t for t in self.model.tags() if tag and t.id != tag.id]
        target_id = self._ask_merge_target(tag, candidates) if tag and candidates else None
        target = next((t for t in candidates if t.id == target_id), None)
        if tag is None or target is None:
            return
        question = self.tr("把“%1”合并到“%2”？\n%3 位患者的“%1”将变为“%2”，“%1”随后删除。此操作不可撤销。")
        if not self._confirm(fill(question, tag.name, target.name, f"{tag.patients:,}")):
            return
        message = self.tr("已把“%1”合并到“%2”：新增 %3 位，%4 位原已有")
        self._run(
            lambda: tag_service.merge_tags(self.db, tag.id, target.id),
            lambda r: (fill(message, tag.name, target.name, f"{r.moved:,}", f"{r.already:,}"), target.id),
            busy=True,
        )

    def delete_selected(self) -> None:
        tag = self.selected_tag()
        question = self.tr("删除标签“%1”？\n它将从 %2 位患者身上移除。此操作不可撤销。")
        if tag is None or not self._confirm(fill(question, tag.name, f"{tag.patients:,}")):
            return
        self._run(
            lambda: tag_service.delete_tag(self.db, tag.id),
            lambda _r: (fill(self.tr("已删除标签“%1”"), tag.name), None),
            busy=True,
        )


class BulkTagDialog(QDialog):
    """Add one tag to, or remove it from, every selected patient (e.g. a campaign audience)."""

    tagsChanged = Signal()

    def __init__(self, db: Database, patient_ids: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.patient_ids = list(patient_ids)
        self.result_message = ""
        self.setWindowTitle(self.tr("批量打标签"))
        self.count_label = QLabel(self.tr("已选择 %n 位患者", "", len(self.patient_ids)))
        self.add_radio = QRadioButton(self.tr("添加标签"))
        self.remove_radio = QRadioButton(self.tr("移除标签"))
        self.add_radio.setChecked(True)
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.add_radio)
        self.mode.addButton(self.remove_radio)
        self.tag_combo = QComboBox()
        self.tag_combo.setMinimumContentsLength(16)
        self._names: dict[int, str] = {}
        for tag in tag_service.list_tags(db):
            label = f"{tag.name}（{category_label(tag.category)}）"
            self.tag_combo.addItem(swatch(tag.color), label, tag.id)
            self._names[tag.id] = tag.name
        self.status = QLabel()
        self.status.setWordWrap(True)
        if not self.tag_combo.count():
            self.status.setText(self.tr("还没有标签，请先在“标签管理”中新建。"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("执行"))
        self.ok_button.setEnabled(bool(self.patient_ids) and self.tag_combo.count() > 0)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        modes = QHBoxLayout()
        modes.addWidget(self.add_radio)
        modes.addWidget(self.remove_radio)
        modes.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("操作"), modes)
        form.addRow(self.tr("标签"), self.tag_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def select_tag(self, tag_id: int) -> None:
        self.tag_combo.setCurrentIndex(self.tag_combo.findData(tag_id))

    def apply(self) -> None:
        tag_id = self.tag_combo.currentData()
        if tag_id is None or not self.patient_ids:
            return
        name = self._names[int(tag_id)]
        adding = self.add_radio.isChecked()
        action = tag_service.add_tag_to_patients if adding else tag_service.remove_tag_from_patients
        ids, total = self.patient_ids, len(self.patient_ids)
        self.ok_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("正在处理…"))

        def done(changed: int) -> None:
            template = (
                self.tr("已为 %1 位患者添加“%2”（%3 位原已有）")
                if adding
                else self.tr("已从 %1 位患者移除“%2”（%3 位原本没有）")
            )
            self.result_message = fill(template, f"{changed:,}", name, f"{total - changed:,}")
            self.status.setText(self.result_message)
            self.tagsChanged.emit()
            self.accept()

        def failed(exc: Exception) -> None:
            self.ok_button.setEnabled(True)
            self.status.setStyleSheet("color: #c62828;")
            self.status.setText(user_message(exc))

        work = lambda: action(self.db, int(tag_id), ids)  # noqa: E731
        run_for(self, work, done, failed, self.tr("正在处理 %n 位患者…", "", total))
