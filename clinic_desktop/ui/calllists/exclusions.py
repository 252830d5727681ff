"""The panel beside a call list: who the contact policy kept off it and why (PRODUCT §5.2), and the
answer to the receptionist's question "为什么不在名单上？" for any patient.

Counts per rule come with the generated list; clicking a rule lists its patients in the counts' place
(the panel is a side column: at the window's default size on a 1,366×768 screen a table under the six
reasons showed one and a half patients; in their place, eight), and "‹ 全部原因" or Esc goes back. The
lookup searches patients by name, phone (or its last digits) or pinyin initials over the patient-list
snapshot, read once off the GUI thread, and asks the call-list service why the chosen patient is not on
the current list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.services.calllists import Excluded, why_not
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import PatientFilter, PatientList
from clinic_desktop.ui.access import shown_phone
from clinic_desktop.ui.calllists.list_state import ListContext
from clinic_desktop.ui.calllists.models import ExcludedModel, RuleCountsModel
from clinic_desktop.ui.widgets import error_text, fill, pick, run_in_background

_MATCHES = 20
#: a patient the lookup found: (id, name, phone or "")
Match = tuple[int, str, str]


def _table(model: QAbstractItemModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class ExclusionsPanel(QWidget):
    """Exclusion counts per rule, the patients of the clicked rule, and the why-not lookup."""

    def __init__(
        self, db: Database, context: Callable[[], ListContext | None], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.db = db
        self._context = context
        self._excluded: list[Excluded] = []
        self._patients: PatientList | None = None  # read on the first lookup, off the GUI thread
        self.rule_labels = {
            "do_not_contact": self.tr("勿扰"),
            "no_consent": self.tr("未同意营销"),
            "booked": self.tr("已预约"),
            "frequency_cap": self.tr("近期已联系"),
            "at_risk": self.tr("满意度预警"),
            "no_phone": self.tr("无可用电话"),
        }
        #: why, in a few words (the list column) and in a sentence (its tooltip)
        reasons = {
            "do_not_contact": (self.tr("要求勿扰"), self.tr("患者要求勿扰：不会出现在任何名单上")),
            "no_consent": (self.tr("未同意营销"), self.tr("营销类名单须患者同意接收营销")),
            "booked": (self.tr("有未来预约"), self.tr("已有未来预约：无需再推送")),
            "frequency_cap": (self.tr("近期已联系"), self.tr("近期已联系：在冷却期内或已达营销联系上限")),
            "at_risk": (self.tr("满意度预警"), self.tr("满意度预警：只出现在满意度回访名单")),
            "no_phone": (self.tr("无手机号"), self.tr("没有可用的手机号：请补充电话")),
        }
        self.counts = RuleCountsModel(self.rule_labels, self)
        self.excluded = ExcludedModel(reasons, self, phone=lambda p: shown_phone(db.access, p))
        self.counts_view = _table(self.counts, 0)
        rows = self.counts_view.verticalHeader().defaultSectionSize() * len(self.rule_labels)
        self.counts_view.setFixedHeight(rows + self.counts_view.horizontalHeader().sizeHint().height() + 4)
        self.counts_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts_view.clicked.connect(lambda index: self.show_rule(self.counts.rule_at(index.row())))
        self.counts_view.activated.connect(lambda index: self.show_rule(self.counts.rule_at(index.row())))
        self.total_label = QLabel()
        self.rule_caption = QLabel(self.tr("点击一条原因，查看被排除的患者"))
        self.rule_caption.setStyleSheet("color: #757575;")
        self.rule_caption.setWordWrap(True)
        self.excluded_view = _table(self.excluded, ExcludedModel.REASON)
        self.back_button = QPushButton(self.tr("‹ 全部原因"))
        self.back_button.setToolTip(self.tr("回到各条原因的人数（Esc）"))
        self.back_button.clicked.connect(self.show_counts)
        self.patients_caption = QLabel()
        self.patients_caption.setWordWrap(True)

        reasons_page = QWidget()
        reasons_box = QVBoxLayout(reasons_page)
        reasons_box.setContentsMargins(0, 0, 0, 0)
        reasons_box.addWidget(self.counts_view)
        reasons_box.addWidget(self.rule_caption)
        reasons_box.addStretch(1)
        patients_page = QWidget()
        patients_box = QVBoxLayout(patients_page)
        patients_box.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addWidget(self.patients_caption, 1)
        patients_box.addLayout(head)
        patients_box.addWidget(self.excluded_view, 1)
        #: the six reasons with their counts, or the patients of the one clicked, in the same place
        self.pages = QStackedWidget()
        self.pages.addWidget(reasons_page)
        self.pages.addWidget(patients_page)

        group = QGroupBox(self.tr("未列入名单的患者"))
        box = QVBoxLayout(group)
        box.addWidget(self.total_label)
        box.addWidget(self.pages, 1)

        self.search = QLineEdit(placeholderText=self.tr("姓名、电话或拼音首字母"))
        self.search.setClearButtonEnabled(True)
        self.search_button = QPushButton(self.tr("查询"))
        self.matches = QComboBox()
        self.matches.setVisible(False)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.search.returnPressed.connect(self.look_up)
        self.search_button.clicked.connect(self.look_up)
        self.matches.activated.connect(lambda i: self._explain(self.matches.itemData(i)))
        why = QGroupBox(self.tr("为什么不在名单上？"))
        why_box = QVBoxLayout(why)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.search_button)
        why_box.addLayout(row)
        why_box.addWidget(self.matches)
        why_box.addWidget(self.answer)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(group, 1)
        layout.addWidget(why)
        self.clear()

    # --- the exclusions -----------------------------------------------------------------------------------

    def clear(self, note: str | None = None) -> None:
        """No exclusions to show (no list yet, or a reopened list: those are not stored)."""
        self._excluded = []
        self.counts.set_counts({})
        self.excluded.set_rows([])
        self.pages.setCurrentIndex(0)
        self.total_label.setText(note or self.tr("生成名单后，这里显示被排除的患者及原因。"))
        self.total_label.setWordWrap(True)
        self.rule_caption.setVisible(False)
        self.answer.clear()

    def set_exclusions(self, counts: Mapping[str, int], excluded: Sequence[Excluded]) -> None:
        self._excluded = list(excluded)
        self.counts.set_counts(counts)
        self.excluded.set_rows([])
        self.pages.setCurrentIndex(0)
        total = self.counts.total()
        self.total_label.setText(fill(self.tr("共排除 %1 位"), f"{total:,}"))
        self.total_label.setToolTip(self.tr("符合名单条件但按联系规则排除的患者；每人只计入第一条原因。"))
        self.rule_caption.setVisible(True)
        self.answer.clear()

    def show_rule(self, rule: str) -> None:
        """List the patients ``rule`` excluded, in the counts' place."""
        rows = [e for e in self._excluded if e.rule == rule]
        self.excluded.set_rows(rows)
        self.patients_caption.setText(
            fill(self.tr("“%1”：%2 位"), self.rule_labels.get(rule, rule), f"{len(rows):,}")
        )
        row = list(self.rule_labels).index(rule) if rule in self.rule_labels else -1
        if row >= 0 and self.counts_view.currentIndex().row() != row:
            self.counts_view.selectRow(row)
        self.pages.setCurrentIndex(1)
        self.excluded_view.setFocus()

    def show_counts(self) -> None:
        """Back from a reason's patients to the counts of every reason."""
        self.pages.setCurrentIndex(0)
        self.counts_view.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.pages.currentIndex() == 1:
            self.show_counts()
            return
        super().keyPressEvent(event)

    # --- why not -------------------------------------------------------------------------------------------

    def forget_patients(self) -> None:
        """Patients changed (an import, a new patient): the next lookup reads them again."""
        self._patients = None

    def look_up(self) -> None:
        text = self.search.text().strip()
        self.matches.setVisible(False)
        if not text:
            self.answer.setText(self.tr("请输入姓名、电话或拼音首字母。"))
            return
        if self._context() is None:
            self.answer.setText(self.tr("请先生成或打开一份名单。"))
            return
        self.answer.setText(self.tr("正在查找…"))
        db, patients = self.db, self._patients
        run_in_background(
            lambda: _find(db, patients, text),
            self._found,
            self._failed,
            owner=self,
            busy=self.tr("正在查找患者…"),
        )

    def _found(self, found: tuple[PatientList, list[Match]]) -> None:
        self._patients, matches = found
        if not matches:
            self.answer.setText(self.tr("没有找到这位患者。"))
            return
        if len(matches) == 1:
            self._explain(matches[0])
            return
        self.matches.clear()
        for match in matches:
            self.matches.addItem(f"{match[1]}  {match[2]}".strip(), match)
        self.matches.setVisible(True)
        self.answer.setText(fill(self.tr("找到 %1 位患者，请在上方选择一位。"), len(matches)))

    def _explain(self, match: Match | None) -> None:
        """Ask why the matched patient ``(id, name, phone)`` is not on the list on screen."""
        context = self._context()
        if match is None or context is None:
            return
        db, (kind, as_of, params) = self.db, context
        run_in_background(
            lambda: why_not(db, kind, as_of, int(match[0]), params),
            lambda reason: self._explained(match, reason),
            self._failed,
            owner=self,
            busy=self.tr("正在计算…"),
        )

    def _explained(self, match: Match, reason: tuple[str, str]) -> None:
        who = f"{match[1]}（{match[2]}）" if match[2] else match[1]
        self.answer.setText(fill(self.tr("%1：%2"), who, pick(reason)))

    def _failed(self, exc: Exception) -> None:
        self.answer.setText(fill(self.tr("查询失败：%1"), error_text(exc)))


def _find(db: Database, patients: PatientList | None, text: str) -> tuple[PatientList, list[Match]]:
    """On the worker: the patients ``text`` finds (reading the patient list the first time)."""
    if patients is None:
        patients = PatientList(db)
        patients.load()
    result = patients.query(PatientFilter(text=text, include_archived=True), "name")
    found = [result.row(i) for i in range(min(result.count, _MATCHES))]
    return patients, [(row.id, row.name, shown_phone(db.access, row.phone)) for row in found]
