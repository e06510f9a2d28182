"""Feeds parsed in a process pool when a refresh has many: the same articles as in a thread."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
from service_env import Env

from madara_tui.client.feeds import parse_feed
from madara_tui.demo import DemoSite
from madara_tui.models import Source
from madara_tui.service import parsing
from madara_tui.service.parsing import POOL_MIN_FEEDS, FeedParsing

CATEGORY_SLUGS = ("isfahan", "city", "economy", "culture", "sports", "environment", "health")


def test_the_pool_is_for_many_feeds_on_several_cores() -> None:
    assert FeedParsing(POOL_MIN_FEEDS, cpus=2).workers == 2
    assert FeedParsing(POOL_MIN_FEEDS - 1, cpus=2).workers == 0
    assert FeedParsing(200, cpus=1).workers == 0
    assert FeedParsing(POOL_MIN_FEEDS, cpus=64).workers == POOL_MIN_FEEDS


async def test_a_feed_parsed_in_the_pool_equals_the_direct_parse(site: DemoSite) -> None:
    with urllib.request.urlopen(f"{site.url}/feed/", timeout=10) as reply:
        body, headers = reply.read(), {k.lower(): v for k, v in reply.headers.items()}
    async with FeedParsing(POOL_MIN_FEEDS, cpus=2) as pool:
        pooled = await pool.parse(body, f"{site.url}/feed/", headers)
        assert pool.workers == 2  # still the pool: nothing broke
    assert pooled == parse_feed(body, f"{site.url}/feed/", headers)
    assert pooled.articles


async def _refresh_many(site: DemoSite, data: Path) -> dict[str, list[tuple[int, str]]]:
    env = Env(site, data)
    try:
        service = env.service()
        feeds = [f"{site.url}/feed/", *(f"{site.url}/category/{s}/feed/" for s in CATEGORY_SLUGS)]
        await service.add_sources([Source(url=url, kind="feed") for url in feeds])
        report = await service.refresh()
        assert all(not r.error for r in report.sources), report.sources
        return {url: [(h.id, h.title) for h in service.store.headlines(source=url, limit=500)]
                for url in feeds}
    finally:
        await env.aclose()


async def test_a_refresh_of_many_feeds_stores_what_threads_store(
        site: DemoSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[int] = []
    original = FeedParsing.__init__

    def spy(self: FeedParsing, feeds: int, *, cpus: int | None = None) -> None:
        original(self, feeds, cpus=2 if cpus is None else cpus)
        used.append(self.workers)

    monkeypatch.setattr(FeedParsing, "__init__", spy)
    pooled = await _refresh_many(site, tmp_path / "pooled")
    monkeypatch.setattr(parsing, "POOL_MIN_FEEDS", 10_000)
    threaded = await _refresh_many(site, tmp_path / "threaded")
    assert used == [2, 0]
    assert pooled == threaded
    assert sum(len(v) for v in pooled.values()) > 20
