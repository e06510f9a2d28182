"""The headline list: pages newest first, filters, counts, and a 100k cache read by index."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_factory import SOURCE, make_article

from madara_tui.store import Store
from madara_tui.store.cache import DISTINCT_CATEGORY_NAMES
from madara_tui.store.queries import Filters, headline_query

OTHER = "http://127.0.0.1:9090/feed/"


@pytest.fixture
def filled(store: Store) -> Store:
    """30 articles: odd ids in اقتصاد (even in ورزش), ids 25–30 from another source,
    id 3 also listed under سیاست; ids 10 and 11 share a publication time."""
    articles = [
        make_article(
            i,
            categories=("اقتصاد",) if i % 2 else ("ورزش",),
            source=OTHER if i >= 25 else SOURCE,
            hours=10 if i == 11 else None,
        )
        for i in range(1, 31)
    ]
    articles[2] = make_article(3, categories=("اقتصاد", "سیاست"))
    store.upsert_articles(articles)
    return store


def ids(headlines: list) -> list[int]:  # type: ignore[type-arg]
    return [h.id for h in headlines]


def test_pages_are_newest_first_and_ties_break_by_id(filled: Store) -> None:
    first = filled.headlines(limit=12)
    assert ids(first) == [30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19]
    rest = filled.headlines(offset=12, limit=100)
    assert ids(first + rest) == [*range(30, 11, -1), 11, 10, *range(9, 0, -1)]
    assert filled.headlines(offset=30) == []
    assert filled.count_headlines() == 30


def test_category_filter_includes_secondary_categories(filled: Store) -> None:
    assert ids(filled.headlines(category="سیاست")) == [3]
    economy = filled.headlines(category="اقتصاد", limit=5)
    assert ids(economy) == [29, 27, 25, 23, 21]
    assert all(h.category == "اقتصاد" for h in economy)
    assert filled.count_headlines(category="اقتصاد") == 15
    assert filled.count_headlines(category="نیست") == 0


def test_unread_and_bookmarked_filters_read_the_user_database(filled: Store) -> None:
    for i in (30, 29, 5):
        filled.mark_read(SOURCE if i < 25 else OTHER, i)
    filled.set_bookmark(SOURCE, 7, True)
    filled.set_bookmark(OTHER, 26, True)
    unread = filled.headlines(unread=True, limit=3)
    assert ids(unread) == [28, 27, 26]
    assert filled.count_headlines(unread=True) == 27
    marked = filled.headlines(bookmarked=True)
    assert ids(marked) == [26, 7]
    assert all(h.bookmarked and not h.read for h in marked)
    assert filled.headlines(limit=1)[0].read
    assert filled.count_headlines(bookmarked=True, category="اقتصاد") == 1
    assert ids(filled.headlines(bookmarked=True, source=SOURCE)) == [7]
    filled.mark_read(SOURCE, 5, read=False)
    assert filled.count_headlines(unread=True) == 28
    filled.set_bookmark(SOURCE, 7, False)
    assert ids(filled.headlines(bookmarked=True)) == [26]


def test_source_filter(filled: Store) -> None:
    assert ids(filled.headlines(source=OTHER)) == [30, 29, 28, 27, 26, 25]
    assert filled.count_headlines(source=SOURCE, category="ورزش") == 12


@pytest.mark.slow
def test_row_90000_of_100k_comes_from_the_index(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        batch: list = []  # type: ignore[type-arg]
        for i in range(1, 100_001):
            batch.append(make_article(i, title=f"عنوان {i}", categories=("اقتصاد",)))
            if len(batch) == 10_000:
                store.upsert_articles(batch)
                batch.clear()
        assert store.count_headlines() == 100_000
        page = store.headlines(offset=90_000, limit=20)
        assert ids(page) == list(range(10_000, 9_980, -1))
        assert page[0].title == "عنوان 10000"
        for filters in (Filters(), Filters(unread=True), Filters(source=SOURCE)):
            sql, params = headline_query(filters, 90_000, 20)
            plan = " | ".join(
                str(row[3]) for row in store._cache.query(f"EXPLAIN QUERY PLAN {sql}", params)
            )
            assert "USING INDEX articles_by" in plan or "USING COVERING INDEX" in plan, plan
            assert "TEMP B-TREE" not in plan, plan


def test_the_categories_in_use_are_read_by_index_steps(filled: Store) -> None:
    # The first headline screen waits for these names: they are found one primary-key step per
    # name, never by reading every article's categories.
    assert filled.category_names_in_use() == {"اقتصاد", "ورزش", "سیاست"}
    filled.upsert_articles([make_article(31, categories=("ورزش", "Tech", "آ", "ی"))])
    assert filled.category_names_in_use() == {"اقتصاد", "ورزش", "سیاست", "Tech", "آ", "ی"}
    with filled._cache.read() as conn:
        plan = " ".join(str(row[-1]) for row in conn.execute(
            "EXPLAIN QUERY PLAN " + DISTINCT_CATEGORY_NAMES))
    assert "SCAN article_categories" not in plan, plan


def test_no_category_in_use_in_an_empty_cache(store: Store) -> None:
    assert store.category_names_in_use() == set()
