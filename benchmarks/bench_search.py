"""Search and filter the evidence log of 10,000 entries, per keystroke, in the real view."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from benchmarks.common import Row, Workspace, ms, process_events, qt_app
from benchmarks.generate import SEARCH_WORDS

GOAL_KEYSTROKE_MS = 30.0
GOAL_STALL_MS = 100.0


def measure(portfolio: Path, words: tuple[str, ...], runs: int) -> list[Row]:
    """Type each word letter by letter and delete it again, ``runs`` times; then filters."""
    qt_app()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from ssup_desktop.content import load_all
    from ssup_desktop.services import EvidenceFilter, PortfolioService
    from ssup_desktop.ui.session import PortfolioSession
    from ssup_desktop.ui.views.evidence_log import EvidenceLogView

    service = PortfolioService.open(portfolio, load_all())
    session = PortfolioSession(service)
    view = EvidenceLogView(session)
    view.resize(1280, 800)
    view.show()
    process_events()
    bar = view.filter_bar
    edit = bar.search_edit
    edit.setFocus()
    process_events()

    keystroke: list[float] = []  # key event -> filter applied -> model updated -> painted
    applied: list[float] = []  # the debounced slot alone: flush -> _apply_filter
    service_only: list[float] = []  # service.evidence_keys(EvidenceFilter(text=...))
    stalls: list[float] = []

    def key(press: object) -> None:
        started = time.perf_counter()
        if isinstance(press, str):
            QTest.keyClicks(edit, press)
        else:
            QTest.keyClick(edit, Qt.Key.Key_Backspace)
        middle = time.perf_counter()
        bar.flush()  # what the 150 ms debounce timer would trigger: filter_changed -> _apply_filter
        done = time.perf_counter()
        process_events()  # proxy re-sort, layout and paint
        finished = time.perf_counter()
        keystroke.append(finished - started)
        applied.append(done - middle)
        stalls.append(finished - started)
        text = edit.text().strip()
        if text:
            service_only.append(_service_time(service, EvidenceFilter(text=text)))

    for _ in range(runs):
        for word in words:
            for letter in word:
                key(letter)
            for _letter in word:
                key(None)

    level_times: list[float] = []
    tag_times: list[float] = []
    for _ in range(runs):
        for index in range(1, bar.level_combo.count()):
            level_times.append(_combo(bar.level_combo, index))
            stalls.append(_combo(bar.level_combo, 0))
        for index in range(1, min(bar.tag_combo.count(), 7)):
            tag_times.append(_combo(bar.tag_combo, index))
            stalls.append(_combo(bar.tag_combo, 0))
    stalls += level_times + tag_times
    level_service = [_service_time(service, EvidenceFilter(level=level)) for level in range(1, 7)]
    shown = view.proxy.rowCount()
    view.close()
    view.deleteLater()
    process_events()
    service.close()

    count = f"{len(words)} words x {runs}"
    return [
        Row(
            "Search: per keystroke (type + delete, UI)",
            ms(keystroke),
            GOAL_KEYSTROKE_MS,
            "ms",
            f"{len(keystroke)} keys ({count}); debounced slot alone "
            f"{statistics.median(applied) * 1000:.0f} ms median",
        ),
        Row(
            "Search: service evidence_keys(text)",
            ms(service_only),
            GOAL_KEYSTROKE_MS,
            "ms",
            "no Qt; the FTS match the log runs per keystroke",
        ),
        Row(
            "Filter by level (UI)",
            ms(level_times),
            GOAL_KEYSTROKE_MS,
            "ms",
            f"service alone {statistics.median(level_service) * 1000:.0f} ms median",
        ),
        Row("Filter by tag (UI)", ms(tag_times), GOAL_KEYSTROKE_MS, "ms"),
        Row(
            "Search/filter: longest UI stall",
            ms(stalls),
            GOAL_STALL_MS,
            "ms",
            f"max of {len(stalls)} keystrokes and filter changes ({shown} rows at the end)",
            value=max(stalls) * 1000,
        ),
    ]


def _service_time(service: object, flt: object) -> float:
    from ssup_desktop.services import EvidenceFilter, PortfolioService

    assert isinstance(service, PortfolioService) and isinstance(flt, EvidenceFilter)
    started = time.perf_counter()
    service.evidence_keys(flt)  # what the evidence log asks the service for on each keystroke
    return time.perf_counter() - started


def _combo(combo: object, index: int) -> float:
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    started = time.perf_counter()
    combo.setCurrentIndex(index)  # emits filter_changed at once (no debounce for combos)
    process_events()
    return time.perf_counter() - started


def run(work: Workspace) -> list[Row]:
    words = SEARCH_WORDS[:1] if work.quick else SEARCH_WORDS[:2]
    return measure(work.files["p10k"], words, 1)
