"""Readiness, staleness, gaps and targets computed from hand-made portfolios."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.progress import (
    EvidenceState,
    Gap,
    Rating,
    default_target,
    level_readiness,
    target_problem,
    years_before,
)
from ssup_desktop.domain.progress_records import Assessment
from ssup_desktop.domain.sfia import Edition, Skill

TODAY = date(2026, 11, 24)


def entry(title: str, day: date | None, *ids: str) -> Evidence:
    return Evidence(title=title, date_from=day, statement_ids=ids)


def test_empty_portfolio_has_nothing_evidenced(skills: dict[Edition, Skill]) -> None:
    ready = level_readiness(skills, Edition.SFIA9, [], today=TODAY)
    assert sorted(ready) == [1, 2, 3, 4, 5, 6, 7]
    assert all(r.evidenced == 0 and r.verified == 0 for r in ready.values())
    assert ready[7].total == 0
    assert ready[4].headline() == "Level 4 (Enable): 0 of 4 statements evidenced, 0 verified"
    assert "not defined" in ready[7].headline()


def test_partial_level_counts_only_linked_statements(skills: dict[Edition, Skill]) -> None:
    entries = [
        entry("Demo", date(2026, 3, 1), "ssup-4-1"),
        entry("Estimate", date(2025, 6, 1), "ssup-4-4", "ssup-3-2"),
    ]
    ready = level_readiness(skills, Edition.SFIA9, entries, today=TODAY)
    assert (ready[4].evidenced, ready[4].total) == (2, 4)
    assert ready[3].evidenced == 1
    assert ready[4].fraction == pytest.approx(0.5)
    states = {p.statement.id: p.state for p in ready[4].statements}
    assert states == {
        "ssup-4-1": EvidenceState.EVIDENCED,
        "ssup-4-2": EvidenceState.NONE,
        "ssup-4-3": EvidenceState.NONE,
        "ssup-4-4": EvidenceState.EVIDENCED,
    }


def test_stale_when_every_supporting_entry_is_older_than_the_window(
    skills: dict[Edition, Skill],
) -> None:
    old = entry("Old demo", date(2023, 11, 23), "ssup-2-1")
    ready = level_readiness(skills, Edition.SFIA9, [old], today=TODAY)
    progress = ready[2].statements[0]
    assert progress.state is EvidenceState.STALE
    assert progress.gaps == (Gap.ONLY_STALE,)
    assert ready[2].evidenced == 0
    # One recent entry is enough to make it current again.
    recent = entry("New demo", date(2023, 11, 24), "ssup-2-1")
    ready = level_readiness(skills, Edition.SFIA9, [old, recent], today=TODAY)
    assert ready[2].statements[0].state is EvidenceState.EVIDENCED
    # A longer window keeps the old entry current.
    ready = level_readiness(skills, Edition.SFIA9, [old], today=TODAY, recency_years=5)
    assert ready[2].statements[0].state is EvidenceState.EVIDENCED


def test_a_date_range_counts_from_its_end(skills: dict[Edition, Skill]) -> None:
    ranged = Evidence(
        title="Long bid",
        date_from=date(2020, 1, 1),
        date_to=date(2025, 1, 1),
        statement_ids=("ssup-3-2",),
    )
    ready = level_readiness(skills, Edition.SFIA9, [ranged], today=TODAY)
    assert ready[3].statements[1].state is EvidenceState.EVIDENCED


def test_undated_entry_counts_from_when_it_was_made(skills: dict[Edition, Skill]) -> None:
    undated = Evidence(
        title="Undated",
        statement_ids=("ssup-1-1",),
        created=datetime(2020, 1, 1, tzinfo=UTC),
    )
    ready = level_readiness(skills, Edition.SFIA9, [undated], today=TODAY)
    assert ready[1].statements[0].state is EvidenceState.STALE


def test_cross_edition_evidence_counts_under_every_edition(skills: dict[Edition, Skill]) -> None:
    # Linked under SFIA 7's level 3 sentence that covers SFIA 8/9's ssup-3-1 and ssup-3-2.
    sfia7_statement = next(
        st for st in skills[Edition.SFIA7].level(3).statements if "ssup-3-1" in st.corresponds_to
    )
    linked = entry("Requirements workshop", date(2026, 1, 10), sfia7_statement.id)
    for edition in (Edition.SFIA9, Edition.SFIA8):
        ready = level_readiness(skills, edition, [linked], today=TODAY)
        evidenced = {p.statement.id for p in ready[3].statements if p.evidenced}
        assert {"ssup-3-1", "ssup-3-2"} <= evidenced
        assert "ssup-3-3" not in evidenced or "ssup-3-3" in sfia7_statement.corresponds_to
    # And the other way round: SFIA 9 evidence shows under the SFIA 7 statement.
    nine = entry("Workshop notes", date(2026, 1, 10), "ssup-3-1")
    ready = level_readiness(skills, Edition.SFIA7, [nine], today=TODAY)
    by_id = {p.statement.id: p for p in ready[3].statements}
    assert by_id[sfia7_statement.id].evidenced


def test_all_verified_level(skills: dict[Edition, Skill]) -> None:
    level2 = skills[Edition.SFIA9].level(2)
    entries = [entry(f"E{i}", date(2026, 5, 1), st.id) for i, st in enumerate(level2.statements)]
    verified = frozenset(st.id for st in level2.statements)
    ready = level_readiness(skills, Edition.SFIA9, entries, verified_keys=verified, today=TODAY)
    assert ready[2].verified == ready[2].total == ready[2].evidenced == 3
    assert all(p.gaps == () for p in ready[2].statements)
    assert ready[2].headline() == "Level 2 (Assist): 3 of 3 statements evidenced, 3 verified"


def test_self_assessment_is_kept_apart_and_latest_wins(skills: dict[Edition, Skill]) -> None:
    older = Assessment(
        statement_id="ssup-4-2",
        rating=Rating.DEVELOPING,
        modified=datetime(2026, 1, 1, tzinfo=UTC),
    )
    newer = Assessment(
        statement_id="ssup-4-2",
        rating=Rating.DEMONSTRATED,
        modified=datetime(2026, 2, 1, tzinfo=UTC),
    )
    ready = level_readiness(skills, Edition.SFIA9, [], [newer, older], today=TODAY)
    progress = ready[4].statements[1]
    assert progress.assessment == newer
    assert progress.demonstrated and not progress.evidenced
    assert progress.gaps == (Gap.NO_EVIDENCE, Gap.SELF_ASSESSED_UNEVIDENCED)
    assert (ready[4].demonstrated, ready[4].evidenced) == (1, 0)


def test_evidenced_but_unverified_gap(skills: dict[Edition, Skill]) -> None:
    ready = level_readiness(
        skills, Edition.SFIA9, [entry("x", date(2026, 1, 1), "ssup-5-1")], today=TODAY
    )
    assert ready[5].statements[0].gaps == (Gap.NOT_VERIFIED,)


def test_default_target_is_next_defined_level(skills: dict[Edition, Skill]) -> None:
    skill = skills[Edition.SFIA9]
    assert default_target(skill, None) == 1
    assert default_target(skill, 3) == 4
    assert default_target(skill, 6) is None  # 7 is not defined for SSUP


def test_level_7_cannot_be_a_target_and_says_why(skills: dict[Edition, Skill]) -> None:
    skill = skills[Edition.SFIA9]
    assert target_problem(skill, 4) == ""
    problem = target_problem(skill, 7)
    assert "not defined at level 7" in problem
    assert "Selling" in problem  # points to related skills


def test_years_before_handles_leap_day() -> None:
    assert years_before(date(2028, 2, 29), 3) == date(2025, 2, 28)
    assert years_before(date(2026, 11, 24), 3) == date(2023, 11, 24)
