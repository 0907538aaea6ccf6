"""LevelsDialog: where the owner stands and which level they aim for, checked as they choose."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.sfia import Skill
from ssup_desktop.progress_service import ProgressService
from ssup_desktop.ui.style import plain_label, set_error_style


class LevelsDialog(QDialog):
    """Two level choices; OK stays disabled while the pair is refused (e.g. a level-7 target)."""

    def __init__(
        self,
        progress: ProgressService,
        skill: Skill,
        current: int | None,
        target: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.progress = progress
        self.setWindowTitle("Profile and Levels")
        self.current_combo = self._levels_combo(skill, "Current level")
        self.target_combo = self._levels_combo(skill, "Target level")
        self.current_combo.setCurrentIndex(current or 0)
        self.target_combo.setCurrentIndex(target or 0)
        intro = plain_label(
            "Your current level is the SFIA level you work at in Sales support today; "
            "your target is the level you are working towards.",
            self,
            muted=True,
        )
        self.problem_label = plain_label("", self, selectable=True)
        self.problem_label.setAccessibleName("Why these levels cannot be saved")
        set_error_style(self.problem_label)
        form = QFormLayout()
        form.addRow("&Current level:", self.current_combo)
        form.addRow("&Target level:", self.target_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.current_combo.currentIndexChanged.connect(self._check)
        self.target_combo.currentIndexChanged.connect(self._check)
        self.resize(520, 260)
        self._check()

    def _levels_combo(self, skill: Skill, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem("Not set")
        for level in skill.levels:
            suffix = "" if level.defined else " (not defined for Sales support)"
            combo.addItem(f"{level.level} - {level.name}{suffix}")
        return combo

    def levels(self) -> tuple[int | None, int | None]:
        return (self.current_combo.currentIndex() or None, self.target_combo.currentIndex() or None)

    def problem(self) -> str:
        return self.progress.levels_problem(*self.levels())

    def _check(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)
