"""How a phone number is shown on screen: whole, or 138****1234 while staff acts and the owner asked so."""

from __future__ import annotations

from clinic_desktop.core.access import Access
from clinic_desktop.core.phone import mask_phone


def shown_phone(access: Access, phone: str | None) -> str:
    """``phone`` as this screen may show it now (empty for none)."""
    if not phone:
        return ""
    return mask_phone(phone) if access.masks_phones else phone
