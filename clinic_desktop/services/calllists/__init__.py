"""Call lists 回访名单 (PRODUCT §5): build, explain, save, and record what came of each call.

Usage::

    from clinic_desktop.services import calllists as cl
    built = cl.build_list(db, "recall", date(2026, 11, 20))          # BuiltList; < 1 s at 100k patients
    built.rows[0].reason, built.rows[0].script                       # Chinese: the printed list is Chinese
    built.excluded_counts                                            # all six RULES keys, counts
    [e for e in built.excluded if e.rule == "no_phone"]              # listed separately, never lost
    built.to_json()                                                  # PRODUCT §8 `calllist --json`
    zh, en = cl.why_not(db, "recall", as_of, patient_id)             # "not on the list because …"
    list_id = cl.save_list(db, built)                                # call_lists + call_list_rows
    cl.saved_lists(db)                                               # newest first, with rows / done
    saved = cl.load_saved(db, list_id)                               # rows (CallRow.row_id set) + outcomes
    cl.record_outcome(db, saved.rows[0].row_id, "no_answer", note="下午再打", staff="小王")

Kinds (:data:`KINDS`) and their params (all optional):
    recall        {"overdue_days": int, "ahead_days": int}   (default: the recall window settings)
    birthday      {"days": int}                              (default: ``birthday_window_days``)
    crosssell     {"rule": name}                             (default: every saved rule, first match wins)
    campaign      {"campaign": saved name} or {"spec": CampaignSpec.to_json()}   (one is required)
    reactivation, referral, recovery, share: none.

Rows are ordered per kind: recall most overdue first, reactivation and campaign highest value (composite,
then lifetime spend) first, birthday by date, recovery lowest score first, referral the quality-minded
experts (懂行·重品质) first then most converted referrals, share (分享裂变: the price-sensitive segments)
the most regular first, cross-sell by rule then latest visit. Inside the package: the shared types in
``model``, the building in ``build`` (candidates → contact policy → rows), the set-based reads in
``data``, saving and outcomes in ``store``, the printed list in ``export`` and ``outcomes``, campaigns and
cross-sell rules in ``settings``; the rules themselves in ``core.call_list_rules`` /
``core.contact_policy``.

Metrics: the lists read the STORED ``patient_metrics`` when they were computed as of ``as_of``; otherwise
they compute them fresh (~1.7 s more at 100,000 patients) — the UI recomputes first, so it never waits
twice. Bad input (unknown kind, malformed params, unknown campaign, unknown row, unknown outcome) raises
:class:`CallListError` with a Chinese and an English message; nothing is written.
"""

from clinic_desktop.core.calllists import KIND_LABELS, KINDS, RULE_LABELS, RULES
from clinic_desktop.services.calllists.build import build_list, why_not
from clinic_desktop.services.calllists.export import (
    check_export_path,
    export_list,
    save_and_export,
    save_and_export_rows,
)
from clinic_desktop.services.calllists.model import (
    OUTCOMES,
    BuiltList,
    CallListError,
    CallRow,
    Excluded,
    SavedList,
    SavedListInfo,
)
from clinic_desktop.services.calllists.outcomes import OutcomeIssue, OutcomesSummary, import_outcomes
from clinic_desktop.services.calllists.settings import (
    campaign_named,
    delete_campaign,
    load_campaigns,
    load_crosssell_rules,
    save_campaign,
    save_crosssell_rules,
)
from clinic_desktop.services.calllists.store import (
    load_saved,
    record_outcome,
    save_list,
    save_list_rows,
    saved_lists,
)

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "OUTCOMES",
    "RULES",
    "RULE_LABELS",
    "BuiltList",
    "CallListError",
    "CallRow",
    "Excluded",
    "OutcomeIssue",
    "OutcomesSummary",
    "SavedList",
    "SavedListInfo",
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
    "save_and_export_rows",
    "save_campaign",
    "save_crosssell_rules",
    "save_list",
    "save_list_rows",
    "saved_lists",
    "why_not",
]
