"""The log file: rotating, private, and never holding a patient's name or phone."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from clinic_desktop.app_log import LOG_FILENAME, configure_logging, log_folder, redact
from clinic_desktop.services.database import open_database


@pytest.fixture
def logfile(tmp_path: Path):
    path = configure_logging(tmp_path / "clinic.db")
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", None) == str(path):
            root.removeHandler(handler)
            handler.close()


def test_redact_removes_names_phones_and_sql_parameters() -> None:
    line = "IntegrityError: UNIQUE failed [parameters: ('张三', '13800000001')] for 张三 13800000001 id 42"
    out = redact(line)
    assert "张三" not in out and "13800000001" not in out and "parameters: (" not in out
    assert "IntegrityError" in out and "id 42" in out


def test_the_log_is_private_in_the_data_folder_and_redacted(logfile: Path, tmp_path: Path) -> None:
    assert logfile == log_folder(tmp_path / "clinic.db") / LOG_FILENAME == tmp_path / "logs" / LOG_FILENAME
    assert configure_logging(tmp_path / "clinic.db") == logfile  # once only
    log = logging.getLogger("clinic_desktop.test")
    try:
        raise ValueError("patient 李四 13912345678 not found")
    except ValueError:
        log.exception("unhandled error")
    for handler in logging.getLogger().handlers:
        handler.flush()
    content = logfile.read_text(encoding="utf-8")
    assert "unhandled error" in content and "ValueError" in content and "Traceback" in content
    assert "李四" not in content and "13912345678" not in content
    if os.name == "posix":
        assert logfile.stat().st_mode & 0o777 == 0o600 and logfile.parent.stat().st_mode & 0o777 == 0o700


def test_database_errors_carry_no_row_data(tmp_path: Path) -> None:
    db = open_database(tmp_path / "clinic.db")
    try:
        with pytest.raises(sa_exc.IntegrityError) as caught, db.sessions.begin() as session:
            session.execute(
                text("INSERT INTO patients (id, name, phone) VALUES (1, :n, :p)"), {"n": "王五", "p": "x"}
            )
            session.execute(
                text("INSERT INTO patients (id, name, phone) VALUES (1, :n, :p)"), {"n": "王五", "p": "x"}
            )
        assert "王五" not in str(caught.value)
    finally:
        db.close()
