"""The level ladder and the statements of the chosen level, as a user sees and drives them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
from PySide6.QtGui import QEnterEvent, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.ui.main_window import MainWindow
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.views import evidence_log
from ssup_desktop.ui.views.ladder import LevelLadderView
from tests.ui.conftest import WindowFactory, close_window

SFIA9_L1 = "Uses sales support systems to retrieve and enter data."
SFIA8_L1 = "Uses databases to retrieve and enter data."


def card_texts(window: MainWindow) -> list[str]:
    return [card.text_label.text() for card in window.workspace.level_detail.cards]


def add_entry(session: PortfolioSession, title: str, *statement_ids: str) -> Evidence:
    entry = Evidence(title=title, date_from=date(2025, 3, 4), statement_ids=statement_ids)
    session.announce(session.service.add_evidence(entry))
    return entry


def test_seven_rungs_with_the_highest_on_top(window: MainWindow) -> None:
    ladder = window.workspace.ladder
    assert ladder.rung_order() == [7, 6, 5, 4, 3, 2, 1]
    tops = [
        ladder.rungs[n].mapTo(ladder, ladder.rungs[n].rect().topLeft()).y() for n in range(7, 0, -1)
    ]
    assert tops == sorted(tops)
    assert ladder.rungs[4].name_label.text() == "Enable"
    assert "delegates" in ladder.rungs[4].essence_label.full_text


def test_all_rungs_fit_at_1280_by_800(window: MainWindow) -> None:
    ladder = window.workspace.ladder
    viewport = ladder.scroll_area.viewport()
    for rung in ladder.rungs.values():
        bottom = rung.mapTo(viewport, rung.rect().bottomLeft()).y()
        assert rung.mapTo(viewport, rung.rect().topLeft()).y() >= 0 and bottom <= viewport.height()


def test_level_seven_is_greyed_with_sfias_explanation(
    window: MainWindow, skills: dict[Edition, Skill]
) -> None:
    rung = window.workspace.ladder.rungs[7]
    reason = skills[Edition.SFIA9].level(7).not_defined_reason
    assert reason
    assert rung.dimmed and not rung.defined
    assert rung.reason_label.full_text == reason and rung.reason_label.isVisible()
    assert reason in rung.toolTip()
    assert rung.number_label.foregroundRole() == QPalette.ColorRole.PlaceholderText
    assert window.workspace.ladder.rungs[6].number_label.foregroundRole() == (
        QPalette.ColorRole.WindowText
    )


def test_clicking_a_rung_shows_its_statements(
    qtbot: QtBot, window: MainWindow, skills: dict[Edition, Skill]
) -> None:
    ladder = window.workspace.ladder
    with qtbot.waitSignal(ladder.level_selected) as blocker:
        QTest.mouseClick(ladder.rungs[4], Qt.MouseButton.LeftButton)
    assert blocker.args == [4]
    detail = window.workspace.level_detail
    assert detail.title_label.text() == "Level 4 - Enable"
    assert card_texts(window) == [st.text for st in skills[Edition.SFIA9].level(4).statements]
    assert ladder.hasFocus() and ladder.rungs[4].selected and ladder.rungs[4].focused


def test_up_and_down_keys_move_the_selection(qtbot: QtBot, window: MainWindow) -> None:
    ladder = window.workspace.ladder
    ladder.setFocus()
    ladder.select_level(2)
    QTest.keyClick(ladder, Qt.Key.Key_Up)
    assert ladder.selected_level == 3
    assert window.workspace.level_detail.title_label.text() == "Level 3 - Apply"
    QTest.keyClick(ladder, Qt.Key.Key_Down)
    QTest.keyClick(ladder, Qt.Key.Key_Down)
    assert ladder.selected_level == 1
    QTest.keyClick(ladder, Qt.Key.Key_Down)
    assert ladder.selected_level == 1
    QTest.keyClick(ladder, Qt.Key.Key_Home)
    assert ladder.selected_level == 7
    assert ladder.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_undefined_level_shows_explanation_guidance_and_related_skills(
    window: MainWindow, skills: dict[Edition, Skill]
) -> None:
    window.workspace.ladder.select_level(7)
    detail = window.workspace.level_detail
    texts = [label.text() for label in detail.body.findChildren(type(detail.title_label))]
    skill = skills[Edition.SFIA9]
    assert detail.cards == []
    assert skill.level(7).not_defined_reason in texts
    assert skill.developing.higher_not_defined[0] in texts
    assert "\u2022 Selling (SALE)" in texts


def test_switching_edition_in_the_view_menu_changes_the_text(
    window: MainWindow, skills: dict[Edition, Skill]
) -> None:
    window.workspace.ladder.select_level(1)
    assert SFIA9_L1 in card_texts(window)
    window.edition_actions[Edition.SFIA8].trigger()
    assert SFIA8_L1 in card_texts(window)
    assert window.session.service.profile().edition is Edition.SFIA8
    assert window.edition_actions[Edition.SFIA8].isChecked()
    assert window.workspace.skill_info.texts()[1] == "SFIA 8"
    window.edition_actions[Edition.SFIA7].trigger()
    assert card_texts(window) == [st.text for st in skills[Edition.SFIA7].level(1).statements]
    window.undo_action.trigger()
    assert SFIA8_L1 in card_texts(window)
    window.undo_action.trigger()
    assert SFIA9_L1 in card_texts(window)
    assert window.edition_actions[Edition.SFIA9].isChecked()


def test_the_edition_survives_a_restart(open_window: WindowFactory, portfolio_path: Path) -> None:
    first = open_window(portfolio_path)
    first.edition_actions[Edition.SFIA8].trigger()
    close_window(first)
    again = open_window(portfolio_path)
    again.workspace.ladder.select_level(1)
    assert again.edition_actions[Edition.SFIA8].isChecked()
    assert SFIA8_L1 in card_texts(again)


def test_counts_follow_linked_evidence(window: MainWindow, session: PortfolioSession) -> None:
    window.workspace.ladder.select_level(3)
    detail = window.workspace.level_detail
    assert detail.card("ssup-3-1").count_text == "No entries yet"
    entry = add_entry(session, "Requirements workshop", "ssup-3-1")
    card = detail.card("ssup-3-1")
    assert card.count_text == "1 entry"
    assert window.workspace.ladder.rungs[3].summary == "1 of 3 statements with evidence"
    card.toggle.setChecked(True)
    assert card.entry_list.isVisibleTo(detail)
    item = card.entry_list.item(0)
    assert item.text() == "Requirements workshop \u2014 2025-03-04"
    assert item.data(Qt.ItemDataRole.UserRole) == entry.id
    add_entry(session, "Second", "ssup-3-1")
    assert detail.card("ssup-3-1").count_text == "2 entries"


def test_evidence_linked_in_another_edition_counts(
    window: MainWindow, session: PortfolioSession, skills: dict[Edition, Skill]
) -> None:
    add_entry(session, "Bid support", "ssup-3-2")
    window.edition_actions[Edition.SFIA7].trigger()
    window.workspace.ladder.select_level(3)
    covering = [st.id for st in skills[Edition.SFIA7].level(3).statements if "ssup-3-2" in st.keys]
    assert covering
    assert window.workspace.level_detail.card(covering[0]).count_text == "1 entry"


@pytest.fixture
def editor_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, Sequence[str]]]:
    """Replace the evidence editor dialog with a recorder (no modal dialog in tests)."""
    calls: list[tuple[object, Sequence[str]]] = []

    def fake(
        parent: QWidget | None,
        session: PortfolioSession,
        evidence: Evidence | None = None,
        prelinked: Sequence[str] = (),
        on_error: object = None,
    ) -> bool:
        calls.append((evidence.id if evidence else None, tuple(prelinked)))
        return False

    monkeypatch.setattr(evidence_log, "open_evidence_editor", fake)
    return calls


def test_add_evidence_button_opens_the_editor_prelinked(
    qtbot: QtBot, window: MainWindow, editor_calls: list[tuple[object, Sequence[str]]]
) -> None:
    window.workspace.ladder.select_level(2)
    card = window.workspace.level_detail.card("ssup-2-2")
    QTest.mouseClick(card.add_button, Qt.MouseButton.LeftButton)
    assert editor_calls == [(None, ("ssup-2-2",))]


def test_double_clicking_an_entry_opens_it_for_editing(
    qtbot: QtBot,
    window: MainWindow,
    session: PortfolioSession,
    editor_calls: list[tuple[object, Sequence[str]]],
) -> None:
    entry = add_entry(session, "Demo day", "ssup-4-1")
    window.workspace.ladder.select_level(4)
    card = window.workspace.level_detail.card("ssup-4-1")
    card.toggle.setChecked(True)
    qtbot.waitUntil(card.entry_list.isVisible)
    rect = card.entry_list.visualItemRect(card.entry_list.item(0))
    viewport = card.entry_list.viewport()
    left, plain = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(viewport, left, plain, rect.center())
    QTest.mouseDClick(viewport, left, plain, rect.center())
    assert editor_calls == [(entry.id, ())]
    card.entry_list.setFocus()
    card.entry_list.setCurrentRow(0)
    QTest.keyClick(card.entry_list, Qt.Key.Key_Return)
    assert editor_calls == [(entry.id, ()), (entry.id, ())]
    assert isinstance(editor_calls[0][0], uuid.UUID)


def test_the_selected_rung_shows_its_whole_essence_after_an_edition_switch(
    qtbot: QtBot, window: MainWindow
) -> None:
    ladder = window.workspace.ladder
    ladder.select_level(3)
    window.edition_actions[Edition.SFIA7].trigger()
    label = ladder.rungs[3].essence_label
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    assert not label.collapsed and label.text() == label.full_text
    assert ladder.rungs[2].essence_label.collapsed


def test_a_ladder_deleted_before_it_scrolls_raises_nothing(
    qtbot: QtBot, session: PortfolioSession
) -> None:
    """Showing the ladder queues a scroll to the selected rung; if the ladder goes first (another
    portfolio opens), the queued scroll goes with it."""
    ladder = LevelLadderView(session)
    ladder.select_level(3)
    ladder.show()  # queues the scroll
    ladder.deleteLater()
    QCoreApplication.sendPostedEvents(ladder, QEvent.Type.DeferredDelete)
    qtbot.wait(20)  # the queued scroll's turn: an error here fails the test (pytest-qt)


def test_a_rung_shows_a_pointing_hand_once_the_pointer_comes(window: MainWindow) -> None:
    rung = window.workspace.ladder.rungs[4]
    point = QPointF(5, 5)
    QCoreApplication.sendEvent(rung, QEnterEvent(point, point, rung.mapToGlobal(point)))
    assert rung.cursor().shape() == Qt.CursorShape.PointingHandCursor
