"""SIGKILL at random moments: nothing reported committed is lost, imports are all or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ssup_desktop.content import load_all
from ssup_desktop.services import PortfolioService
from tests.storage.crash_harness import run_kills, write_import_json

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the writer server forks")

EDIT_KILLS = 50
IMPORT_KILLS = 50
IMPORT_ENTRIES = 200


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    path = tmp_path / "crash.ssup"
    PortfolioService.create(path, load_all()).close()
    return path


def _statement() -> str:
    return next(iter(load_all().values())).statements[0].id


def test_killed_edits_lose_nothing_committed(portfolio: Path, tmp_path: Path) -> None:
    report = run_kills(portfolio, "edits", tmp_path, EDIT_KILLS, seed=1)
    assert report.problems == []
    assert report.kills == EDIT_KILLS and report.lost == 0 and report.integrity_failures == 0
    assert report.committed > EDIT_KILLS  # the writers really wrote between the kills


def test_killed_imports_are_all_or_nothing(portfolio: Path, tmp_path: Path) -> None:
    source = write_import_json(tmp_path / "big.json", IMPORT_ENTRIES, _statement())
    report = run_kills(
        portfolio, "import", tmp_path, IMPORT_KILLS, import_json=source, seed=2, max_delay=0.25
    )
    assert report.problems == []
    assert report.partial_imports == 0 and report.lost == 0
    assert report.imports_done >= 1  # some whole imports got through ...
    assert report.imports_cut >= 10  # ... and many were killed halfway (and left no trace)


def test_the_checks_catch_a_writer_that_is_not_atomic(portfolio: Path, tmp_path: Path) -> None:
    """Without one transaction per import, kills leave partial imports, and the check says so."""
    source = write_import_json(tmp_path / "big.json", IMPORT_ENTRIES, _statement())
    report = run_kills(
        portfolio, "import-unsafe", tmp_path, 6, import_json=source, seed=3, max_delay=0.4
    )
    assert report.partial_imports >= 1
    assert report.integrity_failures == 0
