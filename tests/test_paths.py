"""Where the app keeps its data and its caches."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ssup_desktop.paths import DATA_DIR_ENV, AppPaths, resolve_paths


def test_a_given_data_dir_holds_the_cache_too(tmp_path: Path) -> None:
    paths = resolve_paths({DATA_DIR_ENV: str(tmp_path / "data")})
    assert paths.data_dir == (tmp_path / "data").resolve()
    assert paths.cache_dir == paths.data_dir / "cache"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders")
def test_the_user_folders_keep_data_and_cache_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    paths = resolve_paths({})
    assert paths.data_dir == tmp_path / "share" / "ssup-desktop"
    assert paths.cache_dir == tmp_path / "cache" / "ssup-desktop"


def test_paths_made_by_hand_put_the_cache_in_the_data_dir(tmp_path: Path) -> None:
    assert AppPaths(tmp_path).cache_dir == tmp_path / "cache"
    assert AppPaths(tmp_path, tmp_path / "elsewhere").cache_dir == tmp_path / "elsewhere"
