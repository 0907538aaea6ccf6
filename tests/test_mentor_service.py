"""MentorService: verdicts with evidence fingerprints, private entries, history, plan actions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ssup_desktop.domain.change import ChangeKind
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.mentor import VerdictKind, VerdictState
from ssup_desktop.domain.progress import ActionSource, EvidenceState, HistoryKind
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.services import PortfolioService


@pytest.fixture
def service(tmp_path: Path, skills: dict[Edition, Skill]) -> Iterator[PortfolioService]:
    opened = PortfolioService.create(tmp_path / "p.ssup", skills)
    yield opened
    opened.close()


def _add(service: PortfolioService, title: str, *sids: str, private: bool = False) -> Evidence:
    entry = Evidence(
        title=title, statement_ids=sids, private=private, date_from=date.today(), action="Did it"
    )
    service.add_evidence(entry)
    return service.get_evidence(entry.id)


def test_agreed_verdict_verifies_until_a_supporting_entry_is_edited(
    service: PortfolioService,
) -> None:
    entry = _add(service, "Demo for Contoso", "ssup-3-1")
    _change, session = service.mentor.start_session("Jordan Lee", [3])
    change, recorded = service.mentor.record_verdict(
        "ssup-3-1", VerdictKind.AGREED, session_id=session.id, mentor_name="Jordan Lee"
    )
    assert change.kind is ChangeKind.MENTOR
    assert recorded.verdict.evidence_ids == (entry.id,)
    assert service.verified_keys() == {"ssup-3-1"}
    ready = service.progress.readiness(Edition.SFIA9)[3]
    assert ready.statements[0].state is EvidenceState.VERIFIED
    assert service.mentor.statement_verdict_summary("ssup-3-1").state is VerdictState.AGREED

    service.update_evidence(entry.model_copy(update={"result": "Won the deal"}))
    assert service.verified_keys() == frozenset()
    assert service.mentor.changed_since_verified() == {"ssup-3-1"}
    summary = service.mentor.statement_verdict_summary("ssup-3-1")
    assert summary.state is VerdictState.CHANGED
    assert "Changed since verified" in summary.text


def test_new_or_private_entries_leave_the_hash_alone(service: PortfolioService) -> None:
    shown = _add(service, "Shown", "ssup-3-1")
    hidden = _add(service, "Hidden", "ssup-3-1", private=True)
    assert [e.id for e in service.mentor.shown_evidence("ssup-3-1")] == [shown.id]
    _change, recorded = service.mentor.record_verdict("ssup-3-1", VerdictKind.AGREED)
    assert hidden.id not in recorded.verdict.evidence_ids
    service.update_evidence(hidden.model_copy(update={"result": "edited in private"}))
    _add(service, "Another later entry", "ssup-3-1")
    assert service.verified_keys() == {"ssup-3-1"}
    # Marking a seen entry private drops it from what was verified: changed.
    service.update_evidence(shown.model_copy(update={"private": True}))
    assert service.mentor.changed_since_verified() == {"ssup-3-1"}


def test_a_second_verdict_in_a_session_replaces_the_first_and_undo_restores(
    service: PortfolioService,
) -> None:
    _change, session = service.mentor.start_session("Jordan Lee", [3])
    _c, first = service.mentor.record_verdict(
        "ssup-3-2", VerdictKind.NOT_YET, session_id=session.id
    )
    _c, second = service.mentor.record_verdict(
        "ssup-3-2", VerdictKind.AGREED, session_id=session.id
    )
    assert second.replaced == first.verdict
    assert [v.kind for v in service.mentor.verdicts_for("ssup-3-2")] == [VerdictKind.AGREED]
    history = service.progress.history("ssup-3-2")
    assert [(h.kind, h.old, h.new) for h in history] == [
        (HistoryKind.MENTOR, "not_yet", "agreed"),
        (HistoryKind.MENTOR, None, "not_yet"),
    ]
    service.mentor.revert_verdict(second)
    assert [v.kind for v in service.mentor.verdicts_for("ssup-3-2")] == [VerdictKind.NOT_YET]
    assert len(service.progress.history("ssup-3-2")) == 1
    service.mentor.reapply_verdict(second)
    assert [v.kind for v in service.mentor.verdicts_for("ssup-3-2")] == [VerdictKind.AGREED]
    service.mentor.revert_verdict(second)
    service.mentor.revert_verdict(first)
    assert service.mentor.verdicts_for("ssup-3-2") == []
    assert service.progress.history("ssup-3-2") == []


def test_session_with_comments_and_actions_that_join_the_plan(service: PortfolioService) -> None:
    entry = _add(service, "Demo", "ssup-3-1")
    _change, session = service.mentor.start_session("Jordan Lee", [3, 4])
    service.mentor.comment_entry(entry.id, "Strong result", session_id=session.id)
    change, action = service.mentor.add_action(
        "Lead a tender response", owner="mentee", due=date(2030, 1, 31), session_id=session.id
    )
    assert change.kind is ChangeKind.PLAN
    _c, mentor_action = service.mentor.add_action("Share a template", owner="mentor")
    plan = {a.id: a for a in service.progress.actions()}
    assert plan[action.id].source is ActionSource.MENTOR
    assert plan[action.id].text == "Lead a tender response"
    assert plan[mentor_action.id].text == "Share a template (owner: Mentor)"
    service.mentor.finish_session(session.id, "Good progress toward level 4")
    stored = service.mentor.sessions()[0]
    assert stored.notes == "Good progress toward level 4"
    assert stored.finished is not None
    assert [a.text for a in stored.actions] == ["Lead a tender response"]
    assert [c.text for c in service.mentor.comments_for(entry.id)] == ["Strong result"]
    service.mentor.delete_action(action.id)
    assert action.id not in {a.id for a in service.progress.actions()}


def test_unknown_statement_is_refused(service: PortfolioService) -> None:
    with pytest.raises(ValueError, match="unknown SSUP statement"):
        service.mentor.record_verdict("ssup-7-1", VerdictKind.AGREED)
