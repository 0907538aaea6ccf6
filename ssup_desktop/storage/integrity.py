"""Integrity checks of one portfolio file, each returning one line per problem found."""

from __future__ import annotations

import hashlib
import sqlite3
from typing import TYPE_CHECKING

from pydantic import ValidationError

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.storage import db
from ssup_desktop.storage.rows import evidence_checksum

if TYPE_CHECKING:
    from ssup_desktop.storage.portfolio import PortfolioStore


def find_problems(store: PortfolioStore) -> list[str]:
    """SQLite integrity, foreign keys, schema version, attachment hashes, entry checksums."""
    conn = store.conn
    try:
        found = integrity_problems(conn) + foreign_key_problems(conn) + schema_problems(conn)
        if found:
            return found
        return attachment_problems(conn) + checksum_problems(store)
    except sqlite3.DatabaseError as exc:
        return [f"cannot read the file: {exc}"]


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    messages = [str(row[0]) for row in conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if messages == ["ok"] else [f"integrity check: {m}" for m in messages]


def foreign_key_problems(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    return [f"table {row[0]} row {row[1]}: refers to a missing {row[2]} row" for row in rows]


def schema_problems(conn: sqlite3.Connection) -> list[str]:
    version = db.schema_version(conn)
    if version != db.LATEST_SCHEMA:
        return [f"schema version {version}, expected {db.LATEST_SCHEMA}"]
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id != db.APPLICATION_ID:
        return [f"application id {app_id}, expected {db.APPLICATION_ID}"]
    return []


def attachment_problems(conn: sqlite3.Connection) -> list[str]:
    """Attachments whose bytes are missing or no longer match the stored size and sha256."""
    found: list[str] = []
    rows = conn.execute(
        "SELECT a.id, a.name, a.size, a.sha256, d.data, a.evidence_id, "
        "CAST(e.title AS BLOB) FROM attachment a "
        "LEFT JOIN attachment_data d ON d.attachment_id = a.id "
        "LEFT JOIN evidence e ON e.id = a.evidence_id ORDER BY a.id"
    )
    for aid, name, size, sha, data, eid, title in rows:
        entry = f"evidence entry {_text(title)!r} ({eid}): "
        if data is None:
            found.append(f"{entry}attachment {name!r} ({aid}): its data is missing")
        elif len(data) != size or hashlib.sha256(data).hexdigest() != sha:
            found.append(f"{entry}attachment {name!r} ({aid}): data does not match its sha256")
    orphans = conn.execute(
        "SELECT attachment_id FROM attachment_data "
        "WHERE attachment_id NOT IN (SELECT id FROM attachment) ORDER BY 1"
    )
    found += [f"attachment data {row[0]}: belongs to no attachment" for row in orphans]
    return found


def _text(raw: bytes | None) -> str:
    """Stored text as str even when its bytes were damaged (invalid UTF-8 shown replaced)."""
    return "" if raw is None else bytes(raw).decode("utf-8", "replace")


def checksum_problems(store: PortfolioStore) -> list[str]:
    """Entries whose stored checksum no longer matches their content (or cannot be read)."""
    rows = store.conn.execute("SELECT id, checksum, CAST(title AS BLOB) FROM evidence")
    stored = {row[0]: (row[1], _text(row[2])) for row in rows.fetchall()}
    found: list[str] = []
    for evidence_id, (checksum, title) in sorted(stored.items()):
        try:
            entry = store.list_evidence(ids=[evidence_id])[0]
            # Reads skip validation for speed; the check must not: a row can break the model
            # (an empty title, an end before the start) and still carry a matching checksum.
            Evidence.model_validate(entry.model_dump())
        except (ValidationError, ValueError, sqlite3.OperationalError) as exc:
            # invalid UTF-8 inside the row's text raises OperationalError ("Could not decode")
            first = str(exc).splitlines()[0][:200]
            found.append(f"evidence entry {title!r} ({evidence_id}): unreadable ({first})")
            continue
        if checksum != evidence_checksum(entry):
            found.append(
                f"evidence entry {entry.title!r} ({evidence_id}): "
                "checksum does not match its content"
            )
    return found
