"""私域助手 · clinic_desktop — offline patient-retention desktop app for small clinics."""

__version__ = "0.1.0"
APP_NAME = "clinic-desktop"
APP_TITLE_ZH = "私域助手"
