"""Whether a start shows the first-run welcome, and remembering that it was dismissed."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ssup_desktop.services import PortfolioService

DISMISSED_KEY = "welcome/dismissed"


def should_show_welcome(service: PortfolioService, settings: QSettings) -> bool:
    """A portfolio with no owner name and no evidence, unless the user skipped the welcome."""
    if str(settings.value(DISMISSED_KEY, "false")).lower() == "true":
        return False
    return not service.profile().owner_name.strip() and service.store.evidence_count() == 0


def remember_dismissed(settings: QSettings) -> None:
    settings.setValue(DISMISSED_KEY, True)
    settings.sync()
