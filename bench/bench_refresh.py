"""Refreshing 200 feeds × 50 items served on loopback: a cold refresh into an empty cache and an
unchanged one (every feed answers 304), ours and newsboat's.

The feeds are the demo site's generated benchmark feeds (`/feeds/<k>.xml`, WordPress-shaped RSS
with full content), served by `DemoSite` in this process on 127.0.0.1 with TCP_NODELAY and no
delays; each feed is rendered once before the clock starts. Ours: `madara-tui --data-dir D
--config C fetch`, C listing the 200 feeds as sources and the generated site itself as the site
(so ours also reads the site's categories and headline pages — 150 more articles than newsboat).
newsboat: `newsboat -u urls -c cache.db -C config -x reload`, with its default configuration
(one download thread) and with `reload-threads 8`. A cold run starts from an empty cache; the
unchanged run reuses that cache after one more refresh off the clock (newsboat only keeps a
feed's ETag/Last-Modified from its second refresh on), so every feed answers 304. Runs are
interleaved.

Run: .venv/bin/python bench/bench_refresh.py [--runs N] [--data DIR] [--quick]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from common import (
    MADARA,
    Figure,
    ensure_newsboat,
    median,
    pair_ratio,
    parse_options,
    print_figures,
    work_dir,
)

from madara_tui.demo import DemoSite
from madara_tui.demo.generate import generate_content

FEEDS, ARTICLES = 200, 10_000
QUICK_FEEDS, QUICK_ARTICLES = 3, 200
NEWSBOAT_CONFIGS = {"newsboat": "", "newsboat8": "reload-threads 8\n"}


def _timed(argv: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed ({done.returncode}): {done.stderr[-500:]}")
    return seconds


class Refresh:
    """The files of both programs for one feed set, and a timed refresh of each."""

    def __init__(self, root: Path, site_url: str, feed_urls: list[str], newsboat: str) -> None:
        self.root = root
        self.newsboat = newsboat
        root.mkdir(parents=True, exist_ok=True)
        sources = ",\n".join(f'  "{url}"' for url in feed_urls)
        self.config = root / "config.toml"
        self.config.write_text(f'site = "{site_url}"\nsources = [\n{sources}\n]\n')
        for name, extra in NEWSBOAT_CONFIGS.items():
            folder = root / name
            folder.mkdir(exist_ok=True)
            (folder / "urls").write_text("".join(f"{url}\n" for url in feed_urls))
            (folder / "config").write_text("auto-reload no\ncleanup-on-quit no\n" + extra)

    def ours(self, cold: bool) -> float:
        """Seconds for `madara-tui fetch` (into a new data directory when `cold`)."""
        data = self.root / "ours-data"
        if cold:
            shutil.rmtree(data, ignore_errors=True)
        return _timed([str(MADARA), "--data-dir", str(data), "--config", str(self.config),
                       "fetch"])

    def theirs(self, name: str, cold: bool) -> float:
        """Seconds for `newsboat -x reload` with configuration `name` (empty cache when cold)."""
        folder = self.root / name
        if cold:
            for leftover in folder.glob("cache.db*"):
                leftover.unlink()
        return _timed([self.newsboat, "-u", "urls", "-c", "cache.db", "-C", "config",
                       "-x", "reload"], cwd=folder)


def measure(root: Path, feeds: int, articles: int, runs: int) -> list[Figure]:
    """Cold and unchanged refresh figures."""
    newsboat = ensure_newsboat()
    content = generate_content(articles, seed=1, feeds=feeds)
    with DemoSite(content, flood_interval=0) as site:
        url = site.start()
        feed_urls = [f"{url}/feeds/{k}.xml" for k in range(feeds)]
        for feed in feed_urls:  # render every feed before the clock starts
            with urllib.request.urlopen(feed, timeout=30) as reply:
                reply.read()
        bench = Refresh(root / "refresh", url, feed_urls, newsboat)
        cold: dict[str, list[float]] = {"ours": [], "newsboat": [], "newsboat8": []}
        warm: dict[str, list[float]] = {"ours": [], "newsboat": [], "newsboat8": []}
        for _ in range(runs):
            cold["ours"].append(bench.ours(cold=True))
            cold["newsboat"].append(bench.theirs("newsboat", cold=True))
            cold["newsboat8"].append(bench.theirs("newsboat8", cold=True))
            # newsboat stores a feed's validators only once the feed is in its cache, so its
            # second refresh still downloads everything; from the third on, all answer 304.
            bench.ours(cold=False)
            bench.theirs("newsboat", cold=False)
            bench.theirs("newsboat8", cold=False)
            warm["ours"].append(bench.ours(cold=False))
            warm["newsboat"].append(bench.theirs("newsboat", cold=False))
            warm["newsboat8"].append(bench.theirs("newsboat8", cold=False))
    shape = f"{feeds} feeds × 50 items"
    figures = []
    for label, results, against, target, limit in (
        ("refresh_cold", cold, "newsboat", "", None),
        ("refresh_cold_vs_8_threads", cold, "newsboat8", "≤ 0.5× newsboat with 8 threads", 0.5),
        ("refresh_unchanged", warm, "newsboat", "≤ 0.25× newsboat", 0.25),
        ("refresh_unchanged_vs_8_threads", warm, "newsboat8", "", None),
    ):
        ratio = pair_ratio(results["ours"], results[against])
        threads = "8 threads" if against == "newsboat8" else "1 thread (default)"
        figures.append(Figure(
            name=label, ours=median(results["ours"]), theirs=median(results[against]),
            unit="s", target=target, met=None if limit is None else ratio <= limit, runs=runs,
            note=f"{shape}; newsboat with {threads}; pair ratio {ratio:.2f}"))
    return figures


def main(argv: list[str] | None = None) -> list[Figure]:
    """Parse the options, measure, print the figure lines; returns the figures."""
    args = parse_options(__doc__, argv)
    runs = args.runs or (1 if args.quick else 3)
    feeds, articles = (QUICK_FEEDS, QUICK_ARTICLES) if args.quick else (FEEDS, ARTICLES)
    figures = measure(work_dir(args.data), feeds, articles, runs)
    print_figures(figures)
    return figures


if __name__ == "__main__":
    main(sys.argv[1:])
