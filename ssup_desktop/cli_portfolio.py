"""The portfolio subcommands: sample, export, import and check. Never a traceback for bad input."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from ssup_desktop.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError
from ssup_desktop.content import ContentError, load_all
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.export.interchange import InterchangeError, apply_import, export_json, load_import
from ssup_desktop.paths import resolve_paths
from ssup_desktop.sample import build_sample
from ssup_desktop.services import PortfolioService
from ssup_desktop.storage import PortfolioError
from ssup_desktop.storage.backup import attach_latest_backup


def portfolio_path(args: argparse.Namespace) -> Path:
    """The subcommand's --portfolio, else the top-level --portfolio, else the default one."""
    chosen = getattr(args, "sub_portfolio", None) or getattr(args, "portfolio", None)
    if chosen is not None:
        return Path(chosen)
    paths = resolve_paths()
    return paths.default_portfolio


def _backups_dir() -> Path:
    """Where automatic backups go: the data dir's backups folder."""
    return resolve_paths().backups_dir


def _sample(args: argparse.Namespace, skills: dict[Edition, Skill]) -> int:
    path = Path(args.file)
    if path.exists():
        raise UsageError(f"{path}: already exists; choose a new file name")
    service = build_sample(path, skills)
    count = len(service.list_evidence())
    service.close()
    print(f"{path}: sample portfolio written ({count} entries)")
    return EXIT_OK


def _export(args: argparse.Namespace, skills: dict[Edition, Skill]) -> int:
    target = Path(args.file)
    if target.suffix.lower() == ".pdf":
        return _export_pdf(args, skills, target)
    if target.suffix.lower() != ".json":
        raise UsageError(f"{target}: unsupported export format (use .json or .pdf)")
    if getattr(args, "level", None) is not None:
        raise UsageError(f"{target}: --level applies to PDF exports only")
    source = portfolio_path(args)
    service = PortfolioService.open(source, skills, _backups_dir())
    try:
        document = export_json(service, target)
    finally:
        service.close()
    attachments = sum(len(entry.attachments) for entry in document.evidence)
    print(
        f"{target}: exported {len(document.evidence)} entries "
        f"and {attachments} attachments from {source}"
    )
    return EXIT_OK


def _export_pdf(args: argparse.Namespace, skills: dict[Edition, Skill], target: Path) -> int:
    """`export FILE.pdf [--level N]`: works offscreen, with no display."""
    from ssup_desktop.export.pdf import PdfExportError, export_pdf_cli
    from ssup_desktop.export.report_model import ReportError

    service = PortfolioService.open(portfolio_path(args), skills, _backups_dir())
    try:
        print(export_pdf_cli(service, target, args.level))
    except (PdfExportError, ReportError) as exc:
        raise UsageError(str(exc)) from exc
    finally:
        service.close()
    return EXIT_OK


def _import(args: argparse.Namespace, skills: dict[Edition, Skill]) -> int:
    source = Path(args.file)
    plan = load_import(source, skills)  # validate the whole file before touching any portfolio
    target = portfolio_path(args)
    if target.exists():
        service = PortfolioService.open(target, skills, _backups_dir())
    else:
        if target == resolve_paths().default_portfolio:
            resolve_paths().ensure()
        service = PortfolioService.create(target, skills, backups_dir=_backups_dir())
    try:
        summary = apply_import(service, source, plan)
    finally:
        service.close()
    print(
        f"{target}: imported {source}: {summary.added} added, {summary.updated} updated, "
        f"{summary.unchanged} unchanged" + (", profile updated" if summary.profile_updated else "")
    )
    return EXIT_OK


def _check(args: argparse.Namespace, skills: dict[Edition, Skill]) -> int:
    path = portfolio_path(args)
    service = PortfolioService.open(path, skills)
    try:
        problems = service.store.problems()
        entries = service.store.evidence_count()
        attachments = service.store.attachment_count()
    finally:
        service.close()
    if problems:
        for problem in problems:
            print(f"{path}: {problem}")
        return EXIT_PROBLEMS
    print(f"{path}: OK ({entries} entries, {attachments} attachments)")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, dict[Edition, Skill]], int]] = {
    "sample": _sample,
    "export": _export,
    "import": _import,
    "check": _check,
}


def run(args: argparse.Namespace) -> int:
    """Run one portfolio subcommand; every expected failure becomes a one-line UsageError."""
    try:
        return COMMANDS[args.command](args, load_all())
    except PortfolioError as exc:
        if args.command != "sample":
            attach_latest_backup(exc, _backups_dir(), portfolio_path(args))
        hint = f"; latest good backup: {exc.latest_backup}" if exc.latest_backup else ""
        raise UsageError(f"{exc}{hint}") from exc
    except (InterchangeError, ContentError) as exc:
        raise UsageError(str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        where = args.file if args.command == "sample" else portfolio_path(args)
        raise UsageError(f"{where}: damaged or unreadable portfolio ({exc})") from exc
    except OSError as exc:
        where = exc.filename or getattr(args, "file", "")
        raise UsageError(f"{where}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise UsageError(str(exc).splitlines()[0]) from exc
    except (UsageError, KeyboardInterrupt):
        raise
    except Exception as exc:  # an unexpected bug: still one line, never a traceback
        print(f"ssup-desktop: internal error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return EXIT_USAGE
