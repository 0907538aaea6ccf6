"""PDF export of a real portfolio: text, page furniture, scope, redaction, sizes, safe writes."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from ssup_desktop.domain.evidence import Evidence, Link
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.export.pdf import PdfExportError, export_pdf_cli, write_pdf
from ssup_desktop.export.pdf_options import PageSize, ReportOptions, Scope
from ssup_desktop.sample import build_sample, png_bar_chart
from ssup_desktop.services import PortfolioService

SECRET = "Zanzibar pricing codename"
HOSTILE = "<b>Bold</b> & <script>"


@pytest.fixture
def service(
    tmp_path: Path, skills: dict[Edition, Skill], qtbot: QtBot
) -> Iterator[PortfolioService]:
    profile = Profile(owner_name="Robin Okafor", role="Pre-sales", current_level=3, target_level=4)
    svc = PortfolioService.create(tmp_path / "p.ssup", skills, profile)
    add = svc.add_evidence
    add(
        Evidence(
            title="Discovery workshop",
            date_from=date(2025, 3, 3),
            situation="Unclear needs.",
            action="Ran a workshop.",
            statement_ids=("ssup-3-1", "ssup-4-1"),
        )
    )
    add(
        Evidence(
            title="Legacy helpdesk calls", date_from=date(2018, 5, 5), statement_ids=("ssup-1-1",)
        )
    )
    add(Evidence(title=HOSTILE, date_from=date(2025, 4, 4), statement_ids=("ssup-2-1",)))
    add(Evidence(title="Unlinked reading notes", date_from=date(2024, 12, 1), description="Books."))
    secret = Evidence(
        title=f"Deal {SECRET}",
        date_from=date(2025, 1, 9),
        result=f"Won {SECRET}.",
        tags=("zanzibar",),
        links=(Link(url="https://z.example/zanzibar"),),
        statement_ids=("ssup-3-2",),
        confidential=True,
    )
    add(secret)
    add(
        Evidence(
            title="Estimate review",
            date_from=date(2025, 2, 2),
            situation="Open text.",
            result=f"Margin {SECRET}",
            confidential_fields=("result",),
            statement_ids=("ssup-4-4",),
        )
    )
    chart = tmp_path / "zanzibar-chart.png"
    chart.write_bytes(png_bar_chart())
    svc.add_attachment(secret.id, chart)
    yield svc
    svc.close()


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _pages(path: Path) -> list[str]:
    return [_norm(page.extract_text()) for page in PdfReader(str(path)).pages]


def test_whole_portfolio_pdf_has_every_statement_entry_and_footer(
    service: PortfolioService, skills: dict[Edition, Skill], tmp_path: Path
) -> None:
    target = tmp_path / "out.pdf"
    result = write_pdf(service, target, ReportOptions())
    pages = _pages(target)
    assert result.pages == len(pages) > 3
    text = " ".join(pages)
    for st in skills[Edition.SFIA9].statements:
        assert _norm(st.text) in text
    for entry in service.list_evidence():
        assert _norm(entry.title) in text
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    assert all("Robin Okafor" in page for page in pages[1:])
    assert "Sales support (SSUP) evidence portfolio" in pages[0]
    assert "Level 4 (Enable): 2 of 4 statements evidenced, 0 verified" in pages[0]
    assert "SFIA (c) SFIA Foundation" in pages[-1]
    assert not list(tmp_path.glob(".*.part"))


def test_repeated_exports_keep_none_alive(service: PortfolioService, tmp_path: Path) -> None:
    before = sys.getrefcount(None)
    for _ in range(3):
        write_pdf(service, tmp_path / "out.pdf", ReportOptions())
    assert sys.getrefcount(None) >= before - 20


def test_html_in_a_title_prints_literally(service: PortfolioService, tmp_path: Path) -> None:
    write_pdf(service, tmp_path / "out.pdf", ReportOptions())
    assert HOSTILE in " ".join(_pages(tmp_path / "out.pdf"))


def test_level_scope_prints_only_that_level(
    service: PortfolioService, skills: dict[Edition, Skill], tmp_path: Path
) -> None:
    summary = export_pdf_cli(service, tmp_path / "l3.pdf", 3)
    assert summary.startswith(f"Wrote {tmp_path / 'l3.pdf'}: ") and "level 3" in summary
    text = " ".join(_pages(tmp_path / "l3.pdf"))
    skill = skills[Edition.SFIA9]
    for st in skill.level(3).statements:
        assert _norm(st.text) in text
    for other in (1, 2, 4, 5, 6):
        assert not any(_norm(st.text) in text for st in skill.level(other).statements)
    assert "Discovery workshop" in text and "Legacy helpdesk calls" not in text
    assert "Unlinked reading notes" not in text


def test_date_range_keeps_only_entries_inside(service: PortfolioService, tmp_path: Path) -> None:
    options = ReportOptions(date_from=date(2025, 2, 1), date_to=date(2025, 3, 31))
    write_pdf(service, tmp_path / "r.pdf", options)
    text = " ".join(_pages(tmp_path / "r.pdf"))
    assert "Discovery workshop" in text and "Estimate review" in text
    assert "Legacy helpdesk calls" not in text and "Unlinked reading notes" not in text


def test_redacted_pdf_contains_no_confidential_text(
    service: PortfolioService, tmp_path: Path
) -> None:
    write_pdf(service, tmp_path / "red.pdf", ReportOptions(redacted=True))
    text = " ".join(_pages(tmp_path / "red.pdf")).lower()
    raw = (tmp_path / "red.pdf").read_bytes().lower()
    for secret in (SECRET.lower(), "zanzibar", "z.example"):
        assert secret not in text
        assert secret.encode() not in raw
    assert "[redacted]" in text and "open text." in text
    images = sum(len(page.images) for page in PdfReader(str(tmp_path / "red.pdf")).pages)
    assert images == 0  # the only picture belongs to the confidential entry


def test_images_are_embedded_unless_turned_off(service: PortfolioService, tmp_path: Path) -> None:
    write_pdf(service, tmp_path / "img.pdf", ReportOptions())
    write_pdf(service, tmp_path / "noimg.pdf", ReportOptions(include_images=False))

    def count(path: Path) -> int:
        return sum(len(page.images) for page in PdfReader(str(path)).pages)

    assert count(tmp_path / "img.pdf") == 1
    assert count(tmp_path / "noimg.pdf") == 0


@pytest.mark.parametrize(
    ("size", "expected"), [(PageSize.A4, (595, 842)), (PageSize.LETTER, (612, 792))]
)
def test_page_sizes(
    service: PortfolioService, tmp_path: Path, size: PageSize, expected: tuple[int, int]
) -> None:
    write_pdf(service, tmp_path / "s.pdf", ReportOptions(page_size=size))
    for page in PdfReader(str(tmp_path / "s.pdf")).pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == expected


def test_cancel_midway_leaves_no_file_and_keeps_an_existing_one(
    service: PortfolioService, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "out.pdf"
    target.write_bytes(b"the old report")
    calls: list[tuple[int, int]] = []
    result = write_pdf(
        service,
        target,
        ReportOptions(),
        progress=lambda d, t: calls.append((d, t)),
        cancelled=lambda: len(calls) >= 5,
    )
    assert result.cancelled and result.path is None
    assert target.read_bytes() == b"the old report"
    assert len(calls) == 5  # cancelled while painting pages, with the temporary file open
    assert [p.name for p in folder.iterdir()] == ["out.pdf"]


def test_failure_midway_keeps_the_existing_file(service: PortfolioService, tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"the old report")

    def explode(done: int, total: int) -> None:
        if done > 3:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        write_pdf(service, target, ReportOptions(), progress=explode)
    assert target.read_bytes() == b"the old report"
    assert not list(tmp_path.glob(".*.part"))


def test_unwritable_folder_raises_a_clear_error(
    service: PortfolioService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "missing-folder" / "out.pdf"
    with pytest.raises(PdfExportError, match=r"missing-folder/out\.pdf: cannot write here"):
        write_pdf(service, target, ReportOptions())

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(PdfExportError, match=r"out\.pdf: cannot write here \(Permission denied\)"):
        write_pdf(service, tmp_path / "out.pdf", ReportOptions())


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_folder_raises_a_clear_error(service: PortfolioService, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PdfExportError, match=r"ro/out\.pdf"):
            write_pdf(service, folder / "out.pdf", ReportOptions())
    finally:
        folder.chmod(0o700)


def test_selected_entries_scope(service: PortfolioService, tmp_path: Path) -> None:
    chosen = [e for e in service.list_evidence() if e.title == "Discovery workshop"]
    options = ReportOptions(scope=Scope.SELECTED, evidence_ids=frozenset(e.id for e in chosen))
    write_pdf(service, tmp_path / "sel.pdf", options)
    text = " ".join(_pages(tmp_path / "sel.pdf"))
    assert "Discovery workshop" in text and "Estimate review" not in text


def test_sample_portfolio_exports(
    tmp_path: Path, skills: dict[Edition, Skill], qtbot: QtBot
) -> None:
    svc = build_sample(tmp_path / "sample.ssup", skills)
    try:
        result = write_pdf(svc, tmp_path / "sample.pdf", ReportOptions())
    finally:
        svc.close()
    assert result.pages >= 5 and result.entries >= 10
    assert "Alex Morgan" in _pages(tmp_path / "sample.pdf")[1]


def test_write_pdf_works_in_a_process_without_a_qt_application(tmp_path: Path) -> None:
    script = (
        "from pathlib import Path\n"
        "from ssup_desktop.content import load_all\n"
        "from ssup_desktop.sample import build_sample\n"
        "from ssup_desktop.export.pdf import write_pdf\n"
        "from ssup_desktop.export.pdf_options import ReportOptions\n"
        f"s = build_sample(Path({str(tmp_path / 'p.ssup')!r}), load_all())\n"
        f"print(write_pdf(s, Path({str(tmp_path / 'o.pdf')!r}), ReportOptions()).pages)\n"
        "s.close()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) > 1
