"""WordPressSite against the demo site over real loopback HTTP: pages, filters, fallbacks,
single posts, categories, comment threads and the article page."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC

import pytest

from madara_tui.client import ApiMode, Fetcher, HTTPStatus, WordPressSite
from madara_tui.demo import DemoSite


async def test_headlines_page_by_page_to_the_end(demo: DemoSite, fetcher: Fetcher) -> None:
    site = WordPressSite(fetcher, demo.url)
    first = await site.headlines(1, per_page=10)
    assert site.mode is ApiMode.REST
    total = len(demo.content.articles)
    assert first.total == total and first.total_pages == -(-total // 10)
    assert [a.id for a in first.articles] == [a.id for a in demo.content.articles[:10]]
    article = first.articles[0]
    assert article.source == demo.url and article.code == str(article.id)
    assert article.title and article.lead and article.blocks and article.categories
    assert article.published.tzinfo is not None
    assert article.published == demo.content.articles[0].date.astimezone(UTC)
    seen = {a.id for a in first.articles}
    page = first
    while not page.last:
        page = await site.headlines(page.page + 1, per_page=10)
        seen |= {a.id for a in page.articles}
    assert len(seen) == total
    past = await site.headlines(first.total_pages + 1, per_page=10)
    assert past.articles == [] and past.last


async def test_category_and_search_filters(demo: DemoSite, fetcher: Fetcher) -> None:
    site = WordPressSite(fetcher, demo.url)
    categories = await site.categories()
    assert len(categories) == len(demo.content.site.categories)
    biggest = max(categories, key=lambda c: c.count)
    page = await site.headlines(category_id=biggest.id, per_page=50)
    assert page.total == biggest.count and len(page.articles) == biggest.count
    assert all(a.category == biggest.name for a in page.articles)
    target = demo.content.articles[5]
    word = max(target.title.split(), key=len)
    found = await site.headlines(search=word, per_page=50)
    assert target.id in {a.id for a in found.articles}
    nothing = await site.headlines(search="واژه‌ای-که-هیچ‌جا-نیست")
    assert nothing.articles == [] and nothing.total == 0


async def test_rest_route_fallback(demo: DemoSite, fetcher: Fetcher) -> None:
    demo.set_fault("block_wp_json", path_prefix="/wp-json")  # only the pretty route is blocked
    site = WordPressSite(fetcher, demo.url)
    page = await site.headlines(per_page=5)
    assert site.mode is ApiMode.REST_ROUTE
    assert [a.id for a in page.articles] == [a.id for a in demo.content.articles[:5]]
    assert page.total == len(demo.content.articles)


async def test_rss_fallback_when_the_api_is_blocked(demo: DemoSite, fetcher: Fetcher) -> None:
    demo.set_fault("block_wp_json")
    site = WordPressSite(fetcher, demo.url)
    page = await site.headlines()
    assert site.mode is ApiMode.RSS
    expected = [a.id for a in demo.content.articles[: len(page.articles)]]
    assert page.articles and [a.id for a in page.articles] == expected  # IDs from guid ?p=ID
    assert all(a.source == demo.url and a.title for a in page.articles)
    second = await site.headlines(2)
    assert second.articles and not {a.id for a in second.articles} & set(expected)
    assert (await site.headlines(99)).articles == []
    one = await site.post(expected[0])  # from the article page
    assert one.id == expected[0] and one.complete and one.title == page.articles[0].title


async def test_post_by_id_and_missing_post(demo: DemoSite, fetcher: Fetcher) -> None:
    site = WordPressSite(fetcher, demo.url)
    wanted = demo.content.articles[3]
    article = await site.post(wanted.id)
    assert article.id == wanted.id and article.url.startswith(demo.url)
    assert article.author
    with pytest.raises(HTTPStatus) as info:
        await site.post(1)
    assert info.value.status == 404


async def test_comment_threads(demo: DemoSite, fetcher: Fetcher) -> None:
    threaded = {c.post for c in demo.content.comments if c.parent}
    post_id = sorted(threaded)[0]
    expected = [c for c in demo.content.comments if c.post == post_id and c.approved]
    site = WordPressSite(fetcher, demo.url)
    comments = await site.comments(post_id)
    assert {c.id for c in comments} == {c.id for c in expected}
    assert any(c.parent for c in comments)
    ids = {c.id for c in comments}
    assert all(c.parent == 0 or c.parent in ids for c in comments)
    assert all(c.text and c.author and c.date.tzinfo for c in comments)


async def test_article_page_from_the_demo(demo: DemoSite, fetcher: Fetcher) -> None:
    source = next(a for a in demo.content.articles if a.related and a.comments_open)
    site = WordPressSite(fetcher, demo.url)
    article = await site.post(source.id)
    page = await site.article_page(article.url)
    assert page.code == str(source.id) and page.post_id == source.id
    assert page.published == source.date
    assert page.title == article.title and page.category == article.category
    assert len(page.related) == len(source.related)
    assert page.related[0].title == demo.content.by_id[source.related[0]].title
    assert page.form is not None and page.form.post_id == source.id
    assert dict(page.form.hidden)["comment_post_ID"] == str(source.id)
    assert page.blocks and not any("اشتراک" in b.text for b in page.blocks)
    merged = page.as_article(demo.url, base=article)
    assert merged.complete and merged.related == page.related and merged.blocks == article.blocks


def test_an_unchanged_site_needs_neither_the_feed_parser_nor_the_page_readers(
        demo: DemoSite) -> None:
    # What an unchanged refresh over REST asks: posts modified since the newest one seen, an
    # empty list. Run in a fresh interpreter, whose modules are only what this needed.
    code = ("import asyncio, sys\n"
            "from datetime import UTC, datetime\n"
            "from madara_tui.client import Fetcher, WordPressSite\n"
            "async def main():\n"
            "    async with Fetcher(trust_env=False) as fetcher:\n"
            f"        site = WordPressSite(fetcher, {demo.url!r})\n"
            "        page = await site.headlines(1, 50, conditional=True,\n"
            "                                    modified_after=datetime.now(UTC))\n"
            "        assert page.articles == [] and site.mode.value == 'rest'\n"
            "asyncio.run(main())\n"
            "print(sorted(m for m in sys.modules if m.startswith(('madara_tui.client.feeds',\n"
            "      'madara_tui.client.page', 'madara_tui.client.fulltext'))))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == "[]"
