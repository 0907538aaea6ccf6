"""Message boxes that show their text literally (file names and user text are never markup)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def _box(
    icon: QMessageBox.Icon,
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
) -> Button:
    # QMessageBox's static helpers guess the format, and a path like "/x/<i>y.ssup" reads as HTML.
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return Button(box.exec())


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    _box(QMessageBox.Icon.Critical, parent, title, text)


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    _box(QMessageBox.Icon.Warning, parent, title, text)


def show_information(parent: QWidget | None, title: str, text: str) -> None:
    _box(QMessageBox.Icon.Information, parent, title, text)


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes/No question, No by default; True for Yes."""
    answer = _box(QMessageBox.Icon.Question, parent, title, text, Button.Yes | Button.No, Button.No)
    return answer == Button.Yes
