"""Merge duplicates (PRODUCT §7): the proposed groups on the left, the selected group side by side on the
right (one column per patient, differing values highlighted), a choice of whom to keep, and 合并.

Both the search and the merge run through :func:`run_in_background` (the search reads the whole clinic;
the merge is followed by a metrics recompute). The confirmation says exactly what will happen — how
many patients and records move to whom, and that the merge is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.core.access import Permission
from clinic_desktop.core.money import format_yuan
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute_after_commit, stored_as_of
from clinic_desktop.services.patients import (
    DuplicateGroup,
    MergeSummary,
    PatientSummary,
    dismiss_group,
    find_duplicates,
    merge_patients,
)
from clinic_desktop.ui.access import shown_phone
from clinic_desktop.ui.widgets import error_text, fill, resize_within_screen, run_in_background

#: background of a row whose values differ between the patients
DIFFERENT = QColor("#fff3c4")


class DuplicatesDialog(QDialog):
    """Find likely duplicate patients and merge a group into the patient the receptionist keeps."""

    #: ids of every patient the merge touched: the kept one first, then the merged (deleted) ones
    merged = Signal(list)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.groups: list[DuplicateGroup] = []
        self.last_summary: MergeSummary | None = None
        self.setWindowTitle(self.tr("合并重复患者"))
        resize_within_screen(self, 980, 560)

        self.group_list = QListWidget()
        self.group_list.setMinimumWidth(200)
        self.group_list.setMaximumWidth(320)
        self.group_list.currentRowChanged.connect(self._show_group)
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.keep_row = QHBoxLayout()
        self.keep_buttons = QButtonGroup(self)
        self.keep_buttons.idToggled.connect(self._keep_changed)
        # with three or more records, the receptionist may leave one out (two people chained by a third)
        self.include_row = QHBoxLayout()
        self.include_checks: dict[int, QCheckBox] = {}
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.merge_button = QPushButton(self.tr("合并"))
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge_selected)
        self.dismiss_button = QPushButton(self.tr("不是重复"))
        self.dismiss_button.setToolTip(self.tr("这些患者是不同的人：以后不再提示这一组"))
        self.dismiss_button.setEnabled(False)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.hint = QLabel(
            self.tr(
                "黄色底色的行表示各条记录的值不同。合并后，保留患者的空白信息会用其他记录补全；"
                "任何一条记录要求勿扰，合并后的患者也勿扰。"
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666;")

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.reason_label)
        keep_box = QHBoxLayout()
        keep_box.addWidget(QLabel(self.tr("保留：")))
        keep_box.addLayout(self.keep_row)
        keep_box.addStretch(1)
        right_layout.addLayout(keep_box)
        self.include_box = QWidget()
        include_layout = QHBoxLayout(self.include_box)
        include_layout.setContentsMargins(0, 0, 0, 0)
        include_layout.addWidget(QLabel(self.tr("一并合并：")))
        include_layout.addLayout(self.include_row)
        include_layout.addStretch(1)
        self.include_box.hide()
        right_layout.addWidget(self.include_box)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.hint)
        self.count_label = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.group_list, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)

        self.empty_label = QLabel(self.tr("未发现疑似重复的患者"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #666; font-size: 16px;")
        self.loading_label = QLabel(self.tr("正在查找疑似重复的患者…"))
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.loading_label)
        self.stack.addWidget(self.empty_label)
        self.split_page = split
        self.stack.addWidget(split)

        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.dismiss_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
        self.refresh()

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Search again (after a merge, or when opened)."""
        self.stack.setCurrentWidget(self.loading_label)
        self.merge_button.setEnabled(False)
        self.dismiss_button.setEnabled(False)
        db = self.db
        run_in_background(
            lambda: find_duplicates(db),
            self._groups_found,
            self._failed,
            busy=self.tr("正在查找疑似重复的患者…"),
            owner=self,
        )

    def _groups_found(self, groups: list[DuplicateGroup]) -> None:
        self.groups = groups
        self.group_list.clear()
        for group in groups:
            names = "、".join(dict.fromkeys(member.name for member in group.members))
            item = QListWidgetItem(fill(self.tr("%1（%2 位）"), names, len(group.members)))
            item.setData(Qt.ItemDataRole.UserRole, group.patient_ids)
            item.setToolTip(self._reason_text(group))
            self.group_list.addItem(item)
        self.count_label.setText(fill(self.tr("疑似重复：%1 组"), len(groups)))
        if not groups:
            self.stack.setCurrentWidget(self.empty_label)
            return
        self.stack.setCurrentWidget(self.split_page)
        self.group_list.setCurrentRow(0)

    def _failed(self, exc: Exception) -> None:
        self.stack.setCurrentWidget(self.split_page if self.groups else self.empty_label)
        self.merge_button.setEnabled(self.current_group() is not None)
        self.dismiss_button.setEnabled(self.current_group() is not None)
        self.status.setText(error_text(exc))

    def _reason_text(self, group: DuplicateGroup) -> str:
        labels = {
            "same_phone": self.tr("手机号相同"),
            "phone_is_wechat": self.tr("一位的手机号是另一位的微信号"),
            "same_wechat": self.tr("微信号相同"),
            "name_birth": self.tr("姓名和出生日期相同"),
            "name_phone_typo": self.tr("姓名相同，手机号只差一位"),
            "name_phone_tail": self.tr("姓名相同，手机号后 8 位相同"),
            "name_no_phone": self.tr("姓名相同，其中一位没有手机号"),
        }
        return self.tr("；").join(labels.get(key, key) for key in group.reasons)

    # -- the selected group --------------------------------------------------------------------
    def current_group(self) -> DuplicateGroup | None:
        row = self.group_list.currentRow()
        return self.groups[row] if 0 <= row < len(self.groups) else None

    def _fields(self) -> list[tuple[str, Callable[[PatientSummary], str]]]:
        def day(value: date | None) -> str:
            return value.isoformat() if value else ""

        genders = {"M": self.tr("男"), "F": self.tr("女")}
        access = self.db.access
        revenue = access.may(Permission.SEE_REVENUE)
        return [
            (self.tr("编号"), lambda p: str(p.id)),
            (self.tr("姓名"), lambda p: p.name),
            (self.tr("手机"), lambda p: shown_phone(access, p.phone)),
            (self.tr("性别"), lambda p: genders.get(p.gender or "", "")),
            (self.tr("出生日期"), lambda p: day(p.birth_date)),
            (self.tr("微信"), lambda p: p.wechat or ""),
            (self.tr("来源渠道"), lambda p: p.source or ""),
            (self.tr("首次接触"), lambda p: day(p.first_contact_date)),
            (self.tr("到店次数"), lambda p: str(p.visits)),
            (self.tr("累计消费"), lambda p: format_yuan(p.spend_fen) if revenue else "—"),
            (self.tr("最近到店"), lambda p: day(p.last_visit)),
            (self.tr("标签"), lambda p: "、".join(p.tags)),
            (self.tr("记录条数"), lambda p: str(p.records)),
        ]

    def _show_group(self, row: int) -> None:
        group = self.current_group()
        for button in self.keep_buttons.buttons():
            self.keep_buttons.removeButton(button)
        self.include_checks = {}
        for layout in (self.keep_row, self.include_row):
            while layout.count():
                taken = layout.takeAt(0)
                widget = taken.widget() if taken is not None else None
                if widget is not None:
                    widget.hide()  # deleteLater waits for the event loop; until then it must not show
                    widget.deleteLater()
        self.table.clear()
        if group is None:
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.merge_button.setEnabled(False)
            self.dismiss_button.setEnabled(False)
            return
        self.reason_label.setText(fill(self.tr("疑似重复的原因：%1"), self._reason_text(group)))
        members = group.members
        keep = self._suggested_keep(group)
        for member in members:
            radio = QRadioButton(fill(self.tr("%1（编号 %2）"), member.name, member.id))
            radio.setProperty("patient_id", member.id)
            radio.setChecked(member.id == keep)
            self.keep_buttons.addButton(radio, member.id)
            self.keep_row.addWidget(radio)
            radio.show()  # at once, not on the next event-loop pass (the layout's default)
            check = QCheckBox(fill(self.tr("%1（编号 %2）"), member.name, member.id))
            check.setChecked(True)
            check.setEnabled(member.id != keep)
            self.include_checks[member.id] = check
            self.include_row.addWidget(check)
            check.show()
        self.include_box.setVisible(len(members) > 2)
        fields = self._fields()
        self.table.setColumnCount(len(members))
        self.table.setRowCount(len(fields))
        self.table.setHorizontalHeaderLabels(
            [fill(self.tr("%1（编号 %2）"), member.name, member.id) for member in members]
        )
        self.table.setVerticalHeaderLabels([label for label, _ in fields])
        for r, (_label, value_of) in enumerate(fields):
            values = [value_of(member) for member in members]
            differs = r > 0 and len(set(values)) > 1
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if differs:
                    item.setBackground(QBrush(DIFFERENT))
                self.table.setItem(r, c, item)
        self.merge_button.setEnabled(True)
        self.dismiss_button.setEnabled(True)

    @staticmethod
    def _suggested_keep(group: DuplicateGroup) -> int:
        """The record with a phone and the most history: the one the clinic has been using."""
        best = max(group.members, key=lambda p: (p.phone is not None, p.records + p.visits, -p.id))
        return best.id

    def _keep_changed(self, patient_id: int, checked: bool) -> None:
        """The kept patient is always part of the merge; the one kept before becomes optional again."""
        check = self.include_checks.get(patient_id)
        if check is not None:
            check.setEnabled(not checked)
            if checked:
                check.setChecked(True)

    def merge_ids(self) -> list[int]:
        """The patients that would be merged into the kept one."""
        keep = self.keep_id()
        return [pid for pid, check in self.include_checks.items() if pid != keep and check.isChecked()]

    def keep_id(self) -> int | None:
        checked = self.keep_buttons.checkedId()
        return checked if checked != -1 else None

    def choose_keep(self, patient_id: int) -> None:
        button = self.keep_buttons.button(patient_id)
        if button is not None:
            button.setChecked(True)

    def dismiss_selected(self) -> None:
        """Mark the selected group as different people; it disappears now and from later searches."""
        group = self.current_group()
        if group is None:
            return
        row = self.group_list.currentRow()
        ids = list(group.patient_ids)

        def done(_result: object) -> None:
            self._remove_group(row)
            self.status.setText(self.tr("已标记为不是重复，以后不再提示这一组。"))

        db = self.db
        run_in_background(lambda: dismiss_group(db, ids), done, self._failed, owner=self)

    def _remove_group(self, row: int) -> None:
        del self.groups[row]
        self.group_list.takeItem(row)
        self.count_label.setText(fill(self.tr("疑似重复：%1 组"), len(self.groups)))
        if not self.groups:
            self.stack.setCurrentWidget(self.empty_label)
        else:
            self.group_list.setCurrentRow(min(row, len(self.groups) - 1))
            self._show_group(self.group_list.currentRow())

    # -- merging -------------------------------------------------------------------------------
    def confirm(self, text: str) -> bool:
        """Ask before merging (a test replaces this)."""
        answer = QMessageBox.question(
            self,
            self.tr("确认合并"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def merge_selected(self) -> None:
        group = self.current_group()
        keep = self.keep_id()
        if group is None or keep is None:
            return
        kept = next(member for member in group.members if member.id == keep)
        chosen = set(self.merge_ids())
        others = [member for member in group.members if member.id in chosen]
        if not others:
            self.status.setText(self.tr("请至少勾选一位要并入的患者。"))
            return
        records = sum(member.records for member in others)
        text = fill(
            self.tr(
                "将把 %1 位患者的 %2 条记录合并到 %3 名下，此操作会记入操作日志。\n\n"
                "合并后这 %1 位患者的档案将被删除，无法撤销。确定合并吗？"
            ),
            len(others),
            records,
            kept.name,
        )
        if not self.confirm(text):
            return
        other_ids = [member.id for member in others]
        self.merge_button.setEnabled(False)
        self.status.setText(self.tr("正在合并…"))
        db = self.db
        run_in_background(
            lambda: _merge_and_recompute(db, keep, other_ids),
            self._merged,
            self._failed,
            busy=self.tr("正在合并患者并更新指标…"),
            owner=self,
        )

    def _merged(self, summary: MergeSummary) -> None:
        self.last_summary = summary
        self.status.setText(
            fill(
                self.tr("已合并：%1 位患者的 %2 条记录已并入编号 %3。"),
                len(summary.merged_ids),
                summary.records,
                summary.kept_id,
            )
        )
        self.merged.emit([summary.kept_id, *summary.merged_ids])
        self.refresh()


def _merge_and_recompute(db: Database, keep: int, other_ids: list[int]) -> MergeSummary:
    """On the worker: the merge, then the stored metrics (the kept patient's stage and tier change)."""
    summary = merge_patients(db, keep, other_ids)
    as_of = stored_as_of(db)
    if as_of is not None:  # the merge has committed: a busy recompute must not report it as failed
        recompute_after_commit(db, as_of)
    return summary
