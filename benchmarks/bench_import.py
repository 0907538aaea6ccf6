"""Import a 10,000-entry interchange JSON file into a fresh portfolio."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.common import Row, Workspace

GOAL_S = 5.0


def measure(source: Path, workdir: Path, runs: int) -> list[Row]:
    from ssup_desktop.content import load_all
    from ssup_desktop.export.interchange import apply_import, load_import
    from ssup_desktop.services import PortfolioService

    skills = load_all()
    totals: list[float] = []
    reading: list[float] = []
    added = 0
    for index in range(runs):
        target = workdir / f"import-{index}.ssup"
        service = PortfolioService.create(target, skills)
        try:
            started = time.perf_counter()
            plan = load_import(source, skills)  # what import_json does, in its two steps
            loaded = time.perf_counter()
            summary = apply_import(service, source, plan)
            done = time.perf_counter()
        finally:
            service.close()
        added = summary.added
        totals.append(done - started)
        reading.append(loaded - started)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    read = sorted(reading)[len(reading) // 2]
    size = source.stat().st_size / 1e6
    return [
        Row(
            "Import 10k-entry JSON",
            tuple(totals),
            GOAL_S,
            "s",
            f"{added} added from {size:.0f} MB; read+validate {read:.1f} s, rest is merge",
        )
    ]


def run(work: Workspace) -> list[Row]:
    return measure(work.files["json10k"], work.root, 2 if work.quick else 3)
