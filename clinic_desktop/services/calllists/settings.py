"""Cross-sell rules and saved campaigns: lists of structured values, kept as JSON in the ``settings`` table.

:class:`~clinic_desktop.core.settings.Settings` is a flat frozen dataclass of scalars, so these live beside
it under their own keys (a backup carries them all the same). Nothing stored yet → the default cross-sell
rules of PRODUCT §5.1 and no campaigns. A stored value that no longer parses raises
:class:`~clinic_desktop.core.calllists.list_specs.SpecError` rather than silently dropping rules.

API::

    rules = load_crosssell_rules(db)            # list[CrossSellRule]
    save_crosssell_rules(db, rules)             # validated, audited ("settings" action)
    campaigns = load_campaigns(db)              # list[CampaignSpec]
    save_campaign(db, spec)                     # insert or replace by name
    delete_campaign(db, name)
"""

from __future__ import annotations

from collections.abc import Sequence

from clinic_desktop.core.access import Permission
from clinic_desktop.core.calllists import DEFAULT_CROSSSELL_RULES, CampaignSpec, CrossSellRule, SpecError
from clinic_desktop.db.settings_store import read_value, write_value
from clinic_desktop.services.audit import record_audit
from clinic_desktop.services.database import Database

CROSSSELL_KEY = "calllist_crosssell_rules"
CAMPAIGNS_KEY = "calllist_campaigns"


def load_crosssell_rules(db: Database) -> list[CrossSellRule]:
    with db.engine.connect() as conn:
        value = read_value(conn, CROSSSELL_KEY)
    if value is None:
        return list(DEFAULT_CROSSSELL_RULES)
    if not isinstance(value, list):
        raise SpecError("已保存的交叉推荐规则已损坏", "the stored cross-sell rules are damaged")
    return [CrossSellRule.from_json(item) for item in value]


def save_crosssell_rules(db: Database, rules: Sequence[CrossSellRule]) -> None:
    """Replace the cross-sell rules (a clinic setting: owner only)."""
    db.access.require(Permission.CHANGE_SETTINGS)
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise SpecError("交叉推荐规则名称不能重复", "cross-sell rule names must be unique")
    for rule in rules:
        rule.check()
    with db.sessions.begin() as session:
        write_value(session.connection(), CROSSSELL_KEY, [r.to_json() for r in rules])
        record_audit(session, "settings", {"crosssell_rules": names})


def load_campaigns(db: Database) -> list[CampaignSpec]:
    with db.engine.connect() as conn:
        value = read_value(conn, CAMPAIGNS_KEY)
    if value is None:
        return []
    if not isinstance(value, list):
        raise SpecError("已保存的活动已损坏", "the stored campaigns are damaged")
    return [CampaignSpec.from_json(item) for item in value]


def campaign_named(db: Database, name: str) -> CampaignSpec | None:
    return next((c for c in load_campaigns(db) if c.name == name), None)


def save_campaign(db: Database, spec: CampaignSpec) -> None:
    """Add ``spec``, or replace the saved campaign of the same name."""
    spec.check()
    campaigns = [c for c in load_campaigns(db) if c.name != spec.name] + [spec]
    _store_campaigns(db, campaigns, {"campaign_saved": spec.name})


def delete_campaign(db: Database, name: str) -> None:
    campaigns = [c for c in load_campaigns(db) if c.name != name]
    _store_campaigns(db, campaigns, {"campaign_deleted": name})


def _store_campaigns(db: Database, campaigns: list[CampaignSpec], detail: dict[str, str]) -> None:
    with db.sessions.begin() as session:
        write_value(session.connection(), CAMPAIGNS_KEY, [c.to_json() for c in campaigns])
        record_audit(session, "settings", detail)
