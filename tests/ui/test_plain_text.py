"""User text is data, never markup: tooltips, message boxes and menus show it literally."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.progress import Rating
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.services import PortfolioService
from ssup_desktop.ui.main_window import MainWindow
from ssup_desktop.ui.messages import show_error
from ssup_desktop.ui.portfolio_files import recent_label
from tests.ui.conftest import WindowFactory

MARK = "<b>MARK</b>"


def _tooltips(root: QWidget) -> list[str]:
    tips = [w.toolTip() for w in root.findChildren(QWidget)]
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        top = QModelIndex()
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(top)
        for row in range(model.rowCount(top)):
            for column in range(columns):
                tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    tips.append(tip)
    return tips


def test_user_text_in_tooltips_is_never_markup(
    open_window: WindowFactory, skills: dict[Edition, Skill], tmp_path: Path
) -> None:
    path = tmp_path / "marked.ssup"
    service = PortfolioService.create(
        path, skills, Profile(owner_name=MARK, role=MARK, current_level=1)
    )
    service.add_evidence(
        Evidence(
            title=f"{MARK} demo",
            date_from=date(2026, 1, 5),
            tags=(MARK,),
            statement_ids=("ssup-1-1",),
        )
    )
    service.progress.set_assessment("ssup-1-1", Rating.DEVELOPING, f"note {MARK}")
    service.close()
    window = open_window(path)
    for index in range(window.workspace.count()):
        window.workspace.setCurrentIndex(index)  # builds the tabs made on first show (History)
        QApplication.processEvents()
    window.workspace.ladder.select_level(1)
    tips = [tip for tip in _tooltips(window) if "MARK" in tip]
    assert len(tips) >= 4, f"the test data reached too few tooltips: {tips!r}"
    for tip in tips:
        assert MARK not in tip, f"unescaped markup in a tooltip: {tip!r}"


def test_message_boxes_show_file_names_literally(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[QMessageBox] = []

    def capture(box: QMessageBox) -> int:
        shown.append(box)
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", capture)
    show_error(None, "SSUP Desktop", "/home/u/<i>copy.ssup: not an SSUP Desktop portfolio")
    [box] = shown
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == "/home/u/<i>copy.ssup: not an SSUP Desktop portfolio"


def test_window_errors_use_plain_message_boxes(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    formats: list[Qt.TextFormat] = []

    def capture(box: QMessageBox) -> int:
        formats.append(box.textFormat())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", capture)
    window.show_error("/tmp/<i>x.ssup: damaged")
    assert formats == [Qt.TextFormat.PlainText]


def test_recent_menu_labels_keep_ampersands(tmp_path: Path) -> None:
    folder = tmp_path / "R&D"
    folder.mkdir()
    path = folder / "Sales & Ops.ssup"
    path.write_bytes(b"")
    label = recent_label(path)
    assert label == f"Sales && Ops.ssup  \u2014  {str(folder).replace('&', '&&')}"
