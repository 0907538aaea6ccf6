"""Where SSUP Desktop keeps things: platformdirs, SSUP_DESKTOP_DATA_DIR, --portfolio."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

APP_DIR_NAME = "ssup-desktop"
PORTFOLIO_SUFFIX = ".ssup"
DEFAULT_PORTFOLIO_NAME = "portfolio.ssup"
DATA_DIR_ENV = "SSUP_DESKTOP_DATA_DIR"
# The packaged, read-only data (SFIA text, icons), read as files: the app is installed as files,
# and importlib.resources alone costs milliseconds of every start.
PACKAGE_DATA = Path(__file__).resolve().parent / "data"


# a NamedTuple, not a dataclass: defined as the app starts, where defining a dataclass costs 1 ms
class AppPaths(NamedTuple):
    """The folders and files one run of the app uses."""

    data_dir: Path
    # where what can be rebuilt is kept (platformdirs' user cache dir); None: data_dir/cache
    cache_root: Path | None = None

    @property
    def cache_dir(self) -> Path:
        """The folder for caches: deleting it loses nothing (see ``ui.qt_import``)."""
        return self.cache_root if self.cache_root is not None else self.data_dir / "cache"

    @property
    def default_portfolio(self) -> Path:
        return self.data_dir / DEFAULT_PORTFOLIO_NAME

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.ini"

    def ensure(self) -> None:
        """Create the data dir readable by its owner only."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            self.data_dir.chmod(0o700)


def resolve_paths(environ: dict[str, str] | None = None) -> AppPaths:
    """The data dir: $SSUP_DESKTOP_DATA_DIR if set (caches go in it), else platformdirs' user
    data dir (and its user cache dir for caches)."""
    env = os.environ if environ is None else environ
    override = env.get(DATA_DIR_ENV, "").strip()
    if override:
        return AppPaths(Path(override).expanduser().resolve())
    import platformdirs  # only when no folder is given

    return AppPaths(
        Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False)),
    )
