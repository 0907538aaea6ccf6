"""The read side of PortfolioStore: listing, filtering and full-text search of evidence."""

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
from typing import TYPE_CHECKING, Any

from ssup_desktop.storage.rows import (
    EvidenceRow,
    parse_date,
    parse_datetime,
)

if TYPE_CHECKING:  # pydantic models: built only when entries are read, never at start-up
    from ssup_desktop.domain.evidence import AttachmentInfo, Evidence, Link

_WORD = re.compile(r"\w+", re.UNICODE)
EVIDENCE_COLUMNS = (
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
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many (acyclic) objects at once: its
    passes over a large heap would otherwise cost more than the building itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def json_ids(ids: Iterable[object]) -> str:
    return json.dumps(sorted(str(i) for i in ids))


_STORY_FIELDS = ("situation", "task", "action", "result", "description", "reflection")


def fts_values(entry: Evidence) -> tuple[str, str, str, str, str, str]:
    """An entry's full-text columns: id, title, story, tags, links, attachment names."""
    return (
        str(entry.id),
        entry.title,
        "\n".join(getattr(entry, name) for name in _STORY_FIELDS),
        " ".join(entry.tags),
        " ".join(f"{link.label} {link.url}" for link in entry.links),
        " ".join(a.name for a in entry.attachments),
    )


class EvidenceReads:
    """Evidence queries over ``conn`` (PortfolioStore inherits them)."""

    conn: sqlite3.Connection

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
        sql = f"SELECT {EVIDENCE_COLUMNS} FROM evidence e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        with gc_paused():
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
            (json_ids(ids),),
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

    def list_rows(
        self, ids: Collection[str] | None = None, *, ordered: bool = False
    ) -> list[EvidenceRow]:
        """The evidence log's columns of these entries (all when None), in 4 queries; unordered,
        or with ``ordered`` in list_evidence's order (newest first, undated last)."""
        with gc_paused():
            return self._list_rows(ids, ordered)

    def _list_rows(self, ids: Collection[str] | None, ordered: bool) -> list[EvidenceRow]:
        scope = ""
        params: tuple[str, ...] = ()
        if ids is not None:
            scope = "WHERE {} IN (SELECT value FROM json_each(?))"
            params = (json_ids(ids),)
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
                created=created,
                statement_ids=tuple(statements[eid]) if eid in statements else empty,
                tags=tuple(tags[eid]) if eid in tags else empty,
                attachment_names=tuple(names[eid]) if eid in names else empty,
            )
            for rowid, eid, title, date_from, date_to, modified, created in self.conn.execute(
                "SELECT e.rowid, id, title, date_from, date_to, modified, created FROM evidence e "
                + scope.format("id")
                + (f" {_ORDER}" if ordered else ""),
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
            params.append(json_ids(ids))
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
        ids_json = None if every else json_ids(row[0] for row in rows)
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
        from ssup_desktop.domain.evidence import Evidence, Link  # pydantic: not at start-up

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
        from ssup_desktop.domain.evidence import AttachmentInfo  # pydantic: not at start-up

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
