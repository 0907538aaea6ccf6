"""Real write failures, run in a subprocess by test_disk_errors.py; prints one JSON report.

``full PORTFOLIO WORKDIR``: a full disk, made real with RLIMIT_FSIZE (SIGXFSZ ignored, so
writes past the limit fail with EFBIG or come up short, as on a full disk), then lifted.
``readonly PORTFOLIO WORKDIR``: read-only files and folders made real with chmod; when run
as root the process first drops CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER so the
kernel enforces the permission bits on it too.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import sqlite3
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ssup_desktop.cli import main as cli_main
from ssup_desktop.content import load_all
from ssup_desktop.domain.evidence import Evidence
from ssup_desktop.export.interchange import export_json
from ssup_desktop.services import PortfolioService

Report = dict[str, Any]


def drop_dac_capabilities() -> None:
    """Make a root process subject to file permission bits (no-op for other users)."""
    if os.geteuid() != 0:
        return

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [
            ("effective", ctypes.c_uint32),
            ("permitted", ctypes.c_uint32),
            ("inheritable", ctypes.c_uint32),
        ]

    libc = ctypes.CDLL(None, use_errno=True)
    header, data = Header(0x20080522, 0), (Data * 2)()  # _LINUX_CAPABILITY_VERSION_3
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget failed")
    keep = ~((1 << 1) | (1 << 2) | (1 << 3)) & 0xFFFFFFFF  # DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER
    for part in data:
        part.effective &= keep
        part.permitted &= keep
        part.inheritable &= keep
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")


def _attempt(step: str, action: Callable[[], object], service: PortfolioService | None) -> Report:
    result: Report = {"step": step, "ok": True, "error": None, "message": ""}
    try:
        action()
    except Exception as exc:
        result.update(ok=False, error=type(exc).__name__, message=str(exc))
    if service is not None:
        conn = service.store.conn
        result["entries"] = conn.execute("SELECT count(*) FROM evidence").fetchone()[0]
        result["attachments"] = conn.execute("SELECT count(*) FROM attachment").fetchone()[0]
        result["integrity"] = conn.execute("PRAGMA integrity_check").fetchone()[0]
    return result


def _big_entry() -> Evidence:
    return Evidence(title="Big entry", date_from=date(2024, 5, 1), description="x" * 90_000)


def _writes(service: PortfolioService, work: Path, tag: str) -> list[Report]:
    """An entry, an attachment, a backup and a JSON export: every kind of write."""
    first = service.list_evidence()[0].id
    source = work / "big-scan.png"  # written before the disk filled up
    return [
        _attempt(f"entry-{tag}", lambda: service.add_evidence(_big_entry()), service),
        _attempt(f"attachment-{tag}", lambda: service.add_attachment(first, source), service),
        _attempt(f"backup-{tag}", lambda: service.backup("manual"), service),
        _attempt(f"export-{tag}", lambda: export_json(service, work / f"out-{tag}.json"), service),
    ]


def full(portfolio: Path, work: Path) -> list[Report]:
    skills = load_all()
    service = PortfolioService.open(portfolio, skills, backups_dir=work / "backups")
    (work / "big-scan.png").write_bytes(os.urandom(200_000))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (48 * 1024, hard))  # "the disk is full"
    reports = _writes(service, work, "full")
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))  # "space was freed"
    reports += _writes(service, work, "freed")
    service.close()
    return reports


def readonly(portfolio: Path, work: Path) -> list[Report]:
    drop_dac_capabilities()
    skills = load_all()
    reports: list[Report] = []
    # 1. the portfolio file itself is read-only (0400): entry and attachment writes fail
    portfolio.chmod(0o400)
    service = PortfolioService.open(portfolio, skills)
    first = service.list_evidence()[0].id
    source = work / "scan.png"
    source.write_bytes(os.urandom(20_000))
    reports.append(_attempt("entry-ro", lambda: service.add_evidence(_big_entry()), service))
    reports.append(
        _attempt("attachment-ro", lambda: service.add_attachment(first, source), service)
    )
    service.close()
    # ... and so does an import from the command line: exit 2, the file unchanged
    export = work / "export.json"
    portfolio.chmod(0o600)
    service = PortfolioService.open(portfolio, skills)
    export_json(service, export)
    service.close()
    doc = json.loads(export.read_text("utf-8"))
    doc["evidence"][0]["title"] = "Imported title"
    doc["evidence"][0]["modified"] = "2099-01-01T00:00:00Z"
    export.write_text(json.dumps(doc), "utf-8")
    portfolio.chmod(0o400)
    code = cli_main(["import", str(export), "--portfolio", str(portfolio)])
    reports.append({"step": "import-ro", "ok": code == 0, "code": code})
    # 2. a read-only backups folder and export folder (0500), the portfolio writable again
    portfolio.chmod(0o600)
    locked = work / "locked"
    locked.mkdir(mode=0o700)
    locked.chmod(0o500)
    service = PortfolioService.open(portfolio, skills)
    service.backups = None
    from ssup_desktop.storage.backup import AutoBackup

    service.backups = AutoBackup(service.store, portfolio, locked / "backups")
    reports.append(_attempt("backup-ro", lambda: service.backup("manual"), service))
    reports.append(
        _attempt("export-ro", lambda: export_json(service, locked / "out.json"), service)
    )
    # 3. once the folder is writable again everything works
    locked.chmod(0o700)
    reports.append(_attempt("backup-freed", lambda: service.backup("manual"), service))
    reports.append(
        _attempt("export-freed", lambda: export_json(service, locked / "out.json"), service)
    )
    reports.append(_attempt("entry-freed", lambda: service.add_evidence(_big_entry()), service))
    service.close()
    # 4. a portfolio inside a read-only folder cannot be opened for writing: a clear message
    inner = locked / "inner.ssup"
    inner.write_bytes(portfolio.read_bytes())
    locked.chmod(0o500)
    reports.append(_attempt("open-ro-folder", lambda: PortfolioService.open(inner, skills), None))
    locked.chmod(0o700)
    return reports


def main() -> None:
    scenario, portfolio, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    reports = {"full": full, "readonly": readonly}[scenario](portfolio, work)
    conn = sqlite3.connect(portfolio)
    final = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    print(json.dumps({"reports": reports, "integrity": final}))


if __name__ == "__main__":
    main()
