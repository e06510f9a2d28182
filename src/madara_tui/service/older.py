"""Older headlines: the pages of the WordPress site past the oldest one in the cache.

A refresh reads the newest pages only; the reader reaching the end of its list, or
`madara-tui fetch --older N`, asks for N more. Over REST that is `before=<the oldest cached
post's time>`; over the feed (which has no such filter) the feed's `?paged=N`, starting at the
page where the cached count ends and skipping pages the cache already holds. Each page is
stored as it arrives, so a site that stops answering half-way keeps what was read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from madara_tui.client.errors import FetchError
from madara_tui.messages import Lang
from madara_tui.models import UpsertStats
from madara_tui.records import record

if TYPE_CHECKING:
    from madara_tui.client.wordpress import WordPressSite

OlderProgress = Callable[[int, int, int], None]
"""progress(pages read, pages asked for, new articles so far)."""
PER_PAGE = 50
MAX_SKIPPED = 20
"""Feed pages whose items are all cached read at most before giving up (a reordered feed)."""


@record
class OlderReport:
    """What `fetch_older` stored; `error` (the failure's message) when the site stopped."""

    pages: int
    stats: UpsertStats
    error: str = ""
    end: bool = False
    """True when the site has no older posts."""


async def fetch_older(site: WordPressSite, store: Any, db: Any, pages: int, *,
                      lang: Lang = "fa", progress: OlderProgress | None = None) -> OlderReport:
    """Read up to `pages` pages of posts older than the cache's oldest from `site`."""
    source = site.base_url
    stats = UpsertStats()
    read = 0
    feed_page = 0
    skipped = 0
    try:
        while read < pages:
            count = await db(store.count_headlines, source=source)
            oldest = await db(store.headlines, offset=max(count - 1, 0), limit=1, source=source)
            before = oldest[0].published if oldest else None
            if feed_page:
                feed_page += 1
                page = await site.headlines(feed_page)
            else:
                page = await site.headlines(1, PER_PAGE, before=before)
                if _is_feed(site.mode):
                    # The feed ignores `before`: continue from where the cached count ends.
                    feed_page = max(count // max(len(page.articles), 1), 1)
                    continue
            older = [a for a in page.articles if before is None or a.published < before]
            if not page.articles:
                return OlderReport(read, stats, end=True)
            if not older:
                skipped += 1
                if skipped > MAX_SKIPPED:
                    return OlderReport(read, stats, end=True)
                continue
            stats = UpsertStats(*(a + b for a, b in zip(
                (stats.new, stats.updated, stats.unchanged),
                _triple(await db(store.upsert_articles, page.articles)), strict=True)))
            read += 1
            if progress is not None:
                progress(read, pages, stats.new)
            if page.last and not feed_page:
                return OlderReport(read, stats, end=True)
    except FetchError as exc:
        return OlderReport(read, stats, error=exc.message(lang))
    return OlderReport(read, stats)


def _is_feed(mode: object) -> bool:
    return str(mode) == "rss"


def _triple(stats: UpsertStats) -> tuple[int, int, int]:
    return stats.new, stats.updated, stats.unchanged


__all__ = ["OlderReport", "fetch_older"]
