"""EvidenceEditorDialog: what a user types becomes a valid entry; bad input is named, not saved."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from ssup_desktop.domain.evidence import AttachmentInfo, Evidence
from ssup_desktop.services import PortfolioService
from ssup_desktop.ui import attachments
from ssup_desktop.ui.attachments import AttachmentOpener, safe_file_name
from ssup_desktop.ui.dialogs import evidence_editor
from ssup_desktop.ui.dialogs.evidence_editor import (
    EvidenceEditorDialog,
    apply_editor_result,
    open_evidence_editor,
)
from ssup_desktop.ui.session import PortfolioSession
from tests.ui import evidence_fixtures
from tests.ui.evidence_fixtures import PNG_BYTES, recording_launcher, write_file

# Fixtures shared with the other evidence UI tests.
entries = evidence_fixtures.entries
service = evidence_fixtures.service
session = evidence_fixtures.session


def make_dialog(qtbot: QtBot, session: PortfolioSession, **kwargs: object) -> EvidenceEditorDialog:
    dialog = EvidenceEditorDialog(session, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def test_typed_fields_become_a_valid_entry(qtbot: QtBot, session: PortfolioSession) -> None:
    dialog = make_dialog(qtbot, session)
    QTest.keyClicks(dialog.title_edit, "Demo for Contoso")
    dialog.date_from_edit.setDate(QDate(2024, 3, 5))
    dialog.range_check.setChecked(True)
    dialog.date_to_edit.setDate(QDate(2024, 3, 8))
    QTest.keyClicks(dialog.star_edits["situation"], "Budget round coming up")
    QTest.keyClicks(dialog.star_edits["result"], "Pilot signed")
    QTest.keyClicks(dialog.reflection_edit, "Ask early")
    QTest.keyClicks(dialog.tags_edit, "demo, enterprise")
    dialog.links_editor.add_row(url="https://example.com/deal", label="Deal", edit=False)
    dialog.statement_picker.set_checked("ssup-3-1", True)
    dialog.private_check.setChecked(True)
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    evidence = dialog.evidence()
    assert evidence.title == "Demo for Contoso"
    assert (evidence.date_from, evidence.date_to) == (date(2024, 3, 5), date(2024, 3, 8))
    assert evidence.situation == "Budget round coming up"
    assert evidence.reflection == "Ask early"
    assert evidence.tags == ("demo", "enterprise")
    assert evidence.statement_ids == ("ssup-3-1",)
    assert evidence.links[0].url == "https://example.com/deal"
    assert evidence.private and not evidence.confidential


def test_save_is_disabled_until_there_is_a_title(qtbot: QtBot, session: PortfolioSession) -> None:
    dialog = make_dialog(qtbot, session)
    assert not dialog.ok_button.isEnabled()
    assert not dialog.title_hint.isHidden()
    QTest.keyClicks(dialog.title_edit, "   ")
    assert not dialog.ok_button.isEnabled()
    QTest.keyClicks(dialog.title_edit, "x")
    assert dialog.ok_button.isEnabled()
    assert dialog.title_hint.isHidden()


def test_no_date_gives_an_undated_entry(qtbot: QtBot, session: PortfolioSession) -> None:
    dialog = make_dialog(qtbot, session)
    QTest.keyClicks(dialog.title_edit, "Someday")
    dialog.no_date_check.setChecked(True)
    assert not dialog.date_from_edit.isEnabled()
    dialog.accept()
    assert dialog.evidence().date_from is None


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "file:///etc/passwd", "https://"])
def test_invalid_link_is_named_and_nothing_written(
    qtbot: QtBot, session: PortfolioSession, service: PortfolioService, bad: str
) -> None:
    dialog = make_dialog(qtbot, session)
    QTest.keyClicks(dialog.title_edit, "With a bad link")
    dialog.links_editor.add_row(url=bad, edit=False)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.error_label.isHidden()
    assert bad in dialog.error_label.text()
    assert dialog.tabs.currentIndex() == 3
    with pytest.raises(RuntimeError):
        dialog.evidence()
    assert service.list_evidence() == []


def test_end_date_before_start_is_explained(qtbot: QtBot, session: PortfolioSession) -> None:
    dialog = make_dialog(qtbot, session)
    QTest.keyClicks(dialog.title_edit, "Backwards")
    dialog.date_from_edit.setDate(QDate(2024, 3, 5))
    dialog.range_check.setChecked(True)
    dialog.date_to_edit.setDate(QDate(2024, 3, 1))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "end date is before the start date" in dialog.error_label.text()


def test_prelinked_statement_is_checked(qtbot: QtBot, session: PortfolioSession) -> None:
    dialog = make_dialog(qtbot, session, prelinked=("ssup-4-2",))
    assert dialog.statement_picker.checked_ids() == ["ssup-4-2"]
    QTest.keyClicks(dialog.title_edit, "From the ladder")
    dialog.accept()
    assert dialog.evidence().statement_ids == ("ssup-4-2",)


def test_links_to_other_editions_are_kept(
    qtbot: QtBot, session: PortfolioSession, entries: list[Evidence]
) -> None:
    old = entries[3]  # linked to ssup7-3-2 only
    dialog = make_dialog(qtbot, session, evidence=old)
    label = dialog.statement_picker.other_editions_label
    assert not label.isHidden()
    assert "also linked under SFIA 7: 3.2" in label.text()
    dialog.statement_picker.set_checked("ssup-3-1", True)
    dialog.accept()
    assert dialog.evidence().statement_ids == ("ssup7-3-2", "ssup-3-1")
    assert dialog.evidence().id == old.id


def test_new_entry_with_files_is_one_undo_step(
    qtbot: QtBot, session: PortfolioSession, service: PortfolioService, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, session)
    QTest.keyClicks(dialog.title_edit, "Demo with slides")
    dialog.attachments_editor.add_files([write_file(tmp_path, "slide.png", PNG_BYTES)])
    assert not dialog.attachments_editor.list.item(0).icon().isNull()  # a thumbnail
    dialog.accept()
    assert apply_editor_result(dialog)
    [stored] = service.list_evidence()
    assert [a.name for a in stored.attachments] == ["slide.png"]
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText() == "Add evidence 'Demo with slides'"
    session.undo_stack.undo()
    assert service.list_evidence() == []
    session.undo_stack.redo()
    assert service.get_evidence(stored.id).attachments == stored.attachments


def test_editing_removes_an_attachment_undoably(
    qtbot: QtBot,
    session: PortfolioSession,
    service: PortfolioService,
    entries: list[Evidence],
    tmp_path: Path,
) -> None:
    service.add_attachment(entries[0].id, write_file(tmp_path, "chart.png", PNG_BYTES))
    entry = service.get_evidence(entries[0].id)
    dialog = make_dialog(qtbot, session, evidence=entry)
    dialog.attachments_editor.list.item(0).setSelected(True)
    dialog.attachments_editor.remove_selected()
    dialog.title_edit.setText("Demo for Contoso, revised")
    dialog.accept()
    assert apply_editor_result(dialog)
    assert service.get_evidence(entry.id).attachments == ()
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    restored = service.get_evidence(entry.id)
    assert restored.title == "Demo for Contoso"
    assert restored.attachments == entry.attachments


def test_open_evidence_editor_pushes_on_save(
    qtbot: QtBot,
    session: PortfolioSession,
    service: PortfolioService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fake_exec(dialog: EvidenceEditorDialog) -> int:
        dialog.title_edit.setText("Saved from the ladder")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(evidence_editor.EvidenceEditorDialog, "exec", fake_exec)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert open_evidence_editor(parent, session, prelinked=("ssup-2-1",))
    [stored] = service.list_evidence()
    assert stored.statement_ids == ("ssup-2-1",)


def test_safe_file_name_strips_paths_and_control_characters() -> None:
    assert safe_file_name("../../evil\n.txt") == "evil.txt"
    assert safe_file_name("C:\\Users\\x\\report.pdf") == "report.pdf"
    assert safe_file_name("...") == "attachment"
    assert safe_file_name("run.desktop") == "run.desktop.txt"
    assert safe_file_name("a" * 300 + ".png").endswith(".png")


def test_opener_writes_a_private_copy(
    service: PortfolioService, entries: list[Evidence], tmp_path: Path
) -> None:
    _change, stored = service.add_attachment(entries[0].id, write_file(tmp_path, "n.txt", b"hello"))
    info = AttachmentInfo.model_validate(stored.model_dump() | {"name": "../../evil\n.txt"})
    launched: list[Path] = []
    opener = AttachmentOpener(service, launch=recording_launcher(launched))
    copy = opener.open(info)
    assert launched == [copy]
    assert copy.name == "evil.txt"
    assert copy.read_bytes() == b"hello"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    assert tmp_path not in copy.parents or copy.parent.name.startswith("ssup-attachment-")
    opener.cleanup()
    assert not copy.exists()


def test_opener_reports_when_nothing_can_open(
    service: PortfolioService, entries: list[Evidence], tmp_path: Path
) -> None:
    _change, info = service.add_attachment(entries[0].id, write_file(tmp_path, "n.txt", b"x"))
    opener = AttachmentOpener(service, launch=lambda _p: False)
    with pytest.raises(OSError, match="No application"):
        opener.open(info)
    opener.cleanup()
    assert attachments.RUNNABLE_SUFFIXES


def test_tag_completer_completes_the_last_tag(qtbot: QtBot, session: PortfolioSession) -> None:
    session.service.add_evidence(Evidence(title="Tagged", tags=("enterprise", "demo")))
    dialog = make_dialog(qtbot, session)
    completer = dialog.tag_completer
    assert completer.splitPath("demo, ent") == ["ent"]
    dialog.tags_edit.setText("demo, ent")
    completer.setCompletionPrefix("ent")
    assert completer.pathFromIndex(completer.currentIndex()) == "demo, enterprise"
