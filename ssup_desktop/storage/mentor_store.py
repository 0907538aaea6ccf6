"""MentorStore: rows <-> mentor sessions, verdicts, entry comments and actions (schema 3)."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Any, TypeAlias

from ssup_desktop.domain.mentor import (
    Action,
    Author,
    EntryComment,
    EvidenceFingerprint,
    Session,
    Verdict,
    VerdictKind,
)
from ssup_desktop.storage.portfolio import PortfolioStore
from ssup_desktop.storage.rows import format_date, format_datetime, parse_date, parse_datetime

MentorRecord: TypeAlias = Session | Verdict | EntryComment | Action

_SESSION = "id, review_of, author, mentor_name, started, finished, focus_levels, notes, modified"
_VERDICT = (
    "id, review_of, author, session_id, statement_id, verdict, comment, mentor_name, recorded, "
    "evidence_ids, evidence_hash, modified"
)
_COMMENT = "id, review_of, author, session_id, evidence_id, text, mentor_name, created, modified"
_ACTION = "id, review_of, author, session_id, text, owner, due, done, created, modified"
TABLES: dict[type[Any], tuple[str, str]] = {
    Session: ("mentor_session", _SESSION),
    Verdict: ("mentor_verdict", _VERDICT),
    EntryComment: ("mentor_entry_comment", _COMMENT),
    Action: ("mentor_action", _ACTION),
}


def _uuid_or_none(text: str | None) -> uuid.UUID | None:
    return None if text is None else uuid.UUID(text)


def _str_or_none(value: object | None) -> str | None:
    return None if value is None else str(value)


def _values(record: MentorRecord) -> tuple[Any, ...]:
    """The row of ``record``, in its table's column order."""
    head = (str(record.id), str(record.review_of), record.author.value)
    if isinstance(record, Session):
        levels = ",".join(str(n) for n in record.focus_levels)
        finished = None if record.finished is None else format_datetime(record.finished)
        return (
            *head,
            record.mentor_name,
            format_datetime(record.started),
            finished,
            levels,
            record.notes,
            format_datetime(record.modified),
        )
    if isinstance(record, Verdict):
        return (
            *head,
            _str_or_none(record.session_id),
            record.statement_id,
            record.kind.value,
            record.comment,
            record.mentor_name,
            format_datetime(record.recorded),
            json.dumps([str(i) for i in record.evidence_ids]),
            record.evidence_hash,
            format_datetime(record.modified),
        )
    if isinstance(record, EntryComment):
        return (
            *head,
            _str_or_none(record.session_id),
            str(record.evidence_id),
            record.text,
            record.mentor_name,
            format_datetime(record.created),
            format_datetime(record.modified),
        )
    return (
        *head,
        _str_or_none(record.session_id),
        record.text,
        record.owner,
        format_date(record.due),
        int(record.done),
        format_datetime(record.created),
        format_datetime(record.modified),
    )


def _session(row: tuple[Any, ...]) -> Session:
    return Session(
        id=uuid.UUID(row[0]),
        review_of=uuid.UUID(row[1]),
        author=Author(row[2]),
        mentor_name=row[3],
        started=parse_datetime(row[4]),
        finished=None if row[5] is None else parse_datetime(row[5]),
        focus_levels=tuple(int(n) for n in row[6].split(",") if n),
        notes=row[7],
        modified=parse_datetime(row[8]),
    )


def _verdict(row: tuple[Any, ...]) -> Verdict:
    return Verdict(
        id=uuid.UUID(row[0]),
        review_of=uuid.UUID(row[1]),
        author=Author(row[2]),
        session_id=_uuid_or_none(row[3]),
        statement_id=row[4],
        kind=VerdictKind(row[5]),
        comment=row[6],
        mentor_name=row[7],
        recorded=parse_datetime(row[8]),
        evidence_ids=tuple(uuid.UUID(i) for i in json.loads(row[9])),
        evidence_hash=row[10],
        modified=parse_datetime(row[11]),
    )


def _comment(row: tuple[Any, ...]) -> EntryComment:
    return EntryComment(
        id=uuid.UUID(row[0]),
        review_of=uuid.UUID(row[1]),
        author=Author(row[2]),
        session_id=_uuid_or_none(row[3]),
        evidence_id=uuid.UUID(row[4]),
        text=row[5],
        mentor_name=row[6],
        created=parse_datetime(row[7]),
        modified=parse_datetime(row[8]),
    )


def _action(row: tuple[Any, ...]) -> Action:
    return Action(
        id=uuid.UUID(row[0]),
        review_of=uuid.UUID(row[1]),
        author=Author(row[2]),
        session_id=_uuid_or_none(row[3]),
        text=row[4],
        owner=row[5],
        due=parse_date(row[6]),
        done=bool(row[7]),
        created=parse_datetime(row[8]),
        modified=parse_datetime(row[9]),
    )


class MentorStore:
    """The mentor tables of one open portfolio; writes join the store's transaction."""

    def __init__(self, store: PortfolioStore) -> None:
        self.store = store

    @property
    def _conn(self) -> Any:
        return self.store.conn

    # --- writes ----------------------------------------------------------------------------

    def put(self, record: MentorRecord) -> None:
        """Insert ``record``, or rewrite the row with its id (no delete, so links stay)."""
        table, columns = TABLES[type(record)]
        names = [c.strip() for c in columns.split(",")]
        marks = ", ".join("?" for _ in names)
        updates = ", ".join(f"{n} = excluded.{n}" for n in names[1:])
        with self.store.transaction():
            self._conn.execute(
                f"INSERT INTO {table} ({columns}) VALUES ({marks}) "
                f"ON CONFLICT (id) DO UPDATE SET {updates}",
                _values(record),
            )

    def delete(self, kind: type[MentorRecord], record_id: uuid.UUID) -> None:
        table, _columns = TABLES[kind]
        with self.store.transaction():
            cursor = self._conn.execute(f"DELETE FROM {table} WHERE id = ?", (str(record_id),))
            if cursor.rowcount != 1:
                raise KeyError(f"no {kind.__name__.lower()} {record_id}")

    # --- reads -----------------------------------------------------------------------------

    def verdicts(
        self,
        *,
        statement_ids: Collection[str] | None = None,
        session_id: uuid.UUID | None = None,
    ) -> list[Verdict]:
        """Verdicts, oldest first (optionally only these statements' or this session's)."""
        sql, params = f"SELECT {_VERDICT} FROM mentor_verdict", []
        where = []
        if statement_ids is not None:
            where.append("statement_id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(statement_ids)))
        if session_id is not None:
            where.append("session_id = ?")
            params.append(str(session_id))
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._conn.execute(f"{sql} ORDER BY recorded, id", params).fetchall()
        return [_verdict(row) for row in rows]

    def verdict(self, verdict_id: uuid.UUID) -> Verdict | None:
        row = self._conn.execute(
            f"SELECT {_VERDICT} FROM mentor_verdict WHERE id = ?", (str(verdict_id),)
        ).fetchone()
        return None if row is None else _verdict(row)

    def comments(self, evidence_id: uuid.UUID | None = None) -> list[EntryComment]:
        sql, params = f"SELECT {_COMMENT} FROM mentor_entry_comment", []
        if evidence_id is not None:
            sql += " WHERE evidence_id = ?"
            params.append(str(evidence_id))
        rows = self._conn.execute(f"{sql} ORDER BY created, id", params).fetchall()
        return [_comment(row) for row in rows]

    def actions(self, session_id: uuid.UUID | None = None) -> list[Action]:
        sql, params = f"SELECT {_ACTION} FROM mentor_action", []
        if session_id is not None:
            sql += " WHERE session_id = ?"
            params.append(str(session_id))
        rows = self._conn.execute(f"{sql} ORDER BY created, id", params).fetchall()
        return [_action(row) for row in rows]

    def sessions(self) -> list[Session]:
        """Every session, newest first, with its verdict ids and actions filled in."""
        rows = self._conn.execute(
            f"SELECT {_SESSION} FROM mentor_session ORDER BY started DESC, id"
        ).fetchall()
        verdict_ids: dict[str, list[uuid.UUID]] = defaultdict(list)
        for vid, sid in self._conn.execute(
            "SELECT id, session_id FROM mentor_verdict WHERE session_id IS NOT NULL "
            "ORDER BY recorded, id"
        ):
            verdict_ids[sid].append(uuid.UUID(vid))
        actions: dict[str, list[Action]] = defaultdict(list)
        for action in self.actions():
            if action.session_id is not None:
                actions[str(action.session_id)].append(action)
        return [
            _session(row).model_copy(
                update={
                    "verdict_ids": tuple(verdict_ids[row[0]]),
                    "actions": tuple(actions[row[0]]),
                }
            )
            for row in rows
        ]

    def session(self, session_id: uuid.UUID) -> Session | None:
        for session in self.sessions():
            if session.id == session_id:
                return session
        return None

    def all_records(self) -> list[MentorRecord]:
        """Every mentor record (sessions first, so a merge can insert them in this order)."""
        sessions: list[MentorRecord] = [
            s.model_copy(update={"verdict_ids": (), "actions": ()}) for s in self.sessions()
        ]
        return [*sessions, *self.verdicts(), *self.comments(), *self.actions()]

    def fingerprints(self) -> dict[uuid.UUID, tuple[EvidenceFingerprint, bool]]:
        """Each entry's fingerprint (id, stored modified, stored checksum) and private flag."""
        rows = self._conn.execute("SELECT id, modified, checksum, private FROM evidence")
        return {
            uuid.UUID(eid): (EvidenceFingerprint(uuid.UUID(eid), modified, checksum), bool(private))
            for eid, modified, checksum, private in rows
        }


def strip_derived(records: Iterable[MentorRecord]) -> list[MentorRecord]:
    """Records as stored: sessions without their derived verdict ids and actions."""
    return [
        r.model_copy(update={"verdict_ids": (), "actions": ()}) if isinstance(r, Session) else r
        for r in records
    ]
