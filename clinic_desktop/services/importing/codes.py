"""The enumerations of the clinic workbook as people write them: 聊天, 已预约, 电话, 复诊提醒, 接通 …

Each enumerated column accepts the canonical Chinese label of PRODUCT §7.1 (what the export writes and the
app shows — the same words as ``ui/record_labels``), common synonyms, and the stored English code, so a
file written by the app, typed by hand or produced by a script all import. Matching ignores width, case,
spaces, dashes and underscores.
"""

from __future__ import annotations

import re
import unicodedata

from clinic_desktop.db.models import (
    APPOINTMENT_STATUSES,
    CONTACT_CHANNELS,
    CONTACT_OUTCOMES,
    CONTACT_PURPOSES,
    INTERACTION_KINDS,
    KNOWLEDGE_VALUES,
    TAG_CATEGORIES,
)

__all__ = ["ENUM_LABELS", "enum_code", "fold"]

#: enum field → code → canonical Chinese label (what the export writes; PRODUCT §7.1)
ENUM_LABELS: dict[str, dict[str, str]] = {
    "kind": {
        "chat": "聊天",
        "like": "点赞",
        "comment": "评论",
        "article_read": "阅读文章",
        "miniprogram": "小程序",
        "consult": "咨询",
        "quote": "报价",
        "campaign": "参加活动",
    },
    "status": {"booked": "已预约", "done": "已完成", "cancelled": "已取消", "no_show": "爽约"},
    "channel": {"phone": "电话", "wechat": "微信", "sms": "短信", "in_person": "面谈"},
    "purpose": {
        "recall": "复诊提醒",
        "reactivation": "沉睡唤醒",
        "birthday": "生日关怀",
        "campaign": "活动",
        "referral": "转介绍邀请",
        "recovery": "满意度回访",
        "survey": "问卷",
        "crosssell": "交叉推荐",
        "share": "分享裂变",
    },
    "outcome": {
        "reached": "接通",
        "no_answer": "未接",
        "booked": "已预约",
        "declined": "拒绝",
        "wrong_number": "号码错误",
        "do_not_contact": "勿扰",
    },
    "tag_category": {"static": "静态", "consumption": "消费", "behaviour": "行为", "custom": "自定义"},
    "knowledge": {"expert": "懂行", "novice": "不太懂"},
}

_SYNONYMS: dict[str, dict[str, str]] = {
    "kind": {
        "小程序点击": "miniprogram",
        "小程序收藏": "miniprogram",
        "阅读": "article_read",
        "文章": "article_read",
        "活动": "campaign",
        "聊天记录": "chat",
        "私聊": "chat",
        "留言": "comment",
        "articleread": "article_read",
    },
    "status": {
        "预约": "booked",
        "已约": "booked",
        "完成": "done",
        "已到诊": "done",
        "到诊": "done",
        "已到店": "done",
        "取消": "cancelled",
        "未到": "no_show",
        "失约": "no_show",
        "noshow": "no_show",
        "canceled": "cancelled",
    },
    "channel": {
        "打电话": "phone",
        "手机": "phone",
        "当面": "in_person",
        "到店": "in_person",
        "面对面": "in_person",
        "inperson": "in_person",
        "微信消息": "wechat",
    },
    "purpose": {
        "复诊": "recall",
        "复查提醒": "recall",
        "唤醒": "reactivation",
        "沉睡客户唤醒": "reactivation",
        "生日": "birthday",
        "营销活动": "campaign",
        "转介绍": "referral",
        "服务补救": "recovery",
        "满意度调查": "survey",
        "问卷调查": "survey",
        "交叉销售": "crosssell",
        "项目推荐": "crosssell",
        "分享": "share",
        "裂变": "share",
        "分享邀请": "share",
    },
    "outcome": {
        "已接通": "reached",
        "无人接听": "no_answer",
        "未接通": "no_answer",
        "预约": "booked",
        "已拒绝": "declined",
        "空号": "wrong_number",
        "错号": "wrong_number",
        "请勿打扰": "do_not_contact",
        "不要联系": "do_not_contact",
        "noanswer": "no_answer",
        "wrongnumber": "wrong_number",
        "donotcontact": "do_not_contact",
    },
    "tag_category": {
        "静态标签": "static",
        "消费标签": "consumption",
        "行为标签": "behaviour",
        "behavior": "behaviour",
    },
    "knowledge": {
        "很懂": "expert",
        "内行": "expert",
        "专业": "expert",
        "不懂": "novice",
        "外行": "novice",
        "小白": "novice",
    },
}

_CODES: dict[str, tuple[str, ...]] = {
    "kind": INTERACTION_KINDS,
    "status": APPOINTMENT_STATUSES,
    "channel": CONTACT_CHANNELS,
    "purpose": CONTACT_PURPOSES,
    "outcome": CONTACT_OUTCOMES,
    "tag_category": TAG_CATEGORIES,
    "knowledge": KNOWLEDGE_VALUES,
}


def fold(text: str) -> str:
    return re.sub(r"[\s_\-]", "", unicodedata.normalize("NFKC", text)).lower()


_ENUM_LOOKUP: dict[str, dict[str, str]] = {
    field: {
        **{fold(code): code for code in codes},
        **{fold(label): code for code, label in ENUM_LABELS[field].items()},
        **{fold(word): code for word, code in _SYNONYMS[field].items()},
    }
    for field, codes in _CODES.items()
}


def enum_code(field: str, text: str) -> str | None:
    """The stored code for ``text`` in the enumerated ``field`` (kind, status, channel, purpose, outcome,
    tag_category, knowledge), or None when it is not one of them."""
    return _ENUM_LOOKUP[field].get(fold(text))
