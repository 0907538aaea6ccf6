"""Automatic backups: taken, verified, private, thinned, listed and restored."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from ssup_desktop.cli import main
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage import BackupError, PortfolioInUseError, PortfolioStore, db
from ssup_desktop.storage import backup as backup_module
from ssup_desktop.storage.backup import (
    backup_now,
    backups_to_keep,
    before_restore_path,
    list_backups,
    prune,
    restore_backup,
)

NOW = datetime(2024, 6, 30, 12, 0, tzinfo=UTC)


def _entry(title: str) -> Evidence:
    return Evidence(title=title, date_from=date(2024, 1, 1))


def _titles(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT title FROM evidence")}
    finally:
        conn.close()


@pytest.fixture
def service(tmp_path: Path, skills: dict[Edition, Skill]) -> PortfolioService:
    svc = PortfolioService.create(tmp_path / "work.ssup", skills)
    svc.add_evidence(_entry("First"))
    svc.add_evidence(_entry("Second"))
    return svc


# --- taking a backup -------------------------------------------------------------------------


def test_backup_is_named_private_verified_and_self_contained(
    service: PortfolioService, tmp_path: Path
) -> None:
    backups = tmp_path / "data" / "backups"
    made = backup_now(service.store, service.path, backups, "before-import")
    short = service.profile().portfolio_id.hex[:8]
    assert made.parent == backups
    assert made.name.startswith(f"work-{short}-")
    assert made.name.endswith("-before-import.ssup")
    assert _titles(made) == {"First", "Second"}
    assert not Path(f"{made}-wal").exists()
    conn = sqlite3.connect(made)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    if os.name == "posix":
        assert made.stat().st_mode & 0o777 == 0o600
        assert backups.stat().st_mode & 0o777 == 0o700
        assert backups.parent.stat().st_mode & 0o777 == 0o700
    second = backup_now(service.store.conn, service.path, backups, "before-import")
    assert second != made and second.exists()  # same second: a new name, nothing overwritten
    service.close()


def test_a_backup_that_fails_verification_is_not_kept(
    service: PortfolioService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_copy(source: sqlite3.Connection, target: Path) -> None:
        target.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)

    monkeypatch.setattr(backup_module, "_copy_with_backup_api", broken_copy)
    backups = tmp_path / "backups"
    with pytest.raises(BackupError, match=r"work\.ssup: the backup failed verification"):
        backup_now(service.store, service.path, backups, "manual")
    assert list(backups.iterdir()) == []
    service.close()


def test_backup_to_an_unusable_folder_raises_a_clear_error(
    service: PortfolioService, tmp_path: Path
) -> None:
    blocker = tmp_path / "backups"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(BackupError, match=r"work\.ssup: cannot write a backup to .*backups"):
        backup_now(service.store, service.path, blocker, "manual")
    assert _titles(service.path) == {"First", "Second"}
    service.close()


# --- thinning --------------------------------------------------------------------------------


def test_thinning_keeps_the_last_ten() -> None:
    times = [NOW - timedelta(minutes=i) for i in range(25)]
    assert backups_to_keep(times, NOW) == set(range(10))


def test_thinning_keeps_one_a_day_for_a_week_and_one_a_week_for_a_month() -> None:
    # four backups a day for 60 days, newest first
    times = [NOW - timedelta(hours=6 * i) for i in range(240)]
    kept = sorted(NOW - times[i] for i in backups_to_keep(times, NOW))
    recent = set(range(10))
    daily = {i for i in range(240) if (NOW - times[i]).days < 7 and (NOW - times[i]).seconds == 0}
    weekly = {
        i for i in range(240) if (NOW - times[i]) in [timedelta(days=7 * w) for w in range(5)]
    }
    assert backups_to_keep(times, NOW) == recent | daily | weekly
    assert max(kept) == timedelta(days=28)  # nothing older than a month survives
    assert len(kept) == 10 + 4 + 4  # the 10 newest cover days 0-2; + days 3..6, + weeks 1..4


def test_thinning_keeps_the_last_ten_even_when_old_and_future_ones() -> None:
    old = [NOW - timedelta(days=400 + i) for i in range(12)]
    future = [NOW + timedelta(days=1)]
    assert backups_to_keep(old, NOW) == set(range(10))
    assert backups_to_keep(future + old, NOW) == set(range(10))
    assert backups_to_keep([], NOW) == set()


def test_prune_deletes_what_thinning_drops(tmp_path: Path) -> None:
    tmp_path = tmp_path / "backups"
    tmp_path.mkdir()
    for days in range(40):
        stamp = (NOW - timedelta(days=days)).strftime("%Y%m%d-%H%M%S")
        (tmp_path / f"work-0123abcd-{stamp}-close.ssup").write_bytes(b"")
    (tmp_path / "other-99999999-20240101-000000-close.ssup").write_bytes(b"")
    removed = prune(tmp_path, "0123abcd", now=NOW)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert len(removed) == 40 - 13  # kept: the 10 newest (days 0-9), plus days 14, 21 and 28
    assert "other-99999999-20240101-000000-close.ssup" in left
    assert len(left) == 1 + 13


# --- automatic backups of the service --------------------------------------------------------


def test_open_and_close_back_up_only_when_changed(
    tmp_path: Path, skills: dict[Edition, Skill]
) -> None:
    backups = tmp_path / "backups"
    path = tmp_path / "work.ssup"
    svc = PortfolioService.create(path, skills, backups_dir=backups)
    svc.add_evidence(_entry("First"))
    svc.close()  # changed since (no) backup -> one backup
    records = list_backups(backups, path)
    assert [(r.reason, r.entries) for r in records] == [("close", 1)]

    svc = PortfolioService.open(path, skills, backups_dir=backups)
    svc.close()  # unchanged: no more backups
    assert len(list_backups(backups, path)) == 1

    svc = PortfolioService.open(path, skills, backups_dir=backups)
    svc.add_evidence(_entry("Second"))
    svc.close()
    records = list_backups(backups, path)
    assert next((r.reason, r.entries) for r in records) == ("close", 2)

    # changed behind our back (no backups dir) -> backed up on the next open
    svc = PortfolioService.open(path, skills)
    svc.add_evidence(_entry("Third"))
    svc.close()
    svc = PortfolioService.open(path, skills, backups_dir=backups)
    assert next((r.reason, r.entries) for r in list_backups(backups, path)) == ("open", 3)
    pid = svc.profile().portfolio_id
    svc.close()
    assert list_backups(backups, pid) == list_backups(backups, path)
    assert all(r.time.tzinfo is UTC for r in list_backups(backups, pid))


def test_closing_an_unchanged_file_does_not_read_it_again(
    tmp_path: Path, skills: dict[Edition, Skill], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The open-time digest still holds at close when nothing was written in between."""
    backups = tmp_path / "backups"
    path = tmp_path / "work.ssup"
    svc = PortfolioService.create(path, skills, backups_dir=backups)
    svc.add_evidence(_entry("First"))
    svc.close()
    digests: list[int] = []
    real = backup_module.content_digest

    def counting(conn: sqlite3.Connection) -> str:
        digests.append(1)
        return real(conn)

    monkeypatch.setattr(backup_module, "content_digest", counting)
    svc = PortfolioService.open(path, skills, backups_dir=backups)
    opened = len(digests)
    svc.close()
    assert len(digests) == opened and len(list_backups(backups, path)) == 1
    svc = PortfolioService.open(path, skills, backups_dir=backups)
    svc.add_evidence(_entry("Second"))
    svc.close()  # written since: digested and backed up again
    assert next((r.reason, r.entries) for r in list_backups(backups, path)) == ("close", 2)


def test_a_failing_automatic_backup_does_not_block_opening(
    tmp_path: Path, skills: dict[Edition, Skill]
) -> None:
    path = tmp_path / "work.ssup"
    svc = PortfolioService.create(path, skills)
    svc.add_evidence(_entry("First"))
    svc.close()
    blocker = tmp_path / "backups"
    blocker.write_text("not a folder")
    svc = PortfolioService.open(path, skills, backups_dir=blocker)
    assert svc.backups is not None and svc.backups.problem is not None
    assert "cannot write a backup" in svc.backups.problem
    assert svc.list_evidence()[0].title == "First"
    svc.close()


@pytest.mark.skipif(db.LATEST_SCHEMA < 2, reason="needs a second migration")
def test_migration_takes_a_backup_of_the_old_file_first(tmp_path: Path) -> None:
    path = tmp_path / "old.ssup"
    conn = db.create_connection(path, upto=1)
    conn.execute(
        "INSERT INTO profile VALUES (1,'','','','sfia9',NULL,NULL,"
        "'0123abcd-0000-4000-8000-000000000000','2024-01-01T00:00:00.000Z',"
        "'2024-01-01T00:00:00.000Z')"
    )
    conn.close()
    backups = tmp_path / "backups"
    store = PortfolioStore.open(path, backups_dir=backups)
    assert db.schema_version(store.conn) == db.LATEST_SCHEMA
    store.close()
    (made,) = backups.iterdir()
    assert made.name.startswith("old-0123abcd-") and made.name.endswith("-before-upgrade.ssup")
    old = sqlite3.connect(made)
    assert db.schema_version(old) == 1
    old.close()


@pytest.mark.skipif(db.LATEST_SCHEMA < 2, reason="needs a second migration")
def test_migration_is_refused_when_its_backup_fails(tmp_path: Path) -> None:
    path = tmp_path / "old.ssup"
    db.create_connection(path, upto=1).close()
    blocker = tmp_path / "backups"
    blocker.write_text("not a folder")
    with pytest.raises(BackupError, match="cannot write a backup"):
        PortfolioStore.open(path, backups_dir=blocker)
    conn = sqlite3.connect(path)
    assert db.schema_version(conn) == 1
    conn.close()


def test_no_backup_when_migrating_a_file_without_tables(tmp_path: Path) -> None:
    path = tmp_path / "blank.ssup"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    conn.close()
    backups = tmp_path / "backups"
    PortfolioStore.open(path, backups_dir=backups).close()
    assert not backups.exists() or not list(backups.iterdir())


def test_import_backs_up_first_and_is_refused_when_it_cannot(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "work.ssup"
    assert main(["sample", str(path)]) == 0
    export = tmp_path / "x.json"
    assert main(["export", str(export), "--portfolio", str(path)]) == 0
    before = _titles(path)
    assert main(["import", str(export), "--portfolio", str(path)]) == 0
    reasons = [r.reason for r in list_backups(data_dir / "backups", path)]
    assert "before-import" in reasons
    made = next(r.path for r in list_backups(data_dir / "backups", path))
    assert _titles(made) == before
    capsys.readouterr()

    # backups folder unusable: the import is refused and nothing changes
    for child in (data_dir / "backups").iterdir():
        child.unlink()
    (data_dir / "backups").rmdir()
    (data_dir / "backups").write_text("blocked")
    code = main(["import", str(export), "--portfolio", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "cannot write a backup" in err and "nothing was changed" in err
    assert _titles(path) == before


# --- restoring -------------------------------------------------------------------------------


def test_restore_keeps_the_current_file_aside_and_copies_the_backup_in(
    service: PortfolioService, tmp_path: Path, skills: dict[Edition, Skill]
) -> None:
    backups = tmp_path / "backups"
    made = backup_now(service.store, service.path, backups, "manual")
    service.add_evidence(_entry("Third, after the backup"))
    with pytest.raises(PortfolioInUseError):  # never behind an open window's back
        restore_backup(made, service.path)
    service.close()
    current = service.path.read_bytes()
    when = datetime(2024, 7, 1, 8, 30, 5, tzinfo=UTC)
    expected_aside = before_restore_path(service.path, when)
    aside = restore_backup(made, service.path, when=when)
    assert aside == expected_aside == tmp_path / "work.before-restore-20240701-083005.ssup"
    assert _titles(service.path) == {"First", "Second"}
    assert "Third, after the backup" in _titles(aside)
    assert aside.read_bytes() == current or Path(f"{aside}-wal").exists()
    if os.name == "posix":
        assert service.path.stat().st_mode & 0o777 == 0o600
    reopened = PortfolioService.open(service.path, skills)
    assert reopened.store.problems() == []
    reopened.close()


def test_restore_refuses_a_damaged_backup_and_leaves_the_file(
    service: PortfolioService, tmp_path: Path
) -> None:
    service.close()
    bad = tmp_path / "bad.ssup"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(3000))
    before = service.path.read_bytes()
    with pytest.raises(BackupError):
        restore_backup(bad, service.path)
    assert service.path.read_bytes() == before
    assert not list(tmp_path.glob("*.before-restore-*"))
