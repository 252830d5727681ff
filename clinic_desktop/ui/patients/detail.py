"""Patient 360°: one patient's profile, tags, standing and history, and quick-add forms for what is next.

The header answers the receptionist's first questions — who is this, where are they on the decision path
and why, what are they worth and why — and the tabs hold the detail. Every database call runs through
:func:`clinic_desktop.ui.widgets.tasks.run_in_background`: a write first, then (for anything that can move the
stage or tier) a recompute of the stored metrics and a reload, so the header changes in front of the
receptionist (a second purchase day turns 下单用户 into 复购用户) and the patient list, told through
``patientChanged``, shows the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.access import Permission
from clinic_desktop.core.calllists import is_minor
from clinic_desktop.core.dates import age_on, birth_for_age
from clinic_desktop.core.money import format_yuan
from clinic_desktop.services import patients as records
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import FormOptions, PatientRecord, RecordError
from clinic_desktop.ui import widgets as labels
from clinic_desktop.ui.access import shown_phone
from clinic_desktop.ui.patients.archive_actions import archive_and_recompute, ask, confirm_text
from clinic_desktop.ui.patients.privacy_actions import PatientPrivacyActions
from clinic_desktop.ui.patients.profile_form import ProfileForm
from clinic_desktop.ui.patients.quick_add_forms import (
    AppointmentForm,
    ContactForm,
    InteractionForm,
    QuickAddForm,
    SurveyForm,
    VisitForm,
)
from clinic_desktop.ui.patients.record_models import (
    AppointmentsModel,
    ContactsModel,
    InteractionsModel,
    SurveysModel,
    VisitsModel,
)
from clinic_desktop.ui.patients.referral_tree_view import ReferralTreeView
from clinic_desktop.ui.patients.tags_panel import PatientTagsPanel
from clinic_desktop.ui.widgets import ERROR_STYLE, error_text, fill, resize_within_screen, run_in_background

_CHIP = (
    "QLabel {{ background: {bg}; color: white; border-radius: 4px; padding: 2px 8px; font-weight: bold; }}"
)
STAGE_COLORS = {
    "stranger": "#9e9e9e",
    "potential": "#78909c",
    "intent": "#0288d1",
    "customer": "#00897b",
    "repeat": "#2e7d32",
    "vip": "#c62828",
}
TIER_COLORS = {"A": "#c62828", "B": "#ef6c00", "C": "#5d4037", "D": "#757575", None: "#9e9e9e"}
SEGMENT_COLORS = {
    "expert_price": "#ef6c00",
    "expert_quality": "#1565c0",
    "novice_follower": "#2e7d32",
    "novice_price": "#f9a825",
    "unknown": "#9e9e9e",
}


class PatientDetailDialog(QDialog):
    #: the patient's data (and, after a recompute, their stored metrics) changed
    patientChanged = Signal(int)

    def __init__(
        self, db: Database, patient_id: int, parent: QWidget | None = None, *, as_of: date | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.patient_id = patient_id
        #: the day every rule is evaluated on and the forms default to (today, unless a test says otherwise)
        self.as_of = as_of or date.today()
        self.record: PatientRecord | None = None
        self._busy = False
        self._changed = False
        self._profile_saved = False
        self._tab_focus: dict[QWidget, QWidget] = {}
        self.setWindowTitle(self.tr("患者档案"))
        resize_within_screen(self, 1120, 680)

        self.tabs = QTabWidget()
        self.profile_form = ProfileForm()
        self.profile_form.saveRequested.connect(self._save_profile)
        self.tags_panel = PatientTagsPanel()
        self.tags_panel.addRequested.connect(self._add_tag)
        self.tags_panel.removeRequested.connect(self._remove_tags)
        self.visits_model = VisitsModel(self)
        self.interactions_model = InteractionsModel(self)
        self.appointments_model = AppointmentsModel(self)
        self.surveys_model = SurveysModel(self)
        self.contacts_model = ContactsModel(self)
        self.visit_form = VisitForm(self.as_of)
        self.interaction_form = InteractionForm(self.as_of)
        self.appointment_form = AppointmentForm(self.as_of)
        self.survey_form = SurveyForm(self.as_of)
        self.contact_form = ContactForm(self.as_of)
        self.referral_tree = ReferralTreeView()
        self.referral_tree.openPatientRequested.connect(self._open_other)

        self.tabs.addTab(self.profile_form, self.tr("资料"))
        self.tabs.addTab(self.tags_panel, self.tr("标签"))
        self._tab_focus.update(
            {self.profile_form: self.profile_form.name, self.tags_panel: self.tags_panel.name}
        )
        self.visits_view = self._history_tab(
            self.tr("消费"), self.visit_form, self.visits_model, records.add_visit
        )
        self.interactions_view = self._history_tab(
            self.tr("互动"), self.interaction_form, self.interactions_model, records.add_interaction
        )
        self.appointments_view = self._history_tab(
            self.tr("预约"), self.appointment_form, self.appointments_model, records.add_appointment
        )
        self.surveys_view = self._history_tab(
            self.tr("满意度"), self.survey_form, self.surveys_model, records.add_survey
        )
        self.contacts_view = self._history_tab(
            self.tr("联系记录"), self.contact_form, self.contacts_model, records.add_contact
        )
        self.tabs.addTab(self.referral_tree, self.tr("转介绍"))
        self.tabs.currentChanged.connect(self._focus_tab)
        for i in range(self.tabs.count()):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda i=i: self.tabs.setCurrentIndex(i))

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.archive_button = QPushButton(self.tr("归档(&A)…"))
        self.archive_button.setAutoDefault(False)
        self.archive_button.setToolTip(
            self.tr("患者离开、重复或无效的记录：移出列表、名单和统计，记录全部保留")
        )
        self.archive_button.clicked.connect(self.toggle_archived)
        self.privacy = PatientPrivacyActions(db, patient_id, self, as_of=self.as_of)
        self.privacy.erased.connect(self._erased)
        close = QPushButton(self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.privacy)
        bottom.addWidget(self.archive_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self._header())
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.profile_form.name.setFocus()  # the cursor starts where the first tab's typing starts
        self.reload()

    # --- building ------------------------------------------------------------------------------------

    def _header(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 4)
        self.name_label = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.name_label.setFont(font)
        self.identity_label = QLabel()
        self.identity_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contact_label = QLabel()
        self.stage_label = QLabel()
        self.stage_reason_label = QLabel()
        self.tier_label = QLabel()
        self.ers_label = QLabel()
        self.ers_label.setWordWrap(True)
        self.flags_label = QLabel()
        self.segment_label = QLabel()
        self.segment_reason_label = QLabel()
        self.segment_reason_label.setWordWrap(True)
        self.knowledge_label = QLabel()
        self.expert_button = QPushButton(self.tr("懂行 (F7)"))
        self.novice_button = QPushButton(self.tr("不太懂 (F8)"))
        self.expert_button.setToolTip(self.tr("记录认知：懂行（按 F7）；再按一次取消"))
        self.novice_button.setToolTip(self.tr("记录认知：不太懂（按 F8）；再按一次取消"))
        for button, value, key in (
            (self.expert_button, "expert", "F7"),
            (self.novice_button, "novice", "F8"),
        ):
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked, value=value: self.toggle_knowledge(value))
            QShortcut(QKeySequence(key), self, lambda value=value: self.toggle_knowledge(value))
        top = QHBoxLayout()
        top.addWidget(self.name_label)
        top.addSpacing(12)
        top.addWidget(self.identity_label, 1)
        top.addWidget(self.contact_label)
        grid.addLayout(top, 0, 0, 1, 3)
        grid.addWidget(QLabel(self.tr("生命周期")), 1, 0)
        grid.addWidget(self.stage_label, 1, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.stage_reason_label, 1, 2)
        grid.addWidget(QLabel(self.tr("ERS 价值")), 2, 0)
        grid.addWidget(self.tier_label, 2, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.ers_label, 2, 2)
        grid.addWidget(self.flags_label, 3, 2)
        grid.addWidget(QLabel(self.tr("分群")), 4, 0)
        grid.addWidget(self.segment_label, 4, 1, Qt.AlignmentFlag.AlignLeft)
        knowledge = QHBoxLayout()
        knowledge.addWidget(self.segment_reason_label, 1)
        knowledge.addWidget(self.knowledge_label)
        knowledge.addWidget(self.expert_button)
        knowledge.addWidget(self.novice_button)
        grid.addLayout(knowledge, 4, 2)
        grid.setColumnStretch(2, 1)
        return box

    def _history_tab(
        self, title: str, form: QuickAddForm, model: QAbstractTableModel, write: Callable[..., object]
    ) -> QTableView:
        """A quick-add form above the table of what was recorded so far (newest first)."""
        page = QWidget()
        box = QGroupBox(self.tr("快速添加（Enter 提交）"))
        QVBoxLayout(box).addWidget(form)
        view = QTableView()
        view.setModel(model)
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(page)
        layout.addWidget(box)
        layout.addWidget(view, 1)
        self.tabs.addTab(page, title)
        self._tab_focus[page] = form.first_field()
        form.submitted.connect(lambda payload: self._add(form, write, payload))
        return view

    # --- reading -------------------------------------------------------------------------------------

    def reload(self, *, recompute: bool = False) -> None:
        """Read the record (after recomputing the stored metrics, when a write may have moved them)."""
        db, pid, as_of = self.db, self.patient_id, self.as_of

        def work() -> tuple[PatientRecord, FormOptions]:
            load = records.recompute_and_load if recompute else records.load_record
            return load(db, pid, as_of), records.load_options(db)

        if recompute:
            self.status.setText(self.tr("已保存，正在重新计算阶段与 ERS…"))
        run_in_background(work, self._loaded, self._load_failed, owner=self)

    def _loaded(self, result: tuple[PatientRecord, FormOptions]) -> None:
        record, options = result
        self.record = record
        self._show(record, options)
        self._busy = False
        if self._changed:
            self._changed = False
            self.status.setText(self.tr("已保存"))
            self.patientChanged.emit(self.patient_id)

    def _load_failed(self, exc: Exception) -> None:
        self._busy = False
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(self.tr("读取患者档案失败：%1").replace("%1", error_text(exc)))
        if self._changed:  # the write itself went through: the list must still show it
            self._changed = False
            self.patientChanged.emit(self.patient_id)

    def _show(self, record: PatientRecord, options: FormOptions) -> None:
        p, st = record.profile, record.standing
        self.setWindowTitle(self.tr("患者档案 — %1").replace("%1", p.name))
        self.name_label.setText(p.name + (self._archived_text(p.archived_at) if p.archived else ""))
        self.archive_button.setText(self.tr("取消归档(&A)…") if p.archived else self.tr("归档(&A)…"))
        parts = [{"M": self.tr("男"), "F": self.tr("女")}.get(p.gender or "", "")]
        birth = birth_for_age(p.birth_date, p.birth_partial)  # a birth month or year gives the age too
        if birth is not None:
            parts.append(self.tr("%1 岁").replace("%1", str(age_on(birth, self.as_of))))
        parts.append(shown_phone(self.db.access, p.phone) or self.tr("无手机号"))
        if p.landline:
            parts.append(self.tr("座机 %1").replace("%1", shown_phone(self.db.access, p.landline)))
        if p.source:
            parts.append(self.tr("来源：%1").replace("%1", p.source))
        self.identity_label.setText(" · ".join(part for part in parts if part))
        self.contact_label.setText(self._contact_text(record))
        self.stage_label.setText(labels.label(labels.STAGES, st.stage.value))
        self.stage_label.setStyleSheet(_CHIP.format(bg=STAGE_COLORS.get(st.stage.value, "#607d8b")))
        activity = labels.label(labels.ACTIVITIES, st.activity.value)
        self.stage_reason_label.setText(f"{st.stage_reason} · {activity}")
        tier = st.ers.tier.value if st.ers.tier else None
        self.tier_label.setText(tier or self.tr("未分层"))
        self.tier_label.setStyleSheet(_CHIP.format(bg=TIER_COLORS[tier]))
        revenue = self.db.access.may(Permission.SEE_REVENUE)
        # the explanation names the spend ("近 24 个月消费 ¥12,500"): staff sees the scores only
        self.ers_label.setText(st.explanation if revenue else self._scores_text(st))
        flags = [labels.label(labels.FLAGS, f.value) for f in sorted(st.ers.flags)]
        strength = self.tr("转介绍 %1 位（已消费 %2 位，累计 %3）")
        strength = strength.replace("%1", str(st.referrals)).replace("%2", str(st.converted_referrals))
        strength = strength.replace("%3", format_yuan(st.referral_spend_fen))
        total = self.tr("累计消费 %1").replace("%1", format_yuan(st.spend_total_fen))
        if not revenue:
            strength = fill(self.tr("转介绍 %1 位（已消费 %2 位）"), st.referrals, st.converted_referrals)
        self.flags_label.setText(" · ".join([*([total] if revenue else []), strength, *flags]))
        self._show_segment(record)

        referrer_phone = record.referred_by.phone if record.referred_by else None
        self.profile_form.set_sources(options.sources)
        # Unsaved profile edits survive a reload caused by another tab's write, not one caused by saving them.
        keep = not self._profile_saved
        self._profile_saved = False
        self.profile_form.mask_phones(self.db.access.masks_phones)
        self.profile_form.set_profile(p, record.referred_by, referrer_phone, keep_edits=keep)
        self.tags_panel.set_options(options.tags)
        # a rule tag's reason may name money (高客单's ticket, 沉睡高价值's spend): staff sees the rule itself
        self.tags_panel.set_tags(record.tags, dict(st.rule_tags if revenue else st.rule_tag_rules))
        for form in (self.visit_form, self.appointment_form):
            form.treatment.set_treatments(options.treatments)
        self.visits_model.set_rows(record.visits)
        self.interactions_model.set_rows(record.interactions)
        self.appointments_model.set_rows(record.appointments)
        self.surveys_model.set_rows(record.surveys)
        self.contacts_model.set_rows(record.contacts)
        self.referral_tree.show_spend(revenue)
        self.referral_tree.set_tree(
            record.referred_by, record.referrals, st.converted_referrals, st.referral_spend_fen
        )

    def _archived_text(self, since: datetime | None) -> str:
        if since is None:
            return self.tr("（已归档）")
        return self.tr("（%1 归档）").replace("%1", since.strftime("%Y-%m-%d"))

    def _show_segment(self, record: PatientRecord) -> None:
        """PRODUCT §4.1: the segment with its reason; the recorded knowledge, or the app's suggestion."""
        st = record.standing
        segment = st.segment.value
        self.segment_label.setText(labels.label(labels.SEGMENTS, segment))
        self.segment_label.setStyleSheet(_CHIP.format(bg=SEGMENT_COLORS.get(segment, "#9e9e9e")))
        self.segment_reason_label.setText(st.segment_reason)
        self.expert_button.setChecked(st.knowledge == "expert")
        self.novice_button.setChecked(st.knowledge == "novice")
        if st.knowledge is None and st.knowledge_suggestion is not None:
            suggestion = labels.label(labels.KNOWLEDGE, st.knowledge_suggestion)
            self.knowledge_label.setText(
                self.tr("建议：%1（%2），请确认")
                .replace("%1", suggestion)
                .replace("%2", st.suggestion_reason)
            )
        else:
            self.knowledge_label.setText("")

    def toggle_knowledge(self, value: str) -> None:
        """Record 懂行 / 不太懂 (F7 / F8); the same key again clears it. The segment follows (recomputed)."""
        current = self.record.standing.knowledge if self.record is not None else None
        new = None if current == value else value
        db, pid = self.db, self.patient_id
        self._write(
            lambda: records.set_knowledge(db, [pid], new),
            lambda text, _field: self.status.setText(text),
            lambda: None,
            recompute=True,
        )

    def _contact_text(self, record: PatientRecord) -> str:
        p = record.profile
        if p.do_not_contact:
            since = p.do_not_contact_at.strftime("%Y-%m-%d") if p.do_not_contact_at else ""
            dnc = self.tr("勿扰（%1 起）").replace("%1", since) if since else self.tr("勿扰")
        else:
            dnc = self.tr("可联系")
        if p.marketing_consent:
            consent = self.tr("营销同意：是")
        else:
            consent = self.tr("营销同意：否")
        if p.marketing_consent_at:
            consent += self.tr("（%1 变更）").replace("%1", p.marketing_consent_at.isoformat())
        if is_minor(birth_for_age(p.birth_date, p.birth_partial), self.as_of):
            consent += " · " + (
                self.tr("监护人同意：是") if p.guardian_consent else self.tr("监护人同意：否")
            )
        return f"{dnc} · {consent}"

    def _scores_text(self, st: Any) -> str:
        ers = st.ers
        tier = ers.tier.value if ers.tier else self.tr("未分层")
        s = "–" if ers.s is None else str(ers.s)
        return f"{tier} · E{ers.e} · R{ers.r} · S{s}"

    def _erased(self, patient_id: int) -> None:
        """Gone for good: the list drops the row (and reloads the recomputed metrics), the record closes."""
        self.patientChanged.emit(patient_id)
        self.accept()

    # --- writing -------------------------------------------------------------------------------------

    def _write(
        self,
        work: Callable[[], object],
        on_refused: Callable[[str, str | None], None],
        on_saved: Callable[[], None],
        *,
        recompute: bool,
    ) -> None:
        """Run one write off the GUI thread; on success reload (recomputing first when asked)."""
        if self._busy:
            self.status.setText(self.tr("请稍候：上一项还在保存或计算中"))
            return
        self._busy = True
        self.status.setStyleSheet("")
        self.status.setText(self.tr("正在保存…"))

        def saved(_result: object) -> None:
            self._changed = True
            on_saved()
            self.reload(recompute=recompute)

        def refused(exc: Exception) -> None:
            self._busy = False
            self.status.clear()
            if isinstance(exc, RecordError):
                on_refused(error_text(exc), exc.field)
            else:
                on_refused(self.tr("保存失败：%1").replace("%1", error_text(exc)), None)

        run_in_background(work, saved, refused, owner=self)

    def _add(self, form: QuickAddForm, write: Callable[..., object], payload: dict[str, Any]) -> None:
        db, pid, today = self.db, self.patient_id, self.as_of
        self._write(
            lambda: write(db, pid, today=today, **payload), form.show_error, form.succeeded, recompute=True
        )

    def _save_profile(self, changes: dict[str, Any]) -> None:
        db, pid, today = self.db, self.patient_id, self.as_of
        form = self.profile_form

        def saved() -> None:
            self._profile_saved = True
            form.show_saved()

        self._write(
            lambda: records.update_profile(db, pid, changes, today=today),
            form.show_error,
            saved,
            recompute=True,
        )

    def _add_tag(self, name: str, category: str) -> None:
        db, pid = self.db, self.patient_id
        panel = self.tags_panel
        # Tags feed no rule of PRODUCT §3–§4, so nothing needs recomputing.
        self._write(
            lambda: records.tag_by_name(db, pid, name, category),
            lambda text, _field: panel.show_error(text),
            panel.succeeded,
            recompute=False,
        )

    def _remove_tags(self, tag_ids: list[int]) -> None:
        db, pid = self.db, self.patient_id
        panel = self.tags_panel
        self._write(
            lambda: records.remove_tags(db, pid, tag_ids),
            lambda text, _field: panel.show_error(text),
            panel.clear_error,
            recompute=False,
        )

    def _confirm(self, title: str, text: str) -> bool:
        """Ask before archiving (replaced in tests)."""
        return ask(self, title, text)

    def toggle_archived(self) -> None:
        """Archive the patient (or bring them back); the metrics are recomputed in the same task."""
        if self.record is None:
            return
        archived = not self.record.profile.archived
        title = self.tr("归档") if archived else self.tr("取消归档")
        if not self._confirm(title, confirm_text(archived, 1, self.record.profile.name)):
            return
        db, pid, today = self.db, self.patient_id, self.as_of

        def refused(text: str, _field: str | None) -> None:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(text)

        self._write(
            lambda: archive_and_recompute(db, [pid], archived, today), refused, lambda: None, recompute=False
        )

    # --- navigation ----------------------------------------------------------------------------------

    def _focus_tab(self, index: int) -> None:
        """Switching tabs (Ctrl+1…8) puts the cursor in that tab's first field, ready to type."""
        page = self.tabs.widget(index)
        target = self._tab_focus.get(page) if page is not None else None
        if target is not None:
            target.setFocus()

    def _open_other(self, patient_id: int) -> None:
        if patient_id == self.patient_id:
            return
        other = PatientDetailDialog(self.db, patient_id, self, as_of=self.as_of)
        other.patientChanged.connect(self.patientChanged)
        other.patientChanged.connect(lambda _pid: self.reload())
        other.exec()
        other.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter never closes the dialog: forms catch it to submit; anywhere else it does nothing."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)
