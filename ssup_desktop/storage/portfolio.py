"""PortfolioStore: rows <-> domain objects for one portfolio file; the only code that writes SQL."""

from __future__ import annotations

import gc
import json
import re
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from ssup_desktop.domain.evidence import AttachmentInfo, Evidence, Link, Profile
from ssup_desktop.domain.sfia import Edition
from ssup_desktop.storage import db
from ssup_desktop.storage.lock import PortfolioLock
from ssup_desktop.storage.rows import (
    EvidenceRow,
    evidence_checksum,
    format_date,
    format_datetime,
    parse_date,
    parse_datetime,
)

_WORD = re.compile(r"\w+", re.UNICODE)
_EVIDENCE_COLUMNS = (
    "id, title, date_from, date_to, situation, task, action, result, description, reflection, "
    "private, confidential, confidential_fields, created, modified"
)
_WHEN = "coalesce(e.date_to, e.date_from)"
_ORDER = f"ORDER BY {_WHEN} IS NULL, {_WHEN} DESC, e.title, e.id"


def fts_query(text: str) -> str:
    """User text as a safe FTS5 query: each word a quoted phrase with prefix matching, ANDed."""
    words = _WORD.findall(text)
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many (acyclic) objects at once: its
    passes over a large heap would otherwise cost more than the building itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _json_ids(ids: Iterable[object]) -> str:
    return json.dumps(sorted(str(i) for i in ids))


_STORY_FIELDS = ("situation", "task", "action", "result", "description", "reflection")


def _fts_values(entry: Evidence) -> tuple[str, str, str, str, str, str]:
    """An entry's full-text columns: id, title, story, tags, links, attachment names."""
    return (
        str(entry.id),
        entry.title,
        "\n".join(getattr(entry, name) for name in _STORY_FIELDS),
        " ".join(entry.tags),
        " ".join(f"{link.label} {link.url}" for link in entry.links),
        " ".join(a.name for a in entry.attachments),
    )


class PortfolioStore:
    """One open portfolio file. Every public write is one transaction, committed at once."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, lock: PortfolioLock | None = None
    ) -> None:
        self.conn = conn
        self.path = path
        self.lock = lock
        self._depth = 0

    @classmethod
    def open(cls, path: Path, *, backups_dir: Path | None = None) -> PortfolioStore:
        """Open (one writer at a time: see storage/lock.py); an older file is backed up to
        ``backups_dir`` before it is upgraded."""
        lock = PortfolioLock.acquire(path)
        try:
            return cls(db.open_connection(path, backups_dir=backups_dir), path, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def create(cls, path: Path, profile: Profile | None = None) -> PortfolioStore:
        lock = PortfolioLock.acquire(path)
        try:
            store = cls(db.create_connection(path), path, lock)
        except BaseException:
            lock.release()
            raise
        store.put_profile(profile or Profile())
        return store

    def close(self) -> None:
        self.conn.close()
        if self.lock is not None:
            self.lock.release()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested uses join the outermost one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with db.transaction(self.conn):
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0

    # --- profile ---------------------------------------------------------------------------

    def get_profile(self) -> Profile:
        row = self.conn.execute(
            "SELECT owner_name, role, organisation, edition, current_level, target_level, "
            "portfolio_id, created, modified FROM profile WHERE id = 1"
        ).fetchone()
        if row is None:
            return Profile()
        return Profile(
            owner_name=row[0],
            role=row[1],
            organisation=row[2],
            edition=Edition(row[3]),
            current_level=row[4],
            target_level=row[5],
            portfolio_id=uuid.UUID(row[6]),
            created=parse_datetime(row[7]),
            modified=parse_datetime(row[8]),
        )

    def put_profile(self, profile: Profile) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO profile (id, owner_name, role, organisation, edition, "
                "current_level, target_level, portfolio_id, created, modified) "
                "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    profile.owner_name,
                    profile.role,
                    profile.organisation,
                    profile.edition.value,
                    profile.current_level,
                    profile.target_level,
                    str(profile.portfolio_id),
                    format_datetime(profile.created),
                    format_datetime(profile.modified),
                ),
            )

    # --- evidence: reads -------------------------------------------------------------------

    def evidence_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM evidence").fetchone()[0])

    def attachment_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM attachment").fetchone()[0])

    def has_evidence(self, evidence_id: uuid.UUID) -> bool:
        row = self.conn.execute("SELECT 1 FROM evidence WHERE id = ?", (str(evidence_id),))
        return row.fetchone() is not None

    def get_evidence(self, evidence_id: uuid.UUID) -> Evidence | None:
        found = self.list_evidence(ids=[str(evidence_id)])
        return found[0] if found else None

    def list_evidence(
        self,
        *,
        ids: Collection[str] | None = None,
        tag: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        unlinked_only: bool = False,
    ) -> list[Evidence]:
        """Entries matching every given condition, newest first then by title (5 queries)."""
        where, params = self._where(ids, tag, date_from, date_to, unlinked_only)
        sql = f"SELECT {_EVIDENCE_COLUMNS} FROM evidence e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        with _gc_paused():
            rows = self.conn.execute(f"{sql} {_ORDER}", params).fetchall()
            return self._build(rows, every=not where)

    def filter_rowids(
        self,
        *,
        rowids: Collection[int] | None = None,
        tag: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        unlinked_only: bool = False,
    ) -> set[int]:
        """The rowids of the entries among ``rowids`` (all when None) that list_evidence would
        give for the same conditions (1 query)."""
        where, params = self._where(None, tag, date_from, date_to, unlinked_only)
        if rowids is not None:
            where.append("e.rowid IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(rowids)))
        sql = "SELECT e.rowid FROM evidence e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return {row[0] for row in self.conn.execute(sql, params)}

    def rowids_of(self, ids: Collection[str]) -> set[int]:
        rows = self.conn.execute(
            "SELECT rowid FROM evidence WHERE id IN (SELECT value FROM json_each(?))",
            (_json_ids(ids),),
        )
        return {row[0] for row in rows}

    def search_rowids(self, text: str) -> set[int] | None:
        """search_ids as entry rowids (reads only the full-text index: fast)."""
        query = fts_query(text)
        if not query:
            return None
        try:
            rows = self.conn.execute(
                "SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?", (query,)
            ).fetchall()
        except sqlite3.OperationalError:
            return set()
        return {row[0] for row in rows}

    def rowids_linked_to(self, statement_ids: Collection[str]) -> set[int]:
        rows = self.conn.execute(
            "SELECT DISTINCT e.rowid FROM evidence_statement s JOIN evidence e "
            "ON e.id = s.evidence_id WHERE s.statement_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(statement_ids)),),
        )
        return {row[0] for row in rows}

    def list_rows(self, ids: Collection[str] | None = None) -> list[EvidenceRow]:
        """The evidence log's columns of these entries (all when None), unordered (4 queries)."""
        with _gc_paused():
            return self._list_rows(ids)

    def _list_rows(self, ids: Collection[str] | None) -> list[EvidenceRow]:
        scope = ""
        params: tuple[str, ...] = ()
        if ids is not None:
            scope = "WHERE {} IN (SELECT value FROM json_each(?))"
            params = (_json_ids(ids),)
        children: dict[str, dict[str, list[str]]] = {}
        for table, column in (
            ("evidence_tag", "tag"),
            ("evidence_statement", "statement_id"),
            ("attachment", "name"),
        ):
            found: dict[str, list[str]] = defaultdict(list)
            for eid, value in self.conn.execute(
                f"SELECT evidence_id, {column} FROM {table} {scope.format('evidence_id')} "
                "ORDER BY evidence_id, position",
                params,
            ):
                found[eid].append(value)
            children[table] = found
        tags, statements = children["evidence_tag"], children["evidence_statement"]
        names = children["attachment"]
        empty: tuple[str, ...] = ()
        return [
            EvidenceRow(
                id=uuid.UUID(eid),
                key=eid,
                rowid=rowid,
                title=title,
                date_from=date_from,
                date_to=date_to,
                modified=modified,
                statement_ids=tuple(statements[eid]) if eid in statements else empty,
                tags=tuple(tags[eid]) if eid in tags else empty,
                attachment_names=tuple(names[eid]) if eid in names else empty,
            )
            for rowid, eid, title, date_from, date_to, modified in self.conn.execute(
                "SELECT rowid, id, title, date_from, date_to, modified FROM evidence "
                + scope.format("id"),
                params,
            )
        ]

    @staticmethod
    def _where(
        ids: Collection[str] | None,
        tag: str | None,
        date_from: date | None,
        date_to: date | None,
        unlinked_only: bool,
    ) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if ids is not None:
            where.append("e.id IN (SELECT value FROM json_each(?))")
            params.append(_json_ids(ids))
        if tag:
            where.append("e.id IN (SELECT evidence_id FROM evidence_tag WHERE tag_key = ?)")
            params.append(tag.strip().casefold())
        if date_to is not None:
            where.append("e.date_from <= ?")
            params.append(date_to.isoformat())
        if date_from is not None:
            where.append("coalesce(e.date_to, e.date_from) >= ?")
            params.append(date_from.isoformat())
        if unlinked_only:
            where.append(
                "NOT EXISTS (SELECT 1 FROM evidence_statement s WHERE s.evidence_id = e.id)"
            )
        return where, params

    def _build(self, rows: list[tuple[Any, ...]], *, every: bool = False) -> list[Evidence]:
        """Entries from their ``rows``; ``every``: the rows are all the entries (children are then
        read without narrowing them to a list of ids)."""
        if not rows:
            return []
        ids_json = None if every else _json_ids(row[0] for row in rows)
        scope = "ORDER BY evidence_id, position"
        params: tuple[str, ...] = ()
        if ids_json is not None:
            scope = f"WHERE evidence_id IN (SELECT value FROM json_each(?)) {scope}"
            params = (ids_json,)
        tags: dict[str, list[str]] = defaultdict(list)
        for eid, tag in self.conn.execute(
            f"SELECT evidence_id, tag FROM evidence_tag {scope}", params
        ):
            tags[eid].append(tag)
        links: dict[str, list[Link]] = defaultdict(list)
        for eid, url, label in self.conn.execute(
            f"SELECT evidence_id, url, label FROM evidence_link {scope}", params
        ):
            links[eid].append(Link.model_construct(url=url, label=label))
        statements: dict[str, list[str]] = defaultdict(list)
        for eid, sid in self.conn.execute(
            f"SELECT evidence_id, statement_id FROM evidence_statement {scope}", params
        ):
            statements[eid].append(sid)
        attachments = self._attachments(ids_json)
        # Rows were validated when written: construct without validating again (fast at 10,000)
        return [
            Evidence.model_construct(
                id=uuid.UUID(row[0]),
                title=row[1],
                date_from=parse_date(row[2]),
                date_to=parse_date(row[3]),
                situation=row[4],
                task=row[5],
                action=row[6],
                result=row[7],
                description=row[8],
                reflection=row[9],
                private=bool(row[10]),
                confidential=bool(row[11]),
                confidential_fields=tuple(f for f in row[12].split(",") if f),
                created=parse_datetime(row[13]),
                modified=parse_datetime(row[14]),
                tags=tuple(tags[row[0]]),
                links=tuple(links[row[0]]),
                statement_ids=tuple(statements[row[0]]),
                attachments=tuple(attachments[row[0]]),
            )
            for row in rows
        ]

    def _attachments(self, ids_json: str | None) -> dict[str, list[AttachmentInfo]]:
        """The attachment records of the entries in ``ids_json`` (a JSON list; None: of every
        entry), in order."""
        attachments: dict[str, list[AttachmentInfo]] = defaultdict(list)
        scope = "WHERE evidence_id IN (SELECT value FROM json_each(?))" if ids_json else ""
        for eid, aid, name, media_type, size, sha, added in self.conn.execute(
            "SELECT evidence_id, id, name, media_type, size, sha256, added FROM attachment "
            f"{scope} ORDER BY evidence_id, position",
            () if ids_json is None else (ids_json,),
        ):
            attachments[eid].append(
                AttachmentInfo.model_construct(
                    id=uuid.UUID(aid),
                    name=name,
                    media_type=media_type,
                    size=size,
                    sha256=sha,
                    added=parse_datetime(added),
                )
            )
        return attachments

    def search_ids(self, text: str) -> set[str] | None:
        """Ids of entries matching ``text`` (prefix per word); None when ``text`` has no words."""
        query = fts_query(text)
        if not query:
            return None
        try:
            rows = self.conn.execute(
                "SELECT evidence_id FROM evidence_fts WHERE evidence_fts MATCH ?", (query,)
            ).fetchall()
        except sqlite3.OperationalError:
            return set()
        return {row[0] for row in rows}

    def ids_linked_to(self, statement_ids: Collection[str]) -> set[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT evidence_id FROM evidence_statement "
            "WHERE statement_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(statement_ids)),),
        )
        return {row[0] for row in rows}

    def statement_links(self) -> list[tuple[str, str]]:
        """Every (evidence id, statement id) pair."""
        rows = self.conn.execute("SELECT evidence_id, statement_id FROM evidence_statement")
        return [(row[0], row[1]) for row in rows]

    def tags(self) -> list[str]:
        """Each distinct tag once (the first spelling seen), sorted case-insensitively."""
        rows = self.conn.execute("SELECT tag_key, min(tag) FROM evidence_tag GROUP BY tag_key")
        return sorted((row[1] for row in rows), key=lambda t: (t.casefold(), t))

    # --- evidence: writes ------------------------------------------------------------------

    def insert_evidence(self, evidence: Evidence) -> None:
        """Insert an entry with its tags, links and statements (not its attachments)."""
        with self.transaction():
            stored = evidence.model_copy(update={"attachments": ()})
            cursor = self.conn.execute(
                f"INSERT INTO evidence ({_EVIDENCE_COLUMNS}, checksum) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*self._evidence_values(stored), evidence_checksum(stored)),
            )
            self._write_children(stored)
            rowid = cursor.lastrowid
            self._write_fts(stored, self._fts_rowid(str(stored.id)) if rowid is None else rowid)

    def insert_evidence_many(self, entries: Collection[Evidence]) -> None:
        """insert_evidence for many new entries at once (one transaction, bulk statements)."""
        if not entries:
            return
        with self.transaction():
            stored = [e.model_copy(update={"attachments": ()}) for e in entries]
            self.conn.executemany(
                f"INSERT INTO evidence ({_EVIDENCE_COLUMNS}, checksum) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*self._evidence_values(e), evidence_checksum(e)) for e in stored],
            )
            self._write_children_many(stored)
            rowids = dict(
                self.conn.execute(
                    "SELECT id, rowid FROM evidence WHERE id IN (SELECT value FROM json_each(?))",
                    (_json_ids(e.id for e in stored),),
                ).fetchall()
            )
            self.conn.executemany(
                "INSERT INTO evidence_fts (rowid, evidence_id, title, story, tags, links, "
                "attachments) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(rowids[str(e.id)], *_fts_values(e)) for e in stored],
            )

    def modified_times(self) -> dict[str, str]:
        """Every entry's id -> its stored ``modified`` text (ISO-8601 UTC, milliseconds)."""
        return dict(self.conn.execute("SELECT id, modified FROM evidence").fetchall())

    def update_evidence(self, evidence: Evidence) -> None:
        """Rewrite an entry's fields, tags, links and statements (attachments stay as stored)."""
        with self.transaction():
            values = self._evidence_values(evidence)
            cursor = self.conn.execute(
                "UPDATE evidence SET title = ?, date_from = ?, date_to = ?, situation = ?, "
                "task = ?, action = ?, result = ?, description = ?, reflection = ?, private = ?, "
                "confidential = ?, confidential_fields = ?, created = ?, modified = ? WHERE id = ?",
                (*values[1:], values[0]),
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no evidence entry {evidence.id}")
            eid = str(evidence.id)
            for table in ("evidence_tag", "evidence_link", "evidence_statement"):
                self.conn.execute(f"DELETE FROM {table} WHERE evidence_id = ?", (eid,))
            self._write_children(evidence)
            attachments = self._attachments(_json_ids([eid])).get(eid, [])
            stored = evidence.model_copy(update={"attachments": tuple(attachments)})
            self.conn.execute(
                "UPDATE evidence SET checksum = ? WHERE id = ?", (evidence_checksum(stored), eid)
            )
            self._write_fts(stored, self._fts_rowid(eid))

    def delete_evidence(self, evidence_id: uuid.UUID) -> None:
        with self.transaction():
            eid = str(evidence_id)
            rowid = self._fts_rowid(eid)
            cursor = self.conn.execute("DELETE FROM evidence WHERE id = ?", (eid,))
            if cursor.rowcount != 1:
                raise KeyError(f"no evidence entry {evidence_id}")
            self.conn.execute("DELETE FROM evidence_fts WHERE rowid = ?", (rowid,))

    def insert_attachment(self, evidence_id: uuid.UUID, info: AttachmentInfo, data: bytes) -> None:
        """Store an attachment's record and bytes after the entry's existing attachments."""
        with self.transaction():
            eid = str(evidence_id)
            position = self.conn.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM attachment WHERE evidence_id = ?",
                (eid,),
            ).fetchone()[0]
            self.conn.execute(
                "INSERT INTO attachment (id, evidence_id, position, name, media_type, size, "
                "sha256, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(info.id),
                    eid,
                    position,
                    info.name,
                    info.media_type,
                    info.size,
                    info.sha256,
                    format_datetime(info.added),
                ),
            )
            self.conn.execute(
                "INSERT INTO attachment_data (attachment_id, data) VALUES (?, ?)",
                (str(info.id), data),
            )
            self._refresh_derived(evidence_id)

    def delete_attachment(self, evidence_id: uuid.UUID, attachment_id: uuid.UUID) -> None:
        with self.transaction():
            cursor = self.conn.execute(
                "DELETE FROM attachment WHERE id = ? AND evidence_id = ?",
                (str(attachment_id), str(evidence_id)),
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no attachment {attachment_id} on evidence entry {evidence_id}")
            self._refresh_derived(evidence_id)

    def attachment_data(self, attachment_id: uuid.UUID) -> bytes:
        row = self.conn.execute(
            "SELECT data FROM attachment_data WHERE attachment_id = ?", (str(attachment_id),)
        ).fetchone()
        if row is None:
            raise KeyError(f"no attachment {attachment_id}")
        return bytes(row[0])

    def _evidence_values(self, evidence: Evidence) -> tuple[Any, ...]:
        return (
            str(evidence.id),
            evidence.title,
            format_date(evidence.date_from),
            format_date(evidence.date_to),
            evidence.situation,
            evidence.task,
            evidence.action,
            evidence.result,
            evidence.description,
            evidence.reflection,
            int(evidence.private),
            int(evidence.confidential),
            ",".join(evidence.confidential_fields),
            format_datetime(evidence.created),
            format_datetime(evidence.modified),
        )

    def _write_children(self, evidence: Evidence) -> None:
        eid = str(evidence.id)
        self.conn.executemany(
            "INSERT INTO evidence_tag (evidence_id, position, tag, tag_key) VALUES (?, ?, ?, ?)",
            [(eid, i, tag, tag.casefold()) for i, tag in enumerate(evidence.tags)],
        )
        self.conn.executemany(
            "INSERT INTO evidence_link (evidence_id, position, url, label) VALUES (?, ?, ?, ?)",
            [(eid, i, link.url, link.label) for i, link in enumerate(evidence.links)],
        )
        self.conn.executemany(
            "INSERT INTO evidence_statement (evidence_id, position, statement_id) VALUES (?, ?, ?)",
            [(eid, i, sid) for i, sid in enumerate(evidence.statement_ids)],
        )

    def _write_children_many(self, entries: Iterable[Evidence]) -> None:
        tags: list[tuple[str, int, str, str]] = []
        links: list[tuple[str, int, str, str]] = []
        statements: list[tuple[str, int, str]] = []
        for evidence in entries:
            eid = str(evidence.id)
            tags += [(eid, i, tag, tag.casefold()) for i, tag in enumerate(evidence.tags)]
            links += [(eid, i, link.url, link.label) for i, link in enumerate(evidence.links)]
            statements += [(eid, i, sid) for i, sid in enumerate(evidence.statement_ids)]
        self.conn.executemany(
            "INSERT INTO evidence_tag (evidence_id, position, tag, tag_key) VALUES (?, ?, ?, ?)",
            tags,
        )
        self.conn.executemany(
            "INSERT INTO evidence_link (evidence_id, position, url, label) VALUES (?, ?, ?, ?)",
            links,
        )
        self.conn.executemany(
            "INSERT INTO evidence_statement (evidence_id, position, statement_id) VALUES (?, ?, ?)",
            statements,
        )

    def _fts_rowid(self, eid: str) -> int:
        row = self.conn.execute("SELECT rowid FROM evidence WHERE id = ?", (eid,)).fetchone()
        if row is None:
            raise KeyError(f"no evidence entry {eid}")
        return int(row[0])

    def _write_fts(self, stored: Evidence, rowid: int) -> None:
        """(Re)write the entry's full-text row, keyed by the entry's rowid."""
        self.conn.execute("DELETE FROM evidence_fts WHERE rowid = ?", (rowid,))
        self.conn.execute(
            "INSERT INTO evidence_fts (rowid, evidence_id, title, story, tags, links, attachments) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (rowid, *_fts_values(stored)),
        )

    def _refresh_derived(self, evidence_id: uuid.UUID) -> None:
        """Recompute the stored checksum and the full-text row from what is now stored."""
        stored = self.get_evidence(evidence_id)
        if stored is None:
            raise KeyError(f"no evidence entry {evidence_id}")
        eid = str(evidence_id)
        self.conn.execute(
            "UPDATE evidence SET checksum = ? WHERE id = ?", (evidence_checksum(stored), eid)
        )
        self._write_fts(stored, self._fts_rowid(eid))

    # --- integrity -------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """Everything wrong with the file, one line each (empty when sound)."""
        from ssup_desktop.storage.integrity import find_problems

        return find_problems(self)
