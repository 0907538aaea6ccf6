"""Disk full, read-only files and folders, permission denied: a clear message, nothing changed,
and everything works again once the cause is gone. The failures are real (see disk_scenarios.py):
RLIMIT_FSIZE for a full disk, chmod for read-only (root drops its DAC capabilities first)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ssup_desktop.content import load_all
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage import DiskFullError, PortfolioReadOnlyError, PortfolioWriteError
from ssup_desktop.storage.errors import translate

SCENARIOS = Path(__file__).with_name("disk_scenarios.py")
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX limits and permissions")


def _portfolio(path: Path) -> Path:
    service = PortfolioService.create(path, load_all())
    for i in range(30):
        service.add_evidence(
            Evidence(title=f"Entry {i}", date_from=date(2024, 1, 1), description="y" * 5000)
        )
    service.close()
    return path


def _content(path: Path) -> list[Any]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [
            conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("evidence", "attachment", "attachment_data", "profile")
        ]
    finally:
        conn.close()


def _run(scenario: str, portfolio: Path, work: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(SCENARIOS), scenario, str(portfolio), str(work)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    report["stderr"] = done.stderr
    report["steps"] = {r["step"]: r for r in report["reports"]}
    return report


def test_disk_full_on_every_kind_of_write(tmp_path: Path) -> None:
    portfolio = _portfolio(tmp_path / "full.ssup")
    report = _run("full", portfolio, tmp_path)
    steps = report["steps"]
    for kind in ("entry", "attachment"):
        step = steps[f"{kind}-full"]
        assert not step["ok"]
        assert step["error"] in ("DiskFullError", "PortfolioWriteError")
        assert step["message"].startswith(f"{portfolio}: ")
        assert step["message"].endswith("; nothing was saved")
        assert "full" in step["message"]
        assert (step["entries"], step["attachments"], step["integrity"]) == (30, 0, "ok")
    backup = steps["backup-full"]
    assert backup["error"] == "BackupError" and "the disk may be full" in backup["message"]
    assert len([p for p in (tmp_path / "backups").iterdir() if "manual" in p.name]) == 1  # freed
    assert not list((tmp_path / "backups").glob(".backup-*"))  # no half-written backup left
    export = steps["export-full"]
    assert export["error"] == "InterchangeError"
    assert export["message"] == (
        f"{tmp_path / 'out-full.json'}: cannot write (the disk is full); nothing was written"
    )
    assert not (tmp_path / "out-full.json").exists()
    assert not list(tmp_path.glob(".out-full.json.*"))  # no temp file left behind
    # space freed: the same open portfolio takes every write again
    for kind in ("entry", "attachment", "backup", "export"):
        assert steps[f"{kind}-freed"]["ok"], steps[f"{kind}-freed"]
    assert steps["export-freed"]["entries"] == 31 and steps["export-freed"]["attachments"] == 1
    assert report["integrity"] == "ok"


def test_read_only_files_and_folders(tmp_path: Path) -> None:
    portfolio = _portfolio(tmp_path / "ro.ssup")
    before = _content(portfolio)
    report = _run("readonly", portfolio, tmp_path)
    steps = report["steps"]
    for kind in ("entry", "attachment"):
        step = steps[f"{kind}-ro"]
        assert step["error"] == "PortfolioReadOnlyError", step
        assert (
            step["message"]
            == f"{portfolio}: the file or its folder is read-only; nothing was saved"
        )
        assert (step["entries"], step["attachments"]) == (30, 0)
    assert steps["import-ro"]["code"] == 2
    (line,) = report["stderr"].splitlines()
    assert (
        line == f"ssup-desktop: {portfolio}: the file or its folder is read-only; nothing was saved"
    )
    backup = steps["backup-ro"]
    assert backup["error"] == "BackupError" and "permission denied" in backup["message"]
    export = steps["export-ro"]
    assert export["error"] == "InterchangeError" and "permission denied" in export["message"]
    assert not (tmp_path / "locked" / "out.json").exists() or steps["export-freed"]["ok"]
    for kind in ("backup", "export", "entry"):
        assert steps[f"{kind}-freed"]["ok"], steps[f"{kind}-freed"]
    opened = steps["open-ro-folder"]
    assert opened["error"] == "PortfolioReadOnlyError"
    assert "read-only" in opened["message"] and opened["message"].startswith(str(tmp_path))
    after = _content(portfolio)
    # the refused writes and the refused import changed nothing; only the "freed" entry is new
    assert {row[1] for row in after[0]} == {row[1] for row in before[0]} | {"Big entry"}
    assert after[1:] == before[1:]


@pytest.mark.parametrize(
    ("code", "text", "error", "words"),
    [
        (13, "database or disk is full", DiskFullError, "the disk is full; nothing was saved"),
        (8, "attempt to write a readonly database", PortfolioReadOnlyError, "read-only"),
        (14, "unable to open database file", PortfolioReadOnlyError, "cannot open"),
        (778, "disk I/O error", PortfolioWriteError, "writing to the disk failed"),
    ],
)
def test_sqlite_errors_are_translated(
    code: int, text: str, error: type[Exception], words: str
) -> None:
    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorcode = code
    translated = translate(Path("/x/p.ssup"), exc)
    assert isinstance(translated, error)
    assert str(translated).startswith("/x/p.ssup: ") and words in str(translated)
