"""Mentor use cases: sessions, verdicts with evidence fingerprints, entry comments, actions."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.mentor import (
    Action,
    EntryComment,
    Session,
    Verdict,
    VerdictKind,
    VerdictSummary,
    changed_since_verified,
    evidence_hash,
    latest_by_key,
    latest_for,
    summarise,
    verified_keys,
)
from ssup_desktop.domain.progress import MAX_NOTE, ActionSource, HistoryKind
from ssup_desktop.domain.progress_records import HistoryRecord, PlanAction
from ssup_desktop.domain.sfia import Statement, statement_keys, supports
from ssup_desktop.domain.values import utc_now
from ssup_desktop.storage.mentor_store import MentorRecord, MentorStore
from ssup_desktop.storage.rows import format_datetime

if TYPE_CHECKING:
    from ssup_desktop.domain.evidence import Evidence
    from ssup_desktop.review import MergePlan
    from ssup_desktop.services import PortfolioService

_HISTORY_NAMESPACE = uuid.UUID("5b0c8a56-3f0e-4d7e-9a53-1c2f9f6d2e11")


@dataclass(frozen=True)
class RecordedVerdict:
    """What record_verdict did: the verdict now stored, and the one it replaced in the session."""

    verdict: Verdict
    replaced: Verdict | None


def history_id(verdict: Verdict) -> uuid.UUID:
    """The id of the history record of one verdict version (stable, so merges add it once)."""
    return uuid.uuid5(_HISTORY_NAMESPACE, f"{verdict.id}:{format_datetime(verdict.modified)}")


def plan_action_for(action: Action) -> PlanAction:
    """The development plan's copy of an agreed action (same id, source mentor)."""
    text = (
        action.text if action.owner == "mentee" else f"{action.text} (owner: {action.owner_label})"
    )
    return PlanAction(
        id=action.id,
        text=text[:2000],
        due=action.due,
        source=ActionSource.MENTOR,
        created=action.created,
        modified=action.modified,
    )


class MentorService:
    """Mentor sessions of one open portfolio (``PortfolioService.mentor``)."""

    def __init__(self, portfolio: PortfolioService) -> None:
        self.portfolio = portfolio
        self.rows = MentorStore(portfolio.store)
        self.store = portfolio.store

    # --- sessions --------------------------------------------------------------------------

    def start_session(
        self, mentor_name: str, focus_levels: Iterable[int]
    ) -> tuple[Change, Session]:
        session = Session(
            review_of=self.portfolio.profile().portfolio_id,
            mentor_name=mentor_name,
            focus_levels=tuple(focus_levels),
        )
        self.rows.put(session)
        return Change(ChangeKind.MENTOR, frozenset({session.id}), "Start mentor session"), session

    def finish_session(self, session_id: uuid.UUID, notes: str) -> Change:
        """Save the session's notes and when it finished."""
        with self.store.transaction():
            session = self.session(session_id)
            now = utc_now()
            finished = session.model_copy(update={"notes": notes, "finished": now, "modified": now})
            self.rows.put(Session.model_validate(finished.model_dump()))
        return Change(ChangeKind.MENTOR, frozenset({session_id}), "Finish mentor session")

    def sessions(self) -> list[Session]:
        """Every session, newest first."""
        return self.rows.sessions()

    def session(self, session_id: uuid.UUID) -> Session:
        found = self.rows.session(session_id)
        if found is None:
            raise KeyError(f"no mentor session {session_id}")
        return found

    # --- what the mentor sees --------------------------------------------------------------

    def statement(self, statement_id: str) -> Statement:
        for skill in self.portfolio.skills.values():
            found = skill.statement(statement_id)
            if found is not None:
                return found
        raise ValueError(f"unknown SSUP statement id: {statement_id}")

    def shown_evidence(self, statement_id: str) -> list[Evidence]:
        """The supporting entries a mentor sees: never the ones the mentee marked private."""
        entries = self.portfolio.evidence_for_statement(statement_id)
        return [e for e in entries if not e.private]

    def current_hashes(self, verdicts: Sequence[Verdict]) -> dict[uuid.UUID, str]:
        """For each verdict: the hash of the entries it saw, as they are now.

        An entry counts while it exists, is not private and still supports the statement.
        """
        if not verdicts:  # nothing to check: skip reading every entry's fingerprint
            return {}
        prints = self.rows.fingerprints()
        linked: dict[uuid.UUID, set[str]] = defaultdict(set)
        for entry_id, sid in self.store.statement_links():
            linked[uuid.UUID(entry_id)].add(sid)
        result = {}
        for verdict in verdicts:
            try:
                target = self.statement(verdict.statement_id)
            except ValueError:
                continue
            kept = []
            for eid in verdict.evidence_ids:
                found = prints.get(eid)
                if found and not found[1] and supports(self.portfolio.skills, linked[eid], target):
                    kept.append(found[0])
            result[verdict.id] = evidence_hash(kept)
        return result

    def evidence_fingerprint(self, statement_id: str) -> tuple[tuple[uuid.UUID, ...], str]:
        shown = {e.id for e in self.shown_evidence(statement_id)}
        prints = self.rows.fingerprints()
        return tuple(sorted(shown, key=str)), evidence_hash(prints[i][0] for i in shown)

    # --- verdicts --------------------------------------------------------------------------

    def record_verdict(
        self,
        statement_id: str,
        kind: VerdictKind,
        *,
        session_id: uuid.UUID | None = None,
        mentor_name: str = "",
        comment: str = "",
    ) -> tuple[Change, RecordedVerdict]:
        """Record a verdict with a fingerprint of the evidence shown; a second verdict on the
        same statement in the same session replaces the first. Kept in the history too."""
        self.statement(statement_id)
        with self.store.transaction():
            replaced = None
            if session_id is not None:
                same = self.rows.verdicts(statement_ids=[statement_id], session_id=session_id)
                replaced = same[-1] if same else None
            ids, digest = self.evidence_fingerprint(statement_id)
            now = utc_now()
            base = replaced.model_dump() if replaced else {}
            base.update(
                review_of=self.portfolio.profile().portfolio_id,
                session_id=session_id,
                statement_id=statement_id,
                kind=kind,
                comment=comment or base.get("comment", ""),
                mentor_name=mentor_name,
                recorded=now,
                modified=now,
                evidence_ids=ids,
                evidence_hash=digest,
            )
            verdict = Verdict.model_validate(base)
            previous = self._latest(statement_id)
            self.rows.put(verdict)
            self._add_history(verdict, previous)
        change = Change(ChangeKind.MENTOR, frozenset({verdict.id}), f"Verdict: {kind.label}")
        return change, RecordedVerdict(verdict, replaced)

    def reapply_verdict(self, recorded: RecordedVerdict) -> Change:
        """Redo: put the recorded verdict back exactly."""
        with self.store.transaction():
            previous = self._latest(recorded.verdict.statement_id, without=recorded.verdict.id)
            self.rows.put(recorded.verdict)
            self._add_history(recorded.verdict, previous)
        return Change(ChangeKind.MENTOR, frozenset({recorded.verdict.id}), "Verdict")

    def revert_verdict(self, recorded: RecordedVerdict) -> Change:
        """Undo: take the verdict back (the one it replaced in the session returns)."""
        verdict = recorded.verdict
        with self.store.transaction():
            self.portfolio.progress.rows.delete_history(history_id(verdict))
            if recorded.replaced is not None:
                self.rows.put(recorded.replaced)
            else:
                self.rows.delete(Verdict, verdict.id)
        return Change(ChangeKind.MENTOR, frozenset({verdict.id}), "Undo verdict")

    def set_verdict_comment(self, verdict_id: uuid.UUID, comment: str) -> Change:
        with self.store.transaction():
            stored = self.rows.verdict(verdict_id)
            if stored is None:
                raise KeyError(f"no verdict {verdict_id}")
            changed = stored.model_dump()
            changed.update(comment=comment, modified=utc_now())
            self.rows.put(Verdict.model_validate(changed))
        return Change(ChangeKind.MENTOR, frozenset({verdict_id}), "Comment on verdict")

    def verdicts(self) -> list[Verdict]:
        """Every verdict in the portfolio, oldest first."""
        return self.rows.verdicts()

    def verdicts_for(self, statement_id: str) -> list[Verdict]:
        """Every verdict on this statement or a corresponding one (any edition), oldest first."""
        wanted = self.statement(statement_id).keys
        skills = self.portfolio.skills
        return [
            v
            for v in self.rows.verdicts()
            if v.statement_id == statement_id or statement_keys(skills, v.statement_id) & wanted
        ]

    def verified_keys(self) -> frozenset[str]:
        verdicts = self.rows.verdicts()
        return verified_keys(self.portfolio.skills, verdicts, self.current_hashes(verdicts))

    def changed_since_verified(self) -> frozenset[str]:
        """Statement keys agreed by a mentor whose evidence has been edited since."""
        verdicts = self.rows.verdicts()
        return changed_since_verified(
            self.portfolio.skills, verdicts, self.current_hashes(verdicts)
        )

    def statement_verdict_summary(self, statement_id: str) -> VerdictSummary:
        """The mentor verdict slot of the level detail card: state and one line of text."""
        latest = latest_for(
            self.statement(statement_id).keys,
            latest_by_key(self.portfolio.skills, self.verdicts_for(statement_id)),
        )
        current = self.current_hashes([latest]).get(latest.id) if latest else None
        return summarise(latest, current)

    # --- entry comments --------------------------------------------------------------------

    def comment_entry(
        self,
        evidence_id: uuid.UUID,
        text: str,
        *,
        session_id: uuid.UUID | None = None,
        mentor_name: str = "",
    ) -> tuple[Change, EntryComment]:
        self.portfolio.get_evidence(evidence_id)
        comment = EntryComment(
            review_of=self.portfolio.profile().portfolio_id,
            session_id=session_id,
            evidence_id=evidence_id,
            text=text,
            mentor_name=mentor_name,
        )
        self.rows.put(comment)
        return Change(ChangeKind.MENTOR, frozenset({comment.id}), "Comment on entry"), comment

    def restore_comment(self, comment: EntryComment) -> Change:
        self.rows.put(comment)
        return Change(ChangeKind.MENTOR, frozenset({comment.id}), "Comment on entry")

    def delete_comment(self, comment_id: uuid.UUID) -> Change:
        self.rows.delete(EntryComment, comment_id)
        return Change(ChangeKind.MENTOR, frozenset({comment_id}), "Delete comment")

    def comments_for(self, evidence_id: uuid.UUID) -> list[EntryComment]:
        return self.rows.comments(evidence_id)

    # --- actions ---------------------------------------------------------------------------

    def add_action(
        self,
        text: str,
        *,
        owner: str = "mentee",
        due: date | None = None,
        session_id: uuid.UUID | None = None,
    ) -> tuple[Change, Action]:
        """Record an agreed action; it joins the mentee's development plan (source mentor)."""
        action = Action(
            review_of=self.portfolio.profile().portfolio_id,
            session_id=session_id,
            text=text,
            owner=owner,
            due=due,
        )
        self.restore_action(action)
        return Change(ChangeKind.PLAN, frozenset({action.id}), "Add agreed action"), action

    def restore_action(self, action: Action) -> Change:
        with self.store.transaction():
            self.rows.put(action)
            if self.portfolio.progress.rows.get_action(action.id) is None:
                self.portfolio.progress.rows.insert_action(plan_action_for(action))
        return Change(ChangeKind.PLAN, frozenset({action.id}), "Add agreed action")

    def delete_action(self, action_id: uuid.UUID) -> Change:
        with self.store.transaction():
            self.rows.delete(Action, action_id)
            if self.portfolio.progress.rows.get_action(action_id) is not None:
                self.portfolio.progress.rows.delete_action(action_id)
        return Change(ChangeKind.PLAN, frozenset({action_id}), "Delete agreed action")

    def actions(self, session_id: uuid.UUID | None = None) -> list[Action]:
        return self.rows.actions(session_id)

    # --- merging ---------------------------------------------------------------------------

    def records(self) -> list[MentorRecord]:
        return self.rows.all_records()

    def apply_merge(self, plan: MergePlan) -> None:
        """Write a planned merge in one transaction (history and plan actions follow)."""
        with self.store.transaction():
            known = {s.id for s in self.rows.sessions()}
            for record in [*plan.add, *plan.replace]:
                if isinstance(record, Session):
                    known.add(record.id)
            for record in [*plan.add, *plan.replace]:
                if not isinstance(record, Session) and record.session_id not in known:
                    record = record.model_copy(update={"session_id": None})
                if isinstance(record, Verdict):
                    previous = self._latest(record.statement_id, without=record.id)
                    self.rows.put(record)
                    self._add_history(record, previous)
                elif isinstance(record, Action):
                    self.restore_action(record)
                else:
                    self.rows.put(record)

    def merge_records(self, records: Iterable[MentorRecord]) -> MergePlan:
        """Merge every record (an interchange import): new by id, else the newer wins."""
        from ssup_desktop.review import plan_merge

        plan = plan_merge(self.records(), records, mentor_only=False)
        self.apply_merge(plan)
        return plan

    # --- helpers ---------------------------------------------------------------------------

    def _latest(self, statement_id: str, without: uuid.UUID | None = None) -> Verdict | None:
        verdicts = [v for v in self.verdicts_for(statement_id) if v.id != without]
        return max(verdicts, key=lambda v: (v.recorded, str(v.id))) if verdicts else None

    def _add_history(self, verdict: Verdict, previous: Verdict | None) -> None:
        rows = self.portfolio.progress.rows
        record_id = history_id(verdict)
        if rows.has_history(record_id):
            return
        prefix = f"{verdict.mentor_name}: " if verdict.mentor_name else ""
        rows.add_history(
            HistoryRecord(
                id=record_id,
                kind=HistoryKind.MENTOR,
                statement_id=verdict.statement_id,
                changed=verdict.recorded,
                old=previous.kind.value if previous else None,
                new=verdict.kind.value,
                note=(prefix + verdict.comment)[:MAX_NOTE],
                source_id=str(verdict.session_id) if verdict.session_id else None,
            )
        )
