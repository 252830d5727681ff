from clinic_desktop.ui.widgets.dates import day_of, day_picker, moment_of, qdate, qdatetime
from clinic_desktop.ui.widgets.elided_label import ElidedLabel
from clinic_desktop.ui.widgets.file_folders import export_folder, remember_folder
from clinic_desktop.ui.widgets.fonts import apply_ui_font
from clinic_desktop.ui.widgets.form_fields import (
    ERROR_STYLE,
    CatalogueCombo,
    choice_combo,
    date_edit,
    datetime_edit,
    now_on,
    score_box,
    score_of,
    yuan_text,
)
from clinic_desktop.ui.widgets.labels import (
    ACTIVITIES,
    APPOINTMENT_STATUSES,
    CONTACT_CHANNELS,
    CONTACT_OUTCOMES,
    CONTACT_PURPOSES,
    FLAGS,
    INTERACTION_KINDS,
    STAGES,
    TAG_CATEGORIES,
    choices,
    label,
)
from clinic_desktop.ui.widgets.messages import category_label, error_text, fill, pick, ui_language
from clinic_desktop.ui.widgets.screen_fit import SMALL_SCREEN_ROOM, resize_within_screen
from clinic_desktop.ui.widgets.table_model import CENTER, RIGHT, SORT_ROLE, Column, Index, TableModel
from clinic_desktop.ui.widgets.table_view import sorted_table, swatch
from clinic_desktop.ui.widgets.tasks import ErrorHandler, Reporter, run_in_background

__all__ = [
    "ACTIVITIES",
    "APPOINTMENT_STATUSES",
    "CENTER",
    "CONTACT_CHANNELS",
    "CONTACT_OUTCOMES",
    "CONTACT_PURPOSES",
    "CatalogueCombo",
    "Column",
    "ERROR_STYLE",
    "ElidedLabel",
    "ErrorHandler",
    "FLAGS",
    "INTERACTION_KINDS",
    "Index",
    "RIGHT",
    "Reporter",
    "SMALL_SCREEN_ROOM",
    "SORT_ROLE",
    "STAGES",
    "TAG_CATEGORIES",
    "TableModel",
    "apply_ui_font",
    "category_label",
    "choice_combo",
    "choices",
    "date_edit",
    "datetime_edit",
    "day_of",
    "day_picker",
    "error_text",
    "export_folder",
    "fill",
    "label",
    "moment_of",
    "now_on",
    "pick",
    "qdate",
    "qdatetime",
    "remember_folder",
    "resize_within_screen",
    "run_in_background",
    "score_box",
    "score_of",
    "sorted_table",
    "swatch",
    "ui_language",
    "yuan_text",
]
