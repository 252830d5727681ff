from clinic_desktop.ui.dashboard.page import DashboardPage

__all__ = ["DashboardPage"]
