"""Which patients may be one person: the rules of :mod:`.duplicates`, applied to the whole table at once.

Why a module of its own: at 100,000 patients the rules looked at every patient in a Python loop and
compared phones pair by pair inside each same-name bucket (4–8 s, most of it interpreter time). Here the
rows are read as plain columns, only patients who share a name (or carry a WeChat id, or a phone another
patient also has) are looked at again, and the phone rules — one digit apart, or the same number but the
prefix — run as NumPy comparisons over every candidate pair of a block (same name and same first six, or
same last five digits: two numbers one digit apart always share one of the two). Same pairs, same
reasons as the rules read one by one (a test compares both on demo clinics and on every rule's case).
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from clinic_desktop.core.phone import normalize_phone

Array = npt.NDArray[Any]

#: larger clusters are common names, not one person registered many times
MAX_GROUP = 10
_CANONICAL_PHONE = re.compile(r"1[3-9][0-9]{9}")
#: a WeChat id that holds at least eleven digits may be a phone number typed there
_ELEVEN_DIGITS = re.compile(r"(?:[^0-9]*[0-9]){11}")
# one row of JSON arrays: SQLite builds each column in C and json.loads parses it in C (the patient
# list's trick, services/patients/list_snapshot.py): half the cost of 300,000 row tuples
_COLUMNS_SQL = (
    "SELECT json_group_array(id), json_group_array(name), json_group_array(phone), json_group_array(wechat),"
    " json_group_array(birth_date), json_group_array(gender) FROM (SELECT * FROM patients ORDER BY id)"
)


def name_key(name: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", name or "").split())


class Groups:
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

    def components(self, order: Sequence[str]) -> list[tuple[tuple[int, ...], tuple[str, ...]]]:
        """Each group of 2–:data:`MAX_GROUP` patients with its reasons, in ``order``."""
        found: dict[int, list[int]] = defaultdict(list)
        for item in list(self.parent):
            found[self.find(item)].append(item)
        why: dict[int, set[str]] = defaultdict(set)
        for members, reasons in self.reasons.items():
            why[self.find(next(iter(members)))] |= reasons
        rank = {key: i for i, key in enumerate(order)}
        return [
            (tuple(sorted(ids)), tuple(sorted(why[root], key=rank.__getitem__)))
            for root, ids in found.items()
            if 1 < len(ids) <= MAX_GROUP
        ]


def candidates(conn: sqlite3.Connection) -> tuple[Groups, dict[int, str]]:
    """Every rule's joins over the patients table, and each patient's name key (for ordering groups)."""
    ids, raw_names, raw_phones, wechats, births, genders = map(
        json.loads, conn.execute(_COLUMNS_SQL).fetchone()
    )
    if not ids:
        return Groups(), {}
    keys_of = {name: name_key(name) for name in set(raw_names)}  # names repeat: each worked out once
    keys = [keys_of[name] for name in raw_names]
    # stored phones are normalised already; anything else is normalised as the rules always did, so
    # every phone below is None or 11 digits
    phones = [p if p is None or _CANONICAL_PHONE.fullmatch(p) else normalize_phone(p) for p in raw_phones]
    names = dict(zip(ids, keys, strict=True))
    groups = Groups()
    by_phone: dict[str, list[int]] = defaultdict(list)  # phones held by more than one patient
    repeated = {phone for phone, n in Counter(phones).items() if n > 1 and phone}
    if repeated:
        for pid, phone in zip(ids, phones, strict=True):
            if phone in repeated:
                by_phone[phone].append(pid)
    for same in by_phone.values():
        groups.join(same, "same_phone")
    holder = {phone: pid for phone, pid in zip(phones, ids, strict=True) if phone}

    def holders(phone: str | None) -> list[int]:
        if not phone:
            return []
        return by_phone[phone] if phone in repeated else ([holder[phone]] if phone in holder else [])

    _wechat_rules(groups, ids, names, wechats, births, holders)
    _same_name_rules(groups, ids, keys, phones, births, genders)
    return groups, names


def _wechat_rules(
    groups: Groups,
    ids: list[int],
    names: dict[int, str],
    wechats: list[str | None],
    births: list[str | None],
    holders: Callable[[str | None], list[int]],
) -> None:
    keyed = [(pid, w.strip().lower(), birth) for pid, w, birth in zip(ids, wechats, births, strict=True) if w]
    keyed = [row for row in keyed if row[1]]
    count = Counter(key for _, key, _ in keyed)
    by_wechat: dict[str, list[tuple[int, str | None]]] = defaultdict(list)
    for pid, key, birth in keyed:
        if count[key] > 1:
            by_wechat[key].append((pid, birth))
    for owners in by_wechat.values():
        # One WeChat account often serves a family, so a shared id counts only with the same name and no
        # conflicting birth date.
        same: dict[tuple[str, str | None], list[int]] = defaultdict(list)
        known = {birth for _, birth in owners if birth}
        for pid, birth in owners:
            same[(names[pid], birth if len(known) > 1 else None)].append(pid)
        for joined in same.values():
            groups.join(joined, "same_wechat")
    numbers = {key for _, key, _ in keyed if len(key) >= 11 and _ELEVEN_DIGITS.match(key)}
    alone = {key: [(pid, birth)] for pid, key, birth in keyed if key in numbers and count[key] == 1}
    for key in numbers:
        phoned = holders(normalize_phone(key))
        owners = by_wechat.get(key) or alone[key]
        for holder in phoned:
            for owner, _ in owners:
                if names[holder][:1] == names[owner][:1]:  # a family member has another surname
                    groups.join((holder, owner), "phone_is_wechat")


def _same_name_rules(
    groups: Groups,
    ids: list[int],
    keys: list[str],
    phones: list[str | None],
    births: list[str | None],
    genders: list[str | None],
) -> None:
    """The rules among patients of one name: same birth date, phones one digit apart or alike but for
    the prefix, and a record without a phone that fits exactly one record with one."""
    codes_of: dict[str, int] = {"": -1}
    code = np.array([codes_of.setdefault(key, len(codes_of) - 1) for key in keys], dtype=np.int64)
    count = np.bincount(code[code >= 0], minlength=len(codes_of))
    shared = np.flatnonzero((code >= 0) & (count[np.maximum(code, 0)] > 1))
    pid = np.array(ids, dtype=np.int64)
    births_of: dict[str | None, int] = {None: -1, "": -1}
    birth = np.array([births_of.setdefault(b, len(births_of) - 2) for b in births], dtype=np.int64)
    dated = shared[birth[shared] >= 0]
    for run in _runs(code[dated] * (len(births_of) + 1) + birth[dated]):
        groups.join(pid[dated[run]].tolist(), "name_birth")
    has_phone = np.array([p is not None for p in phones], dtype=bool)
    phoned = shared[has_phone[shared]]
    _phone_pairs(groups, pid[phoned], code[phoned], [phones[i] or "" for i in phoned.tolist()])
    without = np.zeros(len(count), dtype=bool)
    without[code[shared[~has_phone[shared]]]] = True
    rows = shared[without[code[shared]]]
    by_name: dict[int, list[tuple[int, str | None, str | None, str | None]]] = defaultdict(list)
    for i, c in zip(rows.tolist(), code[rows].tolist(), strict=True):
        by_name[c].append((ids[i], phones[i], births[i], genders[i]))
    for same_name in by_name.values():
        _phoneless(groups, same_name)


def _runs(key: Array) -> list[Array]:
    """Positions of ``key`` grouped by value, for values that occur more than once (each run ascending)."""
    if len(key) < 2:
        return []
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    edges = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    starts = np.concatenate([[0], edges])
    ends = np.concatenate([edges, [len(key)]])
    return [order[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True) if b - a > 1]


def _phone_pairs(groups: Groups, pid: Array, name_code: Array, phones: list[str]) -> None:
    """Same name, phones one digit apart (``name_phone_typo``) or equal but for the first three digits
    (``name_phone_tail``): every pair inside a block of (name, first six digits) or (name, last five)."""
    if len(pid) < 2:
        return
    number = np.array(phones, dtype="U11").astype(np.int64)  # 11 digits, parsed in C
    digits = np.stack([number // 10**k % 10 for k in range(10, -1, -1)], axis=1)
    for block, tail_rule in (
        (name_code * 10**6 + number // 10**5, False),  # same first six digits
        (name_code * 10**5 + number % 10**5, True),  # same last five
    ):
        first, second = _pairs_within(block)
        if not len(first):
            continue
        typo = (digits[first] != digits[second]).sum(axis=1) == 1
        for a, b in zip(pid[first[typo]].tolist(), pid[second[typo]].tolist(), strict=True):
            groups.join((a, b), "name_phone_typo")
        if tail_rule:  # only the prefix differs (138/139 …): the last eight digits agree
            alike = number[first] % 10**8 == number[second] % 10**8
            for a, b in zip(pid[first[alike]].tolist(), pid[second[alike]].tolist(), strict=True):
                groups.join((a, b), "name_phone_tail")


def _pairs_within(block: Array) -> tuple[Array, Array]:
    """Every pair (i, j), i ≠ j, of rows with the same block code (each pair once)."""
    order = np.argsort(block, kind="stable")
    sorted_block = block[order]
    firsts, seconds = [], []
    gap = 1
    while gap < len(order):
        same = sorted_block[gap:] == sorted_block[:-gap]
        if not same.any():
            break  # blocks are runs: no pair this far apart means none farther either
        at = np.flatnonzero(same)
        firsts.append(order[at])
        seconds.append(order[at + gap])
        gap += 1
    if not firsts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(firsts), np.concatenate(seconds)


def _phoneless(groups: Groups, rows: list[tuple[int, str | None, str | None, str | None]]) -> None:
    """A record without a phone that fits exactly one same-named record with one (birth date and gender
    not in conflict), and that record fits only it: ``name_no_phone``."""
    without = [row for row in rows if not row[1]]
    if not without:
        return
    with_phone = [row for row in rows if row[1]]
    picks: dict[int, list[int]] = defaultdict(list)  # phoned patient → the phoneless records that fit it
    for pid, _, birth, gender in without:
        fits = [
            other
            for other, _, other_birth, other_gender in with_phone
            if (birth is None or other_birth is None or birth == other_birth)
            and (gender is None or other_gender is None or gender == other_gender)
        ]
        if len(fits) == 1:  # with two or more candidates nobody can tell which one it is
            picks[fits[0]].append(pid)
    for phoned, phoneless in picks.items():
        if len(phoneless) == 1:  # and the same the other way round (two phoneless could be two people)
            groups.join((phoned, phoneless[0]), "name_no_phone")
