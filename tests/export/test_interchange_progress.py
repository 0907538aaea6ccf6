"""Interchange of progress data: round trip, idempotent re-import, older files, bad ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.export.interchange import InterchangeError, export_json, import_json
from ssup_desktop.services import PortfolioService


def _doc(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_text("utf-8"))
    doc.pop("exported")
    return doc


def _state(service: PortfolioService) -> tuple[object, ...]:
    p = service.progress
    return (p.assessments(), p.history(), p.actions(), p.recency_years())


def test_progress_round_trips_and_second_import_changes_nothing(
    tmp_path: Path, sample: PortfolioService, skills: dict[Edition, Skill]
) -> None:
    sample.progress.set_recency_years(4)
    first = tmp_path / "first.json"
    export_json(sample, first)
    progress = _doc(first)["progress"]
    assert progress["recency_years"] == 4
    assert len([a for a in progress["plan_actions"] if a["source"] == "user"]) == 5
    assert len(progress["assessment_history"]) > len(progress["assessments"]) >= 4

    fresh = PortfolioService.create(tmp_path / "fresh.ssup", skills)
    import_json(fresh, first)
    assert _state(fresh) == _state(sample)
    second = tmp_path / "second.json"
    export_json(fresh, second)
    assert _doc(first) == _doc(second)
    before = _state(fresh)
    import_json(fresh, first)
    assert _state(fresh) == before
    fresh.close()


def test_a_file_without_progress_still_imports(
    tmp_path: Path, sample: PortfolioService, skills: dict[Edition, Skill]
) -> None:
    path = tmp_path / "old.json"
    export_json(sample, path)
    doc = json.loads(path.read_text("utf-8"))
    del doc["progress"]
    path.write_text(json.dumps(doc), "utf-8")
    fresh = PortfolioService.create(tmp_path / "fresh.ssup", skills)
    summary = import_json(fresh, path)
    assert summary.added == len(doc["evidence"])
    assert fresh.progress.assessments() == [] and fresh.progress.recency_years() == 3
    fresh.close()


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        ("assessments", {"statement_id": "ssup-9-1", "rating": "developing"}, "unknown SSUP"),
        ("plan_actions", {"text": "x", "statement_id": "bogus"}, "unknown SSUP"),
        ("assessments", {"statement_id": "ssup-1-1", "rating": "great"}, "rating"),
    ],
)
def test_bad_progress_is_refused_before_any_write(
    tmp_path: Path,
    sample: PortfolioService,
    skills: dict[Edition, Skill],
    where: str,
    value: dict[str, Any],
    message: str,
) -> None:
    path = tmp_path / "bad.json"
    export_json(sample, path)
    doc = json.loads(path.read_text("utf-8"))
    doc["progress"][where].append(value)
    path.write_text(json.dumps(doc), "utf-8")
    fresh = PortfolioService.create(tmp_path / "fresh.ssup", skills)
    with pytest.raises(InterchangeError, match=message):
        import_json(fresh, path)
    assert fresh.store.evidence_count() == 0 and fresh.progress.actions() == []
    fresh.close()


def test_repeated_history_ids_are_refused(tmp_path: Path, sample: PortfolioService) -> None:
    path = tmp_path / "dup.json"
    export_json(sample, path)
    doc = json.loads(path.read_text("utf-8"))
    history = doc["progress"]["assessment_history"]
    history.append(history[0])
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(InterchangeError, match="appears more than once"):
        import_json(sample, path)
