"""Who may do what (issue 14 item 6): the owner and staff roles, the owner password, the actor of a session.

Roles are optional and off by default: a one-person clinic should not meet a password prompt. While they
are off everyone acts as the owner. Once the owner sets a password, the app starts as **staff** and the
owner unlocks with the password; staff cannot export the whole database, export or erase a patient's
data, restore a backup, change settings, read the audit log or see revenue figures.

The gate is :meth:`Access.require`, called by the *services* at the start of each dangerous use-case —
hiding a button is a courtesy, not the protection. Every :class:`~clinic_desktop.services.database.Database`
holds one :class:`Access`; the audit trail reads the acting role from it, so ``audit_log.user`` always
says who acted.

This guards the front desk against mistakes and curious colleagues, not against someone with the OS
account and a file browser: the database is an ordinary SQLite file (kept private to the OS user).

The password is stored as an scrypt hash with a random salt and its parameters (so they can be raised
later without locking anyone out) and compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from clinic_desktop.core.bilingual import BilingualError

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "OPTIONS_KEY",
    "PASSWORD_KEY",
    "PERMISSION_LABELS",
    "ROLE_LABELS",
    "MAX_IDLE_LOCK_MINUTES",
    "Access",
    "AccessDenied",
    "AccessOptions",
    "PasswordHash",
    "Permission",
    "Role",
    "allowed",
    "hash_password",
    "verify_password",
]

MIN_PASSWORD_LENGTH = 6
#: ``settings`` keys (beside the clinic settings, outside their registry — see :class:`AccessOptions`)
PASSWORD_KEY = "access_password"
OPTIONS_KEY = "access_options"


class Role(StrEnum):
    OWNER = "owner"
    STAFF = "staff"


class Permission(StrEnum):
    """The use-cases staff may not run (everything else is open to both roles)."""

    EXPORT_DATABASE = "export_database"
    EXPORT_PATIENT = "export_patient"
    ERASE = "erase"
    RESTORE = "restore"
    CHANGE_SETTINGS = "change_settings"
    SEE_REVENUE = "see_revenue"
    VIEW_AUDIT = "view_audit"


ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.OWNER: ("店主", "Owner"),
    Role.STAFF: ("前台", "Staff"),
}

PERMISSION_LABELS: dict[Permission, tuple[str, str]] = {
    Permission.EXPORT_DATABASE: ("导出整个数据库", "export the whole database"),
    Permission.EXPORT_PATIENT: ("导出患者个人数据", "export a patient's data"),
    Permission.ERASE: ("删除患者全部数据", "erase a patient"),
    Permission.RESTORE: ("从备份恢复", "restore a backup"),
    Permission.CHANGE_SETTINGS: ("修改设置", "change settings"),
    Permission.SEE_REVENUE: ("查看营收数字", "see revenue figures"),
    Permission.VIEW_AUDIT: ("查看操作日志", "view the audit log"),
}

_STAFF_MAY: frozenset[Permission] = frozenset()


def allowed(role: Role, permission: Permission) -> bool:
    return role is Role.OWNER or permission in _STAFF_MAY


class AccessDenied(BilingualError):
    """A use-case refused for the acting role (the UI should have hidden it; the service refuses anyway)."""

    def __init__(self, permission: Permission) -> None:
        zh, en = PERMISSION_LABELS[permission]
        super().__init__(f"只有店主可以{zh}。", f"Only the owner can {en}.")
        self.permission = permission


class Access:
    """The acting role of one open database: mutable, because the owner unlocks and the app locks again.

    ``roles_enabled`` is what the database says (a password is set); with roles off the role is always
    the owner. ``via`` names the way in (``"app"`` or ``"cli"``) for the audit trail.
    """

    def __init__(
        self,
        role: Role = Role.OWNER,
        *,
        roles_enabled: bool = False,
        via: str = "app",
        options: AccessOptions | None = None,
    ) -> None:
        self.roles_enabled = roles_enabled
        self.via = via
        self.options = options or AccessOptions()
        self._role = role

    @property
    def role(self) -> Role:
        return self._role if self.roles_enabled else Role.OWNER

    def act_as(self, role: Role) -> None:
        self._role = role

    def may(self, permission: Permission) -> bool:
        return allowed(self.role, permission)

    @property
    def masks_phones(self) -> bool:
        """Phones are shown as 138****1234 on screen: staff is acting and the owner asked for it."""
        return self.role is Role.STAFF and self.options.mask_phones_for_staff

    @property
    def idle_lock_minutes(self) -> int:
        """Minutes of no input before the window locks; 0 = never (always 0 with roles off: no password
        to unlock with)."""
        return self.options.idle_lock_minutes if self.roles_enabled else 0

    def require(self, permission: Permission) -> None:
        """Raise :class:`AccessDenied` unless the acting role may do ``permission``."""
        if not self.may(permission):
            raise AccessDenied(permission)

    def __repr__(self) -> str:
        return f"Access(role={self.role.value!r}, roles_enabled={self.roles_enabled}, via={self.via!r})"


# --- options the owner sets once roles are on --------------------------------------------------------

#: idle minutes before the window locks: 0 = never; at most a working day
MAX_IDLE_LOCK_MINUTES = 480


@dataclass(frozen=True, slots=True)
class AccessOptions:
    """What the owner decides about staff (stored beside the password hash, not in the clinic settings:
    they mean nothing until a password exists, and the settings screen must not be able to turn roles on
    without one)."""

    #: show phones as 138****1234 on screen while staff is acting
    mask_phones_for_staff: bool = False
    #: lock the window after this many idle minutes (0 = never); only with roles on
    idle_lock_minutes: int = 10

    def to_stored(self) -> dict[str, Any]:
        return {
            "mask_phones_for_staff": self.mask_phones_for_staff,
            "idle_lock_minutes": self.idle_lock_minutes,
        }

    @classmethod
    def from_stored(cls, value: object) -> AccessOptions:
        """The stored options; anything missing or unusable takes its default (never locks anyone out)."""
        if not isinstance(value, dict):
            return cls()
        try:
            return cls(
                mask_phones_for_staff=bool(value.get("mask_phones_for_staff", False)),
                idle_lock_minutes=value.get("idle_lock_minutes", cls().idle_lock_minutes),
            )
        except BilingualError:
            return cls()

    def __post_init__(self) -> None:
        if isinstance(self.idle_lock_minutes, bool) or not isinstance(self.idle_lock_minutes, int):
            raise BilingualError("锁屏时间应为整数分钟。", "The idle lock must be whole minutes.")
        if not 0 <= self.idle_lock_minutes <= MAX_IDLE_LOCK_MINUTES:
            raise BilingualError(
                f"锁屏时间应在 0–{MAX_IDLE_LOCK_MINUTES} 分钟之间（0 为不锁屏）。",
                f"The idle lock must be 0–{MAX_IDLE_LOCK_MINUTES} minutes (0 = never).",
            )


# --- the owner password ----------------------------------------------------------------------------------

#: scrypt cost: n=2**15, r=8 needs 32 MiB and about 0.1 s — slow for a guesser, unnoticeable at unlock
DEFAULT_N, DEFAULT_R, DEFAULT_P = 2**15, 8, 1
_DKLEN = 32
#: stored parameters outside these bounds are refused rather than run (a tampered n could exhaust memory)
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16


@dataclass(frozen=True, slots=True)
class PasswordHash:
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes

    def to_dict(self) -> dict[str, Any]:
        return {
            "algorithm": "scrypt",
            "n": self.n,
            "r": self.r,
            "p": self.p,
            "salt": self.salt.hex(),
            "hash": self.digest.hex(),
        }

    @classmethod
    def from_dict(cls, data: object) -> PasswordHash:
        """Read a stored hash; raises ``ValueError`` for anything malformed or out of bounds."""
        if not isinstance(data, dict) or data.get("algorithm") != "scrypt":
            raise ValueError("not an scrypt password hash")
        try:
            n, r, p = (int(data[k]) for k in ("n", "r", "p"))
            salt, digest = bytes.fromhex(str(data["salt"])), bytes.fromhex(str(data["hash"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"malformed password hash: {exc}") from None
        if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
            raise ValueError("password hash parameters out of bounds")
        if len(salt) < 16 or len(digest) != _DKLEN:
            raise ValueError("password hash salt or digest has the wrong length")
        return cls(n, r, p, salt, digest)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r + 1_048_576, dklen=_DKLEN
    )


def hash_password(
    password: str, *, n: int = DEFAULT_N, r: int = DEFAULT_R, p: int = DEFAULT_P
) -> PasswordHash:
    """A fresh salted scrypt hash of ``password`` (16 random bytes of salt)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BilingualError(
            f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。",
            f"The password needs at least {MIN_PASSWORD_LENGTH} characters.",
        )
    salt = secrets.token_bytes(16)
    return PasswordHash(n, r, p, salt, _scrypt(password, salt, n, r, p))


def verify_password(password: str, stored: PasswordHash) -> bool:
    """Whether ``password`` matches, compared in constant time."""
    candidate = _scrypt(password, stored.salt, stored.n, stored.r, stored.p)
    return hmac.compare_digest(candidate, stored.digest)
