"""A cache file overwritten with garbage: rebuilt on the next start, and the user's own data —
bookmarks, read marks, drafts, the outbox — intact."""

from __future__ import annotations

import sqlite3

from cli_env import Cli

from madara_tui import locations
from madara_tui.demo import DemoSite
from madara_tui.models import CommentDraft
from madara_tui.store import Store


def test_garbage_cache_is_rebuilt_user_data_kept(fetched: Cli, site: DemoSite) -> None:
    assert fetched("read", "331201").status == 0  # a read mark
    draft = CommentDraft(site.url, 331203, author="نگار", text="پیش‌نویسی که نباید گم شود")
    with Store(fetched.data_dir) as store:
        store.set_bookmark(site.url, 331202, True)
        store.save_draft(draft)
    queued = fetched("comment", "331205", "--name", "نگار", "--email", "negar@example.com",
                     stdin="در صف مانده", options=("--offline",))
    assert queued.status == 0

    cache = locations.cache_db(fetched.data_dir)
    cache.write_bytes(b"this is not a database\x00" * 4096)

    after = fetched("list", "--json")
    assert after.status == 0
    assert after.err.strip()  # the user is told the cache was rebuilt
    assert after.json()["headlines"] == []
    (item,) = fetched("outbox", "--json").json()["outbox"]
    assert item["state"] == "queued" and item["text"] == "در صف مانده"
    assert fetched("fetch").status == 0  # refills the cache and sends the queued comment
    rows = {h["id"]: h for h in fetched("list", "--json", "--limit", "100").json()["headlines"]}
    assert rows[331201]["read"] is True and rows[331202]["bookmarked"] is True
    assert rows[331203]["read"] is False
    with Store(fetched.data_dir) as store:
        (sent,) = store.outbox()
        assert sent.state.value == "held" and sent.draft.text == "در صف مانده"
        assert store.draft(site.url, 331203) == draft
        assert store.notices == []  # rebuilt once, healthy since


def test_user_data_from_a_newer_version_is_a_message_not_a_traceback(fetched: Cli) -> None:
    user_db = locations.user_db(fetched.data_dir)
    with sqlite3.connect(user_db) as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    result = fetched("list")
    assert result.status == 1
    assert "999" in result.err and "Traceback" not in result.err
