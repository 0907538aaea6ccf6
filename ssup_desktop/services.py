"""Use cases over one open portfolio: each edit validates, writes in one transaction, returns a Change."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ssup_desktop.domain.change import Change
from ssup_desktop.domain.evidence import AttachmentInfo, Evidence, Profile
from ssup_desktop.domain.sfia import Edition, Skill


@dataclass(frozen=True)
class EvidenceFilter:
    """What the evidence log shows. Empty fields filter nothing."""

    text: str = ""  # full-text search (FTS5) over every text field, prefix matching per word
    level: int | None = None  # entries linked to any statement of this level (in the profile's edition)
    statement_id: str | None = None  # entries supporting this statement (cross-edition aware)
    tag: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    unlinked_only: bool = False  # entries linked to no statement


@dataclass(frozen=True)
class DeletedEvidence:
    """Everything needed to put a deleted entry back exactly (undo), attachment bytes included."""

    evidence: Evidence
    attachment_data: dict[uuid.UUID, bytes]


class PortfolioService:  # pragma: no cover - contract, implemented in the portfolio issue
    """The one door to an open portfolio for the UI and the CLI."""

    path: Path
    skills: dict[Edition, Skill]

    def profile(self) -> Profile: ...
    def update_profile(self, profile: Profile) -> Change: ...
    def list_evidence(self, flt: EvidenceFilter | None = None) -> list[Evidence]: ...
    def get_evidence(self, evidence_id: uuid.UUID) -> Evidence: ...
    def add_evidence(self, evidence: Evidence) -> Change: ...
    def update_evidence(self, evidence: Evidence) -> Change: ...
    def delete_evidence(self, evidence_id: uuid.UUID) -> tuple[Change, DeletedEvidence]: ...
    def restore_evidence(self, deleted: DeletedEvidence) -> Change: ...
    def add_attachment(self, evidence_id: uuid.UUID, source: Path) -> tuple[Change, AttachmentInfo]: ...
    def remove_attachment(self, evidence_id: uuid.UUID, attachment_id: uuid.UUID) -> Change: ...
    def attachment_data(self, attachment_id: uuid.UUID) -> bytes: ...
    def evidence_for_statement(self, statement_id: str) -> list[Evidence]: ...
    def support_counts(self, edition: Edition) -> dict[str, int]: ...
    def tags(self) -> list[str]: ...
    def close(self) -> None: ...
