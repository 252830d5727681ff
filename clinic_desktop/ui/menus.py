"""The main window's menu bar: 文件 (databases, the data folder) and 帮助 (first-day guide, about).

Built here rather than inside the main window so other features add their entries in one place without
touching the window: a new action goes into :attr:`Menus.file` or :attr:`Menus.help` (e.g. a Ctrl+N
"新建患者" at the top of 文件, a 快捷键 list in 帮助, backup actions in a 数据 menu after 文件). The
window connects the actions to what they do.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass
class Menus:
    file: QMenu
    help: QMenu
    open_database: QAction
    new_database: QAction
    demo_database: QAction
    home_database: QAction
    data_folder: QAction
    quit: QAction
    guide: QAction
    about: QAction


def build_menus(window: QMainWindow) -> Menus:
    """Add 文件 and 帮助 to ``window``'s menu bar and return their actions (not yet connected)."""

    def action(text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
        made = QAction(text, window)
        if shortcut is not None:
            made.setShortcut(shortcut)
        return made

    open_database = action(
        QCoreApplication.translate("Menus", "打开数据库(&O)…"), QKeySequence(QKeySequence.StandardKey.Open)
    )
    new_database = action(QCoreApplication.translate("Menus", "新建数据库(&N)…"))
    demo_database = action(QCoreApplication.translate("Menus", "打开演示数据（独立的演示数据库）(&D)"))
    demo_database.setToolTip(
        QCoreApplication.translate("Menus", "演示数据放在单独的数据库文件里，从不写入诊所的数据库")
    )
    home_database = action(QCoreApplication.translate("Menus", "返回诊所数据库(&B)"))
    data_folder = action(QCoreApplication.translate("Menus", "打开数据文件夹(&F)"))
    quit_app = action(
        QCoreApplication.translate("Menus", "退出(&X)"), QKeySequence(QKeySequence.StandardKey.Quit)
    )
    quit_app.setMenuRole(QAction.MenuRole.QuitRole)
    guide = action(QCoreApplication.translate("Menus", "入门指南(&G)"))
    about = action(QCoreApplication.translate("Menus", "关于私域助手(&A)"))
    about.setMenuRole(QAction.MenuRole.AboutRole)

    bar = window.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("Menus", "文件(&F)"))
    for item in (open_database, new_database, None, demo_database, home_database, None, data_folder, None):
        if item is None:
            file_menu.addSeparator()
        else:
            file_menu.addAction(item)
    file_menu.addAction(quit_app)
    help_menu = bar.addMenu(QCoreApplication.translate("Menus", "帮助(&H)"))
    help_menu.addAction(guide)
    help_menu.addSeparator()
    help_menu.addAction(about)
    return Menus(
        file=file_menu,
        help=help_menu,
        open_database=open_database,
        new_database=new_database,
        demo_database=demo_database,
        home_database=home_database,
        data_folder=data_folder,
        quit=quit_app,
        guide=guide,
        about=about,
    )
