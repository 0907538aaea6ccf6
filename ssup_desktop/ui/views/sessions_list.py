"""SessionsListView: the history of mentor sessions, with the selected session's detail."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.mentor import Session, Verdict
from ssup_desktop.mentor_service import MentorService
from ssup_desktop.ui.session import PortfolioSession

HEADERS = ("Date", "Mentor", "Focus levels", "Verdicts", "Actions")
NO_SESSIONS = "No mentor sessions yet. Start one with View > Mentor Session."
AnyIndex = QModelIndex | QPersistentModelIndex


class SessionsTableModel(QAbstractTableModel):
    """One row per session, newest first."""

    def __init__(self, mentor: MentorService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mentor = mentor
        self.sessions: list[Session] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.sessions = self.mentor.sessions()
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.sessions)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        session = self.sessions[index.row()]
        return (
            session.started.date().isoformat(),
            session.mentor_name,
            session.levels_label(),
            str(len(session.verdict_ids)),
            str(len(session.actions)),
        )[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None


def session_detail(mentor: MentorService, session: Session) -> str:
    """The session as plain text: when, who, notes, verdicts with comments, agreed actions."""
    verdicts = {v.id: v for v in mentor.rows.verdicts(session_id=session.id)}
    finished = session.finished.strftime(" to %H:%M") if session.finished else " (not finished)"
    lines = [
        f"{session.started:%Y-%m-%d %H:%M}{finished} UTC with {session.mentor_name}",
        f"Focus levels: {session.levels_label()}",
        "",
        "Notes:",
        session.notes or "(none)",
        "",
        f"Verdicts ({len(verdicts)}):",
    ]
    for verdict in sorted(verdicts.values(), key=lambda v: v.statement_id):
        lines.append(_verdict_line(mentor, verdict))
    lines += ["", f"Agreed actions ({len(session.actions)}):"]
    for action in session.actions:
        due = f", due {action.due.isoformat()}" if action.due else ""
        lines.append(f"  - {action.text} ({action.owner_label}{due})")
    return "\n".join(lines)


def _verdict_line(mentor: MentorService, verdict: Verdict) -> str:
    try:
        text = mentor.statement(verdict.statement_id).text
    except ValueError:
        text = ""
    line = f"  - {verdict.statement_id} {text}\n      {verdict.kind.label}"
    return line + (f": {verdict.comment}" if verdict.comment else "")


class SessionsListView(QWidget):
    """The table of sessions above the selected one's detail (plain text, read-only)."""

    def __init__(self, session: PortfolioSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = SessionsTableModel(session.service.mentor, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Mentor sessions")
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName("Selected session")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        session.changed.connect(self._on_changed)
        self._select_first()

    def _on_changed(self, change: Change) -> None:
        if change.kind in (ChangeKind.MENTOR, ChangeKind.PLAN, ChangeKind.PORTFOLIO):
            current = self.current()
            self.model.refresh()
            ids = [s.id for s in self.model.sessions]
            if current is not None and current.id in ids:
                self.table.selectRow(ids.index(current.id))
            else:
                self._select_first()

    def _select_first(self) -> None:
        if self.model.sessions:
            self.table.selectRow(0)
        else:
            self.detail.setPlainText(
                "No mentor sessions yet. Start one with View > Mentor Session."
            )

    def current(self) -> Session | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.sessions[rows[0].row()] if rows else None

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        current = self.current()
        if current is not None:
            self.detail.setPlainText(session_detail(self.session.service.mentor, current))
