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

import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from clinic_desktop.core.phone import normalize_phone
from clinic_desktop.db.json_columns import json_columns_sql, read_json_columns

Array = npt.NDArray[Any]

#: larger clusters are common names, not one person registered many times
MAX_GROUP = 10
#: a WeChat id that holds at least eleven digits may be a phone number typed there
_ELEVEN_DIGITS = re.compile(r"(?:[^0-9]*[0-9]){11}")
# A stored phone is canonical (11 digits, 1[3-9]…) exactly when it is 11 characters long and its leading
# integer lies in that range: a number that large needs 11 digits, and 11 characters leave room for no
# sign, space or other character. Tested so, it costs a third of the GLOB it replaces (0.1 s less at
# 300,000 patients: the column was the read's dearest).
_CANONICAL_SQL = "length(phone) = 11 AND CAST(phone AS INTEGER) BETWEEN 13000000000 AND 19999999999"
# One row of JSON arrays: SQLite builds each column in C and json.loads parses it in C (db/json_columns,
# as the patient list reads). Stored phones are normalised already, so SQLite hands them over as
# integers (-1: none, -2: stored otherwise); only a phone stored otherwise is read again as text
# (_ODD_PHONES_SQL), to be normalised as the rules always did. No ORDER BY: the result does not depend on
# the order of the rows, and a sorted subquery would copy every row first (0.3 s instead of 0.12 s at
# 300,000 patients).
_COLUMNS_SQL = json_columns_sql(
    (
        "id", "name", "wechat", "birth_date", "gender",
        f"CASE WHEN phone IS NULL THEN -1 WHEN {_CANONICAL_SQL} THEN CAST(phone AS INTEGER) ELSE -2 END",
    ),
    "FROM patients",
)  # fmt: skip
_ODD_PHONES_SQL = json_columns_sql(
    ("id", "phone"), f"FROM patients WHERE phone IS NOT NULL AND NOT ({_CANONICAL_SQL})"
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


class _Table:
    """The patients as columns, by position: ids, name-key codes (-1: no name), phones as 11-digit
    integers (-1: none), birth-date codes (-1: none), and the raw texts the rarer rules read."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        ids, names, wechats, births, genders, phones = read_json_columns(conn, _COLUMNS_SQL)
        n = len(ids)
        self.ids: list[int] = ids
        self.pid = np.array(ids, dtype=np.int64)
        self.names: list[str] = names
        self.wechats: list[str | None] = wechats
        self.births: list[str | None] = births
        self.genders: list[str | None] = genders
        # names repeat (21,537 names among 300,000 patients): each key worked out once, and a
        # dictionary's __getitem__ mapped over the column in C
        self.key_of = {name: name_key(name) for name in set(names)}
        codes: dict[str, int] = {"": -1}
        code_of = {name: codes.setdefault(key, len(codes) - 1) for name, key in self.key_of.items()}
        self.name_codes = len(codes)
        self.code = np.fromiter(map(code_of.__getitem__, names), dtype=np.int64, count=n)
        self.number = np.array(phones, dtype=np.int64)
        odd = np.flatnonzero(self.number == -2)
        if len(odd):  # stored unnormalised: normalised here
            stored = dict(zip(*read_json_columns(conn, _ODD_PHONES_SQL), strict=True))
            for i in odd.tolist():
                # a phone changed between the two reads: as it is now (no read holds both in one snapshot)
                phone = normalize_phone(stored.get(ids[i]))
                self.number[i] = int(phone) if phone else -1
        births_of: dict[str | None, int] = {None: -1, "": -1}
        for birth in set(births):
            births_of.setdefault(birth, len(births_of) - 2)
        self.birth_codes = len(births_of)
        self.birth = np.fromiter(map(births_of.__getitem__, births), dtype=np.int64, count=n)

    def key(self, i: int) -> str:
        return self.key_of[self.names[i]]

    def holders(self, numbers: set[int]) -> dict[int, list[int]]:
        """The positions of the patients holding each of ``numbers`` (ascending)."""
        if not numbers:
            return {}
        at = np.flatnonzero(np.isin(self.number, np.array(sorted(numbers), dtype=np.int64)))
        found: dict[int, list[int]] = defaultdict(list)
        for i, number in zip(at.tolist(), self.number[at].tolist(), strict=True):
            found[number].append(i)
        return found


def candidates(conn: sqlite3.Connection) -> tuple[Groups, dict[int, str]]:
    """Every rule's joins over the patients table, and the name key of each patient in a group (for
    ordering groups)."""
    groups = Groups()
    table = _Table(conn)
    if not table.ids:
        return groups, {}
    phoned = np.flatnonzero(table.number >= 0)
    for run in _runs(table.number[phoned]):  # phones held by more than one patient
        groups.join(table.pid[phoned[run]].tolist(), "same_phone")
    _wechat_rules(groups, table)
    _same_name_rules(groups, table)
    joined = np.flatnonzero(np.isin(table.pid, np.array(list(groups.parent), dtype=np.int64)))
    names = {table.ids[i]: table.key(i) for i in joined.tolist()}
    return groups, names


def _wechat_rules(groups: Groups, table: _Table) -> None:
    present = np.flatnonzero(np.fromiter(map(bool, table.wechats), dtype=bool, count=len(table.ids)))
    at = present.tolist()
    keys = list(map(str.lower, map(str.strip, cast(list[str], list(map(table.wechats.__getitem__, at))))))
    if "" in keys:  # only spaces: no id
        at, keys = [i for i, k in zip(at, keys, strict=True) if k], [k for k in keys if k]
    count = Counter(keys)
    by_wechat: dict[str, list[int]] = defaultdict(list)
    repeated = np.fromiter(map(count.__getitem__, keys), dtype=np.int64, count=len(keys)) > 1
    for j in np.flatnonzero(repeated).tolist():  # mostly ids of one patient: only the shared looked at
        by_wechat[keys[j]].append(at[j])
    for owners in by_wechat.values():
        # One WeChat account often serves a family, so a shared id counts only with the same name and no
        # conflicting birth date.
        same: dict[tuple[str, str | None], list[int]] = defaultdict(list)
        known = {table.births[i] for i in owners if table.births[i]}
        for i in owners:
            same[(table.key(i), table.births[i] if len(known) > 1 else None)].append(table.ids[i])
        for joined in same.values():
            groups.join(joined, "same_wechat")
    numbers = {key for key in count if len(key) >= 11 and _ELEVEN_DIGITS.match(key)}
    alone = {key: [i] for i, key in zip(at, keys, strict=True) if key in numbers and count[key] == 1}
    as_phone = {key: normalize_phone(key) for key in numbers}
    holding = table.holders({int(phone) for phone in as_phone.values() if phone})
    for key in numbers:
        phone = as_phone[key]
        owners = by_wechat.get(key) or alone[key]
        for holder in holding.get(int(phone), []) if phone else []:
            for owner in owners:
                if table.key(holder)[:1] == table.key(owner)[:1]:  # a family member has another surname
                    groups.join((table.ids[holder], table.ids[owner]), "phone_is_wechat")


def _same_name_rules(groups: Groups, table: _Table) -> None:
    """The rules among patients of one name: same birth date, phones one digit apart or alike but for
    the prefix, and a record without a phone that fits exactly one record with one."""
    code, birth, pid, number = table.code, table.birth, table.pid, table.number
    count = np.bincount(code[code >= 0], minlength=table.name_codes)
    shared = np.flatnonzero((code >= 0) & (count[np.maximum(code, 0)] > 1))
    dated = shared[birth[shared] >= 0]
    for run in _runs(code[dated] * (table.birth_codes + 1) + birth[dated]):
        groups.join(pid[dated[run]].tolist(), "name_birth")
    has_phone = number >= 0
    phoned = shared[has_phone[shared]]
    _phone_pairs(groups, pid[phoned], code[phoned], number[phoned])
    without = np.zeros(len(count), dtype=bool)
    without[code[shared[~has_phone[shared]]]] = True
    rows = shared[without[code[shared]]]
    by_name: dict[int, list[tuple[int, bool, str | None, str | None]]] = defaultdict(list)
    for i, c, p in zip(rows.tolist(), code[rows].tolist(), has_phone[rows].tolist(), strict=True):
        by_name[c].append((table.ids[i], p, table.births[i], table.genders[i]))
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
    long = ends - starts > 1
    return [order[a:b] for a, b in zip(starts[long].tolist(), ends[long].tolist(), strict=True)]


def _phone_pairs(groups: Groups, pid: Array, name_code: Array, number: Array) -> None:
    """Same name, phones one digit apart (``name_phone_typo``) or equal but for the first three digits
    (``name_phone_tail``): every pair inside a block of (name, first six digits) or (name, last five)."""
    if len(pid) < 2:
        return
    digits = np.stack([(number // 10**k % 10).astype(np.int8) for k in range(10, -1, -1)], axis=1)
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


def _phoneless(groups: Groups, rows: list[tuple[int, bool, str | None, str | None]]) -> None:
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
