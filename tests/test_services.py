"""PortfolioService: validation, Change records, filters, cross-edition counts, undo of deletes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from ssup_desktop.domain import evidence as evidence_module
from ssup_desktop.domain.change import ChangeKind
from ssup_desktop.domain.evidence import Evidence, Link
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.services import EvidenceFilter, PortfolioService, safe_attachment_name
from ssup_desktop.storage import PortfolioExistsError, PortfolioStore


@pytest.fixture
def service(tmp_path: Path, skills: dict[Edition, Skill]) -> Iterator[PortfolioService]:
    opened = PortfolioService.create(tmp_path / "p.ssup", skills)
    yield opened
    opened.close()


def _add(service: PortfolioService, title: str, **fields: object) -> Evidence:
    entry = Evidence.model_validate({"title": title, **fields})
    service.add_evidence(entry)
    return service.get_evidence(entry.id)


def _titles(entries: list[Evidence]) -> list[str]:
    return [e.title for e in entries]


def test_create_refuses_existing_and_open_reads_back(
    tmp_path: Path, skills: dict[Edition, Skill]
) -> None:
    path = tmp_path / "x.ssup"
    created = PortfolioService.create(path, skills, Profile(owner_name="Sam"))
    created.close()
    with pytest.raises(PortfolioExistsError):
        PortfolioService.create(path, skills)
    opened = PortfolioService.open(path, skills)
    assert opened.profile().owner_name == "Sam"
    opened.close()


def test_add_returns_change_and_validates_statement_ids(service: PortfolioService) -> None:
    entry = Evidence(title="Demo", statement_ids=("ssup-3-1",))
    change = service.add_evidence(entry)
    assert change.kind is ChangeKind.EVIDENCE and change.ids == frozenset({entry.id})
    with pytest.raises(ValueError, match="unknown SSUP statement id"):
        service.add_evidence(Evidence(title="Bad", statement_ids=("ssup-9-9",)))
    with pytest.raises(ValueError, match="already exists"):
        service.add_evidence(entry)
    assert len(service.list_evidence()) == 1


def test_links_must_be_web_or_mail() -> None:
    with pytest.raises(ValidationError):
        Link(url="javascript:alert(1)")
    with pytest.raises(ValidationError):
        Link(url="file:///etc/passwd")


def test_update_sets_modified_and_keeps_created(service: PortfolioService) -> None:
    entry = _add(service, "Old title")
    edited = entry.model_copy(update={"title": "New title", "tags": ("x",)})
    change = service.update_evidence(edited)
    stored = service.get_evidence(entry.id)
    assert change.ids == frozenset({entry.id})
    assert stored.title == "New title" and stored.tags == ("x",)
    assert stored.created == entry.created and stored.modified >= entry.modified


def test_update_profile(service: PortfolioService) -> None:
    profile = service.profile().replace(owner_name="Kim", current_level=2)
    change = service.update_profile(profile)
    assert change.kind is ChangeKind.PROFILE
    assert service.profile().owner_name == "Kim" and service.profile().current_level == 2


def test_filters(service: PortfolioService) -> None:
    _add(
        service,
        "Alpha demo",
        date_from=date(2024, 1, 10),
        statement_ids=("ssup-3-1",),
        tags=("Demo",),
    )
    _add(
        service,
        "Beta RFP",
        date_from=date(2023, 5, 1),
        date_to=date(2023, 6, 30),
        statement_ids=("ssup7-4-1",),
        tags=("rfp",),
    )
    _add(service, "Gamma notes", date_from=date(2022, 2, 2))
    _add(service, "Delta undated", statement_ids=("ssup-1-1",))
    assert _titles(service.list_evidence()) == [
        "Alpha demo",
        "Beta RFP",
        "Gamma notes",
        "Delta undated",
    ]
    assert _titles(service.list_evidence(EvidenceFilter(text="dem"))) == ["Alpha demo"]
    assert _titles(service.list_evidence(EvidenceFilter(text='"'))) == _titles(
        service.list_evidence()
    )
    assert _titles(service.list_evidence(EvidenceFilter(tag="DEMO"))) == ["Alpha demo"]
    assert _titles(service.list_evidence(EvidenceFilter(level=4))) == ["Beta RFP"]
    assert _titles(service.list_evidence(EvidenceFilter(level=3))) == ["Alpha demo"]
    assert _titles(service.list_evidence(EvidenceFilter(unlinked_only=True))) == ["Gamma notes"]
    # SFIA 7 statement ssup7-4-1 corresponds to SFIA 8/9 ssup-4-1 and ssup-4-2.
    assert _titles(service.list_evidence(EvidenceFilter(statement_id="ssup-4-2"))) == ["Beta RFP"]
    # and SFIA 9's ssup-3-1 is covered by SFIA 7's ssup7-3-2.
    assert _titles(service.list_evidence(EvidenceFilter(statement_id="ssup7-3-2"))) == [
        "Alpha demo"
    ]
    overlap = EvidenceFilter(date_from=date(2023, 6, 1), date_to=date(2023, 12, 31))
    assert _titles(service.list_evidence(overlap)) == ["Beta RFP"]
    assert _titles(service.list_evidence(EvidenceFilter(date_from=date(2024, 1, 10)))) == [
        "Alpha demo"
    ]
    assert _titles(service.list_evidence(EvidenceFilter(date_to=date(2022, 12, 31)))) == [
        "Gamma notes"
    ]
    both = EvidenceFilter(text="beta", level=3)
    assert service.list_evidence(both) == []


def test_support_counts_are_cross_edition(
    service: PortfolioService, skills: dict[Edition, Skill]
) -> None:
    _add(service, "a", statement_ids=("ssup-4-1",))
    _add(service, "b", statement_ids=("ssup7-4-1",))
    _add(service, "c", statement_ids=("ssup-3-3", "ssup-4-1"))
    sfia9 = service.support_counts(Edition.SFIA9)
    assert set(sfia9) == {st.id for st in skills[Edition.SFIA9].statements}
    assert sfia9["ssup-4-1"] == 3 and sfia9["ssup-4-2"] == 1 and sfia9["ssup-3-3"] == 1
    sfia7 = service.support_counts(Edition.SFIA7)
    assert sfia7["ssup7-4-1"] == 3 and sfia7["ssup7-3-1"] == 1 and sfia7["ssup7-3-2"] == 0
    assert _titles(service.evidence_for_statement("ssup-4-2")) == ["b"]


def test_delete_and_restore_is_exact(tmp_path: Path, service: PortfolioService) -> None:
    entry = _add(service, "Keep me", tags=("t",), statement_ids=("ssup-2-1",))
    source = tmp_path / "notes.txt"
    source.write_bytes(b"some notes")
    service.add_attachment(entry.id, source)
    before = service.get_evidence(entry.id)
    change, deleted = service.delete_evidence(entry.id)
    assert change.ids == frozenset({entry.id})
    assert service.list_evidence() == [] and service.tags() == []
    service.restore_evidence(deleted)
    assert service.get_evidence(entry.id) == before
    assert service.attachment_data(before.attachments[0].id) == b"some notes"
    assert service.store.problems() == []
    with pytest.raises(ValueError, match="already exists"):
        service.restore_evidence(deleted)


def test_duplicate_copies_attachments(tmp_path: Path, service: PortfolioService) -> None:
    entry = _add(service, "Original", tags=("t",))
    source = tmp_path / "a.bin"
    source.write_bytes(b"\x00\x01")
    service.add_attachment(entry.id, source)
    change, copy = service.duplicate_evidence(entry.id)
    assert copy.id != entry.id and change.ids == frozenset({copy.id})
    assert copy.title == "Original (copy)" and copy.tags == ("t",)
    assert copy.attachments[0].id != service.get_evidence(entry.id).attachments[0].id
    assert service.attachment_data(copy.attachments[0].id) == b"\x00\x01"


def test_attachments(
    tmp_path: Path, service: PortfolioService, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = _add(service, "With files")
    image = tmp_path / "chart.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n....")
    change, info = service.add_attachment(entry.id, image)
    assert change.kind is ChangeKind.ATTACHMENT
    assert info.media_type == "image/png" and info.size == image.stat().st_size
    assert info.sha256 == hashlib.sha256(image.read_bytes()).hexdigest()
    assert service.get_evidence(entry.id).attachments == (info,)
    assert service.list_evidence(EvidenceFilter(text="chart")) != []
    monkeypatch.setattr(evidence_module, "MAX_ATTACHMENT_BYTES", 4)
    with pytest.raises(ValueError, match=r"chart\.png: too large"):
        service.add_attachment(entry.id, image)
    with pytest.raises(ValueError, match="not a file"):
        service.add_attachment(entry.id, tmp_path / "missing.pdf")
    service.remove_attachment(entry.id, info.id)
    assert service.get_evidence(entry.id).attachments == ()
    with pytest.raises(KeyError):
        service.attachment_data(info.id)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\deck.pptx", "deck.pptx"),
        ("bad\x00\x1fname\n.txt", "badname.txt"),
        ('a<b>:"c"?.txt', "a_b___c__.txt"),
        ("..", "attachment"),
        ("", "attachment"),
    ],
)
def test_attachment_names_are_sanitised(name: str, safe: str) -> None:
    assert safe_attachment_name(name) == safe


def test_long_attachment_names_keep_their_suffix() -> None:
    name = safe_attachment_name("x" * 400 + ".pdf")
    assert len(name) == 255 and name.endswith("x.pdf")


def test_tags_sorted_case_insensitively(service: PortfolioService) -> None:
    _add(service, "a", tags=("zeta", "Alpha"))
    _add(service, "b", tags=("beta",))
    assert service.tags() == ["Alpha", "beta", "zeta"]


def test_store_is_plain_sqlite_and_has_no_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, ssup_desktop.services, ssup_desktop.storage, ssup_desktop.sample, "
        "ssup_desktop.export.interchange, ssup_desktop.cli_portfolio; "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
    assert PortfolioStore.__module__ == "ssup_desktop.storage.portfolio"


def test_evidence_keys_agree_with_list_evidence(service: PortfolioService) -> None:
    """The evidence log's fast filter (rowids) keeps exactly the entries list_evidence lists."""
    _add(service, "Alpha demo", date_from=date(2024, 1, 10), statement_ids=("ssup-3-1",))
    _add(
        service, "Beta RFP", date_from=date(2023, 5, 1), statement_ids=("ssup7-4-1",), tags=("rfp",)
    )
    _add(service, "Gamma notes", date_from=date(2022, 2, 2))
    delta = _add(service, "Delta demo undated", statement_ids=("ssup-1-1",))
    rows = {r.rowid: r.id for r in service.evidence_rows()}
    filters = [
        EvidenceFilter(),
        EvidenceFilter(text="dem"),
        EvidenceFilter(text='"'),
        EvidenceFilter(tag="RFP"),
        EvidenceFilter(level=4),
        EvidenceFilter(level=3, text="alpha"),
        EvidenceFilter(statement_id="ssup-4-2"),
        EvidenceFilter(unlinked_only=True),
        EvidenceFilter(date_from=date(2023, 6, 1), date_to=date(2023, 12, 31)),
    ]
    for flt in filters:
        keys = service.evidence_keys(flt)
        shown = set(rows.values()) if keys is None else {rows[k] for k in keys}
        assert shown == {e.id for e in service.list_evidence(flt)}, flt
        within = service.evidence_keys(flt, within=[delta.id])
        expected = {delta.id} & {e.id for e in service.list_evidence(flt)}
        assert {rows[k] for k in within or ()} == expected, flt


def test_support_counts_follow_corresponding_statements(service: PortfolioService) -> None:
    _add(service, "Nine", statement_ids=("ssup-4-1",))
    _add(service, "Seven", statement_ids=("ssup7-4-1",))  # covers SFIA 9's ssup-4-1 and 4-2
    counts = service.support_counts(Edition.SFIA9)
    assert counts["ssup-4-1"] == 2 and counts["ssup-4-2"] == 1 and counts["ssup-3-1"] == 0
    _add(service, "Another", statement_ids=("ssup-4-2",))  # a write: counted afresh
    assert service.support_counts(Edition.SFIA9)["ssup-4-2"] == 2


def test_merge_adds_in_bulk_and_replaces_only_newer(service: PortfolioService) -> None:
    kept = _add(service, "Kept")
    newer = Evidence(title="Fresh")
    older = kept.model_copy(
        update={"title": "Stale copy", "modified": datetime(2001, 1, 1, tzinfo=UTC)}
    )
    summary = service.merge(None, [(newer, {}), (older, {}), (newer, {})])
    assert (summary.added, summary.updated, summary.unchanged) == (1, 0, 2)
    assert sorted(_titles(service.list_evidence())) == ["Fresh", "Kept"]
    assert service.list_evidence(EvidenceFilter(text="fresh"))[0].id == newer.id
    bulk = Evidence(title="Bulk", statement_ids=("ssup-3-1",))
    assert service.merge(None, [(bulk, {})], validated=True).added == 1
    assert service.support_counts(Edition.SFIA9)["ssup-3-1"] == 1
    with pytest.raises(ValueError, match="unknown SSUP statement"):
        service.merge(
            None, [(Evidence(title="Bad", statement_ids=("nope-1-1",)), {})], validated=True
        )
    assert service.store.problems() == []
