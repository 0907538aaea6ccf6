"""LazyPane: a placeholder that imports and builds its real view the first time it is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ssup_desktop.ui.session import PortfolioSession


class LazyPane(QWidget):
    """Holds nothing until first shown; then ``factory()`` builds the view, kept from then on."""

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.factory = factory
        self.view: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_view(self) -> QWidget:
        if self.view is None:
            self.view = self.factory()
            self._layout.addWidget(self.view)
            if self.isVisible():
                self.view.show()  # now, not on the next turn of the event loop
        return self.view

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_view()


def history_pane(session: PortfolioSession) -> LazyPane:
    """The History tab: the chart module is imported only when the tab is first opened."""

    def build() -> QWidget:
        from ssup_desktop.ui.views.history import HistoryView

        return HistoryView(session)

    return LazyPane(build)
