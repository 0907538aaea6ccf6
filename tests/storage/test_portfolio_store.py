"""PortfolioStore: fields round-trip, full-text search is safe, integrity helpers find damage."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ssup_desktop.domain.evidence import AttachmentInfo, Evidence, Link
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.sfia import Edition
from ssup_desktop.storage import PortfolioStore
from ssup_desktop.storage.evidence_reads import fts_query
from ssup_desktop.storage.rows import evidence_checksum, format_datetime


@pytest.fixture
def store(tmp_path: Path) -> Iterator[PortfolioStore]:
    opened = PortfolioStore.create(tmp_path / "p.ssup")
    yield opened
    opened.close()


def _full_entry() -> Evidence:
    return Evidence(
        title="Demo for Contoso — ünïcode",
        date_from=date(2024, 3, 1),
        date_to=date(2024, 3, 15),
        situation="S text",
        task="T text",
        action="A text",
        result="R text",
        description="D text",
        reflection="Refl text",
        tags=("Demo", "RFP"),
        links=(Link(url="https://example.com/x", label="deck"), Link(url="mailto:a@b.c")),
        statement_ids=("ssup-3-2", "ssup-4-1"),
        private=True,
        confidential=True,
        confidential_fields=("title", "result"),
        created=datetime(2024, 3, 2, 8, 0, 0, 123000, tzinfo=UTC),
        modified=datetime(2024, 3, 3, 9, 30, 1, 456000, tzinfo=UTC),
    )


def test_profile_round_trips(store: PortfolioStore) -> None:
    profile = Profile(
        owner_name="Alex",
        role="Pre-sales",
        organisation="Northwind",
        edition=Edition.SFIA7,
        current_level=3,
        target_level=4,
        created=datetime(2023, 1, 1, tzinfo=UTC),
        modified=datetime(2023, 2, 1, 12, 0, 0, 5000, tzinfo=UTC),
    )
    store.put_profile(profile)
    assert store.get_profile() == profile


def test_every_evidence_field_round_trips(tmp_path: Path, store: PortfolioStore) -> None:
    entry = _full_entry()
    store.insert_evidence(entry)
    data = b"\x89PNG fake bytes"
    info = AttachmentInfo(
        name="chart.png",
        media_type="image/png",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        added=datetime(2024, 3, 4, tzinfo=UTC),
    )
    store.insert_attachment(entry.id, info, data)
    store.close()
    reopened = PortfolioStore.open(tmp_path / "p.ssup")
    loaded = reopened.get_evidence(entry.id)
    assert loaded == entry.model_copy(update={"attachments": (info,)})
    assert reopened.attachment_data(info.id) == data
    assert reopened.problems() == []
    reopened.close()


def test_datetimes_are_stored_as_utc_text_with_milliseconds(store: PortfolioStore) -> None:
    store.insert_evidence(_full_entry())
    row = store.conn.execute("SELECT created, modified, date_from FROM evidence").fetchone()
    assert row == ("2024-03-02T08:00:00.123Z", "2024-03-03T09:30:01.456Z", "2024-03-01")


def test_update_replaces_children_and_checksum(store: PortfolioStore) -> None:
    entry = _full_entry()
    store.insert_evidence(entry)
    changed = entry.model_copy(update={"tags": ("Other",), "links": (), "statement_ids": ()})
    store.update_evidence(changed)
    assert store.get_evidence(entry.id) == changed
    stored = store.conn.execute("SELECT checksum FROM evidence").fetchone()[0]
    assert stored == evidence_checksum(changed)
    assert store.search_ids("demo") == {str(entry.id)}
    assert store.search_ids("rfp") == set()


def test_update_of_a_missing_entry_raises(store: PortfolioStore) -> None:
    with pytest.raises(KeyError):
        store.update_evidence(_full_entry())


def test_delete_cascades_and_clears_search(store: PortfolioStore) -> None:
    entry = _full_entry()
    store.insert_evidence(entry)
    info = AttachmentInfo(name="a.txt", size=1, sha256=hashlib.sha256(b"x").hexdigest())
    store.insert_attachment(entry.id, info, b"x")
    store.delete_evidence(entry.id)
    for table in ("evidence_tag", "evidence_link", "evidence_statement", "attachment"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM attachment_data").fetchone()[0] == 0
    assert store.search_ids("demo") == set()


def test_failed_write_leaves_nothing(store: PortfolioStore) -> None:
    entry = _full_entry()
    with pytest.raises(RuntimeError), store.transaction():
        store.insert_evidence(entry)
        raise RuntimeError("disk trouble")
    assert store.evidence_count() == 0
    assert store.search_ids("demo") == set()


@pytest.mark.parametrize(
    "text",
    ['"', "AND", "*", "NEAR(", "a OR", "^", "-x", "col:x", "(((", "'", "🙂", "ü", "\x00", " "],
)
def test_search_never_raises_on_tricky_input(store: PortfolioStore, text: str) -> None:
    store.insert_evidence(_full_entry())
    result = store.search_ids(text)
    assert result is None or isinstance(result, set)


def test_search_finds_prefixes_across_every_text_field(store: PortfolioStore) -> None:
    entry = _full_entry()
    store.insert_evidence(entry)
    info = AttachmentInfo(
        name="pricing-sheet.xlsx", size=1, sha256=hashlib.sha256(b"x").hexdigest()
    )
    store.insert_attachment(entry.id, info, b"x")
    expected = {str(entry.id)}
    for text in ("Cont", "unicode", "refl", "deck", "example.com", "pricing", "rf", "S text"):
        assert store.search_ids(text) == expected, text
    assert store.search_ids("nothing") == set()


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('say "hi" NEAR(') == '"say"* "hi"* "NEAR"*'
    assert fts_query("***") == ""


def test_listing_uses_a_fixed_number_of_queries(store: PortfolioStore) -> None:
    for n in range(20):
        store.insert_evidence(
            _full_entry().model_copy(update={"id": uuid.uuid4(), "title": f"E{n}"})
        )
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    assert len(store.list_evidence()) == 20
    store.conn.set_trace_callback(None)
    assert len(statements) == 5


def test_tags_are_distinct_and_sorted_case_insensitively(store: PortfolioStore) -> None:
    store.insert_evidence(Evidence(title="a", tags=("beta", "Alpha")))
    store.insert_evidence(Evidence(title="b", tags=("BETA", "gamma")))
    assert [t.casefold() for t in store.tags()] == ["alpha", "beta", "gamma"]


def test_problems_find_tampered_attachment_and_checksum(
    tmp_path: Path, store: PortfolioStore
) -> None:
    entry = _full_entry()
    store.insert_evidence(entry)
    info = AttachmentInfo(name="a.txt", size=5, sha256=hashlib.sha256(b"hello").hexdigest())
    store.insert_attachment(entry.id, info, b"hello")
    assert store.problems() == []
    raw = sqlite3.connect(tmp_path / "p.ssup")
    raw.execute("UPDATE attachment_data SET data = ?", (b"jello",))
    raw.execute("UPDATE evidence SET result = 'changed behind our back'")
    raw.commit()
    raw.close()
    problems = store.problems()
    assert any("a.txt" in p and "sha256" in p for p in problems)
    assert any("checksum" in p for p in problems)


def test_format_datetime_treats_naive_as_utc() -> None:
    assert format_datetime(datetime(2024, 1, 2, 3, 4, 5, 678901)) == "2024-01-02T03:04:05.678Z"


def test_rows_show_what_the_full_entries_show(store: PortfolioStore) -> None:
    full = _full_entry()
    bare = Evidence(title="Bare")
    store.insert_evidence(full)
    store.insert_evidence(bare)
    info = AttachmentInfo(name="a.png", media_type="image/png", size=1, sha256="0" * 64)
    store.insert_attachment(full.id, info, b"x")
    entries = {e.id: e for e in store.list_evidence()}
    rows = {r.id: r for r in store.list_rows()}
    assert rows.keys() == entries.keys()
    for evidence_id, row in rows.items():
        entry = entries[evidence_id]
        assert row.key == str(entry.id)
        assert row.title == entry.title
        assert row.date_label() == entry.date_label()
        assert row.statement_ids == entry.statement_ids
        assert row.tags == entry.tags
        assert row.attachment_names == tuple(a.name for a in entry.attachments)
        assert row.modified_at() == entry.modified
    assert [r.id for r in store.list_rows([str(bare.id)])] == [bare.id]


def test_bulk_insert_matches_one_by_one(tmp_path: Path, store: PortfolioStore) -> None:
    entries = [_full_entry(), Evidence(title="Second", tags=("x",))]
    store.insert_evidence_many(entries)
    other = PortfolioStore.create(tmp_path / "other.ssup")
    for entry in entries:
        other.insert_evidence(entry)
    checksums = "SELECT id, checksum FROM evidence ORDER BY id"
    fts = "SELECT evidence_id, title, story, tags, links, attachments FROM evidence_fts ORDER BY 1"
    for sql in (checksums, fts):
        assert store.conn.execute(sql).fetchall() == other.conn.execute(sql).fetchall()
    assert store.list_evidence() == other.list_evidence()
    assert store.search_ids("ünïcode") == {str(entries[0].id)}
    assert store.problems() == []
    other.close()
