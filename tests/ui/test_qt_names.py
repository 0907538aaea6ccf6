"""Qt-namespace settings by key name: the same values as the enums give, and loud on a typo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QScrollArea, QToolBar
from pytestqt.qtbot import QtBot

from ssup_desktop.ui.qt_names import set_by_name, set_shortcut


def test_set_by_name_sets_enums_and_flags_as_the_enum_setters_do(qtbot: QtBot) -> None:
    label, scroll, toolbar = QLabel(), QScrollArea(), QToolBar()
    for widget in (label, scroll, toolbar):
        qtbot.addWidget(widget)
    set_by_name(label, alignment="AlignRight|AlignTop", textFormat="PlainText")
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
    assert label.textFormat() == Qt.TextFormat.PlainText
    set_by_name(scroll, horizontalScrollBarPolicy="ScrollBarAlwaysOff", focusPolicy="NoFocus")
    assert scroll.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert scroll.focusPolicy() == Qt.FocusPolicy.NoFocus
    set_by_name(toolbar, toolButtonStyle="ToolButtonTextBesideIcon")
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon


@pytest.mark.parametrize(
    ("name", "keys"), [("textFormat", "Plaintext"), ("alignment", "AlignMiddle"), ("nope", "X")]
)
def test_set_by_name_refuses_an_unknown_property_or_key(qtbot: QtBot, name: str, keys: str) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    set_by_name(label, textFormat="RichText")
    with pytest.raises(ValueError, match=f"QLabel.{name} cannot be set to '{keys}'"):
        set_by_name(label, **{name: keys})
    assert label.textFormat() == Qt.TextFormat.RichText  # left as it was
    assert label.dynamicPropertyNames() == []  # no property made up on the way


def test_set_shortcut_reads_the_text_as_qkeysequence_does(qtbot: QtBot) -> None:
    action = QAction("Add")
    set_shortcut(action, "Ctrl+Shift+N")
    assert action.shortcuts() == [QKeySequence("Ctrl+Shift+N")]
    assert action.shortcut() == QKeySequence("Ctrl+Shift+N")
