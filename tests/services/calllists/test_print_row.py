"""The printed row says what the app says: 未分层 for a patient without a tier, not a bare composite."""

from __future__ import annotations

from datetime import date

from clinic_desktop.services.calllists import CallRow
from clinic_desktop.services.calllists.export import print_row


def _row(tier: str | None, composite: str | None) -> CallRow:
    return CallRow(
        patient_id=1, name="张三", phone="13800000001", gender="F", age=30, stage="customer", tier=tier,
        composite=composite, last_visit=date(2026, 5, 1), reason="r", script="s", last_contact=None,
        row_key="k",
    )  # fmt: skip


def test_ers_column() -> None:
    assert print_row(_row("B", "3.60")).ers == "B 3.60"
    assert print_row(_row(None, "0.60")).ers == "未分层"
    assert print_row(_row(None, None)).ers == "–"
    assert print_row(_row("A", "4.40")).stage == "下单用户"


def test_stage_column_prints_each_stage_label_and_an_unknown_key_as_it_is() -> None:

    from clinic_desktop.core.lifecycle import STAGE_LABELS_ZH

    for stage, label in STAGE_LABELS_ZH.items():
        assert print_row(_row("B", "3.60")._replace(stage=stage.value)).stage == label
    assert print_row(_row("B", "3.60")._replace(stage="retired")).stage == "retired"
