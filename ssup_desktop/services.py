"""Use cases over one open portfolio: each edit validates, writes in one go, returns a Change."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from ssup_desktop.domain.change import Change, ChangeKind
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.sfia import Edition, Skill, Statement, statement_keys, supports
from ssup_desktop.domain.values import MAX_TITLE, utc_now
from ssup_desktop.storage import PortfolioError, PortfolioStore
from ssup_desktop.storage.backup import AutoBackup, attach_latest_backup
from ssup_desktop.storage.rows import EvidenceRow, parse_datetime, to_utc

if TYPE_CHECKING:
    # Entries are pydantic models: imported where they are validated or made, so that opening a
    # portfolio and the window's first paint never load pydantic (see tests/test_app.py).
    from ssup_desktop.domain.evidence import AttachmentInfo, Evidence
    from ssup_desktop.mentor_service import MentorService
    from ssup_desktop.progress_service import ProgressService

_T = TypeVar("_T")
_UNSAFE_NAME_CHARS = re.compile(r'[\\/:*?"<>|]')


# a NamedTuple, not a dataclass: defined as the app starts, where defining a dataclass costs 1 ms
class EvidenceFilter(NamedTuple):
    """What the evidence log shows. Empty fields filter nothing."""

    text: str = ""  # full-text search (FTS5) over every text field, prefix matching per word
    level: int | None = None  # entries linked to any statement of this level (any edition)
    statement_id: str | None = None  # entries supporting this statement (cross-edition aware)
    tag: str | None = None  # case-insensitive
    date_from: date | None = None  # entries whose date or range overlaps date_from..date_to
    date_to: date | None = None
    unlinked_only: bool = False  # entries linked to no statement


class DeletedEvidence(NamedTuple):
    """Everything needed to put a deleted entry back exactly (undo), attachment bytes included."""

    evidence: Evidence
    attachment_data: dict[uuid.UUID, bytes]


class MergeSummary(NamedTuple):
    """What merging entries from elsewhere (an import) did."""

    added: int
    updated: int
    unchanged: int
    profile_updated: bool


def safe_attachment_name(name: str) -> str:
    """A file's base name without path separators, control or reserved characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = _UNSAFE_NAME_CHARS.sub("_", base).strip().strip(".").strip()
    if not base:
        return "attachment"
    if len(base) > 255:
        stem, dot, suffix = base.rpartition(".")
        short_suffix = dot and len(suffix) < 20
        base = (stem[: 254 - len(suffix)] + dot + suffix) if short_suffix else base[:255]
    return base


def _edition_statements(skills: dict[Edition, Skill]) -> dict[str, Statement]:
    return {st.id: st for skill in skills.values() for st in skill.statements}


class PortfolioService:
    """The one door to an open portfolio for the UI and the CLI."""

    def __init__(self, store: PortfolioStore, skills: dict[Edition, Skill]) -> None:
        self.store = store
        self.skills = skills
        self.path: Path = store.path
        self._statements = _edition_statements(skills)
        self._counts_version: tuple[int, int] | None = None
        self._counts: dict[Edition, dict[str, int]] = {}

    @cached_property
    def progress(self) -> ProgressService:
        """Readiness, assessments and the plan; built on first use (after the first paint)."""
        from ssup_desktop.progress_service import ProgressService

        return ProgressService(self.store, self.skills, self.verified_keys)

    @cached_property
    def mentor(self) -> MentorService:
        """Mentor sessions and verdicts; its module is imported on first use (start-up)."""
        from ssup_desktop.mentor_service import MentorService

        return MentorService(self)

    # Automatic backups (storage/backup.py); None when opened without a backups folder.
    backups: AutoBackup | None = None

    @classmethod
    def open(
        cls,
        path: Path,
        skills: dict[Edition, Skill],
        backups_dir: Path | None = None,
        *,
        defer_backup: bool = False,
        check_in_background: bool = False,
    ) -> PortfolioService:
        """Open an existing portfolio (raises a storage.PortfolioError naming the file).

        With ``backups_dir``: backed up there if changed since its latest backup (and before
        an upgrade); a PortfolioError carries the newest good backup in ``latest_backup``.
        ``defer_backup``: that open-time backup waits for ``finish_opening()`` (the window
        calls it right after its first paint, before any edit can be made); a file closed
        before then, untouched, needs none.
        ``check_in_background``: the damage check is still running on return (start-up builds
        the window meanwhile); ``wait_until_checked()`` gives its verdict, before any write.
        """
        try:
            store = PortfolioStore.open(
                path, backups_dir=backups_dir, check_in_background=check_in_background
            )
        except PortfolioError as exc:
            if backups_dir is not None:
                attach_latest_backup(exc, backups_dir, path)
            raise
        service = cls(store, skills)
        if backups_dir is not None:
            service.backups = AutoBackup(store, path, backups_dir)
            if defer_backup:
                service.backups.defer_open()
            else:
                service.backups.if_changed("open")
        return service

    def wait_until_checked(self) -> None:
        """Wait for the damage check open(check_in_background=True) left running. A damaged
        file raises PortfolioDamagedError naming its latest good backup (``close()`` then
        takes no backup of it)."""
        try:
            self.store.wait_until_checked()
        except PortfolioError as exc:
            if self.backups is not None:
                attach_latest_backup(exc, self.backups.backups_dir, self.path)
            raise

    def finish_opening(self) -> None:
        """Take the open-time backup put off by ``open(defer_backup=True)``; idempotent."""
        if self.backups is not None:
            self.wait_until_checked()  # a damaged file is never backed up
            self.backups.finish_open()

    @classmethod
    def create(
        cls,
        path: Path,
        skills: dict[Edition, Skill],
        profile: Profile | None = None,
        backups_dir: Path | None = None,
    ) -> PortfolioService:
        """Create a new, empty portfolio file (refuses to overwrite an existing file)."""
        service = cls(PortfolioStore.create(path, profile), skills)
        if backups_dir is not None:
            service.backups = AutoBackup(service.store, path, backups_dir)
        return service

    def backup(self, reason: str) -> Path | None:
        """Back up now (before an import or a merge); None without a backups folder.

        Raises storage.BackupError if the backup cannot be written: do not go ahead then.
        """
        return None if self.backups is None else self.backups.now(reason)

    def save_copy(self, target: Path) -> None:
        """Write a verified, owner-only copy of this portfolio to ``target`` (File > Save a Copy).

        Raises storage.BackupError naming ``target`` if it cannot be written.
        """
        from ssup_desktop.storage.backup import save_copy

        save_copy(self.store, self.path, target)

    def close(self) -> None:
        """Close the file (backed up first if it changed since its latest backup, unless the
        damage check found it damaged)."""
        try:
            if self.backups is not None and self.store.found_sound():
                self.backups.if_changed("close")
        finally:
            self.store.close()

    # --- profile ---------------------------------------------------------------------------

    def profile(self) -> Profile:
        return self.store.get_profile()

    def update_profile(self, profile: Profile) -> Change:
        self.store.put_profile(profile.replace(modified=utc_now()))  # replace() checks it again
        return Change(ChangeKind.PROFILE, frozenset(), "Edit profile")

    # --- evidence --------------------------------------------------------------------------

    def validate_evidence(self, evidence: Evidence) -> Evidence:
        """Re-validate with pydantic and check every statement id exists in some edition."""
        from ssup_desktop.domain.evidence import Evidence

        checked = Evidence.model_validate(evidence.model_dump())
        unknown = [sid for sid in checked.statement_ids if sid not in self._statements]
        if unknown:
            raise ValueError(f"unknown SSUP statement id(s): {', '.join(unknown)}")
        return checked

    def list_evidence(self, flt: EvidenceFilter | None = None) -> list[Evidence]:
        flt = flt or EvidenceFilter()
        return self.store.list_evidence(
            ids=self._narrowing_ids(flt),
            tag=flt.tag,
            date_from=flt.date_from,
            date_to=flt.date_to,
            unlinked_only=flt.unlinked_only,
        )

    def evidence_keys(
        self, flt: EvidenceFilter, within: Iterable[uuid.UUID] | None = None
    ) -> set[int] | None:
        """The rowids (EvidenceRow.rowid) of the entries list_evidence(flt) gives, only among
        ``within`` if given; None when the filter keeps every entry and ``within`` is None."""
        store = self.store
        keys: set[int] | None = None
        if within is not None:
            keys = store.rowids_of({str(i) for i in within})
        if flt.text.strip():
            keys = _narrow(keys, store.search_rowids(flt.text))
        if flt.level is not None:
            keys = _narrow(keys, store.rowids_linked_to(self._level_statement_ids(flt.level)))
        if flt.statement_id:
            keys = _narrow(keys, store.rowids_linked_to(self._supporting_ids(flt.statement_id)))
        if not (flt.tag or flt.date_from or flt.date_to or flt.unlinked_only):
            return keys
        return store.filter_rowids(
            rowids=keys,
            tag=flt.tag,
            date_from=flt.date_from,
            date_to=flt.date_to,
            unlinked_only=flt.unlinked_only,
        )

    def evidence_rows(self, ids: Iterable[uuid.UUID] | None = None) -> list[EvidenceRow]:
        """What the evidence log shows of the given entries (every entry when None), unordered."""
        return self.store.list_rows(None if ids is None else {str(i) for i in ids})

    def evidence_by_ids(self, ids: Iterable[uuid.UUID]) -> list[Evidence]:
        """The full entries with these ids, in the order given (unknown ids are skipped)."""
        wanted = list(ids)
        found = {e.id: e for e in self.store.list_evidence(ids={str(i) for i in wanted})}
        return [found[i] for i in wanted if i in found]

    def _narrowing_ids(self, flt: EvidenceFilter) -> set[str] | None:
        ids: set[str] | None = None
        if flt.text.strip():
            ids = self.store.search_ids(flt.text)
        if flt.level is not None:
            ids = _narrow(ids, self.store.ids_linked_to(self._level_statement_ids(flt.level)))
        if flt.statement_id:
            ids = _narrow(ids, self.store.ids_linked_to(self._supporting_ids(flt.statement_id)))
        return ids

    def get_evidence(self, evidence_id: uuid.UUID) -> Evidence:
        found = self.store.get_evidence(evidence_id)
        if found is None:
            raise KeyError(f"no evidence entry {evidence_id}")
        return found

    def add_evidence(self, evidence: Evidence) -> Change:
        """Store a new entry (its attachments are added with add_attachment)."""
        checked = self.validate_evidence(evidence)
        if self.store.has_evidence(checked.id):
            raise ValueError(f"an evidence entry with id {checked.id} already exists")
        self.store.insert_evidence(checked.model_copy(update={"attachments": ()}))
        return Change(ChangeKind.EVIDENCE, frozenset({checked.id}), f"Add {checked.title!r}")

    def update_evidence(self, evidence: Evidence, *, keep_modified: bool = False) -> Change:
        """Rewrite an entry's fields, tags, links and statements; its attachments stay.

        ``modified`` becomes now, unless ``keep_modified`` (undo puts back an earlier state
        exactly, so a mentor's verdict on it holds again)."""
        checked = self.validate_evidence(evidence)
        stored = self.get_evidence(checked.id)
        when = checked.modified if keep_modified else utc_now()
        changed = checked.model_copy(update={"modified": when, "created": stored.created})
        self.store.update_evidence(changed)
        return Change(ChangeKind.EVIDENCE, frozenset({checked.id}), f"Edit {checked.title!r}")

    def delete_evidence(self, evidence_id: uuid.UUID) -> tuple[Change, DeletedEvidence]:
        with self.store.transaction():
            entry = self.get_evidence(evidence_id)
            data = {a.id: self.store.attachment_data(a.id) for a in entry.attachments}
            self.store.delete_evidence(evidence_id)
        change = Change(ChangeKind.EVIDENCE, frozenset({evidence_id}), f"Delete {entry.title!r}")
        return change, DeletedEvidence(entry, data)

    def restore_evidence(self, deleted: DeletedEvidence) -> Change:
        """Put a deleted entry back exactly: same id, dates, attachments and bytes."""
        entry = deleted.evidence
        with self.store.transaction():
            if self.store.has_evidence(entry.id):
                raise ValueError(f"an evidence entry with id {entry.id} already exists")
            self._insert_with_attachments(entry, deleted.attachment_data)
        return Change(ChangeKind.EVIDENCE, frozenset({entry.id}), f"Restore {entry.title!r}")

    def duplicate_evidence(self, evidence_id: uuid.UUID) -> tuple[Change, Evidence]:
        """A copy with a new id, "(copy)" after the title, and copies of the attachments."""
        with self.store.transaction():
            source = self.get_evidence(evidence_id)
            now = utc_now()
            title = source.title[: MAX_TITLE - len(" (copy)")] + " (copy)"
            copy = source.model_copy(
                update={
                    "id": uuid.uuid4(),
                    "title": title,
                    "created": now,
                    "modified": now,
                    "attachments": (),
                }
            )
            self.store.insert_evidence(copy)
            for info in source.attachments:
                data = self.store.attachment_data(info.id)
                new_info = info.model_copy(update={"id": uuid.uuid4(), "added": now})
                self.store.insert_attachment(copy.id, new_info, data)
            result = self.get_evidence(copy.id)
        return Change(ChangeKind.EVIDENCE, frozenset({copy.id}), f"Duplicate {title!r}"), result

    # --- attachments -----------------------------------------------------------------------

    def add_attachment(self, evidence_id: uuid.UUID, source: Path) -> tuple[Change, AttachmentInfo]:
        """Copy ``source`` into the portfolio as an attachment of the entry."""
        import hashlib
        import mimetypes

        from ssup_desktop.domain import evidence as evidence_module

        limit = evidence_module.MAX_ATTACHMENT_BYTES
        try:
            if not source.is_file():
                raise ValueError(f"{source}: not a file")
            if source.stat().st_size > limit:
                raise ValueError(
                    f"{source}: too large to attach ({_mib(source.stat().st_size)}, "
                    f"the limit is {_mib(limit)})"
                )
            data = source.read_bytes()
        except OSError as exc:
            raise ValueError(f"{source}: cannot read ({exc.strerror})") from exc
        if len(data) > limit:
            raise ValueError(f"{source}: too large to attach (the limit is {_mib(limit)})")
        name = safe_attachment_name(source.name)
        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        info = evidence_module.AttachmentInfo(
            name=name,
            media_type=media_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
        return self.add_attachment_data(evidence_id, info, data), info

    def add_attachment_data(
        self, evidence_id: uuid.UUID, info: AttachmentInfo, data: bytes
    ) -> Change:
        """Store already-read bytes as an attachment (the record must match the bytes)."""
        import hashlib  # OpenSSL's start-up cost, paid when an attachment is stored

        if len(data) != info.size or hashlib.sha256(data).hexdigest() != info.sha256:
            raise ValueError(f"attachment {info.name!r}: size or sha256 does not match its data")
        with self.store.transaction():
            entry = self.get_evidence(evidence_id)
            self.store.insert_attachment(evidence_id, info, data)
            self._touch(entry)
        ids = frozenset({evidence_id, info.id})
        return Change(ChangeKind.ATTACHMENT, ids, f"Attach {info.name!r}")

    def remove_attachment(self, evidence_id: uuid.UUID, attachment_id: uuid.UUID) -> Change:
        with self.store.transaction():
            entry = self.get_evidence(evidence_id)
            self.store.delete_attachment(evidence_id, attachment_id)
            self._touch(entry)
        ids = frozenset({evidence_id, attachment_id})
        return Change(ChangeKind.ATTACHMENT, ids, "Remove attachment")

    def attachment_data(self, attachment_id: uuid.UUID) -> bytes:
        return self.store.attachment_data(attachment_id)

    # --- statements ------------------------------------------------------------------------

    def evidence_for_statement(self, statement_id: str) -> list[Evidence]:
        return self.list_evidence(EvidenceFilter(statement_id=statement_id))

    def support_counts(self, edition: Edition) -> dict[str, int]:
        """For every statement of ``edition``: how many entries support it (any edition).

        Computed once per state of the file (the ladder and the level detail both ask)."""
        conn = self.store.conn
        version = (conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0]))
        if version != self._counts_version:
            self._counts_version, self._counts = version, {}
        found = self._counts.get(edition)
        if found is None:
            found = self._counts[edition] = self._count_support(edition)
        return dict(found)

    def _count_support(self, edition: Edition) -> dict[str, int]:
        # what supports() decides, in one pass: a statement is supported by an entry linked to
        # its id, or to any edition's statement sharing one of its keys
        by_id: dict[str, list[str]] = defaultdict(list)
        by_key: dict[str, list[str]] = defaultdict(list)
        for st in self.skills[edition].statements:
            by_id[st.id].append(st.id)
            for key in st.keys:
                by_key[key].append(st.id)
        linked: dict[str, set[str]] = defaultdict(set)
        for evidence_id, statement_id in self.store.statement_links():
            covered = linked[evidence_id]
            covered.update(by_id.get(statement_id, ()))
            for key in statement_keys(self.skills, statement_id):
                covered.update(by_key.get(key, ()))
        counts = dict.fromkeys(by_id, 0)
        for covered in linked.values():
            for sid in covered:
                counts[sid] += 1
        return counts

    def verified_keys(self) -> frozenset[str]:
        """Statement keys a mentor has agreed and whose evidence has not changed since."""
        return self.mentor.verified_keys()

    def tags(self) -> list[str]:
        return self.store.tags()

    # --- merging (import) ------------------------------------------------------------------

    def merge(
        self,
        profile: Profile | None,
        entries: Iterable[tuple[Evidence, dict[uuid.UUID, bytes]]],
        *,
        validated: bool = False,
    ) -> MergeSummary:
        """Add unknown entries, replace known ones only by a newer copy; all in one transaction.

        ``validated``: the entries were built (validated) by pydantic and not copied with changes
        since (as load_import makes them): only their statement ids are checked again."""
        added = updated = unchanged = 0
        profile_updated = False
        with self.store.transaction():
            empty = self.store.evidence_count() == 0
            if profile is not None:
                current = self.store.get_profile()
                newer = to_utc(profile.modified) > current.modified
                if newer or (empty and profile != current):
                    self.store.put_profile(profile)
                    profile_updated = True
            known = {
                eid: parse_datetime(modified)
                for eid, modified in self.store.modified_times().items()
            }
            plain: dict[uuid.UUID, Evidence] = {}  # new entries without attachments: in bulk
            for entry, data in entries:
                checked = (
                    self._checked_for_merge(entry) if validated else self.validate_evidence(entry)
                )
                stored = known.get(str(checked.id))
                if stored is None:
                    added += 1
                elif to_utc(checked.modified) > stored:
                    if plain.pop(checked.id, None) is None:  # not an entry added just before
                        self.store.delete_evidence(checked.id)
                    updated += 1
                else:
                    unchanged += 1
                    continue
                known[str(checked.id)] = to_utc(checked.modified)
                if stored is None and not checked.attachments:
                    plain[checked.id] = checked
                    continue
                self._insert_with_attachments(checked, data)
            self.store.insert_evidence_many(list(plain.values()))
        return MergeSummary(added, updated, unchanged, profile_updated)

    def _checked_for_merge(self, entry: Evidence) -> Evidence:
        """validate_evidence for an entry pydantic validated when it was made."""
        from ssup_desktop.domain.evidence import Evidence

        if type(entry) is not Evidence:
            return self.validate_evidence(entry)
        unknown = [sid for sid in entry.statement_ids if sid not in self._statements]
        if unknown:
            raise ValueError(f"unknown SSUP statement id(s): {', '.join(unknown)}")
        return entry

    # --- helpers ---------------------------------------------------------------------------

    def _insert_with_attachments(self, entry: Evidence, data: dict[uuid.UUID, bytes]) -> None:
        self.store.insert_evidence(entry.model_copy(update={"attachments": ()}))
        for info in entry.attachments:
            self.store.insert_attachment(entry.id, info, data[info.id])

    def _touch(self, entry: Evidence) -> None:
        self.store.update_evidence(entry.model_copy(update={"modified": utc_now()}))

    def _level_statement_ids(self, level: int) -> set[str]:
        wanted: set[str] = set()
        for skill in self.skills.values():
            if 1 <= level <= len(skill.levels):
                for st in skill.level(level).statements:
                    wanted |= st.keys | {st.id}
        return {
            sid
            for sid in self._statements
            if sid in wanted or statement_keys(self.skills, sid) & wanted
        }

    def _supporting_ids(self, statement_id: str) -> set[str]:
        target = self._statements.get(statement_id)
        if target is None:
            return {statement_id}
        return {sid for sid in self._statements if supports(self.skills, {sid}, target)}


def _narrow(ids: set[_T] | None, more: set[_T] | None) -> set[_T] | None:
    """``ids`` narrowed to ``more`` (None: no condition)."""
    if more is None:
        return ids
    return more if ids is None else ids & more


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"
