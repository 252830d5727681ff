"""The demo clinic as the generator imagines it: its price list, who performs what, where patients come
from and how each channel converts, how contacts go — and :class:`Clinic`, the generator's state.

:class:`Clinic` holds the look-up tables every part of the generator draws from (days as ISO text, price
lists, weighted tables), the one random source (draws happen in a fixed order: the same seed always
gives the same clinic), the ids handed out so far and the rows gathered for the next insert. The modules
beside this one each add one kind of record to it; :mod:`.builder` inserts the rows.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date
from typing import Any

from clinic_desktop.db.catalogue import DEFAULT_TREATMENTS
from clinic_desktop.db.models import (
    APPOINTMENT_STATUSES,
    CONTACT_CHANNELS,
    CONTACT_OUTCOMES,
    CONTACT_PURPOSES,
    INTERACTION_KINDS,
    KNOWLEDGE_VALUES,
    TAG_CATEGORIES,
)
from clinic_desktop.services.demo import names as N

#: how far back the clinic's history goes
HISTORY_DAYS = 6 * 365
#: opening-balance patients: the clinic moved to this system this long ago; older visits are summaries
SYSTEM_SWITCH_DAYS = 4 * 365
#: archived patients only in clinics of this size (a small demo's counts stay round)
ARCHIVE_FROM = 1_000

#: a row as inserted: values in the order of :func:`clinic_desktop.db.bulk.bulk_columns`
Row = tuple[Any, ...]

# --- the clinic's price list (yuan; several list prices per treatment) -------------------------------

_PRICES_YUAN: dict[str, tuple[int, ...]] = {
    "口腔检查": (0, 0, 0, 0, 0, 0, 50, 80, 100),
    "洁牙": (168, 198, 238, 268, 298),
    "涂氟": (88, 98, 128, 158, 198),
    "窝沟封闭": (160, 200, 240, 300),
    "补牙": (300, 380, 450, 520, 600, 680, 800),
    "根管治疗": (1500, 1800, 2200, 2600, 3000),
    "拔牙": (200, 350, 500, 800, 1200),
    "牙冠修复": (1500, 2500, 3500, 4800, 6800),
    "美白": (1280, 1680, 2280, 2980),
    "正畸": (15800, 19800, 23800, 26800, 29800, 33800),
    "正畸复诊": (0, 0, 0, 100, 150, 200),
    "种植牙": (8800, 10800, 12800, 15800, 18800),
    "种植维护": (200, 300, 400, 500),
    "玻尿酸": (3200, 3980, 4800, 5800, 6800, 7800),
    "肉毒素": (1580, 1980, 2580, 2980, 3580),
    "光子嫩肤": (880, 980, 1180, 1280, 1480),
    "水光针": (1280, 1580, 1880, 2280),
    "热玛吉": (12800, 16800, 19800, 23800),
    "皮肤检测": (0, 0, 0, 0, 0, 100),
}
#: who performs a treatment: 0 dentist, 1 hygienist, 2 aesthetic doctor
_ROLE: dict[str, int] = {"洁牙": 1, "涂氟": 1, "窝沟封闭": 1, "种植维护": 1}
_AESTHETIC = ("玻尿酸", "肉毒素", "光子嫩肤", "水光针", "热玛吉", "皮肤检测")

# --- acquisition channels: (name, weight, lifecycle mix) ------------------------------------------
# Lifecycle mix = probabilities of stranger, potential, intent, one-time customer, repeat customer.
# Referrals and friends convert and repeat well; 抖音 brings many strangers who rarely buy (PRODUCT §6).
STRANGER, POTENTIAL, INTENT, ONCE, REPEAT = range(5)
CHANNELS: tuple[tuple[str | None, float, tuple[float, float, float, float, float]], ...] = (
    ("大众点评", 13, (0.08, 0.07, 0.10, 0.25, 0.50)),
    ("美团", 7, (0.10, 0.08, 0.10, 0.27, 0.45)),
    ("抖音", 16, (0.38, 0.30, 0.13, 0.12, 0.07)),
    ("小红书", 10, (0.18, 0.28, 0.12, 0.17, 0.25)),
    ("朋友介绍", 9, (0.03, 0.05, 0.06, 0.16, 0.70)),
    ("老客户转介绍", 8, (0.02, 0.03, 0.05, 0.14, 0.76)),
    ("公众号", 8, (0.10, 0.25, 0.09, 0.14, 0.42)),
    ("小程序", 7, (0.10, 0.22, 0.10, 0.18, 0.40)),
    ("路过", 8, (0.06, 0.04, 0.08, 0.30, 0.52)),
    ("社区义诊", 4, (0.22, 0.18, 0.16, 0.20, 0.24)),
    ("企业团检", 3, (0.15, 0.05, 0.10, 0.32, 0.38)),
    (None, 3, (0.10, 0.05, 0.05, 0.20, 0.60)),
)
REFERRAL, FRIEND = "老客户转介绍", "朋友介绍"
GROUP_BUY = ("大众点评", "美团", "抖音")

# --- the seed's four kinds of patient (PRODUCT §4.1) ---------------------------------------------------
# Group-buy channels bring bargain hunters; referred patients trust the clinic. A price-sensitive patient
# uses a coupon on most visit days, anyone else now and then; so 价格敏感 (≥ 50% of occasions with a
# coupon) is derived from the visits, never typed. Knowledge is what the staff recorded, for the patients
# they know — most who bought, few who did not.
EXPERT, NOVICE = "expert", "novice"
#: P(price-sensitive) by channel (others: _PRICE_SENSITIVE_OTHER)
PRICE_SENSITIVE_BY_CHANNEL: dict[str | None, float] = {
    "大众点评": 0.55,
    "美团": 0.6,
    "抖音": 0.55,
    "小红书": 0.35,
    "朋友介绍": 0.15,
    "老客户转介绍": 0.12,
}
PRICE_SENSITIVE_OTHER = 0.25
#: P(a coupon on a visit day): price-sensitive, everyone else
COUPON_DAY_SHARE = (0.75, 0.07)

# interaction kinds a patient who only follows the clinic produces, with weights
_SOFT_KINDS = (
    ("chat", 3),
    ("like", 4),
    ("comment", 2),
    ("article_read", 4),
    ("miniprogram", 2),
    ("campaign", 2),
)

# contact purpose: (channel weights, outcome weights)
_CONTACT_MIX: dict[str, tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]] = {
    "recall": ((("phone", 6), ("wechat", 4)), (("reached", 3), ("booked", 4), ("no_answer", 3))),
    "reactivation": (
        (("phone", 5), ("sms", 3), ("wechat", 2)),
        (("no_answer", 4), ("declined", 3), ("reached", 2), ("booked", 1), ("wrong_number", 0.5)),
    ),
    "birthday": ((("wechat", 6), ("sms", 4)), (("reached", 8), ("no_answer", 2))),
    "campaign": (
        (("sms", 6), ("wechat", 4)),
        (("reached", 3), ("no_answer", 4), ("declined", 3), ("booked", 1)),
    ),
    "referral": (
        (("wechat", 5), ("in_person", 3), ("phone", 2)),
        (("reached", 6), ("booked", 2), ("declined", 2)),
    ),
    "recovery": ((("phone", 9), ("in_person", 1)), (("reached", 7), ("no_answer", 2), ("declined", 1))),
    "survey": ((("phone", 6), ("wechat", 4)), (("reached", 7), ("no_answer", 3))),
    "crosssell": (
        (("in_person", 4), ("phone", 3), ("wechat", 3)),
        (("reached", 4), ("booked", 2), ("declined", 3), ("no_answer", 2)),
    ),
    "share": ((("wechat", 7), ("in_person", 3)), (("reached", 6), ("declined", 2), ("no_answer", 2))),
}


def check_codes() -> None:
    """Every enumerated code the generator writes must be one the schema allows (CHECKs are off)."""
    problems = []
    kinds = {k for k, _ in _SOFT_KINDS} | {"consult", "quote"}
    problems += [f"interaction kind {k}" for k in sorted(kinds) if k not in INTERACTION_KINDS]
    for purpose, (channels, outcomes) in _CONTACT_MIX.items():
        if purpose not in CONTACT_PURPOSES:
            problems.append(f"contact purpose {purpose}")
        problems += [f"contact channel {c}" for c, _ in channels if c not in CONTACT_CHANNELS]
        problems += [f"contact outcome {o}" for o, _ in outcomes if o not in CONTACT_OUTCOMES]
    if "do_not_contact" not in CONTACT_OUTCOMES or "wechat" not in CONTACT_CHANNELS:
        problems.append("contact codes do_not_contact/wechat")
    problems += [f"appointment status {s}" for s in _STATUSES if s not in APPOINTMENT_STATUSES]
    problems += [f"tag category {c}" for _, c, _ in N.TAGS if c not in TAG_CATEGORIES]
    problems += [f"knowledge {k}" for k in (EXPERT, NOVICE) if k not in KNOWLEDGE_VALUES]
    if problems:
        raise RuntimeError("demo generator out of date with db.models: " + ", ".join(problems))


_STATUSES = ("booked", "done", "cancelled", "no_show")


def _table(pairs: tuple[tuple[Any, float], ...], size: int = 2000) -> tuple[Any, ...]:
    """A weighted choice as a look-up table: ``table[int(random() * len(table))]`` is one O(1) draw."""
    total = sum(w for _, w in pairs)
    out: list[Any] = []
    for value, weight in pairs:
        out.extend([value] * max(1, round(weight / total * size)))
    return tuple(out)


def _iso_datetime(day: str, minute: int) -> str:
    return f"{day} {minute // 60:02d}:{minute % 60:02d}:{(minute * 37) % 60:02d}.000000"


class Clinic:
    """Look-ups, the random source, ids so far and the rows to insert next; one per generated demo.

    Hot paths copy attributes into local variables on purpose (a million visit lines).
    """

    def __init__(self, cur: sqlite3.Cursor, patients: int, seed: int, as_of: date) -> None:
        self.cur = cur
        self.n = patients
        self.r = random.Random(seed)
        self.as_of = as_of
        # Day k is DAYS[k]; A is as_of. Room before the history for opening balances, after for bookings.
        self.origin = as_of.toordinal() - HISTORY_DAYS - 30
        span = HISTORY_DAYS + 30 + 400
        self.days = [date.fromordinal(self.origin + k).isoformat() for k in range(span)]
        self.A = HISTORY_DAYS + 30
        self.minute_any = [_iso_datetime("", m)[1:] for m in range(8 * 60, 23 * 60)]  # 08:00–22:59
        self.minute_office = [_iso_datetime("", m)[1:] for m in range(9 * 60 + 30, 20 * 60)]
        self.slots = [f"{h:02d}:{m:02d}:00.000000" for h in range(9, 18) for m in (0, 30)]
        self.treatments = self._treatment_ids()
        self.prices = {
            self.treatments[name]: tuple(y * 100 for y in yuan) for name, yuan in _PRICES_YUAN.items()
        }
        self.role_list = [0] * (max(self.treatments.values()) + 1)
        for name, role in _ROLE.items():
            self.role_list[self.treatments[name]] = role
        for name in _AESTHETIC:
            self.role_list[self.treatments[name]] = 2
        self.contact_tables = {
            purpose: (_table(channels, 100), _table(outcomes, 100))
            for purpose, (channels, outcomes) in _CONTACT_MIX.items()
        }
        self.tags = self._tag_ids()
        self.surnames: tuple[str, ...] = _table(N.SURNAMES, 4000)
        self.districts: tuple[str, ...] = _table(N.DISTRICTS)
        self.occupations: tuple[str, ...] = _table(N.OCCUPATIONS)
        self.channels: tuple[int, ...] = _table(tuple((i, w) for i, (_, w, _) in enumerate(CHANNELS)))
        self.soft_kinds: tuple[str, ...] = _table(_SOFT_KINDS, 200)
        self.details = self._detail_texts()
        self.keys: dict[str, tuple[str, str]] = {}
        self.phones: set[str] = set()
        # referral state: paying patients (id, first purchase day) and KOCs [id, first purchase day, quota]
        self.payers: list[tuple[int, int]] = []
        self.kocs: list[list[int]] = []
        self.manual_vips = 0
        self.max_vips = 3 + patients // 400
        #: the last id handed out per table (patients are numbered by the driver)
        self.ids = {"visits": 0, "interactions": 0, "appointments": 0, "surveys": 0, "contacts": 0}
        self.reset_rows()

    # --- set-up -------------------------------------------------------------------------------------

    def _treatment_ids(self) -> dict[str, int]:
        """Catalogue ids by name; a treatment the clinic deleted from the catalogue is added back."""
        self.cur.execute("SELECT id, name FROM treatments ORDER BY id")
        ids = {name: tid for tid, name in self.cur.fetchall()}
        next_id = max(ids.values(), default=0)
        for entry in DEFAULT_TREATMENTS:
            if entry.name not in ids:
                next_id += 1
                self.cur.execute(
                    "INSERT INTO treatments (id, name, category, recall_days, active) VALUES (?, ?, ?, ?, 1)",
                    (next_id, entry.name, entry.category, entry.recall_days),
                )
                ids[entry.name] = next_id
        return ids

    def _tag_ids(self) -> dict[str, int]:
        self.cur.execute("SELECT id, name FROM tags ORDER BY id")
        ids = {name: tid for tid, name in self.cur.fetchall()}
        next_id = max(ids.values(), default=0)
        for name, category, color in N.TAGS:
            if name not in ids:
                next_id += 1
                self.cur.execute(
                    "INSERT INTO tags (id, name, category, color, rule) VALUES (?, ?, ?, ?, NULL)",
                    (next_id, name, category, color),
                )
                ids[name] = next_id
        return ids

    def _detail_texts(self) -> dict[tuple[str, int], tuple[str, ...]]:
        """Interaction detail strings by (kind, interest 0 dental / 1 aesthetic)."""
        out: dict[tuple[str, int], tuple[str, ...]] = {}
        for interest in (0, 1):
            items = N.INTEREST_ITEMS[interest]
            out["chat", interest] = tuple(line.format(item=i) for line in N.CHAT_LINES for i in items)
            out["like", interest] = tuple(f"点赞朋友圈：{i}案例分享" for i in items)
            out["comment", interest] = tuple(f"评论：{i}效果怎么样？" for i in items)
            out["article_read", interest] = tuple(f"阅读文章{a}" for a in N.ARTICLES[interest])
            out["miniprogram", interest] = tuple(f"小程序{v}：{i}" for v in ("浏览", "收藏") for i in items)
            out["consult", interest] = tuple(f"咨询{i}" for i in items)
            out["campaign", interest] = tuple(f"参加活动：{c}" for c in N.CAMPAIGNS)
            quotes: list[str] = []
            for i in items:
                yuan = _PRICES_YUAN[N.PRICE_ITEM.get(i, i)]
                quotes.extend(f"报价：{i} ¥{y:,}" for y in yuan if y >= 150)
            out["quote", interest] = tuple(quotes)
        return out

    def reset_rows(self) -> None:
        """Empty row buffers, after the driver inserted what they held."""
        self.patient_rows: list[Row] = []
        self.tag_rows: list[Row] = []
        self.visit_rows: list[Row] = []
        self.survey_rows: list[Row] = []
        self.interaction_rows: list[Row] = []
        self.appointment_rows: list[Row] = []
        self.contact_rows: list[Row] = []
