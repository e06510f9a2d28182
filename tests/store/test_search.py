"""Search: normalized matching (ي/ی, ZWNJ, digit kinds), prefixes, ranking, snippets whose spans
point at the original text, filters, and hostile input."""

from __future__ import annotations

import pytest
from store_factory import SOURCE, make_article

from madara_tui.models import SearchHit
from madara_tui.store import Store
from madara_tui.store.search import make_snippet

BUDGET = make_article(
    1,
    title="لایحهٔ بودجهٔ ۱۴۰۳ به مجلس رسید",
    lead="دولت می‌گوید این بودجه تورم را مهار می‌کند.",
    body=(
        "کارشناسان اقتصادی می‌گویند کسری بودجه در سال ۱۴۰۳ بیشتر می‌شود.",
        "نمایندگان کمیسیون تلفیق جلسه‌ای فوق‌العاده برگزار کردند.",
    ),
    categories=("اقتصاد",),
)
LIBRARY = make_article(
    2,
    title="کتابخانهٔ مرکزی شهر نوسازی شد",
    lead="ساعت کار کتابخانه از شنبه تا ساعت ٢٢ افزایش یافت.",
    body=("کتابداران مي‌گويند شمار اعضا در سال ١٤٠٣ دو برابر شده است.",),
    categories=("فرهنگ",),
)
MATCH = make_article(
    3,
    title="تیم ملی فوتبال برای دیدار با ازبکستان آماده می‌شود",
    lead="سرمربی فهرست نهایی را اعلام کرد؛ بازی در سال 1403 برگزار میشود.",
    body=("بلیت‌فروشی از فردا آغاز می‌شود.",),
    categories=("ورزش",),
)


@pytest.fixture
def news(store: Store) -> Store:
    store.upsert_articles([BUDGET, LIBRARY, MATCH])
    return store


def found(hits: list[SearchHit]) -> set[int]:
    return {hit.headline.id for hit in hits}


def highlighted(hit: SearchHit) -> list[str]:
    return [hit.snippet[start:end] for start, end in hit.hits]


def test_arabic_yeh_and_kaf_find_persian_letters(news: Store) -> None:
    assert found(news.search("كتابخانه")) == {2}
    assert found(news.search("ملي ")) == {3}  # trailing space: whole word ملی
    # The library article itself is written with Arabic ي; a Persian query finds it.
    assert found(news.search("می‌گویند کتابداران")) == {2}


def test_zwnj_and_no_zwnj_find_each_other(news: Store) -> None:
    assert found(news.search("میشود ")) == {1, 3}
    assert found(news.search("می‌شود ")) == {1, 3}
    hit = next(h for h in news.search("میشود ") if h.headline.id == 1)
    assert highlighted(hit) == ["می‌شود"]


def test_every_digit_kind_matches(news: Store) -> None:
    for query in ("۱۴۰۳", "1403", "١٤٠٣"):
        assert found(news.search(query + " ")) == {1, 2, 3}, query
    hit = next(h for h in news.search("1403 ") if h.headline.id == 2)
    assert highlighted(hit) == ["١٤٠٣"]


def test_words_are_anded_and_the_last_is_a_prefix(news: Store) -> None:
    assert found(news.search("بودجه سال")) == {1}
    assert found(news.search("کتاب")) == {2}  # prefix of کتابخانه / کتابداران
    assert found(news.search("کتاب ")) == set()  # a finished word must match whole
    assert found(news.search("بودجه فوتبال")) == set()


def test_title_outranks_body(store: Store) -> None:
    in_title = make_article(10, title="سد کرج در آستانهٔ خشکی", lead="گزارشی از منابع آب",
                            body=("آب پشت سد کم شده است.",))
    in_body = make_article(11, title="جلسهٔ شورای شهر", lead="دستور کار جلسه",
                           body=("یکی از موضوعات جلسه وضع سد کرج بود.",) + ("متن",) * 5)
    store.upsert_articles([in_body, in_title])
    hits = store.search("کرج ")
    assert [h.headline.id for h in hits] == [10, 11]
    assert hits[0].rank > hits[1].rank


def test_snippet_quotes_original_text_with_spans_on_the_hits(news: Store) -> None:
    (hit,) = news.search("كسري بودجه")
    assert "کسری بودجه" in hit.snippet
    assert highlighted(hit) == ["بودجه", "کسری", "بودجه"]
    assert "\n" not in hit.snippet
    for start, end in hit.hits:
        assert 0 <= start < end <= len(hit.snippet)


def test_snippet_from_title_when_only_the_title_matches(news: Store) -> None:
    (hit,) = news.search("ازبکستان")
    assert hit.snippet == MATCH.title
    assert highlighted(hit) == ["ازبکستان"]


def test_long_text_snippet_is_cut_around_the_hit() -> None:
    words = ["واژه"] * 80 + ["نشانه"] + ["واژه"] * 80
    text = " ".join(words)
    start = text.index("نشانه")
    snippet, spans = make_snippet(text, [(start, start + 5)])
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) <= 170
    assert [snippet[s:e] for s, e in spans] == ["نشانه"]


def test_filters(news: Store) -> None:
    assert found(news.search("1403", category="فرهنگ")) == {2}
    news.mark_read(SOURCE, 1)
    news.set_bookmark(SOURCE, 3, True)
    assert found(news.search("1403", unread=True)) == {2, 3}
    assert found(news.search("1403", bookmarked=True)) == {3}
    assert [h.headline.bookmarked for h in news.search("ازبکستان")] == [True]
    assert found(news.search("1403", source="http://127.0.0.1:1")) == set()
    assert len(news.search("1403", limit=2)) == 2
    assert news.search("1403", limit=0) == []


@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "**", "AND", "OR", "NOT", "NEAR(", "NEAR(بودجه", "^", "^بودجه", "بودجه AND",
     "(", ")", ":", "title:بودجه", "-", "+", "{title}: x", "'", "\\", "\x00", "   ", "",
     'بودجه" OR "', "بودجه*", "*بودجه", "بودجه ^ مجلس", "«بودجه»", "؟"],
)
def test_hostile_input_never_breaks_the_query(news: Store, query: str) -> None:
    hits = news.search(query)
    assert isinstance(hits, list)
    # Operators are plain words here: only queries whose other characters are punctuation
    # reduce to the one word بودجه.
    if query in ("^بودجه", "بودجه*", "*بودجه", "«بودجه»"):
        assert found(hits) == {1}
    if query in ("NEAR(بودجه", "بودجه AND", "title:بودجه"):
        assert found(hits) == set()  # "near", "and", "title" are words no article has


def test_search_after_delete_and_update_stays_in_sync(news: Store) -> None:
    news.upsert_articles([make_article(2, title="کتابخانه بسته شد", body=("تعمیر سقف",))])
    (hit,) = news.search("کتابخانه بسته")
    assert hit.headline.title == "کتابخانه بسته شد"
    assert found(news.search("کتابداران")) == set()


def test_hit_spans_cover_marks_zwnj_and_presentation_forms() -> None:
    from madara_tui.store.search import find_hits, parse_query

    text = "سرانجام خانهٔ فرهنگ و كتابخانه‌ها، «Café» و ﻻله‌زار ۱۴۰۳/۱۱/۰۳ باز شد."
    query = parse_query("خانه كتابخانهها cafe لاله 1403 ")
    assert query is not None
    spans = find_hits(text, query)
    assert [text[s:e] for s, e in spans] == ["خانهٔ", "كتابخانه‌ها", "Café", "۱۴۰۳"]
    prefix = parse_query("لاله")
    assert prefix is not None
    assert [text[s:e] for s, e in find_hits(text, prefix)] == ["ﻻله‌زار"]


def test_index_key_gives_the_same_tokens_as_the_whole_text_key() -> None:
    from madara_tui.store.search import index_key
    from madara_tui.text import search_key

    text = "  كتابخانهٔ  مركزي\n\tمی‌شود ۱۴۰۳ ١٤٠٣  Café ﻻله‌زار ـ  اصطلاحاً \u00a0 پایان "
    assert index_key(text).split() == search_key(text).split()
