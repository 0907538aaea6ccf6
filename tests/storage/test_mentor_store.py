"""Schema 3 (mentor tables): migration from every earlier schema keeps data; owner name peek."""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path

import pytest

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.mentor import Action, EntryComment, Session, Verdict, VerdictKind
from ssup_desktop.domain.mentor import evidence_hash as hash_of
from ssup_desktop.domain.profile import Profile
from ssup_desktop.storage import PortfolioStore, db
from ssup_desktop.storage.mentor_store import MentorStore
from ssup_desktop.storage.owner import read_owner_name

MENTOR_TABLES = {"mentor_session", "mentor_verdict", "mentor_entry_comment", "mentor_action"}


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall()
    return {row[0] for row in rows}


@pytest.mark.parametrize("start", [1, 2])
def test_migration_to_schema_3_keeps_earlier_data(tmp_path: Path, start: int) -> None:
    path = tmp_path / "old.ssup"
    store = PortfolioStore(db.create_connection(path, upto=start), path)
    store.put_profile(Profile(owner_name="Alex Morgan"))
    entry = Evidence(title="Kept", statement_ids=("ssup-3-1",))
    store.insert_evidence(entry)
    if start == 2:
        store.conn.execute(
            "INSERT INTO assessment (statement_id, rating, note, modified) "
            "VALUES ('ssup-3-1', 'developing', 'n', '2025-01-01T00:00:00.000Z')"
        )
    assert not MENTOR_TABLES & _tables(store.conn)
    store.close()

    reopened = PortfolioStore.open(path)
    assert db.schema_version(reopened.conn) == db.LATEST_SCHEMA >= 3
    assert _tables(reopened.conn) >= MENTOR_TABLES
    assert reopened.get_profile().owner_name == "Alex Morgan"
    stored = reopened.get_evidence(entry.id)
    assert stored is not None and stored.title == "Kept"
    if start == 2:
        assert reopened.conn.execute("SELECT count(*) FROM assessment").fetchone()[0] == 1
    assert reopened.problems() == []
    reopened.close()


def test_records_round_trip_and_sessions_collect_their_verdicts(tmp_path: Path) -> None:
    store = PortfolioStore.create(tmp_path / "p.ssup")
    rows = MentorStore(store)
    pid = store.get_profile().portfolio_id
    session = Session(review_of=pid, mentor_name="Jordan Lee", focus_levels=(3, 4), notes="n")
    verdict = Verdict(
        review_of=pid,
        session_id=session.id,
        statement_id="ssup-3-1",
        kind=VerdictKind.AGREED,
        comment="ok",
        evidence_ids=(uuid.uuid4(),),
        evidence_hash=hash_of([]),
    )
    comment = EntryComment(review_of=pid, session_id=session.id, evidence_id=uuid.uuid4(), text="c")
    action = Action(review_of=pid, session_id=session.id, text="Do it", owner="Sam")
    for record in (session, verdict, comment, action):
        rows.put(record)
    assert rows.verdicts() == [verdict]
    assert rows.comments() == [comment]
    assert rows.actions() == [action]
    loaded = rows.sessions()[0]
    assert loaded.verdict_ids == (verdict.id,)
    assert loaded.actions == (action,)
    assert loaded.model_copy(update={"verdict_ids": (), "actions": ()}) == session
    rows.put(session.model_copy(update={"notes": "changed"}))  # upsert keeps the links
    assert rows.sessions()[0].verdict_ids == (verdict.id,)
    rows.delete(Verdict, verdict.id)
    assert rows.verdicts() == []
    with pytest.raises(KeyError):
        rows.delete(Verdict, verdict.id)
    store.close()


def test_read_owner_name_peeks_without_changing_the_file(tmp_path: Path) -> None:
    path = tmp_path / "p.ssup"
    store = PortfolioStore.create(path, Profile(owner_name="  Priya   Shah "))
    store.close()
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    before = path.read_bytes()
    assert read_owner_name(path) == "Priya Shah"
    assert path.read_bytes() == before

    unnamed = tmp_path / "unnamed.ssup"
    PortfolioStore.create(unnamed).close()
    assert read_owner_name(unnamed) is None


def test_read_owner_name_of_non_portfolios_is_none(tmp_path: Path) -> None:
    assert read_owner_name(tmp_path / "missing.ssup") is None
    text = tmp_path / "notes.ssup"
    text.write_text("hello")
    assert read_owner_name(text) is None
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE profile (id INTEGER, owner_name TEXT)")
    conn.execute("INSERT INTO profile VALUES (1, 'Not ours')")
    conn.commit()
    conn.close()
    assert read_owner_name(other) is None
    damaged = tmp_path / "damaged.ssup"
    PortfolioStore.create(damaged, Profile(owner_name="X")).close()
    data = bytearray(damaged.read_bytes())
    data[100:4096] = os.urandom(3996)
    damaged.write_bytes(bytes(data))
    assert read_owner_name(damaged) in (None, "X")
