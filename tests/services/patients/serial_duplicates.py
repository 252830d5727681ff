"""The duplicate finder as it was before issue 15 (a Python loop over every patient, phone pairs compared
one by one inside each same-name bucket): the reference ``test_duplicates_equal.py`` holds the new one to.
Test code only."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import text
from sqlalchemy.orm import Session

from clinic_desktop.core.phone import normalize_phone
from clinic_desktop.db.settings_store import read_value
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients.duplicates import DISMISSED_KEY, REASONS, DuplicateGroup, _summaries

_MAX_GROUP = 10


def _dismissed(session: Session) -> list[list[int]]:
    stored = read_value(session.connection(), DISMISSED_KEY)
    return [list(map(int, ids)) for ids in stored] if isinstance(stored, list) else []


def _name_key(name: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", name or "").split())


class _Groups:
    """Union-find over patient ids, remembering why each pair was joined."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.reasons: dict[frozenset[int], set[str]] = defaultdict(set)

    def find(self, item: int) -> int:
        root = self.parent.setdefault(item, item)
        while root != self.parent[root]:
            root = self.parent[root]
        while item != root:
            item, self.parent[item] = self.parent[item], root
        return root

    def join(self, ids: Sequence[int], reason: str) -> None:
        if len(ids) < 2:
            return
        members = sorted(set(ids))
        for other in members[1:]:
            self.parent[self.find(other)] = self.find(members[0])
        if len(members) > 1:
            self.reasons[frozenset(members)].add(reason)

    def components(self) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
        found: dict[int, list[int]] = defaultdict(list)
        for item in list(self.parent):
            found[self.find(item)].append(item)
        why: dict[int, set[str]] = defaultdict(set)
        for members, reasons in self.reasons.items():
            why[self.find(next(iter(members)))] |= reasons
        order = list(REASONS)
        return [
            (tuple(sorted(ids)), tuple(sorted(why[root], key=order.index)))
            for root, ids in found.items()
            if 1 < len(ids) <= _MAX_GROUP
        ]


_CANONICAL_PHONE = re.compile(r"1[3-9][0-9]{9}")
_NON_DIGIT = re.compile(r"[^0-9]")


class _Row(NamedTuple):
    id: int
    name: str
    phone: str | None
    wechat: str | None
    birth: str | None  # ISO text: compared, never computed with
    gender: str | None


def find_duplicates_serial(db: Database) -> list[DuplicateGroup]:
    """Groups of patients that are probably one person, strongest reason first (a few seconds for
    100,000 patients: one pass over the patients table, summaries only for the proposed patients)."""
    with db.sessions() as session:
        rows = [
            _Row(*row)
            for row in session.execute(
                text("SELECT id, name, phone, wechat, birth_date, gender FROM patients")
            )
        ]
        groups = _Groups()
        by_phone: dict[str, list[int]] = defaultdict(list)
        by_wechat: dict[str, list[_Row]] = defaultdict(list)
        by_name: dict[str, list[_Row]] = defaultdict(list)
        names: dict[int, str] = {}
        for row in rows:
            phone = row.phone
            if phone and not _CANONICAL_PHONE.fullmatch(phone):  # stored phones are normalised already
                phone = normalize_phone(phone)
                row = row._replace(phone=phone)
            if phone:
                by_phone[phone].append(row.id)
            if row.wechat and row.wechat.strip():
                by_wechat[row.wechat.strip().lower()].append(row)
            name = _name_key(row.name)
            names[row.id] = name
            if name:
                by_name[name].append(row)
        for ids in by_phone.values():
            groups.join(ids, "same_phone")
        for wechat, owners in by_wechat.items():
            # One WeChat account often serves a family, so a shared id counts only with the same name and
            # no conflicting birth date.
            same: dict[tuple[str, str | None], list[int]] = defaultdict(list)
            births = {owner.birth for owner in owners if owner.birth}
            for owner in owners:
                same[(names[owner.id], owner.birth if len(births) > 1 else None)].append(owner.id)
            for ids in same.values():
                groups.join(ids, "same_wechat")
            as_phone = normalize_phone(wechat) if len(_NON_DIGIT.sub("", wechat)) >= 11 else None
            for holder in by_phone.get(as_phone or "", ()):
                for owner in owners:
                    if names[holder][:1] == names[owner.id][:1]:  # a family member has another surname
                        groups.join((holder, owner.id), "phone_is_wechat")
        for same_name in by_name.values():
            if len(same_name) > 1:
                _same_name_rules(groups, same_name)
        dismissed = [frozenset(ids) for ids in _dismissed(session)]
        proposed = [
            (ids, reasons)
            for ids, reasons in groups.components()
            if not any(set(ids) <= seen for seen in dismissed)
        ]
        summaries = _summaries(session, [pid for ids, _ in proposed for pid in ids])
    result = [
        DuplicateGroup(ids, reasons, tuple(summaries[pid] for pid in ids))
        for ids, reasons in proposed
        if all(pid in summaries for pid in ids)
    ]
    order = list(REASONS)
    result.sort(
        key=lambda group: (order.index(group.reasons[0]), names[group.patient_ids[0]], group.patient_ids)
    )
    return result


def _one_digit_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _same_name_rules(groups: _Groups, same_name: list[_Row]) -> None:
    by_birth: dict[str, list[int]] = defaultdict(list)
    with_phone = [row for row in same_name if row.phone]
    for row in same_name:
        if row.birth:
            by_birth[row.birth].append(row.id)
    for ids in by_birth.values():
        groups.join(ids, "name_birth")
    # Two numbers one digit apart agree on their first six or on their last five digits: bucket by each
    # half and compare only within a bucket (a common name has hundreds of phones, a bucket a few).
    for half in (slice(0, 6), slice(6, None)):
        buckets: dict[str, list[_Row]] = defaultdict(list)
        for row in with_phone:
            buckets[(row.phone or "")[half]].append(row)
        for bucket in buckets.values():
            for index, row in enumerate(bucket):
                for other in bucket[index + 1 :]:
                    mine, theirs = row.phone or "", other.phone or ""
                    if _one_digit_apart(mine, theirs):
                        groups.join((row.id, other.id), "name_phone_typo")
                    if half.start == 6 and mine[3:] == theirs[3:]:  # only the prefix differs (138/139 …)
                        groups.join((row.id, other.id), "name_phone_tail")
    picks: dict[int, list[int]] = defaultdict(list)  # phoned patient → the phoneless records that fit it
    for row in same_name:
        if row.phone:
            continue
        fits = [
            other.id
            for other in with_phone
            if (row.birth is None or other.birth is None or row.birth == other.birth)
            and (row.gender is None or other.gender is None or row.gender == other.gender)
        ]
        if len(fits) == 1:  # with two or more candidates nobody can tell which one it is
            picks[fits[0]].append(row.id)
    for phoned, phoneless in picks.items():
        if len(phoneless) == 1:  # and the same the other way round (two phoneless could be two people)
            groups.join((phoned, phoneless[0]), "name_no_phone")
