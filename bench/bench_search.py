"""Search over 50k cached articles with a two-word Persian query (`Store.search`, 50 results,
snippets included), median of several runs in one process after one warm-up.

Two queries: words that occur in many articles (the ranking and snippet work of a broad query)
and a rarer pair. The figure is the slower of the two medians.

Run: .venv/bin/python bench/bench_search.py [--runs N] [--data DIR] [--quick]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import datasets
from common import Figure, median, parse_options, print_figures, work_dir

from madara_tui.store import Store

SIZE = 50_000
QUICK_SIZE = 200
QUERIES = ("شهرداری اصفهان", "کتابخانهٔ سیار")
"""A broad pair (both words in thousands of articles) and a narrower one; the second ends in a
letter with a mark (ۀ/هٔ), as typed on a Persian keyboard."""


def time_search(store: Store, query: str, runs: int) -> tuple[float, int]:
    """(median seconds per search, number of hits)."""
    hits = store.search(query)  # warm-up: statement cache, pages in memory
    seconds: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        store.search(query)
        seconds.append(time.perf_counter() - start)
    return median(seconds), len(hits)


def measure(root: Path, size: int, runs: int) -> list[Figure]:
    """The search figure over a cache of `size` articles."""
    site = datasets.content(size)
    data_dir = datasets.build_ours(root, site, [size])[size]
    results: list[tuple[float, int, str]] = []
    with Store(data_dir) as store:
        for query in QUERIES:
            seconds, hits = time_search(store, query, runs)
            results.append((seconds, hits, query))
    worst = max(results)
    detail = ", ".join(f"«{q}» {s * 1000:.1f} ms ({h} hits)" for s, h, q in results)
    label = f"{size // 1000}k" if size >= 1000 else str(size)
    return [Figure(name=f"search_{label}", ours=worst[0], unit="s", target="≤ 50 ms",
                   met=worst[0] <= 0.050, runs=runs, note=detail)]


def main(argv: list[str] | None = None) -> list[Figure]:
    """Parse the options, measure, print the figure lines; returns the figures."""
    args = parse_options(__doc__, argv)
    runs = args.runs or (2 if args.quick else 15)
    figures = measure(work_dir(args.data), QUICK_SIZE if args.quick else SIZE, runs)
    print_figures(figures)
    return figures


if __name__ == "__main__":
    main(sys.argv[1:])
