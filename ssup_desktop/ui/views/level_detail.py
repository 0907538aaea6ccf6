"""LevelDetailView: the selected level's statements, each with the evidence that supports it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.sfia import Edition, Level, Skill
from ssup_desktop.ui.qt_names import set_by_name
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import LARGE, MEDIUM, SMALL, CardFrame, heading, plain_label

if TYPE_CHECKING:
    # the cards (list widgets, buttons, assessment panels) load with the first level shown:
    # at start-up that is just after the first paint
    from ssup_desktop.domain.progress import Rating, Supporting
    from ssup_desktop.ui.views.statement_card import StatementCard


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
        set_by_name(scroll, horizontalScrollBarPolicy="ScrollBarAlwaysOff")
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
        from ssup_desktop.ui.views.statement_card import StatementCard

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
