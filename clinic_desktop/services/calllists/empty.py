"""Why a call list came out empty, in words the receptionist can act on (issue 12).

A freshly imported clinic saw "沉睡唤醒 0 rows, 0 exclusions" and nothing else. An empty list has one of
three causes, checked in this order:

1. **Nobody has bought yet** (no patient with a purchase): the paying-patient lists cannot have anyone.
2. **Nobody fits the list** (no one lapsed, no birthday in the window, no recall due …): said per kind,
   with the window or threshold it used — and for recall and birthday lists, what cannot count
   (summaries without visit lines have no recall; a birth month or year is no birthday).
3. **Everyone who fits was excluded** by the contact policy: the counts per rule; and when the rule is
   marketing consent and *no* patient has consent yet, how to record it in bulk.
"""

from __future__ import annotations

from clinic_desktop.core.calllists import KIND_LABELS, RULE_LABELS, RULES, is_marketing
from clinic_desktop.core.settings import Settings

__all__ = ["CONSENT_HOW_EN", "CONSENT_HOW_ZH", "empty_reason"]

#: where a clinic records marketing consent for many patients at once
CONSENT_HOW_ZH = (
    "在“患者”页选中患者（可先筛选），点“营销同意/勿扰”→“记录营销同意”；或导入带“营销同意”列（是/否）的表格"
)
CONSENT_HOW_EN = (
    "select patients on the Patients page (filter first if you like) and choose Consent / Do not contact → "
    "Record marketing consent; or import a sheet with a 营销同意 (yes/no) column"
)
#: lists only paying patients can be on
_PAYING_KINDS = frozenset({"recall", "reactivation", "referral", "crosssell", "share"})


def _nobody_fits(kind: str, s: Settings) -> tuple[str, str]:
    label_zh, label_en = KIND_LABELS.get(kind, (kind, kind))
    if kind == "recall":
        return (
            f"没有患者的复诊在窗口内到期（超期不超过 {s.recall_overdue_days} 天，"
            f"或 {s.recall_ahead_days} 天内到期）。复诊按带复诊间隔的项目的消费记录计算；"
            "只导入了累计消费、没有消费明细的患者不会出现在复诊名单上。",
            f"No recall falls due in the window (overdue ≤ {s.recall_overdue_days} days up to due within "
            f"{s.recall_ahead_days} days). Recalls come from visits of treatments with a recall interval; "
            "patients imported with only a spend total have none.",
        )
    if kind == "reactivation":
        return (
            f"没有沉睡患者：没有付费患者已超过 {s.lapsed_months} 个月未消费。",
            f"No lapsed patients: no paying patient has gone {s.lapsed_months} months without a purchase.",
        )
    if kind == "birthday":
        return (
            f"未来 {s.birthday_window_days} 天内没有患者过生日。"
            "只登记了出生年月或出生年份的患者没有生日，不在生日名单上。",
            f"No birthday in the next {s.birthday_window_days} days. Patients with only a birth month or "
            "year have no birthday on file and are never on this list.",
        )
    return (f"没有符合“{label_zh}”条件的患者。", f"No patient fits the “{label_en}” list.")


def empty_reason(
    kind: str, s: Settings, candidates: int, counts: dict[str, int], paying: int, consenting: int
) -> tuple[str, str]:
    """(zh, en) for a list without rows; ``candidates`` fitted the kind, ``counts`` are the exclusions per
    rule, ``paying``/``consenting`` how many non-archived patients have bought / are open to marketing."""
    if candidates == 0 and kind in _PAYING_KINDS and paying == 0:
        return (
            "还没有付费患者：没有一位患者有消费记录或累计消费，所以这份名单是空的。导入消费记录或累计消费后再试。",
            "No paying patients yet: no patient has a visit or an imported spend, so this list is empty. "
            "Import visits or spend totals, then try again.",
        )
    if candidates == 0:
        return _nobody_fits(kind, s)
    if is_marketing(kind) and consenting == 0 and counts.get("no_consent", 0) > 0:
        return (
            "还没有任何患者记录营销同意，营销类名单不能联系任何人"
            f"（{counts['no_consent']} 位符合条件的患者因此被排除）。批量记录营销同意：{CONSENT_HOW_ZH}。",
            "No patient has marketing consent yet, so a marketing list can reach nobody "
            f"({counts['no_consent']} patients who fit were left out for it). "
            f"Record it in bulk: {CONSENT_HOW_EN}.",
        )
    zh = "、".join(f"{RULE_LABELS[r][0]} {counts[r]} 位" for r in RULES if counts.get(r))
    en = ", ".join(f"{RULE_LABELS[r][1]}: {counts[r]}" for r in RULES if counts.get(r))
    return (
        f"{candidates} 位符合条件的患者都被联系规则排除了（{zh}）。",
        f"All {candidates} patients who fit were left out by the contact policy ({en}).",
    )
