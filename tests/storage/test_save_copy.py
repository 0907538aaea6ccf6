"""Save a Copy: a verified, self-contained, owner-only copy of the open portfolio."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from ssup_desktop.content import load_all
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage import BackupError


def test_copy_holds_every_entry_and_is_private(tmp_path: Path) -> None:
    service = PortfolioService.create(tmp_path / "mine.ssup", load_all())
    service.add_evidence(Evidence(title="Demo", date_from=date(2025, 3, 1)))
    target = tmp_path / "for-mentor.ssup"
    try:
        service.save_copy(target)
    finally:
        service.close()
    assert not Path(f"{target}-wal").exists()  # one self-contained file to hand over
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    copy = PortfolioService.open(target, load_all())
    try:
        assert [e.title for e in copy.list_evidence()] == ["Demo"]
    finally:
        copy.close()
    assert not list(tmp_path.glob(".*.tmp"))


def test_copy_onto_the_open_portfolio_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mine.ssup"
    service = PortfolioService.create(path, load_all())
    inode = path.stat().st_ino
    try:
        with pytest.raises(BackupError, match="the open portfolio"):
            service.save_copy(path)
    finally:
        service.close()
    assert path.stat().st_ino == inode  # never replaced
    PortfolioService.open(path, load_all()).close()


def test_a_failed_copy_leaves_an_existing_target_untouched(tmp_path: Path) -> None:
    service = PortfolioService.create(tmp_path / "mine.ssup", load_all())
    target = tmp_path / "missing-folder" / "copy.ssup"
    try:
        with pytest.raises(BackupError, match=r"copy\.ssup"):
            service.save_copy(target)
    finally:
        service.close()
    assert not target.exists()
