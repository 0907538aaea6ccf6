"""File > Import Review...: pick a returned copy, merge the mentor's records, show what came in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ssup_desktop.domain.change import Change
from ssup_desktop.paths import resolve_paths
from ssup_desktop.review import BackupHook, MergePlan, ReviewError, backup_to, import_review
from ssup_desktop.storage.errors import BackupError
from ssup_desktop.ui.messages import show_information, show_warning
from ssup_desktop.ui.session import PortfolioSession

TITLE = "Import Review"
Reporter = Callable[[str, str], None]  # (kind "information" | "warning", text)


def summary_text(path: Path, plan: MergePlan) -> str:
    """What a review import brought in, for the message shown afterwards."""
    if plan.empty and not plan.conflicts:
        return f"Nothing new in {path.name}: everything in it is already in this portfolio."
    lines = [f"From {path.name}: {plan.summary()}."]
    if plan.conflicts:
        lines += ["", "Conflicts (the newer copy wins):", *(f"  {c}" for c in plan.conflicts)]
    return "\n".join(lines)


def _message_box(parent: QWidget | None) -> Reporter:
    def report(kind: str, text: str) -> None:
        box = show_warning if kind == "warning" else show_information
        box(parent, TITLE, text)

    return report


def choose_review_file(parent: QWidget | None) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        TITLE,
        "",
        "SSUP Desktop portfolios (*.ssup);;All files (*)",
    )
    return Path(name) if name else None


def import_review_file(
    session: PortfolioSession,
    path: Path,
    *,
    parent: QWidget | None = None,
    backup_first: BackupHook | None = None,
    report: Reporter | None = None,
) -> MergePlan | None:
    """Merge the mentor's records from ``path`` (after a backup); tell the user what happened.

    Returns the plan that was applied, or None when the file was refused.
    """
    tell = report or _message_box(parent)
    hook = backup_first if backup_first is not None else backup_to(resolve_paths().backups_dir)
    try:
        plan = import_review(session.service, path, backup_first=hook)
    except (ReviewError, BackupError) as exc:
        tell("warning", str(exc))
        return None
    if not plan.empty:
        session.announce(Change.everything(f"Import review from {path.name}"))
    tell("information", summary_text(path, plan))
    return plan


def run_import_review(session: PortfolioSession, parent: QWidget | None = None) -> None:
    """The menu action: ask for the file, then import it."""
    path = choose_review_file(parent)
    if path is not None:
        import_review_file(session, path, parent=parent)
