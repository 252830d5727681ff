from clinic_desktop.services.dashboard.cache import stored_columns
from clinic_desktop.services.dashboard.channel_ranking import (
    ChannelVerdict,
    channel_verdict,
    min_patients,
    per_patient_fen,
)
from clinic_desktop.services.dashboard.numbers import (
    PAGES,
    ChannelRow,
    Dashboard,
    DashboardFilter,
    KocRow,
    Pareto,
    Selector,
    TrendMonth,
    load_dashboard,
    patient_ids_for,
)
from clinic_desktop.services.dashboard.queries import (
    MetricColumns,
    PatientInfo,
    combine,
    read_patient_info,
    read_purchase_occasions,
)

__all__ = [
    "ChannelRow",
    "ChannelVerdict",
    "Dashboard",
    "DashboardFilter",
    "KocRow",
    "MetricColumns",
    "PAGES",
    "Pareto",
    "PatientInfo",
    "Selector",
    "TrendMonth",
    "channel_verdict",
    "combine",
    "load_dashboard",
    "min_patients",
    "patient_ids_for",
    "per_patient_fen",
    "read_patient_info",
    "read_purchase_occasions",
    "stored_columns",
]
