"""Text cells that can never become formulas, for every `.xlsx` the product writes.

openpyxl stores any string that starts with ``=`` as a live formula, and Excel/WPS also evaluate cells
that start with ``+``, ``-`` or ``@`` (and, after a CSV round trip, a leading tab or carriage return) —
the classic CSV/formula-injection attack (OWASP). A patient named ``=HYPERLINK("http://…")`` typed into
a WeChat form must print as that text, not as a link. Two defences, both applied:

* the cell is written with data type ``s`` (a string), so the file holds no ``<f>`` element at all;
* a text that starts with a trigger character gets a leading apostrophe, so the value stays inert even
  if someone re-saves the sheet as CSV and opens that.

Readers of our own files call :func:`restore_text` so a round trip gives back exactly what was stored.
"""

from __future__ import annotations

from typing import Any

__all__ = ["TRIGGERS", "neutralise", "restore_text", "set_text"]

#: characters that make a spreadsheet treat a cell as a formula (or smuggle one in after a CSV round trip)
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(text: str) -> str:
    """``text`` made inert: prefixed with ``'`` when it starts with a formula trigger."""
    return "'" + text if text.startswith(TRIGGERS) else text


def restore_text(text: str) -> str:
    """Undo :func:`neutralise` for a value read back from a file we wrote."""
    if text.startswith("'") and text[1:].startswith(TRIGGERS):
        return text[1:]
    return text


def set_text(cell: Any, value: str | None) -> None:
    """Write ``value`` into an openpyxl cell as a string, never a formula."""
    if value is None:
        cell.value = None
        return
    cell.value = neutralise(value)
    cell.data_type = "s"
