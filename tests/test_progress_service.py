"""ProgressService over hand-made portfolios: stale, partial, cross-edition, all verified."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from ssup_desktop.domain.change import ChangeKind
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.progress import EvidenceState, Gap, HistoryKind, Rating
from ssup_desktop.domain.progress_records import PlanAction
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.progress_service import ProgressService
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage import PortfolioStore

TODAY = date(2026, 11, 24)


@pytest.fixture
def service(tmp_path: Path, skills: dict[Edition, Skill]) -> Iterator[PortfolioService]:
    opened = PortfolioService.create(
        tmp_path / "p.ssup", skills, Profile(current_level=3, target_level=4)
    )
    yield opened
    opened.close()


def _add(service: PortfolioService, day: date, *ids: str) -> None:
    service.add_evidence(Evidence(title=f"E {ids}", date_from=day, statement_ids=ids))


def test_set_assessment_records_history_and_refuses_unknown_ids(service: PortfolioService) -> None:
    progress = service.progress
    change = progress.set_assessment("ssup-4-1", Rating.DEVELOPING, "Shadowed two bids")
    assert change.kind is ChangeKind.ASSESSMENT
    progress.set_assessment("ssup-4-1", Rating.DEMONSTRATED, " Led the Contoso bid ")
    history = progress.history("ssup-4-1")
    assert [(h.old, h.new, h.note) for h in history] == [
        ("developing", "demonstrated", "Led the Contoso bid"),
        (None, "developing", "Shadowed two bids"),
    ]
    assert all(h.kind is HistoryKind.SELF for h in history)
    assert progress.assessment("ssup-4-1").rating is Rating.DEMONSTRATED  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="unknown SSUP statement id"):
        progress.set_assessment("ssup-9-9", Rating.DEVELOPING)
    assert len(progress.history()) == 2


def test_revert_assessment_restores_the_row_and_forgets_the_record(
    service: PortfolioService,
) -> None:
    progress = service.progress
    progress.set_assessment("ssup-4-2", Rating.DEVELOPING, "first")
    before = progress.assessment("ssup-4-2")
    change = progress.set_assessment("ssup-4-2", Rating.DEMONSTRATED, "second")
    (record_id,) = change.ids
    progress.revert_assessment("ssup-4-2", before, record_id)
    assert progress.assessment("ssup-4-2") == before
    assert [h.note for h in progress.history()] == ["first"]


def test_sfia7_assessment_applies_to_corresponding_sfia9_statements(
    service: PortfolioService, skills: dict[Edition, Skill]
) -> None:
    sfia7 = next(
        st for st in skills[Edition.SFIA7].level(4).statements if "ssup-4-1" in st.corresponds_to
    )
    service.progress.set_assessment(sfia7.id, Rating.DEMONSTRATED, "under SFIA 7")
    ready = service.progress.readiness(Edition.SFIA9, TODAY)
    by_id = {p.statement.id: p for p in ready[4].statements}
    assert by_id["ssup-4-1"].demonstrated
    assert by_id["ssup-4-1"].gaps == (Gap.NO_EVIDENCE, Gap.SELF_ASSESSED_UNEVIDENCED)
    assert service.progress.effective_assessment("ssup-4-1").note == "under SFIA 7"  # type: ignore[union-attr]
    assert [h.statement_id for h in service.progress.history("ssup-4-1")] == [sfia7.id]
    # A newer SFIA 9 rating wins, and its history shows the SFIA 7 rating as "old".
    service.progress.set_assessment("ssup-4-1", Rating.DEVELOPING, "rethought")
    assert service.progress.history("ssup-4-1")[0].old == "demonstrated"


def test_partial_and_stale_readiness_and_recency_window(service: PortfolioService) -> None:
    _add(service, date(2026, 3, 1), "ssup-4-1")
    _add(service, date(2022, 6, 1), "ssup-4-2")
    ready = service.progress.readiness(Edition.SFIA9, TODAY)
    states = {p.statement.id: p.state for p in ready[4].statements}
    assert states["ssup-4-1"] is EvidenceState.EVIDENCED
    assert states["ssup-4-2"] is EvidenceState.STALE
    assert (ready[4].evidenced, ready[4].total) == (1, 4)
    assert service.progress.recency_years() == 3
    change = service.progress.set_recency_years(5)
    assert change.kind is ChangeKind.PREFERENCES
    ready = service.progress.readiness(Edition.SFIA9, TODAY)
    assert ready[4].evidenced == 2
    for bad in (0, 11):
        with pytest.raises(ValueError, match="1 to 10 years"):
            service.progress.set_recency_years(bad)


def test_all_verified_through_the_provider(tmp_path: Path, skills: dict[Edition, Skill]) -> None:
    store = PortfolioStore.create(tmp_path / "v.ssup")
    level2 = skills[Edition.SFIA9].level(2)
    for st in level2.statements:
        store.insert_evidence(
            Evidence(title=st.id, date_from=date(2026, 5, 1), statement_ids=(st.id,))
        )
    keys = frozenset(k for st in level2.statements for k in st.keys)
    progress = ProgressService(store, skills, lambda: keys)
    ready = progress.readiness(Edition.SFIA9, TODAY)
    assert ready[2].verified == ready[2].total == 3
    assert ready[2].headline() == "Level 2 (Assist): 3 of 3 statements evidenced, 3 verified"
    # Under SFIA 7 the corresponding statements are verified too.
    seven = progress.readiness(Edition.SFIA7, TODAY)
    assert seven[2].verified == seven[2].total
    store.close()


def test_next_level_lists_open_statements_and_overdue_actions(service: PortfolioService) -> None:
    _add(service, date(2026, 3, 1), "ssup-4-1")
    progress = service.progress
    progress.add_action(PlanAction(text="Late", due=TODAY - timedelta(days=1)))
    progress.add_action(PlanAction(text="Fine", due=TODAY + timedelta(days=9)))
    plan = progress.next_level(Edition.SFIA9, TODAY)
    assert (plan.current, plan.target, plan.problem) == (3, 4, "")
    assert plan.readiness is not None and plan.readiness.level.level == 4
    assert [p.statement.id for p in plan.open_statements] == [
        "ssup-4-1",
        "ssup-4-2",
        "ssup-4-3",
        "ssup-4-4",
    ]
    assert plan.open_statements[0].gaps == (Gap.NOT_VERIFIED,)
    assert [a.text for a in plan.overdue] == ["Late"]
    assert plan.developing.intro


def test_set_levels_validates(service: PortfolioService) -> None:
    progress = service.progress
    with pytest.raises(ValueError, match="not defined at level 7"):
        progress.set_levels(6, 7)
    with pytest.raises(ValueError, match="above the current level"):
        progress.set_levels(4, 3)
    change = progress.set_levels(4, 5)
    assert change.kind is ChangeKind.PROFILE
    profile = service.profile()
    assert (profile.current_level, profile.target_level) == (4, 5)
    progress.set_levels(None, None)
    plan = progress.next_level(Edition.SFIA9, TODAY)
    assert plan.target is None and plan.readiness is None


def test_action_crud_toggle_and_restore(service: PortfolioService) -> None:
    progress = service.progress
    action = PlanAction(text="Shadow a bid review", due=TODAY, statement_id="ssup-4-2", level=4)
    assert progress.add_action(action).kind is ChangeKind.PLAN
    with pytest.raises(ValueError, match="already exists"):
        progress.add_action(action)
    with pytest.raises(ValueError, match="unknown SSUP statement"):
        progress.add_action(PlanAction(text="x", statement_id="nope"))
    progress.update_action(action.model_copy(update={"text": "Shadow two bid reviews"}))
    progress.set_action_done(action.id, True)
    stored = progress.get_action(action.id)
    assert stored.done and stored.done_at is not None and stored.text == "Shadow two bid reviews"
    progress.set_action_done(action.id, False)
    assert progress.get_action(action.id).done_at is None
    _, deleted = progress.delete_action(action.id)
    assert progress.actions() == []
    progress.restore_action(deleted)
    assert progress.actions() == [deleted]


def test_snapshots_follow_entries(service: PortfolioService) -> None:
    _add(service, date(2026, 1, 15), "ssup-3-1")
    _add(service, date(2026, 6, 15), "ssup-3-2")
    snaps = service.progress.snapshots(Edition.SFIA9, TODAY)
    assert snaps[0].day == date(2026, 1, 31)
    assert [s.counts[3] for s in snaps][:7] == [1, 1, 1, 1, 1, 2, 2]


def test_merge_is_idempotent(service: PortfolioService) -> None:
    progress = service.progress
    progress.set_assessment("ssup-3-1", Rating.DEMONSTRATED, "x")
    progress.add_action(PlanAction(text="a"))
    summary = progress.merge(
        progress.assessments(), progress.history(), progress.actions(), recency_years=3
    )
    assert (summary.assessments, summary.history, summary.actions) == (0, 0, 0)
    assert not summary.recency_updated
    newer = progress.assessments()[0].model_copy(
        update={"modified": datetime.now(UTC) + timedelta(days=1), "rating": Rating.NOT_YET}
    )
    summary = progress.merge([newer], [], [], recency_years=4)
    assert summary.assessments == 1 and summary.recency_updated
    assert progress.recency_years() == 4


def test_sample_portfolio_has_progress_to_explore(
    tmp_path: Path, skills: dict[Edition, Skill]
) -> None:
    from ssup_desktop.sample import build_sample

    sample = build_sample(tmp_path / "sample.ssup", skills)
    progress = sample.progress
    profile = sample.profile()
    assert (profile.current_level, profile.target_level) == (3, 4)
    assert len(progress.assessments()) >= 4
    self_history = [h for h in progress.history("ssup-4-1") if h.kind is HistoryKind.SELF]
    assert [h.new for h in reversed(self_history)] == ["not_yet", "developing", "demonstrated"]
    mine = [a for a in progress.actions() if a.source.value == "user"]
    assert len(mine) == 5
    today = date.today()
    assert sum(a.overdue(today) for a in mine) == 1
    assert sum(a.done for a in mine) == 1
    plan = progress.next_level(Edition.SFIA9)
    assert plan.readiness is not None and plan.readiness.total == 4
    sample.close()


def test_readiness_follows_changes_made_through_another_connection(
    service: PortfolioService,
) -> None:
    assert service.progress.readiness(Edition.SFIA9, TODAY)[4].evidenced == 0
    # A second connection to the same file (as another process would have; no app lock).
    other = PortfolioStore(sqlite3.connect(service.path, isolation_level=None), service.path)
    other.insert_evidence(
        Evidence(title="Elsewhere", date_from=date(2026, 5, 1), statement_ids=("ssup-4-3",))
    )
    other.close()
    assert service.progress.readiness(Edition.SFIA9, TODAY)[4].evidenced == 1


def test_readiness_from_the_light_rows_is_readiness_from_the_whole_entries(
    tmp_path: Path, skills: dict[Edition, Skill]
) -> None:
    from ssup_desktop.domain.progress import level_readiness
    from ssup_desktop.sample import build_sample

    service = build_sample(tmp_path / "s.ssup", skills)
    try:
        # beside the sample's dated, ranged and cross-edition entries: undated ones (they count
        # from the day they were made) and one made long ago, so it is old in every window
        service.add_evidence(Evidence(title="Undated", statement_ids=("ssup-2-1", "ssup7-3-2")))
        made = datetime(2019, 5, 2, 9, 0, tzinfo=UTC)
        old = Evidence(title="Old, undated", statement_ids=("ssup-1-1",), created=made)
        service.add_evidence(old.model_copy(update={"modified": made}))
        store = service.store
        rows, whole = store.list_rows(ordered=True), store.list_evidence()
        assert [r.id for r in rows] == [e.id for e in whole]  # the order the cards list
        assert [r.day for r in rows] == [e.day for e in whole]
        progress = service.progress
        assessments, verified = progress.assessments(), service.verified_keys()
        for edition in Edition:
            for years in (1, 3):
                light, full = (
                    level_readiness(skills, edition, found, assessments, verified, TODAY, years)
                    for found in (rows, whole)
                )
                for number in range(1, 8):
                    pairs = zip(light[number].statements, full[number].statements, strict=True)
                    for a, b in pairs:
                        assert (a.statement.id, a.state, a.assessment) == (
                            b.statement.id,
                            b.state,
                            b.assessment,
                        )
                        assert [e.id for e in a.supporting] == [e.id for e in b.supporting]
        # and the service answers from the rows, with the same states
        light_states = {
            n: [s.state for s in r.statements] for n, r in progress.readiness(Edition.SFIA9).items()
        }
        full_readiness = level_readiness(
            skills,
            Edition.SFIA9,
            whole,
            assessments,
            verified,
            date.today(),
            progress.recency_years(),
        )
        assert light_states == {
            n: [s.state for s in r.statements] for n, r in full_readiness.items()
        }
    finally:
        service.close()
