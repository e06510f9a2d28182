"""Each fault mode of the demo site gives its typed error, within the deadline."""

from __future__ import annotations

import asyncio
import tracemalloc

import pytest

from madara_tui.client import (
    BadRedirect,
    ConnectionLost,
    Fetcher,
    FetchError,
    HTTPStatus,
    Timeout,
    TooLarge,
    WordPressSite,
)
from madara_tui.client.http import MiB
from madara_tui.demo import DemoSite


async def _headlines(demo: DemoSite, fetcher: Fetcher) -> None:
    await WordPressSite(fetcher, demo.url).headlines()


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("error500", HTTPStatus),
        ("reset", ConnectionLost),
        ("truncate", ConnectionLost),
        ("redirect_loop", BadRedirect),
    ],
)
async def test_fault_gives_typed_error(
    demo: DemoSite, fetcher: Fetcher, fault: str, error: type[FetchError]
) -> None:
    demo.set_fault(fault)
    with pytest.raises(error) as info:
        await _headlines(demo, fetcher)
    assert info.value.url.startswith(demo.url)
    assert info.value.message("fa") and info.value.message("en")


@pytest.mark.parametrize("fault", ["slow", "stall"])
async def test_slow_and_stalled_sites_time_out_within_the_deadline(
    demo: DemoSite, fetcher: Fetcher, fault: str
) -> None:
    demo.set_fault(fault)
    loop = asyncio.get_running_loop()
    started = loop.time()
    with pytest.raises(Timeout):
        await fetcher.get(f"{demo.url}/feed/")
    assert loop.time() - started < fetcher.deadline + 1.0


async def test_slow_site_within_the_deadline_still_answers(demo: DemoSite) -> None:
    demo.slow_seconds = 0.2
    demo.set_fault("slow")
    async with Fetcher(deadline=5.0, trust_env=False) as fetcher:
        response = await fetcher.get(f"{demo.url}/feed/")
    assert response.status == 200 and b"<rss" in response.body


async def test_gzip_bomb_over_loopback_is_bounded(demo: DemoSite) -> None:
    demo.set_fault("gzip_bomb")
    async with Fetcher(deadline=20.0, max_bytes=16 * MiB, trust_env=False) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(TooLarge):
                await fetcher.get(f"{demo.url}/feed/")
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 50 * MiB, f"peak {peak / MiB:.1f} MiB"
