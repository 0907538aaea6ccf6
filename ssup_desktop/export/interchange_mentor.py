"""The interchange document's mentor part: sessions, verdicts, entry comments, agreed actions."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from ssup_desktop.domain.mentor import Action, Author, EntryComment, Session, Verdict
from ssup_desktop.mentor_service import MentorService
from ssup_desktop.review import MergePlan
from ssup_desktop.storage.mentor_store import MentorRecord


class SessionDocument(BaseModel):
    """A mentor session as stored (its verdicts and actions name it by ``session_id``)."""

    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID
    review_of: uuid.UUID
    author: Author = Author.MENTOR
    modified: datetime
    mentor_name: str = ""
    started: datetime
    finished: datetime | None = None
    focus_levels: tuple[int, ...] = ()
    notes: str = ""


class MentorDocument(BaseModel):
    """Mentor sessions and what came of them.

    Absent from files written before mentor sessions existed; such files import unchanged.
    """

    model_config = ConfigDict(extra="forbid")

    sessions: tuple[SessionDocument, ...] = ()
    verdicts: tuple[Verdict, ...] = ()
    entry_comments: tuple[EntryComment, ...] = ()
    actions: tuple[Action, ...] = ()


def build_mentor(mentor: MentorService) -> MentorDocument:
    """The portfolio's mentor records, sorted by id so the same portfolio exports the same text."""
    records = mentor.records()

    def of(kind: type[MentorRecord]) -> list[MentorRecord]:
        return sorted((r for r in records if type(r) is kind), key=lambda r: str(r.id))

    return MentorDocument(
        sessions=tuple(
            SessionDocument.model_validate(s.model_dump(exclude={"verdict_ids", "actions"}))
            for s in of(Session)
        ),
        verdicts=tuple(v for v in of(Verdict) if isinstance(v, Verdict)),
        entry_comments=tuple(c for c in of(EntryComment) if isinstance(c, EntryComment)),
        actions=tuple(a for a in of(Action) if isinstance(a, Action)),
    )


def mentor_records(document: MentorDocument) -> list[MentorRecord]:
    """The document's records as domain objects (validating each session)."""
    sessions: list[MentorRecord] = [
        Session.model_validate(s.model_dump()) for s in document.sessions
    ]
    return [*sessions, *document.verdicts, *document.entry_comments, *document.actions]


def mentor_problem(document: MentorDocument, known: set[str]) -> str:
    """What is wrong with the mentor part (unknown statements, repeated ids, bad levels), or ""."""
    for name, items in (
        ("session", document.sessions),
        ("verdict", document.verdicts),
        ("entry comment", document.entry_comments),
        ("action", document.actions),
    ):
        ids: set[uuid.UUID] = set()
        for item in items:
            if item.id in ids:
                return f"{name} id {item.id} appears more than once"
            ids.add(item.id)
    for session in document.sessions:
        if any(not 1 <= n <= 7 for n in session.focus_levels):
            return f"session {session.id}: focus levels must be 1 to 7"
    for verdict in document.verdicts:
        if verdict.statement_id not in known:
            return f"verdict {verdict.id}: unknown SSUP statement id {verdict.statement_id}"
    return ""


def merge_mentor(mentor: MentorService, document: MentorDocument | None) -> MergePlan:
    """Merge an import's mentor part: unknown ids added, the newer copy of a known id wins."""
    if document is None:
        return MergePlan()
    return mentor.merge_records(mentor_records(document))
