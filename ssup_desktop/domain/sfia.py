"""SFIA skill content: editions, levels and statements with ids stable across editions.

Frozen records (``domain.record``), checked as they are made (``__post_init__``) and built
from the packaged JSON by ``skill_from_dict``, which names the field at fault. No pydantic or
dataclasses here: the content is read on every start, before the first window paints."""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from functools import cached_property
from typing import Any, TypeVar

from ssup_desktop.domain.record import Record

_STATEMENT_ID = re.compile(r"^ssup7?-[1-7]-[1-9]$")


class Edition(StrEnum):
    """The SFIA editions whose SSUP text the app ships."""

    SFIA9 = "sfia9"
    SFIA8 = "sfia8"
    SFIA7 = "sfia7"

    @property
    def label(self) -> str:
        return {"sfia9": "SFIA 9", "sfia8": "SFIA 8", "sfia7": "SFIA 7"}[self.value]


DEFAULT_EDITION = Edition.SFIA9


class SkillDataError(ValueError):
    """Skill content that is malformed: ``where`` is the dotted path of the field at fault
    ("levels.0.essence"; "" for the document as a whole)."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where or '(top level)'}: {problem}")
        self.where = where
        self.problem = problem


class FieldValueError(ValueError):
    """One field's value is refused (raised as a record is made; skill_from_dict adds the path)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def _need_text(value: str, field: str) -> None:
    if not value:
        raise FieldValueError(field, "must not be empty")


class Statement(Record):
    """One statement of a level.

    ``id`` is stable across editions: SFIA 8 and SFIA 9 share ids (``ssup-3-1``) because their
    statements correspond one to one. SFIA 7 splits each level's paragraph into its own statements
    (``ssup7-3-2``) and lists in ``corresponds_to`` the SFIA 8/9 ids each one covers.
    """

    id: str
    text: str
    corresponds_to: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _STATEMENT_ID.match(self.id):
            raise FieldValueError("id", f"{self.id!r} is not of the form ssup-L-N or ssup7-L-N")
        _need_text(self.text, "text")

    @cached_property
    def keys(self) -> frozenset[str]:
        """The edition-independent keys this statement stands for."""
        return frozenset(self.corresponds_to) if self.corresponds_to else frozenset({self.id})


class Level(Record):
    """One of SFIA's seven levels of responsibility, as this skill describes it."""

    level: int
    name: str
    essence: str
    defined: bool
    statements: tuple[Statement, ...] = ()
    not_defined_reason: str = ""

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 7:
            raise FieldValueError("level", f"{self.level} is not one of SFIA's levels 1 to 7")
        _need_text(self.name, "name")
        _need_text(self.essence, "essence")
        if self.defined and not self.statements:
            raise ValueError(f"level {self.level} is defined but has no statements")
        if not self.defined and self.statements:
            raise ValueError(f"level {self.level} is not defined but has statements")

    @property
    def title(self) -> str:
        return f"Level {self.level} - {self.name}"


class RelatedSkill(Record):
    name: str
    code: str = ""

    def __post_init__(self) -> None:
        _need_text(self.name, "name")


class DevelopingGuidance(Record):
    """SFIA 9's "Developing skills and demonstrating responsibilities" guidance."""

    intro: str = ""
    lower_not_defined: tuple[str, ...] = ()
    higher_not_defined: tuple[str, ...] = ()


class Skill(Record, kw_only=True):
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

    def __post_init__(self) -> None:
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


# --- building from JSON data -------------------------------------------------------------------

_T = TypeVar("_T", bound=Record)
_Convert = Callable[[Any, str], Any]


def _at(where: str, name: str | int) -> str:
    return f"{where}.{name}" if where else str(name)


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise SkillDataError(where, "should be a string")
    return value


def _integer(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SkillDataError(where, "should be a whole number")
    return value


def _boolean(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise SkillDataError(where, "should be true or false")
    return value


def _edition(value: Any, where: str) -> Edition:
    try:
        return Edition(_string(value, where))
    except ValueError:
        valid = ", ".join(repr(e.value) for e in Edition)
        raise SkillDataError(where, f"should be one of {valid}") from None


def _items(convert: _Convert) -> _Convert:
    def items(value: Any, where: str) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise SkillDataError(where, "should be a list")
        return tuple(convert(item, _at(where, i)) for i, item in enumerate(value))

    return items


def _record(cls: type[_T]) -> Callable[[Any, str], _T]:
    def record(value: Any, where: str) -> _T:
        return _build(cls, value, where)

    return record


# What each annotation of the records above is built with (annotations are strings here).
_CONVERTERS: dict[str, _Convert] = {
    "str": _string,
    "int": _integer,
    "bool": _boolean,
    "Edition": _edition,
    "tuple[str, ...]": _items(_string),
    "tuple[Statement, ...]": _items(_record(Statement)),
    "tuple[Level, ...]": _items(_record(Level)),
    "tuple[RelatedSkill, ...]": _items(_record(RelatedSkill)),
    "DevelopingGuidance": _record(DevelopingGuidance),
}


def _build(cls: type[_T], raw: Any, where: str) -> _T:
    """``cls`` from a JSON object: every field converted and checked, unknown ones refused."""
    if not isinstance(raw, dict):
        raise SkillDataError(where, "should be an object")
    names = cls.field_names()
    for key in raw:
        if key not in names:
            raise SkillDataError(_at(where, str(key)), "unknown field")
    annotations = cls.__annotations__
    values: dict[str, Any] = {}
    for name in names:
        if name in raw:
            convert = _CONVERTERS[str(annotations[name])]
            values[name] = convert(raw[name], _at(where, name))
        elif not cls.has_default(name):
            raise SkillDataError(_at(where, name), "field required")
    try:
        return cls(**values)
    except FieldValueError as exc:
        raise SkillDataError(_at(where, exc.field), exc.problem) from None
    except ValueError as exc:  # a rule across fields: the record is named
        raise SkillDataError(where, str(exc)) from None


def skill_from_dict(raw: Any) -> Skill:
    """A Skill from the packaged JSON document; raises SkillDataError naming the field."""
    return _build(Skill, raw, "")
