"""Which texts of a widget tree do not fit the room they were given (the 1,366×768 fit test's eye).

A text is clipped when its widget is narrower than the text — Qt cuts it silently. Checked, on visible
widgets only: labels (each line; word-wrapped ones by the height they need; :class:`ElidedLabel` and
labels that elide by design are skipped — their tooltip carries the whole text), push/tool buttons,
check boxes and radio buttons, group-box titles, combo boxes' current text, tab bars (every tab fully
visible and as wide as its text), header sections of tables and list items of fixed-width lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QStyle,
    QTabBar,
    QTableView,
    QToolButton,
    QWidget,
)

from clinic_desktop.ui.widgets import ElidedLabel

#: a pixel of rounding either way is not a clipped text
SLACK = 1
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Clipped:
    where: str
    text: str
    need: int
    has: int

    def __str__(self) -> str:
        return f"{self.where}: {self.text!r} needs {self.need} px, has {self.has}"


def _name(widget: QWidget) -> str:
    parts = []
    while widget is not None and len(parts) < 3:
        parts.append(widget.objectName() or type(widget).__name__)
        widget = widget.parentWidget()
    return "/".join(reversed(parts))


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        text = _TAGS.sub("", text.replace("<br>", "\n").replace("<br/>", "\n"))
    return text.replace("&nbsp;", " ").replace("&amp;", "&")


def _mnemonic_free(text: str) -> str:
    return re.sub(r"&(?!&)", "", text).replace("&&", "&")


def clipped(root: QWidget) -> list[Clipped]:
    found: list[Clipped] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root.window()) or not widget.isVisible() or widget.width() <= 0:
            continue
        found.extend(_check(widget))
    return found


def _check(w: QWidget) -> list[Clipped]:
    fm = w.fontMetrics()
    out: list[Clipped] = []
    if isinstance(w, ElidedLabel):
        return out
    if isinstance(w, QLabel):
        text = _plain(w.text())
        if not text or w.pixmap() is not None and not w.pixmap().isNull():
            return out
        room = w.contentsRect().width() - 2 * w.margin() - (2 * w.indent() if w.indent() > 0 else 0)
        if w.wordWrap():
            longest = max(
                (fm.horizontalAdvance(word) for word in re.split(r"\s+", text) if word.isascii()), default=0
            )
            if longest > room + SLACK:
                out.append(Clipped(_name(w), text, longest, room))
            need = w.heightForWidth(w.width())
            if need > w.height() + SLACK:
                out.append(Clipped(_name(w) + " (height)", text, need, w.height()))
        else:
            for line in text.split("\n"):
                need = fm.horizontalAdvance(line)
                if need > room + SLACK:
                    out.append(Clipped(_name(w), line, need, room))
        return out
    if isinstance(w, QAbstractButton):
        text = _mnemonic_free(w.text())
        if not text:
            return out
        if isinstance(w, (QPushButton, QToolButton, QCheckBox, QRadioButton)):
            need = w.sizeHint().width()
            if isinstance(w, QToolButton) and w.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
                return out
            # a push button's hint keeps a minimum width for short texts: compare the text itself then
            if isinstance(w, QPushButton):
                margin = w.style().pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, w)
                need = min(
                    need,
                    fm.horizontalAdvance(text)
                    + 2 * margin
                    + (w.iconSize().width() + 4 if not w.icon().isNull() else 0),
                )
            if need > w.width() + SLACK:
                out.append(Clipped(_name(w), text, need, w.width()))
        return out
    if isinstance(w, QGroupBox) and w.title():
        need = fm.horizontalAdvance(_mnemonic_free(w.title())) + 16 + (20 if w.isCheckable() else 0)
        if need > w.width() + SLACK:
            out.append(Clipped(_name(w), w.title(), need, w.width()))
        return out
    if isinstance(w, QComboBox) and not w.isEditable():
        text = w.currentText()
        arrow = w.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, w)
        need = fm.horizontalAdvance(text) + arrow + 12
        if text and need > w.width() + SLACK:
            out.append(Clipped(_name(w), text, need, w.width()))
        return out
    if isinstance(w, QTabBar):
        for i in range(w.count()):
            if not w.isTabVisible(i):
                continue
            rect, text = w.tabRect(i), _mnemonic_free(w.tabText(i))
            need = fm.horizontalAdvance(text) + 8
            if rect.right() > w.width() + SLACK:
                out.append(Clipped(_name(w) + f" tab {i} (off the bar)", text, rect.right(), w.width()))
            elif need > rect.width() + SLACK:
                out.append(Clipped(_name(w) + f" tab {i}", text, need, rect.width()))
        return out
    if isinstance(w, QHeaderView) and w.orientation() == Qt.Orientation.Horizontal:
        model = w.model()
        if model is None:
            return out
        margin = w.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, w)
        for section in range(w.count()):
            if w.isSectionHidden(section) or w.sectionSize(section) == 0:
                continue
            text = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if not text:
                continue
            need = max(fm.horizontalAdvance(line) for line in str(text).split("\n")) + 2 * margin
            if need > w.sectionSize(section) + SLACK:
                out.append(Clipped(_name(w) + f" column {section}", str(text), need, w.sectionSize(section)))
        return out
    if isinstance(w, QListWidget) and w.maximumWidth() < 10_000:  # a fixed-width list: the navigation
        room = w.viewport().width()
        for row in range(w.count()):
            text = w.item(row).text()
            need = fm.horizontalAdvance(text) + 8
            if need > room + SLACK:
                out.append(Clipped(_name(w) + f" item {row}", text, need, room))
        return out
    if isinstance(w, QTableView) and w.model() is not None:
        return _numbers_in(w)
    if isinstance(w, QLineEdit) and _VALUE.match(w.text().strip()):
        # a date, a phone, an amount in a field (a spin box's too) is never shown cut: "-05-23" is not a
        # birthday. Free text (an address, a note) may scroll inside its field as fields do.
        text = w.text().strip()
        frame = w.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, w) if w.hasFrame() else 0
        need, room = fm.horizontalAdvance(text), w.contentsRect().width() - 2 * (frame + _LINE_EDIT_MARGIN)
        if need > room + SLACK:
            out.append(Clipped(_name(w), text, need, room))
    return out


#: a short value whose every character counts: digits with their separators and unit
_VALUE = re.compile(r"^[¥￥+\-]?[\d][\d,.:/\- ]*(%|天|个月|次|分钟|days?|months?|times?|min)?$")
#: QLineEdit's own horizontal margin inside its frame (QLineEditPrivate::horizontalMargin)
_LINE_EDIT_MARGIN = 2


_NUMBER = re.compile(r"^[¥￥+\-]?[\d,.]+%?$")


def _numbers_in(table: QTableView) -> list[Clipped]:
    """A number is never shown cut ("1,…" reads as a different number); text may elide (with a tooltip)."""
    model, fm, out = table.model(), table.fontMetrics(), []
    rows = min(model.rowCount(), 60)
    for column in range(model.columnCount()):
        if table.isColumnHidden(column) or table.columnWidth(column) <= 0:
            continue
        for row in range(rows):
            text = model.index(row, column).data()
            if isinstance(text, str) and _NUMBER.match(text.strip()):
                need = fm.horizontalAdvance(text.strip()) + 6
                if need > table.columnWidth(column) + SLACK:
                    out.append(
                        Clipped(_name(table) + f" cell {row},{column}", text, need, table.columnWidth(column))
                    )
    return out
