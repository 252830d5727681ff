"""Translated display names for the codes a patient record stores (``consult``, ``no_show``, ``repeat`` …).

The database keeps short English codes (PRODUCT §9); the receptionist reads Chinese. Each name is marked
with ``QT_TRANSLATE_NOOP`` so ``pyside6-lupdate`` collects it into the ``RecordLabels`` context, and is
translated when shown, so switching the language needs no restart of this module.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "RecordLabels"
#: code → Chinese source text (``QT_TRANSLATE_NOOP`` is typed as returning ``object``, hence the type)
Labels = Mapping[str, object]

STAGES: Labels = {
    "stranger": QT_TRANSLATE_NOOP("RecordLabels", "陌生用户"),
    "potential": QT_TRANSLATE_NOOP("RecordLabels", "潜在用户"),
    "intent": QT_TRANSLATE_NOOP("RecordLabels", "意向用户"),
    "customer": QT_TRANSLATE_NOOP("RecordLabels", "下单用户"),
    "repeat": QT_TRANSLATE_NOOP("RecordLabels", "复购用户"),
    "vip": QT_TRANSLATE_NOOP("RecordLabels", "超级用户"),
}
ACTIVITIES: Labels = {
    "active": QT_TRANSLATE_NOOP("RecordLabels", "活跃"),
    "due": QT_TRANSLATE_NOOP("RecordLabels", "待复诊"),
    "lapsing": QT_TRANSLATE_NOOP("RecordLabels", "流失预警"),
    "lapsed": QT_TRANSLATE_NOOP("RecordLabels", "沉睡"),
    "none": QT_TRANSLATE_NOOP("RecordLabels", "未消费"),
}
FLAGS: Labels = {
    "koc": QT_TRANSLATE_NOOP("RecordLabels", "传播者"),
    "at_risk": QT_TRANSLATE_NOOP("RecordLabels", "预警"),
    "no_feedback": QT_TRANSLATE_NOOP("RecordLabels", "暂无反馈"),
}
TAG_CATEGORIES: Labels = {
    "static": QT_TRANSLATE_NOOP("RecordLabels", "静态"),
    "consumption": QT_TRANSLATE_NOOP("RecordLabels", "消费"),
    "behaviour": QT_TRANSLATE_NOOP("RecordLabels", "行为"),
    "custom": QT_TRANSLATE_NOOP("RecordLabels", "自定义"),
}
INTERACTION_KINDS: Labels = {
    "chat": QT_TRANSLATE_NOOP("RecordLabels", "聊天"),
    "like": QT_TRANSLATE_NOOP("RecordLabels", "点赞"),
    "comment": QT_TRANSLATE_NOOP("RecordLabels", "评论"),
    "article_read": QT_TRANSLATE_NOOP("RecordLabels", "阅读文章"),
    "miniprogram": QT_TRANSLATE_NOOP("RecordLabels", "小程序"),
    "consult": QT_TRANSLATE_NOOP("RecordLabels", "咨询"),
    "quote": QT_TRANSLATE_NOOP("RecordLabels", "报价"),
    "campaign": QT_TRANSLATE_NOOP("RecordLabels", "参加活动"),
}
APPOINTMENT_STATUSES: Labels = {
    "booked": QT_TRANSLATE_NOOP("RecordLabels", "已预约"),
    "done": QT_TRANSLATE_NOOP("RecordLabels", "已完成"),
    "cancelled": QT_TRANSLATE_NOOP("RecordLabels", "已取消"),
    "no_show": QT_TRANSLATE_NOOP("RecordLabels", "爽约"),
}
CONTACT_CHANNELS: Labels = {
    "phone": QT_TRANSLATE_NOOP("RecordLabels", "电话"),
    "wechat": QT_TRANSLATE_NOOP("RecordLabels", "微信"),
    "sms": QT_TRANSLATE_NOOP("RecordLabels", "短信"),
    "in_person": QT_TRANSLATE_NOOP("RecordLabels", "面谈"),
}
CONTACT_PURPOSES: Labels = {
    "recall": QT_TRANSLATE_NOOP("RecordLabels", "复诊提醒"),
    "reactivation": QT_TRANSLATE_NOOP("RecordLabels", "沉睡唤醒"),
    "birthday": QT_TRANSLATE_NOOP("RecordLabels", "生日关怀"),
    "campaign": QT_TRANSLATE_NOOP("RecordLabels", "活动"),
    "referral": QT_TRANSLATE_NOOP("RecordLabels", "转介绍邀请"),
    "recovery": QT_TRANSLATE_NOOP("RecordLabels", "满意度回访"),
    "survey": QT_TRANSLATE_NOOP("RecordLabels", "问卷"),
    "crosssell": QT_TRANSLATE_NOOP("RecordLabels", "交叉推荐"),
    "share": QT_TRANSLATE_NOOP("RecordLabels", "分享裂变"),
}
CONTACT_OUTCOMES: Labels = {
    "reached": QT_TRANSLATE_NOOP("RecordLabels", "接通"),
    "no_answer": QT_TRANSLATE_NOOP("RecordLabels", "未接"),
    "booked": QT_TRANSLATE_NOOP("RecordLabels", "已预约"),
    "declined": QT_TRANSLATE_NOOP("RecordLabels", "拒绝"),
    "wrong_number": QT_TRANSLATE_NOOP("RecordLabels", "号码错误"),
    "do_not_contact": QT_TRANSLATE_NOOP("RecordLabels", "勿扰"),
}

#: PRODUCT §4.1: the four segments (and unknown), the recorded knowledge, the rule-derived tags
SEGMENTS: Labels = {
    "expert_price": QT_TRANSLATE_NOOP("RecordLabels", "懂行·价格敏感"),
    "expert_quality": QT_TRANSLATE_NOOP("RecordLabels", "懂行·重品质"),
    "novice_follower": QT_TRANSLATE_NOOP("RecordLabels", "不太懂·随大流"),
    "novice_price": QT_TRANSLATE_NOOP("RecordLabels", "不太懂·价格敏感"),
    "unknown": QT_TRANSLATE_NOOP("RecordLabels", "未知"),
}
SEGMENT_GROUPS: Labels = {
    "incentive": QT_TRANSLATE_NOOP("RecordLabels", "诱因用户"),
    "high_value": QT_TRANSLATE_NOOP("RecordLabels", "高净值用户"),
}
KNOWLEDGE: Labels = {
    "expert": QT_TRANSLATE_NOOP("RecordLabels", "懂行"),
    "novice": QT_TRANSLATE_NOOP("RecordLabels", "不太懂"),
    "unknown": QT_TRANSLATE_NOOP("RecordLabels", "未记录"),
}
RULE_TAGS: Labels = {
    "price_sensitive": QT_TRANSLATE_NOOP("RecordLabels", "价格敏感"),
    "no_show": QT_TRANSLATE_NOOP("RecordLabels", "爽约较多"),
    "minor": QT_TRANSLATE_NOOP("RecordLabels", "儿童"),
    "high_ticket": QT_TRANSLATE_NOOP("RecordLabels", "高客单"),
    "lapsed_high_value": QT_TRANSLATE_NOOP("RecordLabels", "沉睡高价值"),
}
#: how the clinic serves each segment (PRODUCT §4.1)
SEGMENT_HANDLING: Labels = {
    "expert_price": QT_TRANSLATE_NOOP("RecordLabels", "分享裂变换服务，价格透明"),
    "expert_quality": QT_TRANSLATE_NOOP("RecordLabels", "转介绍邀请、专业内容，不先谈折扣"),
    "novice_follower": QT_TRANSLATE_NOOP("RecordLabels", "社会认同：案例、口碑"),
    "novice_price": QT_TRANSLATE_NOOP("RecordLabels", "分享裂变换服务，简单套餐"),
    "unknown": QT_TRANSLATE_NOOP("RecordLabels", "先记录认知"),
}


def label(names: Labels, code: str | None) -> str:
    """The translated name of ``code`` in ``names``; an unknown code is shown as itself, never hidden."""
    if code is None:
        return ""
    source = names.get(code)
    return QCoreApplication.translate(_CONTEXT, str(source)) if source is not None else code


def choices(names: Labels) -> list[tuple[str, str]]:
    """(code, translated name) pairs in declaration order, for a combo box."""
    return [(code, QCoreApplication.translate(_CONTEXT, str(source))) for code, source in names.items()]
