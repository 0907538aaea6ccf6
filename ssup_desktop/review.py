"""Review exchange: merge a mentor's verdicts, comments, sessions and actions from a returned copy.

The mentee hands over a copy of the portfolio; the mentor records a session in it and hands it
back; ``import_review`` takes ONLY the mentor's records from the copy (by id, all or nothing, in
one transaction, after a backup) and never touches the mentee's evidence, profile or assessments.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ssup_desktop.domain.mentor import Action, Author, EntryComment, Session, Verdict
from ssup_desktop.storage import backup
from ssup_desktop.storage.db import PortfolioError
from ssup_desktop.storage.mentor_store import MentorRecord, MentorStore, strip_derived
from ssup_desktop.storage.portfolio import PortfolioStore

if TYPE_CHECKING:
    from ssup_desktop.services import PortfolioService

KIND_NAMES: dict[type[MentorRecord], tuple[str, str]] = {
    Session: ("session", "sessions"),
    Verdict: ("verdict", "verdicts"),
    EntryComment: ("comment", "comments"),
    Action: ("action", "actions"),
}
_ORDER = (Session, Verdict, EntryComment, Action)  # sessions first: the others refer to them


class ReviewError(Exception):
    """A returned copy cannot be imported; the message names the file and the problem."""


@dataclass
class MergePlan:
    """What a merge will write: new records, newer copies replacing older ones, and what is kept."""

    add: list[MentorRecord] = field(default_factory=list)
    replace: list[MentorRecord] = field(default_factory=list)
    skipped: int = 0  # already present, identical
    conflicts: list[str] = field(default_factory=list)  # same id, different content

    @property
    def empty(self) -> bool:
        return not self.add and not self.replace

    def count(self, kind: type[MentorRecord]) -> int:
        """How many records of ``kind`` come in (added or replacing)."""
        return sum(1 for r in [*self.add, *self.replace] if type(r) is kind)

    def summary(self, source: str = "") -> str:
        """E.g. "3 verdicts, 1 comment, 1 session, 2 actions; 4 already present"."""
        parts = []
        for kind in _ORDER:
            n = self.count(kind)
            singular, plural = KIND_NAMES[kind]
            parts.append(f"{n} {singular if n == 1 else plural}")
        text = ", ".join(parts)
        if self.skipped:
            text += f"; {self.skipped} already present (skipped)"
        if self.conflicts:
            text += f"; {len(self.conflicts)} conflict{'s' if len(self.conflicts) != 1 else ''}"
        return f"{source}: {text}" if source else text


def _describe(record: MentorRecord) -> str:
    singular, _plural = KIND_NAMES[type(record)]
    if isinstance(record, Verdict):
        return f"{singular} on {record.statement_id} ({record.id})"
    if isinstance(record, Session):
        return f"{singular} with {record.mentor_name or 'a mentor'} ({record.id})"
    return f"{singular} {record.id}"


def plan_merge(
    existing: Iterable[MentorRecord], incoming: Iterable[MentorRecord], *, mentor_only: bool
) -> MergePlan:
    """Decide by id: unknown records are added; identical ones skipped; for the same id with
    different content the newer ``modified`` wins (and the conflict is reported)."""
    have = {(type(r), r.id): r for r in strip_derived(existing)}
    plan = MergePlan()
    chosen = strip_derived(incoming)
    if mentor_only:
        chosen = [r for r in chosen if r.author is Author.MENTOR]
    chosen.sort(key=lambda r: (_ORDER.index(type(r)), str(r.id)))
    for record in chosen:
        current = have.get((type(record), record.id))
        if current is None:
            plan.add.append(record)
        elif current == record:
            plan.skipped += 1
        elif record.modified > current.modified:
            plan.replace.append(record)
            plan.conflicts.append(f"{_describe(record)}: the returned copy is newer, taken")
        else:
            plan.conflicts.append(f"{_describe(record)}: yours is newer, kept")
    return plan


@dataclass(frozen=True)
class ReviewCopy:
    """The mentor records read from a returned copy, and whose portfolio it is a copy of."""

    path: Path
    portfolio_id: str
    owner_name: str
    records: Sequence[MentorRecord]


def read_review_copy(path: Path) -> ReviewCopy:
    """Read the mentor records of ``path`` without changing it (a temporary copy is opened)."""
    if not path.is_file():
        raise ReviewError(f"{path}: no such portfolio file")
    with tempfile.TemporaryDirectory(prefix="ssup-review-") as folder:
        temp = Path(folder) / "review.ssup"
        try:
            shutil.copyfile(path, temp)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{path}{suffix}")
                if side.is_file():
                    shutil.copyfile(side, Path(f"{temp}{suffix}"))
        except OSError as exc:
            raise ReviewError(f"{path}: cannot read ({exc.strerror})") from exc
        try:
            store = PortfolioStore.open(temp)
        except PortfolioError as exc:
            raise ReviewError(str(exc).replace(str(temp), str(path))) from exc
        try:
            profile = store.get_profile()
            records = MentorStore(store).all_records()
        except Exception as exc:  # unreadable rows: the file is damaged
            raise ReviewError(f"{path}: damaged portfolio file ({exc})") from exc
        finally:
            store.close()
    return ReviewCopy(path, str(profile.portfolio_id), profile.owner_name, records)


BackupHook = Callable[["PortfolioService"], object]


def backup_to(backups_dir: Path) -> BackupHook:
    """A hook that backs the portfolio up into ``backups_dir`` (storage.backup) before a merge."""

    def hook(service: PortfolioService) -> Path:
        return backup.backup_now(service.store, service.path, backups_dir, "before review import")

    return hook


def check_review(service: PortfolioService, copy: ReviewCopy) -> MergePlan:
    """Refuse a copy of another portfolio; else plan the merge of its mentor records."""
    own = service.profile()
    if copy.portfolio_id != str(own.portfolio_id):
        whose = f" (a portfolio of {copy.owner_name})" if copy.owner_name else ""
        raise ReviewError(
            f"{copy.path}: not a review of this portfolio{whose}; "
            "import a copy made from this portfolio with File > Save a Copy"
        )
    return plan_merge(service.mentor.records(), copy.records, mentor_only=True)


def import_review(
    service: PortfolioService, path: Path, *, backup_first: BackupHook | None
) -> MergePlan:
    """Merge the mentor's records of the returned copy ``path``; returns what came in.

    ``backup_first`` (e.g. ``backup_to(paths.backups_dir)``) runs before anything is written,
    and only when something will be; a failing backup (BackupError) stops the import.
    """
    plan = check_review(service, read_review_copy(path))
    if plan.empty:
        return plan
    if backup_first is not None:
        backup_first(service)
    service.mentor.apply_merge(plan)
    return plan
