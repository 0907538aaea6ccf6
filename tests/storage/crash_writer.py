"""A fork server of portfolio writers for the SIGKILL tests (tests/storage/test_crash.py).

Usage: ``python crash_writer.py PORTFOLIO MODE [IMPORT_JSON]``, MODE one of ``edits``,
``import`` or ``import-unsafe`` (entry by entry, no transaction: a deliberately broken writer
that shows the checks catch a partial import). The server loads the code once, prints
``ready`` and then reads commands on stdin:

``run SEED OUTFILE``  fork a writer whose stdout is OUTFILE; reply ``pid N`` once it has the
                      portfolio open and is about to write
``wait PID``          reap it; reply ``status S`` (S = the signal that ended it, or exit code)

Each writer opens the portfolio through PortfolioService (taking its lock) and writes until it
is killed, printing one line per commit, flushed, only AFTER the commit returned:
``entry <id>`` / ``attachment <id>`` (edits), ``begin <seed> <k> <n>`` before and
``import <seed> <k>`` after importing ``n`` entries titled ``c<seed>-i<k>-e<j>`` (imports).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
import uuid
from datetime import date
from pathlib import Path

from ssup_desktop.content import load_all
from ssup_desktop.domain.evidence import AttachmentInfo, Evidence
from ssup_desktop.export.interchange import PortfolioImport, apply_import, load_import
from ssup_desktop.services import PortfolioService


def _say(text: str) -> None:
    print(text, flush=True)


def _orphaned(parent: int) -> bool:
    return os.getppid() != parent


def _edits(service: PortfolioService, seed: int, parent: int) -> None:
    statement = next(iter(service.skills.values())).statements[0].id
    for i in range(10**9):
        if _orphaned(parent):
            return
        entry = Evidence(
            title=f"c{seed}-e{i}",
            date_from=date(2024, 1, 1 + i % 28),
            situation="situation " * 50,
            statement_ids=(statement,),
            tags=("crash", f"t{i % 7}"),
        )
        service.add_evidence(entry)
        _say(f"entry {entry.id}")
        if i % 4 == 3:
            data = os.urandom(48 * 1024)
            info = AttachmentInfo(
                name=f"a{i}.bin",
                media_type="application/octet-stream",
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
            )
            service.add_attachment_data(entry.id, info, data)
            _say(f"attachment {info.id}")
        if i % 5 == 4:
            service.update_evidence(entry.model_copy(update={"result": f"updated {i}"}))


def _renamed(plan: PortfolioImport, seed: int, k: int) -> PortfolioImport:
    entries = []
    for j, (entry, data) in enumerate(plan.entries):
        infos, new_data = [], {}
        for info in entry.attachments:
            fresh = info.model_copy(update={"id": uuid.uuid4()})
            infos.append(fresh)
            new_data[fresh.id] = data[info.id]
        update = {"id": uuid.uuid4(), "title": f"c{seed}-i{k}-e{j}", "attachments": tuple(infos)}
        entries.append((entry.model_copy(update=update), new_data))
    return dataclasses.replace(plan, entries=entries, progress=None, mentor=None)


def _imports(
    service: PortfolioService, source: Path, plan: PortfolioImport, seed: int, parent: int
) -> None:
    unsafe = sys.argv[2] == "import-unsafe"
    for k in range(10**9):
        if _orphaned(parent):
            return
        batch = _renamed(plan, seed, k)
        _say(f"begin {seed} {k} {len(batch.entries)}")
        if unsafe:  # one transaction per entry: NOT all or nothing
            for entry, _data in batch.entries:
                service.add_evidence(entry.model_copy(update={"attachments": ()}))
        else:
            apply_import(service, source, batch)
        _say(f"import {seed} {k}")


def _child(path: Path, seed: int, out: str, ready_fd: int, plan: PortfolioImport | None) -> None:
    parent = os.getppid()
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(fd, 1)
    os.close(fd)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    service = PortfolioService.open(path, load_all())
    os.write(ready_fd, b"r")
    os.close(ready_fd)
    if plan is None:
        _edits(service, seed, parent)
    else:
        _imports(service, Path(sys.argv[3]), plan, seed, parent)


def main() -> None:
    path = Path(sys.argv[1])
    plan = load_import(Path(sys.argv[3]), load_all()) if sys.argv[2] != "edits" else None
    _say("ready")
    for line in sys.stdin:
        command, *args = line.split()
        if command == "run":
            read_fd, write_fd = os.pipe()
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                os.close(read_fd)
                try:
                    _child(path, int(args[0]), args[1], write_fd, plan)
                finally:
                    os._exit(0)
            os.close(write_fd)
            os.read(read_fd, 1)  # the child has the portfolio open (or died trying)
            os.close(read_fd)
            _say(f"pid {pid}")
        elif command == "wait":
            _pid, status = os.waitpid(int(args[0]), 0)
            code = os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            _say(f"status {code}")
        else:
            return


if __name__ == "__main__":
    main()
