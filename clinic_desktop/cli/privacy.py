"""The ``erase`` command (PRODUCT §8): remove a patient and every record about them, for good.

Without ``--yes`` it only prints what would be removed (and changes nothing); with it, the erasure runs
in one transaction and the metrics are recomputed (the referrer's referral count changes). Exit 2 when no
patient has that phone.
"""

from __future__ import annotations

import argparse
from datetime import date

from clinic_desktop.cli.common import EXIT_OK, BadInput, act_as_owner, open_db, print_json

_TABLE_LABELS = {
    "patients": "患者", "visits": "消费", "surveys": "满意度", "interactions": "互动", "appointments": "预约",
    "contacts": "联系记录", "call_list_rows": "回访名单行", "patient_tags": "标签", "patient_metrics": "指标",
}  # fmt: skip


def _counts(removed: dict[str, int]) -> str:
    return "，".join(f"{_TABLE_LABELS.get(t, t)} {n:,}" for t, n in removed.items())


def cmd_reset_password(args: argparse.Namespace) -> int:
    """A forgotten owner password: set a new one (typed twice on the terminal); audited."""
    import getpass
    import sys

    from clinic_desktop.core.bilingual import BilingualError
    from clinic_desktop.services.roles import reset_password

    if not sys.stdin.isatty():
        raise BadInput("请在终端中运行此命令 / run this command in a terminal")
    db = open_db(args)
    try:
        first = getpass.getpass("新的店主密码 / new owner password: ")
        if getpass.getpass("再输入一次 / again: ") != first:
            raise BadInput("两次输入的密码不一致 / the two passwords differ")
        try:
            reset_password(db, first)
        except BilingualError as exc:
            raise BadInput(f"{exc.zh} / {exc.en}") from None
    finally:
        db.close()
    print("店主密码已重设；此操作已记入操作日志。")
    return EXIT_OK


def cmd_erase(args: argparse.Namespace) -> int:
    from clinic_desktop.core.access import AccessDenied
    from clinic_desktop.services.metrics import recompute
    from clinic_desktop.services.privacy import EraseError, erase_patient, find_by_phone, plan_erase

    db = open_db(args)
    try:
        act_as_owner(db)
        try:
            patient_id = find_by_phone(db, args.phone)
            plan = plan_erase(db, patient_id) if not args.yes else None
        except (EraseError, AccessDenied) as exc:
            raise BadInput(f"{exc.zh} / {exc.en}") from None
        if plan is not None:
            if args.json:
                print_json({"erased": False, **plan.to_json()})
                return EXIT_OK
            print(f"将删除患者 {plan.name}（{plan.phone}）的全部数据：{_counts(plan.removed)}")
            if plan.referrals_cut:
                print(f"并解除 {plan.referrals_cut} 位患者的介绍人关系")
            print(f"导入记录 {plan.import_traces} 条、其他记录中的姓名/电话 {plan.redactions} 处将被清除")
            print(
                "未删除任何数据。确认删除请加 --yes（不可撤销；此前的备份中仍保留该患者，直到备份轮换删除）"
            )
            return EXIT_OK
        summary = erase_patient(db, patient_id)
        recompute(db, date.today())
    finally:
        db.close()
    if args.json:
        print_json({"erased": True, **summary.plan.to_json()})
        return EXIT_OK
    print(f"已删除该患者的全部数据：{_counts(summary.plan.removed)}；操作已记入日志（不含个人信息）")
    return EXIT_OK
