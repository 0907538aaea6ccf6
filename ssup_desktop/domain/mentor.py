"""Mentor verdicts, entry comments, sessions and actions, and which statements stay verified."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from ssup_desktop.domain.sfia import Edition, Skill, statement_keys
from ssup_desktop.domain.values import MAX_TEXT, MAX_TITLE, utc_now

Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TITLE)]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]


class VerdictKind(StrEnum):
    """What a mentor says about one statement."""

    AGREED = "agreed"
    NEEDS_MORE_EVIDENCE = "needs_more_evidence"
    NOT_YET = "not_yet"

    @property
    def label(self) -> str:
        return {
            "agreed": "Agreed",
            "needs_more_evidence": "Needs more evidence",
            "not_yet": "Not yet",
        }[self.value]

    @property
    def key(self) -> str:
        """The number key that records this verdict in session mode."""
        return {"agreed": "1", "needs_more_evidence": "2", "not_yet": "3"}[self.value]


class Author(StrEnum):
    """Who wrote a record: a review import takes only the mentor's."""

    MENTOR = "mentor"
    MENTEE = "mentee"


class _Record(BaseModel):
    """Fields every mentor record has: a uuid, whose portfolio it reviews, who wrote it, when."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    review_of: uuid.UUID  # the portfolio_id of the portfolio the record was made in
    author: Author = Author.MENTOR
    modified: datetime = Field(default_factory=utc_now)


class Verdict(_Record):
    """A mentor's verdict on one statement, with a fingerprint of the evidence they saw."""

    session_id: uuid.UUID | None = None
    statement_id: str = Field(pattern=r"^ssup7?-[1-7]-[1-9]$")
    kind: VerdictKind
    comment: Text = ""
    mentor_name: Name = ""
    recorded: datetime = Field(default_factory=utc_now)
    evidence_ids: tuple[uuid.UUID, ...] = ()  # the supporting, non-private entries shown
    evidence_hash: str = Field(pattern=r"^[0-9a-f]{64}$")

    @field_validator("evidence_ids")
    @classmethod
    def _sorted_ids(cls, ids: tuple[uuid.UUID, ...]) -> tuple[uuid.UUID, ...]:
        return tuple(sorted(set(ids), key=str))


class EntryComment(_Record):
    """A mentor's comment on one evidence entry."""

    session_id: uuid.UUID | None = None
    evidence_id: uuid.UUID
    text: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)
    ]
    mentor_name: Name = ""
    created: datetime = Field(default_factory=utc_now)


class Action(_Record):
    """An action agreed in a session; it belongs to the mentee's development plan."""

    session_id: uuid.UUID | None = None
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
    owner: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
    ] = "mentee"
    due: date | None = None
    done: bool = False
    created: datetime = Field(default_factory=utc_now)

    @property
    def owner_label(self) -> str:
        return {"mentee": "Mentee", "mentor": "Mentor"}.get(self.owner, self.owner)


class Session(_Record):
    """One mentor session: who, when, which levels; its verdicts and actions are kept apart."""

    mentor_name: Name
    started: datetime = Field(default_factory=utc_now)
    finished: datetime | None = None
    focus_levels: tuple[Annotated[int, Field(ge=1, le=7)], ...] = ()
    notes: Text = ""
    verdict_ids: tuple[uuid.UUID, ...] = ()  # derived from the verdicts on read
    actions: tuple[Action, ...] = ()  # derived from the actions on read

    @field_validator("focus_levels")
    @classmethod
    def _sorted_levels(cls, levels: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(sorted(set(levels)))

    def levels_label(self) -> str:
        return ", ".join(str(n) for n in self.focus_levels) or "all"


@dataclass(frozen=True)
class EvidenceFingerprint:
    """What a verdict's hash covers of one entry: its id, last change and content checksum."""

    id: uuid.UUID
    modified: str  # ISO-8601 UTC with milliseconds, as stored
    checksum: str  # sha256 of the entry's canonical JSON


def evidence_hash(entries: Iterable[EvidenceFingerprint]) -> str:
    """sha256 over the entries' fingerprints, sorted by id (the empty set has a hash too)."""
    digest = hashlib.sha256(b"ssup-evidence-v1\n")
    for entry in sorted(entries, key=lambda e: str(e.id)):
        digest.update(f"{entry.id}|{entry.modified}|{entry.checksum}\n".encode())
    return digest.hexdigest()


class VerdictState(StrEnum):
    """What the mentor verdict slot of a statement shows."""

    NONE = "none"
    AGREED = "agreed"
    NEEDS_MORE_EVIDENCE = "needs_more_evidence"
    NOT_YET = "not_yet"
    CHANGED = "changed"  # agreed, but the evidence the mentor saw has changed since


@dataclass(frozen=True)
class VerdictSummary:
    """The mentor verdict slot of a level detail card: a state and one line of text."""

    state: VerdictState
    text: str
    verdict: Verdict | None = None


def latest_by_key(
    skills: Mapping[Edition, Skill], verdicts: Iterable[Verdict]
) -> dict[str, Verdict]:
    """For each statement key: the newest verdict made under any statement carrying that key."""
    found: dict[str, Verdict] = {}
    for verdict in verdicts:
        for key in statement_keys(dict(skills), verdict.statement_id) or {verdict.statement_id}:
            best = found.get(key)
            if best is None or (verdict.recorded, str(verdict.id)) > (best.recorded, str(best.id)):
                found[key] = verdict
    return found


def latest_for(keys: frozenset[str], latest: Mapping[str, Verdict]) -> Verdict | None:
    """The newest of the latest verdicts of ``keys`` (a statement's verdict in any edition)."""
    found = [latest[k] for k in keys if k in latest]
    return max(found, key=lambda v: (v.recorded, str(v.id))) if found else None


def verified_keys(
    skills: Mapping[Edition, Skill],
    verdicts: Sequence[Verdict],
    current_hashes: Mapping[uuid.UUID, str],
) -> frozenset[str]:
    """Statement keys whose latest verdict is Agreed and whose evidence hash still matches.

    ``current_hashes``: for each verdict id, the hash of its entries as they are now.
    """
    return frozenset(
        key
        for key, verdict in latest_by_key(skills, verdicts).items()
        if verdict.kind is VerdictKind.AGREED
        and current_hashes.get(verdict.id) == verdict.evidence_hash
    )


def changed_since_verified(
    skills: Mapping[Edition, Skill],
    verdicts: Sequence[Verdict],
    current_hashes: Mapping[uuid.UUID, str],
) -> frozenset[str]:
    """Statement keys whose latest verdict is Agreed but whose evidence has changed since."""
    return frozenset(
        key
        for key, verdict in latest_by_key(skills, verdicts).items()
        if verdict.kind is VerdictKind.AGREED
        and current_hashes.get(verdict.id) != verdict.evidence_hash
    )


def summarise(verdict: Verdict | None, current_hash: str | None) -> VerdictSummary:
    """The verdict slot text for a statement whose latest verdict is ``verdict``."""
    if verdict is None:
        return VerdictSummary(VerdictState.NONE, "No mentor verdict yet")
    who = f" by {verdict.mentor_name}" if verdict.mentor_name else ""
    when = verdict.recorded.date().isoformat()
    if verdict.kind is VerdictKind.AGREED and current_hash != verdict.evidence_hash:
        return VerdictSummary(
            VerdictState.CHANGED,
            f"Changed since verified (agreed{who} on {when}; the evidence was edited since)",
            verdict,
        )
    return VerdictSummary(
        VerdictState(verdict.kind.value), f"{verdict.kind.label}{who} on {when}", verdict
    )
