"""Shared look helpers: plain-text labels, selectable labels, escaped tooltips."""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from ssup_desktop.ui.style import SelectableLabel, escape_html, plain_label, plain_tooltip

LONG = (
    "Sales support can be delivered to a range of roles, such as, but not limited to, the "
    "sales force, sales agents, reseller/distributor staff and <b>existing</b> customers."
)
SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse


def _enter(label: QLabel) -> None:
    point = QPointF(2, 2)
    QApplication.sendEvent(label, QEnterEvent(point, point, label.mapToGlobal(point)))


def test_a_selectable_label_turns_selectable_when_the_pointer_enters(qtbot: QtBot) -> None:
    label = plain_label(LONG, selectable=True)
    qtbot.addWidget(label)
    assert isinstance(label, SelectableLabel)
    assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == LONG
    assert not label.textInteractionFlags() & SELECTABLE  # plain layout until it is needed
    _enter(label)
    assert label.textInteractionFlags() & SELECTABLE
    _enter(label)  # again: nothing changes
    assert label.textInteractionFlags() & SELECTABLE


def test_switching_selection_on_changes_no_pixel_and_no_size(qtbot: QtBot) -> None:
    for width in (160, 240, 420):
        label = plain_label(LONG, selectable=True)
        qtbot.addWidget(label)
        height = label.heightForWidth(width)
        hint = label.sizeHint()
        label.resize(width, height)
        before = label.grab().toImage()
        _enter(label)
        assert label.heightForWidth(width) == height and label.sizeHint() == hint
        label.resize(width, height)
        assert label.grab().toImage() == before


def test_other_labels_are_plain_and_never_selectable(qtbot: QtBot) -> None:
    label = plain_label(LONG)
    qtbot.addWidget(label)
    assert type(label) is QLabel
    _enter(label)
    assert not label.textInteractionFlags() & SELECTABLE


def test_escape_html_matches_the_standard_library() -> None:
    text = 'A&B <i>"quoted"</i> it\'s 100% \u00e9\u00e8 & more\n'
    assert escape_html(text) == html.escape(text, quote=True)
    assert plain_tooltip("<b>x</b>\ny") == "<qt>&lt;b&gt;x&lt;/b&gt;<br/>y</qt>"
    assert plain_tooltip("") == ""


def test_the_mouse_selects_text_once_over_the_label(qtbot: QtBot) -> None:
    label = plain_label("Helps customers to clarify their needs.", selectable=True, wrap=False)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    word = QPoint(label.fontMetrics().horizontalAdvance("Hel"), label.height() // 2)
    QTest.mouseMove(label, word)  # the pointer arrives first, as it must before a click
    qtbot.waitUntil(lambda: bool(label.textInteractionFlags() & SELECTABLE))
    QTest.mouseDClick(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, word)
    assert label.selectedText() == "Helps"


def test_a_press_with_no_enter_before_it_still_selects(qtbot: QtBot) -> None:
    label = plain_label("Helps customers to clarify their needs.", selectable=True, wrap=False)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    y = label.height() // 2
    QTest.mousePress(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(1, y))
    end = QPoint(label.width() - 2, y)
    QTest.mouseMove(label, end)
    QTest.mouseRelease(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert label.selectedText().startswith("Helps customers to clarify their needs")
