"""Articles in the cache: round trip, change detection, merge of page-only fields, categories,
comments and HTTP validators."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from store_factory import BASE_TIME, SOURCE, make_article

from madara_tui import locations
from madara_tui.models import (
    Article,
    Block,
    BlockKind,
    Category,
    Comment,
    CommentForm,
    Link,
    Related,
    UpsertStats,
)
from madara_tui.records import replace
from madara_tui.store import Store, StoreError


def full_article(id: int = 331201) -> Article:
    """An article with every field set, as read from its page."""
    return replace(
        make_article(id, title="بازگشایی پل تاریخی خواجو پس از مرمت",
                     lead="پل خواجو پس از هشت ماه مرمت دوباره به روی مردم باز شد.",
                     categories=("فرهنگ", "میراث")),
        blocks=(
            Block(BlockKind.HEADING, "گزارش مرمت", level=3),
            Block(BlockKind.PARAGRAPH, "مرمتگران سنگ‌فرش را عوض کردند.",
                  links=(Link(0, 8, "https://example.org/a"),)),
            Block(BlockKind.LIST_ITEM, "نورپردازی تازه", level=1, ordered=True),
            Block(BlockKind.IMAGE, "نمای پل", src="https://example.org/p.jpg"),
        ),
        code=str(id),
        author="تحریریه",
        modified=BASE_TIME + timedelta(days=1),
        comments_open=False,
        related=(Related("خبر پیشین", f"{SOURCE}/?p=2", "خلاصه", 2),),
        form=CommentForm(f"{SOURCE}/wp-comments-post.php", id, (("_wpnonce", "abc"),),
                         frozenset({"comment", "author"})),
        complete=True,
    )


def data_version(data_dir: Path) -> int:
    """The cache's data_version as another connection sees it (changes on every commit that
    writes)."""
    with closing(sqlite3.connect(locations.cache_db(data_dir))) as conn:
        return int(conn.execute("PRAGMA data_version").fetchone()[0])


def test_every_field_survives_the_round_trip(store: Store) -> None:
    article = full_article()
    assert store.upsert_articles([article]) == UpsertStats(new=1)
    assert store.article(SOURCE, article.id) == article
    assert store.find_article(article.id) == article
    assert store.article(SOURCE, 999) is None
    assert store.article("http://127.0.0.1:9", article.id) is None


def test_second_identical_upsert_writes_nothing(store: Store, tmp_path: Path) -> None:
    articles = [make_article(i, lead="خلاصهٔ خبر", body=("متن",)) for i in range(1, 51)]
    assert store.upsert_articles(articles) == UpsertStats(new=50)
    conn = store._cache.conn  # the store's own connection: total_changes counts its writes
    changes = conn.total_changes
    with closing(sqlite3.connect(locations.cache_db(store.data_dir))) as watcher:
        before = watcher.execute("PRAGMA data_version").fetchone()[0]
        assert store.upsert_articles(articles) == UpsertStats(unchanged=50)
        after = watcher.execute("PRAGMA data_version").fetchone()[0]
    assert conn.total_changes == changes
    assert before == after


def test_changed_article_is_updated_and_reindexed(store: Store) -> None:
    store.upsert_articles([make_article(1, title="قیمت نان ثابت ماند")])
    stats = store.upsert_articles([make_article(1, title="قیمت نان افزایش یافت"),
                                   make_article(2)])
    assert stats == UpsertStats(new=1, updated=1)
    assert store.article(SOURCE, 1).title == "قیمت نان افزایش یافت"  # type: ignore[union-attr]
    assert [h.headline.id for h in store.search("افزایش")] == [1]
    assert store.search("ثابت") == []


def test_complete_article_keeps_page_fields_when_the_feed_version_returns(store: Store) -> None:
    page = full_article()
    store.upsert_articles([page])
    listing = replace(page, code="", related=(), form=None, complete=False, blocks=(),
                      author="", title="بازگشایی پل خواجو")
    assert store.upsert_articles([listing]) == UpsertStats(updated=1)
    merged = store.article(SOURCE, page.id)
    assert merged is not None
    assert merged.title == "بازگشایی پل خواجو"
    assert (merged.code, merged.related, merged.form, merged.complete) == (
        page.code, page.related, page.form, True)
    assert merged.blocks == page.blocks
    # The same short version again changes nothing.
    assert store.upsert_articles([listing]) == UpsertStats(unchanged=1)


def test_batch_with_duplicates_and_empty_batch(store: Store) -> None:
    assert store.upsert_articles([]) == UpsertStats()
    first = make_article(5, title="نخست")
    second = make_article(5, title="دوم")
    assert store.upsert_articles([first, second]) == UpsertStats(new=1, updated=1)
    assert store.count_headlines() == 1


def test_same_id_from_two_sources_are_two_articles(store: Store) -> None:
    other = "http://127.0.0.1:9090/feed/"
    store.upsert_articles([make_article(7), make_article(7, source=other, title="از خوراک")])
    assert store.count_headlines() == 2
    assert store.article(other, 7).title == "از خوراک"  # type: ignore[union-attr]
    assert store.count_headlines(source=other) == 1


def test_categories_upsert_and_list(store: Store) -> None:
    cats = [Category(3, "ورزش", "sport", 12), Category(2, "اقتصاد", "economy", 40)]
    store.upsert_categories(SOURCE, cats)
    store.upsert_categories("http://127.0.0.1:9", [Category(8, "ورزش", "varzesh")])
    assert store.categories(SOURCE) == sorted(cats, key=lambda c: c.name)
    assert [c.name for c in store.categories()] == ["اقتصاد", "ورزش"]
    changes = store._cache.conn.total_changes
    store.upsert_categories(SOURCE, cats)
    assert store._cache.conn.total_changes == changes
    store.upsert_categories(SOURCE, [Category(3, "ورزش", "sport", 13)])
    assert store.categories(SOURCE)[1].count == 13


def test_comments_replace_and_read(store: Store) -> None:
    store.upsert_articles([make_article(1)])
    comments = [
        Comment(11, 1, 0, "مریم", BASE_TIME + timedelta(minutes=5), "گزارش خوبی بود"),
        Comment(10, 1, 0, "علی", BASE_TIME, "ممنون", "https://example.com"),
        Comment(12, 1, 10, "رضا", BASE_TIME + timedelta(minutes=9), "موافقم"),
    ]
    store.replace_comments(SOURCE, 1, comments)
    assert [c.id for c in store.comments(SOURCE, 1)] == [10, 11, 12]
    assert store.comments(SOURCE, 1)[0] == comments[1]
    store.replace_comments(SOURCE, 1, comments[:1])
    assert [c.id for c in store.comments(SOURCE, 1)] == [11]
    assert store.comments(SOURCE, 2) == []


def test_validators(store: Store) -> None:
    url = f"{SOURCE}/wp-json/wp/v2/posts"
    assert store.get_validators(url) == (None, None)
    store.put_validators(url, '"abc"', "Wed, 22 Jan 2025 05:45:00 GMT")
    assert store.get_validators(url) == ('"abc"', "Wed, 22 Jan 2025 05:45:00 GMT")
    store.put_validators(url, None, "Thu, 23 Jan 2025 05:45:00 GMT")
    assert store.get_validators(url) == (None, "Thu, 23 Jan 2025 05:45:00 GMT")
    store.put_validators(url, None, None)
    assert store.get_validators(url) == (None, None)


def test_data_survives_reopen(tmp_path: Path) -> None:
    with Store(tmp_path) as first:
        first.upsert_articles([full_article()])
        assert first.notices == []
    with Store(tmp_path) as second:
        assert second.article(SOURCE, 331201) == full_article()
        assert second.notices == []
    assert data_version(tmp_path) >= 1


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    with Store(tmp_path):
        pass
    with closing(sqlite3.connect(locations.user_db(tmp_path))) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer"):
        Store(tmp_path)
