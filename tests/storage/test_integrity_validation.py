"""`check` finds entries that break the evidence model even when their checksum was forged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ssup_desktop.content import load_all
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage.rows import evidence_checksum


def test_an_invalid_entry_with_a_matching_checksum_is_reported(tmp_path: Path) -> None:
    service = PortfolioService.create(tmp_path / "p.ssup", load_all())
    entry = Evidence(title="Fine", date_from=date(2025, 1, 1), date_to=date(2025, 2, 1))
    service.add_evidence(entry)
    store = service.store
    # Damage the row behind the app's back: an empty title and an end before the start, then
    # forge the checksum so only validation can tell.
    with store.transaction():
        store.conn.execute(
            "UPDATE evidence SET title = '', date_to = '2024-01-01' WHERE id = ?", (str(entry.id),)
        )
    [damaged] = store.list_evidence(ids=[str(entry.id)])
    with store.transaction():
        store.conn.execute(
            "UPDATE evidence SET checksum = ? WHERE id = ?",
            (evidence_checksum(damaged), str(entry.id)),
        )
    try:
        problems = store.problems()
    finally:
        service.close()
    assert len(problems) == 1
    assert str(entry.id) in problems[0]
    assert "unreadable" in problems[0]
