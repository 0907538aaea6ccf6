"""Stress test: 500 SIGKILLs of portfolio writers (edits and big imports); zero loss expected.

Run from the repository root: ``python -m benchmarks.stress_kill [--kills 500]``.
Exits 1 if anything committed was lost, an import was partial or an integrity check failed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.storage.*

from ssup_desktop.content import load_all
from ssup_desktop.services import PortfolioService
from tests.storage.crash_harness import KillReport, run_kills, write_import_json


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=500, help="total kills (half each mode)")
    parser.add_argument("--entries", type=int, default=300, help="entries per import file")
    args = parser.parse_args(argv)
    skills = load_all()
    statement = next(iter(skills.values())).statements[0].id
    reports: list[tuple[str, KillReport, float]] = []
    with tempfile.TemporaryDirectory(prefix="ssup-stress-") as folder:
        work = Path(folder)
        source = write_import_json(work / "import.json", args.entries, statement)
        half = args.kills // 2
        for mode, kills, delay in (("edits", half, 0.150), ("import", args.kills - half, 0.400)):
            portfolio = work / f"{mode}.ssup"
            PortfolioService.create(portfolio, skills).close()
            started = time.perf_counter()
            report = run_kills(
                portfolio,
                mode,
                work,
                kills,
                import_json=source if mode == "import" else None,
                max_delay=delay,
                seed=len(reports) + 7,
            )
            reports.append((mode, report, time.perf_counter() - started))
    failed = False
    for mode, report, seconds in reports:
        ok = not report.problems and report.lost == 0 and report.integrity_failures == 0
        failed |= not ok
        extra = (
            f", imports done={report.imports_done} cut={report.imports_cut} "
            f"partial={report.partial_imports}"
            if mode == "import"
            else ""
        )
        print(
            f"{mode:6}: kills={report.kills} committed={report.committed} lost={report.lost}"
            f"{extra}, integrity {'ok' if report.integrity_failures == 0 else 'FAILED'} "
            f"({seconds:.1f} s)"
        )
        for problem in report.problems[:10]:
            print(f"  problem: {problem}")
    total = sum(r.kills for _m, r, _s in reports)
    lost = sum(r.lost for _m, r, _s in reports)
    print(f"total : kills={total} lost={lost} -> {'PASS' if not failed else 'FAIL'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
