"""The record of what one edit changed, carried to the views by one signal."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum


class ChangeKind(StrEnum):
    PROFILE = "profile"
    EVIDENCE = "evidence"
    ATTACHMENT = "attachment"
    ASSESSMENT = "assessment"  # self-assessments and their history
    PLAN = "plan"  # development plan actions
    PREFERENCES = "preferences"  # portfolio preferences such as the recency window
    MENTOR = "mentor"  # mentor sessions, verdicts and entry comments
    PORTFOLIO = "portfolio"  # everything may have changed (open, import, restore)


@dataclass(frozen=True)
class Change:
    """What kind of thing changed and which ids; views redraw only what they show."""

    kind: ChangeKind
    ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    description: str = ""

    @staticmethod
    def everything(description: str = "") -> Change:
        return Change(ChangeKind.PORTFOLIO, frozenset(), description)
