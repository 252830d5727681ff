"""Roles and the owner password: who may do what, and a hash that is slow, salted and checked in constant
time (the comparison itself is hmac.compare_digest; here: that the right things are compared)."""

from __future__ import annotations

import pytest

from clinic_desktop.core.access import (
    Access,
    AccessDenied,
    AccessOptions,
    PasswordHash,
    Permission,
    Role,
    allowed,
    hash_password,
    verify_password,
)
from clinic_desktop.core.bilingual import BilingualError

FAST = {"n": 2**10, "r": 8, "p": 1}


def test_staff_may_do_none_of_the_dangerous_things_and_the_owner_all() -> None:
    for permission in Permission:
        assert allowed(Role.OWNER, permission)
        assert not allowed(Role.STAFF, permission)


def test_with_roles_off_everyone_is_the_owner() -> None:
    access = Access(Role.STAFF)
    assert access.role is Role.OWNER and access.may(Permission.ERASE)
    access.roles_enabled = True
    assert access.role is Role.STAFF
    with pytest.raises(AccessDenied) as refused:
        access.require(Permission.EXPORT_DATABASE)
    assert refused.value.zh == "只有店主可以导出整个数据库。" and "owner" in refused.value.en
    access.act_as(Role.OWNER)
    access.require(Permission.EXPORT_DATABASE)


def test_a_hash_is_salted_and_verifies_only_its_password() -> None:
    first, second = hash_password("correct horse", **FAST), hash_password("correct horse", **FAST)
    assert first.salt != second.salt and first.digest != second.digest
    assert verify_password("correct horse", first) and verify_password("correct horse", second)
    assert not verify_password("correct hors", first) and not verify_password("", first)
    stored = first.to_dict()
    assert stored["algorithm"] == "scrypt" and stored["n"] == 2**10 and "correct" not in str(stored)
    assert PasswordHash.from_dict(stored) == first


def test_default_parameters_are_the_slow_ones() -> None:
    hashed = hash_password("123456")
    assert (hashed.n, hashed.r, hashed.p) == (2**15, 8, 1) and len(hashed.salt) == 16


@pytest.mark.parametrize(
    "change",
    [{"algorithm": "md5"}, {"n": 2**30}, {"n": 1000}, {"r": 0}, {"salt": "00"}, {"hash": "zz"}, {"p": "x"}],
)
def test_tampered_or_damaged_hashes_are_refused_not_run(change: dict[str, object]) -> None:
    stored = hash_password("123456", **FAST).to_dict() | change
    with pytest.raises(ValueError):
        PasswordHash.from_dict(stored)


def test_short_passwords_and_bad_options_are_refused() -> None:
    with pytest.raises(BilingualError):
        hash_password("12345")
    with pytest.raises(BilingualError):
        AccessOptions(idle_lock_minutes=-1)
    with pytest.raises(BilingualError):
        AccessOptions(idle_lock_minutes=True)
    assert AccessOptions(idle_lock_minutes=0).idle_lock_minutes == 0
