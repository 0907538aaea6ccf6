"""Every control has a name a screen reader can say and a tooltip; colours follow the palette."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

import ssup_desktop
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.paths import AppPaths
from ssup_desktop.sample import build_sample
from ssup_desktop.ui.dialogs.evidence_editor import EvidenceEditorDialog
from ssup_desktop.ui.main_window import MainWindow
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.style import CardFrame, error_color, is_dark
from ssup_desktop.ui.theme import dark_palette
from ssup_desktop.ui.views.ladder import LevelRung
from tests.ui.conftest import WindowFactory

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
)
QT_PARTS = {"qt_spinbox_lineedit", "qt_toolbar_ext_button", "qt_tableview_cornerbutton"}


def qt_internal(widget: QWidget) -> bool:
    """Pieces Qt builds inside a composite widget (which names them itself)."""
    node: QWidget | None = widget
    while node is not None:
        if node.objectName() in QT_PARTS or isinstance(node, QHeaderView):
            return True
        if type(node).__name__ == "QComboBoxPrivateContainer":
            return True
        node = node.parentWidget()
    return False


def unnamed(root: QWidget) -> list[str]:
    """Visible controls under ``root`` with neither an accessible name, a text nor a buddy."""
    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for cls in INTERACTIVE:
        for widget in root.findChildren(cls):
            if not widget.isVisible() or qt_internal(widget) or widget in buddies:
                continue
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            if not (widget.accessibleName().strip() or text.replace("&", "").strip()):
                missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return missing


def untipped(root: QWidget | None) -> list[str]:
    assert root is not None
    found = []
    for cls in (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox):
        for widget in root.findChildren(cls):
            shown = widget.isVisible() and not qt_internal(widget)
            if shown and not widget.toolTip():
                found.append(f"{type(widget).__name__} {widget.accessibleName()!r}")
    return found


@pytest.mark.parametrize("sample", [False, True], ids=["empty", "sample"])
def test_every_visible_control_in_every_tab_has_a_name(
    open_window: WindowFactory, app_paths: AppPaths, skills: dict[Edition, Skill], sample: bool
) -> None:
    path = app_paths.data_dir / "a.ssup"
    if sample:
        build_sample(path, skills).close()
    window = open_window(path)
    window.desktop_actions.show_welcome(editing=False)
    for tab in range(window.workspace.count()):
        window.workspace.setCurrentIndex(tab)
        QApplication.processEvents()
        assert unnamed(window) == [], window.workspace.tabText(tab)


def test_ladder_evidence_log_and_welcome_controls_have_tooltips(window: MainWindow) -> None:
    window.desktop_actions.show_welcome(editing=False)
    for tab in (0, 1):
        window.workspace.setCurrentIndex(tab)
        QApplication.processEvents()
        assert untipped(window.workspace.widget(tab)) == []
    assert untipped(window.desktop_actions.toolbar) == []


def test_views_and_rungs_have_names_and_descriptions(window: MainWindow) -> None:
    workspace = window.workspace
    assert workspace.ladder.accessibleName() and workspace.ladder.accessibleDescription()
    for rung in workspace.ladder.rungs.values():
        assert rung.accessibleName().startswith(f"Level {rung.level}")
        assert rung.accessibleDescription()
    for card in workspace.level_detail.cards:
        assert card.add_button.accessibleName().endswith(card.statement.id)
        assert card.entry_list.accessibleName()
    assert workspace.evidence_log.table.accessibleName() == "Evidence entries"


def test_evidence_editor_fields_are_named(
    session: PortfolioSession, qtbot: QtBot, settings: QSettings
) -> None:
    dialog = EvidenceEditorDialog(session, None, ("ssup-1-1",))
    qtbot.addWidget(dialog)
    dialog.show()
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert unnamed(dialog) == [], dialog.tabs.tabText(index)


def rung_fill(qtbot: QtBot, session: PortfolioSession, palette: QPalette) -> QColor:
    """The colour in the middle-left of a painted (unselected) ladder rung."""
    rung = LevelRung(2)
    qtbot.addWidget(rung)
    rung.setPalette(palette)
    rung.show_level(session.skill.level(2), "", "")
    rung.resize(300, 90)
    image = rung.grab().toImage()
    return image.pixelColor(6, 45)


def test_cards_are_painted_from_the_palette(qtbot: QtBot, session: PortfolioSession) -> None:
    light = QApplication.style().standardPalette()
    dark = dark_palette()
    assert not is_dark(light) and is_dark(dark)
    light_fill = rung_fill(qtbot, session, light)
    dark_fill = rung_fill(qtbot, session, dark)
    assert light_fill != dark_fill
    assert light_fill.lightness() > 160
    assert dark_fill.lightness() < 90, "a card stays light in the dark scheme"
    assert error_color(light) != error_color(dark)
    assert error_color(dark).lightness() > error_color(light).lightness()
    frame = CardFrame()
    qtbot.addWidget(frame)
    frame.setPalette(dark)
    assert frame.grab().toImage().pixelColor(frame.width() // 2, frame.height() // 2) != QColor(
        "white"
    )


def test_nothing_in_the_ui_is_hard_coded_to_white() -> None:
    ui = Path(ssup_desktop.__file__).parent / "ui"
    pattern = re.compile(r"#fff\b|#ffffff|Qt\.GlobalColor\.white|\bwhite\b", re.IGNORECASE)
    allowed = {"theme.py"}  # the dark palette's highlighted text
    offenders = [
        f"{path.name}:{number}"
        for path in ui.rglob("*.py")
        if path.name not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


def test_icons_are_scalable_and_every_main_action_has_one(window: MainWindow) -> None:
    from ssup_desktop.ui.icons import FALLBACKS, action_icon, app_icon

    big = app_icon().pixmap(256, 256)
    assert big.width() == 256 and not big.isNull()
    for name in FALLBACKS:
        assert not action_icon(name).isNull(), name
    for action in (window.new_action, window.open_action, window.add_evidence_action):
        assert not action.icon().isNull()


def test_every_icon_fallback_names_a_qstyle_standard_pixmap() -> None:
    from PySide6.QtWidgets import QStyle

    from ssup_desktop.ui.icons import FALLBACKS

    for icon_name, pixmap_name in FALLBACKS.items():
        if pixmap_name is not None:
            assert isinstance(
                getattr(QStyle.StandardPixmap, pixmap_name, None), QStyle.StandardPixmap
            ), icon_name


def test_app_icon_is_the_svg_alone_when_it_loads(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QIcon

    from ssup_desktop.ui import icons

    added: list[str] = []

    class Recording(QIcon):
        def addFile(self, name: str) -> None:  # type: ignore[override]
            added.append(Path(name).name)
            super().addFile(name)

    monkeypatch.setattr(icons, "QIcon", Recording)
    icon = icons.app_icon()
    assert not icon.isNull()
    # a PNG added to an SVG icon is decoded there and then, at every start
    assert added == ["ssup-desktop.svg"]


@pytest.mark.qt_log_ignore("Cannot read file")
def test_app_icon_falls_back_on_the_png_without_a_usable_svg(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from ssup_desktop.paths import PACKAGE_DATA
    from ssup_desktop.ui import icons

    shutil.copy(PACKAGE_DATA / "ssup-desktop.png", tmp_path / "ssup-desktop.png")
    (tmp_path / "ssup-desktop.svg").write_text("not an SVG", encoding="utf-8")
    monkeypatch.setattr(icons, "PACKAGE_DATA", tmp_path)
    icon = icons.app_icon()
    assert not icon.isNull()
    assert icon.pixmap(64, 64).width() == 64
