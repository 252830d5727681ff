"""Who is at the desk, in the window: the lock screen, the idle lock, phones as staff may see them."""

from clinic_desktop.ui.access.guard import AccessGuard
from clinic_desktop.ui.access.idle import IdleWatcher
from clinic_desktop.ui.access.lock_screen import LockScreen
from clinic_desktop.ui.access.phones import shown_phone

__all__ = ["AccessGuard", "IdleWatcher", "LockScreen", "shown_phone"]
