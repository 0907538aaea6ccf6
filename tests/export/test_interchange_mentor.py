"""The interchange document's mentor part: round trip, second import no change, old files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.export.interchange import InterchangeError, export_json, import_json
from ssup_desktop.services import PortfolioService


def _doc(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


def test_sample_has_jordan_lees_session(sample: PortfolioService) -> None:
    session = sample.mentor.sessions()[0]
    assert session.mentor_name == "Jordan Lee" and len(session.actions) == 2
    kinds = {v.kind.value for v in sample.mentor.rows.verdicts()}
    assert {"agreed", "needs_more_evidence"} <= kinds
    assert sample.verified_keys() >= {"ssup-3-1"}
    assert sample.mentor.rows.comments()


def test_mentor_part_round_trips_and_second_import_changes_nothing(
    tmp_path: Path, sample: PortfolioService, skills: dict[Edition, Skill]
) -> None:
    first = tmp_path / "first.json"
    export_json(sample, first)
    mentor = _doc(first)["mentor"]
    assert [len(mentor[k]) for k in ("sessions", "entry_comments", "actions")] == [1, 2, 2]
    fresh = PortfolioService.create(tmp_path / "fresh.ssup", skills)
    import_json(fresh, first)
    assert fresh.mentor.records() == sample.mentor.records()
    assert fresh.verified_keys() == sample.verified_keys()
    assert len(fresh.progress.history()) == len(sample.progress.history())
    second = tmp_path / "second.json"
    export_json(fresh, second)
    assert _doc(second)["mentor"] == mentor
    import_json(fresh, first)
    assert fresh.mentor.records() == sample.mentor.records()
    assert len(fresh.progress.actions()) == len(sample.progress.actions())
    fresh.close()


def test_files_without_a_mentor_part_import(
    tmp_path: Path, sample: PortfolioService, skills: dict[Edition, Skill]
) -> None:
    path = tmp_path / "old.json"
    export_json(sample, path)
    doc = _doc(path)
    del doc["mentor"]
    path.write_text(json.dumps(doc), "utf-8")
    fresh = PortfolioService.create(tmp_path / "fresh.ssup", skills)
    import_json(fresh, path)
    assert fresh.mentor.records() == []
    fresh.close()


def test_unknown_statement_in_a_verdict_is_refused(
    tmp_path: Path, sample: PortfolioService, skills: dict[Edition, Skill]
) -> None:
    path = tmp_path / "bad.json"
    export_json(sample, path)
    doc = _doc(path)
    doc["mentor"]["verdicts"][0]["statement_id"] = "ssup-7-9"
    path.write_text(json.dumps(doc), "utf-8")
    fresh = PortfolioService.create(tmp_path / "fresh.ssup", skills)
    with pytest.raises(InterchangeError, match="unknown SSUP statement id ssup-7-9"):
        import_json(fresh, path)
    assert fresh.mentor.records() == [] and fresh.list_evidence() == []
    fresh.close()
