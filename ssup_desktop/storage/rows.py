"""Conversions between stored text and domain values: UTC datetimes, dates, checksums."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime

from ssup_desktop.domain.evidence import Evidence


def to_utc(value: datetime) -> datetime:
    """``value`` in UTC truncated to the millisecond (naive datetimes are taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    return value.replace(microsecond=(value.microsecond // 1000) * 1000)


def format_datetime(value: datetime) -> str:
    """ISO-8601 UTC with milliseconds: ``2024-05-01T09:30:00.000Z``."""
    value = to_utc(value)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def parse_datetime(text: str) -> datetime:
    return to_utc(datetime.fromisoformat(text))


def format_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def parse_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def canonical_json(evidence: Evidence) -> str:
    """The entry as compact JSON with sorted keys and UTC datetimes (what the checksum covers)."""
    doc = evidence.model_dump(mode="json")
    doc["created"] = format_datetime(evidence.created)
    doc["modified"] = format_datetime(evidence.modified)
    for attachment, info in zip(doc["attachments"], evidence.attachments, strict=True):
        attachment["added"] = format_datetime(info.added)
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def evidence_checksum(evidence: Evidence) -> str:
    """sha256 (hex) of the entry's canonical JSON."""
    return hashlib.sha256(canonical_json(evidence).encode("utf-8")).hexdigest()
