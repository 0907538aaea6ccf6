"""Progress rows: schema 2 upgrade keeps data; assessments, history, actions, preferences."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.progress import ActionSource, HistoryKind, Rating
from ssup_desktop.domain.progress_records import Assessment, HistoryRecord, PlanAction
from ssup_desktop.storage import db
from ssup_desktop.storage.portfolio import PortfolioStore
from ssup_desktop.storage.progress_store import ProgressStore

T1 = datetime(2026, 1, 2, 3, 4, 5, 6000, tzinfo=UTC)
T2 = datetime(2026, 2, 2, 3, 4, 5, tzinfo=UTC)


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall()
    return {row[0] for row in rows}


def test_upgrade_from_schema_1_keeps_every_entry_and_the_profile(tmp_path: Path) -> None:
    path = tmp_path / "old.ssup"
    old = PortfolioStore(db.create_connection(path, upto=1), path)
    old.put_profile(Profile(owner_name="Sam", current_level=3, target_level=4))
    entry = Evidence(title="Demo", date_from=date(2025, 5, 1), statement_ids=("ssup-3-1",))
    old.insert_evidence(entry)
    assert "assessment" not in _tables(old.conn)
    old.close()

    store = PortfolioStore.open(path)
    assert db.schema_version(store.conn) == db.LATEST_SCHEMA
    assert {"assessment", "assessment_history", "plan_action", "preference"} <= _tables(store.conn)
    profile = store.get_profile()
    assert (profile.owner_name, profile.current_level, profile.target_level) == ("Sam", 3, 4)
    assert [e.title for e in store.list_evidence()] == ["Demo"]
    assert store.problems() == []
    rows = ProgressStore(store)
    assert rows.assessments() == [] and rows.actions() == [] and rows.history() == []
    store.close()


@pytest.fixture
def rows(tmp_path: Path) -> ProgressStore:
    return ProgressStore(PortfolioStore.create(tmp_path / "p.ssup"))


def test_assessment_round_trip_and_replace(rows: ProgressStore) -> None:
    first = Assessment(statement_id="ssup-4-1", rating=Rating.DEVELOPING, note="x", modified=T1)
    rows.put_assessment(first)
    assert rows.assessment("ssup-4-1") == first
    second = first.model_copy(update={"rating": Rating.DEMONSTRATED, "modified": T2})
    rows.put_assessment(second)
    assert rows.assessments() == [second]
    rows.delete_assessment("ssup-4-1")
    assert rows.assessment("ssup-4-1") is None


def test_history_is_newest_first_and_filtered_by_statement(rows: ProgressStore) -> None:
    a = HistoryRecord(statement_id="ssup-4-1", changed=T1, old=None, new="developing", note="n")
    b = HistoryRecord(
        statement_id="ssup-3-1", changed=T2, old="not_yet", new="agreed", kind=HistoryKind.MENTOR
    )
    rows.add_history(a)
    rows.add_history(b)
    assert rows.history() == [b, a]
    assert rows.history({"ssup-4-1"}) == [a]
    assert rows.has_history(a.id)
    rows.delete_history(a.id)
    assert rows.history() == [b]


def test_actions_sort_open_by_due_then_done(rows: ProgressStore) -> None:
    late = PlanAction(text="Later", due=date(2027, 1, 1), created=T1, modified=T1)
    soon = PlanAction(text="Soon", due=date(2026, 3, 1), created=T2, modified=T2)
    undated = PlanAction(text="Some day", created=T1, modified=T1)
    done = PlanAction(
        text="Done",
        due=date(2025, 1, 1),
        done=True,
        done_at=T2,
        source=ActionSource.MENTOR,
        statement_id="ssup-4-2",
        level=4,
        created=T1,
        modified=T2,
    )
    for action in (late, done, undated, soon):
        rows.insert_action(action)
    assert [a.text for a in rows.actions()] == ["Soon", "Later", "Some day", "Done"]
    assert rows.get_action(done.id) == done
    rows.update_action(late.model_copy(update={"text": "Much later"}))
    assert rows.get_action(late.id) is not None
    assert rows.get_action(late.id).text == "Much later"  # type: ignore[union-attr]
    rows.delete_action(soon.id)
    assert rows.get_action(soon.id) is None
    with pytest.raises(KeyError):
        rows.delete_action(uuid.uuid4())
    with pytest.raises(KeyError):
        rows.update_action(PlanAction(text="ghost"))


def test_preferences_store_json(rows: ProgressStore) -> None:
    assert rows.preference("recency_years") is None
    rows.set_preference("recency_years", 5)
    assert rows.preference("recency_years") == 5


def test_a_failed_write_inside_a_transaction_leaves_nothing(rows: ProgressStore) -> None:
    action = PlanAction(text="Once")
    with pytest.raises(sqlite3.IntegrityError), rows.store.transaction():
        rows.put_assessment(Assessment(statement_id="ssup-2-1", rating=Rating.NOT_YET))
        rows.insert_action(action)
        rows.insert_action(action)
    assert rows.assessments() == [] and rows.actions() == []
