"""The referral tab of the patient 360° view: who referred this patient, and whom they referred.

This is the tree behind the R score (PRODUCT §4): converted referrals count, and their spend is the
referral strength shown beside R. A few dozen nodes at most, so a ``QTreeWidget`` is the right tool.
Double-clicking a person asks the host to open that patient.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from clinic_desktop.core.money import format_yuan
from clinic_desktop.services.patients import PatientRef, ReferralNode

PATIENT_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ReferralTreeView(QTreeWidget):
    openPatientRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("患者"), self.tr("已消费"), self.tr("累计消费")])
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # the two value columns as wide as their header or value (a few dozen rows: cheap to measure),
        # the names the rest: at 120 px each they left the dashboard's narrow panel two characters a name
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setUniformRowHeights(True)
        self.itemActivated.connect(self._activated)

    def set_tree(
        self,
        referred_by: PatientRef | None,
        referrals: tuple[ReferralNode, ...],
        converted: int,
        strength_fen: int,
    ) -> None:
        self.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        top = QTreeWidgetItem([self.tr("介绍人")])
        top.setFont(0, bold)
        if referred_by is None:
            top.addChild(QTreeWidgetItem([self.tr("无（非转介绍来源）")]))
        else:
            person = QTreeWidgetItem([referred_by.name])
            person.setData(0, PATIENT_ID_ROLE, referred_by.id)
            top.addChild(person)
        mine = QTreeWidgetItem(
            [
                self.tr("TA 介绍的患者：%1 位，已消费 %2 位")
                .replace("%1", str(len(referrals)))
                .replace("%2", str(converted)),
                "",
                format_yuan(strength_fen) if referrals else "",
            ]
        )
        mine.setFont(0, bold)
        for node in referrals:
            mine.addChild(self._node(node))
        if not referrals:
            mine.addChild(QTreeWidgetItem([self.tr("暂无")]))
        mine.setTextAlignment(2, _RIGHT)
        self.addTopLevelItems([top, mine])
        self.expandAll()

    def show_spend(self, shown: bool) -> None:
        """The spend column is revenue: hidden while staff acts."""
        self.setColumnHidden(2, not shown)

    def _node(self, node: ReferralNode) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [node.name, self.tr("是") if node.converted else self.tr("否"), format_yuan(node.spend_fen)]
        )
        item.setData(0, PATIENT_ID_ROLE, node.patient_id)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
        item.setTextAlignment(2, _RIGHT)
        for child in node.children:
            item.addChild(self._node(child))
        return item

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        patient_id = item.data(0, PATIENT_ID_ROLE)
        if patient_id is not None:
            self.openPatientRequested.emit(int(patient_id))
