"""Related news (the site's list, or computed from the cache) and retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from store_factory import SOURCE, make_article

from madara_tui.models import Comment, Related
from madara_tui.records import replace
from madara_tui.store import Store

WATER = [
    make_article(1, title="کاهش ذخایر سد کرج در تابستان", lead="ذخایر آب سد کرج به کمترین "
                 "میزان ده سال اخیر رسید.", categories=("محیط زیست",)),
    make_article(2, title="جیره‌بندی آب در تهران منتفی شد", lead="شرکت آب و فاضلاب از ذخایر "
                 "سد کرج و سد لار گزارش داد.", categories=("محیط زیست",)),
    make_article(3, title="بارش‌های پاییزی ذخایر سدها را بالا برد", lead="سد لار و سد کرج "
                 "پرآب‌تر شدند.", categories=("محیط زیست",)),
    make_article(4, title="سد کرج میزبان گردشگران شد", lead="گردشگری در اطراف سد کرج رونق "
                 "گرفت.", categories=("گردشگری",)),
    make_article(5, title="قیمت طلا در بازار تهران", lead="سکه گران شد.", categories=("اقتصاد",)),
    make_article(6, title="نمایشگاه کتاب تهران آغاز شد", lead="ناشران در نمایشگاه حاضرند.",
                 categories=("فرهنگ",)),
    make_article(7, title="برنامهٔ تازهٔ موزهٔ ملی", lead="موزه ساعت کار را تغییر داد.",
                 categories=("محیط زیست",)),
]


def test_site_list_is_returned_as_given(store: Store) -> None:
    given = (Related("خبر مرتبط", f"{SOURCE}/?p=5", article_id=5),)
    store.upsert_articles([*WATER, replace(WATER[0], related=given, complete=True)])
    assert store.related(SOURCE, 1) == list(given)


def test_site_items_linked_by_permalink_get_the_cached_id(store: Store) -> None:
    permalink = f"{SOURCE}/2026/11/dam-reserves/"
    given = (Related("ذخایر سد", permalink), Related("خبری که در آرشیو نیست",
                                                     f"{SOURCE}/2026/11/elsewhere/"))
    store.upsert_articles([
        replace(WATER[1], url=permalink),
        replace(WATER[0], related=given, complete=True),
    ])
    items = store.related(SOURCE, 1)
    assert [item.article_id for item in items] == [2, None]
    assert not any(item.computed for item in items)


def test_computed_related_prefers_similar_same_category(store: Store) -> None:
    store.upsert_articles(WATER)
    related = store.related(SOURCE, 1)
    assert related and all(r.computed for r in related)
    got = [r.article_id for r in related]
    assert 1 not in got
    assert len(got) <= 5
    # The similar same-category stories come first, then the similar one from another category.
    assert set(got[:2]) == {2, 3}
    assert got.index(4) > 1
    assert 5 not in got and 6 not in got
    first = related[0]
    assert first.url == f"{SOURCE}/?p={first.article_id}"
    assert first.title == WATER[first.article_id - 1].title  # type: ignore[operator]


def test_computed_related_tops_up_with_the_same_category(store: Store) -> None:
    store.upsert_articles(WATER)
    got = [r.article_id for r in store.related(SOURCE, 7)]  # shares no word with the others
    assert got and 7 not in got
    assert set(got) <= {1, 2, 3}


def test_related_of_unknown_or_lonely_article(store: Store) -> None:
    assert store.related(SOURCE, 404) == []
    store.upsert_articles([make_article(9, title="خبر تنها", categories=())])
    assert store.related(SOURCE, 9) == []


def _at(days_ago: float, id: int) -> object:
    published = datetime.now(UTC) - timedelta(days=days_ago)
    article = make_article(id, body=(f"متن خبر {id} دربارهٔ پالایشگاه",))
    return replace(article, published=published)


def test_prune_by_age_keeps_bookmarks_and_cleans_up(store: Store) -> None:
    store.upsert_articles([_at(40, 1), _at(35, 2), _at(3, 3), _at(1, 4)])  # type: ignore[list-item]
    store.replace_comments(SOURCE, 1, [Comment(1, 1, 0, "سارا", datetime.now(UTC), "عالی")])
    store.replace_comments(SOURCE, 2, [Comment(2, 2, 0, "سارا", datetime.now(UTC), "خوب")])
    store.set_bookmark(SOURCE, 2, True)
    assert store.prune(days=30) == 1
    assert [h.id for h in store.headlines()] == [4, 3, 2]
    assert store.comments(SOURCE, 1) == []
    assert len(store.comments(SOURCE, 2)) == 1
    assert {h.headline.id for h in store.search("پالایشگاه")} == {2, 3, 4}
    fts_rows = store._cache.query("SELECT count(*) FROM article_fts")[0][0]
    links = store._cache.query("SELECT count(*) FROM article_categories")[0][0]
    assert fts_rows == links == 3
    assert store.prune(days=30) == 0


def test_prune_by_count_keeps_the_newest_and_bookmarks(store: Store) -> None:
    store.upsert_articles([make_article(i) for i in range(1, 11)])
    store.set_bookmark(SOURCE, 2, True)
    assert store.prune(count=4) == 5
    assert [h.id for h in store.headlines()] == [10, 9, 8, 7, 2]
    assert store.prune(days=None, count=None) == 0
    assert store.prune(count=0) == 4
    assert [h.id for h in store.headlines()] == [2]
    # The bookmark is user data: removing it makes the article prunable.
    store.set_bookmark(SOURCE, 2, False)
    assert store.prune(count=0) == 1
    assert store.count_headlines() == 0
