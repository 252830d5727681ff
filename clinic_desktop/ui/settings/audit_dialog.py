"""The audit log 操作日志: who did what and when — filter by day, action, role and words; export.

Owner only (the service refuses staff). The newest rows first; at most
:data:`~clinic_desktop.services.audit.viewer.SCREEN_LIMIT` on screen (the export takes every matching row).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDir, QStandardPaths
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.access import ROLE_LABELS, Role
from clinic_desktop.services.audit import (
    SCREEN_LIMIT,
    AuditEntry,
    AuditFilter,
    action_label,
    audit_actions,
    describe_detail,
    export_audit,
    list_audit,
)
from clinic_desktop.services.database import Database
from clinic_desktop.ui.widgets import (
    Column,
    TableModel,
    day_of,
    day_picker,
    error_text,
    fill,
    pick,
    run_in_background,
    ui_language,
)

#: the role filter's "rows from before roles were turned on" (no user recorded)
_NO_ROLE = ""


class AuditModel(TableModel[AuditEntry]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((), parent)
        language = ui_language()
        self.set_columns(
            (
                Column(self.tr("时间"), lambda e: e.at.strftime("%Y-%m-%d %H:%M:%S"), sort=lambda e: e.at),
                Column(self.tr("角色"), lambda e: e.role_label(language)),
                Column(self.tr("操作"), lambda e: action_label(e.action, language)),
                Column(
                    self.tr("内容"),
                    lambda e: describe_detail(e, language),
                    tooltip=lambda e: describe_detail(e, language),
                ),
            )
        )


class AuditDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("操作日志"))
        today = today or date.today()
        self.use_from = QCheckBox(self.tr("从"))
        self.day_from = day_picker(today - timedelta(days=30))
        self.use_to = QCheckBox(self.tr("到"))
        self.day_to = day_picker(today)
        self.use_from.toggled.connect(self.day_from.setEnabled)
        self.use_to.toggled.connect(self.day_to.setEnabled)
        self.day_from.setEnabled(False)
        self.day_to.setEnabled(False)
        self.action = QComboBox()
        self.action.addItem(self.tr("全部操作"), None)
        self.role = QComboBox()
        self.role.addItem(self.tr("全部角色"), None)
        for role in Role:
            self.role.addItem(pick(ROLE_LABELS[role]), role.value)
        self.role.addItem(self.tr("（启用权限前）"), _NO_ROLE)
        self.text = QLineEdit(placeholderText=self.tr("内容包含…（文件名、设置项等）"))
        self.text.setClearButtonEnabled(True)
        self.text.returnPressed.connect(self.reload)
        self.search_button = QPushButton(self.tr("查询"))
        self.search_button.clicked.connect(self.reload)

        self.model = AuditModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.count_label = QLabel()
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.clicked.connect(self.export)
        close = QPushButton(self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)

        filters = QHBoxLayout()
        for widget in (self.use_from, self.day_from, self.use_to, self.day_to, self.action, self.role):
            filters.addWidget(widget)
        filters.addWidget(self.text, 1)
        filters.addWidget(self.search_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.resize(1040, 600)
        self._load_actions()
        self.reload()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            day_from=day_of(self.day_from) if self.use_from.isChecked() else None,
            day_to=day_of(self.day_to) if self.use_to.isChecked() else None,
            action=self.action.currentData(),
            role=self.role.currentData(),
            text=self.text.text(),
        )

    def _load_actions(self) -> None:
        db = self.db

        def show(actions: list[str]) -> None:
            language = ui_language()
            for action in actions:
                self.action.addItem(action_label(action, language), action)

        run_in_background(lambda: audit_actions(db), show, self._failed, owner=self)

    def reload(self) -> None:
        db, f = self.db, self.current_filter()
        self.search_button.setEnabled(False)
        run_in_background(lambda: list_audit(db, f), self._show, self._failed, owner=self)

    def _show(self, entries: list[AuditEntry]) -> None:
        self.search_button.setEnabled(True)
        self.model.set_rows(entries)
        if len(entries) >= SCREEN_LIMIT:
            self.count_label.setText(
                fill(self.tr("显示最新的 %1 条（导出包含全部符合条件的记录）"), f"{SCREEN_LIMIT:,}")
            )
        else:
            self.count_label.setText(fill(self.tr("共 %1 条"), f"{len(entries):,}"))

    def _failed(self, exc: Exception) -> None:
        self.search_button.setEnabled(True)
        self.count_label.setText(fill(self.tr("读取失败：%1"), error_text(exc)))

    def _ask_save_path(self, suggested: str) -> Path | None:
        """Where to write the export (replaced in tests: no native dialog there)."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出操作日志"),
            str(Path(folder or QDir.homePath()) / suggested),
            self.tr("Excel 工作簿 (*.xlsx)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

    def export(self) -> None:
        target = self._ask_save_path(fill(self.tr("操作日志_%1.xlsx"), date.today().strftime("%Y%m%d")))
        if target is None:
            return
        db, f, language = self.db, self.current_filter(), ui_language()
        self.export_button.setEnabled(False)

        def done(path: Path) -> None:
            self.export_button.setEnabled(True)
            self.count_label.setText(fill(self.tr("已导出到 %1"), str(path)))
            self.reload()  # the export is on record too

        def failed(exc: Exception) -> None:
            self.export_button.setEnabled(True)
            self._failed(exc)

        run_in_background(
            lambda: export_audit(db, target, f, language),
            done,
            failed,
            owner=self,
            busy=self.tr("正在导出操作日志…"),
        )
