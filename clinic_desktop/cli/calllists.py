"""The ``calllist`` and ``outcomes`` commands (PRODUCT §8): a printed call list out, its outcomes back in."""

from __future__ import annotations

import argparse
from pathlib import Path

from clinic_desktop.cli.common import EXIT_OK, BadInput, as_of_date, open_db, print_json

CALLLIST_KINDS = ("recall", "reactivation", "birthday", "referral", "recovery", "crosssell", "share")


def cmd_calllist(args: argparse.Namespace) -> int:
    """Build, save and export one call list (campaign lists are made in the app)."""
    from clinic_desktop.core.calllists import KIND_LABELS, RULE_LABELS, RULES
    from clinic_desktop.core.phone import mask_phone
    from clinic_desktop.services.calllists import (
        CallListError,
        build_list,
        check_export_path,
        save_and_export,
    )

    as_of = as_of_date(args.as_of)
    out = Path(args.out)
    db = open_db(args)
    try:
        check_export_path(out)
        built = build_list(db, args.kind, as_of)
        list_id = save_and_export(db, built, out, mask_phone=args.mask_phone)
    except CallListError as exc:
        raise BadInput(str(exc)) from None
    finally:
        db.close()
    if args.json:
        data = built.to_json() | {"list_id": list_id, "path": str(out.resolve())}
        if args.mask_phone:
            data["phones"] = [mask_phone(p) if p else p for p in data["phones"]]
        print_json(data)
        return EXIT_OK
    label = KIND_LABELS[args.kind][0]
    print(f"已生成「{label}」回访名单（截至 {as_of}）：{len(built.rows):,} 人 → {out}")
    counts = built.excluded_counts
    total = sum(counts.get(rule, 0) for rule in RULES)
    detail = "，".join(f"{RULE_LABELS[rule][0]} {counts.get(rule, 0):,}" for rule in RULES)
    print(f"按联系规则未列入 {total:,} 人：{detail}")
    no_phone = [e.name for e in built.excluded if e.rule == "no_phone"]
    if no_phone:
        more = f" 等 {len(no_phone):,} 位" if len(no_phone) > 10 else ""
        print(f"无可用电话（请补充号码）：{'、'.join(no_phone[:10])}{more}")
    if built.empty_reason is not None:
        print(f"名单为空：{built.empty_reason[0]}")
    return EXIT_OK


def cmd_outcomes(args: argparse.Namespace) -> int:
    """Record the outcomes written in a printed call list."""
    from clinic_desktop.io.calllist_xlsx import CallListFileError
    from clinic_desktop.services.calllists import import_outcomes

    db = open_db(args)
    try:
        summary = import_outcomes(db, Path(args.file))
    except CallListFileError as exc:
        raise BadInput(str(exc)) from None
    finally:
        db.close()
    if args.json:
        print_json(summary.to_json())
        return EXIT_OK
    print(
        f"已读取 {summary.rows:,} 行，记录 {summary.recorded:,} 条回访结果"
        f"（未填结果 {summary.blank:,} 行，新增勿扰 {summary.do_not_contact:,} 位，"
        f"问题 {len(summary.issues):,} 行）"
    )
    for issue in summary.issues[:20]:
        print(f"  第 {issue.row} 行：{issue.zh}")
    if len(summary.issues) > 20:
        print(f"  …… 另有 {len(summary.issues) - 20:,} 行问题（用 --json 查看全部）")
    return EXIT_OK
