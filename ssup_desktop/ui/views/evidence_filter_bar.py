"""EvidenceFilterBar: the evidence log's search field and filters, producing an EvidenceFilter."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.sfia import Skill
from ssup_desktop.services import EvidenceFilter
from ssup_desktop.ui.dialogs.statement_picker import short_label

SEARCH_DELAY_MS = 150


def _from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class EvidenceFilterBar(QWidget):
    """Search and filter controls; emits ``filter_changed`` (search text debounced)."""

    filter_changed = Signal(object)  # an EvidenceFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText("Search evidence")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search evidence")
        self.search_edit.setToolTip("Finds words in every field; the start of a word is enough")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._emit)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())

        self.unlinked_check = QCheckBox("Not linked to any statement", self)
        self.clear_button = QPushButton("Clear filters", self)
        self.clear_button.clicked.connect(self.clear)

        self.level_combo = QComboBox(self)
        self.level_combo.setAccessibleName("Level")
        self.statement_combo = QComboBox(self)
        self.statement_combo.setAccessibleName("Statement")
        self.statement_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.statement_combo.setMinimumContentsLength(28)
        self.tag_combo = QComboBox(self)
        self.tag_combo.setAccessibleName("Tag")
        self.tag_combo.setMinimumContentsLength(10)

        self.from_check = QCheckBox("From", self)
        self.to_check = QCheckBox("To", self)
        self.from_date = QDateEdit(self)
        self.to_date = QDateEdit(self)
        today = QDate.currentDate()
        self.from_date.setDate(today.addYears(-1))
        self.to_date.setDate(today)
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._emit)
            edit.dateChanged.connect(self._emit)

        for combo in (self.level_combo, self.statement_combo, self.tag_combo):
            combo.currentIndexChanged.connect(self._emit)
        self.unlinked_check.toggled.connect(self._emit)
        for widget, name, tip in (
            (self.unlinked_check, "", "Show only entries not yet linked to a statement"),
            (self.clear_button, "", "Clear the search and every filter"),
            (self.level_combo, "", "Show entries linked to this level's statements"),
            (self.statement_combo, "", "Show entries linked to this statement"),
            (self.tag_combo, "", "Show entries with this tag"),
            (self.from_check, "", "Only entries on or after a date"),
            (self.from_date, "From date", "The earliest date to show"),
            (self.to_check, "", "Only entries on or before a date"),
            (self.to_date, "To date", "The latest date to show"),
        ):
            widget.setToolTip(tip)
            if name:
                widget.setAccessibleName(name)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.unlinked_check)
        top.addWidget(self.clear_button)
        bottom = QHBoxLayout()
        for text, widget in (
            ("&Level", self.level_combo),
            ("St&atement", self.statement_combo),
            ("Ta&g", self.tag_combo),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            bottom.addWidget(label)
            bottom.addWidget(widget)
        bottom.addSpacing(12)
        for date_widget in (self.from_check, self.from_date, self.to_check, self.to_date):
            bottom.addWidget(date_widget)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self._quiet = False

    def set_choices(self, skill: Skill, tags: list[str]) -> None:
        """Fill the level, statement and tag lists, keeping the current choices where possible."""
        self._quiet = True
        level, statement, tag = (
            self.level_combo.currentData(),
            self.statement_combo.currentData(),
            self.tag_combo.currentData(),
        )
        self.level_combo.clear()
        self.level_combo.addItem("All", None)
        for lv in skill.defined_levels:
            self.level_combo.addItem(str(lv.level), lv.level)
            self.level_combo.setItemData(
                self.level_combo.count() - 1, lv.title, Qt.ItemDataRole.ToolTipRole
            )
        self.statement_combo.clear()
        self.statement_combo.addItem("All", None)
        for st in skill.statements:
            self.statement_combo.addItem(f"{short_label(st.id)}  {st.text}", st.id)
            self.statement_combo.setItemData(
                self.statement_combo.count() - 1, st.text, Qt.ItemDataRole.ToolTipRole
            )
        self.tag_combo.clear()
        self.tag_combo.addItem("All", None)
        for name in tags:
            self.tag_combo.addItem(name, name)
        for combo, value in (
            (self.level_combo, level),
            (self.statement_combo, statement),
            (self.tag_combo, tag),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
        self._quiet = False
        self._emit()

    def current_filter(self) -> EvidenceFilter:
        return EvidenceFilter(
            text=self.search_edit.text().strip(),
            level=self.level_combo.currentData(),
            statement_id=self.statement_combo.currentData(),
            tag=self.tag_combo.currentData(),
            date_from=_from_qdate(self.from_date.date()) if self.from_check.isChecked() else None,
            date_to=_from_qdate(self.to_date.date()) if self.to_check.isChecked() else None,
            unlinked_only=self.unlinked_check.isChecked(),
        )

    def flush(self) -> None:
        """Apply a pending (debounced) search at once."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._emit()

    def clear(self) -> None:
        self._quiet = True
        self.search_edit.clear()
        self._search_timer.stop()
        for combo in (self.level_combo, self.statement_combo, self.tag_combo):
            combo.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.unlinked_check.setChecked(False)
        self._quiet = False
        self._emit()

    def _emit(self, *_args: object) -> None:
        if not self._quiet:
            self.filter_changed.emit(self.current_filter())
