"""PDF of 1,000 entries with 100 images: wall time and peak memory of a separate process."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import Row, Workspace, offscreen_env, python

GOAL_S = 10.0
GOAL_MB = 400.0


def child(portfolio: Path, out: Path) -> dict[str, float]:
    """In the child: open the portfolio, write the whole-portfolio PDF, report time and memory."""
    started = time.perf_counter()
    from ssup_desktop.content import load_all
    from ssup_desktop.export.pdf import ensure_gui_app, write_pdf
    from ssup_desktop.export.pdf_options import ReportOptions
    from ssup_desktop.services import PortfolioService

    ensure_gui_app()
    service = PortfolioService.open(portfolio, load_all())
    ready = time.perf_counter()
    try:
        result = write_pdf(service, out, ReportOptions())
    finally:
        service.close()
    done = time.perf_counter()
    peak_kb = _peak_rss_kb()
    return {
        "seconds": done - ready,
        "process_seconds": done - started,
        "peak_mb": peak_kb / 1024,
        "pages": float(result.pages),
        "entries": float(result.entries),
        "bytes": float(out.stat().st_size),
    }


def _peak_rss_kb() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: Linux carries the parent's peak across
    fork + exec into ru_maxrss, which would charge the benchmark runner's memory to the child."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    except OSError:
        pass
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def measure(portfolio: Path, workdir: Path, runs: int) -> list[Row]:
    times: list[float] = []
    peaks: list[float] = []
    last: dict[str, float] = {}
    for index in range(runs):
        out = workdir / f"report-{index}.pdf"
        done = subprocess.run(
            [python(), "-m", "benchmarks.bench_pdf", str(portfolio), str(out)],
            env=offscreen_env(workdir / "pdf-data"),
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if done.returncode != 0:
            raise RuntimeError(f"PDF child failed ({done.returncode}): {done.stderr[-2000:]}")
        last = json.loads(done.stdout.strip().splitlines()[-1])
        times.append(last["seconds"])
        peaks.append(last["peak_mb"])
        out.unlink(missing_ok=True)
    what = (
        f"{last['pages']:.0f} pages, {last['entries']:.0f} entries, "
        f"{last['bytes'] / 1e6:.1f} MB file"
    )
    return [
        Row("PDF 1k entries + 100 images: time", tuple(times), GOAL_S, "s", f"write_pdf; {what}"),
        Row(
            "PDF 1k entries + 100 images: peak memory",
            tuple(peaks),
            GOAL_MB,
            "MB",
            "peak RSS of the whole child process (VmHWM)",
        ),
    ]


def run(work: Workspace) -> list[Row]:
    return measure(work.files["p1k_images"], work.root, 2 if work.quick else 3)


if __name__ == "__main__":
    print(json.dumps(child(Path(sys.argv[1]), Path(sys.argv[2]))))
