"""Conversions between stored text and domain values: UTC datetimes, dates, checksums."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # a pydantic model, needed here only for types (start-up never loads it)
    from ssup_desktop.domain.evidence import Evidence


# a NamedTuple, not a dataclass: defined as the app starts, where defining a dataclass costs 1 ms
class EvidenceRow(NamedTuple):
    """What the evidence log shows of an entry, read straight from its rows (no story text).

    Dates are the stored ISO text: ``date_from``/``date_to`` ``YYYY-MM-DD`` or None, ``modified``
    ISO-8601 UTC with milliseconds (so each sorts correctly as text).
    """

    id: uuid.UUID
    key: str  # str(id)
    rowid: int  # the entry's SQLite rowid (the full-text index's key); changes if re-inserted
    title: str
    date_from: str | None
    date_to: str | None
    modified: str
    created: str  # as modified
    statement_ids: tuple[str, ...]
    tags: tuple[str, ...]
    attachment_names: tuple[str, ...]

    def date_label(self) -> str:
        """As Evidence.date_label: "2024-03-05", "2024-03-05 to 2024-04-01" or ""."""
        if self.date_from is None:
            return ""
        if self.date_to is None or self.date_to == self.date_from:
            return self.date_from
        return f"{self.date_from} to {self.date_to}"

    def modified_at(self) -> datetime:
        return parse_datetime(self.modified)

    @property
    def day(self) -> date:
        """As Evidence.day: the end of the range, else the date, else the day it was made."""
        text = self.date_to or self.date_from or self.created[:10]
        return date.fromisoformat(text)


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
    value = datetime.fromisoformat(text)
    if value.tzinfo is UTC and not value.microsecond % 1000:  # as format_datetime wrote it
        return value
    return to_utc(value)


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
    import hashlib  # OpenSSL's start-up cost, paid only when entries are written or checked

    return hashlib.sha256(canonical_json(evidence).encode("utf-8")).hexdigest()
