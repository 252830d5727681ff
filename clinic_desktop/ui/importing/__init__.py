from clinic_desktop.ui.importing.page import ImportPage

__all__ = ["ImportPage"]
