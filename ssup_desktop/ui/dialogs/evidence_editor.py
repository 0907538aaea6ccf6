"""EvidenceEditorDialog: add or edit one evidence entry (STAR fields, statements, links, files)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.ui.commands import (
    AddAttachmentsCommand,
    AddEvidenceCommand,
    EditEvidenceCommand,
    ErrorReporter,
    EvidenceCommand,
    RemoveAttachmentCommand,
    push_macro,
)
from ssup_desktop.ui.dialogs.evidence_editor_lists import (
    AttachmentsEditor,
    LinksEditor,
    TagCompleter,
)
from ssup_desktop.ui.dialogs.statement_picker import StatementPicker
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import set_error_style

STAR_FIELDS = (
    ("situation", "Situation", "What was the context? Who was the customer, what was going on?"),
    ("task", "Task", "What did you need to achieve, and why?"),
    ("action", "Action", "What did you do yourself? Which choices did you make?"),
    ("result", "Result", "What came of it? Numbers, feedback, a decision?"),
)
FIELD_NAMES = {
    "title": "Title",
    "date_from": "Date",
    "date_to": "End date",
    "tags": "Tags",
    "links": "Links",
    "description": "Description",
    "reflection": "What I learned",
    **{name: label for name, label, _hint in STAR_FIELDS},
}


def _to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def validation_messages(exc: ValidationError) -> list[str]:
    """Pydantic errors as "Field: message" lines a user can act on."""
    lines = []
    for error in exc.errors():
        loc = error["loc"]
        field = FIELD_NAMES.get(str(loc[0]), str(loc[0])) if loc else "Dates"
        lines.append(f"{field}: {error['msg'].removeprefix('Value error, ')}")
    return lines


class EvidenceEditorDialog(QDialog):
    """Edit an entry's fields; ``evidence()`` is the validated result after ``accept()``."""

    def __init__(
        self,
        session: PortfolioSession,
        evidence: Evidence | None = None,
        prelinked: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._original = evidence
        self._result: Evidence | None = None
        self.setWindowTitle("Edit evidence" if evidence else "Add evidence")
        self.resize(820, 640)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_details(), "Details")
        self.tabs.addTab(self._build_star(), "STAR")
        self.statement_picker = StatementPicker(session.skills, session.edition, self)
        self.tabs.addTab(self.statement_picker, "Statements")
        self.tabs.addTab(self._build_links_files(), "Links && files")

        self.error_label = QLabel(self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        set_error_style(self.error_label)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self._load(evidence, prelinked)
        self.title_edit.textChanged.connect(self._update_ok)
        self._update_ok()
        self.title_edit.setFocus()

    # -- building -------------------------------------------------------------------------------

    def _build_details(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.title_edit = QLineEdit(page)
        self.title_edit.setPlaceholderText("e.g. Demo for Contoso")
        self.title_hint = QLabel("A title is required.", page)
        title_box = QVBoxLayout()
        title_box.addWidget(self.title_edit)
        title_box.addWidget(self.title_hint)
        form.addRow(self._buddy_label("&Title", self.title_edit), title_box)

        self.date_from_edit = QDateEdit(page)
        self.date_to_edit = QDateEdit(page)
        for edit in (self.date_from_edit, self.date_to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.range_check = QCheckBox("Range", page)
        self.range_check.setToolTip("The example spans a period: give its end date too")
        self.no_date_check = QCheckBox("No date", page)
        self.to_label = QLabel("to", page)
        dates = QHBoxLayout()
        for widget in (self.date_from_edit, self.range_check, self.to_label, self.date_to_edit):
            dates.addWidget(widget)
        dates.addWidget(self.no_date_check)
        dates.addStretch(1)
        self.range_check.toggled.connect(self._update_dates)
        self.no_date_check.toggled.connect(self._update_dates)
        form.addRow(self._buddy_label("&Date", self.date_from_edit), dates)

        self.description_edit = QPlainTextEdit(page)
        self.description_edit.setPlaceholderText("Anything else worth keeping about this example")
        form.addRow("D&escription", self.description_edit)

        self.tags_edit = QLineEdit(page)
        self.tags_edit.setPlaceholderText("Comma-separated, e.g. demo, enterprise")
        self.tag_completer = TagCompleter(self.session.service.tags(), self.tags_edit)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags_edit.setCompleter(self.tag_completer)
        form.addRow("T&ags", self.tags_edit)

        self.private_check = QCheckBox("Private", page)
        self.private_check.setToolTip("Hidden when you share your portfolio in a mentor session")
        self.confidential_check = QCheckBox("Confidential", page)
        self.confidential_check.setToolTip(
            "Kept in your portfolio, but its details are redacted in exports"
        )
        flags = QHBoxLayout()
        flags.addWidget(self.private_check)
        flags.addWidget(self.confidential_check)
        flags.addStretch(1)
        form.addRow("Sharing", flags)
        return page

    def _buddy_label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _build_star(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.star_edits: dict[str, QPlainTextEdit] = {}
        for name, label, hint in STAR_FIELDS:
            edit = QPlainTextEdit(page)
            edit.setPlaceholderText(hint)
            edit.setTabChangesFocus(True)
            self.star_edits[name] = edit
            form.addRow(label, edit)
        self.reflection_edit = QPlainTextEdit(page)
        self.reflection_edit.setPlaceholderText("What would you do the same, or differently?")
        self.reflection_edit.setTabChangesFocus(True)
        form.addRow("What I learned", self.reflection_edit)
        return page

    def _build_links_files(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("Links", page))
        self.links_editor = LinksEditor(page)
        layout.addWidget(self.links_editor, 1)
        layout.addWidget(QLabel("Attachments", page))
        self.attachments_editor = AttachmentsEditor(
            lambda info: self.session.service.attachment_data(info.id), page
        )
        layout.addWidget(self.attachments_editor, 1)
        return page

    # -- loading and saving ---------------------------------------------------------------------

    def _load(self, evidence: Evidence | None, prelinked: Sequence[str]) -> None:
        today = _to_qdate(date.today())
        self.date_from_edit.setDate(today)
        self.date_to_edit.setDate(today)
        if evidence is None:
            self.statement_picker.set_linked(prelinked)
            self._update_dates()
            return
        self.title_edit.setText(evidence.title)
        if evidence.date_from is None:
            self.no_date_check.setChecked(True)
        else:
            self.date_from_edit.setDate(_to_qdate(evidence.date_from))
        if evidence.date_to is not None:
            self.range_check.setChecked(True)
            self.date_to_edit.setDate(_to_qdate(evidence.date_to))
        for name, edit in self.star_edits.items():
            edit.setPlainText(getattr(evidence, name))
        self.description_edit.setPlainText(evidence.description)
        self.reflection_edit.setPlainText(evidence.reflection)
        self.tags_edit.setText(", ".join(evidence.tags))
        self.private_check.setChecked(evidence.private)
        self.confidential_check.setChecked(evidence.confidential)
        self.links_editor.set_links(evidence.links)
        self.attachments_editor.set_attachments(evidence.attachments)
        self.statement_picker.set_linked(tuple(evidence.statement_ids) + tuple(prelinked))
        self._update_dates()

    def _update_dates(self) -> None:
        dated = not self.no_date_check.isChecked()
        self.date_from_edit.setEnabled(dated)
        self.range_check.setEnabled(dated)
        show_end = dated and self.range_check.isChecked()
        self.date_to_edit.setVisible(show_end)
        self.to_label.setVisible(show_end)

    def _update_ok(self) -> None:
        has_title = bool(self.title_edit.text().strip())
        self.ok_button.setEnabled(has_title)
        self.title_hint.setVisible(not has_title)

    def _fields(self) -> dict[str, Any]:
        dated = not self.no_date_check.isChecked()
        ranged = dated and self.range_check.isChecked()
        tags = [t.strip() for t in self.tags_edit.text().split(",") if t.strip()]
        fields: dict[str, Any] = {
            "title": self.title_edit.text(),
            "date_from": _from_qdate(self.date_from_edit.date()) if dated else None,
            "date_to": _from_qdate(self.date_to_edit.date()) if ranged else None,
            "description": self.description_edit.toPlainText(),
            "reflection": self.reflection_edit.toPlainText(),
            "tags": tuple(tags),
            "statement_ids": self.statement_picker.linked_ids(),
            "private": self.private_check.isChecked(),
            "confidential": self.confidential_check.isChecked(),
        }
        for name, edit in self.star_edits.items():
            fields[name] = edit.toPlainText()
        return fields

    def accept(self) -> None:
        links, errors = self.links_editor.links()
        if errors:
            self._show_errors([f"Links: {e}" for e in errors])
            self.tabs.setCurrentIndex(3)
            return
        fields = self._fields() | {"links": tuple(links)}
        base = self._original.model_dump() if self._original else {}
        try:
            self._result = Evidence.model_validate(base | fields)
        except ValidationError as exc:
            self._show_errors(validation_messages(exc))
            return
        super().accept()

    def _show_errors(self, lines: list[str]) -> None:
        self.error_label.setText("\n".join(lines))
        self.error_label.show()

    # -- results --------------------------------------------------------------------------------

    def evidence(self) -> Evidence:
        """The validated entry; only valid after the dialog was accepted."""
        if self._result is None:
            raise RuntimeError("the evidence editor was not accepted")
        return self._result

    def pending_files(self) -> list[Path]:
        return self.attachments_editor.pending_files()

    def commands(self, on_error: ErrorReporter | None = None) -> list[EvidenceCommand]:
        """The undoable steps that write this dialog's result."""
        result = self.evidence()
        steps: list[EvidenceCommand] = []
        if self._original is None:
            steps.append(AddEvidenceCommand(self.session, result, on_error))
        elif result != self._original:
            steps.append(EditEvidenceCommand(self.session, self._original, result, on_error))
        for info in self.attachments_editor.removed:
            steps.append(RemoveAttachmentCommand(self.session, result, info, on_error))
        if files := self.pending_files():
            steps.append(AddAttachmentsCommand(self.session, result, files, on_error))
        return steps


def open_evidence_editor(
    parent: QWidget | None,
    session: PortfolioSession,
    evidence: Evidence | None = None,
    prelinked: Sequence[str] = (),
    on_error: ErrorReporter | None = None,
) -> bool:
    """Run the editor; on Save push its edits as one undo step. True if something was written."""
    dialog = EvidenceEditorDialog(session, evidence, prelinked, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return apply_editor_result(dialog, on_error)
    finally:
        dialog.deleteLater()


def apply_editor_result(
    dialog: EvidenceEditorDialog, on_error: ErrorReporter | None = None
) -> bool:
    """Push an accepted editor's edits as one undo macro; True if at least one step was written."""
    steps = dialog.commands(on_error)
    if not steps:
        return False
    failures = push_macro(dialog.session, steps[0].text(), steps)
    return not failures
