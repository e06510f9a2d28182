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

The batches run on a connection of their own (`Rekeyer`): the FTS writes are most of a batch's
time (~0.8 s of 1.25 s for 200 articles under load 10), and on the program's one connection
every headline page and search would wait for them behind its lock; in WAL mode the other
connection's readers go on.

A later change of the key appends a migration step that replaces the row with
`SELECT min(pk), max(pk) FROM articles`.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from madara_tui.store.codec import blocks_from_json, body_text
from madara_tui.store.db import Database
from madara_tui.store.search import index_values

BATCH = 100
"""Articles re-keyed per write transaction: a writer in another thread or process waits for at
most one (~0.1 s on a quiet 2-core machine, ~0.4 s under load 10)."""


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


class Rekeyer:
    """The re-keying's own connection to the cache file, opened on first use and opened again
    when the cache was rebuilt (the main connection changed)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._for: Database | None = None
        self._own: Database | None = None

    def batch(self, main: Database, limit: int = BATCH) -> bool:
        """`rekey_batch` on the cache file `main` is connected to (no second connection is
        opened when nothing is left to re-key, as on every start of an up-to-date cache)."""
        if main.query_one("SELECT 1 FROM search_rekey") is None:
            return False
        with self._lock:
            if self._own is None or self._for is not main:
                self._close()
                self._own = Database(self._path, synchronous="NORMAL")
                self._for = main
            return rekey_batch(self._own, limit)

    def close(self) -> None:
        """Close the connection (after the batch in flight, if any)."""
        with self._lock:
            self._close()

    def _close(self) -> None:
        if self._own is not None:
            self._own.close()
        self._own = self._for = None
