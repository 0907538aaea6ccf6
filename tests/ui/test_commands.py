"""Undoable evidence commands: each redo and undo puts the portfolio exactly where it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.services import PortfolioService
from ssup_desktop.ui.commands import (
    AddAttachmentsCommand,
    AddEvidenceCommand,
    DeleteEvidenceCommand,
    DuplicateEvidenceCommand,
    EditEvidenceCommand,
    RemoveAttachmentCommand,
    push_command,
    push_macro,
)
from ssup_desktop.ui.session import PortfolioSession
from tests.ui import evidence_fixtures
from tests.ui.evidence_fixtures import PNG_BYTES, write_file

# Fixtures shared with the other evidence UI tests.
entries = evidence_fixtures.entries
service = evidence_fixtures.service
session = evidence_fixtures.session


def content(evidence: Evidence) -> dict[str, Any]:
    """What the user wrote: everything but the service's ``modified`` stamp."""
    return evidence.model_dump(exclude={"modified"})


def snapshot(service: PortfolioService) -> dict[str, dict[str, Any]]:
    """Every entry with its attachment bytes."""
    state = {}
    for evidence in service.list_evidence():
        data = {str(a.id): service.attachment_data(a.id) for a in evidence.attachments}
        state[str(evidence.id)] = content(evidence) | {"bytes": data}
    return state


def recorded(session: PortfolioSession) -> list[Change]:
    changes: list[Change] = []
    session.changed.connect(changes.append)
    return changes


def test_add_undo_redo(session: PortfolioSession, service: PortfolioService) -> None:
    changes = recorded(session)
    evidence = Evidence(title="Demo for Contoso", statement_ids=("ssup-3-1",))
    assert push_command(session, AddEvidenceCommand(session, evidence)) == []
    assert session.undo_stack.undoText() == "Add evidence 'Demo for Contoso'"
    stored = snapshot(service)
    assert changes[-1] == Change(
        ChangeKind.EVIDENCE, frozenset({evidence.id}), changes[-1].description
    )

    session.undo_stack.undo()
    assert service.list_evidence() == []
    session.undo_stack.redo()
    assert snapshot(service) == stored
    assert len(changes) == 3


def test_edit_undo_restores_previous_content(
    session: PortfolioSession, service: PortfolioService, entries: list[Evidence]
) -> None:
    before = entries[0]
    after = before.model_copy(update={"title": "Demo for Contoso (final)", "tags": ("demo",)})
    push_command(session, EditEvidenceCommand(session, before, after))
    assert session.undo_stack.undoText() == "Edit evidence 'Demo for Contoso (final)'"
    assert service.get_evidence(before.id).title == "Demo for Contoso (final)"
    session.undo_stack.undo()
    assert content(service.get_evidence(before.id)) == content(before)
    session.undo_stack.redo()
    assert content(service.get_evidence(before.id)) == content(after)


def test_delete_with_attachments_is_undone_exactly(
    session: PortfolioSession, service: PortfolioService, entries: list[Evidence], tmp_path: Path
) -> None:
    target = entries[0]
    service.add_attachment(target.id, write_file(tmp_path / "in", "chart.png", PNG_BYTES))
    service.add_attachment(target.id, write_file(tmp_path / "in", "notes.txt", b"call notes"))
    full = service.get_evidence(target.id)
    state = snapshot(service)

    push_command(session, DeleteEvidenceCommand(session, [full, entries[1]]))
    assert session.undo_stack.undoText() == "Delete 2 evidence entries"
    assert {e.id for e in service.list_evidence()} == {entries[2].id, entries[3].id}
    session.undo_stack.undo()
    assert snapshot(service) == state
    assert service.get_evidence(target.id) == full  # even ``modified`` is back
    session.undo_stack.redo()
    assert len(service.list_evidence()) == 2


def test_duplicate_undo_redo(
    session: PortfolioSession, service: PortfolioService, entries: list[Evidence]
) -> None:
    command = DuplicateEvidenceCommand(session, entries[0])
    push_command(session, command)
    assert command.copy is not None
    copy_id = command.copy.id
    assert service.get_evidence(copy_id).title == "Demo for Contoso (copy)"
    state = snapshot(service)
    session.undo_stack.undo()
    assert len(service.list_evidence()) == len(entries)
    session.undo_stack.redo()
    assert snapshot(service) == state


def test_attach_and_remove_attachment(
    session: PortfolioSession, service: PortfolioService, entries: list[Evidence], tmp_path: Path
) -> None:
    target = entries[1]
    files = [
        write_file(tmp_path / "in", "chart.png", PNG_BYTES),
        write_file(tmp_path / "in", "offer.txt", b"offer text"),
    ]
    before = snapshot(service)
    push_command(session, AddAttachmentsCommand(session, target, files))
    assert session.undo_stack.undoText() == "Attach 2 files to 'Bid response for Fabrikam'"
    with_files = snapshot(service)
    attached = service.get_evidence(target.id).attachments
    assert [a.name for a in attached] == ["chart.png", "offer.txt"]
    for path in files:
        path.unlink()  # redo must not need the files again

    session.undo_stack.undo()
    assert snapshot(service) == before
    session.undo_stack.redo()
    assert snapshot(service) == with_files

    push_command(session, RemoveAttachmentCommand(session, target, attached[0]))
    assert [a.name for a in service.get_evidence(target.id).attachments] == ["offer.txt"]
    session.undo_stack.undo()
    assert snapshot(service) == with_files
    assert service.attachment_data(attached[0].id) == PNG_BYTES


def test_failed_command_is_dropped_and_reported(
    session: PortfolioSession, service: PortfolioService, entries: list[Evidence]
) -> None:
    messages: list[str] = []
    duplicate = entries[0]  # same id as a stored entry: the service refuses it
    failures = push_command(session, AddEvidenceCommand(session, duplicate, messages.append))
    assert failures and "already exists" in str(failures[0])
    assert session.undo_stack.count() == 0
    assert messages == [f"Add evidence 'Demo for Contoso' failed: {failures[0]}"]


def test_attach_missing_file_rolls_back(
    session: PortfolioSession, service: PortfolioService, entries: list[Evidence], tmp_path: Path
) -> None:
    good = write_file(tmp_path / "in", "ok.txt", b"ok")
    command = AddAttachmentsCommand(session, entries[0], [good, tmp_path / "missing.txt"])
    assert push_command(session, command)
    assert service.get_evidence(entries[0].id).attachments == ()
    assert session.undo_stack.count() == 0


def test_macro_whose_first_step_fails_leaves_no_step(
    session: PortfolioSession, entries: list[Evidence], tmp_path: Path
) -> None:
    add = AddEvidenceCommand(session, entries[0])  # already stored: fails
    attach = AddAttachmentsCommand(session, entries[0], [write_file(tmp_path, "a.txt", b"a")])
    failures = push_macro(session, "Add evidence", [add, attach])
    assert len(failures) == 1
    assert session.undo_stack.count() == 0
    assert not session.undo_stack.canUndo()


@pytest.mark.parametrize("title", ["A" * 80])
def test_long_titles_are_shortened_in_undo_text(session: PortfolioSession, title: str) -> None:
    push_command(session, AddEvidenceCommand(session, Evidence(title=title)))
    assert len(session.undo_stack.undoText()) < 60


def test_each_undo_step_announces_one_change_per_kind(
    session: PortfolioSession, service: PortfolioService, entries: list[Evidence], tmp_path: Path
) -> None:
    changes = recorded(session)
    push_command(session, DeleteEvidenceCommand(session, entries[:3]))
    assert [c.kind for c in changes] == [ChangeKind.EVIDENCE]
    assert changes[0].ids == frozenset(e.id for e in entries[:3])
    changes.clear()
    session.undo_stack.undo()
    assert [c.kind for c in changes] == [ChangeKind.EVIDENCE]
    assert changes[0].ids == frozenset(e.id for e in entries[:3])
    changes.clear()
    files = [write_file(tmp_path / "in", f"f{n}.txt", b"x") for n in range(3)]
    push_command(session, AddAttachmentsCommand(session, entries[0], files))
    assert [c.kind for c in changes] == [ChangeKind.ATTACHMENT]


def test_undoing_an_edit_restores_the_entry_exactly_so_a_verdict_holds_again(
    session: PortfolioSession, service: PortfolioService, entries: list[Evidence]
) -> None:
    from ssup_desktop.domain.mentor import VerdictKind

    target = service.get_evidence(entries[0].id)  # supports ssup-3-1
    statement_id = target.statement_ids[0]
    service.mentor.record_verdict(statement_id, VerdictKind.AGREED, mentor_name="Jordan Lee")
    verified = service.verified_keys()
    assert verified
    edited = target.model_copy(update={"result": "Something else entirely"})
    push_command(session, EditEvidenceCommand(session, target, edited))
    assert service.verified_keys() != verified  # changed since verified
    session.undo_stack.undo()
    assert service.get_evidence(target.id) == target  # modified stamp included
    assert service.verified_keys() == verified
