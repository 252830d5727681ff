"""Money is integer fen everywhere: read yuan as people write it, and turn fen back into text.

Reading lives here (not in a service) because the manual-entry forms and the spreadsheet importer must
agree exactly on what "1,200.50" or "¥300" means; both convert :class:`MoneyError` into their own
refusal (a form field error, an import-report row).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from clinic_desktop.core.bilingual import BilingualError

__all__ = ["MAX_AMOUNT_FEN", "MoneyError", "format_yuan", "parse_yuan"]

#: one visit line above ¥10,000,000 is a typing mistake (an extra zero or two), not a treatment
MAX_AMOUNT_FEN = 1_000_000_000


class MoneyError(BilingualError):
    """An amount that cannot be read; ``str(error)`` is "中文 / English" like every refusal."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh, en, f"{zh} / {en}")


def format_yuan(fen: int) -> str:
    """``1240000`` → ``¥12,400``; ``30050`` → ``¥300.50``; negative amounts keep their sign."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    text = f"{sign}¥{yuan:,}"
    return f"{text}.{cents:02d}" if cents else text


# Thousands separators must group by three ("1,200.50"); otherwise a comma is more likely a slip
# for the decimal point than a separator, and guessing would store a hundred times the amount.
_YUAN = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?")
_CURRENCY = re.compile(r"^(?:[¥￥]|RMB|CNY)|元$", re.IGNORECASE)


def parse_yuan(value: str | Decimal | int) -> int:
    """Yuan as typed ("1,200.50", "¥300", "80元", Decimal("99.9")) → integer fen (120050).

    A float is refused rather than converted: money never passes through binary floating point (the
    importer turns an Excel number into a Decimal from its shortest repr first). Negative amounts,
    more than two decimals and absurdly large amounts are refused too.
    """
    if isinstance(value, bool) or not isinstance(value, (str, Decimal, int)):
        raise MoneyError("金额须为文字或 Decimal，不能是浮点数", "amount must be text or Decimal, not float")
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
        text = _CURRENCY.sub("", text).strip()
        if text == "":
            raise MoneyError("请填写金额", "enter an amount")
        if text.startswith("-") and _YUAN.fullmatch(text[1:]):
            raise MoneyError("金额不能为负数", "the amount cannot be negative")
        if not _YUAN.fullmatch(text):
            raise MoneyError(f"金额格式不对：{value}", f"not an amount: {value}")
        amount = Decimal(text.replace(",", ""))
    else:
        try:
            amount = Decimal(value)
        except InvalidOperation:  # pragma: no cover - Decimal(int) and Decimal(Decimal) always work
            raise MoneyError(f"金额格式不对：{value}", f"not an amount: {value}") from None
        if not amount.is_finite():
            raise MoneyError(f"金额格式不对：{value}", f"not an amount: {value}")
    if amount < 0:
        raise MoneyError("金额不能为负数", "the amount cannot be negative")
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise MoneyError("金额最多两位小数", "at most two decimals (fen)")
    if fen > MAX_AMOUNT_FEN:
        raise MoneyError("金额过大，请检查是否多打了零", "amount too large; check for extra zeros")
    return int(fen)
