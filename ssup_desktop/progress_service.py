"""Progress use cases: self-assessments with history, readiness, the plan, levels, recency."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.progress import (
    DEFAULT_RECENCY_YEARS,
    MAX_RECENCY_YEARS,
    MIN_RECENCY_YEARS,
    LevelReadiness,
    Rating,
    StatementProgress,
    latest_assessment,
    level_readiness,
    target_problem,
)
from ssup_desktop.domain.progress_over_time import Snapshot, evidenced_over_time
from ssup_desktop.domain.progress_records import Assessment, HistoryRecord, PlanAction
from ssup_desktop.domain.sfia import (
    DevelopingGuidance,
    Edition,
    RelatedSkill,
    Skill,
    Statement,
    statement_keys,
)
from ssup_desktop.domain.values import utc_now
from ssup_desktop.storage.portfolio import PortfolioStore
from ssup_desktop.storage.progress_store import ProgressStore
from ssup_desktop.storage.rows import to_utc

VerifiedKeysProvider = Callable[[], frozenset[str]]
RECENCY_KEY = "recency_years"
_ONE_MS = timedelta(milliseconds=1)


@dataclass(frozen=True)
class NextLevel:
    """What the "Next level" view shows for the target level."""

    current: int | None
    target: int | None
    problem: str  # why the target cannot be used ("" when it can, or when none is set)
    readiness: LevelReadiness | None  # None when no usable target is set
    open_statements: tuple[StatementProgress, ...]  # the target's statements not yet met
    actions: tuple[PlanAction, ...]
    developing: DevelopingGuidance
    related_skills: tuple[RelatedSkill, ...]
    today: date

    @property
    def overdue(self) -> tuple[PlanAction, ...]:
        return tuple(a for a in self.actions if a.overdue(self.today))


@dataclass(frozen=True)
class ProgressMergeSummary:
    """What merging progress data from an import did."""

    assessments: int
    history: int
    actions: int
    recency_updated: bool


class ProgressService:
    """Progress toward the next level for one open portfolio."""

    def __init__(
        self,
        store: PortfolioStore,
        skills: dict[Edition, Skill],
        verified_keys: VerifiedKeysProvider = frozenset,
    ) -> None:
        self.store = store
        self.rows = ProgressStore(store)
        self.skills = skills
        self._verified_keys = verified_keys
        self._statements = {st.id: st for s in skills.values() for st in s.statements}
        # Several views ask for readiness after each edit: keep the last answers until the
        # file changes (this connection's total_changes, other connections' data_version).
        self._cache_version: tuple[int, int] | None = None
        self._cache: dict[tuple[Edition, date], dict[int, LevelReadiness]] = {}

    # --- self-assessments ------------------------------------------------------------------

    def statement(self, statement_id: str) -> Statement:
        found = self._statements.get(statement_id)
        if found is None:
            raise ValueError(f"unknown SSUP statement id: {statement_id}")
        return found

    def assessments(self) -> list[Assessment]:
        return self.rows.assessments()

    def assessment(self, statement_id: str) -> Assessment | None:
        """The row stored under exactly this id (what undo puts back)."""
        return self.rows.assessment(statement_id)

    def effective_assessment(self, statement_id: str) -> Assessment | None:
        """The newest assessment of this statement or a corresponding one in another edition."""
        return latest_assessment(self.skills, self.statement(statement_id), self.assessments())

    def set_assessment(self, statement_id: str, rating: Rating, note: str = "") -> Change:
        """Rate a statement; the change (old -> new and the note) is kept in the history."""
        statement = self.statement(statement_id)
        with self.store.transaction():
            before = latest_assessment(self.skills, statement, self.assessments())
            now = utc_now()
            if before is not None and to_utc(before.modified) >= now:
                now = to_utc(before.modified) + _ONE_MS  # the newest must win, even within 1 ms
            assessment = Assessment(
                statement_id=statement_id, rating=Rating(rating), note=note.strip(), modified=now
            )
            record = HistoryRecord(
                statement_id=statement_id,
                changed=now,
                old=None if before is None else before.rating.value,
                new=assessment.rating.value,
                note=assessment.note,
            )
            self.rows.put_assessment(assessment)
            self.rows.add_history(record)
        return Change(
            ChangeKind.ASSESSMENT,
            frozenset({record.id}),
            f"Assess {statement_id} as {assessment.rating.label}",
        )

    def revert_assessment(
        self, statement_id: str, previous: Assessment | None, record_id: uuid.UUID
    ) -> Change:
        """Undo: put back the row stored before under this id and forget the history record."""
        self.statement(statement_id)
        with self.store.transaction():
            if previous is None:
                self.rows.delete_assessment(statement_id)
            else:
                self.rows.put_assessment(previous)
            self.rows.delete_history(record_id)
        return Change(ChangeKind.ASSESSMENT, frozenset({record_id}), f"Undo assess {statement_id}")

    def history(self, statement_id: str | None = None) -> list[HistoryRecord]:
        """Assessment changes, newest first; for one statement, those of corresponding ids too."""
        if statement_id is None:
            return self.rows.history()
        wanted = self.statement(statement_id).keys
        ids = {
            sid
            for sid in self._statements
            if sid == statement_id or statement_keys(self.skills, sid) & wanted
        }
        return self.rows.history(ids)

    # --- readiness -------------------------------------------------------------------------

    def verified_keys(self) -> frozenset[str]:
        return self._verified_keys()

    def readiness(self, edition: Edition, today: date | None = None) -> dict[int, LevelReadiness]:
        """Every level's readiness from all entries, assessments, verdicts and the window."""
        day = today or date.today()
        conn = self.store.conn
        version = (conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0]))
        if version != self._cache_version:
            self._cache_version, self._cache = version, {}
        found = self._cache.get((edition, day))
        if found is None:
            found = level_readiness(
                self.skills,
                edition,
                self.store.list_rows(ordered=True),  # light rows: no entry text is read
                self.assessments(),
                self.verified_keys(),
                day,
                self.recency_years(),
            )
            self._cache[(edition, day)] = found
        return dict(found)

    def next_level(self, edition: Edition, today: date | None = None) -> NextLevel:
        day = today or date.today()
        profile = self.store.get_profile()
        skill = self.skills[edition]
        target = profile.target_level
        problem = "" if target is None else target_problem(skill, target)
        readiness = None if target is None or problem else self.readiness(edition, day)[target]
        open_statements = (
            () if readiness is None else tuple(s for s in readiness.statements if s.gaps)
        )
        return NextLevel(
            current=profile.current_level,
            target=target,
            problem=problem,
            readiness=readiness,
            open_statements=open_statements,
            actions=tuple(self.actions()),
            developing=skill.developing,
            related_skills=skill.related_skills,
            today=day,
        )

    def snapshots(self, edition: Edition, today: date | None = None) -> list[Snapshot]:
        """Evidenced statements per level at each month end (see evidenced_over_time)."""
        return evidenced_over_time(
            self.skills,
            edition,
            self.store.list_evidence(),
            today or date.today(),
            self.recency_years(),
        )

    # --- levels ----------------------------------------------------------------------------

    def levels_problem(self, current: int | None, target: int | None) -> str:
        """Why this current/target pair cannot be saved, or "" when it can."""
        skill = self.skills[self.store.get_profile().edition]
        if current is not None and not 1 <= current <= 7:
            return f"The current level must be between 1 and 7, not {current}."
        if target is None:
            return ""
        if not 1 <= target <= 7:
            return f"The target level must be between 1 and 7, not {target}."
        problem = target_problem(skill, target)
        if problem:
            return problem
        if current is not None and target <= current:
            return f"The target level must be above the current level ({current})."
        return ""

    def set_levels(self, current: int | None, target: int | None) -> Change:
        """Set where the owner stands and aims; refuses a target the skill does not define."""
        problem = self.levels_problem(current, target)
        if problem:
            raise ValueError(problem)
        with self.store.transaction():
            profile = self.store.get_profile()
            self.store.put_profile(
                profile.replace(current_level=current, target_level=target, modified=utc_now())
            )
        return Change(ChangeKind.PROFILE, frozenset(), "Set current and target levels")

    # --- development plan ------------------------------------------------------------------

    def actions(self) -> list[PlanAction]:
        return self.rows.actions()

    def get_action(self, action_id: uuid.UUID) -> PlanAction:
        found = self.rows.get_action(action_id)
        if found is None:
            raise KeyError(f"no plan action {action_id}")
        return found

    def _check_action(self, action: PlanAction) -> PlanAction:
        checked = PlanAction.model_validate(action.model_dump())
        if checked.statement_id is not None:
            self.statement(checked.statement_id)
        return checked

    def add_action(self, action: PlanAction) -> Change:
        checked = self._check_action(action)
        with self.store.transaction():
            if self.rows.get_action(checked.id) is not None:
                raise ValueError(f"a plan action with id {checked.id} already exists")
            self.rows.insert_action(checked)
        return Change(ChangeKind.PLAN, frozenset({checked.id}), "Add plan action")

    def update_action(self, action: PlanAction) -> Change:
        checked = self._check_action(action)
        with self.store.transaction():
            stored = self.get_action(checked.id)
            self.rows.update_action(
                checked.model_copy(update={"created": stored.created, "modified": utc_now()})
            )
        return Change(ChangeKind.PLAN, frozenset({checked.id}), "Edit plan action")

    def set_action_done(self, action_id: uuid.UUID, done: bool) -> Change:
        with self.store.transaction():
            stored = self.get_action(action_id)
            now = utc_now()
            self.rows.update_action(
                stored.model_copy(
                    update={"done": done, "done_at": now if done else None, "modified": now}
                )
            )
        text = "Mark plan action done" if done else "Mark plan action not done"
        return Change(ChangeKind.PLAN, frozenset({action_id}), text)

    def delete_action(self, action_id: uuid.UUID) -> tuple[Change, PlanAction]:
        """Delete an action; the returned copy puts it back exactly (restore_action)."""
        with self.store.transaction():
            stored = self.get_action(action_id)
            self.rows.delete_action(action_id)
        return Change(ChangeKind.PLAN, frozenset({action_id}), "Delete plan action"), stored

    def restore_action(self, action: PlanAction) -> Change:
        """Put an action back exactly as it was (same id and times)."""
        checked = self._check_action(action)
        with self.store.transaction():
            if self.rows.get_action(checked.id) is None:
                self.rows.insert_action(checked)
            else:
                self.rows.update_action(checked)
        return Change(ChangeKind.PLAN, frozenset({checked.id}), "Restore plan action")

    # --- preferences -----------------------------------------------------------------------

    def recency_years(self) -> int:
        """Evidence older than this many years counts as old (default 3)."""
        value = self.rows.preference(RECENCY_KEY)
        if isinstance(value, int) and MIN_RECENCY_YEARS <= value <= MAX_RECENCY_YEARS:
            return value
        return DEFAULT_RECENCY_YEARS

    def set_recency_years(self, years: int) -> Change:
        if type(years) is not int or not MIN_RECENCY_YEARS <= years <= MAX_RECENCY_YEARS:
            raise ValueError(
                f"the recency window must be {MIN_RECENCY_YEARS} to {MAX_RECENCY_YEARS} years"
            )
        self.rows.set_preference(RECENCY_KEY, years)
        return Change(ChangeKind.PREFERENCES, frozenset(), f"Recency window {years} years")

    # --- merging (import) ------------------------------------------------------------------

    def merge(
        self,
        assessments: Iterable[Assessment],
        history: Iterable[HistoryRecord],
        actions: Iterable[PlanAction],
        recency_years: int | None = None,
    ) -> ProgressMergeSummary:
        """Newer assessments and actions replace older, unknown history is added; one go."""
        counts = [0, 0, 0]
        recency_updated = False
        with self.store.transaction():
            for a in assessments:
                self.statement(a.statement_id)
                stored = self.rows.assessment(a.statement_id)
                if stored is None or to_utc(a.modified) > stored.modified:
                    self.rows.put_assessment(a)
                    counts[0] += 1
            for record in history:
                if not self.rows.has_history(record.id):
                    self.rows.add_history(record)
                    counts[1] += 1
            for action in actions:
                checked = self._check_action(action)
                old = self.rows.get_action(checked.id)
                if old is None:
                    self.rows.insert_action(checked)
                elif to_utc(checked.modified) > old.modified:
                    self.rows.update_action(checked)
                else:
                    continue
                counts[2] += 1
            if recency_years is not None and recency_years != self.recency_years():
                self.set_recency_years(recency_years)
                recency_updated = True
        return ProgressMergeSummary(counts[0], counts[1], counts[2], recency_updated)
