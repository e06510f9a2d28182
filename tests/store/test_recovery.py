"""A damaged cache is moved aside (with its -wal and -shm) and rebuilt; the user's data is not
touched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from store_factory import SOURCE, make_article

from madara_tui import locations
from madara_tui.models import CommentDraft, CommentState
from madara_tui.store import Store

DRAFT = CommentDraft(source=SOURCE, article_id=3, author="پریسا", email="p@example.com",
                     text="پیش‌نویس نظر دربارهٔ خبر")
QUEUED = CommentDraft(source=SOURCE, article_id=4, author="پریسا", email="p@example.com",
                      text="نظری که در صف ماند")


def fill(data_dir: Path) -> None:
    """A cache of a few hundred articles plus every kind of user data."""
    with Store(data_dir) as store:
        for start in range(1, 400, 100):
            store.upsert_articles([
                make_article(i, lead="خبری برای پر کردن صفحه‌های پایگاه داده " * 5,
                             body=("بند نخست خبر. " * 20,))
                for i in range(start, start + 100)
            ])
        store.set_bookmark(SOURCE, 1, True)
        store.mark_read(SOURCE, 2)
        store.save_draft(DRAFT)
        store.enqueue(QUEUED)
        store.set_position(SOURCE, 1, 12)


def assert_user_data_intact(store: Store) -> None:
    assert store.is_bookmarked(SOURCE, 1)
    assert store.is_read(SOURCE, 2)
    assert store.draft(SOURCE, 3) == DRAFT
    (item,) = store.outbox()
    assert (item.draft, item.state) == (QUEUED, CommentState.QUEUED)
    assert store.position(SOURCE, 1) == 12


def assert_rebuilt(data_dir: Path) -> None:
    with Store(data_dir) as store:
        assert [n.key for n in store.notices] == ["cache_rebuilt"]
        notice = store.notices[0]
        assert "rebuilt" in notice.message("en")
        assert notice.message("fa") == str(notice) and "از نو" in notice
        assert store.count_headlines() == 0
        assert_user_data_intact(store)
        store.upsert_articles([make_article(1)])
        # The bookmark still shows on the article once it is cached again.
        assert store.headlines()[0].bookmarked
    with Store(data_dir) as again:
        assert again.notices == []
        assert again.count_headlines() == 1
    aside = sorted(p.name for p in data_dir.glob("cache.sqlite3.corrupt-*"))
    assert aside and not any(name.endswith(("-wal", "-shm")) for name in aside[:1])


def test_garbage_cache_is_rebuilt(tmp_path: Path) -> None:
    fill(tmp_path)
    cache = locations.cache_db(tmp_path)
    size = cache.stat().st_size
    cache.write_bytes(os.urandom(size))
    assert_rebuilt(tmp_path)


@pytest.mark.parametrize("keep", [0.5, 0.1, 50 / 100_000])
def test_truncated_cache_is_rebuilt(tmp_path: Path, keep: float) -> None:
    fill(tmp_path)
    cache = locations.cache_db(tmp_path)
    size = cache.stat().st_size
    with cache.open("r+b") as handle:
        handle.truncate(max(50, int(size * keep)))
    assert_rebuilt(tmp_path)


def test_damaged_page_inside_the_file_is_caught_by_quick_check(tmp_path: Path) -> None:
    fill(tmp_path)
    cache = locations.cache_db(tmp_path)
    size = cache.stat().st_size
    with cache.open("r+b") as handle:  # keep the header, scribble over the middle pages
        handle.seek(size // 2)
        handle.write(b"\xa5" * 8192)
    assert_rebuilt(tmp_path)


def test_wal_and_shm_move_with_the_database(tmp_path: Path) -> None:
    fill(tmp_path)
    # A writer killed mid-flight leaves cache.sqlite3-wal and -shm behind.
    script = (
        "import os, signal, sys\n"
        "from madara_tui.store import Store\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from store_factory import make_article\n"
        "store = Store(__import__('pathlib').Path(sys.argv[1]))\n"
        "store.upsert_articles([make_article(i) for i in range(1000, 1010)])\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    child = subprocess.run([sys.executable, "-c", script, str(tmp_path),
                            str(Path(__file__).parent)], check=False)
    assert child.returncode == -signal.SIGKILL
    cache = locations.cache_db(tmp_path)
    wal = Path(f"{cache}-wal")
    shm = Path(f"{cache}-shm")
    assert wal.exists() and shm.exists()
    wal_bytes = wal.read_bytes()
    cache.write_bytes(os.urandom(cache.stat().st_size))
    with Store(tmp_path) as store:
        assert [n.key for n in store.notices] == ["cache_rebuilt"]
        assert_user_data_intact(store)
        assert store.count_headlines() == 0  # the stale WAL was not replayed into the new file
    (moved,) = tmp_path.glob("cache.sqlite3.corrupt-*[0-9]")
    assert Path(f"{moved}-wal").read_bytes() == wal_bytes
    assert Path(f"{moved}-shm").exists()


def test_corrupt_user_database_is_never_moved(tmp_path: Path) -> None:
    fill(tmp_path)
    user = locations.user_db(tmp_path)
    user.write_bytes(b"\x00garbage" * 512)
    with pytest.raises(Exception, match="not a database"):
        Store(tmp_path)
    assert user.read_bytes() == b"\x00garbage" * 512
    assert not list(tmp_path.glob("user.sqlite3.corrupt-*"))
