"""Re-keying the search index after the search key changed, in batches, after the program started.

A migration that changes `search_key` cannot re-key every cached article itself: it runs inside
`Store()`, before the reader's first frame, and keying costs milliseconds an article (a 10k
cache waited ~20-100 s on a blank screen, a 100k one minutes). So the migration only records
which articles still hold keys made by the old rules, as one row of `search_rekey`:

    next_pk, last_pk   articles with next_pk <= pk <= last_pk may hold old keys

(no row: every key is current). `rekey_batch` re-keys the next few of them: the keys are built
outside any transaction, then written in one short write transaction that also moves `next_pk`,
so a refresh in another thread or process waits at most one batch, and a kill -9 loses at most
the batch in flight (the row still says where to go on). An article written since the migration
already has new keys (upserts key by the current rules); one that changed between the read and
the write is skipped, as its writer keyed it. Until the row is gone, search runs on the mix,
and old keys still match most words.

A later change of the key appends a migration step that replaces the row with
`SELECT min(pk), max(pk) FROM articles`.
"""

from __future__ import annotations

import sqlite3

from madara_tui.store.codec import blocks_from_json, body_text
from madara_tui.store.db import Database
from madara_tui.store.search import index_values

BATCH = 200
"""Articles re-keyed per write transaction (~0.1-0.4 s of keying on a 2-core machine)."""


def _keys(title: str, lead: str, blocks: str) -> tuple[str, str, str]:
    return index_values(title, lead, body_text(blocks_from_json(blocks)))


def pending(db: Database) -> int:
    """How many articles may still hold keys by the old rules (0: the index is current)."""
    row = db.query_one(
        "SELECT count(*) FROM articles, search_rekey WHERE pk BETWEEN next_pk AND last_pk"
    )
    return int(row[0]) if row else 0


def rekey_batch(db: Database, limit: int = BATCH) -> bool:
    """Re-key the next `limit` articles recorded as holding old keys; returns whether any are
    left after them (False once the record is removed)."""
    with db.read() as conn:
        state = conn.execute("SELECT next_pk, last_pk FROM search_rekey").fetchone()
        if state is None:
            return False
        rows = conn.execute(
            "SELECT pk, title, lead, blocks FROM articles WHERE pk BETWEEN ? AND ? "
            "ORDER BY pk LIMIT ?", (state["next_pk"], state["last_pk"], limit)).fetchall()
    keyed = [(row, _keys(row["title"], row["lead"], row["blocks"])) for row in rows]
    with db.write() as conn:
        if tuple(conn.execute("SELECT next_pk, last_pk FROM search_rekey").fetchone() or ()) \
                != tuple(state):
            return True  # another program re-keyed this batch meanwhile: look again
        for row, keys in keyed:
            if not _unchanged(conn, row):
                continue
            conn.execute("DELETE FROM article_fts WHERE rowid = ?", (row["pk"],))
            conn.execute("INSERT INTO article_fts (rowid, title, lead, body) VALUES (?, ?, ?, ?)",
                         (row["pk"], *keys))
        if len(rows) < limit:
            conn.execute("DELETE FROM search_rekey")
            return False
        conn.execute("UPDATE search_rekey SET next_pk = ?", (rows[-1]["pk"] + 1,))
    return True


def _unchanged(conn: sqlite3.Connection, read: sqlite3.Row) -> bool:
    now = conn.execute("SELECT title, lead, blocks FROM articles WHERE pk = ?",
                       (read["pk"],)).fetchone()
    return now is not None and tuple(now) == (read["title"], read["lead"], read["blocks"])
