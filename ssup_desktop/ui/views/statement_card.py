"""StatementCard: one statement of a level, its state, its assessment and its supporting entries."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.progress import Supporting
from ssup_desktop.domain.sfia import Statement
from ssup_desktop.ui.style import (
    LARGE,
    MEDIUM,
    SMALL,
    CardFrame,
    plain_label,
    plain_tooltip,
)
from ssup_desktop.ui.views.readiness import AssessmentPanel, StateBadge

MAX_LIST_ROWS = 6


def entries_text(count: int) -> str:
    if count == 0:
        return "No entries yet"
    return "1 entry" if count == 1 else f"{count} entries"


def entry_line(evidence: Supporting) -> str:
    when = evidence.date_label()
    return f"{evidence.title} \u2014 {when}" if when else f"{evidence.title} \u2014 undated"


class StatementCard(CardFrame):
    """One statement: its text, id, how many entries support it, and those entries."""

    evidence_activated = Signal(object)  # uuid.UUID of the entry to open
    add_evidence_requested = Signal(str)  # the statement id

    def __init__(self, statement: Statement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.statement = statement
        self.text_label = plain_label(statement.text, self, factor=1.05, selectable=True)
        self.text_label.setAccessibleName("Statement")
        self.id_label = plain_label(statement.id, self, factor=0.85, muted=True, wrap=False)
        self.id_label.setToolTip("The statement's id, stable across SFIA editions")
        self.count_label = plain_label("", self, bold=True, wrap=False)
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._set_expanded)
        self.add_button = QPushButton("Add evidence for this statement", self)
        self.add_button.setToolTip(f"Record a new example linked to {statement.id}")
        self.add_button.setAccessibleName(f"Add evidence for statement {statement.id}")
        self.add_button.clicked.connect(lambda: self.add_evidence_requested.emit(statement.id))
        self.entry_list = QListWidget(self)
        self.entry_list.setAccessibleName(f"Entries supporting {statement.id}")
        self.entry_list.setToolTip("Double-click an entry (or press Enter) to edit it")
        self.entry_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entry_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entry_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.entry_list.setUniformItemSizes(True)
        self.entry_list.setFrameShape(QFrame.Shape.NoFrame)
        self.entry_list.itemActivated.connect(self._on_item_activated)
        self.entry_list.hide()

        row = QHBoxLayout()
        row.setSpacing(MEDIUM)
        row.addWidget(self.count_label)
        row.addWidget(self.toggle)
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(LARGE, MEDIUM, LARGE, MEDIUM)
        layout.setSpacing(SMALL // 2)
        self.state_badge = StateBadge(self)
        id_row = QHBoxLayout()
        id_row.addWidget(self.id_label)
        id_row.addStretch(1)
        id_row.addWidget(self.state_badge)
        layout.addLayout(id_row)
        layout.addWidget(self.text_label)
        layout.addSpacing(SMALL)
        layout.addLayout(row)
        layout.addWidget(self.entry_list)
        self.assessment_panel = AssessmentPanel(statement.id, self)
        layout.addWidget(self.assessment_panel)
        self.set_entries([])

    @property
    def count_text(self) -> str:
        return self.count_label.text()

    def set_entries(self, entries: Sequence[Supporting], count: int | None = None) -> None:
        """List ``entries``; ``count`` is the support count (defaults to how many are listed)."""
        self.count_label.setText(entries_text(len(entries) if count is None else count))
        self.entry_list.clear()
        for evidence in entries:
            item = QListWidgetItem(entry_line(evidence))
            item.setData(Qt.ItemDataRole.UserRole, evidence.id)
            item.setToolTip(plain_tooltip(f"{entry_line(evidence)}\nDouble-click to edit"))
            self.entry_list.addItem(item)
        rows = min(len(entries), MAX_LIST_ROWS)
        frame = 2 * self.entry_list.frameWidth()
        self.entry_list.setFixedHeight(max(1, rows) * self._row_height() + frame + 2)
        self.toggle.setEnabled(bool(entries))
        if not entries:
            self.toggle.setChecked(False)
        self._set_expanded(self.toggle.isChecked())

    def _row_height(self) -> int:
        if self.entry_list.count():
            hint = self.entry_list.sizeHintForRow(0)
            if hint > 0:
                return hint
        return self.entry_list.fontMetrics().height() + 6

    def _set_expanded(self, expanded: bool) -> None:
        self.entry_list.setVisible(expanded and self.entry_list.count() > 0)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.toggle.setText("Hide entries" if expanded else "Show entries")
        self.toggle.setToolTip("Hide the supporting entries" if expanded else "List the entries")

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        evidence_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(evidence_id, uuid.UUID):
            self.evidence_activated.emit(evidence_id)
