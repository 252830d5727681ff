"""English is complete: every tr() string in the code has a finished translation, and it loads."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "clinic_desktop_en.ts"
QM = ROOT / "resources" / "i18n" / "clinic_desktop_en.qm"


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(path)
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def _sources() -> list[str]:
    return sorted(str(p) for p in (ROOT / "clinic_desktop").rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate not installed")
def test_every_string_in_the_code_is_in_the_ts_file(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run(["pyside6-lupdate", *_sources(), "-ts", str(fresh)], check=True, capture_output=True)
    missing = set(_messages(fresh)) - set(_messages(TS))
    assert not missing, f"run pyside6-lupdate and translate: {sorted(missing)[:10]}"


def test_every_message_is_translated() -> None:
    unfinished = []
    for key, message in _messages(TS).items():
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            if translation.get("type") == "unfinished":
                unfinished.append(key)
            continue
        texts = [n.text for n in translation.iter("numerusform")] or [translation.text]
        if not all(t and t.strip() for t in texts):
            unfinished.append(key)
    assert unfinished == []


def test_english_loads_and_translates(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from clinic_desktop.ui.i18n import install_language

    assert QM.exists()
    assert install_language("en")
    try:
        assert QCoreApplication.translate("MainWindow", "患者") == "Patients"
    finally:
        install_language("zh_CN")
    assert QCoreApplication.translate("MainWindow", "患者") == "患者"
