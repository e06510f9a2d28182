"""No SQLite on the event loop: every store call the reader makes — over a refresh, an article
opened and completed from the site, its comments and a bookmark — runs in a worker thread.

The guard wraps every public method of the runtime's `Store` and records the calls made while
an asyncio event loop is running in the calling thread (a worker thread has none). Asyncio's
debug mode is on too, so a slow callback would also be logged.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from reader_harness import SIZE, Captured, build_app, settle, until

from madara_tui.runtime import Runtime
from madara_tui.store import Store
from madara_tui.ui.screens.article import ArticleScreen
from madara_tui.ui.screens.comments import CommentsScreen


def on_loop() -> bool:
    """True when called from a thread that is running an asyncio event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@pytest.fixture
def loop_calls(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the store methods called on the event loop while the test runs."""
    seen: list[str] = []
    store = runtime.store

    def guarded(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            if on_loop():
                seen.append(name)
            return method(*args, **kwargs)
        return call

    for name, method in inspect.getmembers(store, inspect.ismethod):
        if not name.startswith("_"):
            monkeypatch.setattr(store, name, guarded(name, method))
    yield seen


def test_the_guard_sees_a_call_on_the_loop(runtime: Runtime, loop_calls: list[str]) -> None:
    async def read_on_the_loop() -> None:
        runtime.store.categories()
        await asyncio.to_thread(runtime.store.categories)

    asyncio.run(read_on_the_loop())
    assert loop_calls == ["categories"]  # the thread's call is not counted


async def test_refresh_and_article_open_run_no_sqlite_on_the_loop(
        runtime: Runtime, captured: Captured, loop_calls: list[str]) -> None:
    asyncio.get_running_loop().set_debug(True)
    assert isinstance(runtime.store, Store)
    app = build_app(runtime, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_refresh()
        await until(pilot, lambda: app.last_report is not None, seconds=30)
        assert app.last_report is not None and app.last_report.ok
        await settle(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ArticleScreen)
                    and app.screen.article is not None and app.screen.article.complete)
        await pilot.press("b")
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CommentsScreen)
                    and bool(app.screen.comments))
        await settle(pilot)
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
    assert loop_calls == []
