"""SFIA skill content: editions, levels and statements with ids stable across editions."""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Edition(StrEnum):
    """The SFIA editions whose SSUP text the app ships."""

    SFIA9 = "sfia9"
    SFIA8 = "sfia8"
    SFIA7 = "sfia7"

    @property
    def label(self) -> str:
        return {"sfia9": "SFIA 9", "sfia8": "SFIA 8", "sfia7": "SFIA 7"}[self.value]


DEFAULT_EDITION = Edition.SFIA9


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Statement(_Frozen):
    """One statement of a level.

    ``id`` is stable across editions: SFIA 8 and SFIA 9 share ids (``ssup-3-1``) because their
    statements correspond one to one. SFIA 7 splits each level's paragraph into its own statements
    (``ssup7-3-2``) and lists in ``corresponds_to`` the SFIA 8/9 ids each one covers.
    """

    id: str = Field(pattern=r"^ssup7?-[1-7]-[1-9]$")
    text: str = Field(min_length=1)
    corresponds_to: tuple[str, ...] = ()

    @cached_property
    def keys(self) -> frozenset[str]:
        """The edition-independent keys this statement stands for."""
        return frozenset(self.corresponds_to) if self.corresponds_to else frozenset({self.id})


class Level(_Frozen):
    """One of SFIA's seven levels of responsibility, as this skill describes it."""

    level: int = Field(ge=1, le=7)
    name: str = Field(min_length=1)
    essence: str = Field(min_length=1)
    defined: bool
    statements: tuple[Statement, ...] = ()
    not_defined_reason: str = ""

    @model_validator(mode="after")
    def _statements_match_defined(self) -> Level:
        if self.defined and not self.statements:
            raise ValueError(f"level {self.level} is defined but has no statements")
        if not self.defined and self.statements:
            raise ValueError(f"level {self.level} is not defined but has statements")
        return self

    @property
    def title(self) -> str:
        return f"Level {self.level} - {self.name}"


class RelatedSkill(_Frozen):
    name: str = Field(min_length=1)
    code: str = ""


class DevelopingGuidance(_Frozen):
    """SFIA 9's "Developing skills and demonstrating responsibilities" guidance."""

    intro: str = ""
    lower_not_defined: tuple[str, ...] = ()
    higher_not_defined: tuple[str, ...] = ()


class Skill(_Frozen):
    """The whole SSUP skill in one edition."""

    format_version: int = 1
    edition: Edition
    edition_label: str
    code: str
    name: str
    description: str
    guidance_notes: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    lower_levels_not_defined: str = ""
    higher_levels_not_defined: str = ""
    developing: DevelopingGuidance = DevelopingGuidance()
    related_skills: tuple[RelatedSkill, ...] = ()
    level_names_source: str = ""
    source: str
    attribution: str
    levels: tuple[Level, ...]

    @model_validator(mode="after")
    def _check_levels(self) -> Skill:
        numbers = [lv.level for lv in self.levels]
        if numbers != list(range(1, 8)):
            raise ValueError(f"levels must be 1 to 7 in order, got {numbers}")
        ids = [st.id for lv in self.levels for st in lv.statements]
        if len(ids) != len(set(ids)):
            raise ValueError("statement ids must be unique")
        for lv in self.levels:
            for st in lv.statements:
                if int(st.id.rsplit("-", 2)[1]) != lv.level:
                    raise ValueError(f"statement {st.id} is filed under level {lv.level}")
        return self

    def level(self, number: int) -> Level:
        return self.levels[number - 1]

    @property
    def defined_levels(self) -> tuple[Level, ...]:
        return tuple(lv for lv in self.levels if lv.defined)

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(st for lv in self.levels for st in lv.statements)

    @cached_property
    def _statement_by_id(self) -> dict[str, Statement]:
        return {st.id: st for st in self.statements}

    def statement(self, statement_id: str) -> Statement | None:
        return self._statement_by_id.get(statement_id)

    def level_of(self, statement_id: str) -> int | None:
        st = self.statement(statement_id)
        return int(st.id.rsplit("-", 2)[1]) if st else None


def statement_keys(skills: dict[Edition, Skill], statement_id: str) -> frozenset[str]:
    """The edition-independent keys of any edition's statement id (empty if unknown)."""
    for skill in skills.values():
        st = skill._statement_by_id.get(statement_id)
        if st is not None:
            return st.keys
    return frozenset()


def supports(skills: dict[Edition, Skill], linked_ids: set[str], statement: Statement) -> bool:
    """Whether evidence linked to ``linked_ids`` (under any edition) supports ``statement``."""
    if statement.id in linked_ids:
        return True
    wanted = statement.keys
    return any(statement_keys(skills, sid) & wanted for sid in linked_ids)
