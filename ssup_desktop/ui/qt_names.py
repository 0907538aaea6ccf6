"""Qt-namespace settings made by key name, for the widgets of the first paint.

Qt for Python makes every enum of the ``Qt`` namespace (93 enums, 1,195 members, each one a
Python enum class) the first time any of them is used: 16 to 25 ms on the benchmark machine,
a tenth of start-up. So the modules that build the first window import ``Qt`` inside the
functions that run after the first paint (input events, later updates), and the Qt-namespace
properties of what the first paint shows are set here instead: by key name, through Qt's
property system, which looks the names up in C++ (QMetaEnum). tests/test_app.py checks that
the first paint leaves the namespace unmade."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtGui import QAction


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
    from PySide6.QtGui import QKeySequence

    action.setShortcuts([QKeySequence.fromString(text, QKeySequence.SequenceFormat.NativeText)])


def set_standard_shortcut(action: QAction, key: str) -> None:
    """Give ``action`` the platform's bindings of ``QKeySequence.StandardKey.<key>`` ("Open")."""
    from PySide6.QtGui import QKeySequence

    action.setShortcuts(getattr(QKeySequence.StandardKey, key))


class Standard(str):
    """A shortcut given as the name of a ``QKeySequence.StandardKey`` member ("Open"): the
    platform's bindings for it."""

    __slots__ = ()


class Shortcuts:
    """The keyboard shortcuts of a window's actions: given at once, or (``held``) kept in order
    until ``give()``.

    Menus and shortcuts do nothing for the first paint, and a window starting up holds its
    shortcuts until just after it (``MainWindow.finish_loading``): QKeySequence is the class
    they go through, and Qt for Python builds its enums the first time it is touched (its
    StandardKey alone has 70 members: 5 M instructions of every start)."""

    def __init__(self, *, held: bool = False) -> None:
        self._held: list[Callable[[], object]] | None = [] if held else None

    def standard(self, action: QAction, key: str) -> None:
        """``action``'s shortcuts: the platform's for ``QKeySequence.StandardKey.<key>``."""
        self._give(lambda: set_standard_shortcut(action, key))

    def text(self, action: QAction, text: str) -> None:
        """``action``'s one shortcut: ``text`` ("Ctrl+E", as ``set_shortcut`` reads it)."""
        self._give(lambda: set_shortcut(action, text))

    def set(self, action: QAction, shortcut: str) -> None:
        """``standard`` for a ``Standard`` name, else ``text``."""
        if isinstance(shortcut, Standard):
            self.standard(action, shortcut)
        else:
            self.text(action, shortcut)

    def fallback(self, action: QAction, text: str) -> None:
        """``text`` for ``action`` if what it was given before has no binding here."""

        def give() -> None:
            if not action.shortcuts():
                set_shortcut(action, text)

        self._give(give)

    def give(self) -> None:
        """Give the held shortcuts, in the order asked; from now on each is given at once."""
        held, self._held = self._held or [], None
        for give in held:
            give()

    def _give(self, give: Callable[[], object]) -> None:
        if self._held is None:
            give()
        else:
            self._held.append(give)
