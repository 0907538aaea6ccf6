"""EvidenceTableModel: the evidence log's rows, refreshed per Change from the portfolio service."""

from __future__ import annotations

import uuid
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.services import EvidenceFilter
from ssup_desktop.ui.session import PortfolioSession

EVIDENCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the entry's uuid.UUID
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts the column correctly

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TITLE = 0
    DATE = 1
    STATEMENTS = 2
    TAGS = 3
    ATTACHMENTS = 4
    MODIFIED = 5


HEADERS = {
    Column.TITLE: "Title",
    Column.DATE: "Date",
    Column.STATEMENTS: "Statements",
    Column.TAGS: "Tags",
    Column.ATTACHMENTS: "Attachments",
    Column.MODIFIED: "Modified",
}


def statement_label(skills: dict[Edition, Skill], current: Edition, statement_id: str) -> str:
    """A short label for a statement id: "3.1", or "3.2 (SFIA 7)" for another edition's id."""
    _prefix, level, number = statement_id.rsplit("-", 2)
    short = f"{level}.{number}"
    if skills[current].statement(statement_id) is not None:
        return short
    for edition, skill in skills.items():
        if skill.statement(statement_id) is not None:
            return f"{short} ({edition.label})"
    return short


class EvidenceTableModel(QAbstractTableModel):
    """One row per entry that matches the filter; listens to the session's ``changed`` signal."""

    def __init__(self, session: PortfolioSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._filter = EvidenceFilter()
        self._rows: list[Evidence] = []
        self._row_of: dict[uuid.UUID, int] = {}
        self._edition: Edition = session.edition
        session.changed.connect(self._on_changed)
        session.edition_changed.connect(self._on_edition_changed)
        self.reload()

    # -- reading --------------------------------------------------------------------------------

    @property
    def filter(self) -> EvidenceFilter:
        return self._filter

    def set_filter(self, flt: EvidenceFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._edition = self._session.edition  # cached: read per painted cell
        self._rows = self._session.service.list_evidence(self._filter)
        self._reindex()
        self.endResetModel()

    def evidence_at(self, row: int) -> Evidence:
        return self._rows[row]

    def row_of(self, evidence_id: uuid.UUID) -> int | None:
        return self._row_of.get(evidence_id)

    def entries(self) -> list[Evidence]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[Column(section)]
            if role == Qt.ItemDataRole.ToolTipRole and section == Column.STATEMENTS:
                return "The SSUP statements each entry supports"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        evidence = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(evidence, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(evidence, column)
        if role == SORT_ROLE:
            return self._sort_key(evidence, column)
        if role == EVIDENCE_ID_ROLE:
            return evidence.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.ATTACHMENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _statement_labels(self, evidence: Evidence) -> list[str]:
        skills, edition = self._session.skills, self._edition
        return [statement_label(skills, edition, sid) for sid in evidence.statement_ids]

    def _display(self, evidence: Evidence, column: Column) -> str:
        if column == Column.TITLE:
            return evidence.title
        if column == Column.DATE:
            return evidence.date_label()
        if column == Column.STATEMENTS:
            return ", ".join(self._statement_labels(evidence))
        if column == Column.TAGS:
            return ", ".join(evidence.tags)
        if column == Column.ATTACHMENTS:
            return str(len(evidence.attachments)) if evidence.attachments else ""
        return evidence.modified.astimezone().strftime("%Y-%m-%d %H:%M")

    def _tooltip(self, evidence: Evidence, column: Column) -> str:
        if column == Column.STATEMENTS:
            lines = []
            for sid, label in zip(
                evidence.statement_ids, self._statement_labels(evidence), strict=True
            ):
                text = next(
                    (
                        s.text
                        for s in (sk.statement(sid) for sk in self._session.skills.values())
                        if s
                    ),
                    sid,
                )
                lines.append(f"{label}  {text}")
            return "\n".join(lines) or "Not linked to any statement"
        if column == Column.ATTACHMENTS:
            return "\n".join(a.name for a in evidence.attachments)
        return self._display(evidence, column)

    @staticmethod
    def _sort_key(evidence: Evidence, column: Column) -> str | int:
        if column == Column.TITLE:
            return evidence.title.casefold()
        if column == Column.DATE:  # ISO dates sort as dates; undated entries sort first
            if evidence.date_from is None:
                return ""
            start = evidence.date_from.isoformat()
            return f"{start} {evidence.date_to.isoformat() if evidence.date_to else start}"
        if column == Column.STATEMENTS:
            return len(evidence.statement_ids)
        if column == Column.TAGS:
            return ", ".join(evidence.tags).casefold()
        if column == Column.ATTACHMENTS:
            return len(evidence.attachments)
        return evidence.modified.isoformat()

    # -- refreshing -----------------------------------------------------------------------------

    def _reindex(self) -> None:
        self._row_of = {e.id: row for row, e in enumerate(self._rows)}

    def _on_edition_changed(self, _edition: object) -> None:
        self._edition = self._session.edition
        self._statements_changed()

    def _statements_changed(self) -> None:
        if self._rows:
            top = self.index(0, Column.STATEMENTS)
            bottom = self.index(len(self._rows) - 1, Column.STATEMENTS)
            self.dataChanged.emit(top, bottom)

    def _on_changed(self, change: Change) -> None:
        if change.kind in (ChangeKind.EVIDENCE, ChangeKind.ATTACHMENT):
            # An attachment change names its entry and the attachment; unknown ids are skipped.
            self._sync(set(change.ids) if change.ids else None)
        elif change.kind == ChangeKind.PROFILE:
            self._edition = self._session.edition
            if self._filter.level is not None:  # the level filter follows the profile's edition
                self._sync(None)
            self._statements_changed()
        else:
            self.reload()

    def _sync(self, ids: set[uuid.UUID] | None) -> None:
        """Bring the rows for ``ids`` (all when None) up to date with minimal row signals."""
        matching = {e.id: e for e in self._session.service.list_evidence(self._filter)}
        wanted = ids if ids is not None else set(matching) | set(self._row_of)
        gone = sorted(self._row_of[i] for i in wanted if i in self._row_of and i not in matching)
        for row in reversed(gone):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        if gone:
            self._reindex()
        last_column = len(Column) - 1
        for evidence_id in wanted:
            at = self._row_of.get(evidence_id)
            fresh = matching.get(evidence_id)
            if at is not None and fresh is not None and fresh != self._rows[at]:
                self._rows[at] = fresh
                self.dataChanged.emit(self.index(at, 0), self.index(at, last_column))
        new = [matching[i] for i in matching if i in wanted and i not in self._row_of]
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._rows.extend(new)
            self._reindex()
            self.endInsertRows()
