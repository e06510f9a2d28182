"""The reader under broken networks (pilot): it stays responsive while a refresh is stalled,
and every fault ends in a clear message in the status line, with the cached headlines kept."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from harness import FAULTS, WORKING_FAULTS, forget_validators
from reader_harness import NOW, Captured, reader_args, settle, until

from madara_tui.commands.reader import make_app
from madara_tui.demo import DemoSite
from madara_tui.runtime import Runtime, open_runtime
from madara_tui.ui.app import MadaraApp
from madara_tui.ui.screens.headlines import HeadlinesScreen

SIZE = (100, 30)


def _app(runtime: Runtime, captured: Captured) -> MadaraApp:
    return make_app(runtime, env={"TERM": "dumb"}, clock=lambda: NOW, opener=captured.opener,
                    terminal_write=captured.terminal.append, refresh_on_start=False, demo=False)


async def test_a_key_moves_the_cursor_while_the_refresh_is_stalled(tmp_path: Path) -> None:
    with DemoSite(flood_interval=0, stall_seconds=4) as site:
        args = reader_args(tmp_path / "data", site.url)
        async with open_runtime(args) as runtime:
            assert (await runtime.service.refresh()).ok
            captured = Captured()
            app = _app(runtime, captured)
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                screen = app.screen
                assert isinstance(screen, HeadlinesScreen)
                listing = screen.headline_list
                assert listing.count > 3
                site.set_fault("stall")
                app.action_refresh()
                await pilot.pause(0.5)
                refreshing = [w for w in app.workers if w.group == "refresh" and w.is_running]
                assert refreshing, "the refresh should be waiting on the stalled site"
                await pilot.press("j", "j")
                assert listing.cursor == 2
                assert any(w.is_running for w in refreshing)  # still stalled: we didn't wait
                await pilot.press("k")
                assert listing.cursor == 1
                site.set_fault(None)
                await until(pilot, lambda: app.last_report is not None, seconds=40)
                assert listing.count > 3


@pytest.mark.parametrize("fault", sorted(set(FAULTS) - {"stall", "slow"}))
async def test_each_fault_ends_in_a_message(tmp_path: Path, fault: str) -> None:
    with DemoSite(flood_interval=0) as site:
        args = reader_args(tmp_path / "data", site.url, lang="en")
        async with open_runtime(args) as runtime:
            assert (await runtime.service.refresh()).ok
            total = runtime.store.count_headlines()
            await asyncio.to_thread(forget_validators, tmp_path / "data")
            app = _app(runtime, Captured())
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                site.set_fault(fault)
                try:
                    app.action_refresh()
                    await until(pilot, lambda: app.last_report is not None, seconds=40)
                finally:
                    site.set_fault(None)
                status = app.status
                # A status message is Words (made in the language asked) or a plain string.
                message = (status.message(app.lang) if callable(status.message)
                           else status.message)
                assert message, fault
                assert "Traceback" not in message and "Error(" not in message
                assert status.error is (fault not in WORKING_FAULTS), status
                screen = app.screen
                assert isinstance(screen, HeadlinesScreen)
                assert screen.headline_list.count == total

