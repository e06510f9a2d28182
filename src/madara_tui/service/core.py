"""`Service`: the use cases the reader and the command line share (refresh, open an article,
related news, comments), joining the client and the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from madara_tui.client.errors import FetchError, HTTPStatus
from madara_tui.client.sites import Sites
from madara_tui.config import Config
from madara_tui.models import (
    Article,
    Category,
    Comment,
    RefreshReport,
    Source,
    UpsertStats,
    site_key,
)
from madara_tui.records import record
from madara_tui.service.commenting import Commenting
from madara_tui.service.errors import ArticleNotFound, is_unreachable
from madara_tui.service.links import post_id_in, same_site, spellings
from madara_tui.service.outbox import Outbox
from madara_tui.service.sources import add_imported, imported_sources, merge_sources
from madara_tui.service.thread import find_dropped, with_held

if TYPE_CHECKING:
    from madara_tui.client.http import Fetcher
    from madara_tui.client.wordpress import WordPressSite
    from madara_tui.pictures.decode import Picture
    from madara_tui.pictures.fetch import PictureLoader
    from madara_tui.service.older import OlderProgress, OlderReport
    from madara_tui.service.refresh import Progress
    from madara_tui.store import Store


PREFETCH_NEWEST = 30
"""Articles whose lead picture a refresh prefetches when `prefetch_images` is on."""

@record
class OpenedArticle:
    """What the reader shows at once when an article is opened (see `Service.open_article`)."""

    article: Article | None
    """The cached article; None when it is not in the cache yet."""
    position: tuple[int, int]
    """Where the user stopped reading: (paragraph, rows of it scrolled past); (0, 0) when
    never opened."""


class Service(Commenting):
    """The program's use cases over one store and (online) one fetcher: the one door through
    which the reader and the command line reach the cache, the user's data and the site.

    `fetcher` is None in offline mode. Every public method that touches SQLite is async and
    runs that work in a thread (the store-only ones come from `Library`, the comment form's
    and the outbox's from `Commenting`).
    """

    def __init__(self, config: Config, store: Store, fetcher: Fetcher | None) -> None:
        self.config = config
        self.store = store
        self.fetcher = fetcher
        self._sites = Sites(fetcher) if fetcher is not None else None
        self._unreachable = False
        self._outbox = Outbox(self)
        self._sources: list[Source] | None = None
        self._pictures: PictureLoader | None = None

    # -- state -------------------------------------------------------------------------------

    @property
    def offline(self) -> bool:
        """True when nothing should wait on the network: `--offline`, no fetcher, or the site
        turned out to be unreachable (no network, refused, unknown host). A refresh tries the
        network again and clears the last case when the site answers."""
        return self.config.offline or self.fetcher is None or self._unreachable

    def note_unreachable(self) -> None:
        """Record that the site could not be reached; later calls don't wait on it."""
        self._unreachable = True

    # -- sources -----------------------------------------------------------------------------

    async def sources(self) -> list[Source]:
        """What a refresh reads: the site, the config's feeds, then the imported ones (read
        from the user database once, then remembered)."""
        return await self.db(self._known_sources)

    def _known_sources(self) -> list[Source]:
        if self._sources is None:
            self._sources = merge_sources(self.config.all_sources, imported_sources(self.store))
        return list(self._sources)

    async def source_title(self, url: str) -> str:
        """What to call source `url`: its configured title, else its host."""
        for known in await self.sources():
            if site_key(known.url) == site_key(url) and known.title:
                return known.title
        return urlsplit(url).hostname or url

    async def add_sources(self, new: Sequence[Source]) -> int:
        """Persist imported sources (see `service.sources`); returns how many were new."""
        added = await self.db(add_imported, self.store, self.config.all_sources, new)
        self._sources = None
        return added

    async def import_opml(self, data: bytes) -> tuple[int, int]:
        """Add the feeds an OPML document lists; returns (added, already known). Raises
        ValueError (or the client's FetchError) when `data` is not OPML."""
        from madara_tui.client.opml import parse_opml  # on use: only `sources import` needs it

        found = parse_opml(data)
        added = await self.add_sources(found)
        return added, len(found) - added

    async def export_opml(self) -> str:
        """Every source (the site, the config's feeds, the imported ones) as an OPML document."""
        from madara_tui.client.opml import write_opml

        return write_opml(await self.sources())

    def site(self, base_url: str) -> WordPressSite:
        """The one client of the WordPress site at `base_url`, for the program's life (it
        remembers how the site answers; see `client.sites`). Online only."""
        assert self._sites is not None, "offline: no site to read"
        return self._sites.site(base_url)

    async def _kind(self, source: str) -> str:
        for known in await self.sources():
            if site_key(known.url) == site_key(source):
                return known.kind
        return "wordpress" if site_key(source) == (self.config.site or "") else "feed"

    # -- refresh -----------------------------------------------------------------------------

    async def refresh(self, progress: Progress | None = None) -> RefreshReport:
        """Refresh every source concurrently (see `service.refresh`), prune the cache per the
        retention settings, then flush the outbox. Offline: an empty report at once."""
        if self.config.offline or self.fetcher is None:
            return RefreshReport()
        # Imported on first use, as `fetch_older` and the comment threads below: the first
        # headline screen needs none of them (docs/performance.md, Round 4).
        from madara_tui.service.refresh import refresh_sources

        self._sources = None  # another program may have imported sources since
        sources = await self.sources()
        reports, down = await refresh_sources(sources, self.fetcher, self.site, self.store, self.db,
                                              lang=self.config.lang, progress=progress,
                                              deadline=self.config.refresh_deadline)
        self._unreachable = down
        if self.config.retention_days is not None or self.config.retention_count is not None:
            await self.db(self.store.prune, self.config.retention_days,
                          self.config.retention_count)
        outbox = await self.flush_outbox() if not down else []
        if self.config.prefetch_images and not down:
            await self.prefetch_pictures()
        return RefreshReport(sources=tuple(reports), outbox=tuple(outbox))

    async def prefetch_pictures(self, newest: int = PREFETCH_NEWEST) -> int:
        """Fetch into the picture cache the featured image (or else the first body picture) of
        the `newest` articles, so they show offline; returns how many were fetched."""
        return await self.pictures.prefetch(await self.db(self._lead_pictures, newest))

    def _lead_pictures(self, newest: int) -> list[str]:
        urls = []
        for headline in self.store.headlines(limit=newest):
            article = self.store.article(headline.source, headline.id)
            if article is None:
                continue
            if article.featured_image is not None:
                urls.append(article.featured_image.url)
                continue
            first = next((b.src for b in article.blocks if b.src), "")
            if first:
                urls.append(first)
        return urls

    async def fetch_older(self, pages: int, progress: OlderProgress | None = None
                          ) -> OlderReport:
        """Up to `pages` pages of headlines older than the cached ones, from the site (see
        `service.older`); each page is stored as it arrives."""
        from madara_tui.service.older import OlderReport, fetch_older

        site = self.config.site
        if self.offline or site is None or await self._kind(site) != "wordpress":
            return OlderReport(0, UpsertStats(), error="offline" if self.offline else "")
        assert self.fetcher is not None
        return await fetch_older(self.site(site), self.store, self.db, pages,
                                 lang=self.config.lang, progress=progress)

    # -- articles ----------------------------------------------------------------------------

    async def open_article(self, source: str, article_id: int) -> OpenedArticle:
        """The cached article and its saved reading position, read at once, and the article
        marked read. Complete it next with `complete_article` (unless it is `complete`)."""
        def opened() -> OpenedArticle:
            article = self.store.article(source, article_id)
            position = (self.store.reading_position(source, article_id)
                        if article is not None else (0, 0))
            self.store.mark_read(source, article_id, True)
            return OpenedArticle(article, position)

        return await self.db(opened)

    async def article(self, article_id: int, source: str | None = None) -> Article:
        """The article by post ID: from the cache (any source unless `source` is given), else,
        online, from the site. Raises ArticleNotFound."""
        cached = await self.db(self.store.article, source, article_id) if source else \
            await self.db(self.store.find_article, article_id)
        if cached is not None:
            return cached
        site = source or self.config.site
        if self.offline or site is None or await self._kind(site) != "wordpress":
            raise ArticleNotFound(article_id, source or "")
        assert self.fetcher is not None
        try:
            fetched = await self.site(site).post(article_id)
        except FetchError as exc:
            if isinstance(exc, HTTPStatus) and exc.status in (400, 404, 410):
                raise ArticleNotFound(article_id, site) from exc
            if is_unreachable(exc):
                self.note_unreachable()
            raise
        await self.db(self.store.upsert_articles, [fetched])
        return fetched

    async def linked_article(self, source: str, url: str) -> Article | None:
        """The article of site `source` that `url` (a link in one of its articles) leads to:
        from the cache, or fetched when online; None when the link is not one of the site's
        articles (another site, a category page, an article the site doesn't have)."""
        if not same_site(source, url) or await self._kind(source) != "wordpress":
            return None
        post_id = post_id_in(url)
        if post_id is None:
            post_id = await self.db(self.store.article_id_for_url, source, spellings(url))
        if post_id is None and not self.offline:
            try:
                page = await self.site(source).article_page(url)
            except FetchError:
                return None
            post_id = page.post_id
        if post_id is None:
            return None
        try:
            return await self.article(post_id, source)
        except (ArticleNotFound, FetchError):
            return None

    async def complete_article(self, source: str, article_id: int) -> Article:
        """The article with what only its page has (news code, related news, comment form,
        comments open or not), fetched now and stored in the cache; the cached article when
        offline (or the site turns out to be unreachable). Raises ArticleNotFound, or the
        client's FetchError for any other failure."""
        cached = await self.db(self.store.article, source, article_id)
        if cached is None:
            cached = await self.article(article_id, source)
        if self.offline:
            return cached
        assert self.fetcher is not None
        # A feed's item with only a summary: the page's main text by the extractor (see
        # `client.fulltext`); a WordPress page is read by its own structure.
        extract = cached.summary_only and await self._kind(source) != "wordpress"
        try:
            page = await self.site(source).article_page(cached.url, extract=extract)
        except FetchError as exc:
            if not is_unreachable(exc):
                raise
            self.note_unreachable()
            return cached
        if page is None:  # 304: the page is as it was when it was read
            return cached
        completed = page.as_article(source, base=cached)
        await self.db(self.store.upsert_articles, [completed])
        return completed

    async def load_comments(self, source: str, article_id: int) -> list[Comment]:
        """The article's published comments: from the site when online (and the cache updated),
        else from the cache."""
        if not self.offline and await self._kind(source) == "wordpress":
            assert self.fetcher is not None
            try:
                cached = await self.db(self.store.article, source, article_id)
                comments = await self.site(source).comments(
                    article_id, cached.url if cached is not None else None)
            except FetchError as exc:
                if not is_unreachable(exc):
                    raise
                self.note_unreachable()
            else:
                await self.db(self.store.replace_comments, source, article_id, comments)
                return comments
        return await self.cached_comments(source, article_id)

    async def cached_thread(self, source: str, article_id: int) -> list[Comment]:
        """The cached published comments plus the user's own held for moderation (each
        `held`), shown until the site publishes them."""
        def read() -> list[Comment]:
            return with_held(self.store, source, article_id,
                             self.store.comments(source, article_id))

        return await self.db(read)

    async def thread(self, source: str, article_id: int) -> list[Comment]:
        """`load_comments` plus the user's own comments held for moderation (each `held`);
        one the site has published since is recorded so and shown once, one it has dropped
        (`thread.find_dropped`) is recorded DROPPED and shown this once, `dropped`."""
        published = await self.load_comments(source, article_id)
        dropped = []
        if not self.offline and self.fetcher is not None:
            dropped = await find_dropped(self.store, self.fetcher, source, article_id, published)
        return await self.db(with_held, self.store, source, article_id, published, dropped)

    async def categories_in_use(self) -> list[Category]:
        """The categories worth listing: those at least one cached article is in (an empty
        «دسته‌بندی نشده» is left out)."""
        def in_use() -> list[Category]:
            names = self.store.category_names_in_use()
            return [category for category in self.store.categories() if category.name in names]

        return await self.db(in_use)

    async def cached_comments(self, source: str, article_id: int) -> list[Comment]:
        """The article's comments as the cache has them (shown while the site is asked)."""
        return await self.db(self.store.comments, source, article_id)

    def save_position_at_exit(self, source: str, article_id: int, piece: int,
                              row: int = 0) -> None:
        """Remember where the user stopped reading, on the calling thread: only for the moment
        the program ends (ctrl+q, SIGTERM, SIGHUP), when no worker would run after it."""
        self.store.set_position(source, article_id, piece, row)

    # -- pictures ----------------------------------------------------------------------------

    @property
    def pictures(self) -> PictureLoader:
        """Article pictures: the disk cache, then the network. Made on first use, so a start
        that shows no picture never imports the picture code."""
        if self._pictures is None:
            from madara_tui.pictures.cache import PictureCache, pictures_dir
            from madara_tui.pictures.fetch import PictureLoader

            budget = self.config.images_cache_mb * 1024 * 1024
            self._pictures = PictureLoader(
                PictureCache(pictures_dir(self.config.data_dir), budget), self.fetcher)
        return self._pictures

    async def picture(self, url: str) -> Picture:
        """A picture of an article, decoded (from the cache, else fetched when online). Raises
        PictureRefused (with a short reason) or the client's FetchError."""
        return await self.pictures.picture(url, offline=self.offline)
