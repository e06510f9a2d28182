"""Run every benchmark, write the results as a markdown table to bench/results/latest.md and
print it (`make bench`).

The datasets (10k/50k/100k/200k caches for both programs) are built once, into one temporary
directory shared by the scripts (or `--data DIR`, reused across invocations). Order: the
in-process figures first (layout, search, key press, article open), then the ones that start
programs (start, memory, refresh). A script that fails leaves its error in the table and the
others still run.

Run: .venv/bin/python bench/run_all.py [--quick] [--data DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import bench_article_open
import bench_keypress
import bench_memory
import bench_refresh
import bench_search
import bench_start
from common import (
    BENCH_DIR,
    Figure,
    NewsboatMissing,
    ensure_newsboat,
    fmt,
    median,
    newsboat_version,
    print_figures,
    work_dir,
)

LAYOUT_WORDS = 5_000
LAYOUT_WIDTH, LAYOUT_OTHER = 100, 72


def layout_figures(argv: list[str]) -> list[Figure]:
    """First layout and re-layout of a 5,000-word article, with the text engine's own layout
    benchmark (bench_layout.py): cold shaping caches, as in a fresh process."""
    import bench_layout

    quick = "--quick" in argv
    words, repeat = (300, 2) if quick else (LAYOUT_WORDS, 15)
    paragraphs = bench_layout.article(words)
    bench_layout.measure(paragraphs, LAYOUT_WIDTH, LAYOUT_OTHER, cold=True)  # imports, tables
    runs = [bench_layout.measure(paragraphs, LAYOUT_WIDTH, LAYOUT_OTHER, cold=True)
            for _ in range(repeat)]
    first = median([r[0] for r in runs])
    again = median([r[1] for r in runs])
    shape = f"{words} words, {len(paragraphs)} paragraphs"
    figures = [
        Figure(name="layout_first", ours=first, unit="s", target="≤ 40 ms", met=first <= 0.040,
               runs=repeat, note=f"{shape} at {LAYOUT_WIDTH} columns, shaping caches cleared"),
        Figure(name="layout_again", ours=again, unit="s", target="≤ 8 ms", met=again <= 0.008,
               runs=repeat, note=f"the same paragraphs re-laid at {LAYOUT_OTHER} columns"),
    ]
    print_figures(figures)
    return figures


Script = Callable[[list[str]], list[Figure]]
SCRIPTS: tuple[tuple[str, Script], ...] = (
    ("layout (bench_layout.py)", layout_figures),
    ("search (bench_search.py)", bench_search.main),
    ("key press → frame (bench_keypress.py)", bench_keypress.main),
    ("article open (bench_article_open.py)", bench_article_open.main),
    ("start (bench_start.py)", bench_start.main),
    ("peak memory (bench_memory.py)", bench_memory.main),
    ("refresh (bench_refresh.py)", bench_refresh.main),
)


def _cell(value: float | None, unit: str) -> str:
    return "—" if value is None else fmt(value, unit)


def table(figures: list[Figure], errors: list[str]) -> str:
    """The results as a markdown table (plus any script errors below it)."""
    rows = [
        "| Figure | Ours | newsboat | Ratio | Target | Met | Runs | Notes |",
        "|---|---:|---:|---:|---|:-:|---:|---|",
    ]
    for f in figures:
        ratio = "—" if f.ratio is None else f"{f.ratio:.2f}×"
        met = "—" if f.met is None else ("yes" if f.met else "**no**")
        rows.append(f"| {f.name} | {_cell(f.ours, f.unit)} | {_cell(f.theirs, f.unit)} | "
                    f"{ratio} | {f.target or '—'} | {met} | {f.runs} | {f.note} |")
    text = "\n".join(rows) + "\n"
    if errors:
        text += "\nErrors:\n\n" + "\n".join(f"- {e}" for e in errors) + "\n"
    return text


def machine() -> str:
    """What the figures were measured on."""
    try:
        newsboat = newsboat_version(ensure_newsboat())
    except NewsboatMissing as exc:
        newsboat = f"newsboat missing ({exc})"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}, "
            f"{newsboat}; load average at the start {load}")


def main(argv: list[str] | None = None) -> int:
    """Run every script; returns 0 when all of them ran (targets missed or not)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: proves it all works")
    parser.add_argument("--data", metavar="DIR", help="dataset directory to build into/reuse")
    parser.add_argument("--out", metavar="FILE", default=str(BENCH_DIR / "results" / "latest.md"))
    args = parser.parse_args(argv)
    root = work_dir(args.data)
    shared = ["--data", str(root)] + (["--quick"] if args.quick else [])
    began = time.perf_counter()
    header = machine()
    figures: list[Figure] = []
    errors: list[str] = []
    try:
        for title, script in SCRIPTS:
            print(f"== {title}", flush=True)
            try:
                figures.extend(script(list(shared)))
            except Exception as exc:  # one broken script must not hide the other figures
                traceback.print_exc()
                errors.append(f"{title}: {type(exc).__name__}: {exc}")
    finally:
        if not args.data:
            shutil.rmtree(root, ignore_errors=True)
    minutes = (time.perf_counter() - began) / 60
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    title = "# Benchmark results" + (" (quick mode: tiny sizes, nothing to read into)"
                                     if args.quick else "")
    report = (f"{title}\n\n{stamp}; {header}; at the end {load}; {minutes:.1f} minutes in all.\n\n"
              + table(figures, errors))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    print("\n" + report)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
