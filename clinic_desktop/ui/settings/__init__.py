from clinic_desktop.ui.settings.page import SettingsPage

__all__ = ["SettingsPage"]
