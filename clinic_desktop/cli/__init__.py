"""The command line (PRODUCT §8): a stable contract that scripts and scheduled tasks rely on.

Exit status: 0 done; 2 bad input or a bad file (one-line reason on stderr, nothing written); 1 anything
else. Headless commands never import Qt: the GUI is imported only by the default command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from clinic_desktop import __version__
from clinic_desktop.cli.calllists import CALLLIST_KINDS, cmd_calllist, cmd_outcomes
from clinic_desktop.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_ERROR,
    EXIT_OK,
    BadInput,
    as_of_date,
    db_path,
    open_db,
    print_json,
    remove_database_files,
    silence_stdout,
)
from clinic_desktop.cli.privacy import cmd_erase, cmd_reset_password
from clinic_desktop.cli.safety import add_commands as add_safety_commands
from clinic_desktop.cli.transfer import cmd_export, cmd_import

MAX_DEMO_PATIENTS = 1_000_000


def cmd_demo(args: argparse.Namespace) -> int:
    from clinic_desktop.services.demo import DemoError, generate_demo
    from clinic_desktop.services.metrics import recompute

    if not 1 <= args.patients <= MAX_DEMO_PATIENTS:
        raise BadInput(f"--patients 应在 1–{MAX_DEMO_PATIENTS:,} 之间 / must be 1–{MAX_DEMO_PATIENTS:,}")
    as_of = as_of_date(args.as_of)
    path = db_path(args)
    existed = path.exists()
    db = open_db(args, create=True)
    try:
        summary = generate_demo(db, patients=args.patients, seed=args.seed, as_of=as_of)
    except DemoError as exc:
        db.close()
        if not existed:
            remove_database_files(path)
        raise BadInput(str(exc)) from None
    metrics = recompute(db, as_of)
    db.close()
    print(
        f"演示数据已写入 {db.path}：{summary.patients:,} 位患者，{summary.visits:,} 条消费记录"
        f"（生成 {summary.seconds:.1f} 秒，指标计算 {metrics.seconds:.1f} 秒）"
    )
    return EXIT_OK


def cmd_recompute(args: argparse.Namespace) -> int:
    from clinic_desktop.services.metrics import recompute

    as_of = as_of_date(args.as_of)
    db = open_db(args)
    try:
        summary = recompute(db, as_of)
    finally:
        db.close()
    print(f"已重新计算 {summary.patients:,} 位患者的指标（截至 {as_of}，用时 {summary.seconds:.2f} 秒）")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    # The report kept beside the stored metrics answers with plain sqlite3 (no SQLAlchemy, NumPy or
    # dashboard imports); only when it is not kept, or not current, is the database opened properly.
    from clinic_desktop.services.stored_report import read_stored_report

    as_of = as_of_date(args.as_of)
    data = read_stored_report(db_path(args), as_of)
    if data is None:
        from clinic_desktop.services.report import report

        db = open_db(args)
        try:
            data = report(db, as_of)
        finally:
            db.close()
    if args.json:
        print_json(data)
        return EXIT_OK
    _print_report(data)
    return EXIT_OK


def _print_report(data: dict[str, Any]) -> None:
    from clinic_desktop.core.lifecycle import STAGE_LABELS_ZH, Stage
    from clinic_desktop.core.money import format_yuan
    from clinic_desktop.core.segmentation import RULE_BY_KEY
    from clinic_desktop.core.segments import SEGMENT_LABELS

    print(f"截至 {data['as_of']}：共 {data['patients']:,} 位患者")
    print("生命周期漏斗：")
    for step in data["funnel"]:
        conv = "" if step["conversion"] is None else f"  转化 {step['conversion']:.1%}"
        label = STAGE_LABELS_ZH[Stage(step["stage"])]
        print(f"  {label:<6} 当前 {data['stages'][step['stage']]:>7,}  累计到达 {step['reached']:>7,}{conv}")
    tiers = "  ".join(f"{k if k != 'none' else '未分层'} {v:,}" for k, v in data["tiers"].items())
    print(f"ERS 分层：{tiers}")
    print(f"前 20% 高消费患者贡献收入占比：{data['top20_revenue_share']:.1%}")
    if data.get("end_to_end") is not None:
        print(f"端到端转化（陌生 → 超级用户）：{data['end_to_end']:.1%}；传播者 {data['koc_patients']:,} 位")
    labels = {key.value: zh for key, (zh, _) in SEGMENT_LABELS.items()}
    segments = "  ".join(f"{labels[k]} {v:,}" for k, v in data["segments"].items())
    groups = data["segment_groups"]
    print(f"分群：{segments}（诱因用户 {groups['incentive']:,}，高净值用户 {groups['high_value']:,}）")
    print(f"尚未记录认知：{data['knowledge']['unknown']:,} 位")
    tags = "  ".join(f"{RULE_BY_KEY[k].name} {v:,}" for k, v in data["rule_tags"].items())
    print(f"规则标签：{tags}")
    if data.get("channels"):
        print("渠道质量：")
        for ch in data["channels"]:
            print(
                f"  {_pad(ch['source'] or '未填写', 12)} {ch['patients']:>7,} 人"
                f"  购买 {ch['buy_share']:>6.1%}  复购 {ch['repeat_share']:>6.1%}"
                f"  客单 {format_yuan(ch['avg_spend_fen'])}"
            )


def _pad(text: str, width: int) -> str:
    """Left-justify for a terminal, where a Chinese character takes two columns."""
    used = sum(2 if ord(c) > 0x2E80 else 1 for c in text)
    return text + " " * max(0, width - used)


def cmd_patient(args: argparse.Namespace) -> int:
    from clinic_desktop.core.money import format_yuan
    from clinic_desktop.core.segmentation import RULE_BY_KEY
    from clinic_desktop.core.segments import KNOWLEDGE_LABELS, SEGMENT_LABELS, Knowledge, Segment

    # The day's stored metrics answer with plain sqlite3 (no SQLAlchemy); anything else — metrics to
    # compute, a phone that is invalid or unknown, a database to migrate — takes the full path.
    from clinic_desktop.services.stored_standing import read_stored_card

    as_of = as_of_date(args.as_of)
    card = read_stored_card(db_path(args), args.phone, as_of)
    if card is None:
        from clinic_desktop.services.patient_card import PatientNotFound, patient_card

        db = open_db(args)
        try:
            card = patient_card(db, args.phone, as_of)
        except (ValueError, PatientNotFound) as exc:
            raise BadInput(str(exc)) from None
        finally:
            db.close()
    if args.json:
        print_json(card)
        return EXIT_OK
    print(f"{card['name']}  {card['phone']}  来源：{card['source'] or '–'}")
    print(f"阶段：{card['stage']}（{card['stage_reason']}）  活跃度：{card['activity']}")
    print(f"ERS：{card['explanation']}")
    print(f"累计消费 {format_yuan(card['spend_total_fen'])}，转介绍成交 {card['converted_referrals']} 人")
    segment = SEGMENT_LABELS[Segment(card["segment"])][0]
    print(f"分群：{segment}（{card['segment_reason']}）")
    for key, why in card["rule_tag_reasons"].items():
        print(f"规则标签 {RULE_BY_KEY[key].name}：{why}")
    if card["knowledge_suggestion"]:
        suggested = KNOWLEDGE_LABELS[Knowledge(card["knowledge_suggestion"])][0]
        print(f"建议认知：{suggested}（仅供参考，需员工确认）")
    return EXIT_OK


def cmd_self_test(args: argparse.Namespace) -> int:
    """End to end in a temporary folder (PRODUCT §8): :mod:`clinic_desktop.cli.self_test`."""
    from clinic_desktop.cli.self_test import run_self_test

    return run_self_test()


def cmd_gui(args: argparse.Namespace) -> int:
    from clinic_desktop.ui.platform_check import platform_problem

    problem = platform_problem()  # before Qt loads: a missing X library would abort the process
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_ERROR
    from clinic_desktop.frozen import prepare_gui_matplotlib_cache

    prepare_gui_matplotlib_cache()  # from source too (frozen, prepare_frozen_process did it already)
    # What the window needs that is not Qt comes first: once loaded, PySide6 reads the source of every
    # module imported after it (its ``__feature__`` check) — ~0.25 s for SQLAlchemy's alone.
    import clinic_desktop.services.database  # noqa: F401
    from clinic_desktop.ui.app import run

    return run(db_path(args))


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on bad arguments already; keep its message to one line."""

    def error(self, message: str) -> Any:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="数据库文件 / database file")
    as_of = argparse.ArgumentParser(add_help=False)
    as_of.add_argument("--as-of", metavar="DATE", help="按该日期计算 (YYYY-MM-DD，默认今天)")
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="输出 JSON")

    parser = _Parser(prog="clinic-desktop", description="私域助手 · clinic private-domain desktop")
    parser.add_argument("--db", metavar="PATH", default=None, help="数据库文件 / database file")
    parser.add_argument("--version", action="version", version=f"clinic-desktop {__version__}")
    parser.add_argument("--self-test", action="store_true", help="在临时数据库上自检后退出")
    parser.set_defaults(func=cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("demo", parents=[common], help="生成演示数据 / fill a database with demo data")
    p.add_argument("--patients", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--as-of", metavar="DATE", help="演示数据的“今天” (默认今天)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("recompute", parents=[common, as_of], help="重新计算全部指标 / recompute metrics")
    p.set_defaults(func=cmd_recompute)

    p = sub.add_parser("report", parents=[common, as_of, as_json], help="经营概览 / summary report")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("patient", parents=[common, as_of, as_json], help="单个患者 / one patient")
    p.add_argument("phone", metavar="PHONE")
    p.set_defaults(func=cmd_patient)

    p = sub.add_parser("import", parents=[common, as_json], help="导入表格 / import a spreadsheet")
    p.add_argument("file", metavar="FILE", help=".xlsx / .xls / .csv")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入 / check only, write nothing")
    p.add_argument(
        "--problems",
        metavar="FILE.xlsx",
        help="把跳过和带提示的行（原样 + 原因列）存为表格，改好后可单独导入"
        " / save the skipped and noted rows (as written + a reason column), to fix and import again",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", parents=[common], help="导出整个数据库 / export the clinic workbook")
    p.add_argument("file", metavar="FILE.xlsx")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("calllist", parents=[common, as_of, as_json], help="生成回访名单 / make a call list")
    p.add_argument("kind", metavar="KIND", choices=CALLLIST_KINDS, help=" ".join(CALLLIST_KINDS))
    p.add_argument("--out", metavar="FILE.xlsx", required=True, help="导出的 Excel 文件 / the .xlsx to write")
    p.add_argument("--mask-phone", action="store_true", help="电话显示为 138****1234 / mask phones")
    p.set_defaults(func=cmd_calllist)

    p = sub.add_parser("outcomes", parents=[common, as_json], help="导入回访结果 / import call outcomes")
    p.add_argument("file", metavar="FILE.xlsx")
    p.set_defaults(func=cmd_outcomes)

    add_safety_commands(sub, common, as_json)

    p = sub.add_parser("erase", parents=[common, as_json], help="删除患者全部数据 / erase a patient")
    p.add_argument("phone", metavar="PHONE")
    p.add_argument("--yes", action="store_true", help="确认删除（不加则只显示将删除的内容）")
    p.set_defaults(func=cmd_erase)

    p = sub.add_parser(
        "reset-password", parents=[common], help="重设忘记的店主密码 / reset the owner password"
    )
    p.set_defaults(func=cmd_reset_password)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = cmd_self_test if args.self_test else args.func
    try:
        status = func(args)
        sys.stdout.flush()  # inside the try: a reader that went away must not surface at exit
        return status
    except BrokenPipeError:
        # `clinic-desktop import … | head -1`: every command prints only after its work is done (an
        # import has committed by then), so the work stands and the exit status says so; nothing more
        # is printed, and no traceback or "Exception ignored" appears when Python flushes at exit.
        silence_stdout()
        return EXIT_OK
    except BadInput as exc:
        # one line, whatever a file name or a parser's message holds (scripts read the first line)
        print(f"clinic-desktop: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the contract: anything else is exit 1 with a reason
        from clinic_desktop.db.engine import BUSY_MESSAGE, is_busy

        if is_busy(exc):  # never SQLite's raw "database is locked": say what it means, and what to do
            print(f"clinic-desktop: {BUSY_MESSAGE[0]} / {BUSY_MESSAGE[1]}", file=sys.stderr)
        else:
            print(f"clinic-desktop: 出错了 / error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
