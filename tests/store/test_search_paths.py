"""Search's shortcuts give the results of the long way: the phrase test skipped when every match
holds the phrase, and the per-query memo of which snippet words are hits."""

from __future__ import annotations

import pytest
from store_factory import make_article

from madara_tui.models import SearchHit
from madara_tui.store import Store
from madara_tui.store import search as search_module

TOGETHER = [
    make_article(10 + n, title=f"خبر شمارهٔ {n} از شهر",
                 lead="کتابخانهٔ سیار به روستا رسید" if n % 2 else "",
                 body=("گزارش روز: " + "کتابخانهٔ سیار " * (n + 1) + "در محله‌ها می‌گردد.",),
                 categories=("فرهنگ" if n % 3 else "جامعه",))
    for n in range(8)
]
APART = make_article(30, title="سیار و ثابت", body=("کتابخانه بسته بود و کتابدار سیار شد.",))


def shown(hits: list[SearchHit]) -> list[tuple[int, str, tuple[tuple[int, int], ...], float]]:
    return [(h.headline.id, h.snippet, h.hits, h.rank) for h in hits]


def the_long_way(store: Store, monkeypatch: pytest.MonkeyPatch, text: str,
                 category: str | None = None) -> list[SearchHit]:
    """The search with every match tested against the phrase."""
    with monkeypatch.context() as patch:
        patch.setattr(search_module, "_phrase_everywhere", lambda *_: False)
        return store.search(text, category=category)


def test_when_every_match_holds_the_phrase_the_results_are_those_of_the_phrase_test(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.upsert_articles(TOGETHER)
    query = search_module.parse_query("کتابخانهٔ سیار")
    assert query is not None and query.phrase is not None
    with store._cache.read() as conn:  # the shortcut is taken here
        assert search_module._phrase_everywhere(conn, query.fts, query.phrase)
    for typed in ("کتابخانهٔ سیار", "کتابخانه سیا", "کتابخانهٔ سیار "):
        quick = store.search(typed)
        assert len(quick) == len(TOGETHER)
        assert shown(quick) == shown(the_long_way(store, monkeypatch, typed)), typed
    assert shown(store.search("کتابخانهٔ سیار", category="فرهنگ")) == shown(
        the_long_way(store, monkeypatch, "کتابخانهٔ سیار", category="فرهنگ"))


def test_one_match_without_the_phrase_keeps_the_phrase_test(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.upsert_articles([*TOGETHER, APART])
    query = search_module.parse_query("کتابخانه سیار")
    assert query is not None and query.phrase is not None
    with store._cache.read() as conn:
        assert not search_module._phrase_everywhere(conn, query.fts, query.phrase)
    hits = store.search("کتابخانه سیار")
    assert [h.headline.id for h in hits][-1] == 30  # the loose match ranks last
    assert shown(hits) == shown(the_long_way(store, monkeypatch, "کتابخانه سیار"))


def test_the_hit_memo_keeps_queries_apart(store: Store) -> None:
    store.upsert_articles([make_article(40, title="کتابخانهٔ مرکزی",
                                        body=("کتاب تازه در کتابخانه رسید.",))])
    # As a prefix «کتاب» marks both words; as a whole word only «کتاب».
    (prefix,) = store.search("کتاب")
    (whole,) = store.search("کتاب ")
    assert [prefix.snippet[a:b] for a, b in prefix.hits] == ["کتاب", "کتابخانه"]
    assert [whole.snippet[a:b] for a, b in whole.hits] == ["کتاب"]
    (again,) = store.search("کتاب")
    assert again.hits == prefix.hits
