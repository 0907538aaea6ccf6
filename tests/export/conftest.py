"""Export fixtures: the packaged skills and an open sample portfolio in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.sample import build_sample
from ssup_desktop.services import PortfolioService


@pytest.fixture
def sample(tmp_path: Path, skills: dict[Edition, Skill]) -> Iterator[PortfolioService]:
    service = build_sample(tmp_path / "sample.ssup", skills)
    yield service
    service.close()
