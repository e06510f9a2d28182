"""Peak memory (maximum resident set size) with 50k cached articles, ours and newsboat's.

Each program runs in the tmux pane of bench_start.py under `/usr/bin/time -f %M` (GNU time
reports the peak RSS of the program it ran, in KiB): it starts, shows its first headline screen
(newsboat: the feed list, Enter, the article list), then quits by its own key (ours ctrl+q,
newsboat q q) so that time can report. Runs are interleaved; the figure is the median peak.

Run: .venv/bin/python bench/bench_memory.py [--runs N] [--data DIR] [--quick]
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench_start import build, ours_argv, time_newsboat, time_ours
from common import (
    Figure,
    ensure_newsboat,
    interleaved,
    median,
    pair_ratio,
    parse_options,
    print_figures,
    work_dir,
)
from terminal import stop_server

SIZE = 50_000
QUICK_SIZE = 200
TIME = "/usr/bin/time"


def _peak_mib(report: Path) -> float:
    """The peak RSS GNU time wrote (KiB, the last line), in MiB."""
    lines = [line for line in report.read_text().splitlines() if line.strip().isdigit()]
    if not lines:
        raise RuntimeError(f"no peak RSS in {report}: {report.read_text()!r}")
    return int(lines[-1]) / 1024


def measure(root: Path, size: int, runs: int) -> list[Figure]:
    """The peak memory figure with `size` cached articles."""
    if not Path(TIME).exists():
        raise RuntimeError("GNU time is missing: apt-get install -y time")
    newsboat = ensure_newsboat()
    ours_dirs, theirs_dirs = build(root, (size,))
    empty = root / "empty.toml"
    empty.write_text("")
    report = root / "peak-rss.txt"
    wrapper = [TIME, "-f", "%M", "-o", str(report)]

    def ours() -> float:
        report.unlink(missing_ok=True)
        time_ours(ours_argv(ours_dirs[size], empty), wrapper)
        return _peak_mib(report)

    def theirs() -> float:
        report.unlink(missing_ok=True)
        time_newsboat(newsboat, theirs_dirs[size], root / "newsboat-run", wrapper)
        return _peak_mib(report)

    try:
        our_peaks, their_peaks = interleaved(ours, theirs, runs)
    finally:
        stop_server()
    label = f"{size // 1000}k" if size >= 1000 else str(size)
    peak = median(our_peaks)
    return [Figure(
        name=f"peak_memory_{label}", ours=peak, theirs=median(their_peaks), unit="MiB",
        target="≤ 80 MiB", met=peak <= 80, runs=runs,
        note=f"max RSS, reader started, first screen shown, quit; pair ratio "
             f"{pair_ratio(our_peaks, their_peaks):.2f}")]


def main(argv: list[str] | None = None) -> list[Figure]:
    """Parse the options, measure, print the figure lines; returns the figures."""
    args = parse_options(__doc__, argv)
    runs = args.runs or (1 if args.quick else 3)
    figures = measure(work_dir(args.data), QUICK_SIZE if args.quick else SIZE, runs)
    print_figures(figures)
    return figures


if __name__ == "__main__":
    main(sys.argv[1:])
