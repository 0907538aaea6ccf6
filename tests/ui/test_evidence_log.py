"""EvidenceLogView: search and filters narrow the table; keys, drops and undo behave for a user."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.services import PortfolioService
from ssup_desktop.ui.attachments import AttachmentOpener
from ssup_desktop.ui.dialogs import evidence_editor
from ssup_desktop.ui.models.evidence_table import Column
from ssup_desktop.ui.session import PortfolioSession
from ssup_desktop.ui.views.evidence_log import EvidenceLogView
from tests.ui import evidence_fixtures
from tests.ui.evidence_fixtures import PNG_BYTES, recording_launcher, write_file

# Fixtures shared with the other evidence UI tests.
entries = evidence_fixtures.entries
service = evidence_fixtures.service
session = evidence_fixtures.session


@pytest.fixture
def log(qtbot: QtBot, session: PortfolioSession, entries: list[Evidence]) -> EvidenceLogView:
    view = EvidenceLogView(session)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def shown_titles(view: EvidenceLogView) -> list[str]:
    proxy = view.proxy
    return sorted(proxy.index(r, Column.TITLE).data() for r in range(proxy.rowCount()))


def search(qtbot: QtBot, view: EvidenceLogView, text: str, expected: list[str]) -> None:
    view.filter_bar.search_edit.clear()
    QTest.keyClicks(view.filter_bar.search_edit, text)
    qtbot.waitUntil(lambda: shown_titles(view) == sorted(expected), timeout=2000)


def select_title(view: EvidenceLogView, title: str) -> uuid.UUID:
    evidence_id = next(e.id for e in view.model.entries() if e.title == title)
    view.select_ids([evidence_id])
    return evidence_id


def test_search_finds_words_and_prefixes(qtbot: QtBot, log: EvidenceLogView) -> None:
    assert len(shown_titles(log)) == 4
    search(qtbot, log, "contoso", ["Demo for Contoso"])
    search(qtbot, log, "Fabri", ["Bid response for Fabrikam"])  # prefix
    search(qtbot, log, "discount", ["Pricing spreadsheet clean-up"])  # a description word
    search(qtbot, log, "decision makers", ["Old SFIA 7 example"])  # two words, reflection
    search(qtbot, log, "zzzz", [])
    assert not log.empty_label.isHidden()
    assert "match" in log.empty_label.text()
    log.filter_bar.search_edit.clear()
    qtbot.waitUntil(lambda: len(shown_titles(log)) == 4, timeout=2000)


def test_each_filter_narrows_and_clear_restores(log: EvidenceLogView) -> None:
    bar = log.filter_bar
    bar.level_combo.setCurrentIndex(bar.level_combo.findData(5))
    assert shown_titles(log) == ["Bid response for Fabrikam"]
    bar.clear()

    bar.statement_combo.setCurrentIndex(bar.statement_combo.findData("ssup-4-2"))
    assert shown_titles(log) == ["Demo for Contoso"]
    bar.clear()

    bar.tag_combo.setCurrentIndex(bar.tag_combo.findData("tender"))
    assert shown_titles(log) == ["Bid response for Fabrikam"]
    bar.clear()

    bar.from_check.setChecked(True)
    bar.from_date.setDate(QDate(2024, 1, 1))
    assert shown_titles(log) == ["Demo for Contoso", "Pricing spreadsheet clean-up"]
    bar.to_check.setChecked(True)
    bar.to_date.setDate(QDate(2024, 12, 31))
    assert shown_titles(log) == ["Demo for Contoso"]
    bar.clear()

    bar.unlinked_check.setChecked(True)
    assert shown_titles(log) == ["Pricing spreadsheet clean-up"]
    bar.clear()
    assert len(shown_titles(log)) == 4
    assert log.empty_label.isHidden()


def test_delete_key_deletes_and_undo_brings_it_back(
    qtbot: QtBot, log: EvidenceLogView, session: PortfolioSession
) -> None:
    evidence_id = select_title(log, "Demo for Contoso")
    assert log.selected_ids() == [evidence_id]
    log.table.setFocus()
    with qtbot.waitSignal(log.status_message_posted) as message:
        QTest.keyClick(log.table, Qt.Key.Key_Delete)
    assert message.args == ["Deleted 'Demo for Contoso' - Undo with Ctrl+Z"]
    assert "Demo for Contoso" not in shown_titles(log)
    session.undo_stack.undo()  # what Edit > Undo (Ctrl+Z) does
    assert "Demo for Contoso" in shown_titles(log)
    assert session.service.get_evidence(evidence_id).title == "Demo for Contoso"


def test_duplicate_selects_the_copy(log: EvidenceLogView) -> None:
    select_title(log, "Bid response for Fabrikam")
    log.duplicate_action.trigger()
    assert "Bid response for Fabrikam (copy)" in shown_titles(log)
    [copy_id] = log.selected_ids()
    assert log.session.service.get_evidence(copy_id).title.endswith("(copy)")


def drop_files(view: EvidenceLogView, row_title: str, paths: list[Path]) -> None:
    evidence_id = next(e.id for e in view.model.entries() if e.title == row_title)
    source_row = view.model.row_of(evidence_id)
    assert source_row is not None
    index = view.proxy.mapFromSource(view.model.index(source_row, Column.TITLE))
    position = QPointF(view.table.visualRect(index).center())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    action, button, modifier = (
        Qt.DropAction.CopyAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    viewport = view.table.viewport()
    # Qt delivers a drop only to a widget that accepted the drag entering and moving over it.
    # (Drag enter/move events take a QPoint, the drop event a QPointF.)
    point = position.toPoint()
    for event in (
        QDragEnterEvent(point, action, mime, button, modifier),
        QDragMoveEvent(point, action, mime, button, modifier),
    ):
        QApplication.sendEvent(viewport, event)
        assert event.isAccepted()
    drop = QDropEvent(position, action, mime, button, modifier)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()


def test_dropping_a_file_on_a_row_attaches_it(
    log: EvidenceLogView, session: PortfolioSession, tmp_path: Path
) -> None:
    path = write_file(tmp_path / "desktop", "proposal.png", PNG_BYTES)
    drop_files(log, "Old SFIA 7 example", [path])
    target = next(e for e in session.service.list_evidence() if e.title == "Old SFIA 7 example")
    assert [a.name for a in target.attachments] == ["proposal.png"]
    assert session.service.attachment_data(target.attachments[0].id) == PNG_BYTES
    assert session.undo_stack.undoText() == "Attach 'proposal.png' to 'Old SFIA 7 example'"
    session.undo_stack.undo()
    assert session.service.get_evidence(target.id).attachments == ()


def test_html_in_a_title_is_shown_literally(
    qtbot: QtBot, session: PortfolioSession, service: PortfolioService
) -> None:
    title = "<b>x</b><script>alert(1)</script>"
    service.add_evidence(Evidence(title=title, action="<i>not italic</i>", date_from=date.today()))
    view = EvidenceLogView(session)
    qtbot.addWidget(view)
    assert view.proxy.index(0, Column.TITLE).data() == title
    select_title(view, title)
    labels = view.preview.findChildren(QLabel)
    assert any(label.text() == title for label in labels)
    assert all(
        label.textFormat() == Qt.TextFormat.PlainText for label in labels if "<" in label.text()
    )


def test_preview_shows_statements_and_opens_attachments(
    qtbot: QtBot, session: PortfolioSession, entries: list[Evidence], tmp_path: Path
) -> None:
    session.service.add_attachment(entries[0].id, write_file(tmp_path, "chart.png", PNG_BYTES))
    opened: list[Path] = []
    opener = AttachmentOpener(session.service, launch=recording_launcher(opened))
    view = EvidenceLogView(session, attachment_opener=opener)
    qtbot.addWidget(view)
    select_title(view, "Demo for Contoso")
    texts = [label.text() for label in view.preview.findChildren(QLabel)]
    assert any(t.startswith("3.1  ") for t in "\n".join(texts).splitlines())
    assert "Situation" in texts and "What I learned" not in texts
    assert any(
        label.pixmap() is not None and not label.pixmap().isNull()
        for label in view.preview.findChildren(QLabel)
    )
    entry = session.service.get_evidence(entries[0].id)
    view.preview.open_requested.emit(entry.attachments[0])
    assert [p.read_bytes() for p in opened] == [PNG_BYTES]
    opener.cleanup()


def test_add_evidence_from_the_ladder_prelinks_and_selects(
    qtbot: QtBot, log: EvidenceLogView, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_exec(dialog: evidence_editor.EvidenceEditorDialog) -> int:
        assert dialog.statement_picker.checked_ids() == ["ssup-6-1"]
        dialog.title_edit.setText("Led the sales-support team")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(evidence_editor.EvidenceEditorDialog, "exec", fake_exec)
    assert log.add_evidence(prelinked=["ssup-6-1"])
    [selected] = log.selected_ids()
    assert log.session.service.get_evidence(selected).statement_ids == ("ssup-6-1",)
    assert log.preview.evidence is not None
    assert log.preview.evidence.id == selected


def test_focus_search_and_new_tags_appear_in_the_filter(
    qtbot: QtBot, log: EvidenceLogView, session: PortfolioSession
) -> None:
    log.focus_search()
    assert log.filter_bar.search_edit.hasFocus()
    row = next(e for e in log.model.entries() if e.title == "Pricing spreadsheet clean-up")
    entry = session.service.get_evidence(row.id)
    from ssup_desktop.ui.commands import EditEvidenceCommand

    session.push(
        EditEvidenceCommand(session, entry, entry.model_copy(update={"tags": ("pricing",)}))
    )
    assert log.filter_bar.tag_combo.findData("pricing") > 0


def test_filtering_keeps_or_clears_the_selection(qtbot: QtBot, log: EvidenceLogView) -> None:
    evidence_id = select_title(log, "Demo for Contoso")
    search(qtbot, log, "demo", ["Demo for Contoso"])
    assert log.selected_ids() == [evidence_id]
    search(qtbot, log, "tender", ["Bid response for Fabrikam"])
    assert log.selected_ids() == []
    assert log.preview.evidence is None
    assert not log.delete_action.isEnabled()


def test_a_failing_service_is_reported_and_leaves_no_undo_step(
    log: EvidenceLogView,
    session: PortfolioSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session.service, "add_attachment", disk_full)
    evidence_id = select_title(log, "Demo for Contoso")
    messages: list[str] = []
    log.status_message_posted.connect(messages.append)
    assert not log.attach_files(evidence_id, [write_file(tmp_path, "a.txt", b"a")])
    assert session.undo_stack.count() == 0
    assert not log.error_label.isHidden()
    assert "No space left on device" in log.error_label.text()
    assert messages == [log.error_label.text()]
