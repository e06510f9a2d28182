"""The user's own data: read marks, bookmarks, reading positions, preferences, comment drafts and
the comment outbox. A small database of its own with `synchronous=FULL`: nothing that happens to
the cache (corruption, rebuild, retention) ever touches it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from madara_tui.models import CommentDraft, CommentState, OutboxItem
from madara_tui.store.db import Database, migrate
from madara_tui.store.owners import Owners
from madara_tui.store.schema import USER_MIGRATIONS

_DRAFT_FIELDS = ("author", "email", "url", "text")
MAX_MESSAGE = 2_000
"""Characters of a site's message kept with an outbox item: a 10 MB refusal page was stored
whole and printed by every `outbox --json`."""


def _now() -> datetime:
    return datetime.now(UTC)


def _item(row: sqlite3.Row) -> OutboxItem:
    draft = CommentDraft(
        source=row["source"], article_id=row["article_id"], author=row["author"],
        email=row["email"], url=row["url"], text=row["text"], parent=row["parent"],
    )
    return OutboxItem(
        id=row["id"], draft=draft, state=CommentState(row["state"]),
        created=datetime.fromisoformat(row["created"]),
        updated=datetime.fromisoformat(row["updated"]),
        attempts=row["attempts"], message=row["message"], comment_id=row["comment_id"],
        not_before=datetime.fromisoformat(row["not_before"]) if row["not_before"] else None,
        held_link=row["held_link"],
    )


class UserData:
    """The user-data half of `Store` (see `madara_tui.store.Store` for the whole API)."""

    def __init__(self, path: Path) -> None:
        self._user = Database(path, synchronous="FULL")
        self._owners: Owners | None = None
        try:
            self._owners = Owners(path.parent / "owners")
            migrate(self._user, USER_MIGRATIONS, name="user data")
            self.recovered = self.recover_sending()
            """How many outbox items a crash had left SENDING (now UNKNOWN) at open."""
        except BaseException:
            UserData.close(self)  # not Store.close: the cache isn't open yet
            raise

    def close(self) -> None:
        """Close the user-data connection (and release this store's outbox claims)."""
        self._user.close()
        if self._owners is not None:
            self._owners.close()

    # -- marks, bookmarks, positions, preferences -------------------------------------------

    def _flag(self, table: str, source: str, article_id: int, on: bool) -> None:
        with self._user.write() as conn:
            if on:
                conn.execute(
                    f"INSERT OR IGNORE INTO {table} VALUES (?, ?, ?)",
                    (source, article_id, int(time.time())),
                )
            else:
                conn.execute(f"DELETE FROM {table} WHERE source = ? AND article_id = ?",
                             (source, article_id))

    def _has(self, table: str, source: str, article_id: int) -> bool:
        return self._user.query_one(
            f"SELECT 1 FROM {table} WHERE source = ? AND article_id = ?", (source, article_id)
        ) is not None

    def mark_read(self, source: str, id: int, read: bool = True) -> None:
        """Mark the article read (or unread again)."""
        self._flag("read_marks", source, id, read)

    def mark_many_read(self, keys: Iterable[tuple[str, int]], read: bool = True) -> None:
        """Mark every (source, article id) in `keys` read (or unread again), in one
        transaction."""
        now = int(time.time())
        with self._user.write() as conn:
            if read:
                conn.executemany("INSERT OR IGNORE INTO read_marks VALUES (?, ?, ?)",
                                 ((source, id, now) for source, id in keys))
            else:
                conn.executemany("DELETE FROM read_marks WHERE source = ? AND article_id = ?",
                                 keys)

    def is_read(self, source: str, id: int) -> bool:
        """Whether the article is marked read."""
        return self._has("read_marks", source, id)

    def set_bookmark(self, source: str, id: int, on: bool) -> None:
        """Bookmark the article (kept in the cache forever) or remove the bookmark."""
        self._flag("bookmarks", source, id, on)

    def is_bookmarked(self, source: str, id: int) -> bool:
        """Whether the article is bookmarked."""
        return self._has("bookmarks", source, id)

    def position(self, source: str, id: int) -> int:
        """The saved reading position (a line/row index the reader chose), 0 when none."""
        row = self._user.query_one(
            "SELECT position FROM positions WHERE source = ? AND article_id = ?", (source, id)
        )
        return int(row[0]) if row else 0

    def reading_position(self, source: str, id: int) -> tuple[int, int]:
        """The saved reading position as (paragraph, rows into it); (0, 0) when none."""
        row = self._user.query_one(
            "SELECT position, row_offset FROM positions WHERE source = ? AND article_id = ?",
            (source, id))
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def set_position(self, source: str, id: int, position: int, row_offset: int = 0) -> None:
        """Save the reading position of the article: the paragraph at the top of the view and
        how many of its rows were scrolled past."""
        with self._user.write() as conn:
            conn.execute("INSERT OR REPLACE INTO positions (source, article_id, position, "
                         "row_offset, updated_ts) VALUES (?, ?, ?, ?, ?)",
                         (source, id, position, row_offset, int(time.time())))

    def get_pref(self, key: str, default: str | None = None) -> str | None:
        """A stored preference, or `default`."""
        row = self._user.query_one("SELECT value FROM prefs WHERE key = ?", (key,))
        return str(row[0]) if row else default

    def set_pref(self, key: str, value: str) -> None:
        """Store a preference."""
        with self._user.write() as conn:
            conn.execute("INSERT OR REPLACE INTO prefs VALUES (?, ?)", (key, value))

    # -- drafts ---------------------------------------------------------------------------------

    def save_draft(self, draft: CommentDraft) -> None:
        """Save what the user is writing (keyed by source, article and reply parent); a draft
        with every field empty is removed instead."""
        with self._user.write() as conn:
            if not any(getattr(draft, f) for f in _DRAFT_FIELDS):
                conn.execute(
                    "DELETE FROM drafts WHERE source = ? AND article_id = ? AND parent = ?",
                    (draft.source, draft.article_id, draft.parent),
                )
                return
            conn.execute(
                "INSERT OR REPLACE INTO drafts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (draft.source, draft.article_id, draft.parent, draft.author, draft.email,
                 draft.url, draft.text, int(time.time())),
            )

    def draft(self, source: str, id: int, parent: int = 0) -> CommentDraft | None:
        """The saved draft for the article (and reply parent), or None."""
        row = self._user.query_one(
            "SELECT * FROM drafts WHERE source = ? AND article_id = ? AND parent = ?",
            (source, id, parent),
        )
        if row is None:
            return None
        return CommentDraft(source=source, article_id=id, author=row["author"],
                            email=row["email"], url=row["url"], text=row["text"], parent=parent)

    def delete_draft(self, source: str, id: int, parent: int = 0) -> None:
        """Forget the draft (the user discarded it)."""
        self.save_draft(CommentDraft(source=source, article_id=id, parent=parent))

    # -- the outbox -----------------------------------------------------------------------------

    def enqueue(self, draft: CommentDraft) -> OutboxItem:
        """Move the draft into the outbox (state QUEUED) in one transaction: the outbox row is
        written and the saved draft removed together, so the text is always in one of them."""
        stamp = _now().isoformat()
        with self._user.write() as conn:
            cursor = conn.execute(
                "INSERT INTO outbox (source, article_id, parent, author, email, url, text, state, "
                "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (draft.source, draft.article_id, draft.parent, draft.author, draft.email,
                 draft.url, draft.text, CommentState.QUEUED.value, stamp, stamp),
            )
            conn.execute(
                "DELETE FROM drafts WHERE source = ? AND article_id = ? AND parent = ?",
                (draft.source, draft.article_id, draft.parent),
            )
            row = conn.execute("SELECT * FROM outbox WHERE id = ?", (cursor.lastrowid,)).fetchone()
        return _item(row)

    def outbox(self, states: Iterable[CommentState] | None = None) -> list[OutboxItem]:
        """Outbox items (all, or those in `states`), oldest first. Items keep the full draft
        whatever their state; confirmed ones stay as a record until `remove_outbox`."""
        if states is None:
            rows = self._user.query("SELECT * FROM outbox ORDER BY id")
        else:
            wanted = [CommentState(s).value for s in states]
            marks = ",".join("?" * len(wanted))
            rows = self._user.query(
                f"SELECT * FROM outbox WHERE state IN ({marks}) ORDER BY id", wanted
            ) if wanted else []
        return [_item(row) for row in rows]

    def outbox_item(self, id: int) -> OutboxItem | None:
        """One outbox item, or None."""
        row = self._user.query_one("SELECT * FROM outbox WHERE id = ?", (id,))
        return _item(row) if row else None

    def update_outbox(self, id: int, state: CommentState, *, message: str = "",
                      comment_id: int | None = None,
                      not_before: datetime | None = None,
                      held_link: str | None = None) -> OutboxItem:
        """Record the item's new state (moving to SENDING counts an attempt); returns the item.
        `held_link` replaces the stored one when given.

        Raises KeyError when there is no such item.
        """
        state = CommentState(state)
        owner = self._token() if state is CommentState.SENDING else None
        with self._user.write() as conn:
            conn.execute(
                "UPDATE outbox SET state = ?, message = ?, comment_id = ?, not_before = ?, "
                "updated = ?, attempts = attempts + ?, owner = ? WHERE id = ?",
                (state.value, message[:MAX_MESSAGE], comment_id,
                 not_before.isoformat() if not_before else None, _now().isoformat(),
                 1 if state is CommentState.SENDING else 0, owner, id),
            )
            if held_link is not None:
                conn.execute("UPDATE outbox SET held_link = ? WHERE id = ?",
                             (held_link[:MAX_MESSAGE], id))
            row = conn.execute("SELECT * FROM outbox WHERE id = ?", (id,)).fetchone()
        if row is None:
            raise KeyError(f"no outbox item {id}")
        return _item(row)

    def remove_outbox(self, id: int) -> None:
        """Delete an outbox item (the user dismissed a confirmed or abandoned comment)."""
        with self._user.write() as conn:
            conn.execute("DELETE FROM outbox WHERE id = ?", (id,))

    def _token(self) -> str | None:
        return self._owners.token if self._owners is not None else None

    def _owner_alive(self, owner: str | None) -> bool:
        return self._owners is not None and self._owners.alive(owner)

    def claim_outbox(self, id: int, expected: CommentState) -> OutboxItem | None:
        """Claim the item for sending: atomically, across processes, move it from `expected`
        to SENDING owned by this store (counting an attempt). None when the item is no longer
        in `expected` (another process sent it, or is sending it now): the caller must not
        send. A SENDING item whose owner is gone is an unfinished send, never claimable here
        (`recover_sending` makes it UNKNOWN first)."""
        expected = CommentState(expected)
        with self._user.write() as conn:
            claimed = conn.execute(
                "UPDATE outbox SET state = ?, owner = ?, updated = ?, attempts = attempts + 1 "
                "WHERE id = ? AND state = ?",
                (CommentState.SENDING.value, self._token(), _now().isoformat(), id,
                 expected.value),
            ).rowcount
            row = conn.execute("SELECT * FROM outbox WHERE id = ?", (id,)).fetchone()
        return _item(row) if claimed and row is not None else None

    def recover_sending(self) -> int:
        """Turn the SENDING items whose owner is gone (its process crashed or was killed) into
        UNKNOWN: they may have reached the site, so they must not be resent blindly. An item
        another running process is sending is left alone. Runs at open (and before each
        flush); returns how many it changed."""
        rows = self._user.query(
            "SELECT id, owner FROM outbox WHERE state = ?", (CommentState.SENDING.value,))
        gone = [(row["id"], row["owner"]) for row in rows if not self._owner_alive(row["owner"])]
        changed = 0
        for item_id, owner in gone:
            with self._user.write() as conn:
                # Only if still the same dead owner's: meanwhile another process may have
                # recovered it and a live one claimed it again.
                changed += conn.execute(
                    "UPDATE outbox SET state = ?, owner = NULL, updated = ? "
                    "WHERE id = ? AND state = ? AND owner IS ?",
                    (CommentState.UNKNOWN.value, _now().isoformat(), item_id,
                     CommentState.SENDING.value, owner),
                ).rowcount
        return changed
