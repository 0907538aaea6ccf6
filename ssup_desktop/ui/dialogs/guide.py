"""Help > Guide: a short, non-modal in-app guide (levels, good evidence, mentors, your data)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ssup_desktop import APP_NAME
from ssup_desktop.paths import AppPaths
from ssup_desktop.ui.style import MEDIUM

Section = tuple[str, list[str]]

LEVELS: Section = (
    "What the levels mean",
    [
        "SFIA, the Skills Framework for the Information Age, describes seven levels of "
        "responsibility: 1 Follow, 2 Assist, 3 Apply, 4 Enable, 5 Ensure and advise, "
        "6 Initiate and influence, 7 Set strategy, inspire and mobilise. Each level grows in "
        "autonomy, influence, complexity and business skills.",
        "Sales support (SSUP) is defined at levels 1 to 6. Each defined level has a few "
        "statements of what people at that level do. Level 7 is not defined for this skill; "
        "the ladder says why and what to develop instead.",
        "Your current level is where you work today; your target is the level you aim for. "
        "Set them in Edit > Profile\u2026 (or the welcome panel).",
    ],
)
EVIDENCE: Section = (
    "How to write good evidence",
    [
        "Use STAR: the Situation, your Task, the Action you took and the Result, with numbers "
        "where you have them (\u201creplied to 40 tenders a quarter, 95% on time\u201d).",
        "One example per statement: link an entry to the statements it truly shows, and add "
        "another entry rather than stretching one example across a whole level.",
        "Keep it recent: examples from the last three years count most (the recency window is "
        "in Edit > Preferences\u2026). Say what you did, not what the team did.",
        "Start from a statement: select a level on the ladder, then \u201cAdd evidence for this "
        "statement\u201d. Attach files (an email, a proposal) by dropping them on an entry.",
    ],
)
MENTORS: Section = (
    "Mentor sessions",
    [
        "View > Mentor Session walks you and a mentor through the chosen levels full screen, "
        "one statement at a time, with the evidence linked to it. The mentor records a verdict "
        "on each statement (agreed, needs more evidence, or not yet) with a comment.",
        "At the end you write notes and agree actions, which join your plan on the Next level "
        "tab. Esc finishes the session; everything is saved as you go and can be undone.",
        "A mentor who reviewed an exported copy can send it back: File > Import Review merges "
        "their verdicts and comments.",
    ],
)


def _section(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"<h2>{html.escape(title)}</h2>{body}"


def guide_html(paths: AppPaths, portfolio: Path) -> str:
    """The whole guide as rich text; every piece of text (paths included) is escaped."""
    data = (
        "Your data",
        [
            f"Your data folder: {paths.data_dir}",
            f"The open portfolio: {portfolio}",
            f"Automatic backups: {paths.backups_dir}",
            "A portfolio is one .ssup file (an SQLite database) holding your profile, evidence, "
            "attachments and mentor records. Every change is saved the moment you make it; "
            f"nothing is sent anywhere. {APP_NAME} works offline.",
            "To back up: File > Save a Copy\u2026 writes a consistent copy at any time; or copy "
            "the .ssup file to another disk while the app is closed. The app also keeps "
            "automatic backups in the backups folder and thins old ones.",
        ],
    )
    keys = (
        "Keyboard",
        [
            f"{_keys(QKeySequence.StandardKey.Find)}: search the evidence log. "
            f"{_keys(QKeySequence.StandardKey.Undo)} / {_keys(QKeySequence.StandardKey.Redo)}: "
            "undo / redo any edit. Ctrl+Shift+N: add evidence. F1: this guide.",
            "On the ladder, Up and Down (Home, End) choose a level; Tab moves on to the "
            "statements. In the evidence log, Enter edits the selected entry and Delete "
            "deletes it. Alt plus an underlined letter opens a menu or a tab.",
        ],
    )
    sections = [LEVELS, EVIDENCE, MENTORS, keys, data]
    return "".join(_section(title, paragraphs) for title, paragraphs in sections)


def _keys(key: QKeySequence.StandardKey) -> str:
    bindings = QKeySequence.keyBindings(key)
    if not bindings:
        return ""
    return bindings[0].toString(QKeySequence.SequenceFormat.NativeText)


class GuideWindow(QWidget):
    """A separate window with the guide; it never opens links by itself."""

    def __init__(self, paths: AppPaths, portfolio: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.paths = paths
        self.setWindowTitle(f"{APP_NAME} Guide")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Guide text")
        self.browser.document().setDocumentMargin(MEDIUM)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        close_button.setToolTip("Close the guide (Esc)")
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(680, 720)
        self.show_portfolio(portfolio)

    def show_portfolio(self, portfolio: Path) -> None:
        """Show the guide with ``portfolio`` as the open file."""
        self.browser.setHtml(guide_html(self.paths, portfolio))

    def text(self) -> str:
        return self.browser.toPlainText()
