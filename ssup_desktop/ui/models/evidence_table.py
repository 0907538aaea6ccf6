"""EvidenceTableModel: the evidence log's rows, refreshed per Change from the portfolio service."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
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
from ssup_desktop.storage.rows import EvidenceRow
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import plain_tooltip

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


SortKey = str | int
_MANY = 200  # more changed rows than this in one Change: reset the model instead


def sort_key(row: EvidenceRow, column: Column) -> SortKey:
    """A value that sorts ``column`` correctly (what SORT_ROLE gives)."""
    if column == Column.TITLE:
        return row.title.casefold()
    if column == Column.DATE:  # ISO dates sort as dates; undated entries sort first
        if row.date_from is None:
            return ""
        return f"{row.date_from} {row.date_to or row.date_from}"
    if column == Column.STATEMENTS:
        return len(row.statement_ids)
    if column == Column.TAGS:
        return ", ".join(row.tags).casefold()
    if column == Column.ATTACHMENTS:
        return len(row.attachment_names)
    return row.modified


class EvidenceTableModel(QAbstractTableModel):
    """One row per entry that matches the filter, in the order of sort() (newest first until
    then); listens to the session's ``changed`` signal.

    Rows are light EvidenceRow records (no story text); every entry's row is cached, sorted, so
    a new filter only asks the service for the matching ids. Full entries are read on demand.
    """

    def __init__(self, session: PortfolioSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._filter = EvidenceFilter()
        self._rows: list[EvidenceRow] = []
        self._row_of: dict[str, int] = {}
        self._cache: dict[str, EvidenceRow] | None = None  # every entry by id (text)
        self._sorted: list[EvidenceRow] | None = None  # the cache's rows in the current order
        self._sort_column = Column.DATE
        self._sort_order = Qt.SortOrder.DescendingOrder
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
            self.reload(refetch=False)

    def reload(self, *, refetch: bool = True) -> None:
        """Show the entries matching the filter (re-reading every row first if ``refetch``)."""
        if refetch:
            self._cache = self._sorted = None
        keys = self._session.service.evidence_keys(self._filter)
        every = self._all_sorted()
        self.beginResetModel()
        self._edition = self._session.edition  # cached: read per painted cell
        self._rows = list(every) if keys is None else [r for r in every if r.rowid in keys]
        self._reindex()
        self.endResetModel()

    def evidence_at(self, row: int) -> Evidence:
        """The full entry shown in ``row`` (read from the portfolio)."""
        return self._session.service.get_evidence(self._rows[row].id)

    def evidence_in(self, rows: Sequence[int]) -> list[Evidence]:
        """The full entries shown in ``rows``, in that order (one read)."""
        return self._session.service.evidence_by_ids(self._rows[r].id for r in rows)

    def row_at(self, row: int) -> EvidenceRow:
        return self._rows[row]

    def row_of(self, evidence_id: uuid.UUID) -> int | None:
        return self._row_of.get(str(evidence_id))

    def entries(self) -> list[EvidenceRow]:
        """The rows shown, in order."""
        return list(self._rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` (ties keep the previous order); the view's header calls
        this (through the view's proxy)."""
        if not 0 <= column < len(Column):
            return
        if (column, order) == (self._sort_column, self._sort_order):
            return  # already in this order (rows are inserted in place)
        self._sort_column, self._sort_order = Column(column), order
        if self._sorted is not None:
            # every row, sorted the same stable way: ties keep the order shown, so a later search
            # (a subsequence of it) shows the rows as the user sorted them, and nothing is re-read
            self._sorted.sort(key=self._key_function(), reverse=self._descending())
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[i.row()].key for i in old]
        self._rows.sort(key=self._key_function(), reverse=self._descending())
        self._reindex()
        self.changePersistentIndexList(
            old,
            [self.index(self._row_of[key], i.column()) for key, i in zip(ids, old, strict=True)],
        )
        self.layoutChanged.emit()

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
            return sort_key(evidence, column)
        if role == EVIDENCE_ID_ROLE:
            return evidence.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.ATTACHMENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _statement_labels(self, evidence: EvidenceRow) -> list[str]:
        skills, edition = self._session.skills, self._edition
        return [statement_label(skills, edition, sid) for sid in evidence.statement_ids]

    def _display(self, evidence: EvidenceRow, column: Column) -> str:
        if column == Column.TITLE:
            return evidence.title
        if column == Column.DATE:
            return evidence.date_label()
        if column == Column.STATEMENTS:
            return ", ".join(self._statement_labels(evidence))
        if column == Column.TAGS:
            return ", ".join(evidence.tags)
        if column == Column.ATTACHMENTS:
            names = evidence.attachment_names
            return str(len(names)) if names else ""
        return evidence.modified_at().astimezone().strftime("%Y-%m-%d %H:%M")

    def _tooltip(self, evidence: EvidenceRow, column: Column) -> str:
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
            return plain_tooltip("\n".join(lines) or "Not linked to any statement")
        if column == Column.ATTACHMENTS:
            return plain_tooltip("\n".join(evidence.attachment_names))
        return plain_tooltip(self._display(evidence, column))

    # -- ordering -------------------------------------------------------------------------------

    def _descending(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder

    def _key_function(self) -> Callable[[EvidenceRow], SortKey]:
        column = self._sort_column
        return lambda row: sort_key(row, column)

    def _all_sorted(self) -> list[EvidenceRow]:
        """Every entry's row in the current order (read once, then kept up to date)."""
        if self._cache is None:
            self._cache = {r.key: r for r in self._session.service.evidence_rows()}
        if self._sorted is None:
            # newest first, then by title: ties in the sort column keep this order
            base = sorted(self._cache.values(), key=lambda r: (r.title.casefold(), r.key))
            base.sort(key=lambda r: sort_key(r, Column.DATE), reverse=True)
            if (self._sort_column, self._sort_order) != (Column.DATE, Qt.SortOrder.DescendingOrder):
                base.sort(key=self._key_function(), reverse=self._descending())
            self._sorted = base
        return self._sorted

    def _position_for(self, row: EvidenceRow, rows: list[EvidenceRow] | None = None) -> int:
        """Where ``row`` belongs among ``rows`` (the shown rows when None), after rows with an
        equal key."""
        rows = self._rows if rows is None else rows
        key = self._key_function()
        wanted = key(row)
        descending = self._descending()
        low, high = 0, len(rows)
        while low < high:
            middle = (low + high) // 2
            value = key(rows[middle])
            before = wanted > value if descending else wanted < value  # type: ignore[operator]
            if before:
                high = middle
            else:
                low = middle + 1
        return low

    # -- refreshing -----------------------------------------------------------------------------

    def _reindex(self) -> None:
        self._row_of = {r.key: row for row, r in enumerate(self._rows)}

    def _on_edition_changed(self, _edition: object) -> None:
        self._edition = self._session.edition
        self._statements_changed()

    def _statements_changed(self) -> None:
        if self._rows:
            top = self.index(0, Column.STATEMENTS)
            bottom = self.index(len(self._rows) - 1, Column.STATEMENTS)
            self.dataChanged.emit(top, bottom)

    def _on_changed(self, change: Change) -> None:
        if change.kind in (ChangeKind.EVIDENCE, ChangeKind.ATTACHMENT) and change.ids:
            # An attachment change names its entry and the attachment; unknown ids are skipped.
            self._sync(set(change.ids))
        elif change.kind in (ChangeKind.EVIDENCE, ChangeKind.ATTACHMENT):
            self._sync(None)
        elif change.kind == ChangeKind.PROFILE:
            self._edition = self._session.edition
            if self._filter.level is not None:  # the level filter follows the profile's edition
                self._sync(None, refetch=False)
            self._statements_changed()
        else:
            self.reload()

    def _sync(self, ids: set[uuid.UUID] | None, *, refetch: bool = True) -> None:
        """Bring the rows for ``ids`` (all when None) up to date with minimal row signals."""
        service = self._session.service
        if ids is None:
            if refetch:
                self._cache = self._sorted = None
            every = self._all_sorted()
            keys = service.evidence_keys(self._filter)
            matching = {r.key: r for r in every if keys is None or r.rowid in keys}
            wanted = set(matching) | set(self._row_of)
        else:
            wanted = {str(i) for i in ids}
            fresh_rows = {r.key: r for r in service.evidence_rows(ids)}
            if self._cache is not None:
                for key in wanted:
                    self._cache.pop(key, None)
                self._cache.update(fresh_rows)
            if self._sorted is not None:  # every row in the order shown: changed rows move
                kept = [r for r in self._sorted if r.key not in wanted]
                for row in fresh_rows.values():
                    kept.insert(self._position_for(row, kept), row)
                self._sorted = kept
            keys = service.evidence_keys(self._filter, within=ids)
            matching = {k: r for k, r in fresh_rows.items() if keys is None or r.rowid in keys}
        self._apply(wanted, matching)

    def _apply(self, wanted: set[str], matching: dict[str, EvidenceRow]) -> None:
        """Rows for ``wanted`` ids: removed unless in ``matching``, updated or inserted in order."""
        if len(wanted) > _MANY:  # e.g. undoing a delete of many entries: one reset is cheaper
            self.reload(refetch=False)
            return
        last_column = len(Column) - 1
        key = self._key_function()
        moved: list[EvidenceRow] = []
        for eid in wanted:
            at = self._row_of.get(eid)
            fresh = matching.get(eid)
            if at is None or fresh is None or fresh == self._rows[at]:
                continue
            if key(fresh) == key(self._rows[at]):
                self._rows[at] = fresh
                self.dataChanged.emit(self.index(at, 0), self.index(at, last_column))
            else:  # its place in the order changed: remove it here, insert it below
                moved.append(fresh)
        moving = {r.key for r in moved}
        gone = sorted(
            self._row_of[i]
            for i in wanted
            if i in self._row_of and (i not in matching or i in moving)
        )
        for row in reversed(gone):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        if gone:
            self._reindex()
        new = [r for k, r in matching.items() if k not in self._row_of]
        for fresh in sorted(new, key=key, reverse=self._descending()):
            at = self._position_for(fresh)
            self.beginInsertRows(QModelIndex(), at, at)
            self._rows.insert(at, fresh)
            self._reindex()
            self.endInsertRows()
