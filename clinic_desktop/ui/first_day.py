"""The first-day guide: three steps beside the pages on an empty database, and the clinic's name, once.

(1) import the patient list — the button opens the import wizard itself — or try the demo, which opens
the separate sandbox database (never the clinic's); (2) see the tiers and the funnel; (3) print today's
first call list. Each step is ticked when it is done (patients in the database; the dashboard seen; a
list exported), so the guide also carries on in the demo database. It stays until closed (or all three
are done and it is closed); 帮助 → 入门指南 brings it back.

The clinic's name appears in every call-list script and printed title, so the guide asks for it while
it still is the default ("我的诊所") — once: it is not asked again after the guide is closed (设置 has it).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.settings import Settings
from clinic_desktop.services.clinic_settings import load_settings, save_settings
from clinic_desktop.services.database import Database
from clinic_desktop.ui.widgets import error_text, fill, run_in_background

STATE_KEY = "first_day/state"
STEP_KEYS = {2: "first_day/dashboard_seen", 3: "first_day/list_exported"}
STARTED, DONE = "started", "done"
_DEFAULT_NAME = Settings().clinic_name


def guide_wanted(qsettings: QSettings) -> bool:
    """Not closed for good yet."""
    return str(qsettings.value(STATE_KEY, "")) != DONE


def guide_started(qsettings: QSettings) -> bool:
    """Shown before and not closed: it carries on (e.g. in the demo database, or after an import)."""
    return str(qsettings.value(STATE_KEY, "")) == STARTED


def _step_done(qsettings: QSettings, step: int) -> bool:
    return bool(qsettings.value(STEP_KEYS[step], False, type=bool))


def mark_step(qsettings: QSettings, step: int) -> None:
    qsettings.setValue(STEP_KEYS[step], True)


class FirstDayGuide(QFrame):
    importRequested = Signal()
    demoRequested = Signal()
    homeRequested = Signal()
    dashboardRequested = Signal()
    callListRequested = Signal()
    # the clinic's name was saved (the settings page shows it again)
    clinicNamed = Signal(str)
    closed = Signal()

    # the guide's width: it sits in the navigation column, below the pages' names (no height taken)
    WIDTH = 188

    def __init__(
        self, db: Database, qsettings: QSettings, *, sandbox: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setFixedWidth(self.WIDTH)
        self.db, self.qsettings, self.sandbox = db, qsettings, sandbox
        self.patients = 0
        self.setObjectName("firstDayGuide")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#firstDayGuide { background: #fffbe6; border: 1px solid #f0d98c; }")
        qsettings.setValue(STATE_KEY, STARTED)

        title = QLabel(self.tr("第一天 · 三步上手"))
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        title.setWordWrap(True)
        self.name_label = QLabel(self.tr("诊所名称"))
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(64)
        self.name_edit.setPlaceholderText(self.tr("例如：阳光口腔"))
        self.name_edit.setToolTip(self.tr("诊所名称会出现在每条回访话术和打印的名单标题里"))
        self.name_edit.returnPressed.connect(self.save_name)
        self.name_button = QPushButton(self.tr("保存"))
        self.name_button.clicked.connect(self.save_name)
        self.name_note = QLabel()
        self.name_note.setWordWrap(True)
        self.name_note.setStyleSheet("color: #5d4037;")
        self.name_note.hide()
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("关闭指南（以后可在 帮助 → 入门指南 再次打开）"))
        self.close_button.clicked.connect(self.close_guide)
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._show_name_prompt(False)

        self.step_labels: dict[int, QLabel] = {}
        self.import_button = QPushButton(self.tr("导入患者名单…"))
        self.import_button.clicked.connect(self.importRequested)
        if sandbox:
            self.demo_button = QPushButton(self.tr("返回诊所数据库"))
            self.demo_button.clicked.connect(self.homeRequested)
        else:
            self.demo_button = QPushButton(self.tr("先看演示数据"))
            self.demo_button.setToolTip(
                self.tr("演示数据放在单独的演示数据库里，不会写入诊所的数据库；随时一键返回")
            )
            self.demo_button.clicked.connect(self.demoRequested)
        self.dashboard_button = QPushButton(self.tr("查看分层和漏斗"))
        self.dashboard_button.clicked.connect(self.dashboardRequested)
        self.call_list_button = QPushButton(self.tr("生成今天的回访名单"))
        self.call_list_button.setToolTip(self.tr("生成后点“导出 Excel…”，打印出来照着打电话"))
        self.call_list_button.clicked.connect(self.callListRequested)
        texts = {
            1: self.tr("① 导入患者名单") if not sandbox else self.tr("① 正在看演示数据（独立数据库）"),
            2: self.tr("② 看看价值分层和漏斗"),
            3: self.tr("③ 打印今天的第一份回访名单"),
        }
        buttons = {
            1: (self.import_button, self.demo_button),
            2: (self.dashboard_button,),
            3: (self.call_list_button,),
        }
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)
        layout.addLayout(head)
        for widget in (self.name_label, self.name_edit, self.name_button, self.name_note):
            layout.addWidget(widget)
        for step in (1, 2, 3):
            label = QLabel(texts[step])
            label.setWordWrap(True)
            self.step_labels[step] = label
            layout.addSpacing(6)
            layout.addWidget(label)
            for button in buttons[step]:
                layout.addWidget(button)
        self._texts = texts
        self.refresh()
        run_in_background(lambda: load_settings(db).clinic_name, self._show_name, lambda _e: None, owner=self)

    # -- the clinic's name ---------------------------------------------------------------------------
    def _show_name_prompt(self, ask: bool) -> None:
        for widget in (self.name_label, self.name_edit, self.name_button):
            widget.setVisible(ask)

    def _show_name(self, name: str) -> None:
        ask = name == _DEFAULT_NAME
        self._show_name_prompt(ask)
        self.name_note.setText("" if ask else fill(self.tr("诊所：%1"), name))
        self.name_note.setVisible(bool(self.name_note.text()))

    def save_name(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self.name_note.setText(self.tr("请填写诊所名称"))
            self.name_note.show()
            return
        db = self.db

        def work() -> str:
            save_settings(db, replace(load_settings(db), clinic_name=name))
            return name

        def saved(stored: str) -> None:
            self._show_name(stored)
            self.clinicNamed.emit(stored)

        run_in_background(work, saved, lambda exc: self.name_note.setText(error_text(exc)), owner=self)

    # -- the steps ------------------------------------------------------------------------------------
    def done(self, step: int) -> bool:
        if step == 1:
            return self.patients > 0
        return _step_done(self.qsettings, step)

    def set_patients(self, patients: int) -> None:
        self.patients = patients
        self.refresh()

    def mark(self, step: int) -> None:
        mark_step(self.qsettings, step)
        self.refresh()

    def refresh(self) -> None:
        for step, label in self.step_labels.items():
            text = self._texts[step]
            label.setText(f"✓ {text}" if self.done(step) else text)
            label.setStyleSheet("color: #2e7d32;" if self.done(step) else "")
        has_data = self.patients > 0
        self.dashboard_button.setEnabled(has_data)
        self.call_list_button.setEnabled(has_data)

    def close_guide(self) -> None:
        self.qsettings.setValue(STATE_KEY, DONE)
        self.closed.emit()


def in_scroll_area(guide: FirstDayGuide, parent: QWidget) -> QScrollArea:
    """The guide in a scroll area of its own width, to go below the navigation: on a short screen (or in
    English, whose steps wrap to two lines) the guide scrolls and every page's name above it stays in
    sight. The column keeps the guide's width (the window's minimum width is the pages' plus this
    column): the guide gives up the scroll bar's width to it."""
    scroller = QScrollArea(parent)
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroller.setWidget(guide)
    scroller.setWidgetResizable(True)
    guide.setFixedWidth(guide.WIDTH - scroller.verticalScrollBar().sizeHint().width())
    scroller.setFixedWidth(guide.WIDTH)
    return scroller
