"""Older headlines (`Service.fetch_older`) against the demo site: REST `before=`, the feed's
`?paged=N` when the API is blocked, and a site that stops answering half-way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from service_env import Env

from madara_tui.demo import DemoSite
from madara_tui.demo.generate import generate_content

ARTICLES = 230


@pytest.fixture
def big_site() -> Iterator[DemoSite]:
    with DemoSite(generate_content(ARTICLES, seed=5), flood_interval=0.0) as demo:
        yield demo



@pytest.mark.parametrize("blocked", [False, True])
async def test_older_pages_reach_the_oldest_post(big_site: DemoSite, tmp_path: Path,
                                                 blocked: bool) -> None:
    if blocked:
        big_site.set_fault("block_wp_json")
    env = Env(big_site, tmp_path / "data")
    try:
        service = env.service()
        await service.refresh()
        first = service.store.count_headlines(source=big_site.url)
        assert first < ARTICLES
        seen: list[tuple[int, int, int]] = []
        report = await service.fetch_older(100, lambda *step: seen.append(step))
        assert report.error == "" and report.end
        assert service.store.count_headlines(source=big_site.url) == ARTICLES
        assert report.stats.new == ARTICLES - first
        assert [done for done, _total, _new in seen] == list(range(1, report.pages + 1))
        oldest = big_site.content.articles[-1]
        assert service.store.headlines(offset=ARTICLES - 1, limit=1)[0].title == oldest.title
    finally:
        await env.aclose()


async def test_a_site_that_stops_answering_keeps_what_was_stored(big_site: DemoSite,
                                                                  tmp_path: Path) -> None:
    env = Env(big_site, tmp_path / "data")
    try:
        service = env.service()
        await service.refresh()
        before = service.store.count_headlines(source=big_site.url)

        def break_site(done: int, _total: int, _new: int) -> None:
            big_site.set_fault("error500")  # after the first older page is stored

        report = await service.fetch_older(3, break_site)
        assert report.pages == 1 and report.error
        assert service.store.count_headlines(source=big_site.url) == before + report.stats.new
        assert report.stats.new > 0
    finally:
        await env.aclose()
