"""JSON interchange: deterministic round trip, idempotent merge, whole-file validation, schema."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.export.interchange import (
    InterchangeError,
    build_document,
    document_json,
    export_json,
    import_json,
    load_import,
    schema_json,
)
from ssup_desktop.services import PortfolioService

DOCS = Path(__file__).resolve().parents[2] / "docs"
FIXED = datetime(2025, 1, 1, tzinfo=UTC)


def _without_timestamp(text: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(text)
    doc.pop("exported")
    return doc


def test_committed_schema_matches_the_model() -> None:
    committed = (DOCS / "interchange.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), (
        "regenerate with: python -m ssup_desktop.export.interchange > docs/interchange.schema.json"
    )


def test_export_is_deterministic_and_sorted(sample: PortfolioService) -> None:
    first = document_json(build_document(sample, FIXED))
    assert first == document_json(build_document(sample, FIXED))
    doc = json.loads(first)
    assert doc["format"] == "ssup-desktop-portfolio" and doc["format_version"] == 1
    ids = [entry["id"] for entry in doc["evidence"]]
    assert ids == sorted(ids) and all(entry["title"] for entry in doc["evidence"])
    assert any(entry["attachments"] for entry in doc["evidence"])


def test_round_trip_export_import_export(
    tmp_path: Path, sample: PortfolioService, skills: dict[Edition, Skill]
) -> None:
    first = tmp_path / "first.json"
    export_json(sample, first)
    fresh = PortfolioService.create(tmp_path / "fresh.ssup", skills)
    summary = import_json(fresh, first)
    assert (summary.added, summary.updated, summary.unchanged) == (15, 0, 0)
    assert summary.profile_updated
    second = tmp_path / "second.json"
    export_json(fresh, second)
    assert _without_timestamp(first.read_text("utf-8")) == _without_timestamp(
        second.read_text("utf-8")
    )
    again = import_json(fresh, first)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 15)
    assert not again.profile_updated
    assert fresh.store.problems() == []
    fresh.close()


def test_newer_copy_wins_and_older_is_ignored(
    tmp_path: Path, sample: PortfolioService, skills: dict[Edition, Skill]
) -> None:
    path = tmp_path / "export.json"
    export_json(sample, path)
    doc = json.loads(path.read_text("utf-8"))
    target = doc["evidence"][0]
    target["title"] = "Changed elsewhere"
    target["modified"] = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    doc["evidence"][1]["title"] = "Older change"
    doc["evidence"][1]["modified"] = "2000-01-01T00:00:00Z"
    path.write_text(json.dumps(doc), "utf-8")
    summary = import_json(sample, path)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 14)
    titles = {e.title for e in sample.list_evidence()}
    assert "Changed elsewhere" in titles and "Older change" not in titles
    assert sample.store.problems() == []


def test_profile_taken_only_when_newer(tmp_path: Path, sample: PortfolioService) -> None:
    path = tmp_path / "export.json"
    export_json(sample, path)
    doc = json.loads(path.read_text("utf-8"))
    doc["profile"]["owner_name"] = "Old Name"
    path.write_text(json.dumps(doc), "utf-8")
    assert not import_json(sample, path).profile_updated
    doc["profile"]["modified"] = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    path.write_text(json.dumps(doc), "utf-8")
    assert import_json(sample, path).profile_updated
    assert sample.profile().owner_name == "Old Name"


def _valid_doc(tmp_path: Path, sample: PortfolioService) -> dict[str, Any]:
    path = tmp_path / "valid.json"
    export_json(sample, path)
    doc: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return doc


def _with_attachment(doc: dict[str, Any]) -> dict[str, Any]:
    return next(entry for entry in doc["evidence"] if entry["attachments"])


BAD_DOCS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "not a dict": lambda d: [1, 2],
    "wrong format": lambda d: {**d, "format": "something-else"},
    "newer version": lambda d: {**d, "format_version": 2},
    "version as text": lambda d: {**d, "format_version": "1"},
    "missing profile": lambda d: {k: v for k, v in d.items() if k != "profile"},
    "wrong type": lambda d: {**d, "evidence": [{**d["evidence"][0], "title": 5}]},
    "unknown field": lambda d: {**d, "evidence": [{**d["evidence"][0], "colour": "red"}]},
    "duplicate ids": lambda d: {**d, "evidence": [d["evidence"][0], d["evidence"][0]]},
    "unknown statement": lambda d: {
        **d,
        "evidence": [{**d["evidence"][0], "statement_ids": ["ssup-9-9"]}],
    },
    "bad base64": lambda d: {
        **d,
        "evidence": [
            {
                **_with_attachment(d),
                "attachments": [
                    {**_with_attachment(d)["attachments"][0], "data_base64": "!!not base64!!"}
                ],
            }
        ],
    },
    "sha mismatch": lambda d: {
        **d,
        "evidence": [
            {
                **_with_attachment(d),
                "attachments": [
                    {
                        **_with_attachment(d)["attachments"][0],
                        "data_base64": base64.b64encode(b"other bytes").decode(),
                    }
                ],
            }
        ],
    },
    "javascript link": lambda d: {
        **d,
        "evidence": [{**d["evidence"][0], "links": [{"url": "javascript:alert(1)"}]}],
    },
}


@pytest.mark.parametrize("case", sorted(BAD_DOCS))
def test_invalid_documents_are_refused_before_any_write(
    tmp_path: Path, sample: PortfolioService, case: str
) -> None:
    bad = BAD_DOCS[case](_valid_doc(tmp_path, sample))
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), "utf-8")
    before = document_json(build_document(sample, FIXED))
    with pytest.raises(InterchangeError) as caught:
        import_json(sample, path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert document_json(build_document(sample, FIXED)) == before


@pytest.mark.parametrize(
    "content",
    [b"", b"   ", b"{not json", b"\xff\xfe\x00binary", b"[" * 100_000, b'"\\ud800"', b"null"],
    ids=["empty", "blank", "broken", "binary", "deep", "surrogate", "null"],
)
def test_unreadable_files_are_refused(
    tmp_path: Path, skills: dict[Edition, Skill], content: bytes
) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(content)
    with pytest.raises(InterchangeError, match=str(path)):
        load_import(path, skills)


def test_attachment_names_are_sanitised_on_import(
    tmp_path: Path, sample: PortfolioService, skills: dict[Edition, Skill]
) -> None:
    doc = _valid_doc(tmp_path, sample)
    _with_attachment(doc)["attachments"][0]["name"] = "../../evil/name.png"
    path = tmp_path / "names.json"
    path.write_text(json.dumps(doc), "utf-8")
    plan = load_import(path, skills)
    names = [a.name for entry, _ in plan.entries for a in entry.attachments]
    assert "name.png" in names and not any("/" in n for n in names)


def test_empty_portfolio_export_imports(tmp_path: Path, skills: dict[Edition, Skill]) -> None:
    empty = PortfolioService.create(tmp_path / "e.ssup", skills, Profile(owner_name="E"))
    empty.add_evidence(Evidence(title="only one"))
    export_json(empty, tmp_path / "e.json")
    empty.close()
    other = PortfolioService.create(tmp_path / "o.ssup", skills)
    summary = import_json(other, tmp_path / "e.json")
    assert summary.added == 1 and other.profile().owner_name == "E"
    other.close()


def test_attachment_id_clash_is_refused_and_rolled_back(
    tmp_path: Path, sample: PortfolioService
) -> None:
    doc = _valid_doc(tmp_path, sample)
    # A new entry (new id) carrying an attachment id the portfolio already uses elsewhere.
    clash = {**_with_attachment(doc), "id": "00000000-0000-4000-8000-000000000001"}
    doc["evidence"] = [clash]
    path = tmp_path / "clash.json"
    path.write_text(json.dumps(doc), "utf-8")
    before = document_json(build_document(sample, FIXED))
    with pytest.raises(InterchangeError, match="conflicts with"):
        import_json(sample, path)
    assert document_json(build_document(sample, FIXED)) == before
