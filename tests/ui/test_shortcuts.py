"""Keyboard: standard shortcuts on the right actions, Find focuses the search, menus by Alt."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from ssup_desktop.ui.main_window import MainWindow
from ssup_desktop.ui.workspace import EVIDENCE_TAB, LADDER_TAB

KEY = QKeySequence.StandardKey


def mnemonic(text: str) -> str:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else ""


def test_standard_shortcuts_are_bound_to_the_right_actions(window: MainWindow) -> None:
    expected: list[tuple[QAction, QKeySequence.StandardKey]] = [
        (window.new_action, KEY.New),
        (window.open_action, KEY.Open),
        (window.find_action, KEY.Find),
        (window.undo_action, KEY.Undo),
        (window.redo_action, KEY.Redo),
        (window.quit_action, KEY.Quit),
        (window.full_screen_action, KEY.FullScreen),
        (window.export_actions.print_action, KEY.Print),
        (window.desktop_actions.guide_action, KEY.HelpContents),
    ]
    preferences = getattr(window, "preferences_action", None)
    if isinstance(preferences, QAction):
        expected.append((preferences, KEY.Preferences))
    for action, standard in expected:
        bindings = QKeySequence.keyBindings(standard)
        if bindings:
            assert action.shortcuts() == bindings, action.text()
        else:  # e.g. Linux has no standard Preferences key: the usual one stands in
            fallback = {window.quit_action: "Ctrl+Q", preferences: "Ctrl+,"}[action]
            assert action.shortcut() == QKeySequence(fallback), action.text()
    assert window.desktop_actions.guide_action.shortcut() == QKeySequence("F1")


def test_no_shortcut_is_bound_twice(window: MainWindow) -> None:
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            key = sequence.toString()
            if not key or not action.isVisible():
                continue
            assert seen.get(key, action.text()) == action.text(), f"{key} is on two actions"
            seen[key] = action.text()


def test_find_switches_to_the_evidence_log_and_focuses_search(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.workspace.setCurrentIndex(LADDER_TAB)
    window.activateWindow()
    qtbot.keySequence(window, QKeySequence(KEY.Find))
    assert window.workspace.currentIndex() == EVIDENCE_TAB
    search = window.workspace.evidence_log.filter_bar.search_edit
    qtbot.waitUntil(search.hasFocus)
    assert QApplication.focusWidget() is search


def test_f1_opens_the_guide(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_F1)
    guide = window.desktop_actions.guide
    assert guide is not None and guide.isVisible()
    assert not guide.isModal()
    guide.close()


def test_every_menu_item_has_a_unique_accelerator(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    tabs = [window.workspace.tabText(i) for i in range(window.workspace.count())]
    letters = [mnemonic(t) for t in titles + tabs]
    assert all(letters), titles + tabs
    assert len(set(letters)) == len(letters), f"Alt+letter clash: {titles + tabs}"
    for action in window.menuBar().actions():
        menu = action.menu()
        assert isinstance(menu, QMenu)
        items = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        keys = [mnemonic(a.text()) for a in items if a.menu() is None]
        assert all(keys), [a.text() for a in items]
        assert len(set(keys)) == len(keys), f"{action.text()}: {[a.text() for a in items]}"


def test_ladder_rungs_move_with_arrow_keys(window: MainWindow, qtbot: QtBot) -> None:
    ladder = window.workspace.ladder
    ladder.select_level(3)
    ladder.setFocus()
    QTest.keyClick(ladder, Qt.Key.Key_Up)
    assert ladder.selected_level == 4
    assert window.workspace.level_detail.level == 4
    QTest.keyClick(ladder, Qt.Key.Key_End)
    assert ladder.selected_level == 1


def test_tab_goes_from_the_ladder_to_the_statement_cards(window: MainWindow) -> None:
    workspace = window.workspace
    workspace.ladder.select_level(2)
    workspace.ladder.setFocus()
    assert workspace.ladder.nextInFocusChain() is not None
    order: list[QWidget] = []
    widget: QWidget | None = workspace.ladder.nextInFocusChain()
    while widget is not None and widget is not workspace.skill_info and len(order) < 200:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            order.append(widget)
        widget = widget.nextInFocusChain()
    cards = workspace.level_detail.cards
    assert order, "Tab from the ladder reaches nothing before the skill text"
    assert order[0].parentWidget() is cards[0] or cards[0].isAncestorOf(order[0])
    assert any(cards[-1].isAncestorOf(w) for w in order)
