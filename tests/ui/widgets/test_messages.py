"""One function turns a refusal into the words the user reads, in the UI language."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QLocale

from clinic_desktop.core.bilingual import BilingualError
from clinic_desktop.core.money import MoneyError
from clinic_desktop.core.settings import SettingsError
from clinic_desktop.services.importing import RowIssue
from clinic_desktop.ui.widgets import error_text


@pytest.fixture
def english() -> Any:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


PROBLEMS = [
    (BilingualError("文件不存在", "no such file"), "文件不存在", "no such file"),
    (MoneyError("金额格式不对", "not an amount"), "金额格式不对", "not an amount"),  # str() is "zh / en"
    (SettingsError("营销联系次数上限应在 1–100 之间 / marketing cap must be 1–100"), "营销联系次数上限应在 1–100 之间", "marketing cap must be 1–100"),
    (RowIssue("患者", 3, "phone", "手机号不对", "bad phone"), "手机号不对", "bad phone"),  # not an exception
    (RuntimeError("disk full"), "disk full", "disk full"),
]  # fmt: skip


@pytest.mark.parametrize(("problem", "zh", "en"), PROBLEMS)
def test_chinese_by_default(problem: object, zh: str, en: str) -> None:
    assert error_text(problem) == zh


@pytest.mark.parametrize(("problem", "zh", "en"), PROBLEMS)
def test_english_in_an_english_ui(english: None, problem: object, zh: str, en: str) -> None:
    assert error_text(problem) == en


def test_a_busy_database_is_said_in_words_never_as_database_is_locked() -> None:
    import sqlite3

    from sqlalchemy import exc as sa_exc

    from clinic_desktop.db.engine import BUSY_MESSAGE

    locked = sqlite3.OperationalError("database is locked")
    wrapped = sa_exc.OperationalError("BEGIN IMMEDIATE", None, locked)
    assert error_text(locked) == error_text(wrapped) == BUSY_MESSAGE[0]
    assert "locked" not in error_text(wrapped)
