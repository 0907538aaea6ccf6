"""Readiness, gaps and staleness: pure functions over statements, evidence and assessments.

No pydantic here (the window imports it before its first paint): the records a portfolio keeps,
assessments, history and plan actions, are in progress_records."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, TypeVar

from ssup_desktop.domain.sfia import Edition, Level, Skill, Statement
from ssup_desktop.domain.values import utc_now

if TYPE_CHECKING:  # a pydantic model: this module stays importable without pydantic (start-up)
    from ssup_desktop.domain.progress_records import Assessment

DEFAULT_RECENCY_YEARS = 3
MIN_RECENCY_YEARS = 1
MAX_RECENCY_YEARS = 10
MAX_NOTE = 10_000
MAX_ACTION_TEXT = 2_000


class Rating(StrEnum):
    """The owner's self-assessment of one statement."""

    NOT_YET = "not_yet"
    DEVELOPING = "developing"
    DEMONSTRATED = "demonstrated"

    @property
    def label(self) -> str:
        return {"not_yet": "Not yet", "developing": "Developing", "demonstrated": "Demonstrated"}[
            self.value
        ]


class EvidenceState(StrEnum):
    """What the evidence says about one statement, derived, never stored."""

    NONE = "none"
    STALE = "stale"
    EVIDENCED = "evidenced"
    VERIFIED = "verified"

    @property
    def label(self) -> str:
        return {
            "none": "No evidence",
            "stale": "Only old evidence",
            "evidenced": "Evidenced",
            "verified": "Verified by a mentor",
        }[self.value]


class HistoryKind(StrEnum):
    """Who changed an assessment: the owner (a self-assessment) or a mentor (a verdict)."""

    SELF = "self"
    MENTOR = "mentor"


class ActionSource(StrEnum):
    """Who proposed a development plan action."""

    USER = "user"
    MENTOR = "mentor"


class Gap(StrEnum):
    """Why a statement of the target level is not yet met."""

    NO_EVIDENCE = "no_evidence"
    ONLY_STALE = "only_stale"
    SELF_ASSESSED_UNEVIDENCED = "self_assessed_unevidenced"
    NOT_VERIFIED = "not_verified"

    @property
    def label(self) -> str:
        return {
            "no_evidence": "No evidence yet",
            "only_stale": "Only evidence older than the recency window",
            "self_assessed_unevidenced": "Self-assessed as demonstrated, but no evidence",
            "not_verified": "Evidenced, not yet verified by a mentor",
        }[self.value]


class Supporting(Protocol):
    """What readiness reads of an entry, and what a statement lists of the entries behind it:
    a whole entry (domain.evidence.Evidence) or the evidence log's light row (storage's
    EvidenceRow, read without the entries' text: ten times faster at 10,000 entries)."""

    @property
    def id(self) -> uuid.UUID: ...

    @property
    def title(self) -> str: ...

    @property
    def statement_ids(self) -> tuple[str, ...]: ...

    @property
    def day(self) -> date:
        """The day the entry counts from: the end of its range, else its date, else when it was
        made."""
        ...

    def date_label(self) -> str: ...


_E = TypeVar("_E", bound=Supporting)


@dataclass(frozen=True)
class StatementProgress:
    """Where the owner stands on one statement."""

    statement: Statement
    level: int
    state: EvidenceState
    supporting: tuple[Supporting, ...]
    assessment: Assessment | None

    @property
    def demonstrated(self) -> bool:
        return self.assessment is not None and self.assessment.rating is Rating.DEMONSTRATED

    @property
    def evidenced(self) -> bool:
        return self.state in (EvidenceState.EVIDENCED, EvidenceState.VERIFIED)

    @property
    def gaps(self) -> tuple[Gap, ...]:
        if self.state is EvidenceState.VERIFIED:
            return ()
        found: list[Gap] = []
        if self.state is EvidenceState.NONE:
            found.append(Gap.NO_EVIDENCE)
            if self.demonstrated:
                found.append(Gap.SELF_ASSESSED_UNEVIDENCED)
        elif self.state is EvidenceState.STALE:
            found.append(Gap.ONLY_STALE)
        else:
            found.append(Gap.NOT_VERIFIED)
        return tuple(found)


@dataclass(frozen=True)
class LevelReadiness:
    """How many of a level's statements are evidenced, self-assessed demonstrated and verified."""

    level: Level
    statements: tuple[StatementProgress, ...]

    @property
    def total(self) -> int:
        return len(self.statements)

    @property
    def evidenced(self) -> int:
        return sum(1 for s in self.statements if s.evidenced)

    @property
    def demonstrated(self) -> int:
        return sum(1 for s in self.statements if s.demonstrated)

    @property
    def verified(self) -> int:
        return sum(1 for s in self.statements if s.state is EvidenceState.VERIFIED)

    @property
    def fraction(self) -> float:
        return self.evidenced / self.total if self.total else 0.0

    def headline(self) -> str:
        """E.g. "Level 4 (Enable): 3 of 5 statements evidenced, 1 verified"."""
        if not self.level.defined:
            return f"Level {self.level.level} ({self.level.name}): not defined for this skill"
        noun = "statement" if self.total == 1 else "statements"
        return (
            f"Level {self.level.level} ({self.level.name}): {self.evidenced} of {self.total} "
            f"{noun} evidenced, {self.verified} verified"
        )


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February falls back to 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def evidence_day(entry: Supporting) -> date:
    """The day an entry counts from: the end of its range, else its date, else when it was made."""
    return entry.day


_NO_KEYS: frozenset[str] = frozenset()


def key_index(skills: Mapping[Edition, Skill]) -> dict[str, frozenset[str]]:
    """Every edition's statement id -> its edition-independent keys (what statement_keys gives,
    looked up once instead of scanning the editions for every link)."""
    index: dict[str, frozenset[str]] = {}
    for skill in skills.values():
        for level in skill.levels:
            for st in level.statements:
                index.setdefault(st.id, st.keys)
    return index


def supporting_entries(
    skills: Mapping[Edition, Skill], statement: Statement, entries: Iterable[_E]
) -> tuple[_E, ...]:
    """The entries whose statement links (under any edition) cover ``statement``."""
    wanted = statement.keys
    index = key_index(skills)
    found = []
    for entry in entries:
        for sid in entry.statement_ids:
            if sid == statement.id or index.get(sid, _NO_KEYS) & wanted:
                found.append(entry)
                break
    return tuple(found)


class _SupportIndex:
    """supporting_entries for many statements over the same entries: each entry's links are
    looked at once, then each statement gathers its entries from an index."""

    def __init__(self, skills: Mapping[Edition, Skill], entries: Sequence[Supporting]) -> None:
        index = key_index(skills)
        self._entries = entries
        self._by_id: dict[str, list[int]] = {}
        self._by_key: dict[str, list[int]] = {}
        for at, entry in enumerate(entries):
            for sid in entry.statement_ids:
                self._by_id.setdefault(sid, []).append(at)
                for key in index.get(sid, _NO_KEYS):
                    self._by_key.setdefault(key, []).append(at)

    def supporting(self, statement: Statement) -> tuple[Supporting, ...]:
        found = set(self._by_id.get(statement.id, ()))
        for key in statement.keys:
            found.update(self._by_key.get(key, ()))
        return tuple(self._entries[at] for at in sorted(found))


def latest_assessment(
    skills: Mapping[Edition, Skill], statement: Statement, assessments: Iterable[Assessment]
) -> Assessment | None:
    """The newest self-assessment made under this statement or a corresponding one."""
    wanted = statement.keys
    index = key_index(skills)
    best: Assessment | None = None
    for a in assessments:
        covers = a.statement_id == statement.id or index.get(a.statement_id, _NO_KEYS) & wanted
        if covers and (best is None or a.modified > best.modified):
            best = a
    return best


def statement_progress(
    skills: Mapping[Edition, Skill],
    statement: Statement,
    level: int,
    entries: Sequence[Supporting],
    assessments: Sequence[Assessment],
    verified_keys: frozenset[str],
    today: date,
    recency_years: int = DEFAULT_RECENCY_YEARS,
    *,
    supporting: tuple[Supporting, ...] | None = None,
) -> StatementProgress:
    """The state of one statement. ``verified_keys``: statement keys a mentor has agreed and that
    have not changed since. ``supporting``: supporting_entries(skills, statement, entries) when
    the caller has them already."""
    if supporting is None:
        supporting = supporting_entries(skills, statement, entries)
    cutoff = years_before(today, recency_years)
    if statement.keys and statement.keys <= verified_keys:
        state = EvidenceState.VERIFIED
    elif not supporting:
        state = EvidenceState.NONE
    elif all(evidence_day(e) < cutoff for e in supporting):
        state = EvidenceState.STALE
    else:
        state = EvidenceState.EVIDENCED
    return StatementProgress(
        statement, level, state, supporting, latest_assessment(skills, statement, assessments)
    )


def level_readiness(
    skills: Mapping[Edition, Skill],
    edition: Edition,
    entries: Sequence[Supporting],
    assessments: Sequence[Assessment] = (),
    verified_keys: frozenset[str] = frozenset(),
    today: date | None = None,
    recency_years: int = DEFAULT_RECENCY_YEARS,
) -> dict[int, LevelReadiness]:
    """Readiness of every level (1 to 7) of ``edition``."""
    day = today or utc_now().date()
    result: dict[int, LevelReadiness] = {}
    support = _SupportIndex(skills, entries)
    for level in skills[edition].levels:
        progress = tuple(
            statement_progress(
                skills,
                st,
                level.level,
                entries,
                assessments,
                verified_keys,
                day,
                recency_years,
                supporting=support.supporting(st),
            )
            for st in level.statements
        )
        result[level.level] = LevelReadiness(level, progress)
    return result


def default_target(skill: Skill, current: int | None) -> int | None:
    """The next level the skill defines above ``current`` (the lowest defined level if unset)."""
    defined = [lv.level for lv in skill.defined_levels]
    if current is None:
        return defined[0] if defined else None
    higher = [n for n in defined if n > current]
    return higher[0] if higher else None


def target_problem(skill: Skill, target: int) -> str:
    """Why ``target`` cannot be a target for this skill, or "" when it can."""
    level = skill.level(target)
    if level.defined:
        return ""
    reason = level.not_defined_reason or skill.higher_levels_not_defined
    related = ", ".join(r.name for r in skill.related_skills)
    hint = f" Related skills to develop instead: {related}." if related else ""
    return f"{skill.name} is not defined at level {target}. {reason}{hint}".strip()
