"""Everything held about one patient, for them (PIPL right of access and portability).

The same reach as erasure (:mod:`~clinic_desktop.services.privacy.graph`) decides what is "about them",
so what can be erased can be shown first and a table added later appears without anyone remembering to
add it. Written as a readable ``.xlsx`` — one sheet per kind of record, Chinese headers, money in yuan,
codes as words, links shown by what they point at (the treatment's name, not its id) — or, for a
``.json`` target, the same content for a machine. Beside their records: who referred them (part of their
own record), how *many* patients they referred (the others are other people, so no names), where their
data came from (the imports that wrote it) and what was done with it (audit rows naming them).

Owner only, and audited as an export of ``patient_data``.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from clinic_desktop.core.access import ROLE_LABELS, Permission, Role
from clinic_desktop.core.bilingual import BilingualError
from clinic_desktop.core.calllists import KIND_LABELS
from clinic_desktop.core.lifecycle import ACTIVITY_LABELS_ZH, STAGE_LABELS_ZH, Activity, Stage
from clinic_desktop.core.segmentation import RULE_BY_KEY, keys_of
from clinic_desktop.core.segments import SEGMENT_LABELS, Segment
from clinic_desktop.db.engine import driver_connection
from clinic_desktop.db.models import Base
from clinic_desktop.io.table_xlsx import FORMAT_YUAN, Cell, Table, TableColumn, write_tables_xlsx
from clinic_desktop.paths import create_private_file
from clinic_desktop.services.audit import PATIENT_KEYS, action_label, write_audited
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing import ENUM_LABELS, FIELD_LABELS
from clinic_desktop.services.privacy.graph import IN_JSON, has_id, id_list, owned_links, reach

__all__ = ["PatientDataError", "export_patient_data", "patient_dataset"]

#: sheet titles of the tables a patient's rows live in, in sheet order (a table not named here keeps its
#: own name and comes after them)
_TABLE_TITLES: dict[str, str] = {
    "patients": "基本资料",
    "visits": "消费",
    "surveys": "满意度",
    "interactions": "互动",
    "appointments": "预约",
    "contacts": "联系记录",
    "call_list_rows": "回访名单",
    "patient_tags": "标签",
    "patient_metrics": "价值与阶段",
}
#: headers for columns the clinic workbook does not name (FIELD_LABELS covers the rest)
_COLUMN_TITLES: dict[str, str] = {
    "visit_date": "日期",
    "survey_date": "日期",
    "occurred_at": "时间",
    "scheduled_at": "时间",
    "contacted_at": "时间",
    "treatment_id": "项目",
    "tag_id": "标签",
    "visit_id": "对应消费",
    "call_list_id": "名单",
    "call_list_row_id": "来自回访名单",
    "referred_by_id": "介绍人",
    "manual_vip": "VIP",
    "opening_spend_fen": "历史消费金额",
    "amount_fen": "金额",
    "position": "序号",
    "note": "备注",
    "reason": "原因",
    "script": "建议话术",
    "created_at": "建档时间",
    "updated_at": "最后修改",
    "birth_partial": "出生年月（不完整）",
    "pinyin_full": "拼音",
    "pinyin_initials": "拼音首字母",
    "stage": "生命周期阶段",
    "purchases": "消费次数",
    "activity": "活跃度",
    "first_purchase": "首次消费",
    "last_purchase": "最近消费",
    "spend_window_fen": "时间窗内消费",
    "spend_total_fen": "累计消费",
    "e": "E（消费）",
    "r": "R（转介绍）",
    "s": "S（满意度）",
    "composite_centi": "综合分",
    "tier": "ERS 分层",
    "koc": "传播者",
    "at_risk": "满意度预警",
    "no_feedback": "暂无评价",
    "referrals": "介绍人数",
    "converted_referrals": "介绍成交人数",
    "referral_spend_fen": "介绍人消费合计",
    "knowledge_at": "认知记录时间",
    "window_purchases": "时间窗内消费次数",
    "coupon_purchases": "其中用券次数",
    "no_shows": "近期爽约次数",
    "rule_tags": "规则标签",
    "segment": "分群",
}
#: bookkeeping that means nothing to the patient: row ids, the foreign key back to them, hashes and keys
_HIDDEN = frozenset({"id", "patient_id", "row_key", "digest"})
_ENUM_COLUMNS = {
    "kind": "kind",
    "status": "status",
    "channel": "channel",
    "purpose": "purpose",
    "outcome": "outcome",
    "knowledge": "knowledge",
}


class PatientDataError(BilingualError):
    """The export cannot be made (no such patient, a bad target); nothing was written."""


@dataclass(frozen=True)
class _Sheet:
    table: str
    title: str
    columns: list[TableColumn]
    rows: list[list[Cell]]


def _title(column: str, table: str = "") -> str:
    if (table, column) == ("patient_tags", "created_at"):
        return "添加时间"
    if column in _COLUMN_TITLES:
        return _COLUMN_TITLES[column]
    return FIELD_LABELS.get(column, (column, column))[0]


def _names(cur: sqlite3.Cursor, sql: str, params: tuple[Any, ...] = ()) -> dict[int, str]:
    return {int(r[0]): str(r[1]) for r in cur.execute(sql, params)}


class _Lookups:
    """What a foreign key points at, in words."""

    def __init__(self, cur: sqlite3.Cursor, reached: dict[str, set[int]], patient_id: int) -> None:
        self.treatments = _names(cur, "SELECT id, name FROM treatments")
        categories = ENUM_LABELS["tag_category"]
        self.tags = {
            int(i): f"{name}（{categories.get(category, category)}）"
            for i, name, category in cur.execute("SELECT id, name, category FROM tags")
        }
        self.lists = {
            int(i): f"{KIND_LABELS.get(kind, (kind, kind))[0]} {str(as_of)[:10]}"
            for i, kind, as_of in cur.execute("SELECT id, kind, as_of FROM call_lists")
        }
        self.list_rows = {
            int(i): self.lists.get(int(list_id), str(list_id))
            for i, list_id in cur.execute("SELECT id, call_list_id FROM call_list_rows")
        }
        # a survey names a visit (theirs: the reach took every visit of theirs)
        visits = (id_list(reached.get("visits", set())),)
        self.visits = _names(
            cur, f"SELECT id, substr(visit_date, 1, 10) FROM visits WHERE id {IN_JSON}", visits
        )
        referrer = cur.execute(
            "SELECT r.name FROM patients p JOIN patients r ON r.id = p.referred_by_id WHERE p.id = ?",
            (patient_id,),
        ).fetchone()
        self.referrer = None if referrer is None else str(referrer[0])

    def show(self, column: str, value: Any) -> Cell:
        if value is None:
            return None
        targets = {
            "treatment_id": self.treatments,
            "tag_id": self.tags,
            "call_list_id": self.lists,
            "visit_id": self.visits,
            "call_list_row_id": self.list_rows,
        }
        if column in targets:
            return targets[column].get(int(value), str(value))
        if column == "referred_by_id":
            return self.referrer
        return None


def _cell(column: str, value: Any, type_name: str, lookups: _Lookups) -> Cell:
    if value is None:
        return None
    shown = lookups.show(column, value)
    if shown is not None:
        return shown
    if column in _ENUM_COLUMNS:
        return ENUM_LABELS[_ENUM_COLUMNS[column]].get(str(value), str(value))
    if column == "stage":
        return (
            STAGE_LABELS_ZH.get(Stage(value), str(value)) if value in {s.value for s in Stage} else str(value)
        )
    if column == "activity":
        known = {a.value for a in Activity}
        return ACTIVITY_LABELS_ZH.get(Activity(value), str(value)) if value in known else str(value)
    if column == "gender":
        return {"M": "男", "F": "女"}.get(str(value), str(value))
    if column == "segment":
        known = {g.value for g in Segment}
        return SEGMENT_LABELS[Segment(value)][0] if value in known else str(value)
    if column == "rule_tags":  # a bit mask: the tags' names (PRODUCT §4.1)
        return "、".join(RULE_BY_KEY[key].name for key in keys_of(int(value)))
    if column.endswith("_fen"):
        return round(int(value) / 100, 2)
    if column == "composite_centi":
        return round(int(value) / 100, 2)
    if type_name == "BOOLEAN":
        return bool(value)
    if type_name == "DATE" and isinstance(value, str):
        return date.fromisoformat(value[:10])
    if type_name == "DATETIME" and isinstance(value, str):
        return datetime.fromisoformat(value)
    if isinstance(value, int | float | str):
        return value
    return str(value)


def _sheets(cur: sqlite3.Cursor, patient_id: int) -> list[_Sheet]:
    reached = reach(cur, patient_id)
    lookups = _Lookups(cur, reached, patient_id)
    selections: list[tuple[str, str, str]] = [
        (table, "id", id_list(ids)) for table, ids in reached.items() if has_id(table)
    ]
    selections += [(link.child, link.column, id_list(reached[link.parent])) for link in owned_links(reached)]
    sheets = []
    sequence = list(_TABLE_TITLES)
    tables = sorted(
        Base.metadata.sorted_tables,
        key=lambda t: sequence.index(t.name) if t.name in sequence else len(sequence),
    )
    for table in tables:
        for name, key, ids in selections:
            if name != table.name:
                continue
            columns = [c for c in table.columns if c.name not in _HIDDEN]
            names = ", ".join(f'"{c.name}"' for c in columns)
            order = "id" if has_id(table.name) else f'"{key}"'
            found = cur.execute(
                f'SELECT {names} FROM "{table.name}" WHERE "{key}" {IN_JSON} ORDER BY {order}', (ids,)
            )
            rows = [
                [_cell(c.name, v, str(c.type).upper(), lookups) for c, v in zip(columns, r, strict=True)]
                for r in found
            ]
            title = _TABLE_TITLES.get(table.name, table.name)
            if table.name == "patients":  # one row: read down, not across
                pairs = [[_title(c.name), v] for c, v in zip(columns, rows[0], strict=True)]
                sheets.append(_Sheet(table.name, title, [TableColumn("项目"), TableColumn("内容")], pairs))
                continue
            headers = [
                TableColumn(_title(c.name, table.name), FORMAT_YUAN if c.name.endswith("_fen") else None)
                for c in columns
            ]
            sheets.append(_Sheet(table.name, title, headers, rows))
    return sheets


def _extras(cur: sqlite3.Cursor, patient_id: int, reached: dict[str, set[int]]) -> list[_Sheet]:
    referred = int(
        cur.execute("SELECT COUNT(*) FROM patients WHERE referred_by_id = ?", (patient_id,)).fetchone()[0]
    )
    sources: list[list[Cell]] = []
    for table, ids in reached.items():
        found = cur.execute(
            "SELECT DISTINCT b.file_name, b.imported_at, c.action FROM import_changes c"
            f" JOIN import_batches b ON b.id = c.batch_id WHERE c.table_name = ? AND c.row_id {IN_JSON}",
            (table, id_list(ids)),
        )
        sources += [
            [
                str(f),
                _local(at),
                {"insert": "新增", "update": "更新"}.get(a, a),
                _TABLE_TITLES.get(table, table),
            ]
            for f, at, a in found
        ]
    processing: list[list[Cell]] = []
    for at, user, action, detail in cur.execute("SELECT at, user, action, detail FROM audit_log ORDER BY id"):
        try:
            decoded = json.loads(detail or "{}")
        except ValueError:
            continue
        if isinstance(decoded, dict) and any(
            decoded.get(k) == patient_id or (isinstance(decoded.get(k), list) and patient_id in decoded[k])
            for k in PATIENT_KEYS
        ):
            role = ROLE_LABELS[Role(user)][0] if user in {r.value for r in Role} else user
            processing.append([_local(at), role, action_label(action)])
    return [
        _Sheet("referrals", "介绍他人", [TableColumn("介绍来的患者人数")], [[referred]]),
        _Sheet(
            "imports",
            "数据来源",
            [TableColumn(t) for t in ("导入文件", "导入时间", "操作", "记录")],
            sources,
        ),
        _Sheet("audit", "处理记录", [TableColumn(t) for t in ("时间", "操作人角色", "操作")], processing),
    ]


def _local(stored: object) -> datetime:
    """A ``CURRENT_TIMESTAMP`` (UTC) as local time."""
    moment = stored if isinstance(stored, datetime) else datetime.fromisoformat(str(stored))
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None, microsecond=0)


def patient_dataset(db: Database, patient_id: int) -> list[_Sheet]:
    """Every sheet of the export (read in one snapshot)."""
    raw = db.engine.raw_connection()
    try:
        cur = driver_connection(raw).cursor()
        try:
            cur.execute("BEGIN")
            try:
                if cur.execute("SELECT 1 FROM patients WHERE id = ?", (patient_id,)).fetchone() is None:
                    raise PatientDataError(
                        f"找不到患者（编号 {patient_id}）", f"no patient with id {patient_id}"
                    )
                sheets = _sheets(cur, patient_id)
                return sheets + _extras(cur, patient_id, reach(cur, patient_id))
            finally:
                cur.execute("ROLLBACK")
        finally:
            cur.close()
    finally:
        raw.close()


def _as_json(sheets: list[_Sheet]) -> dict[str, Any]:
    def plain(value: Cell) -> Any:
        return value.isoformat() if isinstance(value, date) else value

    return {
        s.title: [{c.title: plain(v) for c, v in zip(s.columns, row, strict=True)} for row in s.rows]
        for s in sheets
    }


def export_patient_data(db: Database, patient_id: int, path: Path | str) -> Path:
    """Write everything held about the patient to ``path`` (``.xlsx``, or ``.json``); owner only, audited."""
    db.access.require(Permission.EXPORT_PATIENT)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".json"):
        raise PatientDataError(
            f"导出文件须以 .xlsx 或 .json 结尾：{path.name}",
            f"the export must end in .xlsx or .json: {path.name}",
        )
    sheets = patient_dataset(db, patient_id)
    moment = datetime.now().replace(microsecond=0)
    caption = f"患者个人数据 · 导出于 {moment:%Y-%m-%d %H:%M} · 含个人敏感信息，请妥善保管"

    def write(target: Path) -> None:
        if suffix == ".json":
            data = {"exported_at": moment.isoformat(), **_as_json(sheets)}
            temp = target.with_name(f".~{target.name}.{secrets.token_hex(4)}")
            create_private_file(temp)
            try:
                temp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
                temp.replace(target)
            except BaseException:
                temp.unlink(missing_ok=True)
                raise
        else:
            tables = [
                Table(s.title, s.columns, s.rows, caption if i == 0 else None) for i, s in enumerate(sheets)
            ]
            write_tables_xlsx(target, tables)

    counts = {s.table: len(s.rows) for s in sheets if s.rows and s.table not in ("referrals",)}
    return write_audited(db, "patient_data", path, write, patient_id=patient_id, rows=counts)
