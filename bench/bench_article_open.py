"""Key press on a headline → the article's first frame, from the cache, 5,000-word articles,
headless (Textual's pilot, `app.run_test(size=(120, 40))`), median and 95th percentile.

Data: ARTICLES distinct generated articles of about 5,000 words each (bench_layout's text, one
seed per article, with links and bold runs), served as one RSS feed with full content and stored
the way a refresh stores them: `parse_feed` on the feed's bytes, then `Store.upsert_articles`.
So whatever a refresh leaves for the first open to do (turning the HTML into blocks), the figure
includes.

Method: the app is built by the program's factory (`make_app`) over a real offline runtime. A
frame is the moment Textual hands a compositor update to `App._display` (as in
bench_keypress.py); the article's first frame is the first one produced while the article
screen holds its article. For each article: the headline list's cursor is put on it (off the
clock), the text engine's shaping memo is cleared (as for the first article read in a session),
the clock starts, `Enter` is pressed, and the clock stops at that frame; then `escape` goes back.
Every article is opened once, so none is read from a memo of an earlier open. The garbage
collector runs as in the program (`collector_as_the_program`); its full collections are counted
inside the opens and between them (the reader collects a closed screen's garbage once the
headlines are drawn again: that time is the user's, not an open's), with their median length.

Run: .venv/bin/python bench/bench_article_open.py [--runs N] [--data DIR] [--quick]
"""

from __future__ import annotations

import asyncio
import gc
import html
import shutil
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_layout import article as article_text
from common import (
    Figure,
    collector_as_the_program,
    median,
    p95,
    parse_options,
    print_figures,
    work_dir,
)

ARTICLES = 40
QUICK_ARTICLES = 3
WORDS = 5_000
QUICK_WORDS = 600
FEED_URL = "http://127.0.0.1:47410/feeds/long.xml"
FRAME_TIMEOUT = 5.0
MEDIAN_TARGET, P95_TARGET = 0.050, 0.100


def _content(paragraphs: list[str], number: int) -> str:
    out = []
    for index, text in enumerate(paragraphs):
        words = html.escape(text).split(" ")
        if len(words) > 8:  # a link and a bold run in every paragraph, as news bodies have
            words[3] = f'<a href="/archive/{number}/{index}">{words[3]}</a>'
            words[6] = f"<strong>{words[6]}</strong>"
        tag = "h3" if index and index % 12 == 0 else "p"
        out.append(f"<{tag}>{' '.join(words)}</{tag}>")
    return "\n".join(out)


def feed_bytes(count: int, words: int) -> bytes:
    """An RSS 2.0 feed of `count` long articles, WordPress-shaped, newest first."""
    start = datetime(2026, 11, 1, 12, tzinfo=UTC)
    items = []
    for number in range(count):
        paragraphs = article_text(words, seed=100 + number)
        date = (start - timedelta(hours=number)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        items.append(
            f"<item><title>LONG{number} {html.escape(paragraphs[0][:60])}</title>"
            f"<link>http://127.0.0.1:47410/?p={900_000 + number}</link>"
            f"<guid>http://127.0.0.1:47410/?p={900_000 + number}</guid>"
            f"<pubDate>{date}</pubDate>"
            f"<description>{html.escape(paragraphs[0][:200])}</description>"
            f"<content:encoded><![CDATA[{_content(paragraphs, number)}]]></content:encoded>"
            "</item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            "<title>long</title><link>http://127.0.0.1:47410/</link>"
            + "".join(items) + "</channel></rss>").encode()


def build(root: Path, count: int, words: int) -> Path:
    """A data directory holding the long articles, stored through the refresh's own path."""
    from madara_tui.client.feeds import parse_feed
    from madara_tui.store import Store

    target = root / f"article-open-{count}-{words}"
    shutil.rmtree(target, ignore_errors=True)  # rebuilt each time: it must be as a refresh
    # of the code under test leaves it
    result = parse_feed(feed_bytes(count, words), FEED_URL, {"content-type": "application/xml"})
    if len(result.articles) != count:
        raise RuntimeError(f"the feed gave {len(result.articles)} articles, not {count}")
    with Store(target) as store:
        store.upsert_articles(result.articles)
    return target


async def _frame_after(frames: list[float], count: int) -> float | None:
    deadline = time.perf_counter() + FRAME_TIMEOUT
    while len(frames) <= count:
        if time.perf_counter() > deadline:
            return None
        await asyncio.sleep(0.0005)
    return frames[count]


class FullCollections:
    """When the garbage collector's full collections ran (a `gc.callbacks` entry)."""

    def __init__(self) -> None:
        self.spans: list[tuple[float, float]] = []
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.spans.append((self._start, time.perf_counter()))

    def summary(self, opens: list[tuple[float, float]]) -> str:
        """How many fell inside the `opens` (start, frame) windows, how many between."""
        inside = sum(any(start < end and began < frame for start, frame in opens)
                     for began, end in self.spans)
        lengths = [(end - began) * 1000 for began, end in self.spans]
        return (f"full collections: {inside} inside opens, {len(self.spans) - inside} between"
                + (f" (median {median(lengths):.1f} ms)" if lengths else ""))


async def _run(data_dir: Path, config: Path,
               count: int) -> tuple[list[float], list[float], list[tuple[float, float]]]:
    from madara_tui.commands.reader import make_app
    from madara_tui.config import Overrides
    from madara_tui.runtime import open_runtime
    from madara_tui.text import BidiMode
    from madara_tui.text.shaping import clear_caches
    from madara_tui.ui.screens.article import ArticleScreen

    args = Overrides(offline=True, data_dir=data_dir, config_file=config, bidi="app")
    latencies: list[float] = []
    cpu: list[float] = []
    opens: list[tuple[float, float]] = []
    async with open_runtime(args) as runtime, collector_as_the_program():
        app = make_app(runtime, bidi=BidiMode.APP, env={"TERM": "dumb"},
                       refresh_on_start=False, demo=True)
        article_frames: list[float] = []
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            if (renderable is not None and isinstance(screen, ArticleScreen)
                    and screen.article is not None):
                article_frames.append(time.perf_counter())
            display(screen, renderable)

        app._display = timed_display  # type: ignore[method-assign]
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(5):  # the first screen, its first page of rows
                await app.workers.wait_for_complete()
                await pilot.pause()
            for number in range(count):
                if number:
                    await pilot.press("j")
                await app.workers.wait_for_complete()
                await pilot.pause()
                clear_caches()
                seen = len(article_frames)
                start, start_cpu = time.perf_counter(), time.process_time()
                await pilot.press("enter")
                frame = await _frame_after(article_frames, seen)
                if frame is None:
                    raise RuntimeError(f"article {number} never drew")
                latencies.append(frame - start)
                opens.append((start, frame))
                cpu.append(time.process_time() - start_cpu)
                await app.workers.wait_for_complete()
                await pilot.press("escape")
                await pilot.pause()
    return latencies, cpu, opens


def measure(root: Path, count: int, words: int) -> list[Figure]:
    """The article-open figure over `count` articles of `words` words."""
    data_dir = build(root, count, words)
    config = root / "empty.toml"
    config.write_text("")
    collections = FullCollections()
    gc.callbacks.append(collections)
    try:
        latencies, cpu, opens = asyncio.run(_run(data_dir, config, count))
    finally:
        gc.callbacks.remove(collections)
    ms = sorted(latencies)
    med, high = median(ms), p95(ms)
    return [Figure(
        name="article_open", ours=med, unit="s",
        target=f"≤ {MEDIAN_TARGET * 1000:.0f} ms median, ≤ {P95_TARGET * 1000:.0f} ms p95",
        met=med <= MEDIAN_TARGET and high <= P95_TARGET, runs=len(ms),
        note=f"p95 {high * 1000:.1f} ms; CPU of this process per open median "
             f"{median(cpu) * 1000:.1f} ms; {words}-word articles from the cache as a refresh "
             f"stored them, each opened once, shaping memo cleared; "
             f"{collections.summary(opens)}")]


def main(argv: list[str] | None = None) -> list[Figure]:
    """Parse the options, measure, print the figure lines; returns the figures."""
    args = parse_options(__doc__, argv)
    count = args.runs or (QUICK_ARTICLES if args.quick else ARTICLES)
    words = QUICK_WORDS if args.quick else WORDS
    figures = measure(work_dir(args.data), count, words)
    print_figures(figures)
    return figures


if __name__ == "__main__":
    main(sys.argv[1:])
