"""The portfolio owner's profile: who they are, the edition they read, where they stand.

A frozen record (``domain.record``) checked as it is made, without pydantic: the window shows
it in its first paint (title, ladder badges). The interchange format validates it with its own
document model."""

from __future__ import annotations

import uuid
from datetime import datetime

from ssup_desktop.domain.record import Record, field
from ssup_desktop.domain.sfia import DEFAULT_EDITION, Edition
from ssup_desktop.domain.values import MAX_TITLE, utc_now

TEXT_FIELDS = ("owner_name", "role", "organisation")


class Profile(Record, kw_only=True):
    """The portfolio owner and where they stand. Raises ValueError when made with bad values."""

    owner_name: str = ""
    role: str = ""
    organisation: str = ""
    edition: Edition = DEFAULT_EDITION
    current_level: int | None = None
    target_level: int | None = None
    portfolio_id: uuid.UUID = field(default_factory=uuid.uuid4)
    created: datetime = field(default_factory=utc_now)
    modified: datetime = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        for name in TEXT_FIELDS:
            value = getattr(self, name)
            if not isinstance(value, str):
                raise ValueError(f"{name}: should be text")
            if len(value) > MAX_TITLE:
                raise ValueError(f"{name}: at most {MAX_TITLE} characters")
        try:
            object.__setattr__(self, "edition", Edition(self.edition))
        except ValueError:
            valid = ", ".join(e.value for e in Edition)
            raise ValueError(f"edition: {self.edition!r} is not one of {valid}") from None
        for name in ("current_level", "target_level"):
            level = getattr(self, name)
            if level is not None and (
                isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 7
            ):
                raise ValueError(f"{name}: should be a level from 1 to 7, or none")
        if not isinstance(self.portfolio_id, uuid.UUID):
            raise ValueError("portfolio_id: should be a UUID")
        for name in ("created", "modified"):
            if not isinstance(getattr(self, name), datetime):
                raise ValueError(f"{name}: should be a date and time")
