"""File > Export PDF..., Print..., Print Preview...: wired to the report code and the selection."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.export.pdf_options import ReportOptions
from ssup_desktop.ui.dialogs.export_pdf import ExportPdfDialog
from ssup_desktop.ui.main_window import MainWindow
from ssup_desktop.ui.session import PortfolioSession


def add_entries(session: PortfolioSession, count: int) -> list[uuid.UUID]:
    ids = []
    for n in range(count):
        entry = Evidence(title=f"Entry {n}", date_from=date(2025, 1, n + 1))
        session.announce(session.service.add_evidence(entry))
        ids.append(entry.id)
    return ids


def capture_export_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[ExportPdfDialog]:
    """The Export PDF dialogs opened from now on, each cancelled instead of shown."""
    opened: list[ExportPdfDialog] = []

    def fake_exec(dialog: ExportPdfDialog) -> int:
        opened.append(dialog)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(ExportPdfDialog, "exec", fake_exec)
    return opened


def test_actions_are_in_the_file_menu_with_shortcuts(window: MainWindow) -> None:
    actions = window.export_actions
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    listed = [a for a in file_menu.actions() if not a.isSeparator()]
    for action in (actions.export_action, actions.print_action, actions.preview_action):
        assert action in listed
        assert action.statusTip() and not action.icon().isNull()
    assert listed.index(actions.preview_action) < listed.index(window.quit_action)
    assert actions.print_action.shortcuts() == QKeySequence.keyBindings(
        QKeySequence.StandardKey.Print
    )


def test_export_dialog_opens_with_the_evidence_log_selection(
    window: MainWindow, session: PortfolioSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = add_entries(session, 3)
    window.workspace.evidence_log.select_ids(ids[:2])
    opened = capture_export_dialogs(monkeypatch)
    window.export_actions.export_action.trigger()
    assert len(opened) == 1
    dialog = opened[0]
    assert dialog.parent() is window
    assert dialog.selected.isEnabled()
    assert dialog.selected.text() == "Selected entries (2)"
    assert not dialog.mentor.isEnabled()  # a new portfolio has no mentor sessions


def test_exporting_before_the_evidence_log_was_opened_offers_no_selection(
    window: MainWindow, session: PortfolioSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_entries(session, 2)
    workspace = window.workspace
    assert workspace._evidence_log is None  # only the Ladder tab has been shown
    opened = capture_export_dialogs(monkeypatch)
    window.export_actions.export_action.trigger()
    assert len(opened) == 1 and not opened[0].selected.isEnabled()
    assert workspace._evidence_log is None  # not built (0.3 s at 10,000 entries) to find none


def test_print_and_preview_call_the_report_code(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ssup_desktop.ui.printing as printing

    calls: list[tuple[str, object, ReportOptions]] = []

    def fake_print(_parent: object, service: object, options: ReportOptions) -> int:
        calls.append(("print", service, options))
        return 3

    monkeypatch.setattr(printing, "print_report", fake_print)
    monkeypatch.setattr(printing, "preview_report", lambda p, s, o: calls.append(("preview", s, o)))
    window.export_actions.print_action.trigger()
    window.export_actions.preview_action.trigger()
    assert [c[0] for c in calls] == ["print", "preview"]
    assert all(c[1] is window.session.service for c in calls)
    assert all(isinstance(c[2], ReportOptions) for c in calls)
    assert window.statusBar().currentMessage() == "Printed 3 pages"
