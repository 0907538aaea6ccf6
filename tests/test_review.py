"""Review exchange: merge only the mentor's records from a returned copy, all or nothing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.mentor import Author, Session, Verdict, VerdictKind
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.review import ReviewError, import_review
from ssup_desktop.services import PortfolioService


@pytest.fixture
def mentee(tmp_path: Path, skills: dict[Edition, Skill]) -> Iterator[PortfolioService]:
    service = PortfolioService.create(tmp_path / "alex.ssup", skills, Profile(owner_name="Alex"))
    for title, sid in (("Demo", "ssup-3-1"), ("Proposal", "ssup-3-2")):
        service.add_evidence(Evidence(title=title, statement_ids=(sid,), date_from=date.today()))
    yield service
    service.close()


def _copy(service: PortfolioService, target: Path) -> Path:
    """What File > Save a Copy makes: the same portfolio (same portfolio_id) in another file."""
    service.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(service.path, target)
    return target


def _review(path: Path, skills: dict[Edition, Skill], edit_evidence: bool = True) -> None:
    """The mentor's side: a session with verdicts, a comment and actions, then hand it back."""
    mentor = PortfolioService.open(path, skills)
    try:
        _c, session = mentor.mentor.start_session("Jordan Lee", [3])
        kw = {"session_id": session.id, "mentor_name": "Jordan Lee"}
        mentor.mentor.record_verdict("ssup-3-1", VerdictKind.AGREED, **kw)  # type: ignore[arg-type]
        mentor.mentor.record_verdict(
            "ssup-3-2",
            VerdictKind.NEEDS_MORE_EVIDENCE,
            **kw,  # type: ignore[arg-type]
        )
        entry = mentor.list_evidence()[0]
        mentor.mentor.comment_entry(entry.id, "Add the figures", **kw)  # type: ignore[arg-type]
        mentor.mentor.add_action("Write a case study", session_id=session.id)
        mentor.mentor.add_action("Send the template", owner="mentor", session_id=session.id)
        mentor.mentor.finish_session(session.id, "Solid level 3")
        if edit_evidence:  # never arrives: a review brings only the mentor's records
            for e in mentor.list_evidence():
                mentor.update_evidence(e.model_copy(update={"title": "Edited by the mentor"}))
            mentor.update_profile(mentor.profile().replace(owner_name="Changed"))
    finally:
        mentor.close()


def test_review_merges_only_the_mentors_records(
    mentee: PortfolioService, skills: dict[Edition, Skill], tmp_path: Path
) -> None:
    copy = _copy(mentee, tmp_path / "alex-review.ssup")
    _review(copy, skills)
    before = mentee.list_evidence()
    plan = import_review(mentee, copy, backup_first=None)
    assert (plan.count(Session), plan.count(Verdict)) == (1, 2)
    assert plan.summary() == "1 session, 2 verdicts, 1 comment, 2 actions"
    assert mentee.list_evidence() == before
    assert mentee.profile().owner_name == "Alex"
    assert mentee.verified_keys() == {"ssup-3-1"}
    session = mentee.mentor.sessions()[0]
    assert (session.mentor_name, session.notes, len(session.verdict_ids)) == (
        "Jordan Lee",
        "Solid level 3",
        2,
    )
    assert {a.text for a in mentee.progress.actions()} == {
        "Write a case study",
        "Send the template (owner: Mentor)",
    }
    assert len(mentee.progress.history()) == 2

    records = mentee.mentor.records()
    again = import_review(mentee, copy, backup_first=None)
    assert again.empty and again.skipped == 6 and not again.conflicts
    assert mentee.mentor.records() == records
    assert len(mentee.progress.history()) == 2


def test_conflicts_newer_modified_wins(
    mentee: PortfolioService, skills: dict[Edition, Skill], tmp_path: Path
) -> None:
    copy = _copy(mentee, tmp_path / "review.ssup")
    _review(copy, skills, edit_evidence=False)
    import_review(mentee, copy, backup_first=None)
    verdicts = {v.statement_id: v for v in mentee.mentor.rows.verdicts()}
    # The mentor edits one verdict's comment in the copy; the mentee edits the other one later.
    mentor = PortfolioService.open(copy, skills)
    mentor.mentor.set_verdict_comment(verdicts["ssup-3-1"].id, "Mentor's newer comment")
    mentor.mentor.set_verdict_comment(verdicts["ssup-3-2"].id, "Mentor's older comment")
    mentor.close()
    mentee.mentor.set_verdict_comment(verdicts["ssup-3-2"].id, "Mentee's newest")
    plan = import_review(mentee, copy, backup_first=None)
    assert plan.count(Verdict) == 1 and len(plan.conflicts) == 2
    assert any("returned copy is newer, taken" in c for c in plan.conflicts)
    assert any("yours is newer, kept" in c for c in plan.conflicts)
    now = {v.statement_id: v.comment for v in mentee.mentor.rows.verdicts()}
    assert now == {"ssup-3-1": "Mentor's newer comment", "ssup-3-2": "Mentee's newest"}


def test_mentee_authored_records_in_the_copy_are_not_taken(
    mentee: PortfolioService, skills: dict[Edition, Skill], tmp_path: Path
) -> None:
    copy = _copy(mentee, tmp_path / "review.ssup")
    other = PortfolioService.open(copy, skills)
    _c, session = other.mentor.start_session("Me", [3])
    other.mentor.rows.put(session.model_copy(update={"author": Author.MENTEE}))
    other.close()
    plan = import_review(mentee, copy, backup_first=None)
    assert plan.empty and mentee.mentor.sessions() == []


def test_a_copy_of_another_portfolio_is_refused(
    mentee: PortfolioService, skills: dict[Edition, Skill], tmp_path: Path
) -> None:
    foreign = tmp_path / "sam.ssup"
    other = PortfolioService.create(foreign, skills, Profile(owner_name="Sam"))
    other.add_evidence(Evidence(title="Sam's", statement_ids=("ssup-3-1",)))
    other.close()
    _review(foreign, skills, edit_evidence=False)
    with pytest.raises(ReviewError, match="not a review of this portfolio") as info:
        import_review(mentee, foreign, backup_first=None)
    assert str(foreign) in str(info.value) and "Sam" in str(info.value)
    assert mentee.mentor.records() == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, not a database", "not an SSUP Desktop portfolio"),
        (b"", "empty file"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "bad.ssup"),
    ],
)
def test_damaged_or_foreign_files_are_refused_with_the_storage_message(
    mentee: PortfolioService, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.ssup"
    bad.write_bytes(content)
    with pytest.raises(ReviewError, match=message) as info:
        import_review(mentee, bad, backup_first=None)
    assert str(bad) in str(info.value)
    assert "ssup-review-" not in str(info.value)
    assert mentee.mentor.records() == []
    assert bad.read_bytes() == content


def test_backup_runs_before_a_merge_and_not_for_nothing(
    mentee: PortfolioService, skills: dict[Edition, Skill], tmp_path: Path
) -> None:
    copy = _copy(mentee, tmp_path / "review.ssup")
    _review(copy, skills, edit_evidence=False)
    calls: list[int] = []

    def backup(service: PortfolioService) -> None:
        calls.append(len(service.mentor.records()))

    import_review(mentee, copy, backup_first=backup)
    import_review(mentee, copy, backup_first=backup)
    assert calls == [0]
