"""Start-up baseline: a bare PySide6 script that shows one QMainWindow, quits once painted."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class _QuitAfterPaint(QObject):
    """Quits the application (exit code 0) after the first paint of the watched window."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._app.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Bare PySide6")
    window.resize(1280, 800)
    window.installEventFilter(_QuitAfterPaint(app))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
