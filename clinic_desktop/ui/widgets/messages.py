"""Words shown to the user: refusals in the UI language, filled-in templates, category names.

Refusals are raised far below the widgets, where no translator is installed, so they carry both
languages: a :class:`~clinic_desktop.core.bilingual.BilingualError` (and the issue rows of an import)
has ``zh`` and ``en``; older refusals say "中文 / English" in one message. :func:`error_text` is the one
place that picks the half the user reads.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from clinic_desktop.db.engine import BUSY_MESSAGE, is_busy


def ui_language() -> str:
    """``"en"`` in an English UI, else ``"zh_CN"`` (what the services' ``text(language)`` expects)."""
    return "en" if QLocale().language() == QLocale.Language.English else "zh_CN"


def pick(pair: tuple[str, str]) -> str:
    """The half of a ``(zh, en)`` pair that matches the UI language."""
    return pair[1] if ui_language() == "en" else pair[0]


def error_text(problem: object) -> str:
    """A refusal (an exception, or an issue row of an import) in the UI language.

    Anything with ``zh`` and ``en`` texts (BilingualError and its kin: CallListError, SpecError,
    MoneyError, FileRejected, ImportRefused, RecordError, an import's or an outcome sheet's issue row)
    gives the matching one; a "中文 / English" message gives the matching half; a database that stayed
    busy past the timeout says so in words (never SQLite's "database is locked"); anything else its text.
    """
    if isinstance(problem, BaseException) and is_busy(problem):
        return pick(BUSY_MESSAGE)
    zh, en = getattr(problem, "zh", None), getattr(problem, "en", None)
    if isinstance(zh, str) and isinstance(en, str):
        return pick((zh, en))
    text = str(problem)
    if " / " not in text:
        return text
    chinese, english = text.split(" / ", 1)
    return pick((chinese, english))


def category_label(code: str) -> str:
    """The shown name of a tag category (literal ``translate`` calls, so ``lupdate`` finds them)."""
    labels = {
        "static": QCoreApplication.translate("TagCategory", "静态"),
        "consumption": QCoreApplication.translate("TagCategory", "消费"),
        "behaviour": QCoreApplication.translate("TagCategory", "行为"),
        "custom": QCoreApplication.translate("TagCategory", "自定义"),
    }
    return labels.get(code, code)


def fill(template: str, *values: object) -> str:
    """Put values into Qt-style ``%1``, ``%2`` placeholders of a translated string (``str.format`` would
    trip over braces a translator typed, and Python's tr() has no ``arg()``)."""
    for i, value in enumerate(values, 1):
        template = template.replace(f"%{i}", str(value))
    return template
