"""Refresh and opening articles, over the demo site and a real SQLite store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from service_env import Env

from madara_tui import locations
from madara_tui.demo import DemoSite
from madara_tui.models import Source
from madara_tui.service import ArticleNotFound


def _article_rows(data_dir: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(f"file:{locations.cache_db(data_dir)}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT * FROM articles ORDER BY source, id").fetchall()
    conn.close()
    return rows


async def test_refresh_twice_second_is_all_not_modified(env: Env, site: DemoSite) -> None:
    service = env.service()
    progress: list[tuple[int, int, str]] = []
    first = await service.refresh(lambda done, total, url: progress.append((done, total, url)))
    assert first.ok
    (report,) = first.sources
    assert report.error == ""
    assert report.stats.new == len(site.content.by_id) and report.stats.updated == 0
    assert progress[-1] == (1, 1, site.url)
    categories = service.store.categories(site.url)
    assert {c.slug for c in categories} >= {"isfahan", "city"}
    before = _article_rows(env.data_dir)

    site.requests.clear()
    second = await service.refresh()
    (again,) = second.sources
    assert again.error == "" and again.not_modified
    assert (again.stats.new, again.stats.updated) == (0, 0)
    assert _article_rows(env.data_dir) == before  # nothing rewritten
    posts = [path for method, path in site.requests if "posts" in path]
    assert posts, "the second refresh asked for the headlines again"


async def test_offline_open_of_every_cached_article(env: Env, site: DemoSite) -> None:
    online = env.service()
    await online.refresh()
    site.stop()  # from here on the network must not be needed
    offline = env.service(offline=True)
    assert offline.offline
    headlines = offline.store.headlines(limit=1000)
    assert len(headlines) == len(site.content.by_id)
    for headline in headlines:
        cached = await offline.cached_article(headline.source, headline.id)
        assert cached is not None and cached.title == headline.title
        assert cached.blocks, f"article {headline.id} has no body offline"
        opened = await offline.complete_article(headline.source, headline.id)
        assert opened == cached
        assert await offline.article(headline.id) == cached


async def test_complete_article_adds_code_related_and_form(env: Env, site: DemoSite) -> None:
    service = env.service()
    await service.refresh()
    article = await service.complete_article(site.url, 331201)
    assert article.complete and article.code == "331201"
    assert article.form is not None and article.form.post_id == 331201
    expected = {site.content.by_id[i].title for i in (331202, 331213, 331223)}
    assert {r.title for r in article.related} == expected
    assert not any(r.computed for r in article.related)
    stored = await service.cached_article(site.url, 331201)
    assert stored is not None and stored.complete and stored.form == article.form
    # The site lists no related news for 331209: the cache computes some, flagged as such.
    await service.complete_article(site.url, 331209)
    related = await service.related(site.url, 331209)
    assert related and all(r.computed for r in related)
    comments = await service.load_comments(site.url, 331201)
    assert len(comments) >= 1 and service.store.comments(site.url, 331201) == comments


async def test_article_not_cached_is_fetched_or_reported(env: Env, site: DemoSite) -> None:
    service = env.service()
    fetched = await service.article(331205)
    assert fetched.id == 331205 and await service.cached_article(site.url, 331205) is not None
    try:
        await service.article(999999)
    except ArticleNotFound as exc:
        assert "999999" in exc.message("en")
    else:
        raise AssertionError("an unknown article was found")


async def test_one_failing_source_does_not_stop_the_others(env: Env, site: DemoSite) -> None:
    service = env.service()
    added = await service.add_sources([
        Source(url=f"{site.url}/category/isfahan/feed/", kind="feed", title="اصفهان"),
        Source(url=f"{site.url}/no-such-feed/", kind="feed"),
    ])
    assert added == 2
    again = [Source(url=f"{site.url}/category/isfahan/feed/", kind="feed")]
    assert await service.add_sources(again) == 0
    report = await service.refresh()
    by_url = {r.source: r for r in report.sources}
    assert by_url[site.url].error == ""
    assert by_url[f"{site.url}/category/isfahan/feed/"].error == ""
    assert by_url[f"{site.url}/category/isfahan/feed/"].stats.new > 0
    assert by_url[f"{site.url}/no-such-feed/"].error  # a message, in Persian by default
    assert report.ok and not service.offline


async def test_site_down_means_offline_without_waiting(env: Env, site: DemoSite) -> None:
    service = env.service()
    site.stop()
    report = await service.refresh()
    assert not report.ok and report.sources[0].error
    assert service.offline  # later calls don't wait on the network
