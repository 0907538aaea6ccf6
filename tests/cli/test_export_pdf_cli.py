"""`ssup-desktop export FILE.pdf [--level N]` from the command line, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from pypdf import PdfReader

from ssup_desktop.content import load_all
from ssup_desktop.sample import build_sample


def _pdf_text(path: Path) -> str:
    """The PDF's text with ligatures unfolded and white space collapsed."""
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "ssup_desktop", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_export_pdf_holds_every_entry_and_page_numbers(tmp_path: Path) -> None:
    portfolio = tmp_path / "p.ssup"
    service = build_sample(portfolio, load_all())
    titles = [entry.title for entry in service.list_evidence()]
    service.close()
    done = _run("export", "out.pdf", "--portfolio", str(portfolio), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "out.pdf" in done.stdout
    reader = PdfReader(tmp_path / "out.pdf")
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    text = _pdf_text(tmp_path / "out.pdf")
    for title in titles:
        assert " ".join(title.split()) in text, title
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page


def test_export_pdf_of_one_level_and_refused_level(tmp_path: Path) -> None:
    portfolio = tmp_path / "p.ssup"
    build_sample(portfolio, load_all()).close()
    done = _run("export", "l3.pdf", "--portfolio", str(portfolio), "--level", "3", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(tmp_path / "l3.pdf").pages).split()
    )
    assert "Helps customers to clarify their requirements and documents the conclusions" in text
    assert "Works closely with the sales team to help prospects" not in text  # level 4
    refused = _run("export", "l7.pdf", "--portfolio", str(portfolio), "--level", "7", cwd=tmp_path)
    assert refused.returncode == 2
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "not defined at level 7" in refused.stderr
    assert not (tmp_path / "l7.pdf").exists()


def test_level_with_json_export_is_refused(tmp_path: Path) -> None:
    portfolio = tmp_path / "p.ssup"
    build_sample(portfolio, load_all()).close()
    done = _run("export", "x.json", "--portfolio", str(portfolio), "--level", "3", cwd=tmp_path)
    assert done.returncode == 2
    assert "--level applies to PDF exports only" in done.stderr


def test_sample_pdf_with_mentor_content_names_the_session(tmp_path: Path) -> None:
    from ssup_desktop.export.pdf import write_pdf
    from ssup_desktop.export.pdf_options import ReportOptions

    service = build_sample(tmp_path / "p.ssup", load_all())
    try:
        write_pdf(service, tmp_path / "m.pdf", ReportOptions(include_mentor=True))
        write_pdf(service, tmp_path / "plain.pdf", ReportOptions())
    finally:
        service.close()
    with_mentor = _pdf_text(tmp_path / "m.pdf")
    assert "Mentor sessions" in with_mentor
    assert "with Jordan Lee" in with_mentor
    assert "Mentor: Agreed by Jordan Lee" in with_mentor
    assert "Jordan Lee" not in _pdf_text(tmp_path / "plain.pdf")
