"""The installed Qt binding must not leak references to None (PySide6 6.12.0 does, and aborts)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject
from PySide6.QtGui import QImage, QPainter
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    # PySide6 6.12.0 with Python 3.11 drops one reference to None on every call of a Qt method
    # that returns nothing; after some 13,000 calls the interpreter aborts with "none_dealloc".
    # A long session makes far more calls than that, so such a binding must never be installed.
    obj = QObject()
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        before = sys.getrefcount(None)
        for _ in range(500):
            obj.setObjectName("probe")
            painter.save()
            painter.restore()
        after = sys.getrefcount(None)
    finally:
        painter.end()
    # Allow a little slack for unrelated objects created or freed meanwhile.
    assert after - before > -100, f"None lost {before - after} references in 1,500 void Qt calls"
