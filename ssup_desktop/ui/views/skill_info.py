"""SkillInfoView: the SSUP skill's description, guidance, activities, related skills, source."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ssup_desktop.domain.sfia import Skill
from ssup_desktop.ui.qt_names import set_by_name
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import LARGE, MEDIUM, SMALL, heading, plain_label

ATTRIBUTION = "SFIA (c) SFIA Foundation"


class SkillInfoView(QScrollArea):
    """A read-only pane with the whole skill text of the shown edition, all as plain text."""

    def __init__(
        self, session: PortfolioSession, parent: QWidget | None = None, *, deferred: bool = False
    ) -> None:
        """``deferred`` (start-up): the text from the title to the levels not defined now;
        the related skills and the source, below them (out of sight in a window of up to
        about 900 pixels), with ``finish_loading()`` just after the first paint."""
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        set_by_name(self, horizontalScrollBarPolicy="ScrollBarAlwaysOff")
        self.setAccessibleName("About the Sales support skill")
        self.labels: list[QLabel] = []
        self._tail_shown = False
        session.edition_changed.connect(lambda _e: self.refresh())
        self.refresh(whole=not deferred)

    def texts(self) -> list[str]:
        """Every text shown, top to bottom (for tests and accessibility checks)."""
        return [label.text() for label in self.labels]

    def refresh(self, *, whole: bool = True) -> None:
        """Show the text of the session's edition; without ``whole``, all but its tail (the
        related skills and the source), which ``finish_loading`` adds."""
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(LARGE, MEDIUM, LARGE, LARGE)
        self._layout.setSpacing(SMALL)
        self._layout.addStretch(1)  # keeps the text at the top: the text goes in before it
        self.labels = []
        self._fill_lead(self.session.skill)
        self._tail_shown = False
        if whole:
            self.finish_loading()
        old = self.takeWidget()
        self.setWidget(body)
        if old is not None:
            old.deleteLater()

    def finish_loading(self) -> None:
        """Add the text's tail left out by ``refresh(whole=False)``; idempotent."""
        if not self._tail_shown:
            self._tail_shown = True
            self._fill_tail(self.session.skill)

    def _fill_lead(self, skill: Skill) -> None:
        self._add(heading(f"{skill.name} ({skill.code})", None, factor=1.35))
        self._add(plain_label(skill.edition_label, None, muted=True))
        self._add(plain_label(skill.description, None, selectable=True))
        if skill.guidance_notes:
            self._section("Guidance notes")
            for note in skill.guidance_notes:
                self._add(plain_label(note, None, selectable=True))
        if skill.activities:
            self._section("Activities may include")
            for activity in skill.activities:
                self._add(plain_label(f"\u2022 {activity}", None, selectable=True))
        not_defined = [t for t in (skill.lower_levels_not_defined, skill.higher_levels_not_defined)]
        if any(not_defined):
            self._section("Where levels are not defined")
            for text in not_defined:
                if text:
                    self._add(plain_label(text, None, selectable=True))

    def _fill_tail(self, skill: Skill) -> None:
        if skill.related_skills:
            self._section("Related skills")
            for rel in skill.related_skills:
                name = f"{rel.name} ({rel.code})" if rel.code else rel.name
                self._add(plain_label(f"\u2022 {name}", None, selectable=True))
        self._section("Source")
        self._add(plain_label(skill.source, None, muted=True, selectable=True))
        attribution = skill.attribution
        if ATTRIBUTION not in attribution:
            attribution = f"{ATTRIBUTION}. {attribution}".strip()
        self._add(plain_label(attribution, None, factor=0.9, muted=True, selectable=True))

    def _section(self, text: str) -> None:
        self._layout.insertSpacing(self._layout.count() - 1, SMALL)
        self._add(heading(text, None, factor=1.1))

    def _add(self, label: QLabel) -> None:
        self._layout.insertWidget(self._layout.count() - 1, label)
        self.labels.append(label)
