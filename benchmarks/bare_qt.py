"""Start-up baseline: a bare PySide6 script that shows one QMainWindow, quits once painted."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

FIRST_PAINT_MARK = "first-paint"  # the same line as `ssup-desktop --exit-after-startup` prints
EXIT_AT_PAINT = "SSUP_BENCH_EXIT_AT_PAINT"  # set: leave at once (startup_instructions.py)


class _QuitAfterPaint(QObject):
    """Once the watched window's first paint has been handled: print when (on the system-wide
    monotonic clock, as the app does) and quit with exit code 0."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        print(f"{FIRST_PAINT_MARK} {time.perf_counter():.6f}", flush=True)
        if os.environ.get(EXIT_AT_PAINT):
            os._exit(0)  # counting instructions to the first paint: no teardown
        self._app.quit()


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
