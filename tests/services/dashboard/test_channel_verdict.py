"""渠道质量 names a best and a worst channel only when that means something (issue 12): not when nobody
has paid yet, not with fewer than two channels big enough to judge, not when they are equal."""

from __future__ import annotations

from clinic_desktop.core.analytics import ChannelRow
from clinic_desktop.services.dashboard import channel_verdict, per_patient_fen


def _row(source: str, patients: int, buyers: int, revenue_fen: int) -> ChannelRow:
    share = round(buyers / patients, 4) if patients else 0.0
    return ChannelRow(
        source, patients, buyers, 0, share, 0.0, None, revenue_fen // max(buyers, 1), revenue_fen
    )


def test_best_and_worst_by_revenue_per_patient() -> None:
    rows = [_row("美团", 40, 10, 400_000), _row("朋友介绍", 20, 15, 900_000), _row("抖音", 30, 3, 30_000)]
    verdict = channel_verdict(rows)
    assert verdict.best is rows[1] and verdict.worst is rows[2] and verdict.why is None
    assert per_patient_fen(rows[1]) == 45_000


def test_nobody_paid_names_no_channel() -> None:
    rows = [_row("美团", 123, 0, 0), _row("朋友介绍", 80, 0, 0), _row("抖音", 40, 0, 0)]
    verdict = channel_verdict(rows)
    assert (verdict.best, verdict.worst, verdict.why) == (None, None, "unpaid")


def test_too_few_or_equal() -> None:
    assert channel_verdict([_row("美团", 40, 10, 400_000)]).why == "few"
    assert channel_verdict([_row("美团", 40, 10, 400_000), _row("", 40, 0, 0)]).why == "few"
    equal = [_row("美团", 40, 10, 400_000), _row("抖音", 40, 10, 400_000)]
    assert channel_verdict(equal).why == "equal"
