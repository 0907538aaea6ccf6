"""Shared look: spacing, palette-derived colours, fonts, plain-text labels and card frames."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QTextBoundaryFinder
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QWidget

from ssup_desktop.ui.qt_names import set_by_name

SMALL = 8
MEDIUM = 12
LARGE = 16
RADIUS = 8.0
DASHES = [4.0, 2.0]  # dash and gap, in pen widths: Qt's DashLine
ELLIPSIS = "\u2026"
# LRM, RLM; LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI: what eliding keeps of a cut-off part
BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def scaled_font(base: QFont, factor: float = 1.0, *, bold: bool = False) -> QFont:
    """``base`` scaled by ``factor`` (from the system point size), optionally bold."""
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(max(6.0, base.pointSizeF() * factor))
    else:
        font.setPixelSize(max(8, round(base.pixelSize() * factor)))
    font.setBold(bold)
    return font


def plain_label(
    text: str = "",
    parent: QWidget | None = None,
    *,
    factor: float = 1.0,
    bold: bool = False,
    muted: bool = False,
    wrap: bool = True,
    selectable: bool = False,
) -> QLabel:
    """A label that always shows ``text`` literally (never as markup); ``selectable``: the
    mouse can select and copy it (see ``SelectableLabel``)."""
    label = SelectableLabel(parent) if selectable else TextLabel(parent)
    set_by_name(label, textFormat="PlainText")
    label.setText(text)
    label.setWordWrap(wrap)
    if factor != 1.0 or bold:
        label.setFont(scaled_font(label.font(), factor, bold=bold))
    if muted:
        set_muted(label)
    return label


HEIGHTS_KEPT = 16  # widths a TextLabel remembers its height at (a resize drag tries many)


class TextLabel(QLabel):
    """A label that remembers its height at each width it was measured at.

    A window lays its labels out several times before its first paint (the splitter, the
    scroll areas and their scroll bars each try widths), and each pass asks a wrapped label
    its height twice per width: for its height (which Qt's layout caches) and for its minimum
    height (which it does not), so Qt lays the text out again each time. Heights are kept
    for the text, font, wrapping, margin, indent and contents margins they were measured
    with; a change to any of them starts over. Other changes that move the height (alignment,
    text format, interaction flags) are not seen, as reading them would make Qt's enums: call
    ``forget_heights()`` after making one."""

    _measured: tuple[object, ...] = ()
    _measured_font: QFont | None = None
    _heights: dict[int, int]

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        measured = (
            self.text(),
            self.wordWrap(),
            self.margin(),
            self.indent(),
            (margins.left(), margins.top(), margins.right(), margins.bottom()),
        )
        font = self.font()
        if (
            measured != self._measured
            or font != self._measured_font
            or len(self._heights) >= HEIGHTS_KEPT
        ):
            self._measured, self._measured_font, self._heights = measured, font, {}
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def forget_heights(self) -> None:
        """Measure again from the next ask (after a change the key above does not see)."""
        self._measured = ()


class SelectableLabel(TextLabel):
    """A label whose text the mouse can select and copy (drag, double-click, context menu).

    Selection is switched on when the pointer first enters the label (Qt sends the enter
    before any press), or at the first press. Until then Qt lays the text out with its
    plain-text engine instead of a text document: the same pixels (tests/ui/test_style.py),
    at a fraction of the cost of the layout passes a pane of wrapped text goes through while
    it is first shown."""

    def enterEvent(self, event: QEnterEvent) -> None:
        self.make_selectable()
        super().enterEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.make_selectable()  # a press with no enter before it (synthetic input) selects too
        super().mousePressEvent(event)

    def make_selectable(self) -> None:
        from PySide6.QtCore import Qt

        selectable = Qt.TextInteractionFlag.TextSelectableByMouse
        if not self.textInteractionFlags() & selectable:
            self.setTextInteractionFlags(selectable)
            self.forget_heights()  # laid out through a text document from now on


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally: Qt reads a tooltip that looks like HTML as rich
    text, so user text is escaped (line breaks kept)."""
    return "<qt>" + escape_html(text).replace("\n", "<br/>") + "</qt>" if text else ""


_HTML_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
)


def escape_html(text: str) -> str:
    """``text`` with ``& < > " '`` escaped, as ``html.escape`` does (``html`` itself is not
    imported for it: loading its entity table costs start-up time)."""
    return text.translate(_HTML_ESCAPES)


def set_muted(widget: QWidget, muted: bool = True) -> None:
    """Show ``widget``'s text in the palette's secondary colour (follows light and dark themes)."""
    widget.setForegroundRole(
        QPalette.ColorRole.PlaceholderText if muted else QPalette.ColorRole.WindowText
    )


def is_dark(palette: QPalette) -> bool:
    """True when ``palette`` draws light text on a dark window (a dark colour scheme)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_color(palette: QPalette) -> QColor:
    """A red that reads well on ``palette``'s window colour (light or dark)."""
    return QColor("#ff8a80") if is_dark(palette) else QColor("#b3261e")


def set_error_style(label: QLabel) -> None:
    """Show ``label``'s text in the error colour of its palette."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, error_color(palette))
    label.setPalette(palette)


def heading(text: str, parent: QWidget | None = None, factor: float = 1.35) -> QLabel:
    """A section heading: larger and bold, plain text."""
    label = plain_label(text, parent, factor=factor, bold=True)
    label.setAccessibleName(text)
    return label


class CardFrame(QFrame):
    """A rounded panel painted from the palette: base fill, soft border, highlight when selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selected = False
        self.focused = False
        self.dimmed = False

    def set_state(self, *, selected: bool, focused: bool) -> None:
        if (selected, focused) != (self.selected, self.focused):
            self.selected, self.focused = selected, focused
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.WindowText)
        fill = window if self.dimmed else base
        border = blend(window, text, 0.22)
        width = 1.0
        if self.selected:
            fill = blend(fill, highlight, 0.14)
            border, width = highlight, 2.0
        if self.focused:
            width = 3.0
        # drawn as drawRoundedRect draws (fill, then outline; the same pixels for a solid
        # border, a dashed one starts its dashes elsewhere on the outline) with calls that take
        # no Qt enum (see ui.qt_names): setPen, setBrush and QBrush(colour) try theirs first
        inset = width / 2 + 0.5
        path = QPainterPath()
        path.addRoundedRect(
            QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), RADIUS, RADIUS
        )
        pen = QPen()  # solid, square caps and bevel joins, as QPen(colour, width) makes it
        pen.setColor(fill)
        fill_brush = pen.brush()  # a solid brush of the fill colour
        pen.setColor(border)
        pen.setWidthF(width)
        if self.dimmed:
            pen.setDashPattern(DASHES)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(path, fill_brush)
        painter.strokePath(path, pen)
        painter.end()


class ElidedLabel(QLabel):
    """Plain text shown in full (word-wrapped) or, when collapsed, as one line ending in "...".

    While hidden, a collapsed label holds its text on one line, uncut (as tall as cut): it is
    cut to its width once shown, and again at each resize (a window lays its labels out more
    than once before it first shows them)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_by_name(self, textFormat="PlainText")
        self.full_text = text
        self.collapsed = False
        self._apply()

    def set_full_text(self, text: str) -> None:
        if text != self.full_text:
            self.full_text = text
            self._apply()

    def set_collapsed(self, collapsed: bool) -> None:
        if collapsed != self.collapsed:
            self.collapsed = collapsed
            self._apply()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.collapsed:
            self._elide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.collapsed:
            self._elide()

    def _apply(self) -> None:
        policy = QSizePolicy.Policy
        if self.collapsed:
            self.setWordWrap(False)
            self.setSizePolicy(policy.Ignored, policy.Preferred)
            self._elide()
        else:
            self.setWordWrap(True)
            self.setSizePolicy(policy.Preferred, policy.Preferred)
            self.setText(self.full_text)
        self.updateGeometry()

    def _elide(self) -> None:
        flat = " ".join(self.full_text.split())
        if not self.isVisible():
            self.setText(flat)
            return
        width = max(10, self.contentsRect().width())
        self.setText(elide_right(QFontMetricsF(self.font()), flat, width))


def elide_right(metrics: QFontMetricsF, text: str, width: float) -> str:
    """``text`` cut to fit ``width`` with an ellipsis after it, as Qt's
    ``QFontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, width)`` cuts it (the same
    result, tests/ui/test_style.py), without Qt's enums (see ``ui.qt_names``): whole
    characters (grapheme clusters) are kept while their advance, measured in the whole text,
    stays under the room left by the ellipsis. Unlike Qt, which reads U+009C (an invisible
    control) as a separator of shorter variants of the text, it drops U+009C: user text is
    data, shown whole."""
    text = text.replace("\u009c", "")  # Qt measures only up to it
    # Qt counts in UTF-16 units: where each Python character starts, in those
    starts = {0: 0}
    units = 0
    for index, char in enumerate(text, 1):
        units += 2 if ord(char) > 0xFFFF else 1
        starts[units] = index
    full = metrics.horizontalAdvance(text)
    if units <= 1 or full <= width:
        return text
    ellipsis = ELLIPSIS if metrics.inFontUcs4(ord(ELLIPSIS)) else "..."
    room = width - metrics.horizontalAdvance(ellipsis)
    if room < 0:
        return ""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
    ends = []  # where each character but the last ends, in UTF-16 units
    end = finder.toNextBoundary()
    while 0 < end < units:
        ends.append(end)
        end = finder.toNextBoundary()
    # keep the characters before the first whose end reaches ``room`` (none, if the first does)
    first = _first_reaching(
        lambda i: metrics.horizontalAdvance(text, ends[i]) >= room,
        len(ends),
        guess=int(len(ends) * room / full),
    )
    kept = ends[first - 1] if first else 0
    cut = starts[kept]
    # as Qt does, the direction marks and embeddings of the part cut off stay, after the "..."
    return text[:cut] + ellipsis + "".join(c for c in text[cut:] if c in BIDI_CONTROLS)


def _first_reaching(reaches: Callable[[int], bool], count: int, guess: int) -> int:
    """The least ``i`` in 0..count-1 for which ``reaches(i)`` (which, once true, stays true),
    else ``count``; ``reaches`` is tried at ``guess`` first, then in widening steps around it
    (characters are about equally wide: the cut is mostly a step or two from the guess), then
    by halves."""
    low, high = 0, count  # the answer is in low..high
    probe, step = max(0, min(count - 1, guess)), 1
    if count and reaches(probe):
        high = probe
        while high - step >= low:
            probe = high - step
            if not reaches(probe):
                low = probe + 1
                break
            high, step = probe, step * 2
    elif count:
        low = probe + 1
        while low + step - 1 < high:
            probe = low + step - 1
            if reaches(probe):
                high = probe
                break
            low, step = probe + 1, step * 2
    while low < high:
        middle = (low + high) // 2
        if reaches(middle):
            high = middle
        else:
            low = middle + 1
    return low
