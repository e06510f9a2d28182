"""Parsing fetched feeds off the event loop: in a thread for a few feeds, in a process pool when
a refresh has many.

Turning a feed into articles is pure Python (XML, HTML to blocks, cleaning: ~30 ms for 50 items
with full content), so threads share one core under the GIL. With `POOL_MIN_FEEDS` feeds or
more, parsing goes to a pool of one process per core, started on the first parse, so the other
cores work too; the results are frozen dataclasses and pickle as they are. The pool's processes
come from a forkserver (a clean single-threaded parent, with the feed parser already imported),
never forked from this process, whose threads may hold locks at the moment of a fork.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from madara_tui.client.feeds import FeedResult

POOL_MIN_FEEDS = 8
"""Feeds in one refresh from which parsing uses a process pool (fewer: a thread)."""


def _parse(body: bytes, url: str, headers: Mapping[str, str]) -> FeedResult:
    from madara_tui.client.feeds import parse_feed  # on use: offline starts never load it

    return parse_feed(body, url, headers)


class FeedParsing:
    """Parses feeds for one refresh. Use as an async context manager; `await parse(...)`."""

    def __init__(self, feeds: int, *, cpus: int | None = None) -> None:
        cpus = cpus if cpus is not None else (os.cpu_count() or 1)
        self.workers = min(cpus, feeds) if feeds >= POOL_MIN_FEEDS and cpus > 1 else 0
        """Processes the pool will have (0: parse in a thread)."""
        self._pool: ProcessPoolExecutor | None = None

    async def __aenter__(self) -> FeedParsing:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the pool's processes (waits for none of them: no parse is pending by now)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _executor(self) -> ProcessPoolExecutor:
        # Imported on use (5 ms): the reader's start and small refreshes never need them.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(
                ["madara_tui.client.feeds", "madara_tui.client.feed_fast"])
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
        return self._pool

    async def parse(self, body: bytes, url: str, headers: Mapping[str, str]) -> FeedResult:
        """The feed's articles (`client.feeds.parse_feed`), parsed in the pool or a thread.

        `body` is already cut to its first entries (`client.feeds.first_entries`): the caller
        cuts it before awaiting this, so that the whole one is not held while the parse waits
        for a worker (a 16 MB feed, eight at once, is most of the memory a refresh needs
        otherwise); cut here again, it cost the event loop a second scan of every feed."""
        if self.workers:
            from concurrent.futures.process import BrokenProcessPool

            loop = asyncio.get_running_loop()
            try:
                return await loop.run_in_executor(self._executor(), _parse, body, url,
                                                  dict(headers))
            except BrokenProcessPool:
                # A worker died (killed, out of memory): the rest of the refresh parses in
                # threads rather than failing every remaining feed.
                self.workers = 0
        return await asyncio.to_thread(_parse, body, url, headers)


__all__ = ["POOL_MIN_FEEDS", "FeedParsing"]
