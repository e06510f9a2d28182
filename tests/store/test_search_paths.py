"""Search's shortcuts give the results of the long way: the spellings the index does not hold left
out of the query, the phrase test skipped when every match holds the phrase, the snippets' hit
memo. "The long way" is the search as it was before them: every spelling in the FTS5 query and
every match tested against the phrase, in one statement."""

from __future__ import annotations

import random
import re
from html import unescape

import pytest
from store_factory import make_article

from madara_tui.demo.generate import generate_content
from madara_tui.models import Article, Block, BlockKind, SearchHit
from madara_tui.records import replace
from madara_tui.store import Store, ranking
from madara_tui.store import search as search_module
from madara_tui.store.codec import blocks_from_json, body_text, body_text_from_json
from madara_tui.store.queries import HEADLINE_COLUMNS, Filters
from madara_tui.store.search_query import indexed, parse_query

Shown = list[tuple[int, bool, str, tuple[tuple[int, int], ...], float]]


def shown(hits: list[SearchHit]) -> Shown:
    return [(h.headline.id, h.headline.read, h.snippet, h.hits, h.rank) for h in hits]


NO_FILTERS = Filters()


def the_long_way(store: Store, text: str, filters: Filters = NO_FILTERS, limit: int = 50) -> Shown:
    """The search before the shortcuts, statement for statement."""
    query = parse_query(text)
    if query is None:
        return []
    where, params = filters.where()
    score = "bm25(article_fts, 10.0, 4.0, 1.0)"
    phrase_params: list[object] = []
    exact = "0"
    if query.phrase is not None:
        exact = ("(article_fts.rowid IN (SELECT rowid FROM article_fts "
                 "WHERE article_fts MATCH ?))")
        phrase_params = [query.phrase]
    if where == "1":
        ranked = (f"SELECT rowid AS pk, {score} AS score, {exact} AS phrase FROM article_fts "
                  "WHERE article_fts MATCH ? ORDER BY phrase DESC, score LIMIT ?")
    else:
        ranked = (f"SELECT a.pk AS pk, {score} AS score, {exact} AS phrase "
                  "FROM article_fts JOIN articles a ON a.pk = article_fts.rowid "
                  f"WHERE article_fts MATCH ? AND {where} ORDER BY phrase DESC, score LIMIT ?")
    sql = (f"WITH ranked AS ({ranked}) "
           f"SELECT {HEADLINE_COLUMNS}, a.lead, a.blocks, ranked.score AS score "
           "FROM ranked JOIN articles a ON a.pk = ranked.pk "
           "ORDER BY ranked.phrase DESC, ranked.score, ranked.pk")
    with store._cache.read() as conn:
        rows = conn.execute(sql, [*phrase_params, query.fts, *params, limit]).fetchall()
    out: Shown = []
    for row in rows:
        body = body_text(blocks_from_json(row["blocks"]))
        snippet, spans = search_module.snippet_for(row["title"], row["lead"], body, query)
        out.append((row["id"], bool(row["read"]), snippet, spans, -row["score"]))
    return out


TOGETHER = [
    make_article(10 + n, title=f"خبر شمارهٔ {n} از شهر",
                 lead="کتابخانهٔ سیار به روستا رسید" if n % 2 else "",
                 body=("گزارش روز: " + "کتابخانهٔ سیار " * (n + 1) + "در محله‌ها می‌گردد.",),
                 categories=("فرهنگ" if n % 3 else "جامعه",))
    for n in range(8)
]
APART = make_article(30, title="سیار و ثابت", body=("کتابخانه بسته بود و کتابدار سیار شد.",))
HAMZA = [
    make_article(40, title="مسئول کتابخانه", body=("مسئول تازهٔ کتابخانهٔ سیار آمد.",)),
    make_article(41, title="مسئولیت شهر", body=("مسوول و مسیول و مسئول در سه متن.",)),
    make_article(42, title="رئیس شورا", body=("رئیس شورا و رییس انجمن دیدار کردند.",)),
]
TWINS = [make_article(50 + n, title="دوقلوی یکسان", body=("متن یکسان دوقلو.",), hours=5.0)
         for n in range(6)]
"""Six articles with the same text: equal scores, so the order among them is the older row's."""


def test_when_every_match_holds_the_phrase_the_results_are_those_of_the_long_way(
        store: Store) -> None:
    store.upsert_articles(TOGETHER)
    query = parse_query("کتابخانهٔ سیار")
    assert query is not None and query.phrase is not None
    with store._cache.read() as conn:  # the shortcut is taken here
        assert ranking._phrase_everywhere(conn, query.fts, query.phrase)
    for typed in ("کتابخانهٔ سیار", "کتابخانه سیا", "کتابخانهٔ سیار "):
        quick = store.search(typed)
        assert len(quick) == len(TOGETHER)
        assert shown(quick) == the_long_way(store, typed), typed
    assert shown(store.search("کتابخانهٔ سیار", category="فرهنگ")) == the_long_way(
        store, "کتابخانهٔ سیار", Filters(category="فرهنگ"))


def test_one_match_without_the_phrase_keeps_the_phrase_test(store: Store) -> None:
    store.upsert_articles([*TOGETHER, APART])
    query = parse_query("کتابخانه سیار")
    assert query is not None and query.phrase is not None
    with store._cache.read() as conn:
        assert not ranking._phrase_everywhere(conn, query.fts, query.phrase)
    hits = store.search("کتابخانه سیار")
    assert [h.headline.id for h in hits][-1] == 30  # the loose match ranks last
    assert shown(hits) == the_long_way(store, "کتابخانه سیار")
    # Fewer places than phrase matches: the loose match is left out, as it was.
    assert shown(store.search("کتابخانه سیار", limit=3)) == the_long_way(
        store, "کتابخانه سیار", limit=3)


def test_spellings_the_index_lacks_leave_the_query_and_nothing_else_changes(
        store: Store) -> None:
    store.upsert_articles([*TOGETHER, *HAMZA])
    full = parse_query("مسئول کتابخانه")
    assert full is not None
    with store._cache.read() as conn:
        narrowed = indexed(conn, full)
    # کتابخانه has two hamza-seat spellings no article holds; of مسئول's, مسوول and مسیول are
    # held (HAMZA[1]) and مساول is not.
    assert len(full.spellings[1]) == 3 and narrowed.spellings[1] == full.spellings[1][:1]
    assert ("مساول",) in full.spellings[0]
    assert narrowed.spellings[0] == tuple(f for f in full.spellings[0] if f != ("مساول",))
    assert narrowed.fts != full.fts and (narrowed.exact, narrowed.prefixes, narrowed.phrase) == (
        full.exact, full.prefixes, full.phrase)
    for typed in ("مسئول کتابخانه", "مسئول کتاب", "رئیس", "رییس شورا ", "مسئول", "کتابخانهٔ سی"):
        assert shown(store.search(typed)) == the_long_way(store, typed), typed
    # A query no spelling of which is held finds nothing, as before.
    assert store.search("ققنوس سیار") == [] and the_long_way(store, "ققنوس سیار") == []


def test_equal_scores_keep_the_older_row_first_at_the_cut(store: Store) -> None:
    store.upsert_articles([*TWINS, *TOGETHER])
    for limit in (1, 3, 5):
        hits = store.search("دوقلوی یکسان", limit=limit)
        assert [h.headline.id for h in hits] == [50 + n for n in range(limit)]
        assert shown(hits) == the_long_way(store, "دوقلوی یکسان", limit=limit)


_BLOCK = re.compile(r"<(p|h3|li)>(.*?)</\1>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def demo_articles(n: int) -> list[Article]:
    """The demo site's generated articles as the client stores them (plain-text blocks)."""
    site = generate_content(n, seed=4)
    articles = []
    for item in site.articles:
        blocks = tuple(Block(BlockKind.PARAGRAPH, unescape(_TAGS.sub("", inner)).strip())
                       for _, inner in _BLOCK.findall("\n".join(site.body(item))))
        articles.append(Article(
            id=item.id, source="http://127.0.0.1:8080", url=f"http://127.0.0.1:8080/?p={item.id}",
            title=item.title, published=item.date, lead=site.lead(item), blocks=blocks,
            categories=(site.category_of(item).name,)))
    return articles


@pytest.mark.slow
def test_on_the_demo_sites_articles_every_search_gives_what_the_long_way_gave(
        store: Store) -> None:
    articles = demo_articles(600)
    store.upsert_articles(articles)
    for article in articles[::7]:
        store.mark_read(article.source, article.id)
    with store._cache.read() as conn:
        terms = [row[0] for row in conn.execute(
            "SELECT term FROM article_vocab ORDER BY doc DESC LIMIT 300")]
        categories = [row[0] for row in conn.execute(
            "SELECT DISTINCT name FROM article_categories")]
    pick = random.Random(15)
    typed = ["کتابخانهٔ سیار", "شهرداری اصفهان", "شهرداری اصفهان ", "کتابخانه سیا"]
    for _ in range(40):
        text = " ".join(pick.sample(terms, pick.choice((1, 2, 2, 3))))
        if pick.random() < 0.4:
            text = text[:-1]
        typed.append(text + (" " if pick.random() < 0.3 else ""))
    compared = 0
    for text in typed:
        for filters in (Filters(), Filters(category=pick.choice(categories)),
                        Filters(unread=True)):
            quick = store.search(text, category=filters.category, unread=filters.unread)
            assert shown(quick) == the_long_way(store, text, filters), (text, filters)
            compared += bool(quick)
    assert compared > 60  # most of them found something to compare


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


def test_the_body_text_read_from_json_is_the_blocks_text(store: Store) -> None:
    blocks = (Block(BlockKind.HEADING, "تیتر", level=3), Block(BlockKind.PARAGRAPH, ""),
              Block(BlockKind.PARAGRAPH, "متن\nدو خط"), Block(BlockKind.IMAGE, "", src="x.png"),
              Block(BlockKind.LIST_ITEM, "یک", level=1))
    store.upsert_articles([replace(make_article(60), blocks=blocks),
                           replace(make_article(61), blocks=())])
    stored = [row["blocks"] for row in store._cache.query(
        "SELECT blocks FROM articles ORDER BY id")]
    assert [body_text_from_json(text) for text in stored] == [
        body_text(blocks_from_json(text)) for text in stored] == ["تیتر\nمتن\nدو خط\nیک", ""]
