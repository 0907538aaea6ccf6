"""The demo portfolio's progress: self-assessments with their history and a development plan."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from ssup_desktop.domain.progress import Rating
from ssup_desktop.domain.progress_records import Assessment, HistoryRecord, PlanAction

# statement id -> the changes of its self-assessment, oldest first: (days ago, rating, note)
_ASSESSMENTS: dict[str, list[tuple[int, Rating, str]]] = {
    "ssup-3-1": [
        (620, Rating.DEVELOPING, "Ran my first requirements workshop with help from Priya."),
        (400, Rating.DEMONSTRATED, "Three workshops run alone; customers signed off the notes."),
    ],
    "ssup-3-2": [(500, Rating.DEMONSTRATED, "Wrote the technical sections of four bids.")],
    "ssup-4-1": [
        (300, Rating.NOT_YET, "I still join discovery calls only as a listener."),
        (160, Rating.DEVELOPING, "Led the questions on two calls with the account team."),
        (60, Rating.DEMONSTRATED, "Sales now book me for discovery calls on complex deals."),
    ],
    "ssup-4-2": [(190, Rating.DEVELOPING, "First solution design reviewed; feasibility gaps.")],
    "ssup-4-4": [(120, Rating.DEVELOPING, "Estimates done with a template; risk part is thin.")],
}

# (text, due in days from today or None, done days ago or None, statement id)
_ACTIONS: list[tuple[str, int | None, int | None, str | None]] = [
    (
        "Ask Priya to review my next solution design for feasibility",
        -12,
        None,
        "ssup-4-2",
    ),
    (
        "Build the cost and risk estimate for the Fabrikam renewal on my own",
        30,
        None,
        "ssup-4-4",
    ),
    ("Run a proof-of-concept demo in the simulation sandbox", 60, None, "ssup-4-3"),
    ("Complete the bid management fundamentals course", -45, 40, None),
    ("Lead one sales discovery call every month", None, None, "ssup-4-1"),
]


def _at(today: date, days_ago: int, now: datetime) -> datetime:
    return min(datetime.combine(today - timedelta(days=days_ago), time(16, 0), tzinfo=UTC), now)


def sample_progress(
    today: date, now: datetime
) -> tuple[list[Assessment], list[HistoryRecord], list[PlanAction]]:
    """Assessments, their history and plan actions dated relative to ``today``."""
    assessments: list[Assessment] = []
    history: list[HistoryRecord] = []
    for statement_id, changes in _ASSESSMENTS.items():
        old: str | None = None
        for days_ago, rating, note in changes:
            when = _at(today, days_ago, now)
            history.append(
                HistoryRecord(
                    statement_id=statement_id, changed=when, old=old, new=rating, note=note
                )
            )
            old = rating.value
        days_ago, rating, note = changes[-1]
        assessments.append(
            Assessment(
                statement_id=statement_id,
                rating=rating,
                note=note,
                modified=_at(today, days_ago, now),
            )
        )
    actions = []
    for index, (text, due_in, done_ago, towards) in enumerate(_ACTIONS):
        created = _at(today, 150 - index, now)
        done_at = None if done_ago is None else _at(today, done_ago, now)
        actions.append(
            PlanAction(
                text=text,
                due=None if due_in is None else today + timedelta(days=due_in),
                done=done_at is not None,
                done_at=done_at,
                statement_id=towards,
                level=4,
                created=created,
                modified=done_at or created,
            )
        )
    return assessments, history, actions
