"""Search as people type: a space, a half-space or nothing between a word and its prefix or
suffix; hamza spellings; ھ; and the exact phrase ranked first."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_factory import make_article, make_old_cache

from madara_tui.models import SearchHit
from madara_tui.store import Store


def ids(hits: list[SearchHit]) -> set[int]:
    return {hit.headline.id for hit in hits}


def marked(hit: SearchHit) -> list[str]:
    return [hit.snippet[start:end] for start, end in hit.hits]


# Each group: the same word written three ways, one article per spelling.
GROUPS = [
    ("می‌شود", "می شود", "میشود"),
    ("تفاهم‌نامه", "تفاهم نامه", "تفاهمنامه"),
    ("بین‌المللی", "بین المللی", "بینالمللی"),
    ("کتاب‌ها", "کتاب ها", "کتابها"),
    ("نمی‌دانم", "نمی دانم", "نمیدانم"),
    ("مسئول", "مسؤول", "مسوول"),
    ("هیئت", "هیأت", "هیات"),
]


def _body(word: str) -> tuple[str, ...]:
    return (f"در گزارش امروز واژهٔ {word} در میان جمله آمده است.",)


@pytest.fixture
def spelled(store: Store) -> Store:
    articles = []
    for group_index, group in enumerate(GROUPS):
        for spelling_index, word in enumerate(group):
            articles.append(make_article(100 * (group_index + 1) + spelling_index,
                                         title=f"خبر شمارهٔ {group_index}{spelling_index}",
                                         body=_body(word)))
    articles.append(make_article(900, title="ھمایش سالانه", body=("همایش دوم هم برگزار شد.",)))
    store.upsert_articles(articles)
    return store


@pytest.mark.parametrize("group_index", range(len(GROUPS)))
def test_every_spelling_finds_every_spelling(spelled: Store, group_index: int) -> None:
    group = GROUPS[group_index]
    wanted = {100 * (group_index + 1) + n for n in range(len(group))}
    for query in group:
        for typed in (query, query + " "):  # still typing, and a finished word
            assert ids(spelled.search(typed)) == wanted, typed


def test_the_matched_spelling_is_highlighted(spelled: Store) -> None:
    hit = next(h for h in spelled.search("می شود ") if h.headline.id == 100)
    assert marked(hit) == ["می‌شود"]
    split = next(h for h in spelled.search("میشود ") if h.headline.id == 101)
    assert marked(split) == ["می", "شود"]
    hamza = next(h for h in spelled.search("مسوول ") if h.headline.id == 600)
    assert marked(hamza) == ["مسئول"]


def test_heh_doachashmee_is_heh(spelled: Store) -> None:
    assert ids(spelled.search("همایش ")) == {900}
    assert ids(spelled.search("ھمایش ")) == {900}


def test_a_finished_stem_matches_only_where_it_stands_as_a_word(spelled: Store) -> None:
    assert ids(spelled.search("کتاب ")) == {401}  # «کتاب ها»: not the joined spellings


def test_the_exact_phrase_ranks_above_looser_matches(store: Store) -> None:
    loose = make_article(1, title="شهریور و ۱۲ ماه دیگر",
                         lead="۱۲ نشست در شهریور، ۱۲ نشست در مهر", hours=10,
                         body=("شهریور امسال ۱۲ رویداد داشت؛ شهریور پارسال ۱۲ رویداد.",))
    exact = make_article(2, title="برنامهٔ فرهنگی شهر", hours=1,
                         body=("جشنواره از ۱۲ شهریور آغاز می‌شود.",))
    store.upsert_articles([loose, exact])
    for typed in ("۱۲ شهریور", "۱۲ شهریور ", "12 شهر"):
        assert [h.headline.id for h in store.search(typed)] == [2, 1], typed


def test_a_cache_keyed_by_the_old_rules_is_re_keyed_after_opening(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_old_cache(data, [make_article(7, title="گزارش هیئت مدیره", body=_body("مسئول"))])
    with Store(data) as store:
        assert store.search_keys_pending() == 1
        while store.rekey_search_batch():
            pass
        assert store.search_keys_pending() == 0
        assert ids(store.search("هیات ")) == {7}
        assert ids(store.search("مسوول ")) == {7}
