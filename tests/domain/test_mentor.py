"""Mentor domain: evidence hashes, the latest verdict per statement key, verified and changed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from ssup_desktop.domain.mentor import (
    Action,
    EvidenceFingerprint,
    Session,
    Verdict,
    VerdictKind,
    VerdictState,
    changed_since_verified,
    evidence_hash,
    summarise,
    verified_keys,
)
from ssup_desktop.domain.sfia import Edition, Skill

PORTFOLIO = uuid.uuid4()
T0 = datetime(2025, 3, 1, 10, 0, tzinfo=UTC)


def _print(n: int, modified: str = "2025-01-01T00:00:00.000Z") -> EvidenceFingerprint:
    return EvidenceFingerprint(uuid.UUID(int=n), modified, f"{n:064x}")


def _verdict(sid: str, kind: VerdictKind, at: datetime, digest: str) -> Verdict:
    return Verdict(
        review_of=PORTFOLIO, statement_id=sid, kind=kind, recorded=at, evidence_hash=digest
    )


def test_hash_ignores_order_and_changes_with_any_fingerprint_field() -> None:
    a, b = _print(1), _print(2)
    assert evidence_hash([a, b]) == evidence_hash([b, a])
    assert evidence_hash([a, b]) != evidence_hash([a, _print(2, "2025-01-02T00:00:00.000Z")])
    assert evidence_hash([a]) != evidence_hash([a, b])
    assert len(evidence_hash([])) == 64


def test_latest_agreed_with_matching_hash_is_verified(skills: dict[Edition, Skill]) -> None:
    digest = evidence_hash([_print(1)])
    agreed = _verdict("ssup-3-1", VerdictKind.AGREED, T0, digest)
    needs = _verdict("ssup-3-2", VerdictKind.NEEDS_MORE_EVIDENCE, T0, digest)
    hashes = {agreed.id: digest, needs.id: digest}
    assert verified_keys(skills, [agreed, needs], hashes) == {"ssup-3-1"}
    assert changed_since_verified(skills, [agreed, needs], hashes) == frozenset()


def test_edited_evidence_is_changed_since_verified(skills: dict[Edition, Skill]) -> None:
    agreed = _verdict("ssup-3-1", VerdictKind.AGREED, T0, evidence_hash([_print(1)]))
    now = {agreed.id: evidence_hash([_print(1, "2025-06-01T00:00:00.000Z")])}
    assert verified_keys(skills, [agreed], now) == frozenset()
    assert changed_since_verified(skills, [agreed], now) == {"ssup-3-1"}
    summary = summarise(agreed, now[agreed.id])
    assert summary.state is VerdictState.CHANGED
    assert summary.text.startswith("Changed since verified")


def test_a_later_verdict_overrides_an_earlier_agreed(skills: dict[Edition, Skill]) -> None:
    digest = evidence_hash([])
    agreed = _verdict("ssup-3-1", VerdictKind.AGREED, T0, digest)
    later = _verdict("ssup-3-1", VerdictKind.NOT_YET, T0 + timedelta(days=1), digest)
    hashes = {agreed.id: digest, later.id: digest}
    assert verified_keys(skills, [later, agreed], hashes) == frozenset()
    assert summarise(later, digest).state is VerdictState.NOT_YET


def test_sfia7_verdict_covers_its_corresponding_keys(skills: dict[Edition, Skill]) -> None:
    sfia7 = next(st for st in skills[Edition.SFIA7].statements if len(st.corresponds_to) > 1)
    digest = evidence_hash([])
    agreed = _verdict(sfia7.id, VerdictKind.AGREED, T0, digest)
    assert verified_keys(skills, [agreed], {agreed.id: digest}) == sfia7.keys


def test_records_validate() -> None:
    with pytest.raises(ValidationError):
        _verdict("not-a-statement", VerdictKind.AGREED, T0, evidence_hash([]))
    with pytest.raises(ValidationError):
        Action(review_of=PORTFOLIO, text="   ")
    session = Session(review_of=PORTFOLIO, mentor_name=" Jordan Lee ", focus_levels=(4, 3, 4))
    assert session.focus_levels == (3, 4)
    assert session.mentor_name == "Jordan Lee"
    assert Action(review_of=PORTFOLIO, text="x", owner="mentor").owner_label == "Mentor"
    assert summarise(None, None).state is VerdictState.NONE
