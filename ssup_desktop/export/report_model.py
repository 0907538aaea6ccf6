"""The evidence report as data: what each section says, redaction applied; pure, no Qt."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ssup_desktop.domain.evidence import CONFIDENTIAL_FIELDS, Evidence
from ssup_desktop.domain.mentor import Session, Verdict, VerdictState, VerdictSummary
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.progress import (
    default_target,
    evidence_day,
    level_readiness,
    target_problem,
)
from ssup_desktop.domain.sfia import Edition, Skill, statement_keys, supports
from ssup_desktop.export.pdf_options import ReportOptions, Scope

TITLE = "Sales support (SSUP) evidence portfolio"
REDACTED = "[redacted]"
ATTRIBUTION = (
    "SFIA (c) SFIA Foundation. Skill text reproduced from the Skills Framework for the "
    "Information Age."
)
FIELD_HEADINGS = (
    ("situation", "Situation"),
    ("task", "Task"),
    ("action", "Action"),
    ("result", "Result"),
    ("description", "Description"),
    ("reflection", "Reflection"),
)


class ReportError(ValueError):
    """The options ask for a report that cannot be made (e.g. no target level is set)."""


@dataclass(frozen=True)
class PrintedAttachment:
    id: uuid.UUID
    name: str
    kind: str  # e.g. "PNG image", "PDF document"
    size: str  # e.g. "12.3 KB"
    show_image: bool  # the picture itself may be printed


@dataclass(frozen=True)
class PrintedEntry:
    """An entry as it is printed: redaction already applied, empty fields left out."""

    id: uuid.UUID
    title: str
    date: str
    confidential: bool
    fields: tuple[tuple[str, str], ...]  # (heading, text)
    tags: tuple[str, ...]
    links: tuple[str, ...]
    attachments: tuple[PrintedAttachment, ...]


@dataclass(frozen=True)
class EntryRef:
    """An entry printed in full elsewhere: ``number`` is the statement it is printed under."""

    id: uuid.UUID
    title: str
    number: str


@dataclass(frozen=True)
class MentorInput:
    """What the portfolio's mentor records say, read up front (pure data for the report)."""

    verified_keys: frozenset[str]
    summaries: Mapping[str, VerdictSummary]  # by statement id of the report's edition
    sessions: Sequence[Session]  # newest first
    verdicts: Sequence[Verdict]


@dataclass(frozen=True)
class PrintedSession:
    """One mentor session as printed: its verdicts by statement number, its agreed actions."""

    title: str  # "2026-11-10 with Jordan Lee"
    levels: str
    notes: str
    verdicts: tuple[str, ...]  # "3.2 Agreed: comment"
    actions: tuple[str, ...]  # "Text (owner: Mentee, due 2026-12-01)"


@dataclass(frozen=True)
class StatementSection:
    number: str  # "3.1"
    text: str
    state: str  # EvidenceState label
    count: int
    entries: tuple[PrintedEntry | EntryRef, ...]
    verdict: str = ""  # the mentor's latest verdict, when mentor content is included
    verdict_changed: bool = False  # agreed, but the evidence was edited since


@dataclass(frozen=True)
class LevelSection:
    level: int
    title: str  # "Level 3 - Apply"
    essence: str
    headline: str
    defined: bool
    statements: tuple[StatementSection, ...]

    @property
    def key(self) -> str:
        return f"level-{self.level}"


@dataclass(frozen=True)
class Report:
    """Everything the printed report says, in reading order."""

    owner: str
    role: str
    organisation: str
    edition: str
    exported: date
    current_level: str
    target_level: str
    headline: str
    scope: str
    levels: tuple[LevelSection, ...]
    other: tuple[PrintedEntry, ...]
    show_other: bool
    redacted: bool
    include_mentor: bool
    sessions: tuple[PrintedSession, ...] = ()
    attribution: str = ATTRIBUTION
    title: str = TITLE

    @property
    def sections(self) -> tuple[tuple[str, str], ...]:
        """(anchor key, title) of each contents line."""
        found = [("ladder", "Summary: the SSUP ladder")]
        found += [(lv.key, lv.title) for lv in self.levels if lv.defined]
        if self.show_other:
            found.append(("other", "Other evidence"))
        if self.include_mentor:
            found.append(("mentor", "Mentor sessions"))
        return tuple(found)

    @property
    def entries(self) -> tuple[PrintedEntry, ...]:
        """Every entry printed in full, in reading order."""
        full = [e for lv in self.levels for st in lv.statements for e in st.entries]
        return tuple(e for e in full if isinstance(e, PrintedEntry)) + self.other


def select_entries(entries: Sequence[Evidence], options: ReportOptions) -> list[Evidence]:
    """The entries a report covers: the selection, then dates overlapping the range."""
    chosen = list(entries)
    if options.scope is Scope.SELECTED:
        chosen = [e for e in chosen if e.id in options.evidence_ids]
    if options.date_from or options.date_to:
        kept = []
        for e in chosen:
            start = e.date_from or e.created.date()
            end = e.date_to or start
            if options.date_from and end < options.date_from:
                continue
            if options.date_to and start > options.date_to:
                continue
            kept.append(e)
        chosen = kept
    return sorted(chosen, key=lambda e: (evidence_day(e), e.title.casefold()), reverse=True)


def size_label(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def kind_label(media_type: str) -> str:
    major, _, minor = media_type.partition("/")
    minor = minor.split(";")[0].split("+")[0].removeprefix("x-").upper()
    known = {"image": "image", "text": "text", "audio": "audio", "video": "video"}
    if media_type == "application/pdf":
        return "PDF document"
    if major in known and minor:
        return f"{minor} {known[major]}"
    return "file" if media_type == "application/octet-stream" else media_type


def printed_entry(entry: Evidence, redacted: bool, include_images: bool) -> PrintedEntry:
    """``entry`` as printed; in redacted mode confidential text becomes ``[redacted]``."""
    whole = redacted and entry.confidential
    hidden = set(CONFIDENTIAL_FIELDS if whole else entry.confidential_fields if redacted else ())

    def text(name: str) -> str:
        value: str = getattr(entry, name)
        return REDACTED if value.strip() and name in hidden else value.strip()

    fields = tuple((head, text(name)) for name, head in FIELD_HEADINGS if text(name))
    links = tuple(f"{link.label} <{link.url}>" if link.label else link.url for link in entry.links)
    attachments = tuple(
        PrintedAttachment(
            a.id,
            REDACTED if whole else a.name,
            kind_label(a.media_type),
            size_label(a.size),
            a.is_image and include_images and not whole,
        )
        for a in entry.attachments
    )
    return PrintedEntry(
        id=entry.id,
        title=text("title"),
        date=entry.date_label() or f"Recorded {entry.created.date().isoformat()}",
        confidential=entry.confidential or bool(entry.confidential_fields),
        fields=fields,
        tags=(REDACTED,) if whole and entry.tags else entry.tags,
        links=(REDACTED,) if whole and links else links,
        attachments=attachments,
    )


def _scope_levels(skill: Skill, profile: Profile, options: ReportOptions) -> list[int]:
    if options.scope is Scope.PORTFOLIO or options.scope is Scope.SELECTED:
        return [lv.level for lv in skill.levels]
    number = options.level
    if options.scope is Scope.TARGET:
        number = profile.target_level or default_target(skill, profile.current_level)
        if number is None:
            raise ReportError("No target level is set in the profile.")
    assert number is not None  # ReportOptions checks a one-level report has its level
    problem = target_problem(skill, number)
    if problem:
        raise ReportError(problem)
    return [number]


def _scope_text(options: ReportOptions, levels: list[int], count: int) -> str:
    what = {
        Scope.PORTFOLIO: "Whole portfolio",
        Scope.LEVEL: f"Level {levels[0]} only",
        Scope.TARGET: f"Target level ({levels[0]}) only",
        Scope.SELECTED: "Selected entries",
    }[options.scope]
    if options.date_from and options.date_to:
        what += f", entries from {options.date_from} to {options.date_to}"
    elif options.date_from:
        what += f", entries from {options.date_from}"
    elif options.date_to:
        what += f", entries up to {options.date_to}"
    noun = "entry" if count == 1 else "entries"
    return f"{what} ({count} {noun})" + (
        "; confidential content redacted" if options.redacted else ""
    )


def build_report(
    profile: Profile,
    skills: Mapping[Edition, Skill],
    entries: Sequence[Evidence],
    options: ReportOptions,
    today: date,
    mentor: MentorInput | None = None,
) -> Report:
    """The report of ``entries`` (the whole portfolio; the options choose) as of ``today``;
    ``mentor``: the portfolio's verdicts and sessions (verified statements count as such)."""
    skill = skills[profile.edition]
    chosen = select_entries(entries, options)
    verified = mentor.verified_keys if mentor else frozenset()
    readiness = level_readiness(
        skills, profile.edition, chosen, verified_keys=verified, today=today
    )
    by_id = {entry.id: entry for entry in chosen}  # readiness lists them as Supporting
    with_mentor = mentor if options.include_mentor else None
    in_scope = _scope_levels(skill, profile, options)
    printed_at: dict[uuid.UUID, str] = {}
    levels: list[LevelSection] = []
    for number in in_scope:
        ready = readiness[number]
        sections = []
        for index, progress in enumerate(ready.statements, start=1):
            if options.scope is Scope.SELECTED and not progress.supporting:
                continue
            numbered = f"{number}.{index}"
            shown: list[PrintedEntry | EntryRef] = []
            for entry in (by_id[s.id] for s in progress.supporting):
                item = printed_entry(entry, options.redacted, options.include_images)
                if entry.id in printed_at:
                    shown.append(EntryRef(entry.id, item.title, printed_at[entry.id]))
                else:
                    printed_at[entry.id] = numbered
                    shown.append(item)
            summary = with_mentor.summaries.get(progress.statement.id) if with_mentor else None
            sections.append(
                StatementSection(
                    numbered,
                    progress.statement.text,
                    progress.state.label,
                    len(progress.supporting),
                    tuple(shown),
                    verdict=_verdict_line(summary),
                    verdict_changed=summary is not None and summary.state is VerdictState.CHANGED,
                )
            )
        if options.scope is Scope.SELECTED and not sections:
            continue
        lv = ready.level
        levels.append(
            LevelSection(
                number, lv.title, lv.essence, ready.headline(), lv.defined, tuple(sections)
            )
        )
    show_other = options.scope in (Scope.PORTFOLIO, Scope.SELECTED)
    other = tuple(
        printed_entry(e, options.redacted, options.include_images)
        for e in chosen
        if show_other and e.id not in printed_at and not _linked_in(skill, skills, e)
    )
    target = profile.target_level or default_target(skill, profile.current_level)
    return Report(
        owner=profile.owner_name.strip(),
        role=profile.role.strip(),
        organisation=profile.organisation.strip(),
        edition=profile.edition.label,
        exported=today,
        current_level=_level_name(skill, profile.current_level),
        target_level=_level_name(skill, target),
        headline=readiness[target].headline() if target else "No target level set",
        scope=_scope_text(options, in_scope, len(chosen)),
        levels=tuple(levels),
        other=other,
        show_other=show_other and (bool(other) or options.scope is Scope.PORTFOLIO),
        redacted=options.redacted,
        include_mentor=options.include_mentor,
        sessions=_printed_sessions(skill, skills, with_mentor) if with_mentor else (),
    )


def _verdict_line(summary: VerdictSummary | None) -> str:
    """E.g. "Agreed by Jordan Lee on 2026-11-10: Clear, recent examples"; "" without one."""
    if summary is None or summary.state is VerdictState.NONE:
        return ""
    comment = summary.verdict.comment.strip() if summary.verdict else ""
    return f"{summary.text}: {comment}" if comment else summary.text


def statement_number(skill: Skill, skills: Mapping[Edition, Skill], statement_id: str) -> str:
    """The "3.2" number in ``skill`` of the statement ``statement_id`` (any edition) matches."""
    keys = statement_keys(dict(skills), statement_id) or frozenset({statement_id})
    for level in skill.levels:
        for index, statement in enumerate(level.statements, start=1):
            if statement.id == statement_id or statement.keys & keys:
                return f"{level.level}.{index}"
    return statement_id


def _printed_sessions(
    skill: Skill, skills: Mapping[Edition, Skill], mentor: MentorInput
) -> tuple[PrintedSession, ...]:
    printed = []
    for session in mentor.sessions:
        verdicts = tuple(
            f"{statement_number(skill, skills, v.statement_id)} {v.kind.label}"
            + (f": {v.comment.strip()}" if v.comment.strip() else "")
            for v in mentor.verdicts
            if v.session_id == session.id
        )
        actions = tuple(
            f"{a.text} (owner: {a.owner_label}"
            + (f", due {a.due.isoformat()}" if a.due else "")
            + (", done" if a.done else "")
            + ")"
            for a in session.actions
        )
        who = f" with {session.mentor_name}" if session.mentor_name else ""
        printed.append(
            PrintedSession(
                f"{session.started.date().isoformat()}{who}",
                session.levels_label(),
                session.notes.strip(),
                verdicts,
                actions,
            )
        )
    return tuple(printed)


def _linked_in(skill: Skill, skills: Mapping[Edition, Skill], entry: Evidence) -> bool:
    """Whether ``entry`` supports any statement of ``skill`` (cross-edition aware)."""
    linked = set(entry.statement_ids)
    return bool(linked) and any(supports(dict(skills), linked, st) for st in skill.statements)


def _level_name(skill: Skill, level: int | None) -> str:
    return skill.level(level).title if level else "Not set"
