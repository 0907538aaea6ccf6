"""The window's welcome panel, profile editor, guide, icons, toolbar and keyboard order."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton, QWidget

from ssup_desktop.ui.first_run import remember_dismissed, should_show_welcome
from ssup_desktop.ui.icons import action_icon
from ssup_desktop.ui.qt_names import set_by_name

if TYPE_CHECKING:
    from ssup_desktop.ui.dialogs.guide import GuideWindow
    from ssup_desktop.ui.main_window import MainWindow
    from ssup_desktop.ui.views.welcome import WelcomePanel

FALLBACK_KEYS = {"quit_action": "Ctrl+Q", "preferences_action": "Ctrl+,"}
FIRST_EVIDENCE_HINT = (
    "Pick a statement on the right and choose \u201cAdd evidence for this statement\u201d "
    "to record your first example."
)


def find_menu(window: MainWindow, title: str) -> QMenu | None:
    """The menu bar's menu called ``title`` (ignoring the & of its accelerator)."""
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == title:
            return menu
    return None


def insert_before(menu: QMenu | None, before_text: str, actions: list[QAction]) -> None:
    """Put ``actions`` above the item whose text starts with ``before_text`` (else at the end)."""
    if menu is None:
        return
    anchor = next(
        (a for a in menu.actions() if a.text().replace("&", "").startswith(before_text)), None
    )
    if anchor is None:
        menu.addActions(actions)
    else:
        menu.insertActions(anchor, actions)


def focusable_in_reading_order(container: QWidget) -> list[QWidget]:
    """``container``'s Tab-focusable children, top to bottom then left to right."""
    from PySide6.QtCore import Qt

    found = [
        w
        for w in container.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not w.objectName().startswith("qt_")
        and w.isVisibleTo(container)
    ]

    def where(widget: QWidget) -> tuple[int, int]:
        point = widget.mapTo(container, widget.rect().topLeft())
        return point.y(), point.x()

    return sorted(found, key=where)


class DesktopActions(QObject):
    """Adds Edit > Profile..., Help > Guide (F1), icons, a toolbar and the first-run welcome."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.guide: GuideWindow | None = None
        self.welcome: WelcomePanel | None = None
        self.profile_action = QAction("Pr&ofile\u2026", window)
        self.profile_action.setStatusTip("Your name, SFIA edition and levels")
        self.profile_action.setToolTip(self.profile_action.statusTip())
        self.profile_action.triggered.connect(lambda _c=False: self.show_welcome(editing=True))
        self.guide_action = QAction("&Guide", window)
        window.shortcuts.standard(self.guide_action, "HelpContents")
        self.guide_action.setStatusTip("How the levels work, writing good evidence, your data")
        self.guide_action.setToolTip("Guide (F1)")
        self.guide_action.triggered.connect(lambda _c=False: self.show_guide())
        self.welcome_action = QAction("Show the &Welcome Panel", window)
        self.welcome_action.setStatusTip("The first-run introduction on the Ladder tab")
        self.welcome_action.triggered.connect(lambda _c=False: self.show_welcome(editing=False))
        window.addActions([self.profile_action, self.guide_action])
        edit_menu = find_menu(window, "Edit")
        if edit_menu is not None:
            levels = next((a for a in edit_menu.actions() if "Levels" in a.text()), None)
            if levels is not None:
                edit_menu.insertAction(levels, self.profile_action)
            else:
                edit_menu.addAction(self.profile_action)
        insert_before(find_menu(window, "Help"), "About", [self.guide_action, self.welcome_action])
        help_menu = find_menu(window, "Help")
        if help_menu is not None:
            about = next((a for a in help_menu.actions() if a.text().startswith("&About")), None)
            if about is not None:
                help_menu.insertSeparator(about)
        for attr, key in FALLBACK_KEYS.items():  # where the platform has no standard binding
            action = getattr(window, attr, None)
            if isinstance(action, QAction):
                window.shortcuts.fallback(action, key)
        self._set_icons()
        self.toolbar = self._build_toolbar()
        self.workspace_changed()

    # -- building -----------------------------------------------------------------------------

    def _set_icons(self) -> None:
        w = self.window
        for attr, name in (
            ("new_action", "document-new"),
            ("open_action", "document-open"),
            ("save_copy_action", "document-save-as"),
            ("undo_action", "edit-undo"),
            ("redo_action", "edit-redo"),
            ("add_evidence_action", "list-add"),
            ("find_action", "edit-find"),
            ("full_screen_action", "view-fullscreen"),
        ):
            action = getattr(w, attr, None)
            if isinstance(action, QAction):
                action.setIcon(action_icon(name))
        self.profile_action.setIcon(action_icon("user-profile"))
        self.guide_action.setIcon(action_icon("help-contents"))

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar("Main toolbar", self.window)
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        set_by_name(toolbar, toolButtonStyle="ToolButtonTextBesideIcon")
        toolbar.setAccessibleName("Main toolbar")
        w = self.window
        for attr in ("add_evidence_action", "find_action", "undo_action", "redo_action"):
            action = getattr(w, attr, None)
            if isinstance(action, QAction):
                toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.guide_action)
        for action in (getattr(w, "undo_action", None), getattr(w, "redo_action", None)):
            button = toolbar.widgetForAction(action) if isinstance(action, QAction) else None
            if isinstance(button, QToolButton):  # "Undo Add evidence '...'" is too long
                set_by_name(button, toolButtonStyle="ToolButtonIconOnly")
        w.addToolBar(toolbar)  # at the top
        return toolbar

    # -- each workspace (one per open portfolio) ----------------------------------------------

    def workspace_changed(self) -> None:
        """Call after the window built a new workspace: welcome panel, names, tab order."""
        workspace = self.window.workspace
        workspace.setAccessibleName("Portfolio views")
        workspace.tabBar().setAccessibleName("Views")
        self.welcome = None
        if should_show_welcome(self.window.session.service, self.window.settings):
            self.show_welcome(editing=False, focus=False)
        workspace.ladder.level_selected.connect(lambda _n: self.fix_tab_order())
        self.fix_tab_order()

    def show_welcome(self, *, editing: bool, focus: bool = True) -> WelcomePanel:
        """Show the welcome (first run) or the profile editor above the ladder."""
        from ssup_desktop.ui.views.welcome import WelcomePanel  # first run or Edit > Profile

        workspace = self.window.workspace
        if self.welcome is None or self.welcome.parent() is not workspace.ladder_page:
            self.welcome = WelcomePanel(self.window.session, workspace.ladder_page)
            self.welcome.saved.connect(self._on_welcome_saved)
            self.welcome.dismissed.connect(self._on_welcome_dismissed)
            self.welcome.sample_requested.connect(self.window.open_sample)
            workspace.ladder_page_layout.insertWidget(0, self.welcome)
        self.welcome.set_editing(editing)
        self.welcome.show()
        workspace.show_ladder()
        if focus:
            self.welcome.name_edit.setFocus()  # Qt's default reason: OtherFocusReason
        self.fix_tab_order()
        return self.welcome

    def welcome_visible(self) -> bool:
        return self.welcome is not None and not self.welcome.isHidden()

    def _on_welcome_saved(self) -> None:
        assert self.welcome is not None
        first_run = not self.welcome.editing
        remember_dismissed(self.window.settings)
        self.welcome.hide()
        profile = self.window.session.service.profile()
        ladder = self.window.workspace.ladder
        if profile.current_level:
            ladder.select_level(profile.current_level)
        ladder.setFocus()  # Qt's default reason: OtherFocusReason
        if first_run:
            name = profile.owner_name.split(" ")[0] if profile.owner_name else ""
            hello = f"Welcome, {name}. " if name else ""
            self.window.statusBar().showMessage(hello + FIRST_EVIDENCE_HINT, 15000)

    def _on_welcome_dismissed(self) -> None:
        assert self.welcome is not None
        if not self.welcome.editing:
            remember_dismissed(self.window.settings)
            self.window.show_message("Skipped for now: Edit > Profile\u2026 has these settings")
        self.welcome.hide()
        self.window.workspace.ladder.setFocus()  # Qt's default reason: OtherFocusReason

    def fix_tab_order(self) -> None:
        """Tab goes tabs -> welcome -> ladder -> each statement card -> skill text."""
        workspace = self.window.workspace
        chain: list[QWidget] = [workspace.tabBar()]
        if self.welcome is not None and not self.welcome.isHidden():
            chain += focusable_in_reading_order(self.welcome)
        chain.append(workspace.ladder)
        for card in workspace.level_detail.cards:
            chain += focusable_in_reading_order(card)
        chain.append(workspace.skill_info)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- help ---------------------------------------------------------------------------------

    def show_guide(self) -> GuideWindow:
        """Help > Guide: a non-modal window; raised when already open."""
        from ssup_desktop.ui.dialogs.guide import GuideWindow

        path = self.window.session.service.path
        if self.guide is None:
            self.guide = GuideWindow(self.window.paths, path, self.window)
        self.guide.show_portfolio(path)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide
