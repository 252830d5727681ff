"""The app's log file: ``logs/clinic-desktop.log`` in the data folder, rotated, with no patient data in it.

Why a file: when the app misbehaves on a clinic's PC, the owner can send the log folder and it says what
happened (start, backups, restores, checks, every unhandled error with its traceback). Why rotated: 1 MB
a file, five kept — the log can never fill a disk.

No patient data: a log file is copied around (e-mailed, put on a USB stick), so it must never hold a name
or a phone. The app never logs rows on purpose, and error texts go through :func:`redact` on the way out:
SQL parameters are cut (the engine hides them already), runs of seven or more digits (phones, ID numbers)
become ``#…#``, and Chinese text becomes ``…`` — a Chinese name cannot be told from other Chinese words,
so all of it goes (messages the app writes here are English). The file is private (``0600``).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from clinic_desktop import __version__

__all__ = ["LOG_FILENAME", "active_log_folder", "configure_logging", "log_folder", "redact"]

LOG_FILENAME = "clinic-desktop.log"
_MAX_BYTES = 1_000_000
_BACKUPS = 5

_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s|$)", re.DOTALL)
_DIGITS = re.compile(r"\d{7,}")
_CJK = re.compile(
    r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002ffff]+"
)


def redact(text: str) -> str:
    """``text`` without what could identify a patient (see the module's docstring)."""
    text = _PARAMETERS.sub("[parameters hidden]", text)
    text = _DIGITS.sub("#…#", text)
    return _CJK.sub("…", text)


class _RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_folder(db_path: Path) -> Path:
    """``logs/`` beside the database: the data folder of the clinic the app has open."""
    return Path(db_path).expanduser().resolve().parent / "logs"


def active_log_folder(db_path: Path) -> Path:
    """Where this process writes its log: the folder :func:`configure_logging` set up when the app
    started (beside the database it started on — the app may have opened another database since), or,
    before logging is configured, the one beside ``db_path``."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename).name == LOG_FILENAME:
            return Path(handler.baseFilename).parent
    return log_folder(db_path)


def _private_handler(path: Path) -> RotatingFileHandler:
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        if os.name == "posix":
            os.chmod(folder, 0o700)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    handler = RotatingFileHandler(
        path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8", delay=True
    )
    # a rotated file is created by the handler: keep new files private however the umask is set
    handler.rotator = _private_rotator
    return handler


def _private_rotator(source: str, dest: str) -> None:
    os.replace(source, dest)
    if os.name == "posix":
        os.chmod(dest, 0o600)
        os.close(os.open(source, os.O_WRONLY | os.O_CREAT, 0o600))


def configure_logging(db_path: Path, *, level: int = logging.INFO) -> Path:
    """Send the app's log records to the rotating file in :func:`log_folder`; returns the file's path.
    Safe to call again (a second call for the same file adds nothing)."""
    path = log_folder(db_path) / LOG_FILENAME
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    handler = _private_handler(path)
    handler.setFormatter(_RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    logging.getLogger(__name__).info(
        "clinic-desktop %s starting (Python %s, %s)", __version__, sys.version.split()[0], sys.platform
    )
    return path
