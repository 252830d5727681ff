"""Words shown to the user: service messages in the UI language, filled-in templates, category names,
and background work whose result is shown only while its page still exists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QWidget

from clinic_desktop.ui.widgets.tasks import run_in_background


def category_label(code: str) -> str:
    """The shown name of a tag category (literal ``translate`` calls, so ``lupdate`` finds them)."""
    labels = {
        "static": QCoreApplication.translate("TagCategory", "静态"),
        "consumption": QCoreApplication.translate("TagCategory", "消费"),
        "behaviour": QCoreApplication.translate("TagCategory", "行为"),
        "custom": QCoreApplication.translate("TagCategory", "自定义"),
    }
    return labels.get(code, code)


def user_message(exc: Exception) -> str:
    """The half of a "中文 / English" service message that matches the UI language (Chinese default)."""
    text = str(exc)
    if " / " not in text:
        return text
    chinese, english = text.split(" / ", 1)
    return english if QLocale().language() == QLocale.Language.English else chinese


def fill(template: str, *values: object) -> str:
    """Put values into Qt-style ``%1``, ``%2`` placeholders of a translated string (``str.format`` would
    trip over braces a translator typed, and Python's tr() has no ``arg()``)."""
    for i, value in enumerate(values, 1):
        template = template.replace(f"%{i}", str(value))
    return template


def run_for(
    owner: QWidget,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    busy: str | None = None,
) -> None:
    """:func:`run_in_background`, but the result is dropped if ``owner`` was deleted meanwhile: the user
    may close a page while its work runs, and touching its widgets afterwards would raise. ``busy`` is
    the message of the progress dialog shown if the work takes more than half a second."""

    def guard(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        return lambda value: callback(value) if shiboken6.isValid(owner) else None

    run_in_background(work, guard(on_done), guard(on_error), busy=(owner, busy) if busy else None)
