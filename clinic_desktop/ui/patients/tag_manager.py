"""Tag manager (issue 3, part 4): the clinic curates its own vocabulary of tags.

Tags are how the clinic "分人" (tells patients apart), so the list must stay clean: duplicates get merged,
not left side by side. Every write goes through :func:`run_in_background` — a merge must not freeze the
window — and every question to the user (a name, a colour, a merge target, a confirmation) is one small
``_ask_*`` method, so tests drive the real buttons and answer the questions without a modal dialog
blocking the test. Bulk tagging lives in :mod:`clinic_desktop.ui.patients.bulk_tag_dialog` (re-exported here).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.db.models import TAG_CATEGORIES
from clinic_desktop.services import patients as tag_service
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import TagInfo
from clinic_desktop.ui.patients.bulk_tag_dialog import BulkTagDialog
from clinic_desktop.ui.widgets import (
    RIGHT,
    Column,
    TableModel,
    category_label,
    error_text,
    fill,
    run_in_background,
    sorted_table,
    swatch,
)

#: BulkTagDialog lives in :mod:`clinic_desktop.ui.patients.bulk_tag_dialog`; it is re-exported from here
__all__ = ["BulkTagDialog", "TagFormDialog", "TagManagerDialog", "TagTableModel"]

T = TypeVar("T")


def _category_order(tag: TagInfo) -> int:
    return TAG_CATEGORIES.index(tag.category) if tag.category in TAG_CATEGORIES else 99


class TagTableModel(TableModel[TagInfo]):
    """Tags with category, colour and usage; a clinic has tens of tags, so the model holds them all."""

    NAME, CATEGORY, COLOR, PATIENTS = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((), parent)
        self.set_columns(
            (
                Column(
                    self.tr("标签"),
                    lambda t: t.name + (self.tr("（自动）") if t.rule else ""),
                    sort=lambda t: tag_service.pinyin_key(t.name),
                    tooltip=lambda t: (
                        self.tr("按规则自动计算：不能改名、合并、删除或手动增减，可改颜色")
                        if t.rule
                        else None
                    ),
                ),
                Column(self.tr("类别"), lambda t: category_label(t.category), sort=_category_order),
                Column(self.tr("颜色"), lambda t: "", sort=lambda t: t.color, tooltip=lambda t: t.color),
                Column(
                    self.tr("患者数"), lambda t: f"{t.patients:,}", sort=lambda t: t.patients, align=RIGHT
                ),
            )
        )

    def set_tags(self, tags: Sequence[TagInfo]) -> None:
        self.set_rows(tags)

    def tag_at(self, row: int) -> TagInfo:
        return self.row(row)

    def tags(self) -> list[TagInfo]:
        return self.rows()

    def row_of(self, tag_id: int) -> int | None:
        return self.find(lambda t: t.id == tag_id)

    def cell_data(self, row: TagInfo, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DecorationRole and column == self.COLOR:
            return QColor(row.color)
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
    def _side_button(layout: QVBoxLayout, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    # --- state ---------------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the tags again (off the GUI thread), keeping ``select_id`` (else the current tag) selected."""
        db = self.db

        def show(tags: list[TagInfo]) -> None:
            current = self.selected_tag()
            keep = select_id if select_id is not None else (current.id if current else None)
            self.model.set_tags(tags)
            if keep is not None:
                self.select_tag(keep)
            self._update_buttons()

        run_in_background(
            lambda: tag_service.list_tags(db), show, lambda exc: self._show(error_text(exc), True), owner=self
        )

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
        tag = self.selected_tag()
        has = tag is not None and not self._busy
        typed = has and tag is not None and tag.rule is None  # a rule-derived tag: its colour alone
        for button in self._selection_buttons:
            button.setEnabled(typed)
        self.color_button.setEnabled(has)
        self.merge_button.setEnabled(typed and self.model.rowCount() > 1)
        self.create_button.setEnabled(not self._busy)

    def _show(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #c62828;" if error else "")
        self.status.setText(text)

    def _run(
        self, work: Callable[[], T], done: Callable[[T], tuple[str, int | None]], busy: bool = False
    ) -> None:
        """Run a write off the GUI thread; ``done(result)`` gives the message and the tag to select."""
        self._busy = True
        self._update_buttons()

        def on_done(result: T) -> None:
            self._busy = False
            message, select_id = done(result)
            self.reload(select_id)
            self._show(message)
            self.tagsChanged.emit()

        def on_error(exc: Exception) -> None:
            self._busy = False
            self._update_buttons()
            self._show(error_text(exc), error=True)

        run_in_background(work, on_done, on_error, owner=self, busy=self.tr("正在处理…") if busy else None)

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
