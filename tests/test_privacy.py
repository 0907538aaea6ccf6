"""Owner-only files on POSIX: data dir and backups 0700; portfolio, side files, lock, backups,
restored files and exported JSON 0600, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ssup_desktop.cli import main
from ssup_desktop.content import load_all
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.export.interchange import export_json
from ssup_desktop.paths import resolve_paths
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage.backup import list_backups, restore_backup

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


@pytest.fixture(autouse=True)
def _lax_umask() -> Iterator[None]:
    """A typical umask that would make new files world-readable (0644) if we did nothing."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_portfolio_side_files_lock_backups_and_exports_are_owner_only(
    tmp_path: Path, data_dir: Path
) -> None:
    paths = resolve_paths()
    paths.ensure()
    assert _mode(data_dir) == 0o700
    portfolio = paths.default_portfolio
    service = PortfolioService.create(portfolio, load_all(), backups_dir=paths.backups_dir)
    service.add_evidence(Evidence(title="Private", date_from=date(2024, 1, 1)))
    wal, shm = Path(f"{portfolio}-wal"), Path(f"{portfolio}-shm")
    lock = Path(f"{portfolio}.lock")
    assert wal.exists() and shm.exists() and lock.exists()
    for path in (portfolio, wal, shm, lock):
        assert _mode(path) == 0o600, path
    export = tmp_path / "out.json"
    export_json(service, export)
    assert _mode(export) == 0o600
    made = service.backup("manual")
    assert made is not None and _mode(made) == 0o600
    assert _mode(paths.backups_dir) == 0o700
    service.close()
    aside = restore_backup(made, portfolio)
    assert aside is not None
    assert _mode(portfolio) == 0o600 and _mode(aside) == 0o600
    for record in list_backups(paths.backups_dir, portfolio):
        assert _mode(record.path) == 0o600


def test_cli_import_into_a_new_default_portfolio_is_private(tmp_path: Path, data_dir: Path) -> None:
    sample = tmp_path / "sample.ssup"
    assert main(["sample", str(sample)]) == 0
    assert _mode(sample) == 0o600
    export = tmp_path / "sample.json"
    assert main(["export", str(export), "--portfolio", str(sample)]) == 0
    assert _mode(export) == 0o600
    assert main(["import", str(export)]) == 0
    assert _mode(data_dir) == 0o700
    assert _mode(data_dir / "portfolio.ssup") == 0o600
    assert _mode(data_dir / "backups") == 0o700
    backups = list((data_dir / "backups").iterdir())
    assert backups and all(_mode(p) == 0o600 for p in backups)
