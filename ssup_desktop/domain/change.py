"""The record of what one edit changed, carried to the views by one signal."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import NamedTuple


class ChangeKind(StrEnum):
    PROFILE = "profile"
    EVIDENCE = "evidence"
    ATTACHMENT = "attachment"
    ASSESSMENT = "assessment"  # self-assessments and their history
    PLAN = "plan"  # development plan actions
    PREFERENCES = "preferences"  # portfolio preferences such as the recency window
    MENTOR = "mentor"  # mentor sessions, verdicts and entry comments
    PORTFOLIO = "portfolio"  # everything may have changed (open, import, restore)


# a NamedTuple, not a dataclass: defined as the app starts, where defining a dataclass costs 1 ms
class Change(NamedTuple):
    """What kind of thing changed and which ids; views redraw only what they show."""

    kind: ChangeKind
    ids: frozenset[uuid.UUID] = frozenset()
    description: str = ""

    @staticmethod
    def everything(description: str = "") -> Change:
        return Change(ChangeKind.PORTFOLIO, frozenset(), description)


def merge_changes(changes: list[Change]) -> list[Change]:
    """One Change per kind, in first-seen order, with the ids of all: what one undo step
    announces when it touched several entries or files."""
    merged: dict[ChangeKind, Change] = {}
    for change in changes:
        seen = merged.get(change.kind)
        merged[change.kind] = (
            change
            if seen is None
            else Change(change.kind, seen.ids | change.ids, seen.description or change.description)
        )
    return list(merged.values())
