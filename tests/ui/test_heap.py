"""What the window holds for the session is kept out of the garbage collector's full passes."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.services import PortfolioService
from ssup_desktop.ui.heap import settle_heap
from ssup_desktop.ui.main_window import MainWindow
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.views.evidence_log import EvidenceLogView
from tests.ui.conftest import WindowFactory


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_settled_objects_leave_the_collectors_generations() -> None:
    kept = [object() for _ in range(10)]  # untracked atoms inside a tracked list
    before = gc.get_freeze_count()
    settle_heap()
    assert gc.get_freeze_count() > before
    assert not any(obj is kept for gen in range(3) for obj in gc.get_objects(generation=gen))
    fresh: list[object] = []
    assert any(obj is fresh for obj in gc.get_objects(generation=0))  # made after: still seen


def test_a_settled_object_is_still_freed_when_dropped() -> None:
    class Row:
        pass

    row = Row()
    ref = weakref.ref(row)
    settle_heap()
    del row  # reference counting frees it, frozen or not
    assert ref() is None


def test_building_the_evidence_log_settles_its_rows(
    qtbot: QtBot, session: PortfolioSession
) -> None:
    before = gc.get_freeze_count()
    view = EvidenceLogView(session)
    qtbot.addWidget(view)
    assert gc.get_freeze_count() > before


def test_the_window_settles_once_filled_in(window: MainWindow) -> None:
    gc.unfreeze()
    window.finish_loading()  # what a deferred start calls after its first paint
    assert gc.get_freeze_count() > 0


def test_collection_resumes_once_the_window_is_filled_in(window: MainWindow) -> None:
    gc.disable()  # as app.run_gui starts
    try:
        window.finish_loading()
        assert gc.isenabled()
    finally:
        gc.enable()


def test_collection_resumes_even_when_filling_in_fails(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("readiness failed")

    monkeypatch.setattr(window.workspace, "finish_loading", broken)
    gc.disable()
    try:
        with pytest.raises(RuntimeError):
            window.finish_loading()
        assert gc.isenabled()
    finally:
        gc.enable()


def test_opening_another_portfolio_frees_the_last_ones_rows(
    open_window: WindowFactory, portfolio_path: Path, tmp_path: Path, skills: dict[Edition, Skill]
) -> None:
    """A mentor opens one mentee's portfolio after another: what was frozen for the last one
    must not outlive it."""
    window = open_window(portfolio_path)
    model = weakref.ref(window.workspace.evidence_log.model)  # built, and settled
    other = tmp_path / "mentee.ssup"
    PortfolioService.create(other, skills).close()
    assert window.open_portfolio(other)
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    gc.collect()
    assert model() is None
