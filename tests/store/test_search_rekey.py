"""Re-keying the search index after a key change: not at open (a big cache would wait on a blank
screen), but in short batches once the program runs, safe against refreshes and kill -9, and
ending with exactly the results a fresh index gives."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest
from store_factory import STALE, make_article, make_old_cache

from madara_tui import locations
from madara_tui.config import Overrides
from madara_tui.models import Article
from madara_tui.store import Store, rekey

WORKER = Path(__file__).with_name("store_worker.py")
SPELLINGS = ("مسئول", "مسؤول", "مسوول", "هیئت", "هیأت", "هیات", "می‌شود", "کتاب‌ها", "رئیس")
QUERIES = ("مسئول ", "مسوول", "هیات ", "هیئت مدیره", "رئیس", "ریی", "کتاب ها", "میشود ",
           "گزارش", "شورا", "مدیره ", STALE)


def articles(count: int) -> list[Article]:
    """`count` articles, each with a few of the spellings whose keys changed."""
    made = []
    for n in range(1, count + 1):
        word = SPELLINGS[n % len(SPELLINGS)]
        other = SPELLINGS[(n * 5) % len(SPELLINGS)]
        made.append(make_article(
            n, title=f"گزارش {n}: {word} شورا" if n % 3 else f"هیئت مدیره و {other}",
            lead=f"{other} در جلسهٔ امروز" if n % 2 else "",
            body=(f"در این جلسه {word} و {other} سخن گفتند.", f"بند دوم دربارهٔ {word}.")))
    return made


def results(store: Store) -> dict[str, list[tuple[int, str, tuple[tuple[int, int], ...]]]]:
    return {query: [(hit.headline.id, hit.snippet, hit.hits) for hit in store.search(query)]
            for query in QUERIES}


def fresh_results(tmp_path: Path, made: list[Article]) -> dict[str, object]:
    with Store(tmp_path / "fresh") as store:
        store.upsert_articles(made)
        return dict(results(store))


def catch_up(store: Store, limit: int) -> int:
    batches = 0
    while store.rekey_search_batch(limit):
        batches += 1
    return batches


def test_opening_an_old_cache_leaves_the_re_keying_for_later(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_old_cache(data, articles(30))
    with Store(data) as store:
        # Open did no keying: every article still holds its old keys, and is recorded so.
        assert len(store.search(STALE, limit=100)) == 30
        assert store.search_keys_pending() == 30
        # Meanwhile search works on the old keys.
        assert store.search("گزارش")


def test_after_the_catch_up_search_equals_a_fresh_index(tmp_path: Path) -> None:
    made = articles(60)
    expected = fresh_results(tmp_path, made)
    make_old_cache(tmp_path / "data", made)
    with Store(tmp_path / "data") as store:
        assert results(store) != expected
        assert catch_up(store, limit=7) == 60 // 7
        assert store.search_keys_pending() == 0
        assert results(store) == expected
        assert store.search(STALE) == []


def test_an_article_written_during_a_batch_keeps_its_writers_keys(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    make_old_cache(data, articles(5))
    with Store(data) as store:
        keys = rekey._keys
        keyed: list[str] = []
        rewritten = make_article(3, title="سرخط تازهٔ نوشته‌شده", body=("متن تازه",))

        def refresh_meanwhile(title: str, lead: str, blocks: str) -> tuple[str, str, str]:
            keyed.append(title)
            if len(keyed) == 3:
                # A refresh stores a new version of article 3 after the batch read it and
                # before the batch writes.
                store.upsert_articles([rewritten])
            return keys(title, lead, blocks)

        monkeypatch.setattr(rekey, "_keys", refresh_meanwhile)
        catch_up(store, limit=10)
        assert keyed[2].startswith("هیئت مدیره")  # article 3 as it was read
        assert [h.headline.id for h in store.search("سرخط تازه")] == [3]
        assert 3 not in {h.headline.id for h in store.search("مدیره")}
        store._cache.conn.execute(
            "INSERT INTO article_fts (article_fts) VALUES ('integrity-check')")


def test_the_readers_queries_do_not_wait_for_a_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    make_old_cache(data, articles(5))
    with Store(data) as store:
        unchanged = rekey._unchanged
        readers: list[threading.Thread] = []
        waited: list[bool] = []

        def read_meanwhile(conn: sqlite3.Connection, row: sqlite3.Row) -> bool:
            # Inside the batch's write transaction: the reader shows a page of headlines.
            if not readers:
                readers.append(threading.Thread(target=store.headlines))
                readers[0].start()
                readers[0].join(timeout=3)
                waited.append(readers[0].is_alive())
            return unchanged(conn, row)

        monkeypatch.setattr(rekey, "_unchanged", read_meanwhile)
        catch_up(store, limit=10)
        readers[0].join()
        assert waited == [False]


def test_a_new_cache_has_nothing_to_re_key(tmp_path: Path) -> None:
    with Store(tmp_path / "data") as store:
        store.upsert_articles(articles(3))
        assert store.search_keys_pending() == 0
        assert store.rekey_search_batch() is False
        assert store._rekeyer._own is None  # no second connection for nothing


@pytest.mark.slow
def test_kill_9_during_the_catch_up_then_it_finishes_later(tmp_path: Path) -> None:
    made = articles(400)
    expected = fresh_results(tmp_path, made)
    data = tmp_path / "data"
    make_old_cache(data, made)
    left = [400]
    for kill in range(4):
        child = subprocess.Popen([sys.executable, str(WORKER), "rekey", str(data), "4"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        for _ in range(3 + kill * 2):  # a few batches in, then kill it wherever it is
            assert child.stdout.readline().strip() == "batch"
        time.sleep(0.003 * kill)
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        with closing(sqlite3.connect(locations.cache_db(data))) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            conn.execute("INSERT INTO article_fts (article_fts) VALUES ('integrity-check')")
        with Store(data) as store:
            assert store.notices == []
            pending = store.search_keys_pending()
            assert 0 < pending < left[-1]
            # What was re-keyed is done: the old-key mark is on exactly the articles left.
            assert len(store.search(STALE, limit=500)) == pending
            left.append(pending)
    with Store(data) as store:
        catch_up(store, limit=50)
        assert results(store) == expected


def test_the_reader_re_keys_after_its_first_headlines_are_drawn(tmp_path: Path) -> None:
    from madara_tui.commands.reader import make_app
    from madara_tui.runtime import open_runtime

    data = tmp_path / "data"
    make_old_cache(data, articles(40))
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    args = Overrides(offline=True, data_dir=data, config_file=config, bidi="app")
    seen: list[bool] = []

    async def run() -> None:
        async with open_runtime(args) as runtime:
            store = runtime.store
            batch = store.rekey_search_batch

            def watched(limit: int = rekey.BATCH) -> bool:
                screen = app.screen
                shown = getattr(screen, "headline_list", None)
                seen.append(shown is not None and shown.cached(0) is not None)
                return batch(limit)

            store.rekey_search_batch = watched  # type: ignore[method-assign]
            app = make_app(runtime, env={"TERM": "dumb"}, terminal_write=lambda _d: None,
                           refresh_on_start=False)
            async with app.run_test(size=(100, 30)) as pilot:
                for _ in range(200):
                    await pilot.pause(0.05)
                    if await runtime.service.search_keys_pending() == 0:
                        break
                assert await runtime.service.search_keys_pending() == 0
                assert await runtime.service.search(STALE) == []

    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, run()).result()
    assert seen and all(seen), seen


def test_the_search_command_finishes_the_re_keying_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from madara_tui.cli import main
    from madara_tui.commands import search

    data = tmp_path / "data"
    made = articles(20)
    make_old_cache(data, made)
    monkeypatch.setattr(search, "SAY_REKEYING_FROM", 10)
    argv = ["--offline", "--data-dir", str(data), "--lang", "en", "search", "--json", STALE]
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(main, argv).result() == 0
    said = capsys.readouterr()
    assert "updating the search index of 20 cached articles first" in said.err
    assert '"results": []' in said.out
    with Store(data) as store:
        assert store.search_keys_pending() == 0
