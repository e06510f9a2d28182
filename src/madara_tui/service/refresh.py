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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from madara_tui.client.errors import FetchError
from madara_tui.client.validators import Validators
from madara_tui.messages import Lang, msg
from madara_tui.models import Source, SourceReport, UpsertStats
from madara_tui.service.errors import is_unreachable
from madara_tui.service.parsing import FeedParsing

if TYPE_CHECKING:
    from madara_tui.client.http import Fetcher
    from madara_tui.client.wordpress import WordPressSite

Progress = Callable[[int, int, str], None]
"""progress(done, total, current source URL)."""

HEADLINE_PAGES = 3
"""How many headline pages a refresh reads from the WordPress site."""
PER_PAGE = 50
"""Headlines per page (WordPress allows up to 100)."""
DEFAULT_SOURCE_DEADLINE = 120.0
"""Seconds one source's whole refresh may take (config `refresh_deadline`): the per-request
deadline alone let a site answering each of 50 category pages in 10–30 s hold a refresh for
25 minutes."""


Db = Callable[..., Awaitable[Any]]
"""Runs a store method off the event loop: `await db(store.method, *args)`."""

SiteFor = Callable[[str], "WordPressSite"]
"""The one client of the WordPress site at a base URL (`Service.site`)."""


@dataclass
class _Outcome:
    report: SourceReport
    unreachable: bool = False
    """The source's host could not be reached at all (no network, refused, unknown host)."""


def _add(a: UpsertStats, b: UpsertStats) -> UpsertStats:
    return UpsertStats(new=a.new + b.new, updated=a.updated + b.updated,
                       unchanged=a.unchanged + b.unchanged)


@dataclass
class _Tally:
    """What a source's refresh has stored so far: kept in the report when its deadline ends
    it (every page is stored as it arrives, in its own transaction), and for a WordPress
    source the way it was read (`rest`, `rest_route`, `rss`) and why the others were not."""

    stats: UpsertStats = field(default_factory=UpsertStats)
    way: str = ""
    passed_over: tuple[tuple[str, str], ...] = ()
    feed_url: str = ""

    def add(self, more: UpsertStats) -> None:
        self.stats = _add(self.stats, more)


def state_key(source: str) -> str:
    """Where a WordPress source's refresh state is kept among the validators: the newest
    `modified` time it listed over REST (as the Last-Modified)."""
    return f"{source}#wordpress"


def _newest_modified(articles: Sequence[Any], known: str | None) -> str | None:
    times = [a.modified for a in articles if a.modified is not None]
    if not times:
        return known
    newest = max(times).astimezone(UTC).isoformat()
    return newest if known is None or newest > known else known


async def _refresh_wordpress(source: Source, fetcher: Fetcher, store: Any, db: Db,
                             _parsing: FeedParsing, tally: _Tally, *, site_for: SiteFor
                             ) -> bool:
    """Up to HEADLINE_PAGES headline pages; returns whether nothing had changed. Over REST,
    after the first refresh, only posts modified since the newest one seen (`modified_after`:
    WordPress sends no ETag on REST answers), so an unchanged site costs one small request;
    over the feed, conditional GETs stopping at the first 304. Categories are read on the
    first refresh and whenever posts changed."""
    site = site_for(source.url)
    validators = fetcher.validators
    _way, since = validators.get_validators(state_key(source.url)) if validators else (None, None)
    rest = site.mode is not None and site.mode.value != "rss"
    after = datetime.fromisoformat(since) if since and (rest or site.mode is None) else None
    changed = False
    newest = since
    try:
        for number in range(1, HEADLINE_PAGES + 1):
            page = await site.headlines(number, PER_PAGE, conditional=True,
                                        modified_after=after)
            if page.not_modified:
                # This page is as we have it; older pages change far less often than newer
                # ones, so stop rather than spend requests on them.
                break
            if page.articles:
                changed = True
                tally.add(await db(store.upsert_articles, page.articles))
                newest = _newest_modified(page.articles, newest)
            if page.last:
                break
    finally:
        tally.way = site.mode.value if site.mode else ""
        tally.passed_over = tuple((mode.value, why) for mode, why in site.passed_over.items())
        tally.feed_url = site.feed_url or ""
    if changed or since is None:
        await _refresh_categories(site, source, store, db)
    if validators is not None and site.mode is not None and site.mode.value != "rss":
        validators.put_validators(state_key(source.url), site.mode.value, newest)
    return not changed


async def _refresh_categories(site: Any, source: Source, store: Any, db: Db) -> None:
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


async def _refresh_feed(source: Source, fetcher: Fetcher, store: Any, db: Db,
                        parsing: FeedParsing, tally: _Tally) -> bool:
    response = await fetcher.get(source.url, conditional=True)
    if response.not_modified:
        return True
    # Imported on use, as the parser is: a refresh whose feeds all answer 304 never needs it.
    from madara_tui.client.feeds import first_entries

    # Only the entries kept wait for their parse: eight 16 MB feeds waiting for a worker held
    # 128 MB of bodies otherwise.
    body, headers = first_entries(response.body), dict(response.headers)
    del response
    result = await parsing.parse(body, source.url, headers)
    if result.articles:
        tally.add(await db(store.upsert_articles, result.articles))
    return False


async def _refresh_one(source: Source, fetcher: Fetcher, site_for: SiteFor, store: Any, db: Db,
                       lang: Lang, parsing: FeedParsing, deadline: float | None) -> _Outcome:
    refresh = (partial(_refresh_wordpress, site_for=site_for) if source.kind == "wordpress"
               else _refresh_feed)
    tally = _Tally()
    try:
        async with asyncio.timeout(deadline):
            not_modified = await refresh(source, fetcher, store, db, parsing, tally)
    except FetchError as exc:
        return _Outcome(SourceReport(source=source.url, stats=tally.stats,
                                     error=exc.message(lang)),
                        unreachable=is_unreachable(exc))
    except TimeoutError:
        # The source's whole refresh took too long (each request has its own deadline too):
        # what arrived before is stored and counted.
        message = msg("refresh_deadline", lang, seconds=int(deadline or 0), new=tally.stats.new)
        return _Outcome(SourceReport(source=source.url, stats=tally.stats, error=message))
    return _Outcome(SourceReport(source=source.url, stats=tally.stats, not_modified=not_modified,
                                 way=tally.way, passed_over=tally.passed_over,
                                 feed_url=tally.feed_url))


async def refresh_sources(sources: Sequence[Source], fetcher: Fetcher, site_for: SiteFor,
                          store: Any, db: Db, *, lang: Lang = "fa",
                          progress: Progress | None = None,
                          deadline: float | None = DEFAULT_SOURCE_DEADLINE
                          ) -> tuple[list[SourceReport], bool]:
    """Refresh every source concurrently, each within `deadline` seconds in all (None: no
    bound). Returns the reports in the order of `sources` and whether the network looks down
    (the first source — the site — or every source was unreachable)."""
    total = len(sources)
    done = 0
    if progress is not None and total:
        progress(0, total, sources[0].url)

    async def run(source: Source) -> _Outcome:
        nonlocal done
        outcome = await _refresh_one(source, fetcher, site_for, store, db, lang, parsing,
                                     deadline)
        done += 1
        if progress is not None:
            progress(done, total, source.url)
        return outcome

    # The client keeps the validators (see `client.validators`): they are read from the cache
    # in one query before the first request, and written in one batch once every source is
    # stored — never swapped out from under a request running beside the refresh.
    validators = fetcher.validators
    batched = validators if isinstance(validators, Validators) else None
    if batched is not None:
        batched.load(await db(store.all_validators))
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
    except BaseException:
        if batched is not None:  # those feeds are fetched again next time
            batched.discard_pending()
        raise
    if batched is not None:
        await db(store.put_many_validators, batched.take_pending())
    reports = [o.report for o in outcomes]
    site_down = bool(outcomes) and sources[0].kind == "wordpress" and outcomes[0].unreachable
    all_down = bool(outcomes) and all(o.unreachable for o in outcomes)
    return reports, site_down or all_down
