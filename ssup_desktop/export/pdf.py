"""The evidence report as a paged document: one layout for PDF files, printers and previews."""

from __future__ import annotations

import bisect
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QImageReader,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QTextTable,
)

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.export.pdf_options import PageSize, ReportOptions, Scope
from ssup_desktop.export.report import (
    KEEP_STATE,
    SECTION_STATE,
    TITLE,
    Report,
    build_report,
    image_url,
    render_html,
)
from ssup_desktop.export.report_model import MentorInput

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

MARGIN_MM = (20.0, 22.0, 20.0, 20.0)  # left, top, right, bottom
IMAGE_MAX_CSS_PX = (302, 378)  # 8 cm wide, 10 cm high at CSS's 96 px per inch
IMAGE_MAX_STORED_PX = 720  # pictures are kept no larger (about 230 dpi at 8 cm wide)
SANS_FAMILIES = ["DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial"]
SERIF_FAMILIES = ["DejaVu Serif", "Georgia", "Cambria", "Times New Roman"]
_UMASK = os.umask(0)
os.umask(_UMASK)
_app: QGuiApplication | None = None


class ReportSource(Protocol):
    """What the report needs from an open portfolio (PortfolioService fits)."""

    skills: dict[Edition, Skill]

    def profile(self) -> Profile: ...
    def list_evidence(self) -> list[Evidence]: ...
    def attachment_data(self, attachment_id: uuid.UUID) -> bytes: ...


class PdfExportError(Exception):
    """The PDF could not be written; the message names the file and says why."""


@dataclass(frozen=True)
class PdfResult:
    path: Path | None
    pages: int
    entries: int
    cancelled: bool = False
    seconds: float = 0.0


@dataclass
class ReportInput:
    """Everything needed to lay out a report, read from the portfolio up front (so the heavy
    work can run in another thread without touching the portfolio)."""

    report: Report
    options: ReportOptions
    images: dict[uuid.UUID, bytes] = field(default_factory=dict)


def collect(source: ReportSource, options: ReportOptions, today: date | None = None) -> ReportInput:
    """Read the profile, entries and the picture bytes the report prints (call on the thread
    that owns the portfolio)."""
    entries = source.list_evidence()
    profile = source.profile()
    mentor = mentor_input(source, profile.edition)
    report = build_report(profile, source.skills, entries, options, today or date.today(), mentor)
    images = {
        a.id: source.attachment_data(a.id)
        for entry in report.entries
        for a in entry.attachments
        if a.show_image
    }
    return ReportInput(report, options, images)


def mentor_input(source: ReportSource, edition: Edition) -> MentorInput | None:
    """The portfolio's mentor records for the report, if the source keeps any."""
    mentor = getattr(source, "mentor", None)
    if mentor is None:
        return None
    statements = source.skills[edition].statements
    return MentorInput(
        verified_keys=mentor.verified_keys(),
        summaries={st.id: mentor.statement_verdict_summary(st.id) for st in statements},
        sessions=mentor.sessions(),
        verdicts=mentor.verdicts(),
    )


def ensure_gui_app() -> None:
    """Create a QGuiApplication if none exists (offscreen when there is no display)."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # a widget-capable app, so windows may follow

    _app = QApplication([sys.argv[0] if sys.argv else "ssup-desktop"])


def qt_page_size(size: PageSize) -> QPageSize:
    return QPageSize(
        QPageSize.PageSizeId.Letter if size is PageSize.LETTER else QPageSize.PageSizeId.A4
    )


def _font(families: list[str], points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _image(data: bytes) -> QImage | None:
    """Decode picture bytes (EXIF rotation applied), shrunk to at most IMAGE_MAX_STORED_PX."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    longest = max(size.width(), size.height())
    if longest > IMAGE_MAX_STORED_PX:
        scale = IMAGE_MAX_STORED_PX / longest
        reader.setScaledSize(QSize(round(size.width() * scale), round(size.height() * scale)))
    image = reader.read()
    if image.isNull():
        return None
    if image.hasAlphaChannel():  # print on white paper
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(QColor("white"))
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    return image


def _css_size(image: QImage) -> tuple[int, int]:
    max_w, max_h = IMAGE_MAX_CSS_PX
    w, h = image.width(), image.height()
    scale = min(1.0, max_w / w, max_h / h)
    return max(1, round(w * scale)), max(1, round(h * scale))


class PagedReport:
    """The report laid out for one paged device; ``paint`` draws it with header and footer."""

    def __init__(self, inp: ReportInput, device: QPagedPaintDevice) -> None:
        self.input = inp
        self.device = device
        dpi = device.logicalDpiY()
        self.px = dpi / 25.4
        left, top, right, bottom = (m * self.px for m in MARGIN_MM)
        self.origin = (left, top)
        self.body = QSizeF(device.width() - left - right, device.height() - top - bottom)
        self.doc = QTextDocument()
        self.doc.documentLayout().setPaintDevice(device)
        self.doc.setDocumentMargin(0)
        self.doc.setDefaultFont(_font(SERIF_FAMILIES, 10))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.doc.setDefaultTextOption(option)
        self.doc.setTextWidth(self.body.width())  # one long page; ``cuts`` paginates it
        self.cuts: list[float] = [0.0]
        self.end = 0.0

    def layout(self, progress: Progress, cancelled: Cancelled) -> bool:
        """Decode pictures, lay out, choose page breaks, number the contents."""
        sizes: dict[uuid.UUID, tuple[int, int]] = {}
        total = len(self.input.images) + 2
        for done, (key, data) in enumerate(list(self.input.images.items())):
            if cancelled():
                return False
            progress(done, total)
            image = _image(data)
            if image is not None:
                self.doc.addResource(
                    QTextDocument.ResourceType.ImageResource, QUrl(image_url(key)), image
                )
                sizes[key] = _css_size(image)
        self.doc.setHtml(render_html(self.input.report, sizes))
        self._paginate()
        progress(total - 1, total)
        if cancelled():
            return False
        # The page numbers take the placeholders' place: the layout does not move.
        self.doc.setHtml(render_html(self.input.report, sizes, self._section_pages()))
        self._paginate()
        return not cancelled()

    def _lines(self) -> list[tuple[float, float, bool, bool]]:
        """Every line as (top, bottom, a page may start here, a page must start here)."""
        layout = self.doc.documentLayout()
        row_pad = 5 * self.device.logicalDpiY() / 96  # cell padding and border, CSS px
        found: list[tuple[float, float, bool, bool]] = []
        keep = False
        bottom = 0.0  # of the line before
        block = self.doc.begin()
        while block.isValid():
            top = layout.blockBoundingRect(block).top()
            lines = block.layout()
            count = lines.lineCount()
            table = QTextCursor(block).currentFrame()  # currentTable() would drop a None ref
            if isinstance(table, QTextTable):  # a page may start only above a row
                cell = table.cellAt(block.position())
                row_start = cell.column() == 0 and cell.firstPosition() == block.position()
                for i in range(count):
                    line = lines.lineAt(i)
                    y = top + line.y()
                    start = row_start and i == 0 and not keep
                    found.append((y - row_pad if start else y, y + line.height(), start, False))
                    bottom = max(bottom, y + line.height())
                    keep = False
                block = block.next()
                continue
            state = block.userState()
            for i in range(count):
                line = lines.lineAt(i)
                y = top + line.y()
                # no lone first or last line of a paragraph; a heading moves as a whole
                widow = (
                    i > 0
                    if state in (SECTION_STATE, KEEP_STATE)
                    else count >= 4 and i in (1, count - 1)
                )
                forced = i == 0 and state == SECTION_STATE
                # a page starts in the middle of the gap above a block, clear of pictures' edges
                cut = (bottom + y) / 2 if i == 0 and bottom < y else y
                allowed = forced or not (widow or (i == 0 and keep))
                found.append((cut, y + line.height(), allowed, forced))
                bottom = y + line.height()
            keep = state in (SECTION_STATE, KEEP_STATE)
            block = block.next()
        return found

    def _paginate(self) -> None:
        """Choose where pages start: never inside a line or a table row, never right after a
        heading, always before a section; hard cuts only for lines taller than a page."""
        height = self.body.height()
        cuts = [0.0]
        best: float | None = None
        for top, bottom, may_start, must_start in self._lines():
            if must_start and top > cuts[-1] + 0.5:
                cuts.append(top)
                best = None
                continue
            if may_start and top > cuts[-1] + 0.5:
                best = top
            while bottom - cuts[-1] > height:
                if best is not None and best > cuts[-1] + 0.5:
                    cuts.append(best)
                else:
                    cuts.append(
                        max(top, cuts[-1] + 1) if top > cuts[-1] + 0.5 else cuts[-1] + height
                    )
                best = None
        self.end = self.doc.documentLayout().documentSize().height()
        while self.end - cuts[-1] > height:
            cuts.append(cuts[-1] + height)
        self.cuts = cuts

    def page_at(self, y: float) -> int:
        """The 0-based page on which document position ``y`` is printed."""
        return bisect.bisect_right(self.cuts, y + 0.5) - 1

    def _section_pages(self) -> dict[str, int]:
        layout = self.doc.documentLayout()
        pages: dict[str, int] = {}
        block = self.doc.begin()
        while block.isValid():
            if block.userState() == SECTION_STATE:
                for fr in block.textFormats():
                    for name in fr.format.anchorNames():
                        if name.startswith("sec-"):
                            top = layout.blockBoundingRect(block).top()
                            pages[name.removeprefix("sec-")] = self.page_at(top) + 1
            block = block.next()
        return pages

    @property
    def pages(self) -> int:
        return len(self.cuts)

    def paint(self, painter: QPainter, progress: Progress, cancelled: Cancelled) -> bool:
        """Draw every page; False if cancelled part-way."""
        total = self.pages
        for index in range(total):
            if cancelled():
                return False
            progress(index, total)
            if index:
                self.device.newPage()
            painter.save()
            start = self.cuts[index]
            stop = self.cuts[index + 1] if index + 1 < total else self.end
            painter.translate(self.origin[0], self.origin[1] - start)
            self.doc.drawContents(painter, QRectF(0, start, self.body.width(), stop - start))
            painter.restore()
            self._furniture(painter, index + 1, total)
        progress(total, total)
        return True

    def _furniture(self, painter: QPainter, page: int, total: int) -> None:
        """The header (owner, title) from page 2 on, and "Page N of M" on every page."""
        report = self.input.report
        left, _ = self.origin
        width = self.body.width()
        grey = QColor("#5a5a5a")
        painter.save()
        painter.setFont(_font(SANS_FAMILIES, 8))
        painter.setPen(grey)
        line_h = painter.fontMetrics().height()
        if page > 1:
            y = 12 * self.px
            header = QRectF(left, y - line_h, width, line_h)
            painter.drawText(header, 0x0001 | 0x0040, report.owner or TITLE)  # left|bottom
            if report.owner:
                painter.drawText(header, 0x0002 | 0x0040, TITLE)  # right|bottom
            painter.setPen(QPen(QColor("#c9ced6"), max(1.0, 0.25 * self.px)))
            painter.drawLine(
                int(left), int(y + 1.5 * self.px), int(left + width), int(y + 1.5 * self.px)
            )
            painter.setPen(grey)
        y = self.device.height() - 12 * self.px
        footer = QRectF(left, y, width, line_h)
        painter.drawText(footer, 0x0002 | 0x0020, f"Page {page} of {total}")  # right|top
        note = "Redacted copy: confidential content removed" if report.redacted else ""
        painter.drawText(footer, 0x0001 | 0x0020, note or f"Exported {report.exported}")
        painter.restore()


def setup_device(device: QPagedPaintDevice, size: PageSize) -> None:
    device.setPageSize(qt_page_size(size))
    device.setPageOrientation(QPageLayout.Orientation.Portrait)
    device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def render(
    inp: ReportInput,
    device: QPagedPaintDevice,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Lay out and paint the report on ``device`` (a QPdfWriter or QPrinter set up for the whole
    page); the number of pages, or 0 if cancelled."""
    report_progress = progress or (lambda done, total: None)
    is_cancelled = cancelled or (lambda: False)
    paged = PagedReport(inp, device)
    steps = len(inp.images) + 2  # then one step a page

    def layout_progress(done: int, total: int) -> None:
        report_progress(done, steps + 10)  # the page count is not known yet

    if not paged.layout(layout_progress, is_cancelled):
        return 0
    pages = paged.pages
    painter = QPainter()
    if not painter.begin(device):
        raise PdfExportError("the page device could not be opened for painting")
    try:
        ok = paged.paint(painter, lambda d, t: report_progress(steps + d, steps + t), is_cancelled)
    finally:
        painter.end()
    return pages if ok else 0


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def write_report_pdf(
    inp: ReportInput,
    path: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> PdfResult:
    """Write the report to ``path`` via a temporary file beside it (any thread; the target is
    replaced only by a complete PDF and is left untouched on failure or cancel)."""
    started = time.perf_counter()
    path = Path(path)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise PdfExportError(f"{path}: cannot write here ({exc.strerror or exc})") from exc
    temp = Path(temp_name)
    pages = 0
    try:
        writer = QPdfWriter(str(temp))
        writer.setCreator("SSUP Desktop")
        owner = inp.report.owner
        writer.setTitle(f"{TITLE} - {owner}" if owner else TITLE)
        setup_device(writer, inp.options.page_size)
        pages = render(inp, writer, progress, cancelled)
        del writer  # closes the file
        if pages == 0:
            _remove(temp)
            return PdfResult(None, 0, len(inp.report.entries), True, time.perf_counter() - started)
        if temp.stat().st_size == 0:
            raise PdfExportError(f"{path}: the PDF writer produced an empty file")
        os.chmod(temp, 0o666 & ~_UMASK)
        os.replace(temp, path)
    except OSError as exc:
        _remove(temp)
        raise PdfExportError(f"{path}: cannot write the PDF ({exc.strerror or exc})") from exc
    except BaseException:
        _remove(temp)
        raise
    return PdfResult(path, pages, len(inp.report.entries), False, time.perf_counter() - started)


def write_pdf(
    service: ReportSource,
    path: Path,
    options: ReportOptions,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> PdfResult:
    """Export the portfolio's report to ``path`` (creates an offscreen QGuiApplication if the
    process has none: Qt's fonts need one)."""
    ensure_gui_app()
    return write_report_pdf(collect(service, options), Path(path), progress, cancelled)


def export_pdf_cli(service: ReportSource, path: Path, level: int | None) -> str:
    """`ssup-desktop export FILE.pdf [--level N]`: write the PDF, return a one-line summary."""
    options = ReportOptions(scope=Scope.LEVEL, level=level) if level else ReportOptions()
    result = write_pdf(service, path, options)
    noun = "page" if result.pages == 1 else "pages"
    entries = "entry" if result.entries == 1 else "entries"
    what = f"level {level}" if level else "whole portfolio"
    return f"Wrote {path}: {result.pages} {noun}, {result.entries} {entries} ({what})"
