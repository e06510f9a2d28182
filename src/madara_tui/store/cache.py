"""The offline cache: articles, categories, comments, related links, HTTP validators.

Everything here can be rebuilt from the site, so a damaged cache file is moved aside (with its
`-wal` and `-shm`, together) and started afresh; the user's own data lives in another file that
this module only ever opens read-only.

When damage is found: at open, `PRAGMA quick_check` reads the whole file — unless the file is
exactly as this program's last clean close left it (same size and modification time), because
the check costs ~1 s at 100k articles and would make every start grow with the cache. The
trade-off: damage that keeps size and time (bit rot, a copy that preserved the times) is not
seen at open. It is seen when a statement meets it: every public method below runs under
`rebuilds_when_corrupt`, so a corruption error (SQLITE_CORRUPT, SQLITE_NOTADB) in a running
program moves the file aside, opens a fresh cache, adds the `cache_rebuilt` notice and runs the
call once more — "quick_check at start or on the first error".
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from madara_tui.models import (
    Article,
    Category,
    Comment,
    Headline,
    Related,
    SearchHit,
    UpsertStats,
)
from madara_tui.records import replace
from madara_tui.store import rekey
from madara_tui.store import search as fts
from madara_tui.store.article_writes import store_articles
from madara_tui.store.codec import (
    ARTICLE_COLUMNS,
    article_from_row,
    related_from_json,
)
from madara_tui.store.db import Database, StoreError, is_corruption, migrate
from madara_tui.store.queries import (
    BOOKMARK_FLAG,
    USER_SCHEMA,
    Filters,
    count_query,
    headline_from_row,
    headline_query,
)
from madara_tui.store.recovery import (
    Notice,
    cache_rebuilt,
    mark_closed,
    move_aside,
    quick_check,
    read_only_uri,
    rebuilds_when_corrupt,
    unchanged_since_closed,
)
from madara_tui.store.related import compute_related
from madara_tui.store.schema import CACHE_MIGRATIONS


def _open_checked(path: Path, user_path: Path) -> Database:
    if path.is_dir():
        # Said before SQLite tries: it reports only "disk I/O error" for a directory.
        raise StoreError(f"{path} is a directory, not a database file")
    if not unchanged_since_closed(path):
        quick_check(path)
    db = Database(path, synchronous="NORMAL", uri=True)
    try:
        migrate(db, CACHE_MIGRATIONS, name="cache")
        db.conn.execute(f"ATTACH DATABASE ? AS {USER_SCHEMA}", (read_only_uri(user_path),))
    except BaseException:
        db.close()
        raise
    return db


DISTINCT_CATEGORY_NAMES = """
    WITH RECURSIVE names(name) AS (
        SELECT min(name) FROM article_categories
        UNION ALL
        SELECT (SELECT min(name) FROM article_categories WHERE name > names.name)
        FROM names WHERE names.name IS NOT NULL)
    SELECT name FROM names WHERE name IS NOT NULL"""
"""The distinct names of `article_categories` by skipping along its primary key (name, art)."""


class Cache:
    """The cache half of `Store` (see `madara_tui.store.Store` for the whole API)."""

    def __init__(self, path: Path, user_path: Path) -> None:
        self.notices: list[Notice] = []
        """Messages for the user about what happened at open (e.g. the cache was rebuilt)."""
        self._path = path
        self._user_path = user_path
        self._rekeyer = rekey.Rekeyer(path)
        try:
            self._cache = _open_checked(path, user_path)
        except sqlite3.DatabaseError as exc:
            if not is_corruption(exc):
                raise
            self.notices.append(cache_rebuilt(move_aside(path)))
            self._cache = _open_checked(path, user_path)

    def close(self) -> None:
        """Close the cache connection (remembering that the file was left in good order)."""
        self._rekeyer.close()
        self._cache.close()
        mark_closed(self._path)

    def _rebuild_after(self, failed: Database) -> None:
        """Corruption surfaced while `failed` was the connection: move the file aside (with
        its -wal and -shm) and start a fresh cache, unless another thread already did."""
        with failed.lock:
            if self._cache is not failed:
                return
            moved = move_aside(self._path)  # first: closing would checkpoint into it
            with suppress(sqlite3.Error):
                failed.close()
            self._cache = _open_checked(self._path, self._user_path)
            self.notices.append(cache_rebuilt(moved))

    # -- articles ---------------------------------------------------------------------------

    @rebuilds_when_corrupt
    def upsert_articles(self, articles: Sequence[Article]) -> UpsertStats:
        """Store a batch in ONE transaction (all or nothing); unchanged articles are not written.

        An article whose page was already read keeps its page-only fields (see `codec.merge`).
        """
        return store_articles(self._cache, articles)

    @rebuilds_when_corrupt
    def article(self, source: str, id: int) -> Article | None:
        """The cached article, or None."""
        row = self._cache.query_one(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE source = ? AND id = ?", (source, id)
        )
        return article_from_row(row) if row else None

    @rebuilds_when_corrupt
    def find_article(self, id: int) -> Article | None:
        """The cached article with this post ID from any source (a complete one preferred)."""
        row = self._cache.query_one(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ? "
            "ORDER BY complete DESC, published_ts DESC LIMIT 1",
            (id,),
        )
        return article_from_row(row) if row else None

    # -- headlines and search ---------------------------------------------------------------

    @rebuilds_when_corrupt
    def headlines(self, *, offset: int = 0, limit: int = 50, category: str | None = None,
                  unread: bool = False, bookmarked: bool = False,
                  source: str | None = None) -> list[Headline]:
        """One page of the headline list, newest first (published, then id)."""
        filters = Filters(category, unread, bookmarked, source)
        sql, params = headline_query(filters, offset, limit)
        return [headline_from_row(row) for row in self._cache.query(sql, params)]

    @rebuilds_when_corrupt
    def count_headlines(self, *, category: str | None = None, unread: bool = False,
                        bookmarked: bool = False, source: str | None = None) -> int:
        """How many headlines the same filters give."""
        sql, params = count_query(Filters(category, unread, bookmarked, source))
        row = self._cache.query_one(sql, params)
        return int(row[0]) if row else 0

    @rebuilds_when_corrupt
    def search(self, query: str, *, limit: int = 50, category: str | None = None,
               unread: bool = False, bookmarked: bool = False,
               source: str | None = None) -> list[SearchHit]:
        """Articles matching every word of `query` (the last one as a prefix), best first, each
        with a snippet of its original text and the hits' character spans in it."""
        with self._cache.read() as conn:
            return fts.search(conn, query, Filters(category, unread, bookmarked, source), limit)

    @rebuilds_when_corrupt
    def search_keys_pending(self) -> int:
        """How many articles may still hold search keys by older rules (see `store.rekey`)."""
        return rekey.pending(self._cache)

    @rebuilds_when_corrupt
    def rekey_search_batch(self, limit: int = rekey.BATCH) -> bool:
        """Re-key the next few of them in one short transaction, on a connection of its own
        (see `store.rekey`); False once none is left."""
        return self._rekeyer.batch(self._cache, limit)

    @rebuilds_when_corrupt
    def related(self, source: str, article_id: int) -> list[Related]:
        """The site's related list when it gave one; else up to 5 computed from the cache
        (`computed=True`). Empty when the article is not cached."""
        with self._cache.read() as conn:
            row = conn.execute(
                "SELECT pk, related FROM articles WHERE source = ? AND id = ?",
                (source, article_id),
            ).fetchone()
            if row is None:
                return []
            given = related_from_json(row["related"])
            if given:
                return [self._with_cached_id(conn, source, item) for item in given]
            return compute_related(conn, int(row["pk"]))

    @rebuilds_when_corrupt
    def article_id_for_url(self, source: str, urls: Sequence[str]) -> int | None:
        """The cached article of `source` whose URL is one of `urls` (spellings of a link)."""
        marks = ",".join("?" * len(urls))
        row = self._cache.query_one(
            f"SELECT id FROM articles WHERE source = ? AND url IN ({marks})", (source, *urls))
        return int(row[0]) if row else None

    @staticmethod
    def _with_cached_id(conn: sqlite3.Connection, source: str, item: Related) -> Related:
        """Pages link related news by permalink; name the cached article behind the link."""
        if item.article_id is not None:
            return item
        found = conn.execute(
            "SELECT id FROM articles WHERE source = ? AND url = ?", (source, item.url)
        ).fetchone()
        return replace(item, article_id=int(found[0])) if found else item

    # -- categories and comments ------------------------------------------------------------

    @rebuilds_when_corrupt
    def upsert_categories(self, source: str, categories: Sequence[Category]) -> None:
        """Insert or update the source's categories (unchanged ones are not rewritten)."""
        with self._cache.write() as conn:
            conn.executemany(
                "INSERT INTO categories (source, id, name, slug, count, parent) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, id) DO UPDATE SET "
                "name = excluded.name, slug = excluded.slug, count = excluded.count, "
                "parent = excluded.parent WHERE name IS NOT excluded.name OR "
                "slug IS NOT excluded.slug OR count IS NOT excluded.count OR "
                "parent IS NOT excluded.parent",
                [(source, c.id, c.name, c.slug, c.count, c.parent) for c in categories],
            )

    @rebuilds_when_corrupt
    def categories(self, source: str | None = None) -> list[Category]:
        """The source's categories by name; with no source, every source's, one per name."""
        if source is None:
            rows = self._cache.query("SELECT * FROM categories ORDER BY name, source, id")
        else:
            rows = self._cache.query(
                "SELECT * FROM categories WHERE source = ? ORDER BY name, id", (source,)
            )
        result: dict[str, Category] = {}
        for r in rows:
            result.setdefault(r["name"], Category(r["id"], r["name"], r["slug"], r["count"],
                                                  r["parent"]))
        return list(result.values())

    @rebuilds_when_corrupt
    def category_names_in_use(self) -> set[str]:
        """The names of the categories at least one cached article lists."""
        # One index step per name instead of a scan of every article's categories: DISTINCT read
        # the whole table (20 ms at 200k articles), and the first headline screen waits for it.
        return {r[0] for r in self._cache.query(DISTINCT_CATEGORY_NAMES)}

    @rebuilds_when_corrupt
    def replace_comments(self, source: str, article_id: int,
                         comments: Sequence[Comment]) -> None:
        """Make the cached comments of the article exactly `comments` (no write if equal)."""
        if self.comments(source, article_id) == sorted(comments, key=_comment_order):
            return
        with self._cache.write() as conn:
            conn.execute("DELETE FROM comments WHERE source = ? AND article_id = ?",
                         (source, article_id))
            conn.executemany(
                "INSERT OR REPLACE INTO comments (source, article_id, id, parent, author, date, "
                "text, author_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(source, article_id, c.id, c.parent, c.author, c.date.isoformat(), c.text,
                  c.author_url) for c in comments],
            )

    @rebuilds_when_corrupt
    def comments(self, source: str, article_id: int) -> list[Comment]:
        """The cached comments of the article, oldest first."""
        rows = self._cache.query(
            "SELECT * FROM comments WHERE source = ? AND article_id = ?", (source, article_id)
        )
        found = [
            Comment(id=r["id"], post_id=article_id, parent=r["parent"], author=r["author"],
                    date=datetime.fromisoformat(r["date"]), text=r["text"],
                    author_url=r["author_url"])
            for r in rows
        ]
        return sorted(found, key=_comment_order)

    # -- validators (madara_tui.client.http.ValidatorStore) and retention -----------------------

    @rebuilds_when_corrupt
    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) last seen for `url`, or (None, None)."""
        row = self._cache.query_one(
            "SELECT etag, last_modified FROM validators WHERE url = ?", (url,)
        )
        return (row["etag"], row["last_modified"]) if row else (None, None)

    @rebuilds_when_corrupt
    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember the validators of `url` (both None forgets them)."""
        if self.get_validators(url) == (etag, last_modified):
            return
        with self._cache.write() as conn:
            if etag is None and last_modified is None:
                conn.execute("DELETE FROM validators WHERE url = ?", (url,))
                return
            conn.execute(
                "INSERT OR REPLACE INTO validators (url, etag, last_modified, stored_ts) "
                "VALUES (?, ?, ?, ?)",
                (url, etag, last_modified, int(time.time())),
            )

    @rebuilds_when_corrupt
    def all_validators(self) -> dict[str, tuple[str | None, str | None]]:
        """Every remembered URL's (ETag, Last-Modified), in one query (a refresh reads them
        all at once rather than once per request)."""
        rows = self._cache.query("SELECT url, etag, last_modified FROM validators")
        return {row["url"]: (row["etag"], row["last_modified"]) for row in rows}

    @rebuilds_when_corrupt
    def put_many_validators(self, items: Sequence[tuple[str, str | None, str | None]]) -> None:
        """`put_validators` for each (url, etag, last_modified), in one transaction."""
        if not items:
            return
        now = int(time.time())
        with self._cache.write() as conn:
            conn.executemany("DELETE FROM validators WHERE url = ?",
                             [(url,) for url, etag, modified in items
                              if etag is None and modified is None])
            conn.executemany(
                "INSERT OR REPLACE INTO validators (url, etag, last_modified, stored_ts) "
                "VALUES (?, ?, ?, ?)",
                [(url, etag, modified, now) for url, etag, modified in items
                 if etag is not None or modified is not None],
            )

    @rebuilds_when_corrupt
    def prune(self, days: int | None = None, count: int | None = None) -> int:
        """Forget articles published more than `days` ago and all but the newest `count`
        (with their comments, category links and index entries); bookmarked articles are always
        kept. Returns how many articles were removed."""
        removed = 0
        with self._cache.write() as conn:
            keep = f"NOT {BOOKMARK_FLAG}"
            if days is not None:
                cutoff = int(time.time()) - days * 86_400
                removed += conn.execute(
                    "DELETE FROM articles WHERE pk IN (SELECT a.pk FROM articles a "
                    f"WHERE a.published_ts < ? AND {keep})",
                    (cutoff,),
                ).rowcount
            if count is not None:
                removed += conn.execute(
                    "DELETE FROM articles WHERE pk IN (SELECT pk FROM (SELECT a.pk, a.source, "
                    "a.id FROM articles a ORDER BY a.published_ts DESC, a.id DESC "
                    f"LIMIT -1 OFFSET ?) AS a WHERE {keep})",
                    (max(0, count),),
                ).rowcount
        return removed


def _comment_order(comment: Comment) -> tuple[datetime, int]:
    return (comment.date, comment.id)
