"""LevelLadderView: SFIA's seven levels as rungs, level 7 on top; pick one with click or keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QEnterEvent, QFocusEvent, QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.sfia import Level
from ssup_desktop.ui.qt_names import set_by_name
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import (
    LARGE,
    MEDIUM,
    SMALL,
    CardFrame,
    ElidedLabel,
    plain_label,
    plain_tooltip,
    set_muted,
)

if TYPE_CHECKING:
    from ssup_desktop.domain.progress import LevelReadiness
    from ssup_desktop.ui.views.readiness import ReadinessBar

LEVELS = range(1, 8)


def support_summary(level: Level, counts: dict[str, int]) -> str:
    """ "2 of 4 statements with evidence" for a defined level, else ""."""
    if not level.defined:
        return ""
    total = len(level.statements)
    covered = sum(1 for st in level.statements if counts.get(st.id, 0) > 0)
    noun = "statement" if total == 1 else "statements"
    return f"{covered} of {total} {noun} with evidence"


def badge_text(level: int, profile: Profile) -> str:
    marks = []
    if profile.current_level == level:
        marks.append("Current")
    if profile.target_level == level:
        marks.append("Target")
    return " \u00b7 ".join(marks)


class LevelRung(CardFrame):
    """One rung: level number, generic name, essence, and a line on the evidence behind it."""

    clicked = Signal(int)

    def __init__(self, level: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self.defined = True
        self._pointing = False  # the pointing-hand cursor: set when the pointer first comes
        self.number_label = plain_label(str(level), self, factor=2.2, bold=True, wrap=False)
        set_by_name(self.number_label, alignment="AlignHCenter|AlignTop")
        self.number_label.setMinimumWidth(self.number_label.fontMetrics().horizontalAdvance("00"))
        self.name_label = plain_label("", self, factor=1.1, bold=True)
        self.essence_label = ElidedLabel("", self)
        self.support_label = plain_label("", self, muted=True)
        self.support_label.setObjectName("support")
        # "Current" / "Target" and the reason a level is not defined: most rungs show neither,
        # so each is made the first time it has something to show
        self._badge_label: QLabel | None = None
        self._reason_label: ElidedLabel | None = None
        # A spot for later additions under the summary: the readiness numbers and bar, built
        # with the first readiness shown (start-up: after the first paint)
        self.extras = QVBoxLayout()
        self.extras.setContentsMargins(0, 0, 0, 0)
        self.extras.setSpacing(SMALL // 2)
        self._readiness_row: tuple[ReadinessBar, QLabel] | None = None

        self._title_row = QHBoxLayout()
        self._title_row.setSpacing(SMALL)
        self._title_row.addWidget(self.name_label, 1)
        self._text = QVBoxLayout()
        self._text.setSpacing(SMALL // 2)
        self._text.addLayout(self._title_row)
        self._text.addWidget(self.essence_label)
        self._text.addWidget(self.support_label)
        self._text.addLayout(self.extras)
        row = QHBoxLayout(self)
        row.setContentsMargins(MEDIUM, SMALL + 2, MEDIUM, SMALL + 2)
        row.setSpacing(MEDIUM)
        row.addWidget(self.number_label)
        row.addLayout(self._text, 1)

    @property
    def badge_label(self) -> QLabel:
        """ "Current", "Target" or both, top right (made on first use)."""
        if self._badge_label is None:
            self._badge_label = plain_label("", self, bold=True, wrap=False)
            set_by_name(self._badge_label, alignment="AlignRight|AlignTop")
            self._title_row.addWidget(self._badge_label)
        return self._badge_label

    @property
    def reason_label(self) -> ElidedLabel:
        """Why the skill is not defined at this level, under the summary (made on first use)."""
        if self._reason_label is None:
            self._reason_label = ElidedLabel("", self)
            self._reason_label.set_collapsed(self.essence_label.collapsed)
            set_muted(self._reason_label)
            self._text.insertWidget(self._text.indexOf(self.support_label) + 1, self._reason_label)
        return self._reason_label

    def show_level(self, level: Level, summary: str, badge: str) -> None:
        self.defined = level.defined
        self.dimmed = not level.defined
        self.name_label.setText(level.name)
        self.essence_label.set_full_text(level.essence)
        if badge or self._badge_label is not None:
            self.badge_label.setText(badge)
            self.badge_label.setVisible(bool(badge))
        reason = ""
        if level.defined:
            self.support_label.setText(summary)
            tip = f"Level {level.level} - {level.name}\n{level.essence}\n{summary}"
        else:
            reason = level.not_defined_reason or "Sales support is not defined at this level."
            self.support_label.setText("Not defined for Sales support")
            tip = f"Level {level.level} - {level.name}: not defined for Sales support.\n{reason}"
        if reason or self._reason_label is not None:
            self.reason_label.set_full_text(reason)
            self.reason_label.setVisible(bool(reason))
        for label in (self.number_label, self.name_label, self.essence_label):
            set_muted(label, not level.defined)
        self.setToolTip(tip)
        self.setAccessibleName(level.title + ("" if level.defined else " (not defined)"))
        self.setAccessibleDescription(tip)
        self.update()

    def show_readiness(self, readiness: LevelReadiness) -> None:
        """The readiness bar and "3/4 evidenced · 1 verified" (hidden where not defined); it
        takes the place of the plain "with evidence" line, whose text stays the summary."""
        from ssup_desktop.ui.views.readiness import readiness_numbers

        numbers = readiness_numbers(readiness)
        self.support_label.setVisible(not numbers)
        self.readiness_bar.set_states([p.state for p in readiness.statements])
        self.readiness_label.setText(numbers)
        self.readiness_label.setToolTip(self.readiness_bar.toolTip())
        self.readiness_bar.setVisible(bool(numbers))
        self.readiness_label.setVisible(bool(numbers))

    def hide_readiness(self) -> None:
        """No readiness shown (the plain "with evidence" line stays)."""
        if self._readiness_row is not None:
            for widget in self._readiness_row:
                widget.setVisible(False)

    @property
    def readiness_bar(self) -> ReadinessBar:
        return self._readiness_widgets()[0]

    @property
    def readiness_label(self) -> QLabel:
        return self._readiness_widgets()[1]

    def _readiness_widgets(self) -> tuple[ReadinessBar, QLabel]:
        """The readiness bar and its numbers, made on first use."""
        if self._readiness_row is None:
            from ssup_desktop.ui.views.readiness import ReadinessBar

            bar = ReadinessBar(self)
            label = plain_label("", self, factor=0.9, wrap=False)
            label.setObjectName("readiness")
            row = QHBoxLayout()
            row.setSpacing(SMALL)
            row.addWidget(label)
            row.addWidget(bar, 1)
            self.extras.addLayout(row)
            self._readiness_row = (bar, label)
        return self._readiness_row

    def set_expanded(self, expanded: bool) -> None:
        """Show the essence and explanation in full (the selected rung) or as one line each."""
        self.essence_label.set_collapsed(not expanded)
        if self._reason_label is not None:
            self._reason_label.set_collapsed(not expanded)

    @property
    def summary(self) -> str:
        return self.support_label.text()

    def enterEvent(self, event: QEnterEvent) -> None:
        self.show_pointing_hand()
        super().enterEvent(event)

    def show_pointing_hand(self) -> None:
        """The rung's cursor: a pointing hand (set on the pointer's first visit, as it needs
        Qt's enums, which the first paint goes without: ``ui.qt_names``)."""
        if not self._pointing:
            from PySide6.QtCore import Qt

            self._pointing = True
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        from PySide6.QtCore import Qt

        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.level)
            event.accept()
        else:
            super().mousePressEvent(event)


class LevelLadderView(QWidget):
    """Seven rungs, highest on top. Keyboard focusable: Up/Down/Home/End move the selection."""

    level_selected = Signal(int)

    def __init__(
        self, session: PortfolioSession, parent: QWidget | None = None, *, deferred: bool = False
    ) -> None:
        """``deferred``: show the levels (names, essences) now; the evidence counts and the
        readiness bars come with the first ``refresh()`` (start-up: after the first paint)."""
        super().__init__(parent)
        self.session = session
        self._selected = 0
        set_by_name(self, focusPolicy="StrongFocus")
        self.setAccessibleName("Level ladder")
        self.setAccessibleDescription("SFIA levels 1 to 7. Use Up and Down to choose a level.")

        column = QWidget()
        rungs_layout = QVBoxLayout(column)
        rungs_layout.setContentsMargins(SMALL, SMALL, SMALL, SMALL)
        rungs_layout.setSpacing(SMALL)
        self.rungs: dict[int, LevelRung] = {}
        for number in reversed(LEVELS):
            rung = LevelRung(number, column)
            rung.clicked.connect(self._on_rung_clicked)
            rungs_layout.addWidget(rung)
            self.rungs[number] = rung
        rungs_layout.addStretch(1)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(column)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        set_by_name(
            self.scroll_area, focusPolicy="NoFocus", horizontalScrollBarPolicy="ScrollBarAlwaysOff"
        )
        self.owner_label = ElidedLabel("", self)
        self.owner_label.set_collapsed(True)
        set_muted(self.owner_label)
        self.owner_label.setObjectName("owner")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SMALL)
        header = QVBoxLayout()
        header.setContentsMargins(LARGE, MEDIUM, LARGE, 0)
        header.setSpacing(2)
        header.addWidget(plain_label("Levels of responsibility", self, factor=1.2, bold=True))
        header.addWidget(self.owner_label)
        layout.addLayout(header)
        layout.addWidget(self.scroll_area, 1)

        session.changed.connect(self._on_changed)
        session.edition_changed.connect(lambda _edition: self.refresh())
        self.refresh(evidence=not deferred)
        self._paint_states()

    # -- public -------------------------------------------------------------------------------

    @property
    def selected_level(self) -> int:
        return self._selected

    def rung_order(self) -> list[int]:
        """The level numbers from top to bottom, as shown."""
        return list(self.rungs)

    def select_level(self, number: int) -> None:
        number = max(1, min(7, number))
        if number == self._selected:
            return
        self._selected = number
        self._paint_states()
        self._scroll_to_selected()
        self.level_selected.emit(number)

    def refresh(self, *, evidence: bool = True) -> None:
        """Redraw every rung from the current edition, counts, readiness and profile; without
        ``evidence``, the levels alone (no counts, readiness bars hidden) until the next one."""
        skill = self.session.skill
        service = self.session.service
        counts = service.support_counts(self.session.edition) if evidence else {}
        profile = service.profile()
        ready = service.progress.readiness(self.session.edition) if evidence else {}
        for number, rung in self.rungs.items():
            level = skill.level(number)
            summary = support_summary(level, counts) if evidence else ""
            rung.show_level(level, summary, badge_text(number, profile))
            if evidence:
                rung.show_readiness(ready[number])
            else:
                rung.hide_readiness()
        self._show_owner(profile)

    # -- events -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        moves = {
            Qt.Key.Key_Up: self._selected + 1,
            Qt.Key.Key_Down: self._selected - 1,
            Qt.Key.Key_Home: 7,
            Qt.Key.Key_End: 1,
        }
        target = moves.get(Qt.Key(event.key()))
        if target is None:
            super().keyPressEvent(event)
            return
        self.select_level(target if self._selected else 1)
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._paint_states()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._paint_states()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._scroll_to_selected)  # not once the ladder is gone

    def _scroll_to_selected(self) -> None:
        if self._selected:
            self.scroll_area.ensureWidgetVisible(self.rungs[self._selected], 0, SMALL)

    def _on_rung_clicked(self, number: int) -> None:
        from PySide6.QtCore import Qt

        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.select_level(number)

    def _on_changed(self, change: Change) -> None:
        if change.kind in (
            ChangeKind.EVIDENCE,
            ChangeKind.PORTFOLIO,
            ChangeKind.PROFILE,
            ChangeKind.PREFERENCES,
            ChangeKind.MENTOR,
        ):
            self.refresh()

    def _paint_states(self) -> None:
        focused = self.hasFocus()
        for number, rung in self.rungs.items():
            chosen = number == self._selected
            rung.set_state(selected=chosen, focused=chosen and focused)
            rung.set_expanded(chosen)

    def _show_owner(self, profile: Profile) -> None:
        parts = [p for p in (profile.owner_name, profile.role) if p.strip()]
        edition = self.session.skill.edition_label
        text = " \u00b7 ".join([*parts, f"Sales support (SSUP), {edition}"])
        self.owner_label.set_full_text(text)
        self.owner_label.setToolTip(plain_tooltip(text))
