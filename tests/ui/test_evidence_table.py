"""EvidenceTableModel: a well-behaved Qt model that updates only the rows a Change names."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ssup_desktop.domain.change import Change
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.sfia import Edition
from ssup_desktop.services import EvidenceFilter, PortfolioService
from ssup_desktop.ui.commands import AddEvidenceCommand, DeleteEvidenceCommand, EditEvidenceCommand
from ssup_desktop.ui.models.evidence_table import (
    EVIDENCE_ID_ROLE,
    SORT_ROLE,
    Column,
    EvidenceTableModel,
)
from ssup_desktop.ui.session import PortfolioSession
from tests.ui import evidence_fixtures
from tests.ui.evidence_fixtures import PNG_BYTES, write_file

# Fixtures shared with the other evidence UI tests.
entries = evidence_fixtures.entries
service = evidence_fixtures.service
session = evidence_fixtures.session


def titles(model: QSortFilterProxyModel | EvidenceTableModel) -> list[str]:
    return [model.index(r, Column.TITLE).data() for r in range(model.rowCount())]


def test_model_passes_qt_model_tester(
    qtmodeltester: ModelTester, session: PortfolioSession, entries: list[Evidence]
) -> None:
    model = EvidenceTableModel(session)
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    assert model.rowCount() == 4
    session.push(AddEvidenceCommand(session, Evidence(title="New one")))
    session.undo_stack.undo()
    session.announce(Change.everything())
    assert model.rowCount() == 4


def test_columns_show_plain_strings(session: PortfolioSession, entries: list[Evidence]) -> None:
    model = EvidenceTableModel(session)
    row = model.row_of(entries[0].id)
    assert row is not None

    def cell(column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.index(row, column).data(role)

    assert cell(Column.TITLE) == "Demo for Contoso"
    assert cell(Column.DATE) == "2024-03-05"
    assert cell(Column.STATEMENTS) == "3.1, 4.2"
    assert cell(Column.TAGS) == "demo, enterprise"
    assert cell(Column.ATTACHMENTS) == ""
    assert isinstance(cell(Column.MODIFIED), str)
    assert cell(Column.TITLE, EVIDENCE_ID_ROLE) == entries[0].id
    assert "3.1  " in str(cell(Column.STATEMENTS, Qt.ItemDataRole.ToolTipRole))
    old = model.row_of(entries[3].id)
    assert old is not None
    assert model.index(old, Column.STATEMENTS).data() == "3.2 (SFIA 7)"
    header = model.headerData(Column.MODIFIED, Qt.Orientation.Horizontal)
    assert header == "Modified"


def test_sorting_by_date_sorts_as_dates(session: PortfolioSession, entries: list[Evidence]) -> None:
    session.service.add_evidence(Evidence(title="Undated"))
    session.service.add_evidence(Evidence(title="Early 2024", date_from=date(2024, 1, 9)))
    model = EvidenceTableModel(session)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(Column.DATE, Qt.SortOrder.AscendingOrder)
    assert titles(proxy) == [
        "Undated",
        "Old SFIA 7 example",
        "Bid response for Fabrikam",
        "Early 2024",
        "Demo for Contoso",
        "Pricing spreadsheet clean-up",
    ]
    proxy.sort(Column.ATTACHMENTS, Qt.SortOrder.AscendingOrder)
    assert proxy.rowCount() == 6


def test_change_updates_only_the_named_row(
    qtbot: QtBot, session: PortfolioSession, entries: list[Evidence]
) -> None:
    model = EvidenceTableModel(session)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    target = entries[1]
    row = model.row_of(target.id)
    assert row is not None
    edited = target.model_copy(update={"title": "Bid response for Fabrikam (won)"})
    with qtbot.waitSignal(model.dataChanged) as blocker:
        session.push(EditEvidenceCommand(session, target, edited))
    assert blocker.args is not None
    assert blocker.args[0].row() == row == blocker.args[1].row()
    assert model.index(row, Column.TITLE).data() == "Bid response for Fabrikam (won)"

    with qtbot.waitSignal(model.rowsInserted):
        session.push(AddEvidenceCommand(session, Evidence(title="Fresh")))
    assert model.rowCount() == 5
    with qtbot.waitSignal(model.rowsRemoved):
        session.push(DeleteEvidenceCommand(session, [entries[0]]))
    assert "Demo for Contoso" not in titles(model)
    assert resets == []


def test_attachment_change_updates_the_count(
    session: PortfolioSession, service: PortfolioService, entries: list[Evidence], tmp_path: Path
) -> None:
    model = EvidenceTableModel(session)
    change, _info = service.add_attachment(entries[2].id, write_file(tmp_path, "a.png", PNG_BYTES))
    session.announce(change)
    row = model.row_of(entries[2].id)
    assert row is not None
    assert model.index(row, Column.ATTACHMENTS).data() == "1"
    assert model.index(row, Column.ATTACHMENTS).data(SORT_ROLE) == 1


def test_filter_and_changes_respect_the_filter(
    session: PortfolioSession, entries: list[Evidence]
) -> None:
    model = EvidenceTableModel(session)
    model.set_filter(EvidenceFilter(tag="demo"))
    assert titles(model) == ["Demo for Contoso"]
    tagged = entries[2].model_copy(update={"tags": ("demo",)})
    session.push(EditEvidenceCommand(session, entries[2], tagged))
    assert sorted(titles(model)) == ["Demo for Contoso", "Pricing spreadsheet clean-up"]
    session.undo_stack.undo()
    assert titles(model) == ["Demo for Contoso"]
    assert model.row_of(uuid.uuid4()) is None


def test_profile_edition_change_relabels_statements(
    session: PortfolioSession, service: PortfolioService, entries: list[Evidence]
) -> None:
    model = EvidenceTableModel(session)
    row = model.row_of(entries[3].id)
    assert row is not None
    profile = service.profile().replace(edition=Edition.SFIA7)
    session.announce(service.update_profile(profile))
    assert model.index(row, Column.STATEMENTS).data() == "3.2"
    first = model.row_of(entries[0].id)
    assert first is not None
    assert model.index(first, Column.STATEMENTS).data() == "3.1 (SFIA 9), 4.2 (SFIA 9)"


def test_model_sorts_itself_and_keeps_edited_rows_in_order(
    qtbot: QtBot, session: PortfolioSession, entries: list[Evidence]
) -> None:
    model = EvidenceTableModel(session)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    # newest first until sorted otherwise
    assert titles(model) == [
        "Pricing spreadsheet clean-up",
        "Demo for Contoso",
        "Bid response for Fabrikam",
        "Old SFIA 7 example",
    ]
    with qtbot.waitSignal(model.layoutChanged):
        model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(model) == sorted(titles(model), key=str.casefold)
    target = entries[3]  # "Old SFIA 7 example" moves to the top when renamed "A ..."
    renamed = target.model_copy(update={"title": "A renamed example"})
    session.push(EditEvidenceCommand(session, target, renamed))
    assert titles(model)[0] == "A renamed example"
    session.push(AddEvidenceCommand(session, Evidence(title="Zebra deal")))
    assert titles(model)[-1] == "Zebra deal"
    assert model.rowCount() == 5 and resets == []
    row = model.row_of(target.id)
    assert row is not None and model.evidence_at(row) == session.service.get_evidence(target.id)
    # a filter keeps the order; an edit that leaves the filter removes the row
    model.set_filter(EvidenceFilter(text="renamed"))
    assert titles(model) == ["A renamed example"]
    session.undo_stack.undo()  # the add
    session.undo_stack.undo()  # the rename: back to "Old SFIA 7 example", no longer matching
    assert titles(model) == []
    model.sort(Column.DATE, Qt.SortOrder.AscendingOrder)
    model.set_filter(EvidenceFilter())
    assert titles(model)[0] == "Old SFIA 7 example"


def test_a_search_keeps_the_order_the_user_sorted_the_rows_into(
    session: PortfolioSession, entries: list[Evidence]
) -> None:
    service = session.service
    for title, day in (("Alpha deal", 2020), ("Bravo deal", 2024), ("Charlie deal", 2022)):
        service.add_evidence(Evidence(title=title, date_from=date(day, 1, 1), tags=("same",)))
    model = EvidenceTableModel(session)
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    model.sort(Column.TAGS, Qt.SortOrder.AscendingOrder)  # equal tags keep the title order
    deals = [t for t in titles(model) if t.endswith(" deal")]
    assert deals == ["Alpha deal", "Bravo deal", "Charlie deal"]
    model.set_filter(EvidenceFilter(text="deal"))
    # typing does not reshuffle what the user sorted
    assert [t for t in titles(model) if t.endswith(" deal")] == deals
    model.set_filter(EvidenceFilter())
    assert [t for t in titles(model) if t.endswith(" deal")] == deals  # nor does clearing it
    other = entries[0]  # an edit elsewhere keeps the order too
    session.push(EditEvidenceCommand(session, other, other.model_copy(update={"title": "Zed"})))
    model.set_filter(EvidenceFilter(text="deal"))
    assert [t for t in titles(model) if t.endswith(" deal")] == deals
