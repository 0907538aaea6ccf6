"""Qt-namespace settings made by key name, for the widgets of the first paint.

Qt for Python makes every enum of the ``Qt`` namespace (93 enums, 1,195 members, each one a
Python enum class) the first time any of them is used: 16 to 25 ms on the benchmark machine,
a tenth of start-up. So the modules that build the first window import ``Qt`` inside the
functions that run after the first paint (input events, later updates), and the Qt-namespace
properties of what the first paint shows are set here instead: by key name, through Qt's
property system, which looks the names up in C++ (QMetaEnum). tests/test_app.py checks that
the first paint leaves the namespace unmade."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def set_by_name(target: QObject, **properties: str) -> None:
    """Set each Qt property of ``target`` to the enum key (or ``|``-joined flag keys) given,
    e.g. ``set_by_name(label, alignment="AlignRight|AlignTop", textFormat="PlainText")``.

    Raises ValueError when ``target`` has no such property or the key is not one of its
    values; the property is then left as it was."""
    meta = target.metaObject()
    for name, keys in properties.items():
        if meta.indexOfProperty(name) < 0 or not target.setProperty(name, keys):
            raise ValueError(f"{type(target).__name__}.{name} cannot be set to {keys!r}")


def set_shortcut(action: QAction, text: str) -> None:
    """Give ``action`` the one shortcut ``text`` (e.g. "Ctrl+Shift+N", read as
    ``QKeySequence(text)`` reads it). ``setShortcut`` and that constructor would first try
    ``text`` against their ``Qt.Key`` overloads, which makes the namespace."""
    action.setShortcuts([QKeySequence.fromString(text, QKeySequence.SequenceFormat.NativeText)])
