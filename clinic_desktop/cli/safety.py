"""The ``backup``, ``restore`` and ``check`` commands (PRODUCT §8): copies that are verified, restores that
refuse what they should not trust, and a check that says what is wrong and which backup is good.

Each works on the database *file* without opening it through the app first: a damaged database must
still be checkable, backed up (refused, exit 2) and restored over.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from clinic_desktop.cli.common import EXIT_BAD_INPUT, EXIT_OK, BadInput, db_path, print_json


def _good_backup(path: Path) -> tuple[str, str, dict[str, Any] | None]:
    """(Chinese line, English line, JSON) about the newest backup that passes the checks."""
    from clinic_desktop.services.backup import newest_good_backup

    found = newest_good_backup(path)
    if found is None:
        return "没有可用的备份", "no good backup found", None
    info, health = found
    when = info.taken_at.strftime("%Y-%m-%d %H:%M")
    return (
        f"最新的完好备份：{info.path}（{when}，{health.patients:,} 位患者）",
        f"newest good backup: {info.path} ({when}, {health.patients:,} patients)",
        {"path": str(info.path), "taken_at": info.taken_at.isoformat(), "patients": health.patients},
    )


def cmd_check(args: argparse.Namespace) -> int:
    """``integrity_check`` and ``foreign_key_check``: exit 0 healthy, 2 damaged (one line: what, and the
    newest good backup). Reads only."""
    from clinic_desktop.services.backup import check_file
    from clinic_desktop.services.database import use_folder_of

    path = db_path(args)
    use_folder_of(path)
    health = check_file(path, full=True)
    backup_zh, backup_en, backup = _good_backup(path)
    if args.json:
        print_json(
            {
                "path": str(path),
                "ok": health.ok,
                "status": health.kind,
                "message": health.zh,
                "message_en": health.en,
                "integrity": list(health.problems) or (["ok"] if health.ok else []),
                "foreign_key_violations": health.foreign_key_violations,
                "patients": health.patients if health.counts else None,
                "counts": health.counts,
                "seconds": round(health.seconds, 3),
                "newest_good_backup": backup,
            }
        )
    if not health.ok:
        print(f"clinic-desktop: {health.zh}；{backup_zh} / {health.en}; {backup_en}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not args.json:
        print(f"数据库完好：{health.patients:,} 位患者（完整性与外键检查通过，用时 {health.seconds:.1f} 秒）")
        print(backup_zh)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    """A verified copy of the database (safe while the app is open); exit 2 if the source or the copy
    is damaged, with nothing left behind."""
    from clinic_desktop.services.autobackup import audit_backup
    from clinic_desktop.services.backup import BackupError, backup_database
    from clinic_desktop.services.database import DatabaseError, open_database, use_folder_of

    path = db_path(args)
    use_folder_of(path)
    try:
        result = backup_database(path, Path(args.out) if args.out else None)
    except BackupError as exc:
        raise BadInput(f"{exc.zh} / {exc.en}") from None
    try:
        db = open_database(path, create=False)
    except DatabaseError:  # pragma: no cover - it was just read whole
        audited = False
    else:
        try:
            audited = audit_backup(db, result)
        finally:
            db.close()
    size = result.size_bytes / 1_048_576
    print(f"已备份 {result.patients:,} 位患者到 {result.path}（{size:.1f} MB，已校验）")
    if result.rotated:
        print(f"按保留规则删除了 {len(result.rotated)} 个较早的备份")
    if not audited:
        print("clinic-desktop: 备份已完成，但未能写入操作日志（数据库正忙）", file=sys.stderr)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Replace the database with a verified backup; the current one is backed up first, and its audit
    log carried over."""
    from clinic_desktop.cli.common import owner_of_file
    from clinic_desktop.services.backup import BackupError, restore_database
    from clinic_desktop.services.database import use_folder_of

    path = db_path(args)
    use_folder_of(path)
    owner_of_file(path)  # restoring is the owner's (roles on: the password first)
    try:
        result = restore_database(Path(args.file), path, allow_empty=args.yes, via="cli")
    except BackupError as exc:
        extra = " 如确定，请加 --yes / add --yes to confirm" if exc.kind == "needs_confirmation" else ""
        raise BadInput(f"{exc.zh} / {exc.en}{extra}") from None
    from clinic_desktop.services.database import open_database
    from clinic_desktop.services.privacy import reapply_erasures

    restored = open_database(path)
    try:
        erased = reapply_erasures(restored)  # a patient erased after the backup stays erased (PIPL)
    finally:
        restored.close()
    print(f"已从 {result.restored_from} 恢复 {result.patients:,} 位患者。")
    if erased:
        print(f"备份里有 {erased:,} 位在备份之后被删除的患者，已再次删除。")
    if result.safety_copy is not None:
        print(f"恢复前的数据库已另存为 {result.safety_copy}")
    if result.damaged_copy is not None:
        print(f"恢复前的数据库已损坏，其原样副本保存为 {result.damaged_copy}")
    if result.audit_rows_kept:
        print(f"备份之后的 {result.audit_rows_kept:,} 条操作日志已保留")
    print("请运行 recompute 或打开软件以重新计算指标。")
    return EXIT_OK


def add_commands(sub: Any, common: argparse.ArgumentParser, as_json: argparse.ArgumentParser) -> None:
    """``backup``, ``restore`` and ``check`` on the main parser's subcommands."""
    p = sub.add_parser("backup", parents=[common], help="备份数据库 / back up the database")
    p.add_argument("--out", metavar="FILE", help="备份文件 (默认：备份文件夹，按保留规则轮换)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help="从备份恢复 / restore from a backup")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--yes", action="store_true", help="确认恢复没有患者的备份 / confirm an empty backup")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("check", parents=[common, as_json], help="检查数据库 / check the database")
    p.set_defaults(func=cmd_check)
