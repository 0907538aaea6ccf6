"""ProgressStore: assessments, their history, plan actions and preferences <-> SQLite rows."""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from ssup_desktop.domain.progress import ActionSource, HistoryKind, Rating
from ssup_desktop.domain.progress_records import Assessment, HistoryRecord, PlanAction
from ssup_desktop.storage.portfolio import PortfolioStore
from ssup_desktop.storage.rows import format_date, format_datetime, parse_date, parse_datetime

_ACTION_COLUMNS = "id, text, due, done, done_at, source, statement_id, level, created, modified"
_HISTORY_COLUMNS = "id, kind, statement_id, changed, old_value, new_value, note, source_id"


class ProgressStore:
    """Progress rows of one portfolio file; every public write is one transaction (or joins
    the caller's ``store.transaction()``)."""

    def __init__(self, store: PortfolioStore) -> None:
        self.store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self.store.conn

    # --- self-assessments ------------------------------------------------------------------

    def assessments(self, statement_id: str | None = None) -> list[Assessment]:
        """Every stored self-assessment (or only the one of ``statement_id``), by statement."""
        sql = "SELECT statement_id, rating, note, modified FROM assessment"
        params: tuple[str, ...] = ()
        if statement_id is not None:
            sql += " WHERE statement_id = ?"
            params = (statement_id,)
        rows = self._conn.execute(f"{sql} ORDER BY statement_id", params).fetchall()
        return [
            Assessment(
                statement_id=row[0],
                rating=Rating(row[1]),
                note=row[2],
                modified=parse_datetime(row[3]),
            )
            for row in rows
        ]

    def assessment(self, statement_id: str) -> Assessment | None:
        found = self.assessments(statement_id)
        return found[0] if found else None

    def put_assessment(self, assessment: Assessment) -> None:
        with self.store.transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO assessment (statement_id, rating, note, modified) "
                "VALUES (?, ?, ?, ?)",
                (
                    assessment.statement_id,
                    assessment.rating.value,
                    assessment.note,
                    format_datetime(assessment.modified),
                ),
            )

    def delete_assessment(self, statement_id: str) -> None:
        with self.store.transaction():
            self._conn.execute("DELETE FROM assessment WHERE statement_id = ?", (statement_id,))

    # --- history ---------------------------------------------------------------------------

    def history(self, statement_ids: set[str] | None = None) -> list[HistoryRecord]:
        """Every recorded change, newest first (only those of ``statement_ids`` if given)."""
        sql = f"SELECT {_HISTORY_COLUMNS} FROM assessment_history"
        params: list[Any] = []
        if statement_ids is not None:
            sql += " WHERE statement_id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(sorted(statement_ids)))
        rows = self._conn.execute(f"{sql} ORDER BY changed DESC, id DESC", params).fetchall()
        return [
            HistoryRecord(
                id=uuid.UUID(row[0]),
                kind=HistoryKind(row[1]),
                statement_id=row[2],
                changed=parse_datetime(row[3]),
                old=row[4],
                new=row[5],
                note=row[6],
                source_id=row[7],
            )
            for row in rows
        ]

    def has_history(self, record_id: uuid.UUID) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM assessment_history WHERE id = ?", (str(record_id),)
        ).fetchone()
        return row is not None

    def add_history(self, record: HistoryRecord) -> None:
        """Keep one change (mentor verdict changes use ``kind`` mentor)."""
        with self.store.transaction():
            self._conn.execute(
                f"INSERT INTO assessment_history ({_HISTORY_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(record.id),
                    record.kind.value,
                    record.statement_id,
                    format_datetime(record.changed),
                    record.old,
                    record.new,
                    record.note,
                    record.source_id,
                ),
            )

    def delete_history(self, record_id: uuid.UUID) -> None:
        """Only for undo: forget a change that is being taken back."""
        with self.store.transaction():
            self._conn.execute("DELETE FROM assessment_history WHERE id = ?", (str(record_id),))

    # --- development plan ------------------------------------------------------------------

    def actions(self) -> list[PlanAction]:
        """Open actions first, by due date (undated last), then done ones; oldest first."""
        rows = self._conn.execute(
            f"SELECT {_ACTION_COLUMNS} FROM plan_action "
            "ORDER BY done, due IS NULL, due, created, id"
        ).fetchall()
        return [_action(row) for row in rows]

    def get_action(self, action_id: uuid.UUID) -> PlanAction | None:
        row = self._conn.execute(
            f"SELECT {_ACTION_COLUMNS} FROM plan_action WHERE id = ?", (str(action_id),)
        ).fetchone()
        return None if row is None else _action(row)

    def insert_action(self, action: PlanAction) -> None:
        with self.store.transaction():
            self._conn.execute(
                f"INSERT INTO plan_action ({_ACTION_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _action_values(action),
            )

    def update_action(self, action: PlanAction) -> None:
        with self.store.transaction():
            values = _action_values(action)
            cursor = self._conn.execute(
                "UPDATE plan_action SET text = ?, due = ?, done = ?, done_at = ?, source = ?, "
                "statement_id = ?, level = ?, created = ?, modified = ? WHERE id = ?",
                (*values[1:], values[0]),
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no plan action {action.id}")

    def delete_action(self, action_id: uuid.UUID) -> None:
        with self.store.transaction():
            cursor = self._conn.execute("DELETE FROM plan_action WHERE id = ?", (str(action_id),))
            if cursor.rowcount != 1:
                raise KeyError(f"no plan action {action_id}")

    # --- preferences -----------------------------------------------------------------------

    def preference(self, key: str) -> Any:
        """The stored JSON value of ``key``, or None when unset."""
        row = self._conn.execute("SELECT value FROM preference WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def set_preference(self, key: str, value: Any) -> None:
        with self.store.transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO preference (key, value) VALUES (?, ?)",
                (key, json.dumps(value, sort_keys=True)),
            )


def _action(row: tuple[Any, ...]) -> PlanAction:
    return PlanAction(
        id=uuid.UUID(row[0]),
        text=row[1],
        due=parse_date(row[2]),
        done=bool(row[3]),
        done_at=None if row[4] is None else parse_datetime(row[4]),
        source=ActionSource(row[5]),
        statement_id=row[6],
        level=row[7],
        created=parse_datetime(row[8]),
        modified=parse_datetime(row[9]),
    )


def _action_values(action: PlanAction) -> tuple[Any, ...]:
    return (
        str(action.id),
        action.text,
        format_date(action.due),
        int(action.done),
        None if action.done_at is None else format_datetime(action.done_at),
        action.source.value,
        action.statement_id,
        action.level,
        format_datetime(action.created),
        format_datetime(action.modified),
    )
