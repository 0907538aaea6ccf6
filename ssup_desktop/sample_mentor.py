"""The demo portfolio's mentor session: Jordan Lee reviews levels 3 and 4 with Alex."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from ssup_desktop.domain.evidence import utc_now
from ssup_desktop.domain.mentor import Action, EntryComment, Session, Verdict, VerdictKind
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage.mentor_store import MentorRecord

MENTOR = "Jordan Lee"
SESSION_DAYS_AGO = 40
# statement id -> (verdict, comment)
_VERDICTS: dict[str, tuple[VerdictKind, str]] = {
    "ssup-3-1": (
        VerdictKind.AGREED,
        "The Fabrikam workshop notes show requirements gathered, confirmed and signed off.",
    ),
    "ssup-3-2": (
        VerdictKind.AGREED,
        "The Tailspin bid and the Adventure Works demo both show this clearly.",
    ),
    "ssup-3-3": (
        VerdictKind.NEEDS_MORE_EVIDENCE,
        "Only the troubleshooting guide shows this; add a recent coaching example.",
    ),
    "ssup-4-2": (
        VerdictKind.NEEDS_MORE_EVIDENCE,
        "Good start with Litware; show a design you owned end to end, including the trade-offs.",
    ),
    "ssup-4-4": (VerdictKind.NOT_YET, "Estimates were built from the template; not yet your own."),
}
# entry title start -> comment
_COMMENTS = {
    "Requirements workshop": "Say how many requirements changed after sign-off: it shows rigour.",
    "Proof of concept": "Strong technical story. Add the customer's decision and the deal size.",
}
# (text, owner, due in days from the session)
_ACTIONS = [
    ("Write up the Litware proof of concept as a case study with measured results", "mentee", 30),
    ("Introduce Alex to the bid manager before the next tender", "mentor", 14),
]


def sample_mentor_records(service: PortfolioService) -> list[MentorRecord]:
    """The session, its verdicts (fingerprinting the sample's evidence), comments and actions."""
    today = utc_now().date()
    day = today - timedelta(days=SESSION_DAYS_AGO)
    start = datetime.combine(day, time(14, 0), tzinfo=UTC)
    pid = service.profile().portfolio_id
    session = Session(
        review_of=pid,
        mentor_name=MENTOR,
        started=start,
        finished=start + timedelta(minutes=70),
        focus_levels=(3, 4),
        notes=(
            "Level 3 is well evidenced. For level 4, Alex needs designs and estimates they own "
            "from start to finish. Next session in about two months."
        ),
        modified=start + timedelta(minutes=70),
    )
    records: list[MentorRecord] = [session]
    for minute, (statement_id, (kind, comment)) in enumerate(_VERDICTS.items(), start=5):
        ids, digest = service.mentor.evidence_fingerprint(statement_id)
        at = start + timedelta(minutes=minute * 4)
        records.append(
            Verdict(
                review_of=pid,
                session_id=session.id,
                statement_id=statement_id,
                kind=kind,
                comment=comment,
                mentor_name=MENTOR,
                recorded=at,
                modified=at,
                evidence_ids=ids,
                evidence_hash=digest,
            )
        )
    entries = service.list_evidence()
    for offset, (title, text) in enumerate(_COMMENTS.items()):
        entry = next(e for e in entries if e.title.startswith(title))
        at = start + timedelta(minutes=40 + offset)
        records.append(
            EntryComment(
                review_of=pid,
                session_id=session.id,
                evidence_id=entry.id,
                text=text,
                mentor_name=MENTOR,
                created=at,
                modified=at,
            )
        )
    for offset, (text, owner, due_days) in enumerate(_ACTIONS):
        at = start + timedelta(minutes=60 + offset)
        records.append(
            Action(
                review_of=pid,
                session_id=session.id,
                text=text,
                owner=owner,
                due=day + timedelta(days=due_days),
                created=at,
                modified=at,
            )
        )
    return records


def add_sample_mentor(service: PortfolioService) -> None:
    """Add the demo mentor session to a sample portfolio whose evidence is already in."""
    service.mentor.merge_records(sample_mentor_records(service))
