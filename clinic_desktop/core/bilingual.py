"""One shape for every refusal the user reads: a Chinese and an English message.

The interface speaks Simplified Chinese by default with a complete English translation, and a refusal
(a bad cell, a rejected file, an import that cannot be undone …) is raised far below the widgets, where
no translator is installed. So the service raises both texts and the UI picks one with
:meth:`BilingualError.text`; the command line prints ``str()`` (Chinese, or "中文 / English").
"""

from __future__ import annotations

__all__ = ["BilingualError"]


class BilingualError(ValueError):
    """A refusal with ``zh`` and ``en`` messages; ``str(error)`` is the Chinese one unless given."""

    def __init__(self, zh: str, en: str, message: str | None = None) -> None:
        super().__init__(zh if message is None else message)
        self.zh = zh
        self.en = en

    def text(self, language: str) -> str:
        """The message in the UI's language (``"en"``/``"en_GB"`` …, anything else for Chinese)."""
        return self.en if language.startswith("en") else self.zh
