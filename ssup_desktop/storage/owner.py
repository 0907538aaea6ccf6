"""A fast, read-only look at a portfolio file's owner name (for Open Recent), never migrating it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ssup_desktop.storage.db import APPLICATION_ID, SQLITE_HEADER


def read_owner_name(path: Path) -> str | None:
    """The owner name in the file's profile; None if unset, unreadable or not a portfolio.

    Opens the file read-only (``mode=ro``) with a short busy timeout: the file is not migrated,
    and nothing is written to it.
    """
    try:
        with path.open("rb") as stream:
            if stream.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5, check_same_thread=False
        )
    except (OSError, sqlite3.Error):
        return None
    try:
        if int(conn.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
            return None
        row = conn.execute("SELECT owner_name FROM profile WHERE id = 1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if row is None or not isinstance(row[0], str):
        return None
    name = " ".join(row[0].split())
    return name or None
