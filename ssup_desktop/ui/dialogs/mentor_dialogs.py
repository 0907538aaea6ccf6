"""Small mentor dialogs: start a session (mentor name remembered, focus levels) and comment."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.progress import default_target
from ssup_desktop.domain.sfia import Skill
from ssup_desktop.ui.style import plain_label

MENTOR_NAME_KEY = "mentor/last_name"


class StartSessionDialog(QDialog):
    """Asks the mentor's name (remembered in QSettings) and which levels to walk through."""

    def __init__(
        self, skill: Skill, profile: Profile, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start Mentor Session")
        self._settings = settings
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "Walk through the levels together on a shared screen. Verdicts are saved as you "
                "give them; entries marked private are never shown.",
                self,
            )
        )
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(300)
        self.name_edit.setText(str(settings.value(MENTOR_NAME_KEY, "") or ""))
        self.name_edit.setPlaceholderText("e.g. Jordan Lee")
        form.addRow("Mentor's name:", self.name_edit)
        boxes = QHBoxLayout()
        target = profile.target_level or default_target(skill, profile.current_level)
        wanted = {n for n in (profile.current_level, target) if n}
        self.level_boxes: dict[int, QCheckBox] = {}
        for level in skill.defined_levels:
            box = QCheckBox(str(level.level), self)
            box.setToolTip(level.title)
            box.setChecked(level.level in wanted or not wanted)
            box.toggled.connect(self._update)
            self.level_boxes[level.level] = box
            boxes.addWidget(box)
        boxes.addStretch(1)
        form.addRow("Focus levels:", boxes)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        start = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        start.setText("Start Session")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._update)
        self._update()

    def mentor_name(self) -> str:
        return " ".join(self.name_edit.text().split())

    def focus_levels(self) -> list[int]:
        return [n for n, box in self.level_boxes.items() if box.isChecked()]

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.mentor_name()) and bool(self.focus_levels()))

    def accept(self) -> None:
        if not (self.mentor_name() and self.focus_levels()):
            return
        self._settings.setValue(MENTOR_NAME_KEY, self.mentor_name())
        super().accept()


class CommentDialog(QDialog):
    """A comment on the statement (goes with its verdict) or on one of the entries shown."""

    def __init__(self, targets: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Comment")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("On:", self))
        self.target = QComboBox(self)
        self.target.addItems(list(targets))
        layout.addWidget(self.target)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 420)
        self.text.setFocus()

    def comment(self) -> tuple[int, str]:
        return self.target.currentIndex(), self.text.toPlainText().strip()
