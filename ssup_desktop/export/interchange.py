"""The JSON interchange format: deterministic export; import that validates everything first."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ssup_desktop import __version__
from ssup_desktop.domain.evidence import MAX_TITLE, AttachmentInfo, Evidence, utc_now
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.record import as_dict
from ssup_desktop.domain.sfia import DEFAULT_EDITION, Edition, Skill
from ssup_desktop.export.interchange_mentor import (
    MentorDocument,
    build_mentor,
    mentor_problem,
    merge_mentor,
)
from ssup_desktop.export.interchange_progress import (
    ProgressDocument,
    build_progress,
    merge_progress,
    progress_problem,
)
from ssup_desktop.services import MergeSummary, PortfolioService, safe_attachment_name
from ssup_desktop.storage.errors import describe_os_error

FORMAT_NAME = "ssup-desktop-portfolio"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 2**30  # 1 GiB: refused before reading, so memory is never exhausted


class InterchangeError(Exception):
    """A file cannot be imported or exported; the message names the file and the problem."""


class AttachmentDocument(AttachmentInfo):
    """An attachment with its bytes, base64-encoded."""

    data_base64: str


class EvidenceDocument(Evidence):
    """An evidence entry with its attachments' bytes."""

    attachments: tuple[AttachmentDocument, ...] = ()


class ProfileDocument(BaseModel):
    """The portfolio owner and where they stand."""

    # domain.profile.Profile as the file holds it, checked by pydantic (the schema's description
    # is the docstring above)

    model_config = ConfigDict(extra="forbid")

    owner_name: str = Field(default="", max_length=MAX_TITLE)
    role: str = Field(default="", max_length=MAX_TITLE)
    organisation: str = Field(default="", max_length=MAX_TITLE)
    edition: Edition = DEFAULT_EDITION
    current_level: int | None = Field(default=None, ge=1, le=7)
    target_level: int | None = Field(default=None, ge=1, le=7)
    portfolio_id: uuid.UUID = Field(default_factory=uuid.uuid4)
    created: datetime = Field(default_factory=utc_now)
    modified: datetime = Field(default_factory=utc_now)

    @classmethod
    def of(cls, profile: Profile) -> ProfileDocument:
        return cls(**as_dict(profile))

    def to_profile(self) -> Profile:
        return Profile(**dict(self))


class InterchangeDocument(BaseModel):
    """A whole portfolio as one JSON document."""

    model_config = ConfigDict(extra="forbid", title="SSUP Desktop portfolio")

    format: Literal["ssup-desktop-portfolio"] = "ssup-desktop-portfolio"
    format_version: Literal[1] = 1
    exported: datetime = Field(default_factory=utc_now)
    app_version: str = __version__
    profile: ProfileDocument
    evidence: tuple[EvidenceDocument, ...] = ()
    progress: ProgressDocument | None = None
    mentor: MentorDocument | None = None


@dataclass(frozen=True)
class PortfolioImport:
    """A validated import file: the profile and each entry with its attachments' bytes."""

    profile: Profile
    entries: list[tuple[Evidence, dict[uuid.UUID, bytes]]]
    progress: ProgressDocument | None = None
    mentor: MentorDocument | None = None


def schema_json() -> str:
    """The JSON Schema of the format (committed as docs/interchange.schema.json)."""
    return json.dumps(InterchangeDocument.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


# --- export ----------------------------------------------------------------------------------


def build_document(
    service: PortfolioService, exported: datetime | None = None
) -> InterchangeDocument:
    """The portfolio as a document: entries sorted by id, attachments in their stored order."""
    entries = sorted(service.list_evidence(), key=lambda e: str(e.id))
    documents = []
    for entry in entries:
        attachments = tuple(
            AttachmentDocument(
                **info.model_dump(),
                data_base64=base64.b64encode(service.attachment_data(info.id)).decode("ascii"),
            )
            for info in entry.attachments
        )
        fields = entry.model_dump(exclude={"attachments"})
        documents.append(EvidenceDocument(**fields, attachments=attachments))
    return InterchangeDocument(
        exported=exported or utc_now(),
        profile=ProfileDocument.of(service.profile()),
        evidence=tuple(documents),
        progress=build_progress(service.progress),
        mentor=build_mentor(service.mentor),
    )


def document_json(document: InterchangeDocument) -> str:
    return json.dumps(document.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder, fsync and os.replace."""
    folder = path.parent
    if not folder.is_dir():
        raise InterchangeError(f"{path}: folder {folder} does not exist")
    if path.is_dir():
        raise InterchangeError(f"{path}: is a folder")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InterchangeError(
            f"{path}: cannot write ({describe_os_error(exc)}); nothing was written"
        ) from exc
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise InterchangeError(
            f"{path}: cannot write ({describe_os_error(exc)}); nothing was written"
        ) from exc
    if os.name == "posix":
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def export_json(service: PortfolioService, path: Path) -> InterchangeDocument:
    """Export the whole portfolio to ``path`` (atomically); returns what was written."""
    document = build_document(service)
    write_atomically(path, document_json(document).encode("utf-8"))
    return document


# --- import ----------------------------------------------------------------------------------


def _short(text: str, limit: int = 200) -> str:
    """At most ``limit`` characters of user-controlled text for a one-line message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _location(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _read_json(path: Path) -> Any:
    if not path.exists():
        raise InterchangeError(f"{path}: no such file")
    if path.is_dir():
        raise InterchangeError(f"{path}: is a folder, not a JSON file")
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise InterchangeError(
                f"{path}: too large to import ({size // 2**20} MiB; "
                f"the limit is {MAX_IMPORT_BYTES // 2**20} MiB)"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InterchangeError(f"{path}: cannot read ({exc.strerror})") from exc
    if not raw.strip():
        raise InterchangeError(f"{path}: empty file, not an SSUP Desktop export")
    try:
        text = raw.decode("utf-8-sig")
        value = json.loads(text)
        # Lone surrogates ("\ud800") parse but cannot be stored.
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeError as exc:
        raise InterchangeError(f"{path}: not a JSON file (invalid UTF-8 text)") from exc
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            f"{path}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise InterchangeError(f"{path}: not valid JSON ({exc.__class__.__name__})") from exc
    return value


def _check_header(path: Path, raw: Any) -> None:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
        raise InterchangeError(f"{path}: not an SSUP Desktop portfolio export")
    version = raw.get("format_version")
    if type(version) is not int:
        raise InterchangeError(f"{path}: format_version must be a whole number")
    if version != FORMAT_VERSION:
        raise InterchangeError(
            f"{path}: format version {version} is not supported "
            f"(this version of SSUP Desktop reads version {FORMAT_VERSION})"
        )


def _entry(
    path: Path, doc: EvidenceDocument, known: set[str]
) -> tuple[Evidence, dict[uuid.UUID, bytes]]:
    unknown = [sid for sid in doc.statement_ids if sid not in known]
    if unknown:
        raise InterchangeError(
            f"{path}: evidence entry {doc.id}: unknown SSUP statement id(s): "
            + _short(", ".join(unknown))
        )
    data: dict[uuid.UUID, bytes] = {}
    infos = []
    for attachment in doc.attachments:
        where = f"{path}: evidence entry {doc.id}: attachment {attachment.id}"
        try:
            content = base64.b64decode(attachment.data_base64, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise InterchangeError(f"{where}: data_base64 is not valid base64") from exc
        if len(content) != attachment.size:
            raise InterchangeError(f"{where}: size {attachment.size} does not match its data")
        if hashlib.sha256(content).hexdigest() != attachment.sha256:
            raise InterchangeError(f"{where}: sha256 does not match its data")
        data[attachment.id] = content
        fields = attachment.model_dump(exclude={"data_base64"})
        fields["name"] = safe_attachment_name(attachment.name)
        infos.append(AttachmentInfo(**fields))
    entry = Evidence(**doc.model_dump(exclude={"attachments"}), attachments=tuple(infos))
    return entry, data


def load_import(path: Path, skills: dict[Edition, Skill]) -> PortfolioImport:
    """Read and validate the whole file (nothing is written); raise InterchangeError if bad."""
    raw = _read_json(path)
    _check_header(path, raw)
    try:
        document = InterchangeDocument.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where, msg = _short(_location(error["loc"])), _short(error["msg"])
        raise InterchangeError(f"{path}: field {where}: {msg}") from exc
    seen: set[uuid.UUID] = set()
    seen_attachments: set[uuid.UUID] = set()
    for doc in document.evidence:
        if doc.id in seen:
            raise InterchangeError(f"{path}: evidence id {doc.id} appears more than once")
        seen.add(doc.id)
        for attachment in doc.attachments:
            if attachment.id in seen_attachments:
                raise InterchangeError(
                    f"{path}: attachment id {attachment.id} appears more than once"
                )
            seen_attachments.add(attachment.id)
    known = {st.id for skill in skills.values() for st in skill.statements}
    entries = [_entry(path, doc, known) for doc in document.evidence]
    if document.progress is not None:
        problem = progress_problem(document.progress, known)
        if problem:
            raise InterchangeError(f"{path}: progress: {problem}")
    if document.mentor is not None:
        problem = mentor_problem(document.mentor, known)
        if problem:
            raise InterchangeError(f"{path}: mentor: {problem}")
    return PortfolioImport(
        document.profile.to_profile(), entries, document.progress, document.mentor
    )


def apply_import(service: PortfolioService, source: Path, plan: PortfolioImport) -> MergeSummary:
    """Merge a validated import into the portfolio in one transaction (backed up first)."""
    service.backup("before-import")  # raises storage.BackupError: then nothing is imported
    try:
        with service.store.transaction():
            summary = service.merge(plan.profile, plan.entries, validated=True)
            merge_progress(service.progress, plan.progress, summary.profile_updated)
            merge_mentor(service.mentor, plan.mentor)
        return summary
    except sqlite3.IntegrityError as exc:
        raise InterchangeError(f"{source}: conflicts with {service.path} ({exc})") from exc


def import_json(service: PortfolioService, path: Path) -> MergeSummary:
    """Validate the whole file, then merge it: new entries added, newer copies replace older."""
    return apply_import(service, path, load_import(path, service.skills))


if __name__ == "__main__":
    print(schema_json(), end="")
