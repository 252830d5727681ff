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
    "Dashboard",
    "DashboardFilter",
    "KocRow",
    "MetricColumns",
    "PAGES",
    "Pareto",
    "PatientInfo",
    "Selector",
    "TrendMonth",
    "combine",
    "load_dashboard",
    "patient_ids_for",
    "read_patient_info",
    "read_purchase_occasions",
]
