"""Translations: Simplified Chinese is the source language; English comes from ``resources/i18n``.

Every user string goes through ``tr()`` with Chinese source text; ``clinic_desktop_en.ts`` holds the
English, compiled to ``.qm`` by ``pyside6-lrelease`` (the compiled file is committed so installs need
no Qt tools). A test checks that no string is left untranslated.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from clinic_desktop.resource_files import resource_path

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
_installed: QTranslator | None = None


def install_language(language: str) -> bool:
    """Switch the app's translator; returns False when the translation file is missing."""
    global _installed
    app = QCoreApplication.instance()
    if app is None:
        return False
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if language != "en":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        return True
    try:
        path = resource_path("i18n/clinic_desktop_en.qm")
    except FileNotFoundError:
        return False
    translator = QTranslator(app)
    if not translator.load(str(path)):
        return False
    app.installTranslator(translator)
    _installed = translator
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return True
