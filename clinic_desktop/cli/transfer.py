"""The ``import`` and ``export`` commands (PRODUCT §7, §8): data in and out."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from clinic_desktop.cli.common import (
    EXIT_OK,
    BadInput,
    act_as_owner,
    db_path,
    open_db,
    print_json,
    remove_database_files,
)

_TABLE_LABELS = {
    "patients": "患者", "visits": "消费", "surveys": "满意度", "interactions": "互动", "appointments": "预约",
    "contacts": "联系记录", "treatments": "项目", "tags": "标签",
}  # fmt: skip


def cmd_import(args: argparse.Namespace) -> int:
    """Import a clinic spreadsheet (PRODUCT §7.1).

    A bad file, or one whose every row is bad, writes nothing (not even a new database file)."""
    from clinic_desktop.services.importing import (
        FileRejected,
        ImportPlan,
        ImportRefused,
        all_rows_bad,
        inspect_file,
        plan_import,
        problem_row_count,
        run_import,
        write_problem_rows,
    )
    from clinic_desktop.services.metrics import recompute_after_commit

    problems = Path(args.problems) if args.problems else None
    if problems is not None and problems.suffix.lower() != ".xlsx":
        raise BadInput(f"问题行文件须以 .xlsx 结尾：{problems} / the problems file must end in .xlsx")
    try:
        inspection = inspect_file(Path(args.file))
    except FileRejected as exc:
        raise BadInput(f"{exc.zh} / {exc.en}") from None

    def refuse_all_bad(plan: ImportPlan) -> None:
        first = all_rows_bad(plan)
        if first is not None:
            raise ImportRefused(
                f"全部 {plan.rows:,} 行都无法导入，未写入任何数据。"
                f"例如「{first.sheet}」第 {first.row} 行：{first.zh}",
                f"none of the {plan.rows:,} rows can be imported; nothing was written. "
                f"E.g. “{first.sheet}” row {first.row}: {first.en}",
            )

    path = db_path(args)
    existed = path.exists()
    db = open_db(args, create=True)
    try:
        if args.dry_run:
            result: Any = plan_import(db, inspection)
            refuse_all_bad(result)
        else:
            result = run_import(db, inspection, accept=refuse_all_bad)
            if result.batch_id:
                recomputed = recompute_after_commit(db, date.today()) is not None
    except ImportRefused as exc:
        db.close()
        if not existed:
            remove_database_files(path)
        raise BadInput(f"{exc.zh} / {exc.en}") from None
    db.close()
    if args.dry_run and not existed:
        remove_database_files(path)  # a dry run writes nothing, not even an empty database
    if problems is not None:
        write_problem_rows(inspection, result.issues, problems)
    if args.json:
        data = result.to_json()
        if problems is not None:
            data["problems_file"] = str(problems.resolve())
        print_json(data)
        return EXIT_OK
    head = "试运行（未写入任何数据）" if args.dry_run else f"已导入 {inspection.path.name}"
    print(
        f"{head}：共 {result.rows:,} 行 = 照常导入 {result.as_is:,} + 带提示导入 {result.noted:,}"
        f" + 跳过 {result.skipped:,}"
        f"（新建 {result.created:,}，更新 {result.updated:,}，无变化 {result.unchanged:,}）"
    )
    if result.inserts:
        added = "，".join(f"{_TABLE_LABELS.get(t, t)} {n:,}" for t, n in result.inserts.items())
        print(f"{'将新增' if args.dry_run else '新增'}记录：{added}")
    shown = result.issues[:20]
    if shown:
        print(f"问题 {len(result.issues):,} 条{'（前 20 条）' if len(result.issues) > 20 else ''}：")
        for issue in shown:
            mark = "跳过" if issue.skipped else "提示" if issue.note else "信息"
            print(f"  [{mark}] {issue.sheet} 第 {issue.row} 行：{issue.zh}")
    if problems is not None:
        print(f"问题行 {problem_row_count(result.issues):,} 行已存为 {problems}（改好后可单独导入）")
    if not args.dry_run and result.batch_id:
        if recomputed:
            print(f"指标已按 {date.today()} 重新计算")
        else:
            print("导入已完成；指标未能重新计算（数据库正忙），请稍后运行 recompute", file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """The whole database as the clinic workbook (PRODUCT §7.1)."""
    from clinic_desktop.services.importing import export_workbook

    out = Path(args.file)
    if out.suffix.lower() != ".xlsx":
        raise BadInput(f"导出文件须以 .xlsx 结尾：{out} / the export file must end in .xlsx")
    if out.is_dir():
        raise BadInput(f"{out} 是一个文件夹 / is a folder")
    from clinic_desktop.core.access import AccessDenied

    db = open_db(args)
    try:
        act_as_owner(db)
        summary = export_workbook(db, out)
    except AccessDenied as exc:  # pragma: no cover - act_as_owner let only the owner through
        raise BadInput(f"{exc.zh} / {exc.en}") from None
    finally:
        db.close()
    counts = "，".join(f"{_TABLE_LABELS[k]} {n:,}" for k, n in summary.rows.items())
    print(f"已导出到 {summary.path}：{counts}（用时 {summary.seconds:.1f} 秒）")
    return EXIT_OK
