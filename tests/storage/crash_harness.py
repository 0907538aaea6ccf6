"""Kill portfolio writers with SIGKILL and check nothing committed was lost (tests, benchmark)."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from ssup_desktop.storage import PortfolioStore

WRITER = Path(__file__).with_name("crash_writer.py")
_IMPORTED = re.compile(r"^c(\d+)-i(\d+)-e\d+$")


@dataclass
class KillReport:
    """What the kills did to the portfolio; ``problems`` must stay empty."""

    kills: int = 0
    committed: int = 0  # commits the writers reported (entries, attachments, whole imports)
    lost: int = 0
    partial_imports: int = 0
    imports_done: int = 0  # imports reported committed (all their entries present)
    imports_cut: int = 0  # imports a kill interrupted (none of their entries present)
    integrity_failures: int = 0
    problems: list[str] = field(default_factory=list)


class KillHarness:
    """A writer fork server on one portfolio; ``kill_once`` runs, kills and checks one writer."""

    def __init__(
        self, portfolio: Path, mode: str, workdir: Path, import_json: Path | None = None
    ) -> None:
        self.portfolio = portfolio
        self.mode = mode
        self.workdir = workdir
        self.report = KillReport()
        self._entries: set[str] = set()
        self._attachments: set[str] = set()
        self._begun: dict[tuple[int, int], int] = {}  # (seed, k) -> entries in that import
        self._done: set[tuple[int, int]] = set()
        argv = [sys.executable, str(WRITER), str(portfolio), mode]
        if import_json is not None:
            argv.append(str(import_json))
        self._server = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )
        assert self._ask(None) == "ready"

    def _ask(self, command: str | None) -> str:
        assert self._server.stdin is not None and self._server.stdout is not None
        if command is not None:
            self._server.stdin.write(command + "\n")
            self._server.stdin.flush()
        line = self._server.stdout.readline()
        if not line:
            raise RuntimeError("the writer server died")
        return line.strip()

    def __enter__(self) -> KillHarness:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._server.stdin is not None
        try:
            self._server.stdin.write("quit\n")
            self._server.stdin.flush()
        except BrokenPipeError:
            pass
        self._server.communicate(timeout=10)

    def kill_once(self, delay: float) -> None:
        """Start a writer, let it write for ``delay`` seconds, SIGKILL it, then check the file."""
        n = self.report.kills
        out = self.workdir / f"{self.portfolio.stem}-writer-{n}.out"
        out.unlink(missing_ok=True)
        pid = int(self._ask(f"run {n} {out}").split()[1])
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        status = self._ask(f"wait {pid}")
        self.report.kills += 1
        if status != f"status {signal.SIGKILL.value}":
            self.report.problems.append(f"writer {n} ended with {status}, not by SIGKILL")
        self._read_output(out)
        self._check()

    def _read_output(self, out: Path) -> None:
        text = out.read_text("utf-8") if out.exists() else ""
        complete = text.split("\n")[:-1]  # a last line without its newline was cut by the kill
        for line in complete:
            kind, *rest = line.split()
            if kind == "entry":
                self._entries.add(rest[0])
            elif kind == "attachment":
                self._attachments.add(rest[0])
            elif kind == "begin":
                self._begun[(int(rest[0]), int(rest[1]))] = int(rest[2])
            elif kind == "import":
                self._done.add((int(rest[0]), int(rest[1])))
        self.report.committed = len(self._entries) + len(self._attachments) + len(self._done)

    def _check(self) -> None:
        store = PortfolioStore.open(self.portfolio)  # also proves the dead writer's lock is gone
        try:
            conn = store.conn
            verdict = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if verdict != ["ok"]:
                self.report.integrity_failures += 1
                self.report.problems.append(f"integrity check after kill: {verdict[:3]}")
            entries = {row[0] for row in conn.execute("SELECT id FROM evidence")}
            attachments = {row[0] for row in conn.execute("SELECT id FROM attachment")}
            titles = [row[0] for row in conn.execute("SELECT title FROM evidence")]
        finally:
            store.close()
        lost = len(self._entries - entries) + len(self._attachments - attachments)
        self.report.imports_done = len(self._done)
        self.report.imports_cut = len(self._begun) - len(self._done)
        counts = Counter(
            (int(m[1]), int(m[2])) for t in titles if (m := _IMPORTED.match(t)) is not None
        )
        for key, size in self._begun.items():
            found = counts.get(key, 0)
            if key in self._done and found != size:
                lost += 1
                self.report.problems.append(f"import {key}: reported done, {found}/{size} present")
            elif found not in (0, size):
                self.report.partial_imports += 1
                self.report.problems.append(f"import {key}: partial, {found}/{size} present")
        if lost > self.report.lost:
            self.report.problems.append(f"after kill {self.report.kills}: {lost} commits lost")
        self.report.lost = lost


def run_kills(
    portfolio: Path,
    mode: str,
    workdir: Path,
    kills: int,
    *,
    import_json: Path | None = None,
    max_delay: float = 0.150,
    seed: int = 0,
) -> KillReport:
    """``kills`` writers, each killed after a random 0..max_delay seconds."""
    rng = random.Random(seed)
    with KillHarness(portfolio, mode, workdir, import_json) as harness:
        for _ in range(kills):
            harness.kill_once(rng.uniform(0, max_delay))
    return harness.report


def write_import_json(path: Path, entries: int, statement_id: str) -> Path:
    """An interchange file with ``entries`` entries (every tenth with a 16 KiB attachment)."""
    import base64
    import hashlib
    from datetime import date

    from ssup_desktop.export.interchange import (
        AttachmentDocument,
        EvidenceDocument,
        InterchangeDocument,
        ProfileDocument,
        document_json,
    )

    docs = []
    for j in range(entries):
        attachments: tuple[AttachmentDocument, ...] = ()
        if j % 10 == 0:
            data = random.Random(j).randbytes(16 * 1024)
            attachments = (
                AttachmentDocument(
                    name=f"file{j}.bin",
                    media_type="application/octet-stream",
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    data_base64=base64.b64encode(data).decode("ascii"),
                ),
            )
        docs.append(
            EvidenceDocument(
                title=f"template {j}",
                date_from=date(2023, 1 + j % 12, 1),
                action="did things " * 30,
                statement_ids=(statement_id,),
                tags=("imported",),
                attachments=attachments,
            )
        )
    document = InterchangeDocument(
        profile=ProfileDocument(owner_name="Crash"), evidence=tuple(docs)
    )
    path.write_text(document_json(document), "utf-8")
    return path
