"""The tags tab of the patient 360° view: the patient's tags by category, add (or create) and remove.

Each category (静态 / 消费 / 行为 / 自定义) is a small wrapping list of coloured chips; a patient carries a
handful of tags, so a ``QListWidget`` per category is the right size (the rule against item widgets is
about tables of thousands of rows). Adding is one line: type a tag's name — existing tags are offered
as you type — pick the category for a new one, press Enter (also while the suggestions are open).
Removing: select chips, press Delete. The rule-derived tags (PRODUCT §4.1) show in italics with their
reason on hover; they cannot be selected.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.db.models import TAG_CATEGORIES
from clinic_desktop.services.patients import TagInfo
from clinic_desktop.ui import widgets as labels
from clinic_desktop.ui.patients.tag_entry import enter_adds, tag_box
from clinic_desktop.ui.widgets import ERROR_STYLE

TAG_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_DELETE = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


def _text_color(background: str) -> QColor:
    """Black or white, whichever reads better on the tag's colour."""
    c = QColor(background)
    luminance = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()
    return QColor("#000000") if luminance > 160 else QColor("#ffffff")


class PatientTagsPanel(QWidget):
    #: (tag name, category for a new tag)
    addRequested = Signal(str, str)
    #: tag ids to detach
    removeRequested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._known: dict[str, TagInfo] = {}
        self.lists: dict[str, QListWidget] = {}
        grid = QGridLayout()
        for i, category in enumerate(TAG_CATEGORIES):
            box = QGroupBox(labels.label(labels.TAG_CATEGORIES, category))
            inner = QVBoxLayout(box)
            chips = QListWidget()
            chips.setViewMode(QListView.ViewMode.IconMode)
            chips.setFlow(QListView.Flow.LeftToRight)
            chips.setWrapping(True)
            chips.setResizeMode(QListView.ResizeMode.Adjust)
            chips.setMovement(QListView.Movement.Static)
            chips.setSpacing(4)
            chips.setUniformItemSizes(False)
            chips.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            chips.setMinimumHeight(64)
            chips.installEventFilter(self)
            inner.addWidget(chips)
            self.lists[category] = chips
            grid.addWidget(box, i // 2, i % 2)

        self.name = tag_box(self.tr("输入标签名称，已有标签会自动提示"))
        self.name.setMinimumContentsLength(12)
        enter_adds(self.name, self.submit)  # Enter adds the tag even while suggestions are shown
        # the combo has the focus and hands keys to its line edit past any filter there: watch both
        self.name.installEventFilter(self)
        line = self.name.lineEdit()
        if line is not None:
            line.installEventFilter(self)
            line.textChanged.connect(self._name_changed)
        self.category = QComboBox()
        for code, text in labels.choices(labels.TAG_CATEGORIES):
            self.category.addItem(text, code)
        self.category.setCurrentIndex(self.category.findData("custom"))
        self.category.installEventFilter(self)
        self.add_button = QPushButton(self.tr("添加标签"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.submit)
        self.remove_button = QPushButton(self.tr("移除所选标签"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.hint = QLabel()
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("标签")))
        add_row.addWidget(self.name, 2)
        add_row.addWidget(QLabel(self.tr("新标签类别")))
        add_row.addWidget(self.category)
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        add_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(add_row)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        layout.addLayout(grid, 1)
        QWidget.setTabOrder(self.name, self.category)
        QWidget.setTabOrder(self.category, self.add_button)

    def set_options(self, tags: tuple[TagInfo, ...]) -> None:
        """Every tag the clinic types, offered while typing (rule-derived tags are never typed)."""
        self._known = {t.name.lower(): t for t in tags}
        text = self.name.currentText()
        self.name.clear()
        for t in tags:
            if t.rule is None:
                self.name.addItem(t.name, t.id)
        self.name.setCurrentIndex(-1)
        self.name.setEditText(text)

    def set_tags(
        self, grouped: Mapping[str, tuple[TagInfo, ...]], reasons: Mapping[str, str] | None = None
    ) -> None:
        """The patient's tags; ``reasons``: rule key → why a rule-derived tag holds (its tooltip). Derived
        chips are in italics and cannot be selected: only the recompute adds or removes them."""
        reasons = reasons or {}
        for category, chips in self.lists.items():
            chips.clear()
            for tag in grouped.get(category, ()):
                item = QListWidgetItem(tag.name)
                item.setData(TAG_ID_ROLE, tag.id)
                item.setBackground(QBrush(QColor(tag.color)))
                item.setForeground(QBrush(_text_color(tag.color)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                width = chips.fontMetrics().horizontalAdvance(tag.name) + 24
                item.setSizeHint(QSize(width, chips.fontMetrics().height() + 10))
                if tag.rule:
                    why = reasons.get(tag.rule, "")
                    item.setToolTip(self.tr("按规则自动计算，不能手动移除") + (f"\n{why}" if why else ""))
                    font = item.font()
                    font.setItalic(True)
                    item.setFont(font)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                chips.addItem(item)

    def _name_changed(self, text: str) -> None:
        """An existing tag keeps its category; say so instead of letting the category box mislead."""
        known = self._known.get(" ".join(text.split()).lower())
        self.category.setEnabled(known is None)
        if known is None:
            self.hint.setText(self.tr("将新建标签") if text.strip() else "")
        else:
            self.hint.setText(
                self.tr("已有标签，类别：%1").replace(
                    "%1", labels.label(labels.TAG_CATEGORIES, known.category)
                )
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in _ENTER and not isinstance(watched, QListWidget):
                self.submit()
                return True
            if event.key() in _DELETE and isinstance(watched, QListWidget):
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)

    def submit(self) -> None:
        self.clear_error()
        name = self.name.currentText().strip()
        if not name:
            self.show_error(self.tr("请输入标签名称"))
            return
        self.addRequested.emit(name, self.category.currentData())

    def remove_selected(self) -> None:
        ids = [int(item.data(TAG_ID_ROLE)) for chips in self.lists.values() for item in chips.selectedItems()]
        if not ids:
            self.show_error(self.tr("请先选中要移除的标签"))
            return
        self.clear_error()
        self.removeRequested.emit(ids)

    def succeeded(self) -> None:
        self.clear_error()
        self.name.setCurrentIndex(-1)
        self.name.setEditText("")
        self.name.setFocus()

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.hide()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
