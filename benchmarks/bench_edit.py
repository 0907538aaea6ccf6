"""Add or edit an entry, committed, in a 10,000-entry portfolio (service, and through the UI)."""

from __future__ import annotations

import random
import time
import uuid
from pathlib import Path

from benchmarks.common import Row, Workspace, copy_portfolio, ms, process_events, qt_app
from benchmarks.generate import DEFAULT_SEED, EntryFactory

GOAL_MS = 10.0
GOAL_UI_STALL_MS = 100.0


def measure(portfolio: Path, count: int, ui_count: int) -> list[Row]:
    from ssup_desktop.content import load_all
    from ssup_desktop.domain.evidence import utc_now
    from ssup_desktop.services import PortfolioService

    skills = load_all()
    scratch = copy_portfolio(portfolio, portfolio.with_name("edit-scratch.ssup"))
    service = PortfolioService.open(scratch, skills)
    factory = EntryFactory(skills, DEFAULT_SEED + 99, utc_now().date())
    rng = random.Random(DEFAULT_SEED + 7)
    try:
        added: list[float] = []
        for _ in range(count):
            entry, _data = factory.entry()
            entry = entry.model_copy(update={"attachments": ()})
            started = time.perf_counter()
            service.add_evidence(entry)
            added.append(time.perf_counter() - started)

        ids = [row[0] for row in service.store.conn.execute("SELECT id FROM evidence")]
        edited: list[float] = []
        for evidence_id in rng.sample(ids, count):
            before = service.get_evidence(uuid.UUID(evidence_id))
            after = before.model_copy(
                update={"title": before.title + " (revised)", "action": before.action + " Done."}
            )
            started = time.perf_counter()
            service.update_evidence(after)
            edited.append(time.perf_counter() - started)
        ui_added, ui_edited = _through_ui(service, factory, ui_count)
    finally:
        service.close()
    size = f"{len(ids)} entries"
    return [
        Row("Add entry, committed (service)", ms(added), GOAL_MS, "ms", f"{count} adds, {size}"),
        Row("Edit entry, committed (service)", ms(edited), GOAL_MS, "ms", f"{count} edits"),
        Row(
            "Add entry via undo command + log refresh (UI)",
            ms(ui_added),
            GOAL_UI_STALL_MS,
            "ms",
            f"{len(ui_added)} adds; AddEvidenceCommand, evidence log model listening",
        ),
        Row(
            "Edit entry via undo command + log refresh (UI)",
            ms(ui_edited),
            GOAL_UI_STALL_MS,
            "ms",
            f"{len(ui_edited)} edits; EditEvidenceCommand",
        ),
    ]


def _through_ui(service: object, factory: EntryFactory, count: int) -> tuple[list[float], ...]:
    """What the user waits for: the command commits, the open evidence log catches up, paints."""
    qt_app()
    from ssup_desktop.services import PortfolioService
    from ssup_desktop.ui.commands import AddEvidenceCommand, EditEvidenceCommand, push_command
    from ssup_desktop.ui.session import PortfolioSession
    from ssup_desktop.ui.views.evidence_log import EvidenceLogView

    assert isinstance(service, PortfolioService)
    session = PortfolioSession(service)
    view = EvidenceLogView(session)
    view.resize(1280, 800)
    view.show()
    process_events()
    added: list[float] = []
    edited: list[float] = []
    for _ in range(count):
        entry, _data = factory.entry()
        entry = entry.model_copy(update={"attachments": ()})
        started = time.perf_counter()
        errors = push_command(session, AddEvidenceCommand(session, entry))
        process_events()
        added.append(time.perf_counter() - started)
        assert not errors, errors
        before = service.get_evidence(entry.id)
        after = before.model_copy(update={"title": before.title + " (revised)"})
        started = time.perf_counter()
        errors = push_command(session, EditEvidenceCommand(session, before, after))
        process_events()
        edited.append(time.perf_counter() - started)
        assert not errors, errors
    view.close()
    view.deleteLater()
    process_events()
    return added, edited


def run(work: Workspace) -> list[Row]:
    return measure(work.files["p10k"], 30 if work.quick else 200, 3 if work.quick else 10)
