"""A patient's rights over their data (PIPL): erasure and access (export of everything held about them)."""

from clinic_desktop.services.privacy.after_restore import reapply_erasures
from clinic_desktop.services.privacy.erase import (
    REDACTED,
    TRAIL_COLUMNS,
    EraseError,
    ErasePlan,
    EraseSummary,
    erase_patient,
    find_by_phone,
    plan_erase,
)
from clinic_desktop.services.privacy.patient_export import (
    PatientDataError,
    export_patient_data,
    patient_dataset,
)

__all__ = [
    "REDACTED",
    "TRAIL_COLUMNS",
    "EraseError",
    "ErasePlan",
    "EraseSummary",
    "PatientDataError",
    "erase_patient",
    "export_patient_data",
    "find_by_phone",
    "patient_dataset",
    "plan_erase",
    "reapply_erasures",
]
