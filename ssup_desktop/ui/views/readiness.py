"""Readiness widgets: a rung's readiness bar, a statement's evidence badge and self-assessment."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.progress import EvidenceState, LevelReadiness, Rating
from ssup_desktop.ui.style import SMALL, blend, plain_label

if TYPE_CHECKING:
    from ssup_desktop.domain.progress_records import Assessment

# Colour never carries meaning alone: each state also has its own symbol and words.
STATE_TEXT = {
    EvidenceState.NONE: ("\u25cb", "No evidence"),
    EvidenceState.STALE: ("\u25d0", "Only old evidence"),
    EvidenceState.EVIDENCED: ("\u25cf", "Evidenced"),
    EvidenceState.VERIFIED: ("\u2714", "Verified"),
}
STATE_COLOURS = {
    EvidenceState.NONE: QColor(140, 140, 150),
    EvidenceState.STALE: QColor(196, 132, 20),
    EvidenceState.EVIDENCED: QColor(46, 110, 180),
    EvidenceState.VERIFIED: QColor(30, 130, 76),
}
NOT_ASSESSED = "Not assessed"


def readiness_numbers(readiness: LevelReadiness) -> str:
    """E.g. "3/4 evidenced · 1 verified" (then "· 1 only old" if some evidence is too old;
    "" for a level the skill does not define)."""
    if not readiness.level.defined:
        return ""
    text = f"{readiness.evidenced}/{readiness.total} evidenced \u00b7 {readiness.verified} verified"
    stale = sum(1 for s in readiness.statements if s.state is EvidenceState.STALE)
    return f"{text} \u00b7 {stale} only old" if stale else text


def state_text(state: EvidenceState) -> str:
    symbol, words = STATE_TEXT[state]
    return f"{symbol} {words}"


class ReadinessBar(QWidget):
    """One segment per statement, filled by its evidence state (verified darkest, old hatched)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.states: list[EvidenceState] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(max(8, self.fontMetrics().height() // 2))

    def set_states(self, states: list[EvidenceState]) -> None:
        self.states = list(states)
        counts = {s: states.count(s) for s in EvidenceState}
        self.setToolTip(
            "\n".join(f"{state_text(s)}: {n}" for s, n in counts.items() if n) or "No statements"
        )
        self.setAccessibleName(
            ", ".join(f"{n} {STATE_TEXT[s][1].lower()}" for s, n in counts.items() if n)
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(160, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.states:
            return
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = 3.0
        count = len(self.states)
        width = (self.width() - gap * (count - 1)) / count
        order = [EvidenceState.VERIFIED, EvidenceState.EVIDENCED, EvidenceState.STALE]
        ranked = sorted(self.states, key=lambda s: order.index(s) if s in order else 3)
        for index, state in enumerate(ranked):
            rect = QRectF(index * (width + gap), 0.5, width, self.height() - 1.0)
            painter.setPen(QPen(blend(window, text, 0.35), 1.0))
            colour = STATE_COLOURS[state]
            if state is EvidenceState.NONE:
                painter.setBrush(blend(window, text, 0.06))
            elif state is EvidenceState.STALE:
                painter.setBrush(blend(window, colour, 0.35))
            else:
                painter.setBrush(colour)
            painter.drawRoundedRect(rect, 3, 3)
            if state is EvidenceState.STALE:  # hatched, so it differs by more than colour
                painter.save()
                painter.setClipRect(rect)
                painter.setPen(QPen(colour.darker(120), 1.2))
                x = rect.left() - rect.height()
                while x < rect.right():
                    painter.drawLine(
                        QPointF(x, rect.bottom()), QPointF(x + rect.height(), rect.top())
                    )
                    x += 5.0
                painter.restore()
        painter.end()


class StateBadge(QLabel):
    """A statement's evidence state as symbol + words in the state's colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.state = EvidenceState.NONE
        self.set_state(EvidenceState.NONE)

    def set_state(self, state: EvidenceState, tip: str = "") -> None:
        self.state = state
        self.setText(state_text(state))
        colour = STATE_COLOURS[state]
        self.setStyleSheet(
            f"QLabel {{ color: {colour.name()}; border: 1px solid {colour.name()};"
            " border-radius: 4px; padding: 1px 6px; font-weight: bold; }"
        )
        self.setToolTip(tip or state_text(state))
        self.setAccessibleName(f"Evidence state: {STATE_TEXT[state][1]}")


class JustificationDialog(QDialog):
    """Asks why a self-assessment changes; OK only once something is written."""

    def __init__(self, statement_id: str, rating: Rating, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Why the change?")
        prompt = plain_label(
            f"You are rating {statement_id} as \u201c{rating.label}\u201d. In a sentence, what "
            "shows this? The note is kept in your assessment history.",
            self,
        )
        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName("Justification note")
        self.editor.setPlaceholderText("e.g. Led the Contoso discovery call on my own")
        self.editor.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.editor.textChanged.connect(
            lambda: ok.setEnabled(bool(self.editor.toPlainText().strip()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.editor)
        layout.addWidget(self.buttons)
        self.resize(440, 220)

    def note(self) -> str:
        return self.editor.toPlainText().strip()


def ask_justification(parent: QWidget, statement_id: str, rating: Rating) -> str | None:
    dialog = JustificationDialog(statement_id, rating, parent)
    return dialog.note() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _index(rating: Rating | None) -> int:
    """The combo row of ``rating``: 0 is "Not assessed", then the ratings in order."""
    return 0 if rating is None else list(Rating).index(rating) + 1


NoteAsker = Callable[[QWidget, str, Rating], str | None]


class AssessmentPanel(QFrame):
    """The owner's self-assessment next to the mentor's verdict; the two are never averaged."""

    assessment_requested = Signal(str, object, str)  # statement id, Rating, justification note

    def __init__(self, statement_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.statement_id = statement_id
        self.ask_note: NoteAsker = ask_justification
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(f"Self-assessment of {statement_id}")
        self.combo.setToolTip("How well you can show this statement today (your own view)")
        self.combo.addItem(NOT_ASSESSED)
        for rating in Rating:
            self.combo.addItem(rating.label)
        self.combo.activated.connect(self._on_activated)
        self.note_label = plain_label("", self, muted=True, selectable=True)
        self.mentor_label = plain_label("No mentor verdict yet", self, muted=True)
        self.mentor_label.setAccessibleName("Mentor verdict")

        mine = QVBoxLayout()
        mine.setSpacing(2)
        mine.addWidget(plain_label("Your self-assessment", self, factor=0.9, bold=True))
        mine.addWidget(self.combo)
        mine.addWidget(self.note_label)
        mentor = QVBoxLayout()
        mentor.setSpacing(2)
        mentor.addWidget(plain_label("Mentor verdict", self, factor=0.9, bold=True))
        mentor.addWidget(self.mentor_label)
        mentor.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, SMALL // 2, 0, 0)
        row.setSpacing(SMALL * 2)
        row.addLayout(mine, 1)
        row.addLayout(mentor, 1)
        self._rating: Rating | None = None

    @property
    def rating(self) -> Rating | None:
        return self._rating

    def set_assessment(self, assessment: Assessment | None) -> None:
        self._rating = None if assessment is None else assessment.rating
        self.combo.setCurrentIndex(_index(self._rating))
        if assessment is None:
            self.note_label.setText("")
        else:
            when = assessment.modified.astimezone().strftime("%d %b %Y")
            note = f"\u201c{assessment.note}\u201d \u2014 {when}" if assessment.note else when
            self.note_label.setText(note)
        self.note_label.setVisible(assessment is not None)

    def set_mentor_verdict(self, text: str) -> None:
        self.mentor_label.setText(text or "No mentor verdict yet")

    def choose(self, rating: Rating) -> None:
        """Pick ``rating`` as a user would (asks for the note)."""
        self.combo.setCurrentIndex(_index(rating))
        self._on_activated(self.combo.currentIndex())

    def _on_activated(self, index: int) -> None:
        rating = list(Rating)[index - 1] if index > 0 else None
        if rating is None:
            self.combo.setCurrentIndex(_index(self._rating))
            return
        if rating is self._rating:
            return
        note = self.ask_note(self, self.statement_id, rating)
        if note is None:
            self.combo.setCurrentIndex(_index(self._rating))
            return
        self.assessment_requested.emit(self.statement_id, rating, note)
