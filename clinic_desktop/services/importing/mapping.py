"""Which column of a clinic's spreadsheet holds which field, and which sheet holds which kind of record.

Clinics name their columns every way imaginable (姓名 / 客户姓名 / 患者姓名, 手机 / 手机号 / 联系电话 …), so
each sheet kind of the clinic workbook (PRODUCT §7.1) has a table of header variants, Chinese and English,
matched after :func:`header_key` has folded width, case, spaces and bracketed hints such as
``类型（聊天/点赞）`` or ``金额(元)``. A header matches per sheet kind because the same word means different
things on different sheets: 渠道 is the *source* of a patient on 患者 but the *channel* of a call on 联系记录.

Age (年龄) is recognised so it is not reported as an unknown column, but it is never stored: a birth year
guessed from an age would look like a real birth date and drive birthday call lists. A patients sheet that
also has 日期/项目/金额 columns is a "flat" file — one row per visit — and creates visits too.

The field keys are shared across sheets where they mean the same thing (``phone``, ``date``, ``notes``);
:data:`FIELD_LABELS` gives each its canonical header (the one the export writes) and an English label.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "FIELD_LABELS",
    "FLAT_VISIT_FIELDS",
    "REQUIRED_FIELDS",
    "SHEET_FIELDS",
    "SHEET_KINDS",
    "SHEET_LABELS",
    "all_header_variants",
    "guess_kind",
    "guess_mapping",
    "header_key",
    "kind_from_sheet_name",
]

SHEET_KINDS: tuple[str, ...] = (
    "patients",
    "visits",
    "interactions",
    "appointments",
    "surveys",
    "contacts",
    "treatments",
    "tags",
)
#: sheet kind → (canonical sheet name, English label); the export writes the Chinese name
SHEET_LABELS: dict[str, tuple[str, str]] = {
    "patients": ("患者", "Patients"),
    "visits": ("消费", "Visits"),
    "interactions": ("互动", "Interactions"),
    "appointments": ("预约", "Appointments"),
    "surveys": ("满意度", "Surveys"),
    "contacts": ("联系记录", "Contacts"),
    "treatments": ("项目", "Treatments"),
    "tags": ("标签", "Tags"),
}

#: field key → (canonical Chinese header, English label)
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "key": ("患者编号", "Patient no."),
    "name": ("姓名", "Name"),
    "phone": ("手机", "Mobile"),
    "landline": ("座机", "Landline"),
    "gender": ("性别", "Gender"),
    "birth_date": ("出生日期", "Birth date"),
    "age": ("年龄", "Age (not stored)"),
    "lunar_birthday": ("农历生日", "Lunar birthday"),
    "wechat": ("微信", "WeChat"),
    "address": ("地址", "Address"),
    "district": ("区域", "District"),
    "occupation": ("职业", "Occupation"),
    "source": ("来源渠道", "Source channel"),
    "referrer_phone": ("介绍人手机", "Referrer's mobile"),
    "referrer_key": ("介绍人编号", "Referrer no."),
    "first_contact_date": ("首次接触日期", "First contact date"),
    "do_not_contact": ("勿扰", "Do not contact"),
    "do_not_contact_at": ("勿扰时间", "Do-not-contact since"),
    "marketing_consent": ("营销同意", "Marketing consent"),
    "marketing_consent_at": ("营销同意日期", "Consent date"),
    "guardian_consent": ("监护人同意", "Guardian's consent (under 14)"),
    "guardian_consent_at": ("监护人同意日期", "Guardian's consent date"),
    "vip": ("VIP", "VIP"),
    "archived": ("已归档", "Archived"),
    "tags": ("标签", "Tags"),
    "notes": ("备注", "Notes"),
    "opening_visits": ("历史到店次数", "Visits before (count)"),
    "opening_spend": ("历史消费金额", "Spend before (yuan)"),
    "opening_last_visit": ("最近到店日期", "Last visit before"),
    "date": ("日期", "Date"),
    "time": ("时间", "Time"),
    "treatment": ("项目", "Treatment"),
    "amount": ("金额", "Amount (yuan)"),
    "coupon": ("优惠券", "Coupon"),
    "staff": ("员工", "Staff"),
    "kind": ("类型", "Kind"),
    "detail": ("内容", "Detail"),
    "status": ("状态", "Status"),
    "overall": ("总体评分", "Overall (1-5)"),
    "service": ("服务评分", "Service (1-5)"),
    "result": ("效果评分", "Result (1-5)"),
    "environment": ("环境评分", "Environment (1-5)"),
    "price": ("价格评分", "Price (1-5)"),
    "nps": ("NPS", "NPS (0-10)"),
    "comment": ("评论", "Comment"),
    "visit_date": ("就诊日期", "Visit date"),
    "channel": ("渠道", "Channel"),
    "purpose": ("目的", "Purpose"),
    "outcome": ("结果", "Outcome"),
    "title": ("名称", "Name"),
    "category": ("类别", "Category"),
    "recall_days": ("复诊间隔天数", "Recall interval (days)"),
    "active": ("启用", "Active"),
    "color": ("颜色", "Colour"),
    "knowledge": ("认知", "Knowledge"),
}

#: visit columns a patients sheet may carry ("flat" file: one row per visit)
FLAT_VISIT_FIELDS: tuple[str, ...] = ("date", "treatment", "amount", "coupon", "staff")

_PATIENT_REF = ("phone", "key", "name")

#: the fields of each sheet kind, in the order the export writes them
SHEET_FIELDS: dict[str, tuple[str, ...]] = {
    "patients": (
        "name",
        "phone",
        "gender",
        "birth_date",
        "lunar_birthday",
        "wechat",
        "address",
        "occupation",
        "source",
        "referrer_phone",
        "first_contact_date",
        "do_not_contact",
        "marketing_consent",
        "vip",
        "tags",
        "notes",
        "opening_visits",
        "opening_spend",
        "opening_last_visit",
        # beyond the §7.1 minimum: what an export needs so a round trip keeps everything
        "landline",
        "district",
        "marketing_consent_at",
        "do_not_contact_at",
        "archived",
        "key",
        "referrer_key",
        "guardian_consent",
        "guardian_consent_at",
        "knowledge",
        "age",
        *FLAT_VISIT_FIELDS,
    ),
    "visits": ("phone", "date", "treatment", "amount", "coupon", "staff", "key", "name"),
    "interactions": ("phone", "time", "kind", "detail", "key", "name"),
    "appointments": ("phone", "time", "treatment", "status", "key", "name"),
    "surveys": (
        "phone",
        "date",
        "overall",
        "nps",
        "comment",
        "service",
        "result",
        "environment",
        "price",
        "visit_date",
        "key",
        "name",
    ),
    "contacts": ("phone", "time", "channel", "purpose", "outcome", "notes", "staff", "key", "name"),
    "treatments": ("title", "category", "recall_days", "active"),
    "tags": ("title", "category", "color"),
}

#: fields a sheet of this kind cannot do without (a tuple inside means "one of these")
REQUIRED_FIELDS: dict[str, tuple[str | tuple[str, ...], ...]] = {
    "patients": ("name",),
    "visits": (_PATIENT_REF, "date"),
    "interactions": (_PATIENT_REF, "time", "kind"),
    "appointments": (_PATIENT_REF, "time"),
    "surveys": (_PATIENT_REF, "date", "overall"),
    "contacts": (_PATIENT_REF, "time", "channel", "purpose", "outcome"),
    "treatments": ("title",),
    "tags": ("title",),
}

# --- header variants -----------------------------------------------------------------------------------

_COMMON_REF: dict[str, tuple[str, ...]] = {
    "phone": (
        "手机",
        "手机号",
        "手机号码",
        "电话",
        "联系电话",
        "电话号码",
        "联系方式",
        "移动电话",
        "客户手机",
        "患者手机",
        "mobile",
        "phone",
        "phonenumber",
        "mobilephone",
        "cellphone",
        "tel",
        "telephone",
    ),
    "key": ("患者编号", "客户编号", "编号", "病历号", "会员号", "patientno", "patientid"),
    "name": (
        "姓名",
        "客户姓名",
        "患者姓名",
        "客户",
        "患者",
        "名字",
        "name",
        "patient",
        "patientname",
        "fullname",
    ),
}

_VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "patients": {
        **_COMMON_REF,
        "gender": ("性别", "gender", "sex"),
        "landline": ("座机", "固定电话", "固话", "座机号码", "家庭电话", "办公电话", "landline", "homephone"),
        "birth_date": (
            "出生日期",
            "生日",
            "出生年月",
            "出生年月日",
            "生日日期",
            "birthday",
            "birthdate",
            "dob",
            "dateofbirth",
        ),
        "age": ("年龄", "age"),
        "lunar_birthday": ("农历生日", "农历", "阴历生日", "过农历生日", "lunarbirthday", "lunar"),
        "wechat": ("微信", "微信号", "wechat", "wechatid", "weixin"),
        "address": ("地址", "住址", "家庭住址", "联系地址", "居住地址", "address"),
        "district": ("区域", "区县", "所在区", "片区", "district", "area"),
        "occupation": ("职业", "工作", "occupation", "job"),
        "source": ("来源渠道", "来源", "渠道", "客户来源", "获客渠道", "source", "channel", "sourcechannel"),
        "referrer_phone": (
            "介绍人手机",
            "介绍人",
            "推荐人",
            "推荐人手机",
            "介绍人电话",
            "referrer",
            "referrerphone",
            "referredby",
        ),
        "referrer_key": ("介绍人编号", "推荐人编号", "referrerno", "referrerid"),
        "first_contact_date": (
            "首次接触日期",
            "首次接触",
            "建档日期",
            "首次到店日期",
            "登记日期",
            "firstcontact",
            "firstcontactdate",
            "registered",
        ),
        "do_not_contact": (
            "勿扰",
            "请勿打扰",
            "勿扰标记",
            "免打扰",
            "不要联系",
            "拒绝回访",
            "donotcontact",
            "dnc",
        ),
        "do_not_contact_at": ("勿扰时间", "勿扰日期", "donotcontactat", "donotcontactsince"),
        "marketing_consent": (
            "营销同意",
            "同意营销",
            "同意接收营销",
            "是否同意营销",
            "营销许可",
            "可营销",
            "marketingconsent",
            "consent",
        ),
        "marketing_consent_at": ("营销同意日期", "同意日期", "consentdate", "marketingconsentat"),
        "guardian_consent": (
            "监护人同意",
            "家长同意",
            "监护人同意营销",
            "guardianconsent",
            "parentalconsent",
        ),
        "guardian_consent_at": ("监护人同意日期", "家长同意日期", "guardianconsentdate", "guardianconsentat"),
        "vip": ("vip", "是否vip", "贵宾", "会员vip", "手动vip"),
        "archived": ("已归档", "归档", "archived"),
        # a membership level (金卡/银卡) is a label the clinic gave the patient: it becomes a tag
        "tags": ("标签", "客户标签", "会员等级", "会员级别", "客户等级", "tags", "tag"),
        # PRODUCT §4.1: 懂行 / 不太懂 as the staff recorded it (values: services.importing.codes)
        "knowledge": ("认知", "认知程度", "专业认知", "懂行程度", "knowledge"),
        "notes": ("备注", "说明", "notes", "note", "remark", "remarks"),
        "opening_visits": (
            "历史到店次数",
            "到店次数",
            "就诊次数",
            "消费次数",
            "累计到店",
            "累计到店次数",
            "visits",
            "visitcount",
            "openingvisits",
        ),
        "opening_spend": (
            "历史消费金额",
            "消费金额",
            "累计消费",
            "累计消费金额",
            "总消费",
            "消费总额",
            "totalspend",
            "spend",
            "openingspend",
        ),
        "opening_last_visit": (
            "最近到店日期",
            "最近到店",
            "最后就诊",
            "最后到店",
            "最后就诊日期",
            "最近就诊",
            "上次到店",
            "lastvisit",
            "lastvisitdate",
        ),
        "date": ("日期", "消费日期", "就诊日期", "到店日期", "date", "visitdate"),
        "treatment": ("项目", "消费项目", "治疗项目", "treatment", "item", "service"),
        "amount": ("金额", "实收金额", "实付金额", "收费", "amount", "paid"),
        "coupon": ("优惠券", "优惠", "活动", "coupon"),
        "staff": ("员工", "医生", "接诊医生", "经手人", "staff", "doctor"),
    },
    "visits": {
        **_COMMON_REF,
        "date": ("日期", "消费日期", "就诊日期", "到店日期", "date", "visitdate"),
        "treatment": ("项目", "消费项目", "治疗项目", "treatment", "item", "service"),
        "amount": ("金额", "消费金额", "实收金额", "实付金额", "收费", "amount", "paid"),
        "coupon": ("优惠券", "优惠", "活动", "coupon", "campaign"),
        "staff": ("员工", "医生", "接诊医生", "经手人", "staff", "doctor"),
    },
    "interactions": {
        **_COMMON_REF,
        "time": ("时间", "日期", "互动时间", "time", "date", "when"),
        "kind": ("类型", "互动类型", "kind", "type"),
        "detail": ("内容", "详情", "说明", "detail", "content"),
    },
    "appointments": {
        **_COMMON_REF,
        "time": ("时间", "预约时间", "日期", "time", "scheduledat", "date"),
        "treatment": ("项目", "预约项目", "treatment", "item"),
        "status": ("状态", "预约状态", "status"),
    },
    "surveys": {
        **_COMMON_REF,
        "date": ("日期", "评价日期", "date"),
        "overall": ("总体评分", "总体", "评分", "满意度", "overall", "score"),
        "nps": ("nps", "推荐意愿", "推荐指数"),
        "comment": ("评论", "评价", "意见", "comment", "comments"),
        "service": ("服务评分", "服务", "service"),
        "result": ("效果评分", "效果", "result"),
        "environment": ("环境评分", "环境", "environment"),
        "price": ("价格评分", "价格", "price"),
        "visit_date": ("就诊日期", "消费日期", "visitdate"),
    },
    "contacts": {
        **_COMMON_REF,
        "time": ("时间", "联系时间", "日期", "time", "date"),
        "channel": ("渠道", "方式", "联系方式", "channel"),
        "purpose": ("目的", "联系目的", "purpose"),
        "outcome": ("结果", "联系结果", "outcome", "result"),
        "notes": ("备注", "说明", "notes", "note"),
        "staff": ("员工", "联系人", "经手人", "staff"),
    },
    "treatments": {
        "title": ("名称", "项目", "项目名称", "name", "treatment"),
        "category": ("类别", "分类", "category"),
        "recall_days": ("复诊间隔天数", "复诊间隔", "复诊天数", "间隔天数", "recalldays", "recall"),
        "active": ("启用", "是否启用", "active"),
    },
    "tags": {
        "title": ("名称", "标签", "标签名称", "name", "tag"),
        "category": ("类别", "分类", "category"),
        "color": ("颜色", "color", "colour"),
    },
}

# Brackets hold hints ("类型（聊天/点赞）", "金额(元)"); "*" marks a required column in some templates.
_BRACKETS = re.compile(r"[(\[（【].*?[)\]）】]")
_DROP = re.compile(r"[\s*:：_\-./#]")


def header_key(header: object) -> str:
    """A header folded for matching: width (NFKC), case, spaces, hints in brackets and ``*`` removed."""
    if header is None:
        return ""
    text = unicodedata.normalize("NFKC", str(header)).strip().lower()
    text = _BRACKETS.sub("", text)
    return _DROP.sub("", text)


_LOOKUP: dict[str, dict[str, str]] = {
    kind: {header_key(v): field for field, variants in table.items() for v in variants}
    for kind, table in _VARIANTS.items()
}


def all_header_variants() -> frozenset[str]:
    """Every header any sheet kind recognises (folded), for finding the header row of a sheet."""
    return frozenset(key for table in _LOOKUP.values() for key in table)


def guess_mapping(kind: str, headers: Iterable[object]) -> dict[int, str]:
    """Column index → field for the headers this sheet kind recognises; the first column wins a field."""
    table = _LOOKUP.get(kind, {})
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        field = table.get(header_key(header))
        if field is not None and field not in taken:
            mapping[index] = field
            taken.add(field)
    return mapping


def missing_required(kind: str, fields: Iterable[str]) -> list[str]:
    """The required fields (or one-of groups, joined with "/") a mapping lacks."""
    present = set(fields)
    missing: list[str] = []
    for need in REQUIRED_FIELDS.get(kind, ()):
        options = need if isinstance(need, tuple) else (need,)
        if not present.intersection(options):
            missing.append("/".join(options))
    return missing


_NAME_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("contacts", ("联系记录", "联系", "回访记录", "contact")),
    ("surveys", ("满意度", "评价", "问卷", "survey")),
    ("appointments", ("预约", "appointment")),
    ("interactions", ("互动", "interaction")),
    ("visits", ("消费", "到诊", "就诊", "收费", "visit")),
    ("treatments", ("项目", "treatment", "catalogue")),
    ("tags", ("标签", "tag")),
    ("patients", ("患者", "客户", "会员", "病人", "patient", "customer", "client")),
)


def kind_from_sheet_name(name: str) -> str | None:
    """The kind a sheet's name announces (患者, 消费记录, Visits …), or None."""
    folded = header_key(name)
    for kind, hints in _NAME_HINTS:
        if any(header_key(h) in folded for h in hints):
            return kind
    return None


def guess_kind(sheet_name: str, headers: list[object]) -> str | None:
    """The sheet kind from its name if the headers fit it, else the kind whose headers fit best.

    A kind fits when all its required fields are present; among fitting kinds the one that recognises
    the most columns wins, patients first on a tie (the common case: a plain customer list).
    """
    named = kind_from_sheet_name(sheet_name)
    if named is not None and not missing_required(named, guess_mapping(named, headers).values()):
        return named
    best: tuple[int, int, str] | None = None
    for order, kind in enumerate(SHEET_KINDS):
        fields = guess_mapping(kind, headers).values()
        if missing_required(kind, fields):
            continue
        # child sheets need more than a name column to be told apart from a patients sheet
        specific = len(set(fields) - {"phone", "key", "name"})
        if kind != "patients" and specific < 1:
            continue
        score = (specific, -order, kind)
        if best is None or score[:2] > best[:2]:
            best = score
    return None if best is None else best[2]
