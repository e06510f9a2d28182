"""SVG snapshots of every screen in Persian and English at 100×30 and 80×24.

Deterministic: the cache is filled once from the demo site and copied for each snapshot, the
app runs offline over the copy (nothing on screen depends on the site's random port), "now" is
frozen, and cursors don't blink. Regenerate with `pytest tests/ui --snapshot-update` and look at
the result (see docs/ui.md)."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from reader_harness import NOW, SIZE, Captured, reader_args, settle
from textual.pilot import Pilot

from madara_tui.commands.reader import make_app
from madara_tui.config import Config
from madara_tui.demo import DemoSite
from madara_tui.records import replace
from madara_tui.runtime import open_runtime
from madara_tui.service import Service
from madara_tui.store import Store
from madara_tui.text import BidiMode
from madara_tui.ui.app import MadaraApp
from madara_tui.ui.widgets.persian_input import PersianInput

ARTICLE = 331201
"""The article the article, related and comment snapshots show."""


@dataclass
class OfflineRuntime:
    """A runtime over a copied data directory, with no network at all."""

    config: Config
    store: Store
    service: Service


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A data directory holding the demo site's headlines, article 331201 completed and its
    comments, and the site URL the cache was filled from."""
    root = tmp_path_factory.mktemp("prepared")
    data_dir = root / "data"

    async def fill(url: str) -> None:
        async with open_runtime(reader_args(data_dir, url)) as runtime:
            assert (await runtime.service.refresh()).ok
            for article_id in (ARTICLE, 331202, 331213, 331223):
                await runtime.service.complete_article(url, article_id)
            await runtime.service.load_comments(url, ARTICLE)

    with DemoSite(flood_interval=0) as site:
        # Not asyncio.run: it would unset the event loop pytest-asyncio left current.
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(fill(site.url))
        finally:
            loop.close()
        return data_dir, site.url


@pytest.fixture(autouse=True)
def own_event_loop() -> Iterator[None]:
    """snap_compare runs the app with `run_until_complete` on the current event loop: give it
    ours and close it, and put back the loop pytest-asyncio left current (dropping the last
    reference to that one would make it a ResourceWarning in the middle of this test)."""
    policy = asyncio.get_event_loop_policy()
    try:
        previous: asyncio.AbstractEventLoop | None = policy.get_event_loop()
    except RuntimeError:
        previous = None
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        yield
    finally:
        asyncio.set_event_loop(previous)
        loop.close()


@pytest.fixture
def offline(prepared: tuple[Path, str], tmp_path: Path) -> Iterator[OfflineRuntime]:
    data_dir, url = prepared
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    config = replace(Config(), site=url, offline=True, data_dir=copy)
    with Store(copy) as store:
        yield OfflineRuntime(config, store, Service(config, store, None))


def app_for(runtime: OfflineRuntime, lang: str) -> MadaraApp:
    return make_app(runtime, lang=lang, bidi=BidiMode.APP, env={"TERM": "dumb"},
                    clock=lambda: NOW, opener=Captured().opener, terminal_write=None,
                    refresh_on_start=False, demo=True)


Steps = Callable[[Pilot[Any]], Awaitable[None]]


def steps(*keys: str, then: Steps | None = None) -> Steps:
    """Wait for the data, press `keys` (waiting after each), then run `then`."""
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if then is not None:
            await then(pilot)
        await settle(pilot)
    return run


async def open_article(pilot: Pilot[Any]) -> None:
    from madara_tui.ui.screens.article import ArticleScreen

    app = pilot.app
    assert isinstance(app, MadaraApp)
    source = app.runtime.config.site or ""
    await app.push_screen(ArticleScreen(source, ARTICLE))
    await settle(pilot)


def then_keys(*keys: str, first: Steps = open_article) -> Steps:
    async def run(pilot: Pilot[Any]) -> None:
        await first(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
    return run


async def write_comment(pilot: Pilot[Any]) -> None:
    await then_keys("c", "w")(pilot)
    form = pilot.app.screen
    form.query_one("#field-author", PersianInput).value = "مهدی رضایی"
    form.query_one("#field-email", PersianInput).value = "mehdi@example.com"
    comment = form.query_one("#field-comment", PersianInput)
    comment.value = "ایستگاه‌های بخش شرقی (۴ کیلومتر) کِی باز می‌شوند؟"
    await settle(pilot)
    # The form puts the cursor in the first empty field once its draft is read; whether that
    # happened before the fields above were filled is a race, so the picture is taken with
    # the cursor where a writer ends up: in the comment.
    comment.focus()
    await settle(pilot)


async def search(pilot: Pilot[Any]) -> None:
    await pilot.press("slash")
    await pilot.press(*"مترو")
    await pilot.pause(0.4)
    await settle(pilot)


SCREENS: dict[str, Steps] = {
    "headlines": steps(),
    "article": steps(then=open_article),
    "related": steps(then=then_keys("r")),
    "comments": steps(then=then_keys("c")),
    "comment_form": steps(then=write_comment),
    "search": steps(then=search),
    "help": steps("f1"),
}


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_snapshot(screen: str, lang: str, offline: OfflineRuntime,
                         snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_for(offline, lang), terminal_size=SIZE,
                        run_before=SCREENS[screen])


SMALL = (80, 24)
"""A common small terminal: the category list folds away, the comment form's outcome and the
top bar must still fit."""


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_snapshot_80x24(screen: str, lang: str, offline: OfflineRuntime,
                               snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_for(offline, lang), terminal_size=SMALL,
                        run_before=SCREENS[screen])


NARROW = (60, 20)
"""The narrowest terminal the reader is laid out for: the key bar keeps its first keys and
help whole, and leaves the rest out."""


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("screen", ["headlines", "article", "comments"])
def test_screen_snapshot_60x20(screen: str, lang: str, offline: OfflineRuntime,
                               snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(app_for(offline, lang), terminal_size=NARROW,
                        run_before=SCREENS[screen])
