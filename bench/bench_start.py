"""Start → first headline screen, ours, newsboat's and a minimal Textual app's, in a tmux pane of
120×40, with 10k, 50k and 200k cached articles (the same articles on both sides; datasets.py).

Ours: `madara-tui --offline --data-dir D --config EMPTY`; the clock stops when the newest
headline (its title starts with the Latin token BENCHTOP) shows. newsboat: `newsboat -u urls -c
cache.db -C config` (no reload on start); its first screen is the feed list, so the bench waits
for the feed's title, presses Enter and stops the clock when the same newest headline shows in
the feed's article list — newsboat's first headline screen. The time to its feed list is
reported too. The floor: `textual_floor.py` (one `Static` with a marker text and a `Footer`),
run by the same interpreter as the reader, in the same pane size; the clock stops when its
marker shows. That app's first frame is what any Textual program pays before drawing anything
of its own, so `start_vs_textual_floor_<n>` — the median of the per-run ratios ours / floor —
is the part of our start that is ours. Runs are interleaved (ours, newsboat, floor, ours, …) so
the machine's load hits all three alike; each newsboat run gets a fresh copy of its cache so
nothing one run writes reaches the next.

Run: .venv/bin/python bench/bench_start.py [--runs N] [--data DIR] [--quick]
"""

from __future__ import annotations

import sys
from pathlib import Path

import datasets
from common import (
    BENCH_DIR,
    MADARA,
    Figure,
    ensure_newsboat,
    median,
    pair_ratio,
    parse_options,
    print_figures,
    work_dir,
)
from terminal import Pane, stop_server
from textual_floor import MARKER

SIZES = (10_000, 50_000, 200_000)
QUICK_SIZES = (200, 400)
FLOOR_TARGET = 1.3
"""Our start may take at most this many times the minimal Textual app's first frame."""
FLOOR_APP = BENCH_DIR / "textual_floor.py"
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


def time_floor() -> float:
    """Seconds to the minimal Textual app's first frame (same interpreter as the reader)."""
    with Pane([sys.executable, str(FLOOR_APP)], env=ENV) as pane:
        seconds = pane.wait_for(MARKER)
        pane.keys("C-q")
        pane.wait_exit()
    return seconds


def build(root: Path, sizes: tuple[int, ...]) -> tuple[dict[int, Path], dict[int, Path]]:
    """Both programs' datasets for every size (reused when already under `root`)."""
    site = datasets.content(max(sizes))
    ours = datasets.build_ours(root, site, list(sizes))
    theirs = {n: datasets.build_newsboat(root, site, n) for n in sizes}
    return ours, theirs


def _label(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 else str(n)


def measure(root: Path, sizes: tuple[int, ...], runs: int) -> list[Figure]:
    """For each size: our start beside newsboat's, and our start over the floor app's; then
    the flatness of our start (largest size vs smallest)."""
    newsboat = ensure_newsboat()
    ours_dirs, theirs_dirs = build(root, sizes)
    empty = root / "empty.toml"
    empty.write_text("")
    starts: list[Figure] = []
    floors: list[Figure] = []
    medians: dict[int, float] = {}
    try:
        time_floor()  # off the clock: the floor app's .pyc files and Textual's are warm too
        for n in sizes:
            argv = ours_argv(ours_dirs[n], empty)
            ours: list[float] = []
            theirs: list[float] = []
            feed_list: list[float] = []
            floor: list[float] = []
            time_ours(argv)  # a first run off the clock: page cache and .pyc files warm
            for _ in range(runs):
                ours.append(time_ours(argv))
                feeds, headlines = time_newsboat(newsboat, theirs_dirs[n], root / "newsboat-run")
                feed_list.append(feeds)
                theirs.append(headlines)
                floor.append(time_floor())
            medians[n] = median(ours)
            ratio = pair_ratio(ours, theirs)
            starts.append(Figure(
                name=f"start_{_label(n)}", ours=medians[n], theirs=median(theirs), unit="s",
                runs=runs,
                note=f"pair ratio {ratio:.3f}; newsboat's feed list at "
                     f"{median(feed_list) * 1000:.0f} ms"))
            over = pair_ratio(ours, floor)
            floors.append(Figure(
                name=f"start_vs_textual_floor_{_label(n)}", ours=over, unit="×",
                target=f"≤ {FLOOR_TARGET}× the floor", met=over <= FLOOR_TARGET, runs=runs,
                note=f"median of ours/floor per run; ours {medians[n] * 1000:.0f} ms, minimal "
                     f"Textual app (Static + Footer) {median(floor) * 1000:.0f} ms"))
    finally:
        stop_server()
    small, large = min(sizes), max(sizes)
    flat = medians[large] / medians[small]
    return [*starts, *floors, Figure(
        name="start_flatness", ours=flat, unit="×",
        target="≤ 1.2×", met=flat <= 1.2, runs=runs,
        note=f"our start at {large} over our start at {small}")]


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
