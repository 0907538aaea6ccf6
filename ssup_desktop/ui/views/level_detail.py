"""LevelDetailView: the selected level's statements, each with the evidence that supports it."""

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
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.progress import Rating, Supporting
from ssup_desktop.domain.sfia import Edition, Level, Skill, Statement
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import (
    LARGE,
    MEDIUM,
    SMALL,
    CardFrame,
    heading,
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


class LevelDetailView(QWidget):
    """The statements of one level, or SFIA's explanation where SSUP is not defined."""

    evidence_activated = Signal(object)  # uuid.UUID
    add_evidence_requested = Signal(str)  # statement id

    def __init__(self, session: PortfolioSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.level = 0
        self.cards: list[StatementCard] = []
        self.title_label = heading("", self, factor=1.5)
        self.essence_label = plain_label("", self, selectable=True)
        self.essence_label.setAccessibleName("Level essence")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area = scroll
        self._new_body()
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(LARGE, MEDIUM, SMALL, 0)
        layout.setSpacing(SMALL)
        layout.addWidget(self.title_label)
        layout.addWidget(self.essence_label)
        layout.addSpacing(SMALL)
        layout.addWidget(scroll, 1)
        session.changed.connect(self._on_changed)
        session.edition_changed.connect(lambda _e: self.show_level(self.level or 1))

    def show_level(self, number: int) -> None:
        """Show level ``number`` of the current edition."""
        self.level = number
        skill = self.session.skill
        level = skill.level(number)
        self.title_label.setText(level.title)
        self.essence_label.setText(level.essence)
        self.cards = []
        old = self._new_body()
        if level.defined:
            self._show_statements(level)
        else:
            self._show_not_defined(skill, level)
        self.body_layout.addStretch(1)
        self.scroll_area.setWidget(self.body)
        if old is not None:
            old.deleteLater()

    def card(self, statement_id: str) -> StatementCard:
        return next(c for c in self.cards if c.statement.id == statement_id)

    # -- building -----------------------------------------------------------------------------

    def _new_body(self) -> QWidget | None:
        """Start a fresh content widget (shown whole when set); return the one it replaces."""
        old = self.scroll_area.takeWidget()
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, SMALL, 0)
        self.body_layout.setSpacing(MEDIUM)
        return old

    def _show_statements(self, level: Level) -> None:
        count = len(level.statements)
        intro = (
            f"{count} statement{'s' if count != 1 else ''} describe Sales support at this level."
        )
        self.body_layout.addWidget(plain_label(intro, self.body, muted=True))
        for statement in level.statements:
            card = StatementCard(statement, self.body)
            card.evidence_activated.connect(self.evidence_activated)
            card.add_evidence_requested.connect(self.add_evidence_requested)
            card.assessment_panel.assessment_requested.connect(self._on_assessment_requested)
            self.body_layout.addWidget(card)
            self.cards.append(card)
        self._refresh_cards()

    def _show_not_defined(self, skill: Skill, level: Level) -> None:
        box = CardFrame(self.body)
        box.dimmed = True
        inner = QVBoxLayout(box)
        inner.setContentsMargins(LARGE, MEDIUM, LARGE, MEDIUM)
        inner.setSpacing(SMALL)
        inner.addWidget(heading("Not defined for Sales support", box, factor=1.1))
        reason = level.not_defined_reason or "SFIA does not define Sales support at this level."
        inner.addWidget(plain_label(reason, box, selectable=True))
        self.body_layout.addWidget(box)

        source = self._with_guidance(skill)
        guide = source.developing
        lowest = min(lv.level for lv in skill.defined_levels)
        points = guide.lower_not_defined if level.level < lowest else guide.higher_not_defined
        if guide.intro or points:
            note = "" if source is skill else f" (from {source.edition_label})"
            self._section(f"Developing skills and demonstrating responsibilities{note}")
            if guide.intro:
                self._paragraph(guide.intro)
            lead_in = bool(points) and points[0].rstrip().endswith(":")
            for index, text in enumerate(points):
                bullet = index > 0 and lead_in
                self._paragraph(f"\u2022 {text}" if bullet else text)
        related = skill.related_skills or source.related_skills
        if related:
            self._section("Related skills")
            for rel in related:
                self._paragraph(f"\u2022 {rel.name}" + (f" ({rel.code})" if rel.code else ""))

    def _with_guidance(self, skill: Skill) -> Skill:
        """``skill`` if it has SFIA 9's developing-skills guidance, else the SFIA 9 text."""
        if skill.developing.intro or skill.developing.higher_not_defined:
            return skill
        return self.session.skills.get(Edition.SFIA9, skill)

    def _section(self, text: str) -> None:
        self.body_layout.addSpacing(SMALL)
        self.body_layout.addWidget(heading(text, self.body, factor=1.1))

    def _paragraph(self, text: str) -> None:
        self.body_layout.addWidget(plain_label(text, self.body, selectable=True))

    # -- refreshing ---------------------------------------------------------------------------

    def _refresh_cards(self) -> None:
        service = self.session.service
        counts = service.support_counts(self.session.edition) if self.cards else {}
        # readiness (cached per state of the file) already lists each statement's supporting
        # entries, in the evidence log's order: reuse them rather than query per card
        known: dict[str, Sequence[Supporting]] = {}
        if self.cards:
            readiness = service.progress.readiness(self.session.edition)[self.level]
            known = {p.statement.id: p.supporting for p in readiness.statements}
        for card in self.cards:
            entries = known.get(card.statement.id)
            if entries is None:  # cards of the edition being switched away from
                entries = service.evidence_for_statement(card.statement.id)
            card.set_entries(entries, counts.get(card.statement.id, len(entries)))
        self._refresh_progress()

    def _refresh_progress(self) -> None:
        """Each card's evidence state, self-assessment and mentor verdict (never averaged)."""
        if not self.cards:
            return
        service = self.session.service
        readiness = service.progress.readiness(self.session.edition)[self.level]
        by_id = {p.statement.id: p for p in readiness.statements}
        for card in self.cards:
            progress = by_id.get(card.statement.id)
            if progress is None:  # cards of the edition being switched away from
                continue
            card.state_badge.set_state(progress.state, progress.state.label)
            card.assessment_panel.set_assessment(progress.assessment)
            verdict = service.mentor.statement_verdict_summary(card.statement.id)
            card.assessment_panel.set_mentor_verdict(verdict.text)

    def _on_assessment_requested(self, statement_id: str, rating: Rating, note: str) -> None:
        from ssup_desktop.ui.progress_commands import SetAssessmentCommand  # on first edit

        self.session.push(SetAssessmentCommand(self.session, statement_id, rating, note))
        self._refresh_progress()  # also puts the combo back if the edit failed

    def _on_changed(self, change: Change) -> None:
        if change.kind in (ChangeKind.EVIDENCE, ChangeKind.PORTFOLIO):
            self._refresh_cards()
        elif change.kind in (
            ChangeKind.ASSESSMENT,
            ChangeKind.PREFERENCES,
            ChangeKind.MENTOR,
            ChangeKind.PROFILE,
        ):
            self._refresh_progress()
