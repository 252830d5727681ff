"""Owner and staff (issue 14 item 6): turn roles on and off, the owner password, unlocking, the options.

Off by default. The owner turns roles on by choosing a password; from then on the app starts as staff
and :func:`unlock` with the password makes the owner act (the window locks back to staff when idle).
Every change here is audited (``roles``), and so is every unlock and every wrong password (``login`` /
``login failed``) — a guessed password leaves a trace. Nothing here ever writes the password or its
hash into the audit trail.
"""

from __future__ import annotations

from typing import Any

from clinic_desktop.core.access import (
    OPTIONS_KEY,
    PASSWORD_KEY,
    AccessOptions,
    PasswordHash,
    Permission,
    Role,
    hash_password,
    verify_password,
)
from clinic_desktop.core.bilingual import BilingualError
from clinic_desktop.db.settings_store import read_value, write_value
from clinic_desktop.services.audit import record_audit
from clinic_desktop.services.database import Database

__all__ = [
    "RolesError",
    "change_password",
    "disable_roles",
    "enable_roles",
    "load_options",
    "lock",
    "reset_password",
    "roles_enabled",
    "save_options",
    "unlock",
]


class RolesError(BilingualError):
    """A roles change that cannot be done (wrong password, already on …); nothing was changed."""


def _stored_hash(db: Database) -> PasswordHash | None:
    with db.engine.connect() as conn:
        value = read_value(conn, PASSWORD_KEY)
    if value is None:
        return None
    try:
        return PasswordHash.from_dict(value)
    except ValueError as exc:
        # A damaged hash must not open the door, and must not lock the owner out of their data for good:
        # the owner can still restore a backup or, with the OS account, reset it (documented).
        raise RolesError(
            "保存的店主密码已损坏，无法验证。", "The stored owner password is damaged and cannot be checked."
        ) from exc


def roles_enabled(db: Database) -> bool:
    with db.engine.connect() as conn:
        return read_value(conn, PASSWORD_KEY) is not None


def _check(db: Database, password: str) -> None:
    stored = _stored_hash(db)
    if stored is None or not verify_password(password, stored):
        raise RolesError("密码不正确。", "Wrong password.")


def enable_roles(db: Database, password: str, options: AccessOptions | None = None) -> None:
    """Set the owner password and turn roles on; the owner keeps acting until the app locks."""
    db.access.require(Permission.CHANGE_SETTINGS)
    if roles_enabled(db):
        raise RolesError("已经设置了店主密码。", "An owner password is already set.")
    hashed = hash_password(password)
    with db.sessions.begin() as session:
        conn = session.connection()
        write_value(conn, PASSWORD_KEY, hashed.to_dict())
        chosen = options or load_options(db)
        write_value(conn, OPTIONS_KEY, chosen.to_stored())
        record_audit(session, "roles", {"roles": {"old": False, "new": True}})
    db.access.roles_enabled = True
    db.access.options = chosen
    db.access.act_as(Role.OWNER)


def change_password(db: Database, old: str, new: str) -> None:
    db.access.require(Permission.CHANGE_SETTINGS)
    _check(db, old)
    hashed = hash_password(new)
    with db.sessions.begin() as session:
        write_value(session.connection(), PASSWORD_KEY, hashed.to_dict())
        record_audit(session, "roles", {"password": "changed"})


def reset_password(db: Database, new: str) -> None:
    """A forgotten password: set a new one without the old (the command line's ``reset-password``).

    Whoever has the OS account can do this — they could copy the database file anyway; roles keep the
    front desk out of the owner's screens, they are not a vault. It is audited, so the owner sees it."""
    if not roles_enabled(db):
        raise RolesError("没有设置店主密码。", "No owner password is set.")
    hashed = hash_password(new)
    with db.sessions.begin() as session:
        write_value(session.connection(), PASSWORD_KEY, hashed.to_dict())
        record_audit(session, "roles", {"password": "reset"})


def disable_roles(db: Database, password: str) -> None:
    """Turn roles off (everyone acts as the owner again); needs the password even while unlocked."""
    db.access.require(Permission.CHANGE_SETTINGS)
    _check(db, password)
    with db.sessions.begin() as session:
        session.connection().exec_driver_sql("DELETE FROM settings WHERE key = ?", (PASSWORD_KEY,))
        record_audit(session, "roles", {"roles": {"old": True, "new": False}})
    db.access.roles_enabled = False


def unlock(db: Database, password: str) -> bool:
    """The owner acts from now on if ``password`` is right; either way the attempt is audited."""
    stored = _stored_hash(db)
    ok = stored is not None and verify_password(password, stored)
    if ok:
        db.access.act_as(Role.OWNER)
    with db.sessions.begin() as session:
        record_audit(session, "login" if ok else "login failed", {"role": Role.OWNER.value})
    return ok


def lock(db: Database) -> None:
    """Back to staff (idle timeout, or the owner steps away); nothing to audit."""
    db.access.act_as(Role.STAFF)


def load_options(db: Database) -> AccessOptions:
    with db.engine.connect() as conn:
        return AccessOptions.from_stored(read_value(conn, OPTIONS_KEY))


def save_options(db: Database, options: AccessOptions) -> dict[str, Any]:
    """Store the staff options; returns ``{key: {"old", "new"}}`` of what changed (audited)."""
    db.access.require(Permission.CHANGE_SETTINGS)
    old, new = load_options(db).to_stored(), options.to_stored()
    changed = {k: {"old": old[k], "new": new[k]} for k in new if old[k] != new[k]}
    if changed:
        with db.sessions.begin() as session:
            write_value(session.connection(), OPTIONS_KEY, new)
            record_audit(session, "settings change", changed)
    db.access.options = options
    return changed
