from clinic_desktop.services.calllists.export import check_export_path, export_list, save_and_export
from clinic_desktop.services.calllists.outcomes import import_outcomes
from clinic_desktop.services.calllists.settings import (
    campaign_named,
    delete_campaign,
    load_campaigns,
    load_crosssell_rules,
    save_campaign,
    save_crosssell_rules,
)
from clinic_desktop.services.calllists.store import (
    CallListError,
    build_list,
    load_saved,
    record_outcome,
    save_list,
    saved_lists,
    why_not,
)

__all__ = [
    "CallListError",
    "build_list",
    "campaign_named",
    "check_export_path",
    "delete_campaign",
    "export_list",
    "import_outcomes",
    "load_campaigns",
    "load_crosssell_rules",
    "load_saved",
    "record_outcome",
    "save_and_export",
    "save_campaign",
    "save_crosssell_rules",
    "save_list",
    "saved_lists",
    "why_not",
]
