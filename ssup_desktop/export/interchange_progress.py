"""The interchange document's progress part: assessments, their history, the plan, recency."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ssup_desktop.domain.progress import DEFAULT_RECENCY_YEARS, MAX_RECENCY_YEARS, MIN_RECENCY_YEARS
from ssup_desktop.domain.progress_records import Assessment, HistoryRecord, PlanAction
from ssup_desktop.progress_service import ProgressMergeSummary, ProgressService


class ProgressDocument(BaseModel):
    """Self-assessments, every assessment change, the development plan and the recency window.

    Absent from files written before progress tracking existed; such files import unchanged.
    """

    model_config = ConfigDict(extra="forbid")

    recency_years: int = Field(
        default=DEFAULT_RECENCY_YEARS, ge=MIN_RECENCY_YEARS, le=MAX_RECENCY_YEARS
    )
    assessments: tuple[Assessment, ...] = ()
    assessment_history: tuple[HistoryRecord, ...] = ()
    plan_actions: tuple[PlanAction, ...] = ()


def build_progress(progress: ProgressService) -> ProgressDocument:
    """The portfolio's progress data, sorted so that the same portfolio exports the same text."""
    return ProgressDocument(
        recency_years=progress.recency_years(),
        assessments=tuple(sorted(progress.assessments(), key=lambda a: a.statement_id)),
        assessment_history=tuple(sorted(progress.history(), key=lambda h: (h.changed, str(h.id)))),
        plan_actions=tuple(sorted(progress.actions(), key=lambda a: str(a.id))),
    )


def progress_problem(document: ProgressDocument, known: set[str]) -> str:
    """What is wrong with the progress part (unknown statement ids, repeated ids), or ""."""
    seen: set[str] = set()
    for a in document.assessments:
        if a.statement_id not in known:
            return f"assessment: unknown SSUP statement id {a.statement_id}"
        if a.statement_id in seen:
            return f"assessment of {a.statement_id} appears more than once"
        seen.add(a.statement_id)
    for kind, items in (
        ("assessment history record", document.assessment_history),
        ("plan action", document.plan_actions),
    ):
        ids: set[str] = set()
        for item in items:
            if str(item.id) in ids:
                return f"{kind} id {item.id} appears more than once"
            ids.add(str(item.id))
            if item.statement_id is not None and item.statement_id not in known:
                return f"{kind} {item.id}: unknown SSUP statement id {item.statement_id}"
    return ""


def merge_progress(
    progress: ProgressService, document: ProgressDocument | None, take_preferences: bool
) -> ProgressMergeSummary:
    """Merge an import's progress part; its recency window only when ``take_preferences``
    (the import's profile replaced the portfolio's, e.g. when importing into a new file)."""
    if document is None:
        return ProgressMergeSummary(0, 0, 0, False)
    return progress.merge(
        document.assessments,
        document.assessment_history,
        document.plan_actions,
        document.recency_years if take_preferences else None,
    )
