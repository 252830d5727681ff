"""Exporting one patient's data (PIPL right of access): every kind of record about them, readable, audited,
owner only — and nothing about the other patients."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from test_erase import NAME, OTHER, PHONE, REFERRED, build_clinic

from builders import add_visit
from clinic_desktop.core.access import AccessDenied, Role
from clinic_desktop.db.models import Patient
from clinic_desktop.services.audit import AuditFilter, list_audit
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients import set_knowledge
from clinic_desktop.services.privacy import PatientDataError, export_patient_data


def test_the_export_holds_every_kind_of_record_about_them(db: Database, tmp_path: Path) -> None:
    pid = build_clinic(db, tmp_path)
    out = export_patient_data(db, pid, tmp_path / "out" / "patient.xlsx")
    book = load_workbook(out)
    assert book.sheetnames == [
        "基本资料", "消费", "满意度", "互动", "预约", "联系记录", "回访名单", "标签", "价值与阶段",
        "介绍他人", "数据来源", "处理记录",
    ]  # fmt: skip
    profile = {r[0]: r[1] for r in book["基本资料"].iter_rows(min_row=4, values_only=True)}
    assert profile["姓名"] == NAME and profile["手机"] == PHONE and profile["监护人同意"] == "否"
    visits = list(book["消费"].iter_rows(values_only=True))
    assert visits[0][:3] == ("日期", "项目", "金额")
    assert [v[:3] for v in visits[1:]] == [
        (datetime(2026, 5, 20), "洁牙", 300), (datetime(2026, 6, 1), "种植牙", 8000),
    ]  # real dates, treatments by name, money in yuan  # fmt: skip
    contacts = list(book["联系记录"].iter_rows(values_only=True))
    assert contacts[1][1:4] == ("电话", "复诊提醒", "接通")  # codes in words
    assert [r[2] for r in book["数据来源"].iter_rows(min_row=2, values_only=True)] == ["新增", "更新"]
    assert "合并患者" in [r[2] for r in book["处理记录"].iter_rows(min_row=2, values_only=True)]
    # other people appear only as a count (referrals) or not at all
    text = " ".join(str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row if c)
    assert REFERRED not in text and OTHER not in text and "司马光" not in text and "诸葛亮" not in text
    assert book["介绍他人"]["A2"].value == 0  # 司马光's referrer was moved to 诸葛亮 by the second import

    entry = list_audit(db, AuditFilter(action="export"))[0]
    assert entry.detail["what"] == "patient_data" and entry.detail["patient_id"] == pid
    assert entry.detail["rows"]["visits"] == 2 and entry.user == "owner"


def test_json_export_and_refusals(db: Database, tmp_path: Path) -> None:
    pid = build_clinic(db, tmp_path)
    out = export_patient_data(db, pid, tmp_path / "patient.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"项目": "姓名", "内容": NAME} in data["基本资料"] and len(data["消费"]) == 2
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with pytest.raises(PatientDataError):
        export_patient_data(db, pid, tmp_path / "patient.csv")
    with pytest.raises(PatientDataError):
        export_patient_data(db, 999, tmp_path / "nobody.xlsx")
    db.access.roles_enabled = True
    db.access.act_as(Role.STAFF)
    with pytest.raises(AccessDenied):
        export_patient_data(db, pid, tmp_path / "staff.xlsx")
    assert not (tmp_path / "staff.xlsx").exists() and not (tmp_path / "nobody.xlsx").exists()


def test_knowledge_segment_and_rule_tags_read_as_words(db: Database, tmp_path: Path) -> None:
    """PRODUCT §4.1's columns in the access export: 认知 as 懂行, the segment by its name and the rule tags
    (stored as a bit mask) as the tags' names — never the codes."""
    pid = build_clinic(db, tmp_path)
    with db.sessions.begin() as session:  # two ¥100 patients: her ¥4,150 a visit is then the 高客单
        for other in session.scalars(select(Patient).where(Patient.phone.in_((REFERRED, OTHER)))):
            add_visit(session, other, date(2026, 6, 5), 100, "洁牙")
    set_knowledge(db, [pid], "expert")
    recompute(db, date(2026, 11, 20))
    book = load_workbook(export_patient_data(db, pid, tmp_path / "patient.xlsx"))
    profile = {r[0]: r[1] for r in book["基本资料"].iter_rows(min_row=4, values_only=True)}
    assert profile["认知"] == "懂行" and profile["认知记录时间"] is not None
    header, values = list(book["价值与阶段"].iter_rows(values_only=True))
    standing = dict(zip(header, values, strict=True))
    # two visits, no coupon: not price-sensitive; ¥8,300 over two occasions is twice the clinic's median
    assert standing["分群"] == "懂行·重品质" and standing["其中用券次数"] == 0
    assert standing["时间窗内消费次数"] == 2 and standing["规则标签"] == "高客单"
