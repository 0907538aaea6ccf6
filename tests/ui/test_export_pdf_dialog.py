"""ExportPdfDialog: scope controls, the options they make, and an export run off the UI thread."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from ssup_desktop.content import load_all
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.profile import Profile
from ssup_desktop.export.pdf import PdfResult, collect
from ssup_desktop.export.pdf_options import PageSize, ReportOptions, Scope
from ssup_desktop.services import PortfolioService
from ssup_desktop.ui.dialogs.export_pdf import NO_MENTOR_TIP, ExportPdfDialog
from ssup_desktop.ui.printing import make_preview_dialog, make_printer, print_to


@pytest.fixture
def service(tmp_path: Path) -> Iterator[PortfolioService]:
    profile = Profile(owner_name="Kim Lee", current_level=2, target_level=3)
    svc = PortfolioService.create(tmp_path / "p.ssup", load_all(), profile)
    for n in range(3):
        svc.add_evidence(
            Evidence(
                title=f"Entry {n}", date_from=date(2025, 1, 1 + n), statement_ids=("ssup-3-1",)
            )
        )
    yield svc
    svc.close()


def _dialog(qtbot: QtBot, service: PortfolioService, **kwargs: object) -> ExportPdfDialog:
    dialog = ExportPdfDialog(service, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def test_defaults_give_the_whole_portfolio(qtbot: QtBot, service: PortfolioService) -> None:
    dialog = _dialog(qtbot, service)
    assert dialog.whole.isChecked()
    assert not dialog.level_combo.isEnabled()
    assert not dialog.selected.isEnabled()
    assert dialog.target.isEnabled() and "Level 3 - Apply" in dialog.target.text()
    assert not dialog.from_date.isEnabled() and not dialog.to_date.isEnabled()
    assert not dialog.mentor.isEnabled() and dialog.mentor.toolTip() == NO_MENTOR_TIP
    options = dialog.options()
    assert options.scope is Scope.PORTFOLIO and options.include_images and not options.redacted
    assert options.date_from is None and options.date_to is None


def test_one_level_enables_the_level_choice(qtbot: QtBot, service: PortfolioService) -> None:
    dialog = _dialog(qtbot, service)
    dialog.one_level.setChecked(True)
    assert dialog.level_combo.isEnabled()
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData(5))
    assert dialog.options() == ReportOptions(
        scope=Scope.LEVEL, level=5, page_size=dialog.options().page_size
    )
    dialog.target.setChecked(True)
    assert not dialog.level_combo.isEnabled()
    assert dialog.options().scope is Scope.TARGET and dialog.options().level is None


def test_selected_entries_dates_redaction_and_paper(
    qtbot: QtBot, service: PortfolioService
) -> None:
    ids = [uuid.uuid4(), uuid.uuid4()]
    dialog = _dialog(qtbot, service, selected_ids=ids, has_mentor_data=True)
    assert dialog.selected.isEnabled() and "(2)" in dialog.selected.text()
    assert dialog.mentor.isEnabled()
    dialog.selected.setChecked(True)
    dialog.from_check.setChecked(True)
    assert dialog.from_date.isEnabled()
    dialog.from_date.setDate(QDate(2024, 2, 1))
    dialog.to_check.setChecked(True)
    dialog.to_date.setDate(QDate(2024, 12, 31))
    dialog.images.setChecked(False)
    dialog.mentor.setChecked(True)
    dialog.redacted.setChecked(True)
    dialog.page_size.setCurrentIndex(dialog.page_size.findData(PageSize.LETTER))
    assert dialog.options() == ReportOptions(
        scope=Scope.SELECTED,
        evidence_ids=frozenset(ids),
        date_from=date(2024, 2, 1),
        date_to=date(2024, 12, 31),
        include_images=False,
        include_mentor=True,
        redacted=True,
        page_size=PageSize.LETTER,
    )
    assert dialog.suggested_name().endswith("(redacted).pdf")


def test_no_target_disables_the_target_scope(qtbot: QtBot, tmp_path: Path) -> None:
    svc = PortfolioService.create(tmp_path / "t.ssup", load_all(), Profile(current_level=6))
    try:
        dialog = _dialog(qtbot, svc)
        assert not dialog.target.isEnabled()
    finally:
        svc.close()


def test_export_runs_in_a_worker_and_reports_the_result(
    qtbot: QtBot, service: PortfolioService, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, service)
    target = tmp_path / "out.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as blocker:
        assert dialog.start_export(target, dialog.options())
    result = blocker.args[0]
    assert isinstance(result, PdfResult) and result.pages == len(PdfReader(str(target)).pages)
    assert not dialog.busy


def test_cancelled_export_writes_nothing(
    qtbot: QtBot, service: PortfolioService, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, service)
    dialog.start_export(tmp_path / "out.pdf", dialog.options())
    dialog.cancel_export()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert not (tmp_path / "out.pdf").exists()
    assert not list(tmp_path.glob(".*.part"))


def test_print_preview_uses_the_same_layout(qtbot: QtBot, service: PortfolioService) -> None:
    dialog = make_preview_dialog(None, service, ReportOptions())
    assert dialog is not None
    qtbot.addWidget(dialog)
    printer = make_printer(ReportOptions(page_size=PageSize.LETTER))
    printer.setOutputFileName(str(Path(service.path).with_suffix(".print.pdf")))
    pages = print_to(printer, collect(service, ReportOptions()))
    assert pages >= 4
    box = PdfReader(str(Path(service.path).with_suffix(".print.pdf"))).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
