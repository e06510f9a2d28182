"""Refreshing the sources: the WordPress site and plain feeds, all at once.

Each source is one task; a failure becomes that source's `SourceReport.error` (in the UI
language) and never stops the others. Requests are conditional, so an unchanged site answers
304 and nothing is rewritten. Articles are stored one headline page (one batch, one
transaction) at a time, in a thread; feeds are parsed in a thread, or with many feeds in a
process pool (`service.parsing`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from madara_tui.client.errors import FetchError
from madara_tui.models import Source, SourceReport, UpsertStats
from madara_tui.service.errors import is_unreachable
from madara_tui.service.parsing import FeedParsing
from madara_tui.service.validators import BufferedValidators

if TYPE_CHECKING:
    from madara_tui.client.http import Fetcher

Progress = Callable[[int, int, str], None]
"""progress(done, total, current source URL)."""

HEADLINE_PAGES = 3
"""How many headline pages a refresh reads from the WordPress site."""
PER_PAGE = 50
"""Headlines per page (WordPress allows up to 100)."""


Db = Callable[..., Awaitable[Any]]
"""Runs a store method off the event loop: `await db(store.method, *args)`."""


@dataclass
class _Outcome:
    report: SourceReport
    unreachable: bool = False
    """The source's host could not be reached at all (no network, refused, unknown host)."""


def _add(a: UpsertStats, b: UpsertStats) -> UpsertStats:
    return UpsertStats(new=a.new + b.new, updated=a.updated + b.updated,
                       unchanged=a.unchanged + b.unchanged)


async def _refresh_wordpress(source: Source, fetcher: Fetcher, store: Any, db: Db,
                             _parsing: FeedParsing) -> tuple[UpsertStats, bool]:
    """Categories, then up to HEADLINE_PAGES headline pages, each conditional, stopping at the
    first page that answers 304; returns the stats and whether nothing had changed."""
    # Imported on use: the reader starting offline never loads the WordPress client.
    from madara_tui.client.wordpress import WordPressSite

    site = WordPressSite(fetcher, source.url)
    try:
        categories = await site.categories()
    except FetchError as exc:
        # Some sites block the category listing but still serve posts (or their RSS feed):
        # headlines matter more, so only a network-level failure stops the source here.
        if is_unreachable(exc):
            raise
        categories = []
    if categories:
        await db(store.upsert_categories, source.url, categories)
    stats = UpsertStats()
    changed = False
    for number in range(1, HEADLINE_PAGES + 1):
        page = await site.headlines(number, PER_PAGE, conditional=True)
        if page.not_modified:
            # This page is as we have it; older pages change far less often than newer ones,
            # so stop rather than spend requests on them.
            break
        if page.articles:
            changed = True
            stats = _add(stats, await db(store.upsert_articles, page.articles))
        if page.last:
            break
    return stats, not changed


async def _refresh_feed(source: Source, fetcher: Fetcher, store: Any, db: Db,
                        parsing: FeedParsing) -> tuple[UpsertStats, bool]:
    response = await fetcher.get(source.url, conditional=True)
    if response.not_modified:
        return UpsertStats(), True
    result = await parsing.parse(response.body, source.url, dict(response.headers))
    if not result.articles:
        return UpsertStats(), False
    return await db(store.upsert_articles, result.articles), False


async def _refresh_one(source: Source, fetcher: Fetcher, store: Any, db: Db,
                       lang: str, parsing: FeedParsing) -> _Outcome:
    refresh = _refresh_wordpress if source.kind == "wordpress" else _refresh_feed
    try:
        stats, not_modified = await refresh(source, fetcher, store, db, parsing)
    except FetchError as exc:
        return _Outcome(SourceReport(source=source.url, error=exc.message(lang)),
                        unreachable=is_unreachable(exc))
    return _Outcome(SourceReport(source=source.url, stats=stats, not_modified=not_modified))


async def refresh_sources(sources: Sequence[Source], fetcher: Fetcher, store: Any, db: Db, *,
                          lang: str = "fa", progress: Progress | None = None
                          ) -> tuple[list[SourceReport], bool]:
    """Refresh every source concurrently. Returns the reports in the order of `sources` and
    whether the network looks down (the first source — the site — or every source was
    unreachable)."""
    total = len(sources)
    done = 0
    if progress is not None and total:
        progress(0, total, sources[0].url)

    async def run(source: Source) -> _Outcome:
        nonlocal done
        outcome = await _refresh_one(source, fetcher, store, db, lang, parsing)
        done += 1
        if progress is not None:
            progress(done, total, source.url)
        return outcome

    # The store's validators, read once and written once (see `service.validators`); only
    # when the fetcher uses this store's (not while another refresh has them buffered).
    buffered = None
    read_all, write_many = store.all_validators, store.put_many_validators
    if fetcher.validators is store:
        buffered = BufferedValidators(await db(read_all))
        fetcher.validators = buffered
    try:
        async with FeedParsing(sum(s.kind != "wordpress" for s in sources)) as parsing:
            tasks = [asyncio.ensure_future(run(s)) for s in sources]
            try:
                outcomes = await asyncio.gather(*tasks)
            except BaseException:
                # A store failure (or cancellation) ends the refresh: stop the other sources
                # too, so none of them fetches (and remembers validators) after it ended.
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
                raise
    finally:
        if buffered is not None:
            fetcher.validators = store
    if buffered is not None:  # not when cancelled or failed: those feeds are fetched again
        await db(write_many, buffered.pending())
    reports = [o.report for o in outcomes]
    site_down = bool(outcomes) and sources[0].kind == "wordpress" and outcomes[0].unreachable
    all_down = bool(outcomes) and all(o.unreachable for o in outcomes)
    return reports, site_down or all_down
