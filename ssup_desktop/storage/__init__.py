"""Portfolio files: stdlib sqlite3, one file per portfolio. Never imports Qt."""

from ssup_desktop.storage.db import (
    LATEST_SCHEMA,
    NewerSchemaError,
    NotAPortfolioError,
    PortfolioDamagedError,
    PortfolioError,
    PortfolioExistsError,
    PortfolioNotFoundError,
)
from ssup_desktop.storage.errors import (
    BackupError,
    DiskFullError,
    PortfolioInUseError,
    PortfolioReadOnlyError,
    PortfolioWriteError,
)
from ssup_desktop.storage.portfolio import PortfolioStore

__all__ = [
    "LATEST_SCHEMA",
    "BackupError",
    "DiskFullError",
    "NewerSchemaError",
    "NotAPortfolioError",
    "PortfolioDamagedError",
    "PortfolioError",
    "PortfolioExistsError",
    "PortfolioInUseError",
    "PortfolioNotFoundError",
    "PortfolioReadOnlyError",
    "PortfolioStore",
    "PortfolioWriteError",
]
