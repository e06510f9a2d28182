"""Storing a batch of fetched articles: their rows, category links and search index entries,
in one transaction (what a refresh writes, page by page or feed by feed)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence

from madara_tui.models import Article, UpsertStats
from madara_tui.store import search as fts
from madara_tui.store.codec import ARTICLE_COLUMNS, article_from_row, article_row, body_text, merge
from madara_tui.store.db import Database

_ROW_COLUMNS = (
    "source", "id", "url", "title", "lead", "published", "published_ts", "modified", "author",
    "code", "category", "categories", "blocks", "related", "form", "comments_open", "complete",
    "featured", "summary_only",
    "hash",
)


def _fts_values(article: Article) -> tuple[str, str, str]:
    return fts.index_values(article.title, article.lead, body_text(article.blocks))


def store_articles(db: Database, articles: Sequence[Article]) -> UpsertStats:
    """Store a batch in ONE transaction (all or nothing); unchanged articles are not written.

    An article whose page was already read keeps its page-only fields (see `codec.merge`).
    """
    new = updated = unchanged = 0
    if not articles:
        return UpsertStats()
    now = int(time.time())
    # The rows and search keys are built before taking the write lock (they are most of
    # the Python work), so another thread's batch can be prepared while SQLite writes this
    # one with the GIL released.
    prepared = [(a, article_row(a), _fts_values(a)) for a in articles]
    with db.write() as conn:
        for incoming, values, keys in prepared:
            row = conn.execute(
                f"SELECT pk, hash, {ARTICLE_COLUMNS} FROM articles WHERE source = ? AND id = ?",
                (incoming.source, incoming.id),
            ).fetchone()
            if row is not None and row["hash"] != values["hash"]:
                merged = merge(incoming, article_from_row(row))
                if merged != incoming:
                    incoming, values, keys = merged, article_row(merged), _fts_values(merged)
            if row is not None and row["hash"] == values["hash"]:
                unchanged += 1
                continue
            if row is None:
                pk = _insert(conn, values, now)
                new += 1
            else:
                pk = int(row["pk"])
                sets = ", ".join(f"{c} = :{c}" for c in _ROW_COLUMNS)
                conn.execute(f"UPDATE articles SET {sets}, stored_ts = :now WHERE pk = :pk",
                             {**values, "now": now, "pk": pk})
                conn.execute("DELETE FROM article_categories WHERE art = ?", (pk,))
                conn.execute("DELETE FROM article_fts WHERE rowid = ?", (pk,))
                updated += 1
            conn.executemany(
                "INSERT OR IGNORE INTO article_categories (name, art) VALUES (?, ?)",
                [(name, pk) for name in incoming.categories if name],
            )
            conn.execute(
                "INSERT INTO article_fts (rowid, title, lead, body) VALUES (?, ?, ?, ?)",
                (pk, *keys),
            )
    return UpsertStats(new=new, updated=updated, unchanged=unchanged)

def _insert(conn: sqlite3.Connection, values: dict[str, object], now: int) -> int:
    columns = ", ".join(_ROW_COLUMNS)
    marks = ", ".join(f":{c}" for c in _ROW_COLUMNS)
    cursor = conn.execute(
        f"INSERT INTO articles ({columns}, stored_ts) VALUES ({marks}, :now)",
        {**values, "now": now},
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid
