"""Evidenced statements per level over time: month-end snapshots reconstructed from entries."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ssup_desktop.domain.progress import (
    DEFAULT_RECENCY_YEARS,
    evidence_day,
    supporting_entries,
    years_before,
)
from ssup_desktop.domain.sfia import Edition, Skill

if TYPE_CHECKING:
    from ssup_desktop.domain.evidence import Evidence


@dataclass(frozen=True)
class Snapshot:
    """How many statements of each level were evidenced at the end of one month."""

    day: date
    counts: Mapping[int, int]


def month_ends(first: date, last: date) -> list[date]:
    """The last day of every month from ``first``'s month to ``last``'s (``last`` itself last)."""
    ends: list[date] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        nxt = date(year + month // 12, month % 12 + 1, 1)
        ends.append(min(nxt - timedelta(days=1), last))
        year, month = nxt.year, nxt.month
    return ends


def evidenced_over_time(
    skills: Mapping[Edition, Skill],
    edition: Edition,
    entries: Sequence[Evidence],
    today: date,
    recency_years: int = DEFAULT_RECENCY_YEARS,
) -> list[Snapshot]:
    """Evidenced statements per defined level at each month end, from the first entry to today.

    A reconstruction, not a log: at a month end a statement counts when an entry linked to it
    now (under any edition) is dated on or before that day and is not older than the recency
    window measured from that day. Links added later count as if made on the entry's date;
    mentor verification is left out (it is not dated).
    """
    if not entries:
        return []
    days_by_statement: list[tuple[int, list[date]]] = []
    for level in skills[edition].defined_levels:
        for st in level.statements:
            days = sorted(evidence_day(e) for e in supporting_entries(skills, st, entries))
            days_by_statement.append((level.level, days))
    first = min(evidence_day(e) for e in entries)
    snapshots: list[Snapshot] = []
    for end in month_ends(min(first, today), today):
        cutoff = years_before(end, recency_years)
        counts = {lv.level: 0 for lv in skills[edition].defined_levels}
        for number, days in days_by_statement:
            if bisect_right(days, end) > bisect_left(days, cutoff):
                counts[number] += 1
        snapshots.append(Snapshot(end, counts))
    return snapshots
