"""The command line (PRODUCT §8): a stable contract that scripts and scheduled tasks rely on.

Exit status: 0 done; 2 bad input or a bad file (one-line reason on stderr, nothing written); 1 anything
else. Headless commands never import Qt: the GUI is imported only by the default command.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from clinic_desktop import __version__

EXIT_OK, EXIT_ERROR, EXIT_BAD_INPUT = 0, 1, 2
MAX_DEMO_PATIENTS = 1_000_000


class BadInput(Exception):
    """Bad input or a bad file: exit 2, one line on stderr, nothing written."""


def _as_of(text: str | None) -> date:
    from clinic_desktop.core.dates import parse_iso_date

    if text is None:
        return date.today()
    try:
        return parse_iso_date(text)
    except ValueError as exc:
        raise BadInput(f"--as-of: {exc}") from None


def _db_path(args: argparse.Namespace) -> Path:
    if args.db is not None:
        return Path(args.db)
    from clinic_desktop.paths import default_db_path

    return default_db_path()


def _open(args: argparse.Namespace, *, create: bool = False) -> Any:
    from clinic_desktop.services.database import DatabaseError, open_database

    try:
        return open_database(_db_path(args), create=create)
    except DatabaseError as exc:
        raise BadInput(str(exc)) from None


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_demo(args: argparse.Namespace) -> int:
    from clinic_desktop.services.demo import DemoError, generate_demo
    from clinic_desktop.services.metrics import recompute

    if not 1 <= args.patients <= MAX_DEMO_PATIENTS:
        raise BadInput(f"--patients 应在 1–{MAX_DEMO_PATIENTS:,} 之间 / must be 1–{MAX_DEMO_PATIENTS:,}")
    as_of = _as_of(args.as_of)
    path = _db_path(args)
    existed = path.exists()
    db = _open(args, create=True)
    try:
        summary = generate_demo(db, patients=args.patients, seed=args.seed, as_of=as_of)
    except DemoError as exc:
        db.close()
        if not existed:
            _remove_database_files(path)
        raise BadInput(str(exc)) from None
    metrics = recompute(db, as_of)
    db.close()
    print(
        f"演示数据已写入 {db.path}：{summary.patients:,} 位患者，{summary.visits:,} 条消费记录"
        f"（生成 {summary.seconds:.1f} 秒，指标计算 {metrics.seconds:.1f} 秒）"
    )
    return EXIT_OK


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def cmd_recompute(args: argparse.Namespace) -> int:
    from clinic_desktop.services.metrics import recompute

    as_of = _as_of(args.as_of)
    db = _open(args)
    try:
        summary = recompute(db, as_of)
    finally:
        db.close()
    print(f"已重新计算 {summary.patients:,} 位患者的指标（截至 {as_of}，用时 {summary.seconds:.2f} 秒）")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from clinic_desktop.core.lifecycle import STAGE_LABELS_ZH, Stage
    from clinic_desktop.services.report import report

    as_of = _as_of(args.as_of)
    db = _open(args)
    try:
        data = report(db, as_of)
    finally:
        db.close()
    if args.json:
        _print_json(data)
        return EXIT_OK
    print(f"截至 {data['as_of']}：共 {data['patients']:,} 位患者")
    print("生命周期漏斗：")
    for step in data["funnel"]:
        conv = "" if step["conversion"] is None else f"  转化 {step['conversion']:.1%}"
        label = STAGE_LABELS_ZH[Stage(step["stage"])]
        print(f"  {label:<6} 当前 {data['stages'][step['stage']]:>7,}  累计到达 {step['reached']:>7,}{conv}")
    tiers = "  ".join(f"{k if k != 'none' else '未分层'} {v:,}" for k, v in data["tiers"].items())
    print(f"ERS 分层：{tiers}")
    print(f"前 20% 高消费患者贡献收入占比：{data['top20_revenue_share']:.1%}")
    return EXIT_OK


def cmd_patient(args: argparse.Namespace) -> int:
    from clinic_desktop.core.money import format_yuan
    from clinic_desktop.services.report import PatientNotFound, patient_card

    as_of = _as_of(args.as_of)
    db = _open(args)
    try:
        card = patient_card(db, args.phone, as_of)
    except (ValueError, PatientNotFound) as exc:
        raise BadInput(str(exc)) from None
    finally:
        db.close()
    if args.json:
        _print_json(card)
        return EXIT_OK
    print(f"{card['name']}  {card['phone']}  来源：{card['source'] or '–'}")
    print(f"阶段：{card['stage']}（{card['stage_reason']}）  活跃度：{card['activity']}")
    print(f"ERS：{card['explanation']}")
    print(f"累计消费 {format_yuan(card['spend_total_fen'])}，转介绍成交 {card['converted_referrals']} 人")
    return EXIT_OK


def cmd_self_test(args: argparse.Namespace) -> int:
    """A quick end-to-end check on a temporary database (used by the frozen-build smoke test)."""
    import tempfile

    from clinic_desktop.services.database import open_database
    from clinic_desktop.services.demo import generate_demo
    from clinic_desktop.services.metrics import recompute
    from clinic_desktop.services.report import report

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "self-test.db")
        try:
            as_of = date(2026, 6, 30)
            generate_demo(db, patients=300, seed=7, as_of=as_of)
            recompute(db, as_of)
            data = report(db, as_of)
        finally:
            db.close()
    total = data["patients"] + data["archived"]
    ok = total == 300 and sum(data["stages"].values()) == sum(data["tiers"].values()) == data["patients"]
    print(f"self-test {'ok' if ok else 'FAILED'}: {data['patients']} patients, stages {data['stages']}")
    return EXIT_OK if ok else EXIT_ERROR


def cmd_gui(args: argparse.Namespace) -> int:
    from clinic_desktop.ui.app import run

    return run(_db_path(args))


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = cmd_self_test if args.self_test else args.func
    try:
        return func(args)
    except BadInput as exc:
        print(f"clinic-desktop: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the contract: anything else is exit 1 with a reason
        print(f"clinic-desktop: 出错了 / error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
