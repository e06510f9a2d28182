"""Start → first headline screen, ours and newsboat's, in a tmux pane of 120×40, with 10k, 50k
and 100k cached articles (the same articles on both sides; see datasets.py).

Ours: `madara-tui --offline --data-dir D --config EMPTY`; the clock stops when the newest
headline (its title starts with the Latin token BENCHTOP) shows. newsboat: `newsboat -u urls -c
cache.db -C config` (no reload on start); its first screen is the feed list, so the bench waits
for the feed's title, presses Enter and stops the clock when the same newest headline shows in
the feed's article list — newsboat's first headline screen. The time to its feed list is
reported too. Runs are interleaved (ours, newsboat, ours, …); each newsboat run gets a fresh copy
of its cache so nothing one run writes reaches the next. After each newsboat run at 50k, the CPU
time of a child interpreter that only imports `textual.app` is measured too (`start_floor_textual`):
the part of any Textual program's start that no change to this program can remove.

Run: .venv/bin/python bench/bench_start.py [--runs N] [--data DIR] [--quick]
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import datasets
from common import (
    MADARA,
    Figure,
    ensure_newsboat,
    interleaved,
    median,
    pair_ratio,
    parse_options,
    print_figures,
    work_dir,
)
from terminal import Pane, stop_server

SIZES = (10_000, 50_000, 100_000)
QUICK_SIZES = (200, 400)
FLOOR_SIZE = 50_000
"""The cache size beside whose newsboat runs Textual's import floor is measured (the largest
size when it isn't measured, as with --quick)."""
ENV = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def ours_argv(data_dir: Path, empty_config: Path) -> list[str]:
    """The reader, offline, on a data directory, ignoring the user's own config file."""
    return [str(MADARA), "--offline", "--data-dir", str(data_dir), "--config", str(empty_config)]


def newsboat_argv(newsboat: str) -> list[str]:
    """newsboat on the files of the current directory (see datasets.build_newsboat)."""
    return [newsboat, "-u", "urls", "-c", "cache.db", "-C", "config"]


def time_ours(argv: list[str], wrapper: list[str] | None = None) -> float:
    """Seconds to our first headline screen; quits the reader with ctrl+q afterwards."""
    with Pane([*(wrapper or []), *argv], env=ENV) as pane:
        seconds = pane.wait_for(datasets.TOKEN)
        pane.keys("C-q")
        pane.wait_exit()
    return seconds


def time_newsboat(newsboat: str, built: Path, scratch: Path,
                  wrapper: list[str] | None = None) -> tuple[float, float]:
    """(seconds to newsboat's feed list, seconds to its first headline screen)."""
    run_dir = datasets.fresh_newsboat_copy(built, scratch)
    with Pane([*(wrapper or []), *newsboat_argv(newsboat)], cwd=run_dir, env=ENV) as pane:
        feeds = pane.wait_for("BENCHFEED")
        pane.keys("Enter")
        headlines = pane.wait_for(datasets.TOKEN)
        pane.keys("q")
        pane.keys("q")
        pane.wait_exit()
    return feeds, headlines


def textual_import_cpu() -> float:
    """CPU seconds (user + system) of a child interpreter that only imports `textual.app`: the
    floor under any Textual program's start, measured with the child's rusage."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", "import textual.app"], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def build(root: Path, sizes: tuple[int, ...]) -> tuple[dict[int, Path], dict[int, Path]]:
    """Both programs' datasets for every size (reused when already under `root`)."""
    site = datasets.content(max(sizes))
    ours = datasets.build_ours(root, site, list(sizes))
    theirs = {n: datasets.build_newsboat(root, site, n) for n in sizes}
    return ours, theirs


def measure(root: Path, sizes: tuple[int, ...], runs: int) -> list[Figure]:
    """The start figures for each size, then the flatness figure (largest vs smallest)."""
    newsboat = ensure_newsboat()
    ours_dirs, theirs_dirs = build(root, sizes)
    empty = root / "empty.toml"
    empty.write_text("")
    figures: list[Figure] = []
    medians: dict[int, float] = {}
    floor: list[float] = []
    newsboat_at_floor: list[float] = []
    floor_size = FLOOR_SIZE if FLOOR_SIZE in sizes else max(sizes)
    try:
        for n in sizes:
            argv = ours_argv(ours_dirs[n], empty)
            feed_list: list[float] = []

            def theirs(n: int = n, feed_list: list[float] = feed_list) -> float:
                feeds, headlines = time_newsboat(newsboat, theirs_dirs[n], root / "newsboat-run")
                feed_list.append(feeds)
                if n == floor_size:
                    floor.append(textual_import_cpu())
                return headlines

            time_ours(argv)  # a first run off the clock: page cache and .pyc files warm
            ours, their = interleaved(lambda argv=argv: time_ours(argv), theirs, runs)
            medians[n] = median(ours)
            ratio = pair_ratio(ours, their)
            target, met = "", None
            if n == 50_000:
                target, met = "≤ 0.12× newsboat", ratio <= 0.12
            if n == floor_size:
                newsboat_at_floor.extend(their)
            figures.append(Figure(
                name=f"start_{n // 1000}k" if n >= 1000 else f"start_{n}",
                ours=medians[n], theirs=median(their), unit="s", target=target, met=met,
                runs=runs,
                note=f"pair ratio {ratio:.3f}; newsboat's feed list at "
                     f"{median(feed_list) * 1000:.0f} ms"))
    finally:
        stop_server()
    if floor:
        figures.append(Figure(
            name="start_floor_textual", ours=median(floor), theirs=median(newsboat_at_floor),
            unit="s", runs=len(floor),
            note=f"CPU of `python -c 'import textual.app'` alone, measured between the "
                 f"{floor_size} runs, against newsboat's start at {floor_size}"))
    small, large = min(sizes), max(sizes)
    flat = medians[large] / medians[small]
    figures.append(Figure(
        name="start_flatness", ours=flat, unit="×",
        target="≤ 1.2×", met=flat <= 1.2, runs=runs,
        note=f"our start at {large} over our start at {small}"))
    return figures


def main(argv: list[str] | None = None) -> list[Figure]:
    """Parse the options, measure, print the figure lines; returns the figures."""
    args = parse_options(__doc__, argv)
    sizes = QUICK_SIZES if args.quick else SIZES
    runs = args.runs or (1 if args.quick else 5)
    figures = measure(work_dir(args.data), sizes, runs)
    print_figures(figures)
    return figures


if __name__ == "__main__":
    main(sys.argv[1:])
