"""The evidence editor's small list editors: links, attachments and the tag completer."""

from __future__ import annotations

import contextlib
import mimetypes
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ssup_desktop.domain.evidence import AttachmentInfo, Link, check_link_url
from ssup_desktop.ui.style import plain_tooltip

THUMBNAIL = QSize(48, 48)
ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1  # an AttachmentInfo or a pending Path


class TagCompleter(QCompleter):
    """Completes the last tag of a comma-separated list."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        widget = self.widget()
        current = widget.property("text") if widget is not None else ""
        head = current.rsplit(",", 1)[0] + ", " if "," in str(current) else ""
        return f"{head}{index.data()}"


class LinksEditor(QWidget):
    """An editable two-column list (address, label) with Add and Remove."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName("Links")
        self.table.setToolTip("Web or mail addresses about this entry; double-click to edit")
        self.table.setHorizontalHeaderLabels(["Address (http, https or mailto)", "Label"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_button = QPushButton("Add link", self)
        self.remove_button = QPushButton("Remove link", self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        hint = QLabel("Double-click a cell to change it.", self)
        layout.addWidget(hint)
        layout.addLayout(buttons)

    def set_links(self, links: Sequence[Link]) -> None:
        self.table.setRowCount(0)
        for link in links:
            self.add_row(url=link.url, label=link.label, edit=False)

    def add_row(self, *_args: object, url: str = "", label: str = "", edit: bool = True) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(url))
        self.table.setItem(row, 1, QTableWidgetItem(label))
        if edit:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0) or QTableWidgetItem())

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def links(self) -> tuple[list[Link], list[str]]:
        """The valid links, and one error per invalid one (naming it). Empty rows are skipped."""
        links: list[Link] = []
        errors: list[str] = []
        for row in range(self.table.rowCount()):
            url, label = self._cell(row, 0), self._cell(row, 1)
            if not url and not label:
                continue
            try:
                links.append(Link(url=check_link_url(url), label=label))
            except ValueError as exc:
                message = str(exc).splitlines()[0]
                if not url:
                    message = f"link {label!r}: has no address"
                errors.append(message.removeprefix("Value error, "))
        return links, errors


def thumbnail_icon(pixmap: QPixmap) -> QIcon:
    if pixmap.isNull():
        return QIcon()
    return QIcon(pixmap.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size = size / 1024  # type: ignore[assignment]
    return f"{size} bytes"  # pragma: no cover


class AttachmentsEditor(QWidget):
    """The entry's attachments: stored ones (removable) and files added in this dialog."""

    def __init__(
        self, load_data: Callable[[AttachmentInfo], bytes], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._load_data = load_data
        self.removed: list[AttachmentInfo] = []
        self.list = QListWidget(self)
        self.list.setIconSize(THUMBNAIL)
        self.list.setAccessibleName("Attachments")
        self.list.setToolTip("Files kept with this entry (private copies inside the portfolio)")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_button = QPushButton("Add files\u2026", self)
        self.remove_button = QPushButton("Remove attachment", self)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def set_attachments(self, attachments: Sequence[AttachmentInfo]) -> None:
        self.list.clear()
        self.removed = []
        for info in attachments:
            item = QListWidgetItem(f"{info.name}  ({human_size(info.size)})")
            item.setData(ATTACHMENT_ROLE, info)
            item.setToolTip(plain_tooltip(info.name))
            pixmap = QPixmap()
            if info.is_image and info.size <= 20 * 1024 * 1024:
                with contextlib.suppress(OSError, LookupError):
                    pixmap.loadFromData(self._load_data(info))
            item.setIcon(self._icon(pixmap))
            self.list.addItem(item)

    def add_files(self, paths: Sequence[Path]) -> None:
        for path in paths:
            item = QListWidgetItem(f"{path.name}  (new)")
            item.setData(ATTACHMENT_ROLE, str(path))
            item.setToolTip(plain_tooltip(str(path)))
            media_type, _ = mimetypes.guess_type(path.name)
            is_image = bool(media_type and media_type.startswith("image/"))
            item.setIcon(self._icon(QPixmap(str(path)) if is_image else QPixmap()))
            self.list.addItem(item)

    def _icon(self, pixmap: QPixmap) -> QIcon:
        """A thumbnail for images, the style's file icon for anything else."""
        if pixmap.isNull():
            return self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        return thumbnail_icon(pixmap)

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Attach files")
        self.add_files([Path(n) for n in names])

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            value = item.data(ATTACHMENT_ROLE)
            if isinstance(value, AttachmentInfo):
                self.removed.append(value)
            self.list.takeItem(self.list.row(item))

    def pending_files(self) -> list[Path]:
        """Files added in this dialog, to attach once the entry is saved."""
        values = (self.list.item(i).data(ATTACHMENT_ROLE) for i in range(self.list.count()))
        return [Path(v) for v in values if isinstance(v, str)]
