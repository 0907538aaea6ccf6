"""Limits and the clock every record shares; plain Python, so start-up can use them."""

from __future__ import annotations

from datetime import UTC, datetime

MAX_TITLE = 300
MAX_TEXT = 100_000
MAX_TAG = 60


def utc_now() -> datetime:
    """The current time in UTC, to the millisecond (what the portfolio stores)."""
    now = datetime.now(UTC)
    return now.replace(microsecond=(now.microsecond // 1000) * 1000)
