"""PortfolioStore: rows <-> domain objects for one portfolio file; the only code that writes SQL."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.sfia import Edition
from ssup_desktop.storage import db
from ssup_desktop.storage.errors import PortfolioError
from ssup_desktop.storage.evidence_reads import (
    EVIDENCE_COLUMNS,
    EvidenceReads,
    fts_values,
    json_ids,
)
from ssup_desktop.storage.lock import PortfolioLock
from ssup_desktop.storage.rows import (
    evidence_checksum,
    format_date,
    format_datetime,
    parse_datetime,
)

if TYPE_CHECKING:  # pydantic models, needed here only for types: opening never loads them
    from ssup_desktop.domain.evidence import AttachmentInfo, Evidence


class PortfolioStore(EvidenceReads):
    """One open portfolio file. Every public write is one transaction, committed at once."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, lock: PortfolioLock | None = None
    ) -> None:
        self.conn = conn
        self.path = path
        self.lock = lock
        self._depth = 0

    # The damage check that open(check_in_background=True) left running; see wait_until_checked.
    integrity: db.IntegrityCheck | None = None

    @classmethod
    def open(
        cls, path: Path, *, backups_dir: Path | None = None, check_in_background: bool = False
    ) -> PortfolioStore:
        """Open (one writer at a time: see storage/lock.py); an older file is backed up to
        ``backups_dir`` before it is upgraded. ``check_in_background``: the damage check (every
        page read) goes on in a worker thread; call ``wait_until_checked`` before any write."""
        lock = PortfolioLock.acquire(path)
        integrity = db.IntegrityCheck(path) if check_in_background else None
        try:
            store = cls(
                db.open_connection(path, backups_dir=backups_dir, integrity=integrity), path, lock
            )
        except BaseException:
            if integrity is not None:  # its connection is closed before the file is let go
                integrity.join()
            lock.release()
            raise
        store.integrity = integrity
        return store

    def wait_until_checked(self) -> None:
        """The verdict of the check open(check_in_background=True) started: returns when the
        file is sound, raises PortfolioDamagedError when it is not. Idempotent."""
        if self.integrity is not None:
            self.integrity.wait()

    def found_sound(self) -> bool:
        """False when the damage check found the file damaged (waits for it if running)."""
        try:
            self.wait_until_checked()
        except PortfolioError:
            return False
        return True

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

    # --- evidence: writes ------------------------------------------------------------------

    def insert_evidence(self, evidence: Evidence) -> None:
        """Insert an entry with its tags, links and statements (not its attachments)."""
        with self.transaction():
            stored = evidence.model_copy(update={"attachments": ()})
            cursor = self.conn.execute(
                f"INSERT INTO evidence ({EVIDENCE_COLUMNS}, checksum) "
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
                f"INSERT INTO evidence ({EVIDENCE_COLUMNS}, checksum) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*self._evidence_values(e), evidence_checksum(e)) for e in stored],
            )
            self._write_children_many(stored)
            rowids = dict(
                self.conn.execute(
                    "SELECT id, rowid FROM evidence WHERE id IN (SELECT value FROM json_each(?))",
                    (json_ids(e.id for e in stored),),
                ).fetchall()
            )
            self.conn.executemany(
                "INSERT INTO evidence_fts (rowid, evidence_id, title, story, tags, links, "
                "attachments) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(rowids[str(e.id)], *fts_values(e)) for e in stored],
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
            attachments = self._attachments(json_ids([eid])).get(eid, [])
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
            (rowid, *fts_values(stored)),
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
