from clinic_desktop.core.segmentation import CrossSellRow, CycleRow, SegmentRow, SegmentView
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
    load_cycles,
    load_dashboard,
    load_segments,
    patient_ids_for,
)
from clinic_desktop.services.dashboard.queries import (
    MetricColumns,
    PatientInfo,
    combine,
    read_patient_info,
    read_purchase_occasions,
)
from clinic_desktop.services.dashboard.segments import CycleNumbers, fresh_cycle_numbers

__all__ = [
    "ChannelRow",
    "ChannelVerdict",
    "CrossSellRow",
    "CycleNumbers",
    "CycleRow",
    "Dashboard",
    "DashboardFilter",
    "KocRow",
    "MetricColumns",
    "PAGES",
    "Pareto",
    "PatientInfo",
    "SegmentRow",
    "SegmentView",
    "Selector",
    "TrendMonth",
    "channel_verdict",
    "combine",
    "fresh_cycle_numbers",
    "load_cycles",
    "load_dashboard",
    "load_segments",
    "min_patients",
    "patient_ids_for",
    "per_patient_fen",
    "read_patient_info",
    "read_purchase_occasions",
    "stored_columns",
]
