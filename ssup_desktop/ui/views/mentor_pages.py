"""The pages of session mode: a level overview and one statement with its evidence."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ssup_desktop.domain.evidence import AttachmentInfo, Evidence
from ssup_desktop.domain.mentor import Verdict, VerdictKind
from ssup_desktop.domain.sfia import Level, Statement
from ssup_desktop.mentor_service import MentorService
from ssup_desktop.ui.style import CardFrame, heading, plain_label
from ssup_desktop.ui.views.evidence_preview import STAR_HEADINGS

OpenAttachment = Callable[[AttachmentInfo], None]
KEY_HELP = (
    "\u2192 / PgDn next    \u2190 / PgUp previous    \u2191 \u2193 scroll    "
    "Home / End first / last    1 Agreed    2 Needs more evidence    3 Not yet    "
    "C comment    Ctrl+Z undo    Esc finish"
)


def verdict_line(verdict: Verdict | None, fallback: str) -> str:
    if verdict is None:
        return fallback
    text = f"Verdict in this session: {verdict.kind.label}"
    return f"{text}\nComment: {verdict.comment}" if verdict.comment else text


def statement_number(level: Level, statement: Statement) -> str:
    index = level.statements.index(statement) + 1
    return f"Level {level.level} \u00b7 statement {index} of {len(level.statements)}"


def level_page(
    level: Level, mentor: MentorService, verdicts: dict[str, Verdict], parent: QWidget
) -> QWidget:
    """The level's name and essence, then each statement with its state in this session."""
    page = QWidget(parent)
    layout = QVBoxLayout(page)
    layout.setAlignment(Qt.AlignmentFlag.AlignTop)
    layout.setSpacing(18)
    layout.addWidget(heading(level.title, page, factor=1.8))
    layout.addWidget(plain_label(level.essence, page, factor=1.05))
    if not level.defined:
        reason = level.not_defined_reason or "Sales support is not defined at this level."
        layout.addWidget(plain_label(reason, page, muted=True))
        return page
    for number, statement in enumerate(level.statements, start=1):
        card = CardFrame(page)
        row = QVBoxLayout(card)
        row.setContentsMargins(20, 14, 20, 14)
        row.addWidget(plain_label(f"{number}. {statement.text}", card, factor=1.1))
        shown = len(mentor.shown_evidence(statement.id))
        entries = f"{shown} entr{'y' if shown == 1 else 'ies'} of evidence"
        state = verdicts.get(statement.id)
        slot = (
            f"Verdict: {state.kind.label}"
            if state
            else mentor.statement_verdict_summary(statement.id).text
        )
        row.addWidget(plain_label(f"{entries}  \u00b7  {slot}", card, muted=True, factor=0.9))
        layout.addWidget(card)
    return page


def statement_page(
    level: Level,
    statement: Statement,
    mentor: MentorService,
    verdict: Verdict | None,
    pending_comment: str,
    open_attachment: OpenAttachment,
    parent: QWidget,
) -> QWidget:
    """One statement, its self-assessment and verdict, then every entry a mentor may see."""
    page = QWidget(parent)
    layout = QVBoxLayout(page)
    layout.setAlignment(Qt.AlignmentFlag.AlignTop)
    layout.setSpacing(14)
    layout.addWidget(plain_label(statement_number(level, statement), page, muted=True))
    layout.addWidget(heading(statement.text, page, factor=1.45))
    assessment = mentor.portfolio.progress.effective_assessment(statement.id)
    self_text = f"Self-assessment: {assessment.rating.label}" if assessment else "Not self-assessed"
    if assessment and assessment.note:
        self_text += f" \u2014 {assessment.note}"
    layout.addWidget(plain_label(self_text, page))
    summary = mentor.statement_verdict_summary(statement.id).text
    verdict_label = plain_label(
        verdict_line(verdict, f"Earlier: {summary}"), page, bold=True, factor=1.15
    )
    verdict_label.setObjectName("verdict")
    layout.addWidget(verdict_label)
    if pending_comment:
        layout.addWidget(
            plain_label(f"Comment (saved with your verdict): {pending_comment}", page, muted=True)
        )
    keys = "   ".join(f"{k.key} {k.label}" for k in VerdictKind)
    layout.addWidget(plain_label(f"Press {keys}", page, muted=True, factor=0.9))
    entries = mentor.shown_evidence(statement.id)
    layout.addSpacing(8)
    noun = "entry" if len(entries) == 1 else "entries"
    layout.addWidget(heading(f"Evidence ({len(entries)} {noun})", page, factor=1.2))
    if not entries:
        layout.addWidget(plain_label("No evidence shown for this statement.", page, muted=True))
    for entry in entries:
        layout.addWidget(entry_card(entry, mentor, open_attachment, page))
    return page


def entry_card(
    entry: Evidence, mentor: MentorService, open_attachment: OpenAttachment, parent: QWidget
) -> CardFrame:
    """An entry's STAR text, attachments (opened through private copies) and mentor comments."""
    card = CardFrame(parent)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(22, 16, 22, 16)
    layout.setSpacing(8)
    layout.addWidget(plain_label(entry.title, card, bold=True, factor=1.15, selectable=True))
    if entry.date_label():
        layout.addWidget(plain_label(entry.date_label(), card, muted=True))
    for name, title in STAR_HEADINGS:
        text = getattr(entry, name)
        if text:
            layout.addWidget(plain_label(title, card, bold=True))
            layout.addWidget(plain_label(text, card, selectable=True))
    if entry.attachments:
        row = QHBoxLayout()
        row.addWidget(plain_label("Attachments:", card, bold=True, wrap=False))
        for info in entry.attachments:
            button = QPushButton(f"Open {info.name}", card)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip("Opens a private copy with your desktop's viewer")
            button.clicked.connect(lambda _=False, info=info: open_attachment(info))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
    for comment in mentor.comments_for(entry.id):
        who = comment.mentor_name or "Mentor"
        layout.addWidget(plain_label(f"{who}: {comment.text}", card, muted=True, selectable=True))
    return card
