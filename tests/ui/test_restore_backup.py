"""The restore dialog and the portfolio-problem dialog, as a user drives them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ssup_desktop.content import load_all
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage import NotAPortfolioError, PortfolioError
from ssup_desktop.storage.backup import list_backups
from ssup_desktop.ui.dialogs.portfolio_problem import (
    PortfolioProblemDialog,
    ProblemChoice,
    restore_latest,
)
from ssup_desktop.ui.dialogs.restore_backup import RestoreBackupDialog


def _titles(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT title FROM evidence")}
    finally:
        conn.close()


def _cell(dialog: RestoreBackupDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    assert item is not None
    return item.text()


@pytest.fixture
def backed_up(tmp_path: Path) -> tuple[PortfolioService, Path]:
    """An open portfolio with two backups (1 and 2 entries) and a third entry since."""
    backups = tmp_path / "backups"
    path = tmp_path / "work.ssup"
    service = PortfolioService.create(path, load_all(), backups_dir=backups)
    for title in ("One", "Two", "Three"):
        service.add_evidence(Evidence(title=title, date_from=date(2024, 1, 1)))
        if title != "Three":
            service.backup("manual")
    return service, backups


class _Clock(datetime):
    """datetime whose now() moves on by a second at each call: each click of the test happens
    in a second of its own, as when the user takes a moment to answer."""

    ticks = 0

    @classmethod
    def now(cls, tz: object = None) -> _Clock:
        cls.ticks += 1
        moment = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC) + timedelta(seconds=cls.ticks)
        return cls.fromtimestamp(moment.timestamp(), UTC)


def test_lists_backups_newest_first_and_restores_after_confirming(
    qtbot: QtBot, backed_up: tuple[PortfolioService, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ssup_desktop.ui.dialogs.restore_backup as dialog_module

    monkeypatch.setattr(dialog_module, "datetime", _Clock)
    service, backups = backed_up
    closed: list[bool] = []

    def close() -> None:
        service.store.close()  # release the lock, no close-backup
        closed.append(True)

    dialog = RestoreBackupDialog(service.path, list_backups(backups, service.path), close)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert [_cell(dialog, r, 1) for r in range(2)] == ["2", "1"]
    assert _cell(dialog, 0, 2) == "Backed up by hand"
    assert dialog.restore_button.isEnabled()
    asked: list[str] = []

    def refuse(text: str) -> bool:
        asked.append(text)
        return False

    dialog.confirm = refuse  # type: ignore[method-assign]
    dialog.table.selectRow(1)
    dialog.restore_button.click()
    assert "The current file is kept as work.before-restore-" in asked[0]
    assert closed == [] and _titles(service.path) == {"One", "Two", "Three"}  # cancelled

    def accept(text: str) -> bool:
        asked.append(text)
        return True

    dialog.confirm = accept  # type: ignore[method-assign]
    dialog.restore_button.click()
    assert closed == [True]
    assert dialog.result() == dialog.DialogCode.Accepted
    assert _titles(service.path) == {"One"}
    assert dialog.kept_as is not None and _titles(dialog.kept_as) == {"One", "Two", "Three"}
    # the name this click's question gave (the first click's named the file as of its time)
    assert dialog.kept_as.name in asked[-1]


def test_a_failed_restore_is_reported_and_nothing_is_replaced(
    qtbot: QtBot, backed_up: tuple[PortfolioService, Path]
) -> None:
    service, backups = backed_up
    records = list_backups(backups, service.path)
    records[0].path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 3000)  # damaged since
    dialog = RestoreBackupDialog(service.path, records, service.store.close)
    qtbot.addWidget(dialog)
    errors: list[str] = []
    dialog.confirm = lambda text: True  # type: ignore[method-assign]
    dialog.show_error = errors.append  # type: ignore[assignment]
    assert not dialog.restore_selected()
    assert errors and ("damaged backup" in errors[0] or "unreadable backup" in errors[0])
    assert _titles(service.path) == {"One", "Two", "Three"}


def test_no_backups_yet(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = RestoreBackupDialog(tmp_path / "p.ssup", [])
    qtbot.addWidget(dialog)
    assert "no backups" in dialog.intro.text()
    assert not dialog.restore_button.isEnabled()


def test_problem_dialog_offers_the_latest_backup_and_restores_it(
    qtbot: QtBot, backed_up: tuple[PortfolioService, Path]
) -> None:
    service, backups = backed_up
    service.close()
    service.path.write_bytes(b"<script>alert(1)</script> garbage")
    with pytest.raises(NotAPortfolioError) as caught:
        PortfolioService.open(service.path, load_all(), backups_dir=backups)
    error = caught.value
    dialog = PortfolioProblemDialog(error)
    qtbot.addWidget(dialog)
    assert dialog.message.text() == str(error)
    assert dialog.message.textFormat() == dialog.message.textFormat().PlainText
    assert dialog.restore_button is not None
    assert error.latest_backup is not None and error.latest_backup.name in dialog.hint.text()
    dialog.restore_button.click()
    assert dialog.choice is ProblemChoice.RESTORE
    kept = restore_latest(error, service.path)
    assert kept is not None and kept.read_bytes().startswith(b"<script>")
    reopened = PortfolioService.open(service.path, load_all())
    assert len(reopened.list_evidence()) == 3  # the close backup held all three
    reopened.close()


def test_problem_dialog_without_a_backup(qtbot: QtBot) -> None:
    dialog = PortfolioProblemDialog(
        PortfolioError("/x/p.ssup: the disk is full; nothing was saved")
    )
    qtbot.addWidget(dialog)
    assert dialog.restore_button is None and not dialog.hint.isVisibleTo(dialog)
    dialog.open_button.click()
    assert dialog.choice is ProblemChoice.OPEN_OTHER
    dialog = PortfolioProblemDialog(PortfolioError("/x/p.ssup: broken"))
    qtbot.addWidget(dialog)
    dialog.quit_button.click()
    assert dialog.choice is ProblemChoice.QUIT
