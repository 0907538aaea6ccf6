"""Help > Guide: non-modal, plain content, the real data paths, no links opened by itself."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ssup_desktop.paths import AppPaths
from ssup_desktop.ui.dialogs.guide import GuideWindow, guide_html
from ssup_desktop.ui.main_window import MainWindow


def test_guide_covers_levels_evidence_mentors_and_data(window: MainWindow) -> None:
    window.desktop_actions.guide_action.trigger()
    guide = window.desktop_actions.guide
    assert isinstance(guide, GuideWindow)
    assert guide.isVisible() and not guide.isModal()
    assert QApplication.activeModalWidget() is None
    text = guide.text()
    for topic in ("What the levels mean", "STAR", "One example per statement", "recent"):
        assert topic in text
    assert "Mentor sessions" in text and "Import Review" in text
    assert str(window.paths.data_dir) in text
    assert str(window.session.service.path) in text
    assert str(window.paths.backups_dir) in text and "Save a Copy" in text
    assert not guide.browser.openExternalLinks() and not guide.browser.openLinks()


def test_guide_is_reused_and_follows_the_open_portfolio(window: MainWindow) -> None:
    first = window.desktop_actions.show_guide()
    assert window.open_sample()
    second = window.desktop_actions.show_guide()
    assert second is first
    assert "sample.ssup" in second.text()
    second.close()


def test_paths_are_escaped(app_paths: AppPaths, tmp_path: object) -> None:
    from pathlib import Path

    odd = Path("/tmp/<b>bold</b> & co/portfolio.ssup")
    html = guide_html(app_paths, odd)
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in html
