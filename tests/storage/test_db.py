"""The connection layer: transactions, migrations, refusing foreign or damaged files."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from ssup_desktop.storage import db
from ssup_desktop.storage.db import (
    APPLICATION_ID,
    LATEST_SCHEMA,
    MIGRATIONS,
    NewerSchemaError,
    NotAPortfolioError,
    PortfolioDamagedError,
    PortfolioExistsError,
    PortfolioNotFoundError,
)


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall()
    return {row[0] for row in rows}


def test_create_sets_application_id_schema_and_owner_only_mode(tmp_path: Path) -> None:
    path = tmp_path / "p.ssup"
    conn = db.create_connection(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.schema_version(conn) == LATEST_SCHEMA
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"profile", "evidence", "attachment", "attachment_data"} <= _tables(conn)
    conn.close()
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


def test_create_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "p.ssup"
    path.write_bytes(b"keep me")
    with pytest.raises(PortfolioExistsError, match="already exists"):
        db.create_connection(path)
    assert path.read_bytes() == b"keep me"


def test_transaction_commits(tmp_path: Path) -> None:
    conn = db.create_connection(tmp_path / "p.ssup")
    conn.execute("CREATE TABLE t (x INTEGER)")
    with db.transaction(conn):
        conn.execute("INSERT INTO t VALUES (1)")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1
    conn.close()


def test_transaction_rolls_back_everything_on_error(tmp_path: Path) -> None:
    conn = db.create_connection(tmp_path / "p.ssup")
    conn.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(RuntimeError, match="boom"), db.transaction(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        conn.execute("INSERT INTO t VALUES (2)")
        raise RuntimeError("boom")
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    with db.transaction(conn):  # the connection is usable again
        conn.execute("INSERT INTO t VALUES (3)")
    assert conn.execute("SELECT x FROM t").fetchall() == [(3,)]
    conn.close()


def test_transaction_is_immediate_so_a_second_writer_waits(tmp_path: Path) -> None:
    path = tmp_path / "p.ssup"
    conn = db.create_connection(path)
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    # BEGIN IMMEDIATE holds the write lock from the start, before any write.
    with db.transaction(conn), pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()
    conn.close()


def test_nested_transaction_is_refused(tmp_path: Path) -> None:
    conn = db.create_connection(tmp_path / "p.ssup")
    with (
        pytest.raises(RuntimeError, match="already open"),
        db.transaction(conn),
        db.transaction(conn),
    ):
        pass
    assert not conn.in_transaction
    conn.close()


def test_migrations_are_numbered_from_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_SCHEMA + 1))


@pytest.mark.parametrize("start", range(LATEST_SCHEMA))
def test_migrates_from_every_earlier_version(tmp_path: Path, start: int) -> None:
    """A file left at schema ``start`` opens and is brought to the latest schema."""
    path = tmp_path / "old.ssup"
    if start == 0:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    else:
        conn = db.create_connection(path, upto=start)
        assert db.schema_version(conn) == start
    conn.close()
    migrated = db.open_connection(path)
    assert db.schema_version(migrated) == LATEST_SCHEMA
    assert migrated.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    migrated.close()


def test_second_open_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "p.ssup"
    db.create_connection(path).close()
    conn = db.open_connection(path)
    before = conn.execute("SELECT sql FROM sqlite_schema ORDER BY name").fetchall()
    conn.close()
    conn = db.open_connection(path)
    assert conn.execute("SELECT sql FROM sqlite_schema ORDER BY name").fetchall() == before
    assert db.schema_version(conn) == LATEST_SCHEMA
    conn.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.ssup"
    conn = db.create_connection(path)
    conn.execute(f"PRAGMA user_version = {LATEST_SCHEMA + 5}")
    conn.close()
    with pytest.raises(NewerSchemaError) as caught:
        db.open_connection(path)
    assert str(caught.value) == (
        f"{path}: made by a newer version of SSUP Desktop "
        f"(schema {LATEST_SCHEMA + 5}, this version reads up to {LATEST_SCHEMA})"
    )


@pytest.mark.parametrize(
    "content",
    [b"", b"hello, not a database", b"SQLite format 3\x00" + b"\xff" * 200, os.urandom(4096)],
    ids=["empty", "text", "scrambled-header", "random"],
)
def test_non_portfolio_files_are_refused_and_left_alone(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "p.ssup"
    path.write_bytes(content)
    with pytest.raises((NotAPortfolioError, PortfolioDamagedError)) as caught:
        db.open_connection(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content


def test_truncated_portfolio_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "p.ssup"
    conn = db.create_connection(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    content = path.read_bytes()[:1000]
    path.write_bytes(content)
    with pytest.raises(PortfolioDamagedError, match=str(path)):
        db.open_connection(path)
    assert path.read_bytes() == content


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    content = path.read_bytes()
    with pytest.raises(NotAPortfolioError) as caught:
        db.open_connection(path)
    assert str(caught.value) == f"{path}: not an SSUP Desktop portfolio"
    assert path.read_bytes() == content


def test_missing_file_and_directory_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PortfolioNotFoundError, match="no such portfolio file"):
        db.open_connection(tmp_path / "missing.ssup")
    with pytest.raises(PortfolioNotFoundError, match="not a file"):
        db.open_connection(tmp_path)
    assert not (tmp_path / "missing.ssup").exists()


def test_split_statements_keeps_triggers_whole() -> None:
    script = (
        "-- comment\nCREATE TABLE a (x);\n"
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE a SET x = 1;\nEND;\n"
    )
    statements = db.split_statements(script)
    assert len(statements) == 2
    assert statements[1].endswith("END;")


def test_migration_to_schema_4_keeps_search_working(tmp_path: Path) -> None:
    """0003 -> 0004 re-keys the full-text index by the entries' rowids: search, edit, delete."""
    from ssup_desktop.domain.evidence import AttachmentInfo, Evidence, Link
    from ssup_desktop.storage import PortfolioStore

    path = tmp_path / "old.ssup"
    conn = db.create_connection(path, upto=3)
    old = PortfolioStore(conn, path)
    first = Evidence(
        title="Quarterly proposal",
        action="Demonstration for Contoso",
        tags=("Pricing",),
        links=(Link(url="https://crm.example/1", label="opportunity"),),
    )
    second = Evidence(title="Bid clean-up", reflection="learned negotiation")
    old.insert_evidence(first)
    old.insert_evidence(second)
    info = AttachmentInfo(name="roadmap.pdf", media_type="application/pdf", size=1, sha256="0" * 64)
    old.insert_attachment(second.id, info, b"x")
    # as schema 3 stored them: full-text rows numbered on their own, not by the entries' rowids
    conn.execute("UPDATE evidence_fts SET rowid = rowid + 100")
    old.close()

    store = PortfolioStore.open(path)
    assert db.schema_version(store.conn) == LATEST_SCHEMA >= 4
    for text, expected in (
        ("propo", {first.id}),
        ("contoso", {first.id}),
        ("pricing", {first.id}),
        ("opportunity", {first.id}),
        ("negot", {second.id}),
        ("roadmap", {second.id}),
        ("c", {first.id, second.id}),  # one-letter prefixes (prefix index)
    ):
        assert store.search_ids(text) == {str(i) for i in expected}, text
    fts_rows = store.conn.execute("SELECT rowid, evidence_id FROM evidence_fts").fetchall()
    entry_rows = store.conn.execute("SELECT rowid, id FROM evidence").fetchall()
    assert sorted(fts_rows) == sorted(entry_rows)
    store.update_evidence(first.model_copy(update={"title": "Quarterly forecast"}))
    assert store.search_ids("propo") == set()
    assert store.search_ids("forecast") == {str(first.id)}
    store.delete_evidence(second.id)
    assert store.search_ids("negot") == set()
    assert store.conn.execute("SELECT count(*) FROM evidence_fts").fetchone()[0] == 1
    assert store.problems() == []
    store.close()


def _closed_portfolio(path: Path, schema: int = LATEST_SCHEMA) -> Path:
    db.create_connection(path, upto=schema).close()
    return path


def test_the_damage_check_runs_in_the_background_for_a_file_opening_cannot_write(
    tmp_path: Path,
) -> None:
    path = _closed_portfolio(tmp_path / "p.ssup")  # WAL, no -wal left: as the app leaves it
    check = db.IntegrityCheck(path)
    conn = db.open_connection(path, integrity=check)
    try:
        assert check.in_background
        check.wait()  # sound: returns
        check.wait()  # and says so again
    finally:
        conn.close()


def _rollback_journal(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def _frames_left_in_the_wal(path: Path) -> sqlite3.Connection:
    keeper = sqlite3.connect(path)  # holds the WAL open, as a crashed writer would leave it
    keeper.execute("PRAGMA wal_autocheckpoint = 0")
    keeper.execute("CREATE TABLE scratch (x)")
    return keeper


@pytest.mark.parametrize(
    "why",
    ["a migration is due", "the file uses a rollback journal", "the -wal file holds frames"],
)
def test_the_damage_check_runs_first_when_opening_would_write(tmp_path: Path, why: str) -> None:
    path = tmp_path / "p.ssup"
    keeper = None
    if why == "a migration is due":
        _closed_portfolio(path, schema=LATEST_SCHEMA - 1)
    else:
        _closed_portfolio(path)
    if why == "the file uses a rollback journal":
        _rollback_journal(path)
    if why == "the -wal file holds frames":
        keeper = _frames_left_in_the_wal(path)
        assert Path(f"{path}-wal").stat().st_size > 0
    check = db.IntegrityCheck(path)
    try:
        db.open_connection(path, integrity=check).close()
        assert not check.in_background
        check.wait()  # already decided: sound
    finally:
        if keeper is not None:
            keeper.close()


def test_a_damage_found_in_the_background_is_raised_by_wait(tmp_path: Path) -> None:
    path = _closed_portfolio(tmp_path / "p.ssup")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE filler (x)")
    conn.executemany("INSERT INTO filler VALUES (?)", [(os.urandom(900),) for _ in range(200)])
    conn.commit()
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    data[(pages - 2) * page_size : (pages - 1) * page_size] = os.urandom(page_size)
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    check = db.IntegrityCheck(path)
    conn = db.open_connection(path, integrity=check)
    try:
        assert check.in_background
        with pytest.raises(PortfolioDamagedError, match=f"^{path}: damaged portfolio file"):
            check.wait()
        with pytest.raises(PortfolioDamagedError):
            check.wait()
    finally:
        conn.close()
    assert path.read_bytes() == before


def test_a_check_that_cannot_run_refuses_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _closed_portfolio(tmp_path / "p.ssup")
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        if threading.current_thread().name == "ssup-quick-check":
            raise MemoryError("no memory left for the check")
        conn: sqlite3.Connection = real_connect(*args, **kwargs)
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    check = db.IntegrityCheck(path)
    conn = db.open_connection(path, integrity=check)
    try:
        assert check.in_background
        with pytest.raises(db.PortfolioError, match=f"^{path}: could not be checked for damage"):
            check.wait()
    finally:
        conn.close()
