"""帮助 → 快捷键: every key the app answers to, in one list (issue 13 item 4).

The keys are written once, here, as ``QKeySequence`` text that is never translated: a translated
accelerator would move a key when the language changes, and a receptionist's fingers do not follow the
language setting. Only the descriptions go through ``tr()``. Mnemonics (``&I`` in ``导入患者数据(&I)…``)
follow the same rule — the English text underlines the same letter — and a test holds every
translation to it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

__all__ = ["HELP_KEY", "SHORTCUTS", "ShortcutListDialog", "install_help_menu", "shortcut_rows", "shown_keys"]

#: the key that opens this list (the platform's Help key)
HELP_KEY = "F1"


#: (where, [(keys as QKeySequence text — never translated, what they do)]); the descriptions are marked for
#: lupdate under the "ShortcutList" context and translated when the list is shown
SHORTCUTS: tuple[tuple[object, tuple[tuple[str, object], ...]], ...] = (
    (
        QT_TRANSLATE_NOOP("ShortcutList", "任何页面"),
        (
            ("Ctrl+N", QT_TRANSLATE_NOOP("ShortcutList", "新建患者")),
            (HELP_KEY, QT_TRANSLATE_NOOP("ShortcutList", "快捷键一览（本列表）")),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutList", "患者列表"),
        (
            ("Ctrl+F", QT_TRANSLATE_NOOP("ShortcutList", "回到搜索框")),
            ("Down", QT_TRANSLATE_NOOP("ShortcutList", "从搜索框进入列表")),
            (
                "Return",
                QT_TRANSLATE_NOOP("ShortcutList", "打开所选患者；搜索无结果时新建患者（姓名或手机号已填好）"),
            ),
            (
                "Ctrl+A",
                QT_TRANSLATE_NOOP(
                    "ShortcutList", "选中列表中的全部患者（再批量打标签、营销同意/勿扰、归档）"
                ),
            ),
            ("F7", QT_TRANSLATE_NOOP("ShortcutList", "把选中的患者记为“懂行”")),
            ("F8", QT_TRANSLATE_NOOP("ShortcutList", "把选中的患者记为“不太懂”")),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutList", "新建患者"),
        (
            ("Return", QT_TRANSLATE_NOOP("ShortcutList", "保存（在标签框中：添加所输入的标签）")),
            ("Ctrl+Return", QT_TRANSLATE_NOOP("ShortcutList", "保存并打开患者档案")),
            ("Ctrl+O", QT_TRANSLATE_NOOP("ShortcutList", "手机号已有患者时：打开该患者的档案")),
            ("1 / 2 / 0", QT_TRANSLATE_NOOP("ShortcutList", "性别框中：男 / 女 / 未填（也可按 M / F）")),
            ("Backspace", QT_TRANSLATE_NOOP("ShortcutList", "标签框为空时：去掉最后一个待添加的标签")),
            ("Esc", QT_TRANSLATE_NOOP("ShortcutList", "取消")),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutList", "患者档案"),
        (
            (
                "Ctrl+1 … Ctrl+8",
                QT_TRANSLATE_NOOP("ShortcutList", "切换到第 1…8 个标签页，光标在其第一个输入框"),
            ),
            ("Return", QT_TRANSLATE_NOOP("ShortcutList", "提交当前的快速添加表单 / 添加标签")),
            ("Ctrl+S", QT_TRANSLATE_NOOP("ShortcutList", "保存资料")),
            ("F7 / F8", QT_TRANSLATE_NOOP("ShortcutList", "认知：记为懂行 / 不太懂（再按一次清除）")),
            ("Delete", QT_TRANSLATE_NOOP("ShortcutList", "移除选中的标签")),
            ("Esc", QT_TRANSLATE_NOOP("ShortcutList", "关闭")),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutList", "回访名单"),
        (
            (
                "1 … 5",
                QT_TRANSLATE_NOOP("ShortcutList", "为当前行记录结果：接通 / 未接 / 已预约 / 拒绝 / 勿扰"),
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("ShortcutList", "导入向导"),
        (
            ("Alt+Left", QT_TRANSLATE_NOOP("ShortcutList", "上一步")),
            ("Alt+Right", QT_TRANSLATE_NOOP("ShortcutList", "下一步")),
        ),
    ),
)


#: arrows as the keycaps show them (Qt's own Chinese would print 下方向 for Down)
_ARROWS = {"Down": "↓", "Up": "↑", "Left": "←", "Right": "→"}


def shown_keys(sequence: str) -> str:
    """Keys as printed on the keyboard, the same in every language: ``Ctrl+Return``, ``↓``, ``Alt+←``.
    Portable text, not Qt's native text, which Qt's Chinese translation turns into words."""
    if " " in sequence or "…" in sequence:  # ranges and alternatives, written as such
        return sequence
    text = QKeySequence(sequence).toString(QKeySequence.SequenceFormat.PortableText) or sequence
    return "+".join(_ARROWS.get(part, part) for part in text.split("+"))


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(where, keys, what): the descriptions in the UI language, the keys never changing with it."""
    return [
        (_translate(str(where)), shown_keys(sequence), _translate(str(what)))
        for where, keys in SHORTCUTS
        for sequence, what in keys
    ]


def _translate(text: str) -> str:
    return QCoreApplication.translate("ShortcutList", text)


class ShortcutListDialog(QDialog):
    """The list, grouped by where each key works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷键"))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("按键"), self.tr("作用")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        groups: dict[str, QTreeWidgetItem] = {}
        for where, keys, what in shortcut_rows():
            group = groups.get(where)
            if group is None:
                group = groups[where] = QTreeWidgetItem(self.tree, [where])
                group.setFirstColumnSpanned(True)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
            item = QTreeWidgetItem(group, [keys, what])
            item.setToolTip(1, what)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, self.tree.columnWidth(0) + 24)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(720, 560)


def install_help_menu(window: QMainWindow, menu: QMenu | None = None) -> QMenu:
    """Add 快捷键 (F1) at the top of ``menu`` (the window's 帮助 menu; a new one on its menu bar when
    None); returns the menu so other entries can join it."""
    if menu is None:
        menu = window.menuBar().addMenu(QCoreApplication.translate("ShortcutList", "帮助(&H)"))
    action = QAction(QCoreApplication.translate("ShortcutList", "快捷键(&K)…"), window)
    action.setShortcut(QKeySequence(HELP_KEY))
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.triggered.connect(lambda: show_shortcut_list(window))
    if menu.actions():
        menu.insertAction(menu.actions()[0], action)
    else:
        menu.addAction(action)
    return menu


def show_shortcut_list(parent: QWidget) -> ShortcutListDialog:
    """Open the list (non-modal: it can stay open beside the window while the keys are tried)."""
    dialog = getattr(parent, "_shortcut_list", None)
    if not isinstance(dialog, ShortcutListDialog):
        dialog = ShortcutListDialog(parent)
        parent._shortcut_list = dialog  # type: ignore[attr-defined]
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
