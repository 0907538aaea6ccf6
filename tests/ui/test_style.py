"""Shared look helpers: plain-text labels, selectable labels, escaped tooltips."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QImage,
    QPainter,
    QPen,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from ssup_desktop.ui.style import (
    RADIUS,
    CardFrame,
    ElidedLabel,
    SelectableLabel,
    TextLabel,
    _first_reaching,
    elide_right,
    escape_html,
    plain_label,
    plain_tooltip,
)

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
    assert type(label) is TextLabel
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


ELIDED = [
    "Has significant organisational influence, makes high-level decisions",
    "Sam Benchmark \u00b7 Pre-sales consultant \u00b7 Sales support (SSUP), SFIA 9",
    "e\u0301e\u0301 caf\u00e9 \U0001f469\u200d\U0001f4bb coder \U0001f600\U0001f600 end",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd and English",
    "AV Wa To ffi fl",
    "\u202b\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd\u202c and more English text",
    "name \u2067\u05e9\u05dc\u05d5\u05dd\u2069 role \u2066abc\u2069 end",
    "left\u200e mark \u200f here and there",
    "a\u202ab\u202cc\u202dd\u202ee\u2068f tail",
    "\U0001f600",
    "x",
    "",
]


@pytest.mark.parametrize("bold", [False, True])
def test_elide_right_cuts_where_qt_cuts(qtbot: QtBot, bold: bool) -> None:
    font = QFont(QLabel().font())
    font.setBold(bold)
    qt_metrics, metrics = QFontMetrics(font), QFontMetricsF(font)
    for text in ELIDED:
        for width in range(0, qt_metrics.horizontalAdvance(text) + 8):
            expected = qt_metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            assert elide_right(metrics, text, width) == expected, (text, width)


def _card_image(card: CardFrame) -> QImage:
    image = QImage(card.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    card.render(image)
    return image


@pytest.mark.parametrize("selected", [False, True])
def test_a_card_paints_as_a_rounded_rect_drawn_with_qpen_and_a_brush(
    qtbot: QtBot, selected: bool
) -> None:
    card = CardFrame()
    qtbot.addWidget(card)
    card.resize(220, 90)
    card.set_state(selected=selected, focused=False)
    palette = card.palette()
    window, text = (
        palette.color(palette.ColorRole.Window),
        palette.color(palette.ColorRole.WindowText),
    )
    expected = QImage(card.size(), QImage.Format.Format_ARGB32)
    expected.fill(window)  # render() paints a top-level widget's background first
    painter = QPainter(expected)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = palette.color(palette.ColorRole.Base)
    border, width = (
        QColor(
            round(window.red() + (text.red() - window.red()) * 0.22),
            round(window.green() + (text.green() - window.green()) * 0.22),
            round(window.blue() + (text.blue() - window.blue()) * 0.22),
        ),
        1.0,
    )
    if selected:
        highlight = palette.color(palette.ColorRole.Highlight)
        fill = QColor(
            round(fill.red() + (highlight.red() - fill.red()) * 0.14),
            round(fill.green() + (highlight.green() - fill.green()) * 0.14),
            round(fill.blue() + (highlight.blue() - fill.blue()) * 0.14),
        )
        border, width = highlight, 2.0
    painter.setPen(QPen(border, width, Qt.PenStyle.SolidLine))
    painter.setBrush(fill)
    inset = width / 2 + 0.5
    painter.drawRoundedRect(
        QRectF(card.rect()).adjusted(inset, inset, -inset, -inset), RADIUS, RADIUS
    )
    painter.end()
    assert _card_image(card) == expected


def test_a_dimmed_card_has_a_dashed_border(qtbot: QtBot) -> None:
    card = CardFrame()
    qtbot.addWidget(card)
    card.resize(220, 90)
    solid = _card_image(card)
    card.dimmed = True
    dashed = _card_image(card)
    top = [dashed.pixelColor(x, 0).lightness() for x in range(20, 200)]
    assert max(top) - min(top) > 15  # dashes and gaps along the top edge
    solid_top = [solid.pixelColor(x, 0).lightness() for x in range(20, 200)]
    assert max(solid_top) - min(solid_top) < 5


def test_the_cut_search_finds_the_first_reaching_index_from_any_guess() -> None:
    for count in range(0, 12):
        for answer in range(0, count + 1):
            for guess in range(-2, count + 3):
                tried: list[int] = []

                def reaches(
                    i: int, answer: int = answer, count: int = count, tried: list[int] = tried
                ) -> bool:
                    assert 0 <= i < count
                    tried.append(i)
                    return i >= answer

                assert _first_reaching(reaches, count, guess) == answer, (count, answer, guess)
                if abs(guess - answer) <= 1 and 0 < answer < count:
                    assert len(tried) <= 4  # a good guess costs a few tries, not a search


def _fresh_height(label: QLabel, width: int) -> int:
    """What a new QLabel like ``label`` measures at ``width``."""
    fresh = QLabel(label.text())
    fresh.setTextFormat(label.textFormat())
    fresh.setWordWrap(label.wordWrap())
    fresh.setFont(label.font())
    fresh.setMargin(label.margin())
    fresh.setIndent(label.indent())
    fresh.setContentsMargins(label.contentsMargins())
    return fresh.heightForWidth(width)


def test_a_text_label_measures_as_qlabel_and_again_after_each_change(qtbot: QtBot) -> None:
    label = plain_label(LONG)
    qtbot.addWidget(label)
    assert isinstance(label, TextLabel)
    widths = (90, 160, 240, 420)
    changes: list[Callable[[], None]] = [
        lambda: None,
        lambda: label.setText(LONG + " " + LONG),
        lambda: label.setFont(QFont(label.font().family(), 20)),
        lambda: label.setWordWrap(False),
        lambda: label.setWordWrap(True),
        lambda: label.setMargin(9),
        lambda: label.setIndent(30),
        lambda: label.setContentsMargins(4, 12, 4, 12),
    ]
    for change in changes:
        for _ in range(2):  # measured, then remembered
            for width in widths:
                assert label.heightForWidth(width) == _fresh_height(label, width), width
        change()
    assert label.heightForWidth(240) == _fresh_height(label, 240)


def test_elide_right_reads_u009c_as_text_not_as_variants(qtbot: QtBot) -> None:
    metrics = QFontMetricsF(QLabel().font())
    text = "Short\u009cA much longer variant of the same text that will not fit"
    cut = elide_right(metrics, text, 120)
    assert cut.startswith("ShortA much") and cut.endswith("\u2026")  # not just "Short"
    assert elide_right(metrics, "Short\u009cer", 500) == "Shorter"


def test_a_collapsed_label_is_cut_once_shown_and_again_when_resized(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.resize(200, 40)
    label = ElidedLabel(LONG, holder)
    label.resize(150, 20)
    label.set_collapsed(True)
    flat = " ".join(LONG.split())
    assert label.text() == flat  # hidden: one line, uncut (as tall as cut)
    holder.show()
    qtbot.waitExposed(holder)
    metrics = QFontMetricsF(label.font())
    shown = label.text()
    assert shown.endswith("\u2026") and shown == elide_right(
        metrics, flat, label.contentsRect().width()
    )
    label.resize(90, 20)
    assert len(label.text()) < len(shown) and label.text().endswith("\u2026")
    label.set_collapsed(False)
    assert label.text() == LONG and label.wordWrap()
