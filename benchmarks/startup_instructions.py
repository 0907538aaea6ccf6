"""Start-up counted in instructions: a steady measure of what a change to start-up gains.

Valgrind's callgrind counts the instructions each thread runs. This script counts them for the
main thread of the app (``python -m ssup_desktop --portfolio P --exit-after-startup``, on a
5,000-entry portfolio) and of ``bare_qt.py``, from the start of the process to its first paint
(both leave at once from there: teardown is not counted), and prints both and their ratio.

Wall-clock start-up on this machine moves by 5 to 20 % from one minute to the next; these
counts repeat to within 0.1 %. Use them to compare two versions of the code (a gain of 1 % is
visible); the goal itself is timed, by ``bench_startup.py``. Instructions are not time: work in
Qt's C++ (text layout, painting) takes fewer nanoseconds per instruction than the Python
interpreter does, so a gain in Qt shows larger here than on the clock. Each run takes about 15
seconds (valgrind is slow). Needs valgrind (Debian: ``apt-get install valgrind``).

    python benchmarks/startup_instructions.py                 # generates the portfolio
    python benchmarks/startup_instructions.py --portfolio P   # or uses this one (a copy)
    python benchmarks/startup_instructions.py --keep DIR      # keeps the callgrind files
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import REPO, offscreen_env, python

EXIT_AT_PAINT = "SSUP_BENCH_EXIT_AT_PAINT"  # bare_qt.py and the app probe leave at first paint
ENTRIES = 5_000

# The app, leaving the moment it has printed its first-paint line (os._exit: no teardown) when
# SSUP_BENCH_EXIT_AT_PAINT is set; else quitting as --exit-after-startup does
APP_PROBE = """
import os, sys
import ssup_desktop.app as app
report = app.report_first_paint
def leave():
    report()
    if os.environ.get("SSUP_BENCH_EXIT_AT_PAINT"):
        os._exit(0)
app.report_first_paint = leave
from ssup_desktop.cli import main
sys.exit(main(["--portfolio", sys.argv[1], "--exit-after-startup"]))
"""


def main_thread_instructions(out_dir: Path) -> int:
    """The instruction count of the busiest thread (the main one) in a callgrind run."""
    counts = []
    for part in out_dir.glob("callgrind.out*"):
        found = re.search(r"^(?:summary|totals): (\d+)", part.read_text(errors="replace"), re.M)
        if found:
            counts.append(int(found.group(1)))
    if not counts:
        raise RuntimeError(f"callgrind wrote no counts in {out_dir}")
    return max(counts)


def count(command: list[str], out_dir: Path, data_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    env = offscreen_env(data_dir)
    env[EXIT_AT_PAINT] = "1"
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: from compiled bytecode
    valgrind = [
        "valgrind",
        "--tool=callgrind",
        "--separate-threads=yes",
        f"--callgrind-out-file={out_dir / 'callgrind.out'}",
    ]
    # warm-up, to its normal end: bytecode written, and the app's settings saved as after any
    # start (the colour scheme seen, which the next first paint starts from: ui/theme.py)
    warm_env = {k: v for k, v in env.items() if k != EXIT_AT_PAINT}
    subprocess.run(command, env=warm_env, cwd=REPO, capture_output=True, check=True)
    for stale in out_dir.glob("callgrind.out*"):
        stale.unlink()
    done = subprocess.run(valgrind + command, env=env, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0 or "first-paint" not in done.stdout:
        shown = " ".join(command)[:80]
        raise RuntimeError(f"{shown} did not reach its first paint: {done.stderr[-2000:]}")
    return main_thread_instructions(out_dir)


def run(portfolio: Path | None, keep: Path | None) -> int:
    if shutil.which("valgrind") is None:
        print("startup_instructions: valgrind is not installed (apt-get install valgrind)")
        return 2
    with tempfile.TemporaryDirectory(prefix="ssup-instr-") as tmp:
        work = keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        copy = work / "portfolio.ssup"
        if portfolio is None:
            from benchmarks.generate import DEFAULT_SEED, generate_portfolio
            from ssup_desktop.content import load_all

            generate_portfolio(copy, ENTRIES, 0, DEFAULT_SEED, load_all())
        else:
            shutil.copyfile(portfolio, copy)
        bare = count([python(), str(REPO / "benchmarks" / "bare_qt.py")], work / "bare", work)
        app = count([python(), "-c", APP_PROBE, str(copy)], work / "app", work / "app-data")
    print(f"bare PySide6 window: {bare / 1e6:8.1f} M instructions to the first paint")
    print(f"SSUP Desktop:        {app / 1e6:8.1f} M instructions to the first paint")
    print(f"ratio app / bare:    {app / bare:8.3f}   (main threads; the goal, timed, is 1.5)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portfolio", type=Path, help="count on a copy of this portfolio")
    parser.add_argument("--keep", type=Path, help="keep the callgrind files in this folder")
    args = parser.parse_args(argv)
    return run(args.portfolio, args.keep)


if __name__ == "__main__":
    sys.exit(main())
