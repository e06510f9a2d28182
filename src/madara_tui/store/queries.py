"""SQL for the headline list and the filters it shares with search.

Read marks and bookmarks live in the user database, which the cache connection ATTACHes read-only
under the schema name `userdata` (see `madara_tui.store.cache`). A join across the two files is then
one query, always current (no copy to keep in step), and the cache connection can never write the
user's data.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from madara_tui.models import Headline
from madara_tui.records import record

USER_SCHEMA = "userdata"

READ_FLAG = (
    f"EXISTS (SELECT 1 FROM {USER_SCHEMA}.read_marks r "
    "WHERE r.source = a.source AND r.article_id = a.id)"
)
BOOKMARK_FLAG = (
    f"EXISTS (SELECT 1 FROM {USER_SCHEMA}.bookmarks b "
    "WHERE b.source = a.source AND b.article_id = a.id)"
)

HEADLINE_COLUMNS = (
    f"a.source, a.id, a.title, a.category, a.published, {READ_FLAG} AS read, "
    f"{BOOKMARK_FLAG} AS bookmarked"
)
"""SELECT list for `headline_from_row` over `articles a`."""


@record
class Filters:
    """The filters the headline list and search share."""

    category: str | None = None
    """A category name: the article lists it (primary or not)."""
    unread: bool = False
    bookmarked: bool = False
    source: str | None = None

    def where(self) -> tuple[str, list[object]]:
        """A WHERE clause body over `articles a` (never empty) and its parameters."""
        terms = ["1"]
        params: list[object] = []
        if self.category:
            terms.append(
                "EXISTS (SELECT 1 FROM article_categories c WHERE c.name = ? AND c.art = a.pk)"
            )
            params.append(self.category)
        if self.unread:
            terms.append(f"NOT {READ_FLAG}")
        if self.bookmarked:
            terms.append(BOOKMARK_FLAG)
        if self.source is not None:
            terms.append("a.source = ?")
            params.append(self.source)
        return " AND ".join(terms), params


def headline_query(filters: Filters, offset: int, limit: int) -> tuple[str, list[object]]:
    """One page of headlines, newest first (published, then id), walking the time index."""
    where, params = filters.where()
    sql = (
        f"SELECT {HEADLINE_COLUMNS} FROM articles a WHERE {where} "
        "ORDER BY a.published_ts DESC, a.id DESC LIMIT ? OFFSET ?"
    )
    return sql, [*params, max(0, limit), max(0, offset)]


def count_query(filters: Filters) -> tuple[str, list[object]]:
    """How many headlines `filters` lets through."""
    where, params = filters.where()
    return f"SELECT count(*) FROM articles a WHERE {where}", params


def headline_from_row(row: sqlite3.Row) -> Headline:
    """A Headline from a row selected with `HEADLINE_COLUMNS`."""
    return Headline(
        id=int(row["id"]),
        source=row["source"],
        title=row["title"],
        category=row["category"],
        published=datetime.fromisoformat(row["published"]),
        read=bool(row["read"]),
        bookmarked=bool(row["bookmarked"]),
    )
