"""Money is integer fen everywhere; these turn it into text a receptionist reads."""

from __future__ import annotations


def format_yuan(fen: int) -> str:
    """``1240000`` → ``¥12,400``; ``30050`` → ``¥300.50``; negative amounts keep their sign."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    text = f"{sign}¥{yuan:,}"
    return f"{text}.{cents:02d}" if cents else text
