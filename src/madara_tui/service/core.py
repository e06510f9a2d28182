"""`Service`: the use cases the reader and the command line share (refresh, open an article,
related news, comments), joining the client and the store."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from madara_tui.client.errors import FetchError, HTTPStatus
from madara_tui.config import Config
from madara_tui.models import (
    SITE_TOOK_IT,
    Article,
    Category,
    Comment,
    CommentDraft,
    CommentState,
    OutboxItem,
    RefreshReport,
    Related,
    Source,
)
from madara_tui.service.drafts import DEFAULT_DELAY, DraftSaver
from madara_tui.service.errors import ArticleNotFound, InvalidDraft, is_unreachable
from madara_tui.service.outbox import Outbox
from madara_tui.service.refresh import Progress, refresh_sources
from madara_tui.service.sources import add_imported, imported_sources, merge_sources
from madara_tui.service.thread import with_held

if TYPE_CHECKING:
    from madara_tui.client.http import Fetcher
    from madara_tui.client.wordpress import WordPressSite
    from madara_tui.pictures.decode import Picture
    from madara_tui.pictures.fetch import PictureLoader
    from madara_tui.store import Store

T = TypeVar("T")


def _wordpress(fetcher: Fetcher, base: str) -> WordPressSite:
    """The site's client. The WordPress client (and with it httpx, feedparser and the HTML
    parser) is imported on first use: the reader starting offline never pays for it."""
    from madara_tui.client.wordpress import WordPressSite

    return WordPressSite(fetcher, base)

PREFETCH_NEWEST = 30
"""Articles whose lead picture a refresh prefetches when `prefetch_images` is on."""

DEFAULT_REQUIRED = frozenset({"author", "email", "comment"})
"""WordPress's default required comment fields, used until the article page says otherwise."""


class Service:
    """The program's use cases over one store and (online) one fetcher.

    `fetcher` is None in offline mode. Store calls made by the async methods run in a thread;
    the sync methods (`cached_article`, `related`, `sources`, …) read SQLite directly and are
    quick, but a UI should still call them from a worker.
    """

    def __init__(self, config: Config, store: Store, fetcher: Fetcher | None) -> None:
        self.config = config
        self.store = store
        self.fetcher = fetcher
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

    async def db(self, method: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store method in a thread and return its result."""
        return await asyncio.to_thread(method, *args, **kwargs)

    def recover(self) -> int:
        """Comments a crash left SENDING become UNKNOWN; returns how many. (Opening the store
        already does this; call it again only when no other instance may be sending.)"""
        return self.store.recover_sending()

    # -- sources -----------------------------------------------------------------------------

    def sources(self) -> list[Source]:
        """What a refresh reads: the site, the config's feeds, then the imported ones (read
        from the user database once, then remembered)."""
        if self._sources is None:
            self._sources = merge_sources(self.config.all_sources, imported_sources(self.store))
        return list(self._sources)

    def source_title(self, url: str) -> str:
        """What to call source `url`: its configured title, else its host."""
        for known in self.sources():
            if known.url.rstrip("/") == url.rstrip("/") and known.title:
                return known.title
        return urlsplit(url).hostname or url

    def add_sources(self, new: Sequence[Source]) -> int:
        """Persist imported sources (see `service.sources`); returns how many were new."""
        added = add_imported(self.store, self.config.all_sources, new)
        self._sources = None
        return added

    def _kind(self, source: str) -> str:
        for known in self.sources():
            if known.url.rstrip("/") == source.rstrip("/"):
                return known.kind
        return "wordpress" if source.rstrip("/") == (self.config.site or "") else "feed"

    # -- refresh -----------------------------------------------------------------------------

    async def refresh(self, progress: Progress | None = None) -> RefreshReport:
        """Refresh every source concurrently (see `service.refresh`), prune the cache per the
        retention settings, then flush the outbox. Offline: an empty report at once."""
        if self.config.offline or self.fetcher is None:
            return RefreshReport()
        self._sources = None  # another program may have imported sources since
        sources = await self.db(self.sources)
        reports, down = await refresh_sources(sources, self.fetcher, self.store, self.db,
                                              lang=self.config.lang, progress=progress)
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

    # -- articles ----------------------------------------------------------------------------

    def cached_article(self, source: str, article_id: int) -> Article | None:
        """The article from the cache, as it is (possibly without code, related or form)."""
        return self.store.article(source, article_id)

    async def article(self, article_id: int, source: str | None = None) -> Article:
        """The article by post ID: from the cache (any source unless `source` is given), else,
        online, from the site. Raises ArticleNotFound."""
        cached = await self.db(self.store.article, source, article_id) if source else \
            await self.db(self.store.find_article, article_id)
        if cached is not None:
            return cached
        site = source or self.config.site
        if self.offline or site is None or self._kind(site) != "wordpress":
            raise ArticleNotFound(article_id, source or "")
        assert self.fetcher is not None
        try:
            fetched = await _wordpress(self.fetcher, site).post(article_id)
        except FetchError as exc:
            if isinstance(exc, HTTPStatus) and exc.status in (400, 404, 410):
                raise ArticleNotFound(article_id, site) from exc
            if is_unreachable(exc):
                self.note_unreachable()
            raise
        await self.db(self.store.upsert_articles, [fetched])
        return fetched

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
        try:
            page = await _wordpress(self.fetcher, source).article_page(cached.url)
        except FetchError as exc:
            if not is_unreachable(exc):
                raise
            self.note_unreachable()
            return cached
        completed = page.as_article(source, base=cached)
        await self.db(self.store.upsert_articles, [completed])
        return completed

    async def load_comments(self, source: str, article_id: int) -> list[Comment]:
        """The article's published comments: from the site when online (and the cache updated),
        else from the cache."""
        if not self.offline and self._kind(source) == "wordpress":
            assert self.fetcher is not None
            try:
                comments = await _wordpress(self.fetcher, source).comments(article_id)
            except FetchError as exc:
                if not is_unreachable(exc):
                    raise
                self.note_unreachable()
            else:
                await self.db(self.store.replace_comments, source, article_id, comments)
                return comments
        return await self.db(self.store.comments, source, article_id)

    def cached_thread(self, source: str, article_id: int) -> list[Comment]:
        """The cached published comments plus the user's own held for moderation (each
        `held`), shown until the site publishes them."""
        return with_held(self.store, source, article_id,
                         self.store.comments(source, article_id))

    async def thread(self, source: str, article_id: int) -> list[Comment]:
        """`load_comments` plus the user's own comments held for moderation (each `held`);
        one the site has published since is recorded so and shown once."""
        published = await self.load_comments(source, article_id)
        return await self.db(with_held, self.store, source, article_id, published)

    def categories(self) -> list[Category]:
        """The categories worth listing: those at least one cached article is in (an empty
        «دسته‌بندی نشده» is left out)."""
        in_use = self.store.category_names_in_use()
        return [category for category in self.store.categories() if category.name in in_use]

    def mark_all_read(self, *, category: str | None = None, source: str | None = None) -> int:
        """Mark every unread cached article (of `category` / `source`, or all) read; returns
        how many were unread."""
        keys: list[tuple[str, int]] = []
        page = 5000
        while True:
            rows = self.store.headlines(offset=len(keys), limit=page, category=category,
                                        unread=True, source=source)
            keys += [(row.source, row.id) for row in rows]
            if len(rows) < page:
                break
        self.store.mark_many_read(keys)
        return len(keys)

    def reading_position(self, source: str, article_id: int) -> tuple[int, int]:
        """Where the user stopped reading: (paragraph, rows of it scrolled past)."""
        return self.store.reading_position(source, article_id)

    def save_reading_position(self, source: str, article_id: int, piece: int,
                              row: int = 0) -> None:
        """Remember where the user stopped reading (see `reading_position`)."""
        self.store.set_position(source, article_id, piece, row)

    def related(self, source: str, article_id: int) -> list[Related]:
        """The article's related news: the site's list, or ones computed from the cache (each
        flagged `computed`) when the site gave none."""
        return self.store.related(source, article_id)

    # -- comments ----------------------------------------------------------------------------

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

    def draft_saver(self, delay: float = DEFAULT_DELAY) -> DraftSaver:
        """A debounced saver for the comment form (see `DraftSaver`)."""
        return DraftSaver(self.store, delay)

    def validate(self, draft: CommentDraft) -> list[str]:
        """The client's error keys for `draft` ("email_invalid", "comment_required", …), judged by
        the fields the article's cached form requires; empty when it may be sent."""
        article = self.store.article(draft.source, draft.article_id)
        required = article.form.required if article and article.form else DEFAULT_REQUIRED
        from madara_tui.client.comments import validate_draft  # on use, like _wordpress

        return validate_draft(draft, required)

    async def send_comment(self, draft: CommentDraft) -> OutboxItem:
        """Validate, queue (one transaction: draft → outbox), and post when online. Returns the
        outbox item in its new state: QUEUED when offline. Raises InvalidDraft (nothing queued)
        when the draft breaks the site's rules. See `service.outbox` for the states."""
        errors = await self.db(self.validate, draft)
        if errors:
            raise InvalidDraft(errors)
        item: OutboxItem = await self.db(self.store.enqueue, draft)
        if self.offline:
            return item
        return await self._outbox.deliver(item)

    async def flush_outbox(self) -> list[OutboxItem]:
        """Send the queued comments and those whose flood wait is over, and resolve UNKNOWN
        ones without blind resends (see `service.outbox`). Returns the items that changed
        state; nothing when offline."""
        return await self._outbox.flush()

    def dismiss(self, item_id: int) -> None:
        """Forget an outbox item (the user gave up on a refused comment, or clears a confirmed
        one). Its text is not kept anywhere else unless it was put back as a draft."""
        self.store.remove_outbox(item_id)

    def outbox(self) -> list[OutboxItem]:
        """Every comment not confirmed by the site yet, plus refused ones, oldest first."""
        states = [s for s in CommentState if s not in SITE_TOOK_IT]
        return sorted(self.store.outbox(states), key=lambda i: i.id)
