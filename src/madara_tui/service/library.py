"""`Library`: the reader's own use of the cache and the user database — headline pages, marks,
positions, preferences, drafts, search and categories — as async methods that run their SQLite
work in a thread, so neither the reader nor the command line touches the store or waits on it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from madara_tui.models import Article, Category, CommentDraft, Headline, Related, SearchHit
from madara_tui.records import record, replace

if TYPE_CHECKING:
    from madara_tui.store import Store

T = TypeVar("T")


@record
class HeadlineFilter:
    """Which headlines a list shows."""

    category: str | None = None
    """A category name (the article lists it, primary or not); None: every category."""
    unread: bool = False
    """Only the headlines not read yet."""
    bookmarked: bool = False
    """Only the bookmarked headlines."""
    source: str | None = None
    """One source's URL; None: every source."""


class Library:
    """The store-only use cases of `Service` (see the module docstring)."""

    store: Store

    async def db(self, method: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a blocking call (a store method) in a thread and return its result."""
        return await asyncio.to_thread(method, *args, **kwargs)

    # -- the headline list ---------------------------------------------------------------------

    async def headline_count(self, filters: HeadlineFilter) -> int:
        """How many headlines `filters` lets through."""
        return await self.db(self.store.count_headlines, category=filters.category,
                             unread=filters.unread, bookmarked=filters.bookmarked,
                             source=filters.source)

    async def headline_page(self, filters: HeadlineFilter, offset: int,
                            limit: int) -> list[Headline]:
        """Headlines `offset` … `offset + limit - 1` under `filters`, newest first."""
        return await self.db(self.store.headlines, offset=offset, limit=limit,
                             category=filters.category, unread=filters.unread,
                             bookmarked=filters.bookmarked, source=filters.source)

    async def categories(self) -> list[Category]:
        """Every cached category, of every source."""
        return await self.db(self.store.categories)

    async def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Cached articles matching every word of `query`, best first, with snippets."""
        return await self.db(self.store.search, query, limit=limit)

    async def search_keys_pending(self) -> int:
        """How many cached articles may still hold search keys by older rules."""
        return await self.db(self.store.search_keys_pending)

    async def catch_up_search_index(self) -> None:
        """Re-key what a change of the search key left behind (see `store.rekey`), one short
        write transaction at a time in a thread; search works meanwhile, on the mix of keys."""
        while await self.db(self.store.rekey_search_batch):
            pass

    # -- marks and positions -------------------------------------------------------------------

    async def mark_read(self, source: str, article_id: int, read: bool = True) -> None:
        """Mark the article read (or unread)."""
        await self.db(self.store.mark_read, source, article_id, read)

    async def mark_all_read(self, *, category: str | None = None,
                            source: str | None = None) -> list[tuple[str, int]]:
        """Mark every unread cached article (of `category` / `source`, or all) read; returns
        the (source, id) of those that were unread, so `mark_unread` can undo it."""
        def mark() -> list[tuple[str, int]]:
            keys: list[tuple[str, int]] = []
            page = 5000
            while True:
                rows = self.store.headlines(offset=len(keys), limit=page, category=category,
                                            unread=True, source=source)
                keys += [(row.source, row.id) for row in rows]
                if len(rows) < page:
                    break
            self.store.mark_many_read(keys)
            return keys

        return await self.db(mark)

    async def mark_unread(self, keys: list[tuple[str, int]]) -> None:
        """Mark the articles `keys` names unread again (the undo of `mark_all_read`)."""
        await self.db(self.store.mark_many_read, keys, False)

    async def set_bookmark(self, source: str, article_id: int, on: bool) -> None:
        """Bookmark the article, or remove its bookmark."""
        await self.db(self.store.set_bookmark, source, article_id, on)

    async def toggle_bookmark(self, source: str, article_id: int) -> bool:
        """Flip the article's bookmark; returns whether it is bookmarked now."""
        def flip() -> bool:
            on = not self.store.is_bookmarked(source, article_id)
            self.store.set_bookmark(source, article_id, on)
            return on

        return await self.db(flip)

    async def reading_position(self, source: str, article_id: int) -> tuple[int, int]:
        """Where the user stopped reading: (paragraph, rows of it scrolled past)."""
        return await self.db(self.store.reading_position, source, article_id)

    async def save_reading_position(self, source: str, article_id: int, piece: int,
                                    row: int = 0) -> None:
        """Remember where the user stopped reading (see `reading_position`)."""
        await self.db(self.store.set_position, source, article_id, piece, row)

    # -- preferences and drafts ----------------------------------------------------------------

    async def preference(self, key: str) -> str | None:
        """A stored preference (theme, the comment form's remembered name…), or None."""
        return await self.db(self.store.get_pref, key)

    async def set_preference(self, key: str, value: str) -> None:
        """Store a preference."""
        await self.db(self.store.set_pref, key, value)

    async def draft(self, source: str, article_id: int, parent: int = 0) -> CommentDraft | None:
        """The saved comment draft for the article (and reply parent), or None."""
        return await self.db(self.store.draft, source, article_id, parent)

    # -- the cache as it is --------------------------------------------------------------------

    async def cached_article(self, source: str, article_id: int) -> Article | None:
        """The article from the cache, as it is (possibly without code, related or form)."""
        return await self.db(self.store.article, source, article_id)

    async def cached_article_anywhere(self, article_id: int) -> Article | None:
        """The article with this post ID from the cache, whatever its source."""
        return await self.db(self.store.find_article, article_id)

    async def related(self, source: str, article_id: int) -> list[Related]:
        """The article's related news: the site's list, or ones computed from the cache (each
        flagged `computed`) when the site gave none."""
        return await self.db(self.store.related, source, article_id)

    async def resolve_related(self, item: Related) -> Related:
        """`item` with the cached article's ID when the site listed it by permalink only (found
        by its exact title); unchanged when no cached article has that title."""
        if item.article_id is not None:
            return item
        for hit in await self.search(item.title, limit=5):
            if hit.headline.title == item.title:
                return replace(item, article_id=hit.headline.id)
        return item
