"""Run the performance-at-scale benchmarks: python benchmarks/run.py [--quick] [--only NAME]."""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import (
    bench_edit,
    bench_import,
    bench_open,
    bench_pdf,
    bench_search,
    bench_startup,
)
from benchmarks.common import REPO, Row, Workspace, fmt, machine_line
from benchmarks.generate import DEFAULT_SEED, generate_portfolio

BENCHES: dict[str, tuple[Callable[[Workspace], list[Row]], tuple[str, ...]]] = {
    "startup": (bench_startup.run, ("p5k",)),
    "search": (bench_search.run, ("p10k",)),
    "edit": (bench_edit.run, ("p10k",)),
    "open": (bench_open.run, ("p10k",)),
    "pdf": (bench_pdf.run, ("p1k_images",)),
    "import": (bench_import.run, ("json10k",)),
}
RESULTS = REPO / "benchmarks" / "results.md"
PROFILES = REPO / "benchmarks" / "profiles"


def prepare(work: Workspace, needed: set[str]) -> list[str]:
    """Generate (or, with --data, reuse) the portfolios the chosen benchmarks need."""
    from ssup_desktop.content import load_all
    from ssup_desktop.export.interchange import export_json
    from ssup_desktop.services import PortfolioService

    skills = load_all()
    specs = {
        "p5k": (work.scaled(5_000), 0),
        "p10k": (work.scaled(10_000), 0),
        "p1k_images": (work.scaled(1_000), work.scaled(100) if not work.quick else 5),
    }
    if "json10k" in needed:
        needed = needed | {"p10k"}
    log: list[str] = []
    for key, (count, images) in specs.items():
        if key not in needed:
            continue
        path = work.root / f"portfolio-{count}-{images}img-{DEFAULT_SEED}.ssup"
        if not path.exists():
            made = generate_portfolio(path, count, images, DEFAULT_SEED, skills)
            log.append(f"generated {path.name}: {count} entries in {made.seconds:.1f} s")
        work.files[key] = path
    if "json10k" in needed:
        source = work.files["p10k"]
        path = source.with_suffix(".json")
        if not path.exists():
            started = time.perf_counter()
            service = PortfolioService.open(source, skills)
            try:
                export_json(service, path)
            finally:
                service.close()
            log.append(f"exported {path.name} in {time.perf_counter() - started:.1f} s")
        work.files["json10k"] = path
    return log


def run_one(name: str, work: Workspace, profile: bool) -> list[Row]:
    bench = BENCHES[name][0]
    try:
        if not profile:
            return bench(work)
        profiler = cProfile.Profile()
        rows = profiler.runcall(bench, work)
        PROFILES.mkdir(exist_ok=True)
        profiler.dump_stats(PROFILES / f"{name}.prof")
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)
        (PROFILES / f"{name}.txt").write_text(out.getvalue())
        return rows
    except Exception as exc:  # report the failure as a row and carry on with the others
        traceback.print_exc()
        detail = " ".join(str(exc).split())[:200]
        return [Row(f"{name}: ERROR", (), 1.0, "x", f"{type(exc).__name__}: {detail}")]


def table(rows: Sequence[Row]) -> list[str]:
    lines = [
        "| figure | median | goal | ratio | result | notes |",
        "|---|---:|---:|---:|---|---|",
    ]
    for row in rows:
        if not row.samples and row.value is None:
            lines.append(f"| {row.figure} | - | - | - | ERROR | {row.note} |")
            continue
        lines.append(
            f"| {row.figure} | {fmt(row.median, row.unit)} | {fmt(row.goal, row.unit)} | "
            f"{row.ratio:.2f} | {row.result} | {row.note} |"
        )
    return lines


def console(rows: Sequence[Row]) -> str:
    width = max(len(r.figure) for r in rows)
    out = [f"{'figure':<{width}}  {'median':>10}  {'goal':>10}  {'ratio':>6}  result"]
    for row in rows:
        if not row.samples and row.value is None:
            out.append(f"{row.figure:<{width}}  {'-':>10}  {'-':>10}  {'-':>6}  ERROR")
            continue
        out.append(
            f"{row.figure:<{width}}  {fmt(row.median, row.unit):>10}  "
            f"{fmt(row.goal, row.unit):>10}  {row.ratio:>6.2f}  {row.result}"
        )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small portfolios, fewer runs")
    parser.add_argument(
        "--only", action="append", choices=sorted(BENCHES), help="run only this (repeatable)"
    )
    parser.add_argument("--data", type=Path, help="keep generated portfolios here and reuse them")
    parser.add_argument("--profile", action="store_true", help="cProfile each benchmark")
    parser.add_argument("--output", type=Path, default=RESULTS, help="Markdown results file")
    args = parser.parse_args(argv)

    names = args.only or list(BENCHES)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ssup-bench-") as temp:
        root = args.data.resolve() if args.data else Path(temp)
        root.mkdir(parents=True, exist_ok=True)
        work = Workspace(root, args.quick)
        needed = {need for name in names for need in BENCHES[name][1]}
        for line in prepare(work, needed):
            print(line, flush=True)
        prepared = time.perf_counter() - started
        rows: list[Row] = []
        for name in names:
            began = time.perf_counter()
            found = run_one(name, work, args.profile)
            rows.extend(found)
            print(f"{name}: {time.perf_counter() - began:.1f} s", flush=True)
            for row in found:
                print(f"  {row.figure}: {fmt(row.median, row.unit)}  ({row.note})", flush=True)
    total = time.perf_counter() - started
    machine = machine_line()
    mode = "quick (small portfolios; not comparable to the goals)" if args.quick else "full"
    print()
    print(console(rows))
    print(f"\nMachine: {machine}")
    print(f"Run: {mode}; {total:.0f} s in all ({prepared:.0f} s generating data)")
    stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    markdown = [
        "# Benchmark results",
        "",
        f"- When: {stamp}",
        f"- Machine: {machine}",
        f"- Run: {mode}; {total:.0f} s in all ({prepared:.0f} s generating data); "
        "QT_QPA_PLATFORM=offscreen",
        "",
        *table(rows),
        "",
        "ratio = median / goal; a figure passes when the ratio is at most 1; "
        "info rows give context and have no goal of their own.",
        "",
    ]
    args.output.write_text("\n".join(markdown))
    print(f"Wrote {args.output}")
    return 0 if all(r.passed for r in rows if not r.informative) else 1


if __name__ == "__main__":
    sys.exit(main())
