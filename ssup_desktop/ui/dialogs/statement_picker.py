"""StatementPicker: a checkable tree of the current edition's levels and statements."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ssup_desktop.domain.sfia import Edition, Skill

STATEMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def short_label(statement_id: str) -> str:
    """ "ssup-3-1" -> "3.1"."""
    _prefix, level, number = statement_id.rsplit("-", 2)
    return f"{level}.{number}"


class StatementPicker(QWidget):
    """Pick the statements an entry supports; links under other editions are kept untouched."""

    selection_changed = Signal()

    def __init__(
        self, skills: dict[Edition, Skill], edition: Edition, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._skills = skills
        self._skill = skills[edition]
        self._original: tuple[str, ...] = ()
        self._other_edition_ids: tuple[str, ...] = ()

        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName("Statements this entry supports")
        self._items: dict[str, QTreeWidgetItem] = {}
        for level in self._skill.defined_levels:
            parent_item = QTreeWidgetItem(self.tree, [level.title])
            parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            parent_item.setToolTip(0, level.essence)
            font = parent_item.font(0)
            font.setBold(True)
            parent_item.setFont(0, font)
            for statement in level.statements:
                item = QTreeWidgetItem(
                    parent_item, [f"{short_label(statement.id)}  {statement.text}"]
                )
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                item.setToolTip(0, statement.text)
                item.setData(0, STATEMENT_ID_ROLE, statement.id)
                self._items[statement.id] = item
        self.tree.expandAll()
        self.tree.itemChanged.connect(self._on_item_changed)

        self.hint = QLabel(
            f"Tick the {self._skill.edition_label} statements this example shows.", self
        )
        self.hint.setWordWrap(True)
        self.other_editions_label = QLabel(self)
        self.other_editions_label.setTextFormat(Qt.TextFormat.PlainText)
        self.other_editions_label.setWordWrap(True)
        self.other_editions_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.other_editions_label)

    def set_linked(self, statement_ids: Iterable[str]) -> None:
        """Check the current edition's ids; remember the rest to hand back unchanged."""
        self._original = tuple(statement_ids)
        self._other_edition_ids = tuple(sid for sid in self._original if sid not in self._items)
        self.tree.blockSignals(True)
        for sid, item in self._items.items():
            checked = sid in self._original
            item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.tree.blockSignals(False)
        self._show_other_editions()

    def linked_ids(self) -> tuple[str, ...]:
        """Every id to store: the original order kept, newly checked ones after."""
        checked = {sid for sid, item in self._items.items() if self._is_checked(item)}
        kept = [sid for sid in self._original if sid in checked or sid in self._other_edition_ids]
        added = [sid for sid in self._items if sid in checked and sid not in self._original]
        return tuple(kept + added)

    def checked_ids(self) -> list[str]:
        return [sid for sid, item in self._items.items() if self._is_checked(item)]

    def set_checked(self, statement_id: str, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self._items[statement_id].setCheckState(0, state)

    @staticmethod
    def _is_checked(item: QTreeWidgetItem) -> bool:
        return item.checkState(0) == Qt.CheckState.Checked

    def _on_item_changed(self, _item: QTreeWidgetItem, _column: int) -> None:
        self.selection_changed.emit()

    def _show_other_editions(self) -> None:
        if not self._other_edition_ids:
            self.other_editions_label.hide()
            return
        groups: dict[str, list[str]] = {}
        for sid in self._other_edition_ids:
            edition_label = next(
                (sk.edition_label for sk in self._skills.values() if sk.statement(sid)), "unknown"
            )
            groups.setdefault(edition_label, []).append(short_label(sid))
        text = "; ".join(f"also linked under {ed}: {', '.join(ids)}" for ed, ids in groups.items())
        self.other_editions_label.setText(f"This entry is {text} (kept unchanged).")
        self.other_editions_label.show()
