"""Sessions list (model checked, detail as plain text) and File > Import Review."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ssup_desktop.domain.mentor import VerdictKind
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.review import backup_to
from ssup_desktop.sample import build_sample
from ssup_desktop.services import PortfolioService
from ssup_desktop.ui.dialogs.import_review import import_review_file
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.views.sessions_list import SessionsListView


@pytest.fixture
def service(tmp_path: Path, skills: dict[Edition, Skill]) -> Iterator[PortfolioService]:
    opened = build_sample(tmp_path / "sample.ssup", skills)
    yield opened
    opened.close()


def test_sessions_list_shows_history_and_detail(
    qtbot: QtBot, qtmodeltester: object, service: PortfolioService
) -> None:
    session = PortfolioSession(service)
    view = SessionsListView(session)
    qtbot.addWidget(view)
    qtmodeltester.check(view.model)  # type: ignore[attr-defined]
    row = [view.model.index(0, c).data() for c in range(5)]
    assert row[1:] == ["Jordan Lee", "3, 4", "5", "2"]
    assert "Needs more evidence: Only the troubleshooting guide" in view.detail.toPlainText()
    _c, _record = service.mentor.start_session("<b>Sam</b>", [2])
    session.announce(_c)
    assert view.model.rowCount() == 2
    view.table.selectRow(0)
    assert "<b>Sam</b>" in view.detail.toPlainText()


def _returned_copy(service: PortfolioService, skills: dict[Edition, Skill], path: Path) -> Path:
    service.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(service.path, path)
    mentor = PortfolioService.open(path, skills)
    _c, record = mentor.mentor.start_session("Jordan Lee", [4])
    mentor.mentor.record_verdict("ssup-4-1", VerdictKind.AGREED, session_id=record.id)
    mentor.close()
    return path


def test_import_review_backs_up_merges_and_reports(
    qtbot: QtBot, service: PortfolioService, skills: dict[Edition, Skill], tmp_path: Path
) -> None:
    copy = _returned_copy(service, skills, tmp_path / "returned.ssup")
    session = PortfolioSession(service)
    changes: list[object] = []
    session.changed.connect(changes.append)
    told: list[tuple[str, str]] = []
    backups = tmp_path / "backups"
    plan = import_review_file(
        session,
        copy,
        backup_first=backup_to(backups),
        report=lambda kind, text: told.append((kind, text)),
    )
    assert plan is not None and plan.summary().startswith("1 session, 1 verdict")
    assert told[-1][0] == "information" and "returned.ssup: 1 session, 1 verdict" in told[-1][1]
    assert len(list(backups.glob("*.ssup"))) == 1
    assert changes and "ssup-4-1" in service.verified_keys()
    import_review_file(session, copy, report=lambda kind, text: told.append((kind, text)))
    assert "Nothing new" in told[-1][1]
    assert len(list(backups.glob("*.ssup"))) == 1


def test_import_review_refusal_is_reported(
    qtbot: QtBot, service: PortfolioService, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.ssup"
    bad.write_text("not a portfolio")
    told: list[tuple[str, str]] = []
    session = PortfolioSession(service)
    before = service.mentor.records()
    assert import_review_file(session, bad, report=lambda k, t: told.append((k, t))) is None
    assert told == [("warning", f"{bad}: not an SSUP Desktop portfolio")]
    assert service.mentor.records() == before


def test_sessions_window_opens_from_the_hook(qtbot: QtBot, service: PortfolioService) -> None:
    from PySide6.QtWidgets import QWidget

    from ssup_desktop.ui.mentor_actions import show_sessions

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = show_sessions(parent, PortfolioSession(service))
    view = dialog.findChild(SessionsListView)
    assert view is not None and view.model.rowCount() == 1
    dialog.close()
