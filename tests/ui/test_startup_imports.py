"""Start-up loads only what the first screen needs: the window is on screen before matplotlib, numpy and
pypinyin are imported, and before any page is built; matplotlib comes with the dashboard.

Run in a fresh interpreter: in the test process other tests have imported everything already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import json, sys
from pathlib import Path
import clinic_desktop.services.database as database
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.widgets import tasks

tasks.set_synchronous(True)  # no worker thread left running when this process ends
app = QApplication([])
db = database.open_database(Path(sys.argv[1]))
window = MainWindow(db, QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show()
heavy = ("matplotlib", "numpy", "pypinyin")
shown = {name: name in sys.modules for name in heavy}
built_when_shown = window.pages.existing("patients") is not None
for _ in range(50):
    app.processEvents()
    if window.pages.existing("patients") is not None:
        break
    import time; time.sleep(0.02)
after_first_page = {name: name in sys.modules for name in heavy}
window.go_to("dashboard")
print(json.dumps({"shown": shown, "built_when_shown": built_when_shown,
                  "first_page": window.pages.existing("patients") is not None,
                  "after_first_page": after_first_page,
                  "dashboard": "matplotlib" in sys.modules}))
sys.stdout.flush()
import os
os._exit(0)  # what is measured is printed; skip Qt's and Python's teardown
"""


def test_the_window_appears_before_the_heavy_imports(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "clinic.db"), str(tmp_path / "ui.ini")],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["shown"] == {"matplotlib": False, "numpy": False, "pypinyin": False}
    assert not seen["built_when_shown"] and seen["first_page"]
    assert not seen["after_first_page"]["matplotlib"]  # the patient page needs no chart
    assert seen["dashboard"]
