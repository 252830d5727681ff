"""Translations: Simplified Chinese is the source language; English comes from ``resources/i18n``.

Every user string goes through ``tr()`` with Chinese source text; ``clinic_desktop_en.ts`` holds the
English, compiled to ``.qm`` by ``pyside6-lrelease`` (the compiled file is committed so installs need
no Qt tools). A test checks that no string is left untranslated.

Qt's own strings (standard buttons 确定/取消, the file dialog, context menus) come from Qt's
``qtbase_zh_CN`` translation, shipped with PySide6 under ``QLibraryInfo``'s translations path (the frozen
bundle keeps only that file): installed for Chinese, removed for English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from clinic_desktop.resource_files import resource_path

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
#: Qt's own translation for the Chinese interface
QT_CHINESE = "qtbase_zh_CN"
_installed: QTranslator | None = None
_qt_installed: QTranslator | None = None


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_qt_translation(language: str) -> bool:
    """Qt's standard buttons and dialogs in ``language``: Chinese unless it is "en" (Qt's own English)."""
    global _qt_installed
    app = QCoreApplication.instance()
    if app is None:
        return False
    if _qt_installed is not None:
        app.removeTranslator(_qt_installed)
        _qt_installed = None
    if language == "en":
        return True
    translator = QTranslator(app)
    if not translator.load(QT_CHINESE, qt_translations_dir()):
        return False
    app.installTranslator(translator)
    _qt_installed = translator
    return True


def install_language(language: str) -> bool:
    """Switch the app's translator; returns False when the translation file is missing."""
    global _installed
    app = QCoreApplication.instance()
    if app is None:
        return False
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    install_qt_translation(language)
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
