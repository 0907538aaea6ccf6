"""Damaged or foreign files: detected, named, never overwritten, latest good backup offered."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import FrameType

import pytest

from ssup_desktop.cli import main
from ssup_desktop.content import load_all
from ssup_desktop.domain.evidence import AttachmentInfo, Evidence
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage import (
    NewerSchemaError,
    NotAPortfolioError,
    PortfolioDamagedError,
    PortfolioError,
    db,
)
from ssup_desktop.storage.backup import list_backups

MARKER = "Quarterly bid review with the Northwind account team"


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """Every test here must finish within 20 s: a hang fails instead of blocking the suite."""

    def _timeout(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("hung on a damaged file")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


@pytest.fixture
def good(template: tuple[Path, Path], tmp_path: Path, data_dir: Path) -> tuple[Path, Path]:
    """A portfolio with entries and an attachment, and a good backup of it in the data dir."""
    path = tmp_path / "mine.ssup"
    path.write_bytes(template[0].read_bytes())
    (data_dir / "backups").mkdir(parents=True)
    backup = data_dir / "backups" / template[1].name
    backup.write_bytes(template[1].read_bytes())
    return path, backup


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp_path = tmp_path_factory.mktemp("template")
    data_dir = tmp_path / "data"
    path = tmp_path / "mine.ssup"
    skills = load_all()
    service = PortfolioService.create(path, skills)
    entry = Evidence(title="Bid review", date_from=date(2024, 3, 1), situation=MARKER)
    service.add_evidence(entry)
    for i in range(40):
        service.add_evidence(Evidence(title=f"Entry {i}", description="text " * 200))
    payload = os.urandom(30_000)
    service.add_attachment_data(
        entry.id,
        AttachmentInfo(
            name="proposal.pdf",
            media_type="application/pdf",
            size=len(payload),
            sha256=hashlib.sha256(payload).hexdigest(),
        ),
        payload,
    )
    service.close()
    service = PortfolioService.open(path, skills, backups_dir=data_dir / "backups")
    service.close()
    (backup,) = (r.path for r in list_backups(data_dir / "backups", path))
    _checkpoint(path)
    return path, backup


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def _scramble_middle(path: Path) -> None:
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'evidence'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    for page in (root, len(data) // page_size // 2):
        start = (page - 1) * page_size
        data[start : start + page_size] = os.urandom(page_size)
    path.write_bytes(bytes(data))


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"%PDF-1.4 this is really a PDF\n" + os.urandom(5000))


def _newer_schema(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {db.LATEST_SCHEMA + 1}")
    conn.close()


def _foreign(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()


def _empty(path: Path) -> None:
    path.write_bytes(b"")


DAMAGE: dict[str, tuple[Callable[[Path], None], type[PortfolioError], str]] = {
    "truncated": (_truncate, PortfolioDamagedError, "damaged portfolio file"),
    "scrambled": (_scramble_middle, PortfolioDamagedError, "damaged portfolio file"),
    "not-sqlite": (_not_sqlite, NotAPortfolioError, "not an SSUP Desktop portfolio"),
    "newer-schema": (_newer_schema, NewerSchemaError, "made by a newer version"),
    "foreign-sqlite": (_foreign, NotAPortfolioError, "not an SSUP Desktop portfolio"),
    "empty": (_empty, NotAPortfolioError, "empty file"),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_open_refuses_names_the_problem_and_offers_the_backup(
    good: tuple[Path, Path], data_dir: Path, kind: str
) -> None:
    path, backup = good
    damage, error, words = DAMAGE[kind]
    damage(path)
    before = path.read_bytes()
    with pytest.raises(error) as caught:
        PortfolioService.open(path, load_all(), backups_dir=data_dir / "backups")
    assert str(caught.value).startswith(f"{path}: ")
    assert words in str(caught.value)
    assert caught.value.latest_backup == backup
    assert path.read_bytes() == before
    assert not Path(f"{path}.lock").exists()
    # no more backups were taken of the damaged file
    assert [r.path for r in list_backups(data_dir / "backups", path)] == [backup]


@pytest.mark.parametrize("kind", list(DAMAGE))
@pytest.mark.parametrize("command", ["check", "export", "import"])
def test_cli_refuses_with_one_line_and_leaves_the_file(
    good: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    command: str,
) -> None:
    path, backup = good
    export = tmp_path / "good.json"
    if command == "import":
        assert main(["export", str(export), "--portfolio", str(path)]) == 0
        _checkpoint(path)
    capsys.readouterr()
    damage, _error, words = DAMAGE[kind]
    damage(path)
    before = path.read_bytes()
    argv = {
        "check": ["check", "--portfolio", str(path)],
        "export": ["export", str(tmp_path / "out.json"), "--portfolio", str(path)],
        "import": ["import", str(export), "--portfolio", str(path)],
    }[command]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"ssup-desktop: {path}: ") and words in err
    assert err.rstrip().endswith(f"latest good backup: {backup}")
    assert path.read_bytes() == before
    assert not (tmp_path / "out.json").exists()


def test_without_a_backup_nothing_is_offered(tmp_path: Path) -> None:
    path = tmp_path / "lone.ssup"
    path.write_bytes(b"garbage" * 100)
    with pytest.raises(NotAPortfolioError) as caught:
        PortfolioService.open(path, load_all(), backups_dir=tmp_path / "backups")
    assert caught.value.latest_backup is None


# --- damage SQLite cannot see: inside row data and attachment bytes -------------------------


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["check", "--portfolio", str(path)])
    return code, capsys.readouterr().out


def _entry_id(path: Path, title: str) -> str:
    conn = sqlite3.connect(path)
    (eid,) = conn.execute("SELECT id FROM evidence WHERE title = ?", (title,)).fetchone()
    conn.close()
    return str(eid)


def test_check_passes_on_the_good_file(
    good: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _check(good[0], capsys)
    assert code == 0 and "OK (41 entries, 1 attachments)" in out


def test_check_names_an_entry_whose_text_was_changed_behind_its_checksum(
    good: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = good[0]
    eid = _entry_id(path, "Entry 7")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE evidence SET description = 'texT' || description WHERE id = ?", (eid,))
    conn.commit()
    conn.close()
    code, out = _check(path, capsys)
    assert code == 1
    assert f"{path}: evidence entry 'Entry 7' ({eid}): checksum does not match" in out


def test_check_names_an_entry_whose_bytes_were_flipped_on_disk(
    good: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = good[0]
    eid = _entry_id(path, "Bid review")
    data = bytearray(path.read_bytes())
    at = data.find(MARKER.encode())
    assert at > 0
    data[at + 10] ^= 0x20  # one letter changes case: still valid text, no SQLite check notices
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    code, out = _check(path, capsys)
    assert code == 1
    assert f"evidence entry 'Bid review' ({eid}): checksum does not match its content" in out


def test_check_names_an_entry_whose_text_is_no_longer_valid_utf8(
    good: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = good[0]
    eid = _entry_id(path, "Entry 3")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE evidence SET description = CAST(x'61ff62' AS TEXT) WHERE id = ?", (eid,))
    conn.commit()
    conn.close()
    code, out = _check(path, capsys)
    assert code == 1
    assert f"evidence entry 'Entry 3' ({eid}): unreadable" in out


def test_check_names_the_entry_of_a_damaged_attachment(
    good: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = good[0]
    eid = _entry_id(path, "Bid review")
    conn = sqlite3.connect(path)
    (aid, blob) = conn.execute("SELECT attachment_id, data FROM attachment_data").fetchone()
    flipped = bytearray(blob)
    flipped[len(flipped) // 2] ^= 0xFF
    conn.execute(
        "UPDATE attachment_data SET data = ? WHERE attachment_id = ?", (bytes(flipped), aid)
    )
    conn.commit()
    conn.close()
    code, out = _check(path, capsys)
    assert code == 1
    assert (
        f"evidence entry 'Bid review' ({eid}): attachment 'proposal.pdf' ({aid}): "
        "data does not match its sha256"
    ) in out


def test_check_finds_attachment_bytes_flipped_on_disk(
    good: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = good[0]
    conn = sqlite3.connect(path)
    (blob,) = conn.execute("SELECT data FROM attachment_data").fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    at = data.find(bytes(blob[5000:5064]))
    assert at > 0
    data[at + 3] ^= 0x01
    path.write_bytes(bytes(data))
    code, out = _check(path, capsys)
    assert code == 1
    assert "attachment 'proposal.pdf'" in out and "does not match its sha256" in out
