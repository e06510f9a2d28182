"""Damage the open-time check does not see (the file looks as a clean close left it) is caught
when a read or write meets it: the cache is moved aside and rebuilt on the spot."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from store_factory import make_article

from madara_tui import locations
from madara_tui.store import Store, cache


def _damage_articles_keeping_the_stamp(data_dir: Path) -> None:
    """Overwrite the articles table's root page, then give the file back its size and mtime
    (bit rot, or a copy that kept the times), so the next open skips the whole-file check."""
    path = locations.cache_db(data_dir)
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'articles'").fetchone()[0]
    conn.close()
    before = path.stat()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_corruption_met_by_a_read_rebuilds_the_cache(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path) as store:
        store.upsert_articles([make_article(n) for n in range(1, 4)])
        store.set_bookmark("https://example.org", 1, True)
    with Store(tmp_path):  # a clean open and close: the next open trusts the file
        pass
    _damage_articles_keeping_the_stamp(tmp_path)
    checked: list[Path] = []
    monkeypatch.setattr(cache, "quick_check", checked.append)
    with Store(tmp_path) as store:
        assert checked == [] and store.notices == []  # the open did not look
        assert store.headlines() == []  # met the damage, rebuilt, asked the new cache
        assert [notice.key for notice in store.notices] == ["cache_rebuilt"]
        assert list(tmp_path.glob("cache.sqlite3.corrupt-*"))  # kept aside, not deleted
        assert store.is_bookmarked("https://example.org", 1)  # the user's data is untouched
        stats = store.upsert_articles([make_article(7)])
        assert stats.new == 1 and [h.id for h in store.headlines()] == [7]
    with Store(tmp_path) as store:
        assert store.notices == [] and store.count_headlines() == 1


def test_corruption_met_by_a_write_rebuilds_and_writes(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.upsert_articles([make_article(1)])
    _damage_articles_keeping_the_stamp(tmp_path)
    with Store(tmp_path) as store:
        stats = store.upsert_articles([make_article(1), make_article(2)])
        assert stats.new == 2 and store.count_headlines() == 2
        assert [notice.key for notice in store.notices] == ["cache_rebuilt"]
