"""Fixtures for the progress UI tests: a hand-made portfolio at level 3 aiming at level 4."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from ssup_desktop.content import load_all
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.progress_records import PlanAction
from ssup_desktop.services import PortfolioService
from ssup_desktop.ui.session import PortfolioSession


@pytest.fixture
def progress_service(tmp_path: Path) -> Iterator[PortfolioService]:
    svc = PortfolioService.create(
        tmp_path / "progress.ssup", load_all(), Profile(current_level=3, target_level=4)
    )
    today = date.today()
    for title, days_ago, ids in (
        ("Discovery call", 30, ("ssup-4-1",)),
        ("Old estimate", 5 * 365, ("ssup-4-4",)),
        ("Bid sections", 100, ("ssup-3-2", "ssup-3-1")),
    ):
        svc.add_evidence(
            Evidence(title=title, date_from=today - timedelta(days=days_ago), statement_ids=ids)
        )
    svc.progress.add_action(PlanAction(text="Overdue thing", due=today - timedelta(days=3)))
    svc.progress.add_action(PlanAction(text="Later thing", due=today + timedelta(days=30)))
    yield svc
    svc.close()


@pytest.fixture
def progress_session(progress_service: PortfolioService) -> Iterator[PortfolioSession]:
    sess = PortfolioSession(progress_service)
    yield sess
    sess.undo_stack.clear()
    sess.deleteLater()
