"""NextLevelView: the target level's open statements, the development plan and starting points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.progress import StatementProgress
from ssup_desktop.ui.progress_commands import (
    AddActionCommand,
    DeleteActionCommand,
    EditActionCommand,
    ToggleActionCommand,
)
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import (
    LARGE,
    MEDIUM,
    SMALL,
    CardFrame,
    heading,
    plain_label,
    set_error_style,
)
from ssup_desktop.ui.views.readiness import ReadinessBar, StateBadge

if TYPE_CHECKING:
    from ssup_desktop.domain.progress_records import PlanAction
    from ssup_desktop.progress_service import NextLevel

REFRESH_KINDS = {
    ChangeKind.EVIDENCE,
    ChangeKind.ASSESSMENT,
    ChangeKind.PLAN,
    ChangeKind.PREFERENCES,
    ChangeKind.PROFILE,
    ChangeKind.PORTFOLIO,
    ChangeKind.MENTOR,
}


def due_text(action: PlanAction, plan: NextLevel) -> str:
    if action.done:
        when = action.done_at.astimezone().date().isoformat() if action.done_at else ""
        return f"Done {when}".strip()
    if action.due is None:
        return "No due date"
    if action.overdue(plan.today):
        days = (plan.today - action.due).days
        return f"\u26a0 Overdue \u2014 was due {action.due.isoformat()} ({days} d ago)"
    return f"Due {action.due.isoformat()}"


class ActionRow(QFrame):
    """One plan action: done checkbox, text, due date (overdue: colour + icon + words)."""

    toggled = Signal(object, bool)  # PlanAction, done
    edit_requested = Signal(object)
    delete_requested = Signal(object)

    def __init__(self, action: PlanAction, plan: NextLevel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.overdue = action.overdue(plan.today)
        self.check = QCheckBox(self)
        self.check.setChecked(action.done)
        self.check.setAccessibleName(f"Done: {action.text}")
        self.check.toggled.connect(lambda done: self.toggled.emit(self.action, done))
        self.text_label = plain_label(action.text, self, selectable=True)
        if action.done:
            font = self.text_label.font()
            font.setStrikeOut(True)
            self.text_label.setFont(font)
        extra = " \u00b7 from your mentor" if action.source.value == "mentor" else ""
        towards = f" \u00b7 {action.statement_id}" if action.statement_id else ""
        self.due_label = plain_label(
            due_text(action, plan) + towards + extra, self, factor=0.9, muted=not self.overdue
        )
        if self.overdue:
            set_error_style(self.due_label)  # a red that reads on light and dark palettes
            bold = self.due_label.font()
            bold.setBold(True)
            self.due_label.setFont(bold)
        edit = QPushButton("Edit\u2026", self)
        edit.setAccessibleName(f"Edit action {action.text}")
        edit.clicked.connect(lambda: self.edit_requested.emit(self.action))
        delete = QPushButton("Delete", self)
        delete.setAccessibleName(f"Delete action {action.text}")
        delete.clicked.connect(lambda: self.delete_requested.emit(self.action))
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.text_label)
        text.addWidget(self.due_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(SMALL, 2, SMALL, 2)
        row.addWidget(self.check, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        row.addWidget(edit, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(delete, 0, Qt.AlignmentFlag.AlignTop)


class GapCard(CardFrame):
    """A statement of the target level not yet met, with what is missing."""

    def __init__(self, progress: StatementProgress, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = progress
        self.badge = StateBadge(self)
        self.badge.set_state(progress.state)
        top = QHBoxLayout()
        top.addWidget(plain_label(progress.statement.id, self, muted=True, wrap=False))
        top.addStretch(1)
        top.addWidget(self.badge)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MEDIUM, SMALL, MEDIUM, SMALL)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(plain_label(progress.statement.text, self, selectable=True))
        self.gap_labels = [plain_label(f"\u2022 {gap.label}", self) for gap in progress.gaps]
        for label in self.gap_labels:
            layout.addWidget(label)
        rating = progress.assessment.rating.label if progress.assessment else "Not assessed"
        layout.addWidget(plain_label(f"Your self-assessment: {rating}", self, muted=True))


class NextLevelView(QWidget):
    """What stands between the owner and the target level, and what they plan to do about it."""

    levels_requested = Signal()  # the owner wants to set current and target levels

    def __init__(
        self, session: PortfolioSession, parent: QWidget | None = None, *, deferred: bool = False
    ) -> None:
        """``deferred``: empty until the first ``refresh()`` (start-up: after the first paint)."""
        super().__init__(parent)
        self.session = session
        self.plan: NextLevel | None = None
        self.gap_cards: list[GapCard] = []
        self.action_rows: list[ActionRow] = []
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(LARGE, MEDIUM, LARGE, MEDIUM)
        self.body_layout.setSpacing(SMALL)
        self._column = self.body_layout  # where _add and _section put things
        scroll = QScrollArea(self)
        scroll.setWidget(self.body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        session.changed.connect(self._on_changed)
        session.edition_changed.connect(lambda _e: self.refresh())
        if not deferred:
            self.refresh()

    # -- building -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.plan = self.session.service.progress.next_level(self.session.edition)
        self._clear()
        self._column = self.body_layout
        plan = self.plan
        if plan.readiness is None:
            self._no_target(plan)
        else:
            readiness = plan.readiness
            self._add(heading(f"Next level: {readiness.level.title}", self.body))
            self._add(plain_label(readiness.headline(), self.body, bold=True))
            bar = ReadinessBar(self.body)
            bar.set_states([s.state for s in readiness.statements])
            self.readiness_bar = bar
            bar.setMaximumWidth(560)
            self._add(bar)
            current = f"Level {plan.current}" if plan.current else "not set"
            levels_row = QHBoxLayout()
            levels_row.addWidget(
                plain_label(
                    f"Current level: {current} \u00b7 Target level: Level {plan.target}",
                    self.body,
                    muted=True,
                ),
                1,
            )
            levels_row.addWidget(self._levels_button("Change Levels\u2026"))
            self.body_layout.addLayout(levels_row)
        # Two columns: what is missing | the plan and where to start.
        columns = QHBoxLayout()
        columns.setSpacing(LARGE * 2)
        left, right = QVBoxLayout(), QVBoxLayout()
        for column in (left, right):
            column.setSpacing(SMALL)
            columns.addLayout(column, 1)
        self.body_layout.addLayout(columns, 1)
        if plan.readiness is not None:
            self._column = left
            self._gaps(plan)
        self._column = right if plan.readiness is not None else left
        self._plan_section(plan)
        if plan.readiness is None:  # no gaps to list: the guidance takes the right column
            self._column = right
        self._starting_points(plan)
        left.addStretch(1)
        right.addStretch(1)

    def _clear(self) -> None:
        self.gap_cards, self.action_rows = [], []
        _clear_layout(self.body_layout)

    def _add(self, widget: QWidget) -> None:
        self._column.addWidget(widget)

    def _section(self, text: str) -> None:
        self._column.addSpacing(MEDIUM)
        self._add(heading(text, self.body, factor=1.15))

    def _levels_button(self, text: str) -> QPushButton:
        button = QPushButton(text, self.body)
        button.setToolTip("Choose your current level and the level you are working towards")
        button.clicked.connect(self.levels_requested)
        return button

    def _no_target(self, plan: NextLevel) -> None:
        self._add(heading("Next level", self.body))
        if plan.problem:
            message = plan.problem
        else:
            message = (
                "No target level is set. Say which level you work at now and which you are "
                "working towards, and this page lists what is still missing."
            )
        self.message_label = plain_label(message, self.body, selectable=True)
        self._add(self.message_label)
        row = QHBoxLayout()
        row.addWidget(self._levels_button("Set Current and Target Levels\u2026"))
        row.addStretch(1)
        self._column.addLayout(row)

    def _gaps(self, plan: NextLevel) -> None:
        assert plan.readiness is not None
        self._section("What is missing")
        if not plan.open_statements:
            self._add(
                plain_label(
                    f"Every statement of level {plan.readiness.level.level} is verified.",
                    self.body,
                )
            )
        for progress in plan.open_statements:
            card = GapCard(progress, self.body)
            self.gap_cards.append(card)
            self._add(card)

    def _plan_section(self, plan: NextLevel) -> None:
        self._section("Development plan")
        overdue = len(plan.overdue)
        open_count = sum(1 for a in plan.actions if not a.done)
        summary = f"{open_count} open, {len(plan.actions) - open_count} done"
        if overdue:
            summary += f", \u26a0 {overdue} overdue"
        self.plan_summary = plain_label(summary, self.body, muted=True)
        self._add(self.plan_summary)
        for action in plan.actions:
            row = ActionRow(action, plan, self.body)
            row.toggled.connect(self.toggle_action)
            row.edit_requested.connect(self.edit_action)
            row.delete_requested.connect(self.delete_action)
            self.action_rows.append(row)
            self._add(row)
        add_row = QHBoxLayout()
        self.add_button = QPushButton("Add Action\u2026", self.body)
        self.add_button.setToolTip("Add a step to your development plan, with an optional due date")
        self.add_button.clicked.connect(lambda: self.add_action())
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        self._column.addLayout(add_row)

    def _starting_points(self, plan: NextLevel) -> None:
        guide = plan.developing
        points = [p for p in guide.lower_not_defined if not p.rstrip().endswith(":")]
        if guide.intro or points or plan.related_skills:
            self._section("Starting points")
        if guide.intro:
            self._add(plain_label(guide.intro, self.body, muted=True))
        for text in points:
            self._add(plain_label(f"\u2022 {text}", self.body))
        if plan.related_skills:
            names = ", ".join(
                f"{r.name} ({r.code})" if r.code else r.name for r in plan.related_skills
            )
            self._add(plain_label(f"Related SFIA skills: {names}", self.body))

    # -- edits --------------------------------------------------------------------------------

    def _target_level(self) -> int:
        plan = self.plan
        return plan.target if plan and plan.target and not plan.problem else 1

    def add_action(self, action: PlanAction | None = None) -> bool:
        """Add ``action``, or ask for one; True when added."""
        if action is None:
            from ssup_desktop.ui.dialogs.plan_action import PlanActionDialog

            dialog = PlanActionDialog(self.session.skill.level(self._target_level()), None, self)
            if dialog.exec() != PlanActionDialog.DialogCode.Accepted:
                return False
            action = dialog.action()
        command = AddActionCommand(self.session, action)
        self.session.push(command)
        return not command.failures

    def edit_action(self, action: PlanAction, edited: PlanAction | None = None) -> bool:
        if edited is None:
            from ssup_desktop.ui.dialogs.plan_action import PlanActionDialog

            level = self.session.skill.level(action.level or self._target_level())
            dialog = PlanActionDialog(level, action, self)
            if dialog.exec() != PlanActionDialog.DialogCode.Accepted:
                return False
            edited = dialog.action()
        self.session.push(EditActionCommand(self.session, action, edited))
        return True

    def toggle_action(self, action: PlanAction, done: bool) -> None:
        self.session.push(ToggleActionCommand(self.session, action, done))

    def delete_action(self, action: PlanAction) -> None:
        self.session.push(DeleteActionCommand(self.session, action))

    def _on_changed(self, change: Change) -> None:
        if change.kind in REFRESH_KINDS:
            self.refresh()


def _clear_layout(layout: QVBoxLayout | QHBoxLayout) -> None:
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        child = item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif isinstance(child, QVBoxLayout | QHBoxLayout):
            _clear_layout(child)
