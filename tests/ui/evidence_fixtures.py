"""Fixtures for the evidence UI tests: a real portfolio in tmp_path, a session, sample entries."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from ssup_desktop.content import load_all
from ssup_desktop.domain.evidence import Evidence, Link
from ssup_desktop.services import PortfolioService
from ssup_desktop.ui.session import PortfolioSession


def make_png(width: int = 64, height: int = 40) -> bytes:
    """A small real PNG (a colour gradient), so image attachments have thumbnails."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(
        b"\x00"
        + b"".join(
            bytes((40 + x * 200 // width, 90 + y * 160 // height, 160)) for x in range(width)
        )
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PNG_BYTES = make_png()


@pytest.fixture
def service(tmp_path: Path) -> Iterator[PortfolioService]:
    svc = PortfolioService.create(tmp_path / "portfolio.ssup", load_all())
    yield svc
    svc.close()


@pytest.fixture
def session(service: PortfolioService) -> Iterator[PortfolioSession]:
    sess = PortfolioSession(service)
    yield sess
    sess.undo_stack.clear()
    sess.deleteLater()


def sample_entries() -> list[Evidence]:
    return [
        Evidence(
            title="Demo for Contoso",
            date_from=date(2024, 3, 5),
            situation="Contoso asked for a product demonstration before their budget round.",
            action="Prepared a tailored demo of the reporting module.",
            result="They signed a pilot.",
            tags=("demo", "enterprise"),
            statement_ids=("ssup-3-1", "ssup-4-2"),
            links=(Link(url="https://example.com/contoso", label="Deal notes"),),
        ),
        Evidence(
            title="Bid response for Fabrikam",
            date_from=date(2023, 1, 10),
            date_to=date(2023, 2, 20),
            task="Coordinate the technical answers of a public tender.",
            tags=("tender",),
            statement_ids=("ssup-5-1",),
        ),
        Evidence(
            title="Pricing spreadsheet clean-up",
            date_from=date(2025, 6, 1),
            description="Reworked the discount calculator used by the sales team.",
        ),
        Evidence(
            title="Old SFIA 7 example",
            date_from=date(2020, 9, 15),
            statement_ids=("ssup7-3-2",),
            reflection="Learned to ask about decision makers early.",
        ),
    ]


@pytest.fixture
def entries(service: PortfolioService) -> list[Evidence]:
    """The sample entries, stored (as the service returns them)."""
    for evidence in sample_entries():
        service.add_evidence(evidence)
    return [service.get_evidence(e.id) for e in sample_entries_ids(service)]


def sample_entries_ids(service: PortfolioService) -> list[Evidence]:
    order = [e.title for e in sample_entries()]
    return sorted(service.list_evidence(), key=lambda e: order.index(e.title))


def write_file(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def recording_launcher(opened: list[Path]) -> Callable[[Path], bool]:
    """An attachment launcher that records the path instead of starting a viewer."""

    def launch(path: Path) -> bool:
        opened.append(path)
        return True

    return launch
