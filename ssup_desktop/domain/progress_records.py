"""The progress records a portfolio keeps: self-assessments, their history, plan actions."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ssup_desktop.domain.progress import (
    MAX_ACTION_TEXT,
    MAX_NOTE,
    ActionSource,
    HistoryKind,
    Rating,
)
from ssup_desktop.domain.values import utc_now


class Assessment(BaseModel):
    """A self-assessment of one statement, as made under the statement id the owner saw."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    statement_id: str
    rating: Rating
    note: str = Field(default="", max_length=MAX_NOTE)
    modified: datetime = Field(default_factory=utc_now)


class HistoryRecord(BaseModel):
    """One change of an assessment, kept for good: when, from what, to what, and why.

    For ``kind`` self, ``old``/``new`` are Rating values (None: not assessed). Mentor verdict
    changes use their own values; ``source_id`` can name the session they came from.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    kind: HistoryKind = HistoryKind.SELF
    statement_id: str = Field(min_length=1, max_length=40)
    changed: datetime = Field(default_factory=utc_now)
    old: str | None = Field(default=None, max_length=40)
    new: str | None = Field(default=None, max_length=40)
    note: str = Field(default="", max_length=MAX_NOTE)
    source_id: str | None = Field(default=None, max_length=100)

    def value_label(self, value: str | None) -> str:
        """A rating's label ("Developing"), other values in words; None as "Not assessed" (or
        "No verdict" for a mentor's record)."""
        if value is None:
            return "No verdict" if self.kind is HistoryKind.MENTOR else "Not assessed"
        try:
            return Rating(value).label
        except ValueError:
            return value.replace("_", " ").capitalize()

    @property
    def summary(self) -> str:
        """E.g. "Developing -> Demonstrated"."""
        return f"{self.value_label(self.old)} \u2192 {self.value_label(self.new)}"


ActionText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ACTION_TEXT)
]


class PlanAction(BaseModel):
    """One action of the development plan, optionally tied to a statement or a level."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    text: ActionText
    due: date | None = None
    done: bool = False
    done_at: datetime | None = None
    source: ActionSource = ActionSource.USER
    statement_id: str | None = Field(default=None, max_length=40)
    level: int | None = Field(default=None, ge=1, le=7)
    created: datetime = Field(default_factory=utc_now)
    modified: datetime = Field(default_factory=utc_now)

    @model_validator(mode="after")
    def _done_at_only_when_done(self) -> PlanAction:
        if self.done_at is not None and not self.done:
            raise ValueError("an action that is not done has no done time")
        return self

    def overdue(self, today: date) -> bool:
        """Not done and due before ``today``."""
        return not self.done and self.due is not None and self.due < today
