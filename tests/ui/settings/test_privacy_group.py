"""权限与隐私 on the settings page: set the owner password, change the staff options, turn roles off."""

from __future__ import annotations

from clinic_desktop.core.access import AccessOptions, Role
from clinic_desktop.services.database import Database
from clinic_desktop.services.roles import load_options, roles_enabled, unlock
from clinic_desktop.ui.settings.page import SettingsPage
from clinic_desktop.ui.settings.privacy_group import CHANGE, NEW, PasswordDialog


def test_roles_on_options_and_off(qtbot, db: Database, sync_tasks: None) -> None:  # type: ignore[no-untyped-def]
    page = SettingsPage(db)
    qtbot.addWidget(page)
    group = page.privacy
    assert group.enable_button.isVisibleTo(page) and not group.change_button.isVisibleTo(page)
    assert not group.mask_phones.isEnabled()
    answers = iter([("", "owner-pass-1"), ("owner-pass-1", "owner-pass-2"), ("owner-pass-2", "")])
    group._ask = lambda mode, title: next(answers)  # type: ignore[method-assign]
    with qtbot.waitSignal(page.accessChanged):
        group.enable_button.click()
    assert roles_enabled(db) and db.access.role is Role.OWNER
    assert group.change_button.isVisibleTo(page) and group.mask_phones.isEnabled()

    group.mask_phones.setChecked(True)
    group.idle_minutes.setValue(3)
    group.options_button.click()
    assert load_options(db) == AccessOptions(True, 3) and group.message.text() == "选项已保存"

    group.change_button.click()
    assert group.message.text() == "店主密码已修改" and unlock(db, "owner-pass-2")
    group.disable_button.click()
    assert not roles_enabled(db) and group.enable_button.isVisibleTo(page)


def test_a_wrong_password_says_so_and_changes_nothing(qtbot, db: Database, sync_tasks: None) -> None:  # type: ignore[no-untyped-def]
    page = SettingsPage(db)
    qtbot.addWidget(page)
    group = page.privacy
    answers = iter([("", "owner-pass-1"), ("nope-nope", "")])
    group._ask = lambda mode, title: next(answers)  # type: ignore[method-assign]
    group.enable_button.click()
    group.disable_button.click()
    assert group.message.text() == "密码不正确。" and roles_enabled(db)


def test_the_password_dialog_checks_before_it_closes(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PasswordDialog(NEW, "设置店主密码")
    qtbot.addWidget(dialog)
    dialog.new.setText("12345")
    dialog.again.setText("12345")
    dialog._check()
    assert "至少需要 6 个字符" in dialog.error.text() and not dialog.result()
    dialog.new.setText("123456")
    dialog._check()
    assert dialog.error.text() == "两次输入的新密码不一致"
    dialog.again.setText("123456")
    dialog._check()
    assert dialog.result() and dialog.values() == ("", "123456")
    change = PasswordDialog(CHANGE, "修改")
    qtbot.addWidget(change)
    change.new.setText("123456")
    change.again.setText("123456")
    change._check()
    assert change.error.text() == "请输入当前店主密码"
