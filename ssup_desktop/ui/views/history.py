"""HistoryView: every assessment change (time, statement, old -> new, note) and the chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.progress import HistoryKind
from ssup_desktop.domain.progress_records import HistoryRecord
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import LARGE, MEDIUM, SMALL, heading, plain_label, plain_tooltip
from ssup_desktop.ui.views.history_chart import EvidencedChart

COLUMNS = ("When", "Statement", "By", "Change", "Note")
CHART_KINDS = {
    ChangeKind.EVIDENCE,
    ChangeKind.PREFERENCES,
    ChangeKind.PORTFOLIO,
    ChangeKind.PROFILE,
}
LIST_KINDS = {ChangeKind.ASSESSMENT, ChangeKind.PORTFOLIO, ChangeKind.MENTOR}


def record_row(record: HistoryRecord) -> tuple[str, str, str, str, str]:
    when = record.changed.astimezone().strftime("%Y-%m-%d %H:%M")
    who = "You" if record.kind is HistoryKind.SELF else "Mentor"
    return (when, record.statement_id, who, record.summary, record.note)


class HistoryView(QWidget):
    """The chart on top, the list of changes below; both redraw only while shown."""

    def __init__(self, session: PortfolioSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._stale = True
        self.chart = EvidencedChart(self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Assessment changes")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.chart_caption = plain_label("", self, muted=True)
        self.empty_label = plain_label(
            "No assessment changes yet. Rate a statement on the Ladder to start your history.",
            self,
            muted=True,
        )

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(heading("Evidenced statements over time", top, factor=1.15))
        top_layout.addWidget(self.chart_caption)
        top_layout.addWidget(self.chart, 1)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, SMALL, 0, 0)
        bottom_layout.addWidget(heading("Assessment history", bottom, factor=1.15))
        bottom_layout.addWidget(self.empty_label)
        bottom_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([380, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(LARGE, MEDIUM, LARGE, MEDIUM)
        layout.addWidget(splitter)
        session.changed.connect(self._on_changed)
        session.edition_changed.connect(lambda _e: self._mark_stale())

    def refresh(self) -> None:
        """Reload the chart and the list from the service."""
        self._stale = False
        self.refresh_chart()
        self.refresh_list()

    def refresh_chart(self) -> None:
        progress = self.session.service.progress
        edition = self.session.edition
        skill = self.session.skill
        totals = {lv.level: len(lv.statements) for lv in skill.defined_levels}
        target = self.session.service.profile().target_level
        self.chart.set_data(progress.snapshots(edition), totals, target)
        self.chart_caption.setText(
            f"At each month end: statements with at least one entry dated by then and no more "
            f"than {progress.recency_years()} years old ({skill.edition_label}). Mentor "
            "verification is not shown here."
        )

    def refresh_list(self) -> None:
        records = self.session.service.progress.history()
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            for column, text in enumerate(record_row(record)):
                item = QTableWidgetItem(" ".join(text.split()))
                item.setToolTip(plain_tooltip(text))
                self.table.setItem(row, column, item)
        self.empty_label.setVisible(not records)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _mark_stale(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _on_changed(self, change: Change) -> None:
        if change.kind in CHART_KINDS | LIST_KINDS:
            self._mark_stale()
