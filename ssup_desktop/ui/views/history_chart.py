"""EvidencedChart: evidenced statements per level over time, drawn with QPainter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ssup_desktop.domain.progress_over_time import Snapshot
from ssup_desktop.ui.style import blend

# One colour and one dash pattern per level: lines differ by more than colour.
LEVEL_COLOURS = {
    1: QColor(120, 120, 130),
    2: QColor(0, 114, 178),
    3: QColor(213, 94, 0),
    4: QColor(0, 158, 115),
    5: QColor(204, 121, 167),
    6: QColor(86, 70, 160),
}
LEVEL_DASHES = {
    1: Qt.PenStyle.DotLine,
    2: Qt.PenStyle.DashDotLine,
    3: Qt.PenStyle.DashLine,
    4: Qt.PenStyle.SolidLine,
    5: Qt.PenStyle.DashDotDotLine,
    6: Qt.PenStyle.SolidLine,
}


class EvidencedChart(QWidget):
    """One line per defined level: how many of its statements were evidenced at each month end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.snapshots: list[Snapshot] = []
        self.totals: dict[int, int] = {}
        self.highlight: int | None = None  # the target level, drawn thicker
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(220)
        self.setAccessibleName("Chart of evidenced statements per level over time")

    def set_data(
        self,
        snapshots: Sequence[Snapshot],
        totals: Mapping[int, int],
        highlight: int | None = None,
    ) -> None:
        self.snapshots = list(snapshots)
        self.totals = dict(totals)
        self.highlight = highlight
        if self.snapshots:
            last = self.snapshots[-1]
            parts = [
                f"level {n}: {last.counts.get(n, 0)} of {t}" for n, t in sorted(self.totals.items())
            ]
            self.setAccessibleDescription(
                f"From {self.snapshots[0].day:%B %Y} to {last.day:%B %Y}. Now " + ", ".join(parts)
            )
        else:
            self.setAccessibleDescription("No dated evidence yet")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 300)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        painter.fillRect(self.rect(), base)
        metrics = self.fontMetrics()
        line = metrics.height()
        if not self.snapshots:
            painter.setPen(blend(base, text, 0.6))
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                "No dated evidence yet: the chart fills in as you log examples.",
            )
            painter.end()
            return
        legend_height = line + 8
        left = metrics.horizontalAdvance("00") + line + 14
        plot = QRectF(
            left, line, self.width() - left - 16, self.height() - 2.5 * line - legend_height - 12
        )
        top_value = max([*self.totals.values(), 1])
        self._axes(painter, plot, top_value, text, window)
        count = len(self.snapshots)

        def point(index: int, value: int) -> QPointF:
            x = plot.left() + (
                plot.width() * index / (count - 1) if count > 1 else plot.width() / 2
            )
            return QPointF(x, plot.bottom() - plot.height() * value / top_value)

        for level in sorted(self.totals):
            path = QPainterPath()
            for index, snap in enumerate(self.snapshots):
                p = point(index, snap.counts.get(level, 0))
                if index == 0:
                    path.moveTo(p)
                else:  # steps: a count holds until the next month end
                    path.lineTo(QPointF(p.x(), path.currentPosition().y()))
                    path.lineTo(p)
            width = 3.2 if level == self.highlight else 1.8
            painter.setPen(QPen(LEVEL_COLOURS.get(level, text), width, LEVEL_DASHES[level]))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        self._legend(painter, plot, text, legend_height)
        painter.end()

    def _axes(
        self, painter: QPainter, plot: QRectF, top_value: int, text: QColor, window: QColor
    ) -> None:
        metrics = self.fontMetrics()
        grid = blend(window, text, 0.15)
        muted = blend(window, text, 0.7)
        for value in range(top_value + 1):
            y = plot.bottom() - plot.height() * value / top_value
            painter.setPen(QPen(grid, 1.0))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            label_rect = QRectF(0, y - metrics.height() / 2, plot.left() - 6, metrics.height())
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignRight, str(value))
        painter.setPen(QPen(muted, 1.0))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        # Y title, rotated.
        painter.save()
        painter.translate(metrics.height() / 2 + 2, plot.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-plot.height() / 2, -metrics.height() / 2, plot.height(), metrics.height()),
            Qt.AlignmentFlag.AlignCenter,
            "Statements evidenced",
        )
        painter.restore()
        # X labels: one per year (January), or the first and last month when under a year.
        count = len(self.snapshots)
        labels = [(i, f"{s.day:%Y}") for i, s in enumerate(self.snapshots) if s.day.month == 1]
        if len(labels) < 2:
            labels = [(0, f"{self.snapshots[0].day:%b %Y}")]
            if count > 1:
                labels.append((count - 1, f"{self.snapshots[-1].day:%b %Y}"))
        last_right = -1e9
        for index, label in labels:
            x = plot.left() + (
                plot.width() * index / (count - 1) if count > 1 else plot.width() / 2
            )
            width = metrics.horizontalAdvance(label)
            rect = QRectF(x - width / 2, plot.bottom() + 4, width, metrics.height())
            rect.moveLeft(max(0.0, min(rect.left(), self.width() - width - 2)))
            if rect.left() <= last_right + 8:
                continue
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
            last_right = rect.right()

    def _legend(self, painter: QPainter, plot: QRectF, text: QColor, height: float) -> None:
        metrics = self.fontMetrics()
        x = plot.left()
        y = self.height() - height / 2 - 2
        for level in sorted(self.totals):
            label = f"Level {level}" + (" (target)" if level == self.highlight else "")
            width = 3.2 if level == self.highlight else 1.8
            painter.setPen(QPen(LEVEL_COLOURS.get(level, text), width, LEVEL_DASHES[level]))
            painter.drawLine(QPointF(x, y), QPointF(x + 28, y))
            painter.setPen(text)
            advance = metrics.horizontalAdvance(label)
            painter.drawText(
                QRectF(x + 32, y - metrics.height() / 2, advance + 2, metrics.height()),
                Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            x += 32 + advance + 18
