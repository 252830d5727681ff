from clinic_desktop.ui.calllists.page import CallListsPage
from clinic_desktop.ui.calllists.rules_dialog import CallListRulesDialog

__all__ = ["CallListRulesDialog", "CallListsPage"]
