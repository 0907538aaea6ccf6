"""File > Restore from Backup and damaged-file recovery, driven through the main window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.paths import AppPaths
from ssup_desktop.storage.backup import list_backups
from ssup_desktop.ui.dialogs.portfolio_problem import PortfolioProblemDialog, ProblemChoice
from ssup_desktop.ui.dialogs.restore_backup import RestoreBackupDialog
from ssup_desktop.ui.main_window import MainWindow
from tests.ui.conftest import WindowFactory


def _titles(window: MainWindow) -> set[str]:
    return {e.title for e in window.session.service.list_evidence()}


def test_restore_from_backup_replaces_the_portfolio_and_keeps_the_old_file(
    open_window: WindowFactory, app_paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work.ssup"
    window = open_window(work)
    # Reopen through the window so the portfolio runs with automatic backups.
    other = tmp_path / "other.ssup"
    assert window.new_portfolio(other)
    assert window.open_portfolio(work)
    service = window.session.service
    service.add_evidence(Evidence(title="Kept", date_from=date(2025, 1, 1)))
    service.backup("manual")
    service.add_evidence(Evidence(title="Added after the backup", date_from=date(2025, 2, 1)))
    menus = window.backups.restore_action.associatedObjects()
    assert any(isinstance(m, QMenu) and m.title() == "&File" for m in menus)

    def choose_first(dialog: RestoreBackupDialog) -> int:
        monkeypatch.setattr(dialog, "confirm", lambda text: True)
        assert dialog.restore_selected()
        return 1

    monkeypatch.setattr(RestoreBackupDialog, "exec", choose_first)
    assert window.backups.restore_from_backup()
    assert _titles(window) == {"Kept"}
    kept = list(tmp_path.glob("work.before-restore-*.ssup"))
    assert len(kept) == 1
    assert list_backups(app_paths.backups_dir, window.session.service.profile().portfolio_id)


def test_opening_a_damaged_portfolio_offers_its_latest_backup(
    qtbot: QtBot,
    open_window: WindowFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(tmp_path / "start.ssup")
    target = tmp_path / "precious.ssup"
    assert window.new_portfolio(target)
    window.session.service.add_evidence(Evidence(title="Precious", date_from=date(2025, 1, 1)))
    window.session.service.backup("manual")
    assert window.open_portfolio(tmp_path / "start.ssup")  # closes precious.ssup
    damaged = target.read_bytes()
    target.write_bytes(b"\0" * 100 + damaged[100:4096])  # header and first page destroyed
    offered: list[str] = []

    def restore(dialog: PortfolioProblemDialog) -> int:
        offered.append(str(dialog.error))
        dialog.choice = ProblemChoice.RESTORE
        return 1

    monkeypatch.setattr(PortfolioProblemDialog, "exec", restore)
    assert window.open_portfolio(target)
    assert offered and str(target) in offered[0]
    assert _titles(window) == {"Precious"}
    assert list(tmp_path.glob("precious.before-restore-*.ssup"))
