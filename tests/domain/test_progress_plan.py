"""Plan actions, history records and evidenced-over-time snapshots: pure domain."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.progress import HistoryKind
from ssup_desktop.domain.progress_over_time import evidenced_over_time, month_ends
from ssup_desktop.domain.progress_records import HistoryRecord, PlanAction
from ssup_desktop.domain.sfia import Edition, Skill

TODAY = date(2026, 11, 24)


def test_overdue_only_when_open_and_due_before_today() -> None:
    assert PlanAction(text="Call", due=date(2026, 11, 23)).overdue(TODAY)
    assert not PlanAction(text="Call", due=TODAY).overdue(TODAY)
    assert not PlanAction(text="Call").overdue(TODAY)
    done = PlanAction(text="Call", due=date(2026, 1, 1), done=True, done_at=datetime.now(UTC))
    assert not done.overdue(TODAY)


def test_action_text_is_required_and_done_at_needs_done() -> None:
    with pytest.raises(ValidationError):
        PlanAction(text="   ")
    with pytest.raises(ValidationError, match="not done"):
        PlanAction(text="x", done_at=datetime.now(UTC))
    assert PlanAction(text="  Shadow a bid  ").text == "Shadow a bid"


def test_history_summary_uses_rating_labels() -> None:
    record = HistoryRecord(statement_id="ssup-4-1", old=None, new="developing")
    assert record.summary == "Not assessed \u2192 Developing"
    mentor = HistoryRecord(
        statement_id="ssup-4-1", kind=HistoryKind.MENTOR, old=None, new="not_agreed"
    )
    assert mentor.summary == "No verdict \u2192 Not agreed"


def test_month_ends_cover_every_month_and_stop_at_today() -> None:
    ends = month_ends(date(2025, 11, 15), date(2026, 2, 10))
    assert ends == [date(2025, 11, 30), date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 10)]


def test_evidenced_over_time_counts_rise_and_old_entries_drop_out(
    skills: dict[Edition, Skill],
) -> None:
    entries = [
        Evidence(title="a", date_from=date(2020, 1, 10), statement_ids=("ssup-2-1",)),
        Evidence(title="b", date_from=date(2026, 9, 5), statement_ids=("ssup-4-1", "ssup-4-2")),
    ]
    snaps = evidenced_over_time(skills, Edition.SFIA9, entries, TODAY, recency_years=3)
    assert snaps[0].day == date(2020, 1, 31)
    assert snaps[-1].day == TODAY
    by_day = {s.day: s.counts for s in snaps}
    assert by_day[date(2020, 1, 31)][2] == 1
    assert by_day[date(2022, 12, 31)][2] == 1
    assert by_day[date(2023, 1, 31)][2] == 0  # older than three years by then
    assert by_day[date(2026, 8, 31)][4] == 0
    assert by_day[TODAY][4] == 2
    assert sorted(by_day[TODAY]) == [1, 2, 3, 4, 5, 6]  # defined levels only
    assert evidenced_over_time(skills, Edition.SFIA9, [], TODAY) == []


def test_evidenced_over_time_is_edition_aware(skills: dict[Edition, Skill]) -> None:
    sfia7 = next(
        st for st in skills[Edition.SFIA7].level(3).statements if "ssup-3-1" in st.corresponds_to
    )
    entries = [Evidence(title="a", date_from=date(2026, 1, 10), statement_ids=(sfia7.id,))]
    nine = evidenced_over_time(skills, Edition.SFIA9, entries, TODAY)
    assert nine[-1].counts[3] == len(sfia7.corresponds_to)
    seven = evidenced_over_time(skills, Edition.SFIA7, entries, TODAY)
    assert seven[-1].counts[3] >= 1
