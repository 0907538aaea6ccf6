"""Session mode by keyboard: navigate, record verdicts 1/2/3, comment, actions, Esc finishes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ssup_desktop.domain.evidence import AttachmentInfo
from ssup_desktop.domain.mentor import VerdictKind
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.sample import build_sample
from ssup_desktop.services import PortfolioService
from ssup_desktop.ui.attachments import AttachmentOpener
from ssup_desktop.ui.dialogs.mentor_dialogs import MENTOR_NAME_KEY, StartSessionDialog
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.views.mentor_session import MentorSessionView


@pytest.fixture
def service(tmp_path: Path, skills: dict[Edition, Skill]) -> Iterator[PortfolioService]:
    opened = build_sample(tmp_path / "sample.ssup", skills)
    yield opened
    opened.close()


@pytest.fixture
def launched(tmp_path: Path) -> list[Path]:
    return []


@pytest.fixture
def view(
    qtbot: QtBot, service: PortfolioService, launched: list[Path]
) -> Iterator[MentorSessionView]:
    session = PortfolioSession(service)
    _change, record = service.mentor.start_session("Jordan Lee", [3])

    def launch(path: Path) -> bool:
        launched.append(path)
        return True

    opener = AttachmentOpener(service, launch)
    widget = MentorSessionView(session, record, opener)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.setFocus()
    yield widget


def _texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def _press(qtbot: QtBot, view: MentorSessionView, *keys: Qt.Key) -> None:
    for key in keys:
        QTest.keyClick(view, key)


def test_keys_walk_the_pages_and_record_verdicts(
    qtbot: QtBot, view: MentorSessionView, service: PortfolioService
) -> None:
    level3 = service.skills[Edition.SFIA9].level(3)
    assert len(view.pages) == 1 + len(level3.statements) + 1
    assert level3.name in _texts(view) and "page 1 of" in view.header.text()
    _press(qtbot, view, Qt.Key.Key_Right)
    assert view.page.statement == level3.statements[0]
    assert level3.statements[0].text in _texts(view)
    _press(qtbot, view, Qt.Key.Key_1)
    _press(qtbot, view, Qt.Key.Key_PageDown, Qt.Key.Key_2)
    _press(qtbot, view, Qt.Key.Key_Right, Qt.Key.Key_3, Qt.Key.Key_Left, Qt.Key.Key_PageUp)
    assert view.index == 1
    _press(qtbot, view, Qt.Key.Key_3)  # changes the first statement's verdict
    assert "Verdict in this session: Not yet" in _texts(view)
    _press(qtbot, view, Qt.Key.Key_End)
    assert view.page.level is None
    _press(qtbot, view, Qt.Key.Key_Home)
    assert view.index == 0
    _press(qtbot, view, Qt.Key.Key_1)  # no verdict on a level overview
    recorded = {
        v.statement_id: v.kind for v in service.mentor.rows.verdicts(session_id=view.record.id)
    }
    ids = [st.id for st in level3.statements]
    assert recorded == {
        ids[0]: VerdictKind.NOT_YET,
        ids[1]: VerdictKind.NEEDS_MORE_EVIDENCE,
        ids[2]: VerdictKind.NOT_YET,
    }
    assert all(v.mentor_name == "Jordan Lee" for v in service.mentor.rows.verdicts())
    view.session.undo_stack.undo()  # the first statement's verdict goes back to Agreed
    assert (
        service.mentor.rows.verdicts(statement_ids=[ids[0]], session_id=view.record.id)[0].kind
        is VerdictKind.AGREED
    )
    _press(qtbot, view, Qt.Key.Key_Escape)
    finished = service.mentor.session(view.record.id)
    assert finished.finished is not None and len(finished.verdict_ids) == 3
    assert not view.isVisible()


def test_private_entries_never_appear(
    qtbot: QtBot, view: MentorSessionView, service: PortfolioService
) -> None:
    private = [e for e in service.list_evidence() if e.private]
    assert private
    for _ in view.pages:
        text = _texts(view)
        for entry in private:
            assert entry.title not in text
            assert entry.situation not in text
        _press(qtbot, view, Qt.Key.Key_Right)


def test_comments_on_entries_and_on_the_verdict(
    qtbot: QtBot, view: MentorSessionView, service: PortfolioService
) -> None:
    _press(qtbot, view, Qt.Key.Key_Right)
    statement = view.page.statement
    assert statement is not None
    entry = service.mentor.shown_evidence(statement.id)[0]
    answers = iter([(1, "Add the numbers"), (0, "Before the verdict"), (0, "Changed my mind")])
    view.ask_comment = lambda targets: next(answers)  # type: ignore[method-assign]
    _press(qtbot, view, Qt.Key.Key_C)
    assert [c.text for c in service.mentor.comments_for(entry.id)][-1] == "Add the numbers"
    assert "Jordan Lee: Add the numbers" in _texts(view)
    _press(qtbot, view, Qt.Key.Key_C)
    assert "Comment (saved with your verdict): Before the verdict" in _texts(view)
    _press(qtbot, view, Qt.Key.Key_2)
    verdict = service.mentor.rows.verdicts(session_id=view.record.id)[0]
    assert verdict.comment == "Before the verdict"
    _press(qtbot, view, Qt.Key.Key_C)
    assert service.mentor.rows.verdicts(session_id=view.record.id)[0].comment == "Changed my mind"
    view.session.undo_stack.undo()
    assert service.mentor.rows.verdicts(session_id=view.record.id)[0].comment == (
        "Before the verdict"
    )


def test_notes_and_actions_then_esc_saves_the_session(
    qtbot: QtBot, view: MentorSessionView, service: PortfolioService
) -> None:
    _press(qtbot, view, Qt.Key.Key_End)
    QTest.keyClicks(view.notes_edit, "Good session")
    view.action_text.setText("Write a case study")
    view.action_due_on.setChecked(True)
    view.action_due.setDate(QDate(2031, 1, 15))
    QTest.keyClick(view.action_text, Qt.Key.Key_Return)
    assert view.actions_list.count() == 1
    assert "Write a case study" in view.actions_list.item(0).text()
    plan = [a for a in service.progress.actions() if a.text == "Write a case study"]
    assert plan and plan[0].due is not None and plan[0].due.isoformat() == "2031-01-15"
    QTest.keyClick(view.notes_edit, Qt.Key.Key_PageUp)
    assert view.page.statement is not None
    _press(qtbot, view, Qt.Key.Key_End)
    QTest.keyClick(view.notes_edit, Qt.Key.Key_Escape)
    saved = service.mentor.session(view.record.id)
    assert saved.notes == "Good session" and saved.finished is not None
    assert [a.text for a in saved.actions] == ["Write a case study"]


def test_attachments_open_through_private_copies(
    qtbot: QtBot, view: MentorSessionView, service: PortfolioService, launched: list[Path]
) -> None:
    with_file = next(e for e in service.mentor.shown_evidence("ssup-3-2") if e.attachments)
    info: AttachmentInfo = with_file.attachments[0]
    view.show_page(
        next(i for i, p in enumerate(view.pages) if p.statement and p.statement.id == "ssup-3-2")
    )
    button = next(b for b in view.findChildren(QPushButton) if b.text() == f"Open {info.name}")
    button.click()
    assert launched and launched[0].read_bytes() == service.attachment_data(info.id)


def test_start_dialog_remembers_the_mentor_name(
    qtbot: QtBot, service: PortfolioService, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    skill = service.skills[Edition.SFIA9]
    dialog = StartSessionDialog(skill, service.profile(), settings)
    qtbot.addWidget(dialog)
    assert dialog.focus_levels() == [3, 4]  # the sample's current and target levels
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    dialog.name_edit.setText("  Jordan   Lee ")
    dialog.accept()
    assert settings.value(MENTOR_NAME_KEY) == "Jordan Lee"
    again = StartSessionDialog(skill, service.profile(), settings)
    qtbot.addWidget(again)
    assert again.mentor_name() == "Jordan Lee"
