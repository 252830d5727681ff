"""Fill an empty database with a believable dental + medical-aesthetics clinic (the ``demo`` command).

The demo is what a prospective clinic sees first and what every screen is tuned against, so it must look
like a real clinic (channels of different quality, referral chains, recalls kept and missed, unhappy
patients, lapsed ones) and be fast at the product's ceiling of 100,000 patients / 1,000,000 visit lines.

* **Deterministic**: one ``random.Random(seed)``; dates relative to ``as_of``; no ``hash()``, no set
  iteration, no wall clock (``created_at`` is written explicitly instead of ``CURRENT_TIMESTAMP``).
* **Fast**: plain tuples inserted with ``executemany`` on the raw DBAPI connection, ids assigned here,
  dates as ISO text in SQLAlchemy's SQLite format; a day is an integer index into a precomputed table
  of ISO strings, so a visit line costs a few list look-ups and one tuple.
* **Safe**: refuses a database that already has patients; everything is written in one transaction, so
  an error leaves nothing behind.

Metrics are *not* computed here (``services.metrics.recompute`` does that after the demo).
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from clinic_desktop.core.pinyin_keys import search_keys
from clinic_desktop.db.bulk import bulk_columns, insert_rows, refresh_statistics, write_transaction
from clinic_desktop.db.catalogue import DEFAULT_TREATMENTS
from clinic_desktop.db.models import (
    APPOINTMENT_STATUSES,
    CONTACT_CHANNELS,
    CONTACT_OUTCOMES,
    CONTACT_PURPOSES,
    INTERACTION_KINDS,
    TAG_CATEGORIES,
)
from clinic_desktop.services.database import Database
from clinic_desktop.services.demo import names as N

__all__ = ["DemoError", "DemoSummary", "generate_demo"]

MAX_PATIENTS = 1_000_000
#: how far back the clinic's history goes
HISTORY_DAYS = 6 * 365
#: opening-balance patients: the clinic moved to this system this long ago; older visits are summaries
SYSTEM_SWITCH_DAYS = 4 * 365
#: patients written per batch (bounds memory at 100,000 patients)
CHUNK = 5_000
#: archived patients only in clinics of this size (a small demo's counts stay round)
ARCHIVE_FROM = 1_000


class DemoError(Exception):
    """The demo cannot be generated; the message is shown to the user as is."""


@dataclass
class DemoSummary:
    patients: int
    visits: int
    interactions: int
    appointments: int
    surveys: int
    contacts: int
    tags: int
    seconds: float


ProgressCallback = Callable[[int, int], None]

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
_CHANNELS: tuple[tuple[str | None, float, tuple[float, float, float, float, float]], ...] = (
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
_REFERRAL, _FRIEND = "老客户转介绍", "朋友介绍"
_GROUP_BUY = ("大众点评", "美团", "抖音")

_PHONE_PREFIXES = (
    "130 131 132 133 134 135 136 137 138 139 147 150 151 152 153 155 156 157 158 159 "
    "166 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 198 199"
).split()
_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"

# interaction kinds a patient who only follows the clinic produces, with weights
_SOFT_KINDS = (
    ("chat", 3),
    ("like", 4),
    ("comment", 2),
    ("article_read", 4),
    ("miniprogram", 2),
    ("campaign", 2),
)
#: what followers from these channels mostly do
_CHANNEL_KIND = {"公众号": "article_read", "小程序": "miniprogram", "抖音": "like", "小红书": "comment"}
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
}
_NPS_BY_OVERALL = {1: (0, 1, 2, 3), 2: (2, 3, 4, 5), 3: (5, 6, 6, 7), 4: (7, 8, 8, 9), 5: (9, 9, 10, 10)}
_MOOD_SCORES = ((5, 5, 5, 4, 4, 5, 4, 3), (3, 4, 3, 4, 2, 3), (1, 2, 2, 1, 3, 2))  # happy, neutral, unhappy


def _check_codes() -> None:
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


def generate_demo(
    db: Database,
    *,
    patients: int = 2000,
    seed: int = 1,
    as_of: date,
    progress: ProgressCallback | None = None,
) -> DemoSummary:
    """Fill the empty database ``db`` with ``patients`` demo patients and their history up to ``as_of``.

    The same ``(patients, seed, as_of)`` always writes the same rows. Raises :class:`DemoError` if the
    database already has patients (a clinic's real data is never mixed with demo data) or ``patients``
    is out of range; any other error rolls back, leaving the database as it was. ``progress(done, total)``
    is called after each batch of patients.
    """
    if not isinstance(patients, int) or not 1 <= patients <= MAX_PATIENTS:
        raise DemoError(
            f"演示患者数应在 1–{MAX_PATIENTS:,} 之间 / the number of demo patients must be 1–{MAX_PATIENTS:,}"
        )
    _check_codes()
    started = time.perf_counter()
    # CHECK constraints are skipped: the rows use only the codes of db.models (_check_codes above).
    with write_transaction(db.engine, bulk=True, codes_checked=True) as cur:
        if cur.execute("SELECT EXISTS (SELECT 1 FROM patients)").fetchone()[0]:
            raise DemoError(
                "数据库中已有患者，演示数据只能写入空数据库。/ "
                "The database already has patients; demo data can only be written to an empty one."
            )
        # Building an index once over sorted data is several times cheaper than updating it for every
        # row; the same CREATE INDEX statements run again before the commit.
        cur.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({', '.join('?' * len(_BULK_TABLES))}) ORDER BY name",
            _BULK_TABLES,
        )
        indexes = cur.fetchall()
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        counts = _Builder(cur, patients, seed, as_of, progress).run()
        for _, sql in indexes:
            cur.execute(sql)
    refresh_statistics(db.engine)
    return DemoSummary(**counts, seconds=round(time.perf_counter() - started, 3))


class _Builder:
    """Generates and inserts the rows; one instance per call. Hot paths use local variables on purpose."""

    def __init__(
        self, cur: Any, patients: int, seed: int, as_of: date, progress: ProgressCallback | None
    ) -> None:
        self.cur = cur
        self.n = patients
        self.r = random.Random(seed)
        self.as_of = as_of
        self.progress = progress
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
        self.channels: tuple[int, ...] = _table(tuple((i, w) for i, (_, w, _) in enumerate(_CHANNELS)))
        self.soft_kinds: tuple[str, ...] = _table(_SOFT_KINDS, 200)
        self.details = self._detail_texts()
        self.keys: dict[str, tuple[str, str]] = {}
        self.phones: set[str] = set()
        # referral state: paying patients (id, first purchase day) and KOCs [id, first purchase day, quota]
        self.payers: list[tuple[int, int]] = []
        self.kocs: list[list[int]] = []
        self.manual_vips = 0
        self.max_vips = 3 + patients // 400
        self.ids = {"visits": 0, "interactions": 0, "appointments": 0, "surveys": 0, "contacts": 0}
        self.counts = {
            "patients": 0, "visits": 0, "interactions": 0, "appointments": 0, "surveys": 0, "contacts": 0,
            "tags": 0,
        }  # fmt: skip
        self._reset_rows()

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

    def _reset_rows(self) -> None:
        self.patient_rows: list[tuple[Any, ...]] = []
        self.tag_rows: list[tuple[Any, ...]] = []
        self.visit_rows: list[tuple[Any, ...]] = []
        self.survey_rows: list[tuple[Any, ...]] = []
        self.interaction_rows: list[tuple[Any, ...]] = []
        self.appointment_rows: list[tuple[Any, ...]] = []
        self.contact_rows: list[tuple[Any, ...]] = []

    # --- driver -------------------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        r = self.r.random
        # First contacts spread over the history, oldest first, so patient ids follow first-contact order
        # and a referrer is always an earlier patient.
        first = sorted(self.A - 1 - int(HISTORY_DAYS * r()) for _ in range(self.n))
        for pid, day in enumerate(first, start=1):
            self._patient(pid, day)
            if pid % CHUNK == 0 or pid == self.n:
                self._flush()
                if self.progress is not None:
                    self.progress(pid, self.n)
        return self.counts

    def _flush(self) -> None:
        """Insert the rows gathered so far, parents before children (foreign keys are checked)."""
        batches = (
            ("patients", self.patient_rows),
            ("patient_tags", self.tag_rows),
            ("visits", self.visit_rows),
            ("surveys", self.survey_rows),
            ("interactions", self.interaction_rows),
            ("appointments", self.appointment_rows),
            ("contacts", self.contact_rows),
        )
        for table, rows in batches:
            _insert(self.cur, table, rows)
            self.counts["tags" if table == "patient_tags" else table] += len(rows)
        self._reset_rows()

    # --- one patient --------------------------------------------------------------------------------

    def _patient(self, pid: int, first_day: int) -> None:
        r = self.r.random
        A = self.A
        last = A - 1  # the last day with history ("yesterday"); bookings may start today
        # Where they came from decides how likely they are to buy at all (PRODUCT §6, 渠道质量).
        source, _, mix = _CHANNELS[self.channels[int(r() * len(self.channels))]]
        if source == _REFERRAL and not self.payers:
            source, mix = _FRIEND, _CHANNELS[4][2]
        u = r()
        stage = STRANGER
        acc = mix[0]
        while u >= acc and stage < REPEAT:
            stage += 1
            acc += mix[stage]
        start = first_day if r() < 0.55 else min(first_day + int(r() * 45), last)
        if stage == REPEAT and last - start < 40:
            stage = ONCE
        paying = stage >= ONCE

        # Who they are.
        g = r()
        gender = None if g < 0.02 else ("F" if g < 0.64 else "M")
        age = self._age(gender)
        known_years = (A - first_day) // 365
        if age < known_years + 3:  # nobody was a patient before the age of three
            age = known_years + 3 + int(r() * 4)
        age_at_start = age - (A - start) // 365
        if age_at_start < 16:
            interest = 0
        else:
            w = r()
            if gender == "F" and age_at_start <= 55:
                interest = 0 if w < 0.40 else (1 if w < 0.75 else 2)
            elif gender == "F":
                interest = 0 if w < 0.80 else (1 if w < 0.92 else 2)
            else:
                interest = 0 if w < 0.88 else (1 if w < 0.96 else 2)
        m = r()
        mood = 0 if m < 0.80 else (1 if m < 0.93 else 2)  # happy, neutral, unhappy
        referrer = None
        if source == _REFERRAL or (source == _FRIEND and r() < 0.4):
            referrer = self._referrer(first_day, paying)
            if referrer is None and source == _REFERRAL:
                source = _FRIEND

        # What they bought.
        ev: list[tuple[int, int, int]] = []
        nexts: list[tuple[int, int]] = []
        programmes: set[str] = set()  # membership tests only; never iterated
        end = last
        if stage == REPEAT:
            v = r() + (0.2 if mood == 2 else 0.0)
            if v < 0.74 or A - start < 420:
                end = last
            elif v < 0.83 and last - 545 > start + 30:
                end = last - 365 - int(r() * 180)
            elif A - 550 > start + 60:
                end = start + 60 + int(r() * (A - 550 - start - 60))
            self._repeat_visits(ev, nexts, programmes, interest, age_at_start, start, end)
        elif stage == ONCE:
            self._once_visits(ev, programmes, interest, age_at_start, start)
        elif stage == INTENT and r() < 0.25:
            free = self.treatments["皮肤检测" if interest == 1 else "口腔检查"]
            ev.append((min(first_day + int(r() * 10), last), free, 0))
        ev.sort()
        if stage == REPEAT and not any(e[2] and e[0] != start for e in ev):
            extra = "光子嫩肤" if interest == 1 else "补牙"
            tid = self.treatments[extra]
            day = min(start + 20 + int(r() * max(end - start - 20, 1)), last)
            prices = self.prices[tid]
            ev.append((day, tid, prices[int(r() * len(prices))]))
            ev.sort()

        # An opening balance, as if the oldest history came from the clinic's previous system.
        opening: tuple[int, int, str | None] = (0, 0, None)
        cutoff = A - SYSTEM_SWITCH_DAYS
        if paying and start < cutoff and r() < 0.34:
            k = 0
            while k < len(ev) and ev[k][0] < cutoff:
                k += 1
            old_days = sorted({e[0] for e in ev[:k] if e[2]})
            if old_days:
                old_spend = sum(e[2] for e in ev[:k])
                last_old = self.days[old_days[-1]] if r() < 0.9 else None  # some imports carry no date
                opening = (len(old_days), old_spend, last_old)
                ev = ev[k:]

        spend, day_starts = self._visit_rows(pid, ev, source, programmes)
        contacts: list[tuple[int, str, str, str, str]] = []
        no_shows = self._surveys_and_appointments(pid, first_day, day_starts, nexts, mood, contacts)
        articles, campaigns, quotes = self._interactions(pid, stage, interest, source, first_day, start)
        if stage == INTENT:
            no_shows += self._intent_appointment(pid, interest, first_day)
        birth = self._birth_date(age)
        consent = r() < (0.74 if paying else 0.48)
        if stage == REPEAT and mood == 0 and r() < 0.035:
            self.kocs.append([pid, start, 3 + int(r() * 6)])  # a strong KOC: 3–8 converted referrals to come
            programmes.add("koc")
        self._contacts(contacts, stage, start, end, first_day, consent, birth, programmes, day_starts)

        # Do-not-contact: the last call ended with "please don't call me again"; consent is withdrawn.
        dnc = r() < (0.025 if mood != 2 else 0.08)
        if dnc:
            consent = False
            if contacts:
                contacts.sort(key=_first)
                day, channel, purpose, _, _ = contacts[-1]
                contacts = [c for c in contacts if c[0] < day]  # nothing after (or beside) the last call
                contacts.append((day, channel, purpose, "do_not_contact", "要求不要再联系"))
            else:
                day = min(first_day + 3 + int(r() * 60), last)
                contacts.append((day, "phone", "campaign", "do_not_contact", "要求不要再联系"))
        phone = self._phone()
        last_contact = self._contact_rows(pid, contacts, phone is not None)
        dnc_at = last_contact if dnc else None

        if paying and mood != 2:
            self.payers.append((pid, start))
        manual_vip = False
        if stage == REPEAT and spend >= 3_000_000 and self.manual_vips < self.max_vips and r() < 0.3:
            manual_vip = True
            self.manual_vips += 1
        archived = self.n >= ARCHIVE_FROM and r() < 0.005

        name = self._name(gender, age)
        keys = self.keys.get(name)
        if keys is None:
            keys = self.keys[name] = search_keys(name)
        created = f"{self.days[first_day]} {self.minute_office[int(r() * len(self.minute_office))]}"
        district, address = self._address()
        note = N.NOTES[int(r() * len(N.NOTES))] if r() < 0.12 else None
        if archived:
            note = N.ARCHIVED_NOTES[int(r() * len(N.ARCHIVED_NOTES))]
        lunar = birth is not None and (r() < 0.11 if age >= 45 else r() < 0.012)
        consent_at = self.days[min(first_day + int(r() * 30), last)] if consent else None
        self.patient_rows.append(
            (
                pid,
                name,
                gender,
                None if birth is None else birth.isoformat(),
                int(lunar),
                phone,
                self._wechat(keys, birth) if r() < 0.45 else None,
                address,
                district,
                self._occupation(age),
                source,
                referrer,
                self.days[first_day],
                note,
                int(dnc),
                dnc_at,
                int(consent),
                consent_at,
                int(manual_vip),
                int(archived),
                opening[0],
                opening[1],
                opening[2],
                keys[0],
                keys[1],
                created,
                created,
            )
        )
        activity = (articles, campaigns, quotes, no_shows)
        self._tags(pid, created, gender, age, stage, spend + opening[1], programmes, activity, manual_vip)

    # --- identity -----------------------------------------------------------------------------------

    def _age(self, gender: str | None) -> int:
        r = self.r.random
        u = r()
        if u < 0.09:
            return 4 + int(r() * 9)  # children, brought by their parents
        if u < 0.16:
            return 13 + int(r() * 7)
        if gender == "F" and u < 0.80:
            return 20 + int(r() * 36)  # the aesthetics clientele: women 20–55
        if u < 0.70:
            return 20 + int(r() * 36)
        if u < 0.92:
            return 56 + int(r() * 14)
        return 70 + int(r() * 11)

    def _birth_date(self, age: int) -> date | None:
        r = self.r.random
        if r() < 0.05:
            return None
        return date.fromordinal(self.as_of.toordinal() - int(age * 365.25) - int(r() * 364))

    def _name(self, gender: str | None, age: int) -> str:
        r = self.r.random
        surname = self.surnames[int(r() * len(self.surnames))]
        female = gender == "F" or (gender is None and r() < 0.5)
        one_char = r() < (0.35 if age >= 50 else 0.12)
        if female:
            pool = N.FEMALE_GIVEN_1 if one_char else N.FEMALE_GIVEN_2
        else:
            pool = N.MALE_GIVEN_1 if one_char else N.MALE_GIVEN_2
        return surname + pool[int(r() * len(pool))]

    def _phone(self) -> str | None:
        r = self.r.random
        if r() < 0.02:
            return None
        prefixes = _PHONE_PREFIXES
        while True:
            phone = f"{prefixes[int(r() * len(prefixes))]}{int(r() * 100_000_000):08d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def _wechat(self, keys: tuple[str, str], birth: date | None) -> str:
        r = self.r.random
        style = r()
        if style < 0.45:
            suffix = f"{birth.year % 100:02d}" if birth is not None else str(100 + int(r() * 900))
            return f"{keys[0]}{suffix}"
        if style < 0.75:
            return f"{keys[1]}{int(r() * 10000):04d}"
        return "wxid_" + "".join(_ALNUM[int(r() * 36)] for _ in range(10))

    def _address(self) -> tuple[str | None, str | None]:
        r = self.r.random
        district = self.districts[int(r() * len(self.districts))]
        if r() < 0.8:
            roads = N.ROADS[district]
            road = roads[int(r() * len(roads))]
            compound = N.COMPOUNDS[int(r() * len(N.COMPOUNDS))]
            room = f"{1 + int(r() * 18)}0{1 + int(r() * 4)}"
            return district, (
                f"{district}{road}{1 + int(r() * 399)}号{compound}{1 + int(r() * 30)}幢"
                f"{1 + int(r() * 4)}单元{room}室"
            )
        return (district if r() < 0.5 else None), None

    def _occupation(self, age: int) -> str | None:
        r = self.r.random
        if age < 6:
            return None
        if age < 23:
            return "学生"
        if age >= 60:
            return "退休" if r() < 0.85 else None
        if r() < 0.12:
            return None
        return self.occupations[int(r() * len(self.occupations))]

    def _referrer(self, first_day: int, converted: bool) -> int | None:
        """An earlier paying patient; converted referrals go preferably to the clinic's strong KOCs."""
        r = self.r.random
        kocs = self.kocs
        if converted and kocs and r() < 0.55:
            koc = kocs[int(r() * len(kocs))]
            if koc[1] < first_day:
                koc[2] -= 1
                if koc[2] == 0:
                    kocs.remove(koc)
                return koc[0]
        payers = self.payers
        for _ in range(3):
            if not payers:
                return None
            pid, start = payers[int(r() * len(payers))]
            if start < first_day:
                return pid
        return None

    # --- visits -------------------------------------------------------------------------------------

    def _recur(
        self,
        ev: list[tuple[int, int, int]],
        nexts: list[tuple[int, int]],
        name: str,
        day: int,
        end: int,
        interval: int,
        adherence: float,
        companion: str | None = None,
        companion_share: float = 0.0,
    ) -> int:
        """A treatment repeated every ``interval`` days, patients coming back late by up to ``adherence``×.

        Returns how many times it was done; the next planned day goes to ``nexts`` (it may become a
        booked appointment).
        """
        r = self.r.random
        tid = self.treatments[name]
        prices = self.prices[tid]
        np_ = len(prices)
        ctid = self.treatments[companion] if companion else 0
        cprices = self.prices[ctid] if companion else prices
        ncp = len(cprices)
        base = int(interval * 0.95)
        jitter = int(interval * adherence) + 1
        append = ev.append
        count = 0
        while day <= end:
            append((day, tid, prices[int(r() * np_)]))
            if companion and r() < companion_share:
                append((day, ctid, cprices[int(r() * ncp)]))
            count += 1
            day += base + int(r() * jitter)
            if r() < 0.08:  # skipped one altogether
                day += interval
        nexts.append((day, tid))
        return count

    def _one(self, ev: list[tuple[int, int, int]], name: str, day: int) -> None:
        tid = self.treatments[name]
        prices = self.prices[tid]
        ev.append((day, tid, prices[int(self.r.random() * len(prices))]))

    def _root_canal(self, ev: list[tuple[int, int, int]], day: int) -> int:
        """Root canal over three sessions, then a crown prepared and fitted; returns the last day."""
        r = self.r.random
        last = self.A - 1
        canal, crown = self.treatments["根管治疗"], self.treatments["牙冠修复"]
        self._one(ev, "根管治疗", day)
        for _ in range(2):
            day = min(day + 7 + int(r() * 8), last)
            ev.append((day, canal, 0 if r() < 0.6 else 20_000))
        day = min(day + 14 + int(r() * 21), last)
        self._one(ev, "牙冠修复", day)
        day = min(day + 10 + int(r() * 10), last)
        ev.append((day, crown, 0))
        return day

    def _repeat_visits(
        self,
        ev: list[tuple[int, int, int]],
        nexts: list[tuple[int, int]],
        programmes: set[str],
        interest: int,
        age: int,
        start: int,
        end: int,
    ) -> None:
        r = self.r.random
        one = self._one
        last = self.A - 1
        adherence = 0.05 + r() * r() * 1.2
        span = max(end - start, 1)
        years = span / 365
        if interest != 1:
            if age < 13:
                self._recur(ev, nexts, "涂氟", start, end, 180, adherence, "口腔检查", 0.8)
                if age >= 6:
                    self._recur(ev, nexts, "窝沟封闭", start + int(r() * 60), min(end, start + 400), 365, 0.3)
                programmes.add("child")
            elif r() < 0.88:
                # Periodontal patients come for maintenance every three months, everyone else twice a year.
                interval = 90 if age >= 30 and r() < 0.3 else 180
                if self._recur(ev, nexts, "洁牙", start, end, interval, adherence, "口腔检查", 0.9) >= 4:
                    programmes.add("cleaning")
            # Fillings: one to three teeth a session, a line each.
            for _ in range(int(years * 0.6 + r() * 1.5)):
                day = start + int(r() * span)
                for _ in range(1 + int(r() * r() * 3)):
                    one(ev, "补牙", day)
            if r() < (0.65 if age >= 13 else 0.4):
                # A treatment plan worked through in the first weeks: fillings, root canals, extractions.
                day = start
                for _ in range(2 + int(r() * 6)):
                    day = min(day + 7 + int(r() * 21), last)
                    w = r()
                    if w < 0.6:
                        for _ in range(1 + int(r() * 3)):
                            one(ev, "补牙", day)
                    elif w < 0.8 and age >= 16:
                        day = self._root_canal(ev, day)
                    elif w < 0.9 and age >= 16:
                        one(ev, "拔牙", day)
                        ev.append((min(day + 7, last), self.treatments["口腔检查"], 0))
                    else:
                        one(ev, "补牙", day)
            if age >= 16 and r() < 0.15:
                self._root_canal(ev, start + int(r() * span))
            if age >= 16 and r() < (0.3 if age <= 35 else 0.12):
                day = start + int(r() * span)
                one(ev, "拔牙", day)
                ev.append((min(day + 7, last), self.treatments["口腔检查"], 0))
            if age >= 35 and r() < 0.2:
                # Implant: placement, stitches out, the crown months later, then yearly maintenance.
                programmes.add("implant")
                day = start + int(r() * min(span, 365))
                ev.append((day, self.treatments["口腔检查"], 0))
                for _ in range(1 + (r() < 0.35)):
                    one(ev, "种植牙", day)
                ev.append((min(day + 7 + int(r() * 4), last), self.treatments["口腔检查"], 0))
                crown = min(day + 90 + int(r() * 90), last)
                one(ev, "牙冠修复", crown)
                self._recur(ev, nexts, "种植维护", crown + 365, end, 365, adherence)
            if 10 <= age <= 35 and r() < (0.45 if age < 18 else 0.18):
                programmes.add("ortho")
                day = start + int(r() * 60)
                one(ev, "正畸", day)
                finish = min(day + 540 + int(r() * 190), last)  # ortho patients see it through
                self._recur(ev, nexts, "正畸复诊", day + 30, finish, 30, 0.2)
                if finish < last - 30 and r() < 0.3:
                    one(ev, "美白", finish + int(r() * 30))
            if 20 <= age <= 50 and r() < 0.1:
                self._recur(ev, nexts, "美白", start + int(r() * span), end, 365, adherence + 0.5)
        if interest != 0:
            programmes.add("aesthetic")
            chosen = 0
            if r() < 0.6:
                chosen += 1
                day = start
                while day <= end:  # a course of four to seven sessions a year
                    ev.append((day, self.treatments["皮肤检测"], 0))
                    self._recur(ev, nexts, "光子嫩肤", day, min(end, day + (3 + int(r() * 4)) * 33), 30, 0.3)
                    day += 270 + int(r() * 150)
            if r() < 0.4:
                chosen += 1
                day = start + int(r() * 90)
                while day <= end:
                    self._recur(ev, nexts, "水光针", day, min(end, day + (2 + int(r() * 3)) * 32), 30, 0.2)
                    day += 270 + int(r() * 180)
            if r() < 0.35:
                chosen += 1
                self._recur(ev, nexts, "玻尿酸", start + int(r() * 60), end, 180, adherence)
            if r() < 0.4:
                chosen += 1
                self._recur(ev, nexts, "肉毒素", start + int(r() * 60), end, 120, adherence)
            if r() < 0.08:
                chosen += 1
                self._recur(ev, nexts, "热玛吉", start + int(r() * 120), end, 420, adherence)
            if not chosen:
                ev.append((start, self.treatments["皮肤检测"], 0))
                self._recur(ev, nexts, "光子嫩肤", start, min(end, start + 140), 30, 0.3)

    def _once_visits(
        self, ev: list[tuple[int, int, int]], programmes: set[str], interest: int, age: int, start: int
    ) -> None:
        r = self.r.random
        if interest == 1 or (interest == 2 and r() < 0.5):
            programmes.add("aesthetic")
            w = r()
            name = "光子嫩肤" if w < 0.4 else ("水光针" if w < 0.65 else ("肉毒素" if w < 0.85 else "玻尿酸"))
            if r() < 0.5:
                self._one(ev, "皮肤检测", start)
            self._one(ev, name, start)
            return
        w = r()
        if age < 13:
            self._one(ev, "涂氟" if w < 0.7 else "窝沟封闭", start)
        else:
            name = "洁牙" if w < 0.5 else ("补牙" if w < 0.75 else ("拔牙" if w < 0.85 else "根管治疗"))
            if w > 0.93:
                name = "美白"
            self._one(ev, name, start)
        if r() < 0.8:
            ev.append((start, self.treatments["口腔检查"], 0))
        if r() < 0.15 and start + 30 < self.A - 1:
            ev.append((start + 7 + int(r() * 21), self.treatments["口腔检查"], 0))  # free check-up after

    def _visit_rows(
        self, pid: int, ev: list[tuple[int, int, int]], source: str | None, programmes: set[str]
    ) -> tuple[int, list[tuple[int, int, int]]]:
        """Append the visit lines (coupons applied, staff assigned).

        Returns the amount spent and the first line of each visit day as (day, visit id, treatment id).
        """
        r = self.r.random
        day_starts: list[tuple[int, int, int]] = []
        if not ev:
            return 0, day_starts
        # The first paid line: a group-buy voucher, or the referral programme's discount.
        first_paid, first_coupon = -1, None
        for k, (day, tid, amount) in enumerate(ev):
            if amount:
                first_paid = k
                if source in _GROUP_BUY and r() < 0.6:
                    first_coupon = N.COUPONS_NEW[int(r() * len(N.COUPONS_NEW))]
                    ev[k] = (day, tid, amount * 8 // 1000 * 100)
                    programmes.add("group_buy")
                elif source == _REFERRAL and amount >= 60_000:
                    first_coupon = N.COUPON_REFERRAL
                    ev[k] = (day, tid, amount - 20_000)
                break
        days = self.days
        role = self.role_list
        who = (
            N.DENTISTS[int(r() * len(N.DENTISTS))],
            N.HYGIENISTS[int(r() * len(N.HYGIENISTS))],
            N.AESTHETIC_DOCTORS[int(r() * len(N.AESTHETIC_DOCTORS))],
        )
        coupons = N.COUPONS_ANY
        nc = len(coupons)
        vid = self.ids["visits"]
        append = self.visit_rows.append
        starts = day_starts.append
        spend = 0
        prev = -1
        for k, (day, tid, amount) in enumerate(ev):
            vid += 1
            coupon = None
            if k == first_paid:
                coupon = first_coupon
            elif amount >= 50_000 and r() < 0.05:
                coupon = coupons[int(r() * nc)]
                amount = amount * 9 // 1000 * 100
            if day != prev:
                starts((day, vid, tid))
                prev = day
            spend += amount
            append((vid, pid, days[day], tid, amount, coupon, who[role[tid]]))
        self.ids["visits"] = vid
        return spend, day_starts

    # --- surveys, appointments, interactions, contacts, tags ----------------------------------------

    def _surveys_and_appointments(
        self,
        pid: int,
        first_day: int,
        day_starts: list[tuple[int, int, int]],
        nexts: list[tuple[int, int]],
        mood: int,
        contacts: list[tuple[int, str, str, str, str]],
    ) -> int:
        """Surveys after some visit days, appointments behind some of them; returns the no-shows."""
        r = self.r.random
        last = self.A - 1
        days = self.days
        ndays = len(day_starts)
        if ndays and r() < (0.5 if ndays >= 2 else 0.3):
            k = min(ndays, 1 + (r() < 0.45) + (r() < 0.2))
            scores = _MOOD_SCORES[mood]
            for i in sorted(self.r.sample(range(ndays), k)):
                day, vid, _ = day_starts[i]
                overall = scores[int(r() * len(scores))]
                survey_day = min(day + int(r() * 4), last)
                dims: tuple[int | None, ...] = (None, None, None, None)
                if r() < 0.5:
                    dims = tuple(max(1, min(5, overall + (-1, 0, 0, 1)[int(r() * 4)])) for _ in range(4))
                nps = _NPS_BY_OVERALL[overall][int(r() * 4)] if r() < 0.85 else None
                comment = None
                if r() < 0.6:
                    pool = (
                        N.COMMENTS_BAD
                        if overall <= 2
                        else (N.COMMENTS_MID if overall == 3 else N.COMMENTS_GOOD)
                    )
                    comment = pool[int(r() * len(pool))]
                self.ids["surveys"] += 1
                self.survey_rows.append(
                    (self.ids["surveys"], pid, days[survey_day], vid, overall, *dims, nps, comment)
                )
                if overall <= 2 and r() < 0.75:
                    self._contact(contacts, min(survey_day + 1 + int(r() * 4), last), "recovery")
        slots = self.slots
        ns = len(slots)
        rows = self.appointment_rows
        aid = self.ids["appointments"]
        no_shows = 0
        for day, _, tid in day_starts:
            u = r()
            if u < 0.37:
                if u >= 0.34 and day - 14 >= first_day:
                    aid += 1
                    rows.append(
                        (aid, pid, f"{days[day - 3 - int(r() * 11)]} {slots[int(r() * ns)]}", tid, "no_show")
                    )
                    no_shows += 1
                elif u >= 0.30 and day - 7 >= first_day:
                    aid += 1
                    rows.append(
                        (aid, pid, f"{days[day - 1 - int(r() * 6)]} {slots[int(r() * ns)]}", tid, "cancelled")
                    )
                aid += 1
                rows.append((aid, pid, f"{days[day]} {slots[int(r() * ns)]}", tid, "done"))
        if nexts:
            day, tid = min(nexts)
            if self.A <= day <= self.A + 45 and r() < 0.6:
                aid += 1
                rows.append((aid, pid, f"{days[day]} {slots[int(r() * ns)]}", tid, "booked"))
        self.ids["appointments"] = aid
        return no_shows

    def _intent_appointment(self, pid: int, interest: int, first_day: int) -> int:
        """Someone who asked and maybe booked, but never bought; returns 1 for a no-show."""
        r = self.r.random
        if r() >= 0.45:
            return 0
        names = (
            ("光子嫩肤", "玻尿酸", "水光针") if interest == 1 else ("洁牙", "种植牙", "正畸", "补牙", "美白")
        )
        tid = self.treatments[names[int(r() * len(names))]]
        last = self.A - 1
        u = r()
        if u < 0.25 or first_day + 20 > last:
            day, status = self.A + int(r() * 30), "booked"
        else:
            day, status = first_day + 1 + int(r() * 19), ("cancelled" if u < 0.6 else "no_show")
        self.ids["appointments"] += 1
        slot = self.slots[int(r() * len(self.slots))]
        self.appointment_rows.append((self.ids["appointments"], pid, f"{self.days[day]} {slot}", tid, status))
        return int(status == "no_show")

    def _interactions(
        self, pid: int, stage: int, interest: int, source: str | None, first_day: int, start: int
    ) -> tuple[int, int, int]:
        """Chats, likes, article reads …; returns (article reads, campaigns, quotes) for tagging."""
        r = self.r.random
        last = self.A - 1
        if stage == STRANGER:
            return 0, 0, 0
        side = interest if interest < 2 else int(r() * 2)
        if stage == POTENTIAL:
            soft, consults, quotes = 1 + int(r() * r() * 8), 0, 0
        elif stage == INTENT:
            soft, consults, quotes = int(r() * 4), 1 + (r() < 0.3), int(r() < 0.5)
        else:
            soft, consults, quotes = int(r() * r() * 6), int(r() < 0.55), int(r() < 0.2)
        bias = _CHANNEL_KIND.get(source or "")
        events: list[tuple[int, str]] = []
        ask_until = max(first_day, start) if stage >= ONCE else min(first_day + 30, last)
        for kind, n in (("consult", consults), ("quote", quotes)):
            for _ in range(n):
                events.append((first_day + int(r() * (ask_until - first_day + 1)), kind))
        kinds = self.soft_kinds
        for _ in range(soft):
            kind = bias if bias and r() < 0.5 else kinds[int(r() * len(kinds))]
            events.append((first_day + int((last - first_day) * r() ** 2), kind))
        events.sort()
        details = self.details
        minutes = self.minute_any
        days = self.days
        iid = self.ids["interactions"]
        append = self.interaction_rows.append
        articles = campaigns = 0
        for day, kind in events:
            iid += 1
            pool = details[kind, side]
            append(
                (
                    iid,
                    pid,
                    f"{days[day]} {minutes[int(r() * len(minutes))]}",
                    kind,
                    pool[int(r() * len(pool))],
                )
            )
            if kind == "article_read":
                articles += 1
            elif kind == "campaign":
                campaigns += 1
        self.ids["interactions"] = iid
        return articles, campaigns, quotes

    def _contact(self, contacts: list[tuple[int, str, str, str, str]], day: int, purpose: str) -> None:
        r = self.r.random
        channels, outcomes = self.contact_tables[purpose]
        notes = N.CONTACT_NOTES[purpose]
        contacts.append(
            (
                day,
                channels[int(r() * len(channels))],
                purpose,
                outcomes[int(r() * len(outcomes))],
                notes[int(r() * len(notes))],
            )
        )

    def _contacts(
        self,
        contacts: list[tuple[int, str, str, str, str]],
        stage: int,
        start: int,
        end: int,
        first_day: int,
        consent: bool,
        birth: date | None,
        programmes: set[str],
        day_starts: list[tuple[int, int, int]],
    ) -> None:
        r = self.r.random
        last = self.A - 1
        add = self._contact
        if stage >= ONCE:
            for i in range(1, len(day_starts)):
                if r() < 0.15:  # a recall call a week or two before the patient came back
                    day = day_starts[i][0] - 3 - int(r() * 14)
                    if day > first_day:
                        add(contacts, day, "recall")
            for day, _, _ in day_starts:
                if r() < 0.06:
                    add(contacts, min(day + 1 + int(r() * 3), last), "survey")
            last_visit = day_starts[-1][0] if day_starts else start
            if last_visit + 400 < last and r() < 0.5:
                for _ in range(1 + (r() < 0.4)):
                    add(contacts, last_visit + 400 + int(r() * (last - last_visit - 400)), "reactivation")
            if birth is not None and r() < 0.3:
                for back in (0, 1):
                    year = self.as_of.year - back
                    birthday = date(
                        year, birth.month, 28 if (birth.month, birth.day) == (2, 29) else birth.day
                    )
                    if birthday > self.as_of:
                        birthday = birthday.replace(year=year - 1)
                    index = birthday.toordinal() - self.origin
                    if start <= index <= last and (back == 0 or r() < 0.5):
                        add(contacts, index, "birthday")
            if "koc" in programmes and r() < 0.7:
                add(contacts, start + int(r() * (last - start + 1)), "referral")
            elif stage == REPEAT and consent and r() < 0.06:
                add(contacts, start + int(r() * (last - start + 1)), "referral")
            if ("ortho" in programmes or "implant" in programmes or "aesthetic" in programmes) and r() < 0.2:
                add(contacts, start + int(r() * (last - start + 1)), "crosssell")
            if r() < 0.08:  # the front desk's work of the last two weeks
                add(
                    contacts,
                    max(first_day, last - int(r() * 14)),
                    "recall" if end == last else "reactivation",
                )
        elif stage == INTENT and r() < 0.5:
            add(contacts, min(first_day + 2 + int(r() * 19), last), "campaign")
        if consent:
            since = max(first_day, last - 730)
            for _ in range(int(r() * r() * 4)):
                add(contacts, since + int(r() * (last - since + 1)), "campaign")
            if r() < 0.03:  # an over-eager campaign: three marketing contacts inside 90 days
                for purpose in ("campaign", "campaign", "crosssell"):
                    add(contacts, max(first_day, last - int(r() * 90)), purpose)

    def _contact_rows(
        self, pid: int, contacts: list[tuple[int, str, str, str, str]], has_phone: bool
    ) -> str | None:
        """Append the contact rows in time order; returns when the last contact happened."""
        if not contacts:
            return None
        r = self.r.random
        contacts.sort(key=_first)
        days = self.days
        minutes = self.minute_office
        desk = N.FRONT_DESK
        cid = self.ids["contacts"]
        append = self.contact_rows.append
        when = ""
        for day, channel, purpose, outcome, note in contacts:
            cid += 1
            if not has_phone and channel in ("phone", "sms"):
                channel = "wechat"
            staff = N.SENIOR_STAFF if purpose == "recovery" else desk[int(r() * len(desk))]
            when = f"{days[day]} {minutes[int(r() * len(minutes))]}"
            append((cid, pid, when, channel, purpose, outcome, staff, note))
        self.ids["contacts"] = cid
        return when

    def _tags(
        self,
        pid: int,
        created: str,
        gender: str | None,
        age: int,
        stage: int,
        spend: int,
        programmes: set[str],
        activity: tuple[int, int, int, int],
        manual_vip: bool,
    ) -> None:
        r = self.r.random
        articles, campaigns, quotes, no_shows = activity
        paying = stage >= ONCE
        names: list[str] = []
        if stage >= INTENT or r() < 0.2:
            if age < 12:
                names.append("儿童")
            elif age <= 22 and r() < 0.7:
                names.append("学生")
            if gender == "F" and 26 <= age <= 42 and r() < 0.3:
                names.append("宝妈")
            if 23 <= age <= 55 and r() < 0.35:
                names.append("上班族")
            if age >= 60 and r() < 0.6:
                names.append("退休")
        if paying:
            if spend >= 2_000_000:
                names.append("高客单")
            if "implant" in programmes:
                names.append("种植客户")
            if "ortho" in programmes:
                names.append("正畸客户")
            if "aesthetic" in programmes:
                names.append("医美客户")
            if "cleaning" in programmes:
                names.append("洁牙常客")
            if "group_buy" in programmes:
                names.append("团购客")
        if articles >= 2:
            names.append("爱看文章")
        if campaigns >= 2:
            names.append("活动常客")
        if quotes and stage == INTENT:
            names.append("价格敏感")
        if no_shows >= 2 or (no_shows and r() < 0.1):
            names.append("爽约较多")
        if "koc" in programmes:
            names.append("爱分享")
        if paying and "aesthetic" not in programmes and r() < 0.07:
            names.append("怕疼")
        if r() < 0.04:
            names.append("需要停车位")
        if 23 <= age <= 55 and r() < 0.04:
            names.append("只约周末")
        if "aesthetic" in programmes and r() < 0.15:
            names.append("敏感肌")
        if paying and r() < 0.02:
            names.append("需要发票")
        if manual_vip:
            names.append("VIP接待")
        tags = self.tags
        append = self.tag_rows.append
        for name in names:
            append((pid, tags[name], created))


def _first(item: tuple[Any, ...]) -> Any:
    return item[0]


#: the columns each bulk-filled table receives, in tuple order (from db.models); tables in foreign-key order
_COLUMNS: dict[str, tuple[str, ...]] = {
    table: bulk_columns(table)
    for table in ("patients", "patient_tags", "visits", "surveys", "interactions", "appointments", "contacts")
}
_BULK_TABLES = tuple(_COLUMNS)


def _insert(cur: sqlite3.Cursor, table: str, rows: list[tuple[Any, ...]]) -> None:
    insert_rows(cur, table, _COLUMNS[table], rows)
