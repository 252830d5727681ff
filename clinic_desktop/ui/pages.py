"""The main window's five pages, each built the first time it is shown (:class:`~.page_stack.LazyPages`).

Each factory imports its page's package only when called: the window appears before any page exists, and
matplotlib (the dashboard's charts) loads only when the dashboard is first opened."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from clinic_desktop.services.database import Database
from clinic_desktop.ui.page_stack import PageSpec

__all__ = ["page_specs"]


def page_specs(db: Database) -> list[PageSpec]:
    """The pages in navigation order, their titles translated in the main window's context."""

    def patients() -> QWidget:
        from clinic_desktop.ui.patients import PatientsPage

        return PatientsPage(db)

    def call_lists() -> QWidget:
        from clinic_desktop.ui.calllists import CallListsPage

        return CallListsPage(db)

    def dashboard() -> QWidget:
        from clinic_desktop.ui.dashboard import DashboardPage  # matplotlib loads here, on first show

        return DashboardPage(db)

    def importing() -> QWidget:
        from clinic_desktop.ui.importing import ImportPage

        return ImportPage(db)

    def settings() -> QWidget:
        from clinic_desktop.ui.settings import SettingsPage

        return SettingsPage(db)

    return [
        PageSpec("patients", QCoreApplication.translate("MainWindow", "患者"), patients),
        PageSpec("call_lists", QCoreApplication.translate("MainWindow", "回访名单"), call_lists),
        PageSpec("dashboard", QCoreApplication.translate("MainWindow", "数据看板"), dashboard),
        PageSpec("import", QCoreApplication.translate("MainWindow", "导入导出"), importing),
        PageSpec("settings", QCoreApplication.translate("MainWindow", "设置"), settings),
    ]
