"""The patients half of an import plan: who each row is, what changes, who referred whom.

Identity, in order: the normalised phone; the file's own patient number (``患者编号``, which the export
writes so phone-less patients and their records survive a round trip); name + birth date among patients
without a phone. See :mod:`clinic_desktop.services.importing.plan` for the rules as the user reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from clinic_desktop.core.pinyin_keys import fast_search_keys
from clinic_desktop.services.importing.db_state import PATIENT_COLUMNS, DbState
from clinic_desktop.services.importing.ledger import Ledger
from clinic_desktop.services.importing.patient_cells import (
    NO_NAME,
    birth_key,
    changes_for,
    phoneless_fits,
    with_lines,
)

__all__ = ["PatientPlanner"]

#: patients-sheet field → patients column (tags, referrer, number and age are handled separately)
FIELD_COLUMNS: dict[str, str] = {
    "name": "name",
    "phone": "phone",
    "gender": "gender",
    "birth_date": "birth_date",
    "lunar_birthday": "lunar_birthday",
    "wechat": "wechat",
    "address": "address",
    "district": "district",
    "occupation": "occupation",
    "source": "source",
    "first_contact_date": "first_contact_date",
    "notes": "notes",
    "landline": "landline",
    "birth_partial": "birth_partial",
    "do_not_contact": "do_not_contact",
    "do_not_contact_at": "do_not_contact_at",
    "marketing_consent": "marketing_consent",
    "marketing_consent_at": "marketing_consent_at",
    "guardian_consent": "guardian_consent",
    "guardian_consent_at": "guardian_consent_at",
    "vip": "manual_vip",
    "archived": "archived",
    "opening_visits": "opening_visits",
    "opening_spend": "opening_spend_fen",
    "opening_last_visit": "opening_last_visit",
    "knowledge": "knowledge",
}
_VISIT_FIELDS = ("date", "treatment", "amount", "coupon", "staff")
_DEFAULTS: dict[str, Any] = {
    "lunar_birthday": 0,
    "do_not_contact": 0,
    "marketing_consent": 0,
    "guardian_consent": 0,
    "manual_vip": 0,
    "archived": 0,
    "opening_visits": 0,
    "opening_spend_fen": 0,
}
DEFAULT_TAG_COLOR = "#607d8b"
_INDEX = {column: i for i, column in enumerate(PATIENT_COLUMNS)}
_FIELD_INDEX = {fld: _INDEX[column] for fld, column in FIELD_COLUMNS.items()}
_NAME, _FIRST, _PINYIN = _INDEX["name"], _INDEX["first_contact_date"], _INDEX["pinyin_full"]
_CONSENT, _CONSENT_AT = _INDEX["marketing_consent"], _INDEX["marketing_consent_at"]
_GUARDIAN, _GUARDIAN_AT = _INDEX["guardian_consent"], _INDEX["guardian_consent_at"]
_DNC, _DNC_AT, _OPENING_LAST = (
    _INDEX["do_not_contact"],
    _INDEX["do_not_contact_at"],
    _INDEX["opening_last_visit"],
)

_NOTES = _INDEX["notes"]


@dataclass
class _Patient:
    id: int
    existing: bool
    sheet: str
    row: int
    values: dict[str, Any]
    tags: list[str] = field(default_factory=list)
    referrer: tuple[str, str] | None = None
    first_seen: str | None = None
    #: lines for the notes: other numbers of the phone cell, its remark, an unreadable phone
    lines: list[str] = field(default_factory=list)


class PatientPlanner:
    """The patients sheets' rows → patients to create or update; records into the plan's ``ledger``."""

    def __init__(self, ledger: Ledger, db: DbState, today: date, now: datetime) -> None:
        self.ledger = ledger
        self.db = db
        self.today = today
        self.now = now
        self.tag_ids: dict[str, int] = {name: t[0] for name, t in self.db.tags.items()}
        self.items: list[_Patient] = []
        self.by_id: dict[int, _Patient] = {}
        self.by_phone: dict[str, _Patient] = {}
        self.by_key: dict[str, _Patient] = {}
        self.by_no_phone: dict[tuple[str, str | None], _Patient] = {}
        self._file_names: dict[str, list[int]] | None = None

    # --- rows of patients sheets --------------------------------------------------------------------

    def add_sheet(
        self, sheet: str, rows: list[tuple[int, dict[str, Any]]], flat: bool
    ) -> list[tuple[int, dict[str, Any]]]:
        """Identify each row; returns the visit halves of a flat sheet's rows (with the patient id)."""
        visits: list[tuple[int, dict[str, Any]]] = []
        for number, v in rows:
            patient = self._known_in_file(v)
            if patient is not None:
                if not flat:
                    who = v.get("phone") or v.get("name") or v.get("key")
                    what_zh, what_en = ("手机号", "mobile") if v.get("phone") else ("患者", "patient")
                    self.ledger.issue(
                        sheet,
                        number,
                        "phone",
                        f"与第 {patient.row} 行重复（{what_zh} {who}），该行未导入",
                        f"duplicate of row {patient.row} ({what_en} {who}); row skipped",
                    )
                    continue
                self._merge(patient, v)
                self.ledger.mark(sheet, number, "unchanged")
            else:
                patient = self._new_in_file(sheet, number, v)
                if patient is None:
                    continue
            if flat and any(f in v for f in _VISIT_FIELDS):
                visits.append((number, {"__pid": patient.id, **{f: v[f] for f in _VISIT_FIELDS if f in v}}))
        return visits

    def _known_in_file(self, v: dict[str, Any]) -> _Patient | None:
        phone, key, name = v.get("phone"), v.get("key"), v.get("name")
        if phone is not None and phone in self.by_phone:
            return self.by_phone[phone]
        if key is not None and key in self.by_key:
            return self.by_key[key]
        if phone is None and key is None and name is not None:
            return self.by_no_phone.get((name, birth_key(v)))
        return None

    def _new_in_file(self, sheet: str, number: int, v: dict[str, Any]) -> _Patient | None:
        phone, name = v.get("phone"), v.get("name")
        pid = self.db.phones.get(phone) if phone is not None else None
        if pid is None and name is not None:
            found = self._phoneless(sheet, number, name, v)
            if found is False:
                return None
            pid = found or None
        if pid is not None and pid in self.by_id:  # the database patient is already another row's
            self.ledger.issue(
                sheet,
                number,
                "name",
                f"与第 {self.by_id[pid].row} 行是同一位患者，该行未导入",
                f"same patient as row {self.by_id[pid].row}; row skipped",
            )
            return None
        existing = pid is not None
        if pid is None:
            if name is None:
                if phone is None and v.get("landline") is None and not v.get("__notes"):
                    self.ledger.issue(
                        sheet,
                        number,
                        "name",
                        "既没有姓名也没有电话，未导入",
                        "neither a name nor a phone; not imported",
                    )
                    return None
                v = {**v, "name": NO_NAME}
                self.ledger.note(
                    sheet,
                    number,
                    "name",
                    f"没有姓名，以“{NO_NAME}”导入（按电话可找到）",
                    f"no name: imported as “{NO_NAME}” (find the patient by phone)",
                )
            pid = self.ledger.new_id("patients")
        patient = _Patient(pid, existing, sheet, number, {f: x for f, x in v.items() if f in FIELD_COLUMNS})
        self.items.append(patient)
        self.by_id[pid] = patient
        self._merge(patient, v, fresh=True)
        return patient

    def _phoneless(self, sheet: str, number: int, name: str, v: dict[str, Any]) -> int | bool:
        """The phone-less database patient this row is (see ``patient_cells.phoneless_fits``): ``0`` when
        none, ``False`` when several fit a row without a mobile (the row is skipped and reported)."""
        no_phone = self.db.no_phone()
        if name not in no_phone and NO_NAME not in no_phone:
            return 0  # no phone-less patient of that name (or unnamed) in the database: nothing can fit
        taken = self.by_id
        pool = [c for c in no_phone.get(name, []) if c.id not in taken]
        unnamed = [c for c in no_phone.get(NO_NAME, []) if c.id not in taken]
        fits = phoneless_fits(pool, unnamed, v)
        if v.get("phone") is not None:
            return fits[0].id if len(fits) == 1 else 0
        if len(fits) > 1:
            self.ledger.issue(
                sheet,
                number,
                "name",
                f"已有 {len(fits)} 位同名（{name}）且没有手机号的患者，无法确定是哪一位",
                f"{len(fits)} patients named {name} have no phone; cannot tell which one",
            )
            return False
        return fits[0].id if fits else 0

    def _merge(self, patient: _Patient, v: dict[str, Any], *, fresh: bool = False) -> None:
        """Take the row's patient fields that the patient does not have yet (first row wins)."""
        if not fresh:
            for fld, value in v.items():
                if fld in FIELD_COLUMNS and fld not in patient.values:
                    patient.values[fld] = value
        patient.lines.extend(line for line in v.get("__notes", ()) if line not in patient.lines)
        if v.get("tags"):
            patient.tags.extend(t for t in v["tags"] if t not in patient.tags)
        if patient.referrer is None:
            if v.get("referrer_key") is not None:
                patient.referrer = ("key", v["referrer_key"])
            elif v.get("referrer_phone") is not None:
                patient.referrer = v["referrer_phone"]
        if v.get("phone") is not None:
            self.by_phone.setdefault(v["phone"], patient)
        if v.get("key") is not None:
            self.by_key.setdefault(v["key"], patient)
        if v.get("phone") is None and v.get("key") is None and v.get("name") is not None:
            self.by_no_phone.setdefault((v["name"], birth_key(v)), patient)

    # --- references from other sheets ----------------------------------------------------------------

    def is_existing(self, pid: int) -> bool:
        return pid <= self.db.max_ids["patients"]

    def saw_date(self, pid: int, when: str) -> None:
        patient = self.by_id.get(pid)
        if patient is not None and not patient.existing:
            day = when[:10]
            if patient.first_seen is None or day < patient.first_seen:
                patient.first_seen = day

    def _by_name(self, name: str) -> list[int]:
        if self._file_names is None:
            self._file_names = {}
            for patient in self.items:
                n = patient.values.get("name")
                if n is not None:
                    self._file_names.setdefault(n, []).append(patient.id)
        ids = set(self._file_names.get(name, [])) | set(self.db.names().get(name, []))
        return sorted(ids)

    def find(self, sheet: str, number: int, v: dict[str, Any]) -> int | None:
        """The patient a child row refers to: phone, else patient number, else a unique name."""
        if "__pid" in v:
            return int(v["__pid"])
        phone, key, name = v.get("phone"), v.get("key"), v.get("name")
        if phone is not None:
            patient = self.by_phone.get(phone)
            pid = patient.id if patient is not None else self.db.phones.get(phone)
            if pid is None:
                self.ledger.issue(
                    sheet, number, "phone", f"找不到手机号为 {phone} 的患者", f"no patient with phone {phone}"
                )
            return pid
        if key is not None and key in self.by_key:
            return self.by_key[key].id
        if name is not None:
            ids = self._by_name(name)
            if len(ids) == 1:
                return ids[0]
            zh = f"找不到患者「{name}」" if not ids else f"有 {len(ids)} 位患者叫「{name}」，请填写手机号"
            en = (
                f"no patient named {name}"
                if not ids
                else f"{len(ids)} patients are named {name}; add the phone"
            )
            self.ledger.issue(sheet, number, "name", zh, en)
            return None
        if key is not None:
            self.ledger.issue(
                sheet, number, "key", f"找不到患者编号 {key}", f"no patient numbered {key} in this file"
            )
            return None
        self.ledger.issue(
            sheet, number, "phone", "缺少手机号，无法确定患者", "no phone: cannot tell which patient this is"
        )
        return None

    # --- the writes ---------------------------------------------------------------------------------

    def _tag_id(self, name: str) -> int:
        tid = self.tag_ids.get(name)
        if tid is None:
            tid = self.tag_ids[name] = self.ledger.new_id("tags")
            self.ledger.work.inserts.setdefault("tags", []).append((tid, name, "custom", DEFAULT_TAG_COLOR))
        return tid

    def _referrer_id(self, patient: _Patient) -> int | None:
        if patient.referrer is None:
            return None
        how, value = patient.referrer
        rid: int | None = None
        if how == "key":
            found = self.by_key.get(value)
            rid = found.id if found is not None else None
        elif how == "phone":
            found = self.by_phone.get(value)
            rid = found.id if found is not None else self.db.phones.get(value)
        else:
            ids = [i for i in self._by_name(value) if i != patient.id]
            rid = ids[0] if len(ids) == 1 else None
        if rid is None or rid == patient.id:
            self.ledger.issue(
                patient.sheet,
                patient.row,
                "referrer_phone",
                f"找不到介绍人「{value}」，未设置介绍人",
                f"referrer “{value}” not found; imported without a referrer",
                skipped=False,
            )
            return None
        return rid

    def _no_loop(self, links: dict[int, int | None]) -> None:
        """Drop a planned referral that would close a loop (each would count as the other's referral)."""
        chain = dict(self.db.referrers())
        chain.update({pid: rid for pid, rid in links.items() if rid is not None})
        for pid, rid in list(links.items()):
            seen = {pid}
            current = rid
            while current is not None and current not in seen:
                seen.add(current)
                current = chain.get(current)
            if current == pid:
                links[pid] = None
                chain.pop(pid, None)
                patient = self.by_id[pid]
                self.ledger.issue(
                    patient.sheet,
                    patient.row,
                    "referrer_phone",
                    "介绍关系成环，未设置介绍人",
                    "referral loop; imported without a referrer",
                    skipped=False,
                )

    def finish(self) -> None:
        """Insert tuples for new patients, (id, changes, before) for changed ones; tags; statuses."""
        ledger = self.ledger
        now_text = self.now.strftime("%Y-%m-%d %H:%M:%S.%f")
        today = self.today.isoformat()
        links = {pt.id: self._referrer_id(pt) for pt in self.items if pt.referrer is not None}
        self._no_loop(links)
        existing = [pt.id for pt in self.items if pt.existing]
        current_rows = self.db.patient_rows(existing) if existing else {}
        current_tags = self.db.patient_tags(existing) if existing else {}
        inserts = ledger.work.inserts.setdefault("patients", [])
        template: list[Any] = [None] * len(PATIENT_COLUMNS)
        for column, value in _DEFAULTS.items():
            template[_INDEX[column]] = value
        template[_INDEX["created_at"]] = template[_INDEX["updated_at"]] = now_text
        mark = ledger.mark
        new_links = ledger.work.new_tag_links
        for pt in self.items:
            tag_ids = [self._tag_id(t) for t in pt.tags] if pt.tags else []
            if pt.existing:
                incoming = {FIELD_COLUMNS[f]: v for f, v in pt.values.items()}
                if links.get(pt.id) is not None:
                    incoming["referred_by_id"] = links[pt.id]
                self._update(
                    pt,
                    incoming,
                    current_rows[pt.id],
                    current_tags.get(pt.id, set()),
                    tag_ids,
                    now_text,
                    today,
                )
                continue
            row = template.copy()
            for fld, value in pt.values.items():
                row[_FIELD_INDEX[fld]] = value
            row[0] = pt.id
            if links.get(pt.id) is not None:
                row[_INDEX["referred_by_id"]] = links[pt.id]
            if row[_CONSENT] and row[_CONSENT_AT] is None:
                row[_CONSENT_AT] = today
            if row[_GUARDIAN] and row[_GUARDIAN_AT] is None:
                row[_GUARDIAN_AT] = today
            if row[_DNC] and row[_DNC_AT] is None:
                row[_DNC_AT] = now_text
            for column, on in (("marketing_consent", row[_CONSENT]), ("do_not_contact", row[_DNC])):
                if on:
                    self._count_flag(column, 1)
            if row[_FIRST] is None:
                seen = [d for d in (pt.first_seen, row[_OPENING_LAST]) if d is not None]
                row[_FIRST] = min(seen) if seen else today
            if pt.lines:
                row[_NOTES] = with_lines(row[_NOTES], pt.lines)
            row[_PINYIN], row[_PINYIN + 1] = fast_search_keys(row[_NAME])
            inserts.append(tuple(row))
            if tag_ids:
                new_links.extend((pt.id, t) for t in dict.fromkeys(tag_ids))
            mark(pt.sheet, pt.row, "created")

    def _count_flag(self, column: str, value: object) -> None:
        key = f"{column}_{'on' if value else 'off'}"
        counts = self.ledger.work.flag_changes
        counts[key] = counts.get(key, 0) + 1

    def _update(
        self,
        pt: _Patient,
        incoming: dict[str, Any],
        current: dict[str, Any],
        tags: set[int],
        tag_ids: list[int],
        now_text: str,
        today: str,
    ) -> None:
        changes = changes_for(current, incoming, pt.lines, today, now_text)
        for column in ("marketing_consent", "do_not_contact"):
            if column in changes:
                self._count_flag(column, changes[column])
        new_tags = [t for t in dict.fromkeys(tag_ids) if t not in tags]
        if changes:
            before = {c: current[c] for c in changes} | {"updated_at": current["updated_at"]}
            changes["updated_at"] = now_text
            self.ledger.work.updates.setdefault("patients", []).append((pt.id, changes, before))
        self.ledger.work.tag_links.extend((pt.id, t) for t in new_tags)
        self.ledger.mark(pt.sheet, pt.row, "updated" if changes or new_tags else "unchanged")
