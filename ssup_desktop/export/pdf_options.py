"""What a printed or exported report covers and how it looks (pure, no Qt)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Scope(StrEnum):
    """Which part of the portfolio a report covers."""

    PORTFOLIO = "portfolio"  # every defined level, plus entries linked to no statement
    LEVEL = "level"  # one level, chosen in ``ReportOptions.level``
    TARGET = "target"  # the owner's target level
    SELECTED = "selected"  # only the entries in ``ReportOptions.evidence_ids``

    @property
    def label(self) -> str:
        return {
            "portfolio": "Whole portfolio",
            "level": "One level",
            "target": "Target level",
            "selected": "Selected entries",
        }[self.value]


class PageSize(StrEnum):
    A4 = "a4"
    LETTER = "letter"

    @property
    def label(self) -> str:
        return {"a4": "A4", "letter": "Letter"}[self.value]


@dataclass(frozen=True)
class ReportOptions:
    """Everything the export dialog asks; the defaults print the whole portfolio on A4."""

    scope: Scope = Scope.PORTFOLIO
    level: int | None = None  # for Scope.LEVEL
    evidence_ids: frozenset[uuid.UUID] = frozenset()  # for Scope.SELECTED
    date_from: date | None = None
    date_to: date | None = None
    include_images: bool = True
    include_mentor: bool = False
    redacted: bool = False
    page_size: PageSize = PageSize.A4

    def __post_init__(self) -> None:
        if self.scope is Scope.LEVEL and (self.level is None or not 1 <= self.level <= 7):
            raise ValueError("a one-level report needs a level from 1 to 7")
        if self.scope is Scope.SELECTED and not self.evidence_ids:
            raise ValueError("a report of selected entries needs at least one entry")
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValueError("the end of the date range is before its start")
