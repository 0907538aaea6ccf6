"""EvidenceLogView: search, filter, browse and edit the evidence entries of the open portfolio."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QIdentityProxyModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.evidence import AttachmentInfo, Evidence
from ssup_desktop.services import EvidenceFilter
from ssup_desktop.ui.attachments import AttachmentOpener
from ssup_desktop.ui.commands import (
    AddAttachmentsCommand,
    DeleteEvidenceCommand,
    DuplicateEvidenceCommand,
    describe_error,
    push_command,
    quoted_title,
)
from ssup_desktop.ui.dialogs.evidence_editor import open_evidence_editor
from ssup_desktop.ui.heap import settle_heap
from ssup_desktop.ui.models.evidence_table import (
    EVIDENCE_ID_ROLE,
    Column,
    EvidenceTableModel,
)
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import set_error_style
from ssup_desktop.ui.views.evidence_filter_bar import EvidenceFilterBar
from ssup_desktop.ui.views.evidence_preview import EvidencePreview, local_files

__all__ = ["EvidenceLogView", "open_evidence_editor"]


class EvidenceTableView(QTableView):
    """The entries table: Enter edits, Delete deletes, files dropped on a row attach to it."""

    edit_requested = Signal()
    delete_requested = Signal()
    files_dropped = Signal(QModelIndex, list)  # the row's index, list[str] of local paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.edit_requested.emit()
        elif event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit()
        else:
            super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_files(event) and self.indexAt(event.position().toPoint()).isValid():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        files = local_files(event)
        if index.isValid() and files:
            event.acceptProposedAction()
            self.files_dropped.emit(index, files)
        else:
            event.ignore()


class EvidenceLogView(QWidget):
    """The evidence log tab. Edits go through undoable commands on the session's stack."""

    status_message_posted = Signal(str)

    def __init__(
        self,
        session: PortfolioSession,
        parent: QWidget | None = None,
        attachment_opener: AttachmentOpener | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.attachment_opener = attachment_opener or AttachmentOpener(session.service)
        self.model = EvidenceTableModel(session, self)
        # The model filters and sorts itself (fast at 10,000 entries); the pass-through proxy
        # forwards the header's sort() to it.
        self.proxy = QIdentityProxyModel(self)
        self.proxy.setSourceModel(self.model)

        self.filter_bar = EvidenceFilterBar(self)
        self.filter_bar.filter_changed.connect(self._apply_filter)
        self.toolbar = QToolBar("Evidence", self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_action = self._action(
            "&Add evidence\u2026", "Record a new example", self.add_evidence
        )
        self.edit_action = self._action(
            "&Edit\u2026", "Edit the selected entry (Enter)", self._edit_current
        )
        self.duplicate_action = self._action(
            "D&uplicate", "Copy the selected entry", self.duplicate_selected
        )
        self.delete_action = self._action(
            "&Delete", "Delete the selected entries (Del)", self.delete_selected
        )
        self.attach_action = self._action(
            "A&ttach files\u2026", "Attach files to the selected entry", self._choose_files
        )

        self.table = EvidenceTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Evidence entries")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (Column.DATE, 180),
            (Column.STATEMENTS, 85),
            (Column.TAGS, 110),
            (Column.ATTACHMENTS, 95),
            (Column.MODIFIED, 125),
        ):
            header.resizeSection(column, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions(
            [self.edit_action, self.duplicate_action, self.attach_action, self.delete_action]
        )
        self.table.doubleClicked.connect(lambda _index: self._edit_current())
        self.table.edit_requested.connect(self._edit_current)
        self.table.delete_requested.connect(self.delete_selected)
        self.table.files_dropped.connect(self._on_files_dropped_on_row)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())

        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        set_error_style(self.error_label)
        self.error_label.hide()

        self.preview = EvidencePreview(
            lambda: session.skills,
            lambda: session.edition,
            lambda info: session.service.attachment_data(info.id),
            self,
        )
        self.preview.files_dropped.connect(self._on_files_dropped_on_preview)
        self.preview.open_requested.connect(self.open_attachment)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([880, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.error_label)
        layout.addWidget(self.splitter, 1)

        session.changed.connect(self._on_session_changed)
        session.edition_changed.connect(lambda _e: self._refresh_choices())
        self._refresh_choices()
        self._selection_changed()
        settle_heap()  # every entry's row is loaded, and stays while the log is open

    def _action(self, text: str, tip: str, slot: Callable[[], object]) -> QAction:
        """A toolbar button that is also in the table's right-click menu."""
        action = QAction(text, self)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.toolbar.addAction(action)
        return action

    # -- public API for the main window ---------------------------------------------------------

    def add_evidence(self, prelinked: Sequence[str] = ()) -> bool:
        before = {e.id for e in self.model.entries()}
        written = open_evidence_editor(self, self.session, None, prelinked, self.report_error)
        if written:
            new = [e for e in self.model.entries() if e.id not in before]
            if new:
                self.select_ids([new[0].id])
                self.post_status(f"Added {quoted_title(new[0].title)}")
        return written

    def edit_evidence(self, evidence_id: uuid.UUID) -> bool:
        try:
            evidence = self.session.service.get_evidence(evidence_id)
        except Exception as exc:  # the entry vanished, or the portfolio could not be read
            self.report_error(f"Could not open the entry: {describe_error(exc)}")
            return False
        written = open_evidence_editor(self, self.session, evidence, (), self.report_error)
        if written:
            self.post_status(f"Saved {quoted_title(evidence.title)}")
        return written

    def focus_search(self) -> None:
        self.filter_bar.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search_edit.selectAll()

    def selected_ids(self) -> list[uuid.UUID]:
        rows = self.table.selectionModel().selectedRows()
        return [index.data(EVIDENCE_ID_ROLE) for index in sorted(rows, key=lambda i: i.row())]

    def select_ids(self, ids: Sequence[uuid.UUID]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for evidence_id in ids:
            row = self.model.row_of(evidence_id)
            if row is not None:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                selection.select(index, flags)
                # table.setCurrentIndex would replace the selection with this one row
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.table.scrollTo(index)

    # -- actions --------------------------------------------------------------------------------

    def _selected_entries(self) -> list[Evidence]:
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return self.model.evidence_in([self.proxy.mapToSource(i).row() for i in rows])

    def _edit_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.edit_evidence(index.data(EVIDENCE_ID_ROLE))

    def delete_selected(self) -> None:
        entries = self._selected_entries()
        if not entries:
            return
        command = DeleteEvidenceCommand(self.session, entries, self.report_error)
        if not push_command(self.session, command):
            what = (
                quoted_title(entries[0].title) if len(entries) == 1 else f"{len(entries)} entries"
            )
            self.post_status(f"Deleted {what} - Undo with Ctrl+Z")

    def duplicate_selected(self) -> None:
        entries = self._selected_entries()
        if len(entries) != 1:
            return
        command = DuplicateEvidenceCommand(self.session, entries[0], self.report_error)
        if not push_command(self.session, command) and command.copy is not None:
            self.select_ids([command.copy.id])
            self.post_status(f"Duplicated {quoted_title(entries[0].title)}")

    def _choose_files(self) -> None:
        entries = self._selected_entries()
        if len(entries) != 1:
            return
        names, _ = QFileDialog.getOpenFileNames(
            self, f"Attach files to {quoted_title(entries[0].title)}"
        )
        if names:
            self.attach_files(entries[0].id, [Path(n) for n in names])

    def attach_files(self, evidence_id: uuid.UUID, paths: Sequence[Path]) -> bool:
        files = [p for p in paths if p.is_file()]
        if len(files) != len(paths):
            self.post_status("Only files can be attached; folders were skipped")
        if not files:
            return False
        try:
            evidence = self.session.service.get_evidence(evidence_id)
        except Exception as exc:
            self.report_error(f"Could not attach files: {describe_error(exc)}")
            return False
        command = AddAttachmentsCommand(self.session, evidence, files, self.report_error)
        if push_command(self.session, command):
            return False
        self.post_status(command.text())
        return True

    def open_attachment(self, info: AttachmentInfo) -> None:
        try:
            copy = self.attachment_opener.open(info)
        except Exception as exc:  # missing bytes, disk full, no viewer
            self.report_error(f"Could not open '{info.name}': {describe_error(exc)}")
            return
        self.post_status(f"Opened a copy of '{copy.name}'")

    def _on_files_dropped_on_row(self, index: QModelIndex, files: list[str]) -> None:
        self.attach_files(index.data(EVIDENCE_ID_ROLE), [Path(f) for f in files])

    def _on_files_dropped_on_preview(self, files: list[str]) -> None:
        if self.preview.evidence is not None:
            self.attach_files(self.preview.evidence.id, [Path(f) for f in files])

    # -- feedback -------------------------------------------------------------------------------

    def post_status(self, message: str) -> None:
        self.error_label.hide()
        self.status_message_posted.emit(message)

    def report_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.status_message_posted.emit(message)

    # -- refreshing -----------------------------------------------------------------------------

    def _apply_filter(self, flt: EvidenceFilter) -> None:
        """Show the entries matching ``flt``, keeping the selection where it is still shown."""
        selected = self.selected_ids()
        self.model.set_filter(flt)
        self.select_ids([i for i in selected if self.model.row_of(i) is not None])
        self._selection_changed()

    def _refresh_choices(self) -> None:
        self.filter_bar.set_choices(self.session.skill, self.session.service.tags())

    def _on_session_changed(self, change: Change) -> None:
        if change.kind in (ChangeKind.EVIDENCE, ChangeKind.PORTFOLIO):
            tags = self.session.service.tags()
            shown = [
                self.filter_bar.tag_combo.itemData(i)
                for i in range(1, self.filter_bar.tag_combo.count())
            ]
            if tags != shown:
                self._refresh_choices()
        current = self.preview.evidence
        if (
            current is None
            or change.kind != ChangeKind.EVIDENCE
            or current.id in change.ids
            or not change.ids
        ):
            self._selection_changed()
        self._update_counts()

    def _selection_changed(self) -> None:
        entries = self._selected_entries()
        one = len(entries) == 1
        self.edit_action.setEnabled(one)
        self.duplicate_action.setEnabled(one)
        self.attach_action.setEnabled(one)
        self.delete_action.setEnabled(bool(entries))
        self.preview.show_entry(entries[0] if one else None)
        self._update_counts()

    def _update_counts(self) -> None:
        shown = self.proxy.rowCount()
        if shown:
            self.empty_label.hide()
            return
        if self.model.filter == EvidenceFilter():
            self.empty_label.setText(
                "No evidence yet. Use \u201cAdd evidence\u201d to record an example from your work."
            )
        else:
            self.empty_label.setText("No entries match the search and filters.")
        self.empty_label.show()
