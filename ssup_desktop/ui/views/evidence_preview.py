"""EvidencePreview: one entry shown read-only, every user string as plain text."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.evidence import AttachmentInfo, Evidence
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.ui.dialogs.evidence_editor_lists import THUMBNAIL, human_size
from ssup_desktop.ui.models.evidence_table import statement_label
from ssup_desktop.ui.style import plain_tooltip

MAX_THUMBNAIL_SOURCE = 20 * 1024 * 1024  # larger images show no thumbnail (too slow to decode)
STAR_HEADINGS = (
    ("situation", "Situation"),
    ("task", "Task"),
    ("action", "Action"),
    ("result", "Result"),
    ("description", "Description"),
    ("reflection", "What I learned"),
)


def local_files(event: QDragEnterEvent | QDropEvent) -> list[str]:
    """The local file paths a drag carries (web URLs and folders are ignored by the caller)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def plain_label(text: str, parent: QWidget, *, bold: bool = False, size: float = 0) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if bold or size:
        font = QFont(label.font())
        font.setBold(bold)
        if size:
            font.setPointSizeF(font.pointSizeF() * size)
        label.setFont(font)
    return label


class EvidencePreview(QScrollArea):
    """Shows the selected entry; files dropped on it are offered for attaching."""

    files_dropped = Signal(list)  # list[str] of local paths
    open_requested = Signal(object)  # an AttachmentInfo

    def __init__(
        self,
        skills: Callable[[], dict[Edition, Skill]],
        edition: Callable[[], Edition],
        load_data: Callable[[AttachmentInfo], bytes],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._skills = skills
        self._edition = edition
        self._load_data = load_data
        self.evidence: Evidence | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAcceptDrops(True)
        self.setAccessibleName("Selected evidence")
        self.show_entry(None)

    def show_entry(self, evidence: Evidence | None) -> None:
        self.evidence = evidence
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        if evidence is None:
            layout.addWidget(
                plain_label(
                    "Select an entry to see it here.\n\n"
                    "Drop files on an entry (or here) to attach them.",
                    page,
                )
            )
        else:
            self._fill(layout, page, evidence)
        self.setWidget(page)

    def _section(self, layout: QVBoxLayout, page: QWidget, heading: str, text: str) -> None:
        layout.addSpacing(6)
        layout.addWidget(plain_label(heading, page, bold=True))
        layout.addWidget(plain_label(text, page))

    def _fill(self, layout: QVBoxLayout, page: QWidget, evidence: Evidence) -> None:
        self.title_label = plain_label(evidence.title, page, bold=True, size=1.3)
        layout.addWidget(self.title_label)
        facts = [evidence.date_label() or "No date"]
        if evidence.private:
            facts.append("Private")
        if evidence.confidential:
            facts.append("Confidential")
        layout.addWidget(plain_label(" \u00b7 ".join(facts), page))

        skills, edition = self._skills(), self._edition()
        lines = []
        for sid in evidence.statement_ids:
            statement = next((s for s in (sk.statement(sid) for sk in skills.values()) if s), None)
            text = statement.text if statement else "(statement not in this app's content)"
            lines.append(f"{statement_label(skills, edition, sid)}  {text}")
        self._section(layout, page, "Statements", "\n".join(lines) or "Not linked to any statement")

        for name, heading in STAR_HEADINGS:
            if text := getattr(evidence, name):
                self._section(layout, page, heading, text)
        if evidence.tags:
            self._section(layout, page, "Tags", ", ".join(evidence.tags))
        if evidence.links:
            links = [
                f"{link.label}: {link.url}" if link.label else link.url for link in evidence.links
            ]
            self._section(layout, page, "Links", "\n".join(links))
        if evidence.attachments:
            layout.addSpacing(6)
            layout.addWidget(plain_label("Attachments", page, bold=True))
            for info in evidence.attachments:
                layout.addWidget(self._attachment_row(info, page))

    def _attachment_row(self, info: AttachmentInfo, page: QWidget) -> QWidget:
        row = QWidget(page)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        if info.is_image and info.size <= MAX_THUMBNAIL_SOURCE:
            pixmap = QPixmap()
            with contextlib.suppress(OSError, LookupError):
                pixmap.loadFromData(self._load_data(info))
            if not pixmap.isNull():
                thumb = QLabel(row)
                thumb.setPixmap(pixmap.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))
                layout.addWidget(thumb)
        name = plain_label(f"{info.name}  ({human_size(info.size)})", row)
        name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(name, 1)
        button = QPushButton("Open", row)
        button.setToolTip(plain_tooltip(f"Open a copy of {info.name} with your desktop's viewer"))
        button.clicked.connect(lambda: self.open_requested.emit(info))
        layout.addWidget(button)
        return row

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.evidence is not None and local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event)
        if self.evidence is not None and files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
        else:
            event.ignore()
