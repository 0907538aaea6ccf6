"""A realistic demo portfolio (Alex Morgan, pre-sales consultant) for the Open Sample command."""

from __future__ import annotations

import hashlib
import struct
import uuid
import zlib
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ssup_desktop.domain.evidence import AttachmentInfo, Evidence, utc_now
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.sample_entries import sample_entries
from ssup_desktop.sample_mentor import add_sample_mentor
from ssup_desktop.sample_progress import sample_progress
from ssup_desktop.services import PortfolioService

SAMPLE_PROFILE: dict[str, Any] = {
    "owner_name": "Alex Morgan",
    "role": "Pre-sales consultant",
    "organisation": "Northwind Systems",
    "edition": Edition.SFIA9,
    "current_level": 3,
    "target_level": 4,
}


def png_bar_chart(width: int = 240, height: int = 160) -> bytes:
    """A real PNG: a small bar chart (demo requests per quarter) drawn pixel by pixel."""
    bars = [0.35, 0.5, 0.45, 0.7, 0.85, 0.6, 0.95]
    background, axis, bar = (250, 250, 252), (60, 60, 70), (46, 110, 180)
    rows = []
    slot = (width - 20) // len(bars)
    for y in range(height):
        row = bytearray([0])  # filter type: none
        for x in range(width):
            colour = background
            if x == 10 or y == height - 10:
                colour = axis
            else:
                index = (x - 14) // slot
                inside = 0 <= index < len(bars) and (x - 14) % slot < slot - 8
                top = height - 10 - int(bars[index] * (height - 30)) if inside else height
                if inside and top <= y < height - 10:
                    colour = bar
            row.extend(colour)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def pdf_one_page(text: str) -> bytes:
    """A real one-page PDF with one line of Helvetica text and a correct xref table."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 56 760 Td ({safe}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _attachment(name: str, data: bytes, added: datetime) -> AttachmentInfo:
    media_type = {"png": "image/png", "pdf": "application/pdf"}.get(
        name.rsplit(".", 1)[-1], "application/octet-stream"
    )
    return AttachmentInfo(
        name=name,
        media_type=media_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        added=added,
    )


def sample_content(
    today: date | None = None,
) -> tuple[Profile, list[tuple[Evidence, dict[uuid.UUID, bytes]]]]:
    """The demo profile and entries, dated relative to ``today``."""
    today = today or utc_now().date()
    now = utc_now()
    start = datetime.combine(today - timedelta(days=4 * 365 + 30), time(9, 0), tzinfo=UTC)
    profile = Profile(**SAMPLE_PROFILE, created=start, modified=start)
    result = []
    png = png_bar_chart()
    pdf = pdf_one_page("Tailspin Toys RFP - security questionnaire: answers reviewed")
    for spec in sample_entries(png, pdf):
        end = today - timedelta(days=spec.days_ago)
        begin = end - timedelta(days=spec.span_days)
        written = min(datetime.combine(end, time(17, 30), tzinfo=UTC), now)
        infos = [_attachment(name, data, written) for name, data in spec.files.items()]
        situation, task, action, outcome = spec.star
        entry = Evidence(
            title=spec.title,
            date_from=begin,
            date_to=end if spec.span_days else None,
            situation=situation,
            task=task,
            action=action,
            result=outcome,
            reflection=spec.reflection,
            tags=spec.tags,
            links=spec.links,
            statement_ids=spec.statements,
            attachments=tuple(infos),
            private=spec.private,
            confidential_fields=spec.confidential_fields,
            created=written,
            modified=written,
        )
        data = {info.id: spec.files[info.name] for info in infos}
        result.append((entry, data))
    return profile, result


def build_sample(path: Path, skills: dict[Edition, Skill]) -> PortfolioService:
    """Write the demo portfolio to a new file ``path`` and return it open."""
    profile, entries = sample_content()
    service = PortfolioService.create(path, skills, profile)
    try:
        service.merge(profile, entries)
        service.progress.merge(*sample_progress(utc_now().date(), utc_now()))
        add_sample_mentor(service)
    except BaseException:
        service.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return service
