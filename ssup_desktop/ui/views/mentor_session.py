"""Session mode: a full-screen, keyboard-driven walk through levels and statements with a mentor."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate, QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.evidence import AttachmentInfo
from ssup_desktop.domain.mentor import Session, Verdict, VerdictKind
from ssup_desktop.domain.sfia import Level, Statement
from ssup_desktop.mentor_service import MentorService
from ssup_desktop.ui.attachments import AttachmentOpener
from ssup_desktop.ui.commands import describe_error
from ssup_desktop.ui.dialogs.mentor_dialogs import CommentDialog, StartSessionDialog
from ssup_desktop.ui.mentor_commands import (
    AddActionCommand,
    CommentEntryCommand,
    CommentVerdictCommand,
    RecordVerdictCommand,
)
from ssup_desktop.ui.messages import show_warning
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import heading, plain_label, scaled_font
from ssup_desktop.ui.views.mentor_pages import KEY_HELP, level_page, statement_page

FONT_FACTOR = 1.6
CONTENT_WIDTH = 1500  # pixels: longer lines are hard to read across a room
SUMMARY_HELP = (
    "PgUp previous page    Tab next field    Enter adds the action    "
    "Esc saves the notes and finishes"
)
_VERDICT_KEYS = {Qt.Key.Key_1: VerdictKind.AGREED, Qt.Key.Key_2: VerdictKind.NEEDS_MORE_EVIDENCE}
_VERDICT_KEYS[Qt.Key.Key_3] = VerdictKind.NOT_YET


@dataclass(frozen=True)
class Page:
    level: Level | None  # None: the closing notes and actions page
    statement: Statement | None = None


class MentorSessionView(QWidget):
    """One level overview, then one statement at a time, then notes and actions. Esc finishes."""

    finished = Signal(object)  # the session id, once its record is saved

    def __init__(
        self,
        session: PortfolioSession,
        record: Session,
        opener: AttachmentOpener | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.record = record
        self.opener = opener or AttachmentOpener(session.service)
        self.notes = record.notes
        self.pending_comments: dict[str, str] = {}
        self.index = 0
        self.errors: list[str] = []
        self._done = False
        self.pages = self._pages()
        self.setWindowTitle(f"Mentor Session with {record.mentor_name}")
        self.setFont(scaled_font(self.font(), FONT_FACTOR))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 16)
        self.header = plain_label("", self, muted=True, wrap=False)
        layout.addWidget(self.header)
        self.body_scroll = QScrollArea(self)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.body_scroll, 1)
        self.footer = plain_label(KEY_HELP, self, muted=True, factor=0.85)
        layout.addWidget(self.footer)
        for keys, slot in (
            (QKeySequence.StandardKey.Undo, session.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, session.undo_stack.redo),
        ):
            QShortcut(keys, self, slot)
        session.changed.connect(self._on_changed)
        self.show_page(0)

    # --- pages -----------------------------------------------------------------------------

    def _pages(self) -> list[Page]:
        skill = self.session.skill
        pages: list[Page] = []
        for number in self.record.focus_levels or [lv.level for lv in skill.defined_levels]:
            level = skill.level(number)
            pages.append(Page(level))
            pages += [Page(level, st) for st in level.statements]
        pages.append(Page(None))
        return pages

    @property
    def page(self) -> Page:
        return self.pages[self.index]

    def show_page(self, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        page = self.page
        if page.level is None:
            body = self._summary_page()
            where = "Notes and agreed actions"
        elif page.statement is None:
            body = level_page(page.level, self.mentor, self._session_verdicts(), self)
            where = page.level.title
        else:
            body = statement_page(
                page.level,
                page.statement,
                self.mentor,
                self._session_verdicts().get(page.statement.id),
                self.pending_comments.get(page.statement.id, ""),
                self._open_attachment,
                self,
            )
            where = page.level.title
        self.header.setText(
            f"Mentor session with {self.record.mentor_name}  \u00b7  {where}  \u00b7  "
            f"page {self.index + 1} of {len(self.pages)}"
        )
        body.setMaximumWidth(CONTENT_WIDTH)
        frame = QWidget(self)
        centred = QHBoxLayout(frame)
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addStretch(1)
        centred.addWidget(body, 100)
        centred.addStretch(1)
        self.body_scroll.setWidget(frame)
        self.footer.setText(KEY_HELP if page.level is not None else SUMMARY_HELP)
        if page.level is not None:
            self.setFocus()

    def _session_verdicts(self) -> dict[str, Verdict]:
        verdicts = self.mentor.rows.verdicts(session_id=self.record.id)
        return {v.statement_id: v for v in verdicts}

    @property
    def mentor(self) -> MentorService:
        return self.session.service.mentor

    # --- keys ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        moves = {
            Qt.Key.Key_Right: self.index + 1,
            Qt.Key.Key_PageDown: self.index + 1,
            Qt.Key.Key_Left: self.index - 1,
            Qt.Key.Key_PageUp: self.index - 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(self.pages) - 1,
        }
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
        elif key in moves:
            self.show_page(moves[key])
        elif key in _VERDICT_KEYS and self.page.statement is not None:
            self.record_verdict(_VERDICT_KEYS[key])
        elif key == Qt.Key.Key_C and self.page.statement is not None:
            self.comment()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            bar = self.body_scroll.verticalScrollBar()
            step = bar.singleStep() * 4
            bar.setValue(bar.value() + (step if key == Qt.Key.Key_Down else -step))
        elif key == Qt.Key.Key_Escape:
            self.finish()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On the notes page, PgUp and Esc still move back and finish from inside the fields."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_PageUp:
                self.show_page(self.index - 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.finish()
                return True
        return super().eventFilter(watched, event)

    # --- edits -----------------------------------------------------------------------------

    def record_verdict(self, kind: VerdictKind) -> None:
        statement = self.page.statement
        assert statement is not None
        self.session.push(
            RecordVerdictCommand(
                self.session,
                statement.id,
                kind,
                session_id=self.record.id,
                mentor_name=self.record.mentor_name,
                comment=self.pending_comments.pop(statement.id, ""),
                on_error=self.errors.append,
            )
        )

    def ask_comment(self, targets: list[str]) -> tuple[int, str] | None:
        """Ask what to comment on and the text (tests replace this)."""
        dialog = CommentDialog(targets, self)
        dialog.setFont(self.font())
        return dialog.comment() if dialog.exec() == CommentDialog.DialogCode.Accepted else None

    def comment(self) -> None:
        statement = self.page.statement
        assert statement is not None
        entries = self.mentor.shown_evidence(statement.id)
        answer = self.ask_comment(
            ["This statement (with its verdict)"] + [e.title for e in entries]
        )
        if answer is None or not answer[1]:
            return
        index, text = answer
        if index > 0:
            self.session.push(
                CommentEntryCommand(
                    self.session,
                    entries[index - 1].id,
                    text,
                    session_id=self.record.id,
                    mentor_name=self.record.mentor_name,
                    on_error=self.errors.append,
                )
            )
            return
        verdict = self._session_verdicts().get(statement.id)
        if verdict is None:
            self.pending_comments[statement.id] = text
            self.show_page(self.index)
        else:
            self.session.push(
                CommentVerdictCommand(
                    self.session, verdict.id, verdict.comment, text, self.errors.append
                )
            )

    def add_action(self, text: str, owner: str, due: QDate | None) -> None:
        self.session.push(
            AddActionCommand(
                self.session,
                text,
                owner=owner,
                due=due.toPython() if due is not None else None,  # type: ignore[arg-type]
                session_id=self.record.id,
                on_error=self.errors.append,
            )
        )

    def finish(self) -> None:
        """Save the notes and the finishing time, then leave session mode."""
        if not self._done:
            self._done = True
            try:
                self.session.announce(self.mentor.finish_session(self.record.id, self.notes))
            except Exception as exc:  # the file went away or is read-only: tell, keep the notes
                self._done = False
                show_warning(self, "Mentor Session", describe_error(exc))
                return
            self.finished.emit(self.record.id)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._done:
            self.finish()
            if not self._done:
                event.ignore()
                return
        self.opener.cleanup()
        super().closeEvent(event)

    # --- helpers ---------------------------------------------------------------------------

    def _open_attachment(self, info: AttachmentInfo) -> None:
        try:
            self.opener.open(info)
        except (OSError, KeyError) as exc:
            show_warning(self, "Open Attachment", describe_error(exc))

    def _on_changed(self, change: Change) -> None:
        refresh = (ChangeKind.MENTOR, ChangeKind.PORTFOLIO, ChangeKind.EVIDENCE)
        if change.kind in refresh and self.page.level is not None:
            self.show_page(self.index)
        if change.kind in (ChangeKind.PLAN, ChangeKind.PORTFOLIO) and self.page.level is None:
            self._fill_actions()

    def _summary_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.setSpacing(12)
        layout.addWidget(heading("Session notes", page, factor=1.45))
        self.notes_edit = QPlainTextEdit(page)
        self.notes_edit.setPlainText(self.notes)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(220)
        self.notes_edit.textChanged.connect(self._notes_changed)
        layout.addWidget(self.notes_edit)
        layout.addWidget(heading("Agreed actions", page, factor=1.45))
        form = QHBoxLayout()
        self.action_text = QLineEdit(page)
        self.action_text.setPlaceholderText("What will be done")
        self.action_owner = QComboBox(page)
        self.action_owner.setEditable(True)
        self.action_owner.addItems(["mentee", "mentor"])
        self.action_due_on = QCheckBox("Due", page)
        self.action_due = QDateEdit(QDate.currentDate().addDays(30), page)
        self.action_due.setCalendarPopup(True)
        self.action_due.setDisplayFormat("yyyy-MM-dd")
        add = QPushButton("Add Action", page)
        add.clicked.connect(self._add_clicked)
        self.action_text.returnPressed.connect(self._add_clicked)
        form.addWidget(self.action_text, 3)
        form.addWidget(plain_label("Owner:", page, wrap=False))
        form.addWidget(self.action_owner, 1)
        form.addWidget(self.action_due_on)
        form.addWidget(self.action_due)
        form.addWidget(add)
        layout.addLayout(form)
        self.actions_list = QListWidget(page)
        self.actions_list.setMinimumHeight(200)
        layout.addWidget(self.actions_list)
        for widget in (self.notes_edit, self.action_text, self.action_owner, self.actions_list):
            widget.installEventFilter(self)
        self._fill_actions()
        self.notes_edit.setFocus()
        return page

    def _notes_changed(self) -> None:
        self.notes = self.notes_edit.toPlainText()

    def _add_clicked(self) -> None:
        text = self.action_text.text().strip()
        if not text:
            return
        due = self.action_due.date() if self.action_due_on.isChecked() else None
        self.add_action(text, self.action_owner.currentText().strip() or "mentee", due)
        self.action_text.clear()

    def _fill_actions(self) -> None:
        self.actions_list.clear()
        for action in self.mentor.actions(self.record.id):
            due = f", due {action.due.isoformat()}" if action.due else ""
            self.actions_list.addItem(f"{action.text}  ({action.owner_label}{due})")


def open_session_mode(
    session: PortfolioSession,
    settings: QSettings,
    opener: AttachmentOpener | None = None,
    parent: QWidget | None = None,
) -> MentorSessionView | None:
    """View > Mentor Session: ask the mentor's name and levels, then go full screen."""
    dialog = StartSessionDialog(session.skill, session.service.profile(), settings, parent)
    if dialog.exec() != StartSessionDialog.DialogCode.Accepted:
        return None
    try:
        change, record = session.service.mentor.start_session(
            dialog.mentor_name(), dialog.focus_levels()
        )
    except Exception as exc:  # e.g. the file became read-only
        show_warning(parent, "Mentor Session", describe_error(exc))
        return None
    session.announce(change)
    view = MentorSessionView(session, record, opener, parent)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    session.closing.connect(view.close)  # finishes the record before the file closes
    view.showFullScreen()
    return view
