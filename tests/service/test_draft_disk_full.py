"""Finding 9 of hardening round 2: the disk fills while a comment is typed. The user is told at
once, nothing typed is lost while the program runs (the words stay in memory), and saving is
retried until it works. The disk is made full for real: SQLite's page limit on the user
database gives the same SQLITE_FULL error a full disk gives."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from madara_tui.models import CommentDraft
from madara_tui.service.drafts import DraftSaver
from madara_tui.store import Store

SOURCE = "http://127.0.0.1:1"


def _fill(store: Store, pages: int | None) -> None:
    """Cap the user database at its current size (full), or lift the cap (`pages`)."""
    conn: sqlite3.Connection = store._user.conn
    if pages is None:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        used = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {used}")
    else:
        conn.execute(f"PRAGMA max_page_count = {pages}")


async def test_a_full_disk_while_typing_is_told_at_once_and_nothing_is_lost(
        tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    told: list[BaseException | None] = []
    saver = DraftSaver(store, delay=0.01, on_problem=told.append)
    try:
        text = ""
        saver.update(CommentDraft(SOURCE, 7, text="سلام"))
        await saver.flush()
        _fill(store, None)
        for word in ["این ", "دیدگاه ", "بلندتر ", "از ", "دوازده ", "نویسه ", "است"] * 400:
            text += word
            saver.update(CommentDraft(SOURCE, 7, text=text))
            await asyncio.sleep(0)
        for _ in range(500):  # until the first write has failed
            if told:
                break
            await asyncio.sleep(0.01)
        assert len(told) == 1 and isinstance(told[0], sqlite3.Error)
        assert "full" in str(told[0])
        assert saver.failing is not None
        assert saver.pending is not None and saver.pending.text == text
        _fill(store, 1_000_000)  # space again
        for _ in range(3_000):  # until a retry has written it
            if saver.failing is None:
                break
            await asyncio.sleep(0.01)
        assert told[-1] is None
        stored = store.draft(SOURCE, 7)
        assert stored is not None and stored.text == text
    finally:
        _fill(store, 1_000_000)
        await saver.aclose()
        store.close()
