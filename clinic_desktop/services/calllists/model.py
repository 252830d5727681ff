"""The call-list vocabulary that building, storing, exporting and the UI share: rows, exclusions, built and
saved lists, the one error type, and the validation of a list's kind and params.

Kept apart from :mod:`.build` (which makes a list) and :mod:`.store` (which saves and reloads one) so
neither has to import the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, NamedTuple

from clinic_desktop.core.bilingual import BilingualError
from clinic_desktop.core.calllists import KINDS, RULES
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.models import CONTACT_OUTCOMES

__all__ = [
    "OUTCOMES",
    "BuiltList",
    "CallListError",
    "CallRow",
    "Excluded",
    "SavedList",
    "SavedListInfo",
    "check_kind",
    "with_params",
]

OUTCOMES = CONTACT_OUTCOMES


class CallListError(BilingualError):
    """Bad input to a call-list use-case; ``str()`` is the Chinese message."""


class CallRow(NamedTuple):
    """One printed row. A named tuple, not a dataclass: a 300,000-patient win-back list makes 35,000 of
    these, and a frozen dataclass's ``__init__`` sets each of its 14 fields through
    ``object.__setattr__`` (60–100 ms for that list against 16 ms); immutable all the same."""

    patient_id: int
    name: str
    phone: str | None
    gender: str | None
    age: int | None
    stage: str
    tier: str | None
    composite: str | None  #: "4.40"; None without metrics
    last_visit: date | None  #: last purchase day
    reason: str
    script: str
    last_contact: date | None
    row_key: str  #: opaque, unique across all lists; printed hidden in the exported sheet
    row_id: int | None = None  #: the call_list_rows id once saved (load_saved)


class Excluded(NamedTuple):
    """A candidate the contact policy left out (a named tuple for the reason :class:`CallRow` is one)."""

    patient_id: int
    name: str
    phone: str | None
    rule: str  #: one of RULES: the first rule that excluded the patient


@dataclass(frozen=True)
class BuiltList:
    kind: str
    as_of: date
    params: dict[str, Any]
    rows: list[CallRow]
    excluded_counts: dict[str, int]  #: every RULES key
    excluded: list[Excluded] = field(default_factory=list)
    #: (zh, en) why the list has no rows — no paying patients yet, no marketing consent yet, nobody due …
    #: (None when it has rows)
    empty_reason: tuple[str, str] | None = None
    #: the fingerprint (:func:`.data.fingerprint`) of what the rows were read from, when that was the stored
    #: metrics; saving prints from the rows themselves when it is still the same, instead of reading the
    #: saved list back (None: the metrics were computed fresh, so the saved list reads differently)
    snapshot: str | None = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        """PRODUCT §8 ``calllist --json`` (``rows`` is the number of rows; more keys may be added:
        ``empty_reason``, Chinese, when there are no rows)."""
        data: dict[str, Any] = {
            "kind": self.kind,
            "as_of": self.as_of.isoformat(),
            "rows": len(self.rows),
            "phones": [r.phone for r in self.rows],
            "excluded": {rule: self.excluded_counts.get(rule, 0) for rule in RULES},
            "no_phone": [
                {"patient_id": e.patient_id, "name": e.name} for e in self.excluded if e.rule == "no_phone"
            ],
        }
        if self.empty_reason is not None:
            data["empty_reason"] = self.empty_reason[0]
        return data


@dataclass(frozen=True)
class SavedListInfo:
    id: int
    kind: str
    as_of: date
    generated_at: datetime
    rows: int
    done: int  #: rows with at least one recorded outcome
    exported_path: str | None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SavedList:
    info: SavedListInfo
    rows: list[CallRow]
    #: row id → the latest recorded outcome (rows without one are absent)
    outcomes: dict[int, str]


def check_kind(kind: str) -> None:
    """Raise :class:`CallListError` unless ``kind`` is one of :data:`KINDS`."""
    if kind not in KINDS:
        raise CallListError(
            f"未知的名单类型：{kind}（可选：{'、'.join(KINDS)}）",
            f"unknown list kind {kind!r} (one of {', '.join(KINDS)})",
        )


def with_params(settings: Settings, kind: str, params: dict[str, Any]) -> Settings:
    """Settings with the list's window params applied (validated)."""
    changes: dict[str, Any] = {}
    keys = {"recall": {"overdue_days": "recall_overdue_days", "ahead_days": "recall_ahead_days"},
            "birthday": {"days": "birthday_window_days"}}.get(kind, {})  # fmt: skip
    for key, name in keys.items():
        if key in params:
            value = params[key]
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 366:
                raise CallListError(
                    f"参数 {key} 应为 0–366 的整数", f"parameter {key} must be a whole number 0–366"
                )
            changes[name] = value
    return replace(settings, **changes) if changes else settings
