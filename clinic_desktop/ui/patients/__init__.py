from clinic_desktop.ui.patients.detail import PatientDetailDialog
from clinic_desktop.ui.patients.page import PatientsPage
from clinic_desktop.ui.patients.referral_tree_view import ReferralTreeView

__all__ = ["PatientDetailDialog", "PatientsPage", "ReferralTreeView"]
