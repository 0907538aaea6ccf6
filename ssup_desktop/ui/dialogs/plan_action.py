"""PlanActionDialog: write or edit one development plan action (text, due date, statement)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.progress import MAX_ACTION_TEXT
from ssup_desktop.domain.progress_records import PlanAction
from ssup_desktop.domain.sfia import Level


class PlanActionDialog(QDialog):
    """``action`` None: a new action for ``level``; else an edit of ``action``."""

    def __init__(
        self, level: Level, action: PlanAction | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Plan Action" if action else "Add Plan Action")
        self.original = action
        self.level = level
        self.text_edit = QLineEdit(self)
        self.text_edit.setMaxLength(MAX_ACTION_TEXT)
        self.text_edit.setPlaceholderText("e.g. Shadow Priya on the next bid review")
        self.text_edit.setAccessibleName("Action")
        self.has_due = QCheckBox("&Due by", self)
        self.due_edit = QDateEdit(self)
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.due_edit.setAccessibleName("Due date")
        self.has_due.toggled.connect(self.due_edit.setEnabled)
        self.statement_combo = QComboBox(self)
        self.statement_combo.setAccessibleName("Statement this action works towards")
        self.statement_combo.addItem("The level as a whole", None)
        for st in level.statements:
            text = st.text if len(st.text) <= 70 else st.text[:69] + "\u2026"
            self.statement_combo.addItem(f"{st.id}: {text}", st.id)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due_edit, 1)
        form = QFormLayout()
        form.addRow("&Action:", self.text_edit)
        form.addRow("", due_row)
        form.addRow("&Towards:", self.statement_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.text_edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(560, 170)
        self._load(action)

    def _load(self, action: PlanAction | None) -> None:
        self.text_edit.setText(action.text if action else "")
        due = action.due if action else None
        self.has_due.setChecked(due is not None)
        self.due_edit.setEnabled(due is not None)
        shown = due or date.today()
        self.due_edit.setDate(QDate(shown.year, shown.month, shown.day))
        index = self.statement_combo.findData(action.statement_id) if action else 0
        self.statement_combo.setCurrentIndex(max(0, index))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.text_edit.text().strip())
        )

    def action(self) -> PlanAction:
        """The action as entered (a new one, or ``original`` with the edits)."""
        due = None
        if self.has_due.isChecked():
            q = self.due_edit.date()
            due = date(q.year(), q.month(), q.day())
        statement_id = self.statement_combo.currentData()
        fields = {
            "text": self.text_edit.text(),
            "due": due,
            "statement_id": statement_id if isinstance(statement_id, str) else None,
            "level": self.level.level,
        }
        if self.original is None:
            return PlanAction.model_validate(fields)
        return PlanAction.model_validate({**self.original.model_dump(), **fields})
