"""Reaching the end of the headline list fetches the next older page from the site."""

from __future__ import annotations

from pathlib import Path

from reader_harness import SIZE, Captured, build_app, reader_args, settle, until

from madara_tui.demo import DemoSite
from madara_tui.demo.generate import generate_content
from madara_tui.runtime import open_runtime
from madara_tui.ui.screens.headlines import HeadlinesScreen


async def test_the_end_of_the_list_brings_older_headlines(data_dir: Path,
                                                          captured: Captured) -> None:
    with DemoSite(generate_content(220, seed=7), flood_interval=0.0) as site:
        async with open_runtime(reader_args(data_dir, site.url)) as runtime:
            assert (await runtime.service.refresh()).ok
            before = runtime.store.count_headlines()
            assert before < 220
            app = build_app(runtime, captured)
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                screen = app.screen
                assert isinstance(screen, HeadlinesScreen)
                listing = screen.headline_list
                await until(pilot, lambda: listing.count == before)
                await pilot.press("G")  # the last row
                await until(pilot, lambda: listing.count > before, seconds=30)
                assert runtime.store.count_headlines() == listing.count == before + 50
                message = app.status.message
                assert callable(message) and message("en") == "50 older headlines"
