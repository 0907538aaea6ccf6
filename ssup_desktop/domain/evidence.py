"""Evidence entries, their links and attachments (pydantic models)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from ssup_desktop.domain.values import MAX_TAG as MAX_TAG  # re-exported, as before
from ssup_desktop.domain.values import MAX_TEXT as MAX_TEXT
from ssup_desktop.domain.values import MAX_TITLE as MAX_TITLE
from ssup_desktop.domain.values import utc_now as utc_now

ALLOWED_LINK_SCHEMES = ("http", "https", "mailto")
MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024
# The text fields an owner can mark confidential (redacted in a redacted export).
CONFIDENTIAL_FIELDS = (
    "title",
    "situation",
    "task",
    "action",
    "result",
    "description",
    "reflection",
)

Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TAG)]
LongText = Annotated[str, StringConstraints(max_length=MAX_TEXT)]


def check_link_url(url: str) -> str:
    """Return ``url`` stripped if its scheme is http, https or mailto, else raise ValueError."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_LINK_SCHEMES:
        raise ValueError(f"link {url!r}: only http, https and mailto links are allowed")
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        raise ValueError(f"link {url!r}: has no host")
    if parts.scheme.lower() == "mailto" and not parts.path:
        raise ValueError(f"link {url!r}: has no address")
    return url


class Link(BaseModel):
    """A web or mail link kept with an entry."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str = Field(max_length=2000)
    label: str = Field(default="", max_length=MAX_TITLE)

    @field_validator("url")
    @classmethod
    def _scheme(cls, value: str) -> str:
        return check_link_url(value)


class AttachmentInfo(BaseModel):
    """What the portfolio knows about a stored attachment (its bytes live apart)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    name: str = Field(min_length=1, max_length=255)
    media_type: str = Field(default="application/octet-stream", max_length=255)
    size: int = Field(ge=0, le=MAX_ATTACHMENT_BYTES)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    added: datetime = Field(default_factory=utc_now)

    @property
    def is_image(self) -> bool:
        return self.media_type in (
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "image/bmp",
        )


class Evidence(BaseModel):
    """One example from the owner's work, linked to the SSUP statements it supports."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    title: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TITLE)
    ]
    date_from: date | None = None
    date_to: date | None = None
    situation: LongText = ""
    task: LongText = ""
    action: LongText = ""
    result: LongText = ""
    description: LongText = ""
    reflection: LongText = ""
    tags: tuple[Tag, ...] = ()
    links: tuple[Link, ...] = ()
    statement_ids: tuple[str, ...] = ()
    attachments: tuple[AttachmentInfo, ...] = ()
    private: bool = False
    confidential: bool = False  # the whole entry is confidential
    confidential_fields: tuple[
        str, ...
    ] = ()  # or only these fields (names from CONFIDENTIAL_FIELDS)
    created: datetime = Field(default_factory=utc_now)
    modified: datetime = Field(default_factory=utc_now)

    @field_validator("tags")
    @classmethod
    def _unique_tags(cls, tags: tuple[str, ...]) -> tuple[str, ...]:
        seen: dict[str, str] = {}
        for tag in tags:
            seen.setdefault(tag.casefold(), tag)
        return tuple(seen.values())

    @field_validator("statement_ids")
    @classmethod
    def _unique_ids(cls, ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(ids))

    @field_validator("confidential_fields")
    @classmethod
    def _known_fields(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [n for n in names if n not in CONFIDENTIAL_FIELDS]
        if unknown:
            raise ValueError(f"unknown confidential field(s): {', '.join(unknown)}")
        return tuple(n for n in CONFIDENTIAL_FIELDS if n in names)

    @model_validator(mode="after")
    def _range(self) -> Evidence:
        if self.date_to is not None and self.date_from is None:
            raise ValueError("an end date needs a start date")
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValueError("the end date is before the start date")
        return self

    @property
    def when(self) -> date | None:
        """The date the entry counts from for recency: the end of its range, else its date."""
        return self.date_to or self.date_from

    @property
    def day(self) -> date:
        """``when``, else the day the entry was made (domain.progress.Supporting)."""
        return self.when or self.created.date()

    def date_label(self) -> str:
        if self.date_from is None:
            return ""
        if self.date_to is None or self.date_to == self.date_from:
            return self.date_from.isoformat()
        return f"{self.date_from.isoformat()} to {self.date_to.isoformat()}"

    def searchable_text(self) -> str:
        """Every text field joined, for full-text search."""
        parts = [
            self.title,
            self.situation,
            self.task,
            self.action,
            self.result,
            self.description,
            self.reflection,
            " ".join(self.tags),
            " ".join(f"{link.label} {link.url}" for link in self.links),
            " ".join(a.name for a in self.attachments),
        ]
        return "\n".join(p for p in parts if p)
