"""The offline store: the cache (rebuildable) and the user's own data (never rebuilt).

    with Store(data_dir) as store:
        store.upsert_articles(articles)
        page = store.headlines(offset=0, limit=50, unread=True)

All methods are synchronous and thread-safe (one connection per database, each behind a lock):
call them from worker threads, not the event loop. Two processes may use the same data directory
at once; writers queue on SQLite's lock (busy timeout) instead of failing.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from madara_tui import locations
from madara_tui.store.cache import Cache
from madara_tui.store.db import StoreError
from madara_tui.store.recovery import Notice
from madara_tui.store.userdata import UserData

__all__ = ["Notice", "Store", "StoreError"]


class Store(UserData, Cache):
    """Both databases of a data directory.

    Opening it checks the cache (`PRAGMA quick_check`, skipped when the file is as a clean close
    left it) and rebuilds it when damaged, adding a `Notice` to `.notices`; damage met later, by
    any cache read or write, rebuilds it the same way on the spot (see `store.cache`). Opening
    also turns outbox items a crash left SENDING into UNKNOWN (`.recovered` says how many). The
    article, headline, search, related, comment, validator and retention methods come from
    `Cache`; marks, bookmarks, positions, preferences, drafts and the outbox from `UserData`.
    """

    def __init__(self, data_dir: Path) -> None:
        data_dir = Path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = data_dir
        # The user database first: the cache connection attaches it read-only.
        UserData.__init__(self, locations.user_db(data_dir))
        try:
            Cache.__init__(self, locations.cache_db(data_dir), locations.user_db(data_dir))
        except BaseException:
            UserData.close(self)
            raise

    def close(self) -> None:
        """Close both databases."""
        Cache.close(self)
        UserData.close(self)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
