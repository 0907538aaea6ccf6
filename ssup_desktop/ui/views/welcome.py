"""WelcomePanel: the first-run card on the Ladder tab (SFIA in brief, your name and levels)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.change import Change
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.ui.commands import describe_error
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import LARGE, MEDIUM, SMALL, CardFrame, heading, plain_label, scaled_font

SFIA_IN_BRIEF = (
    "SFIA describes seven levels of responsibility, from 1 (Follow) to 7 (Set strategy, inspire, "
    "mobilise); Sales support is defined at levels 1 to 6, each with a few statements of what "
    "people at that level do. Say where you stand today and where you are heading, then record "
    "examples from your work as evidence for each statement."
)
LATER_NOTE = "Everything here is optional; change it any time in Edit > Profile\u2026"


class UpdateProfileCommand(QUndoCommand):
    """Store a new profile (name, levels, edition); undo puts the old one back."""

    def __init__(self, session: PortfolioSession, profile: Profile) -> None:
        super().__init__("Edit your profile")
        self.session = session
        self.before = session.service.profile()
        self.after = profile
        self.failures: list[Exception] = []

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)

    def _apply(self, profile: Profile) -> None:
        old_edition = self.session.edition
        try:
            change = self.session.service.update_profile(profile)
        except Exception as exc:  # read-only file, disk full, invalid levels
            self.failures.append(exc)
            self.setObsolete(True)
            return
        name = profile.owner_name.strip()
        text = f"Saved the profile of {name}" if name else "Saved your profile"
        self.session.announce(Change(change.kind, change.ids, text))
        if profile.edition != old_edition:
            self.session.edition_changed.emit(profile.edition)


def level_choices(skill: Skill) -> list[tuple[str, int | None]]:
    """ "Not set" then "4 - Enable" ... for each of the seven levels."""
    choices: list[tuple[str, int | None]] = [("Not set", None)]
    for level in skill.levels:
        suffix = "" if level.defined else " (not defined for Sales support)"
        choices.append((f"{level.level} - {level.name}{suffix}", level.level))
    return choices


class WelcomePanel(CardFrame):
    """Name, current and target level, edition; Save, Skip for now, or open the sample."""

    saved = Signal()  # the profile was written
    dismissed = Signal()  # Skip for now (first run) or Cancel (editing)
    sample_requested = Signal()

    def __init__(self, session: PortfolioSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.editing = False
        self.setObjectName("welcomePanel")
        self.setAccessibleName("Welcome")
        self.title_label = heading("Welcome to SSUP Desktop", self, factor=1.4)
        self.intro_label = plain_label(SFIA_IN_BRIEF, self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("e.g. Sam Taylor")
        self.name_edit.setMaxLength(200)
        self.current_combo = self._combo("Current level", "The level you work at today")
        self.target_combo = self._combo("Target level", "The level you are working towards")
        self.edition_combo = QComboBox(self)
        for edition in Edition:
            self.edition_combo.addItem(edition.label, edition.value)
        self._describe(self.name_edit, "Your name", "Shown in the title bar and on reports")
        self._describe(self.edition_combo, "SFIA edition", "Which SFIA text to show")
        self.problem_label = plain_label("", self, selectable=True)
        self.problem_label.setAccessibleName("Why these levels cannot be saved")
        self.problem_label.setFont(scaled_font(self.problem_label.font(), bold=True))
        self.problem_label.hide()
        self.note_label = plain_label(LATER_NOTE, self, muted=True)
        self.save_button = QPushButton("&Save and Start", self)
        self.save_button.setDefault(True)
        self.skip_button = QPushButton("S&kip for Now", self)
        self.sample_button = QPushButton("Explore the Sa&mple Portfolio", self)
        self._describe(self.save_button, "Save", "Save your name, levels and edition")
        self._describe(self.skip_button, "Skip for now", "Hide this panel; fill it in later")
        self._describe(
            self.sample_button,
            "Explore the sample portfolio",
            "Open a demo portfolio with example evidence (your own file stays as it is)",
        )
        self.save_button.clicked.connect(self.save)
        self.skip_button.clicked.connect(self.dismissed)
        self.sample_button.clicked.connect(self.sample_requested)
        self.name_edit.returnPressed.connect(self.save)
        self.current_combo.currentIndexChanged.connect(self._check)
        self.target_combo.currentIndexChanged.connect(self._check)
        self._layout_widgets()
        self.load()

    def _combo(self, name: str, tip: str) -> QComboBox:
        combo = QComboBox(self)
        self._describe(combo, name, tip)
        return combo

    @staticmethod
    def _describe(widget: QWidget, name: str, tip: str) -> None:
        widget.setAccessibleName(name)
        widget.setAccessibleDescription(tip)
        widget.setToolTip(tip)

    def _layout_widgets(self) -> None:
        form = QGridLayout()
        form.setHorizontalSpacing(MEDIUM)
        form.setVerticalSpacing(SMALL)
        fields: list[tuple[str, QWidget]] = [
            ("Your &name:", self.name_edit),
            ("SFIA &edition:", self.edition_combo),
            ("&Current level:", self.current_combo),
            ("&Target level:", self.target_combo),
        ]
        for index, (text, field) in enumerate(fields):
            label = QLabel(text, self)
            label.setBuddy(field)
            row, column = divmod(index, 2)
            form.addWidget(label, row, column * 2)
            form.addWidget(field, row, column * 2 + 1)
        form.setColumnStretch(1, 3)
        form.setColumnStretch(3, 2)
        buttons = QHBoxLayout()
        buttons.setSpacing(SMALL)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sample_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(LARGE, MEDIUM, LARGE, MEDIUM)
        layout.setSpacing(SMALL)
        layout.addWidget(self.title_label)
        layout.addWidget(self.intro_label)
        layout.addSpacing(SMALL // 2)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.note_label)
        layout.addLayout(buttons)
        for first, second in (
            (self.name_edit, self.edition_combo),
            (self.edition_combo, self.current_combo),
            (self.current_combo, self.target_combo),
            (self.target_combo, self.save_button),
            (self.save_button, self.skip_button),
            (self.skip_button, self.sample_button),
        ):
            QWidget.setTabOrder(first, second)

    # -- public -------------------------------------------------------------------------------

    def set_editing(self, editing: bool) -> None:
        """First run (Skip for now, sample offer) or editing the profile later (Cancel)."""
        self.editing = editing
        self.title_label.setText("Your profile" if editing else "Welcome to SSUP Desktop")
        self.title_label.setAccessibleName(self.title_label.text())
        self.setAccessibleName(self.title_label.text())
        self.intro_label.setVisible(not editing)
        self.note_label.setVisible(not editing)
        self.sample_button.setVisible(not editing)
        self.save_button.setText("&Save" if editing else "&Save and Start")
        self.skip_button.setText("Cancel" if editing else "S&kip for Now")
        self.skip_button.setAccessibleName("Cancel" if editing else "Skip for now")
        self.load()

    def load(self) -> None:
        """Fill the fields from the stored profile."""
        profile = self.session.service.profile()
        skill = self.session.skills[profile.edition]
        self.name_edit.setText(profile.owner_name)
        edition_index = self.edition_combo.findData(profile.edition.value)
        self.edition_combo.setCurrentIndex(max(0, edition_index))
        for combo, value in (
            (self.current_combo, profile.current_level),
            (self.target_combo, profile.target_level),
        ):
            combo.blockSignals(True)
            combo.clear()
            for text, level in level_choices(skill):
                combo.addItem(text, level)
            combo.setCurrentIndex(max(0, combo.findData(value)) if value else 0)
            combo.blockSignals(False)
        self._check()

    def choices(self) -> Profile:
        """The stored profile with the fields of this panel."""
        return self.session.service.profile().replace(
            owner_name=" ".join(self.name_edit.text().split()),
            edition=Edition(str(self.edition_combo.currentData())),
            current_level=self._level(self.current_combo),
            target_level=self._level(self.target_combo),
        )

    def problem(self) -> str:
        current, target = self._level(self.current_combo), self._level(self.target_combo)
        return self.session.service.progress.levels_problem(current, target)

    def save(self) -> bool:
        """Write the profile as one undoable edit; True when it was saved."""
        if self.problem():
            self._check()
            return False
        command = UpdateProfileCommand(self.session, self.choices())
        self.session.push(command)
        if command.failures:
            self._show_problem(f"Could not save: {describe_error(command.failures[0])}")
            return False
        self.saved.emit()
        return True

    # -- internals ----------------------------------------------------------------------------

    @staticmethod
    def _level(combo: QComboBox) -> int | None:
        value = combo.currentData()
        return value if isinstance(value, int) else None

    def _check(self) -> None:
        self._show_problem(self.problem())

    def _show_problem(self, problem: str) -> None:
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.save_button.setEnabled(not problem or problem.startswith("Could not save"))
