"""The headline screen over the real demo site and a real store: start from the cache offline,
move, filter, switch categories, open with the keyboard and the mouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_harness import SIZE, Captured, build_app, reader_args, rows, settle, until, visual_line

from madara_tui.demo import DemoSite
from madara_tui.models import Headline
from madara_tui.runtime import Runtime, open_runtime
from madara_tui.service import HeadlineFilter
from madara_tui.ui.screens.article import ArticleScreen
from madara_tui.ui.screens.headlines import HIDE_READ_PREF, HeadlinesScreen
from madara_tui.ui.widgets.bars import TopBar
from madara_tui.ui.widgets.headline_list import HeadlineList


def headline_list(app: object) -> HeadlineList:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, HeadlinesScreen)
    return screen.headline_list


async def test_starts_offline_from_the_cache(demo_site: DemoSite, data_dir: Path,
                                             captured: Captured) -> None:
    async with open_runtime(reader_args(data_dir, demo_site.url)) as online:
        assert (await online.service.refresh()).ok
        newest = online.store.headlines(limit=1)[0]
        total = online.store.count_headlines()
    demo_site.stop()  # no site at all now
    async with open_runtime(reader_args(data_dir, demo_site.url, offline=True)) as offline:
        app = build_app(offline, captured)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            listing = headline_list(app)
            assert listing.count == total
            first = rows(listing)[0]
            # The title, shaped and in visual order, at the right of its column.
            assert visual_line(newest.title, 30)[-20:] in first
            assert app.status.offline
            top = rows(app.screen.query_one(TopBar))[0]
            assert visual_line("آفلاین — نمایش از حافظه", 60) in top


async def test_keys_move_the_cursor(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = headline_list(app)
        await pilot.press("j", "j", "down")
        assert listing.cursor == 3
        await pilot.press("k", "up")
        assert listing.cursor == 1
        await pilot.press("G")
        assert listing.cursor == listing.count - 1
        await pilot.press("g")
        assert listing.cursor == 0
        await pilot.press("pagedown")
        assert listing.cursor > 10
        await pilot.press("pageup")
        assert listing.cursor == 0


async def test_enter_and_click_open_the_article(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        second = filled.store.headlines(offset=1, limit=1)[0]
        listing = headline_list(app)
        await pilot.click(listing, offset=(40, 1))
        assert listing.cursor == 1
        await pilot.click(listing, offset=(40, 1))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.article_id == second.id
        await pilot.press("escape")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen) and app.screen.article_id == second.id


async def test_unread_and_bookmarked_filters(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    total = filled.store.count_headlines()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # reading marks it read
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        listing = headline_list(app)
        assert listing.count == total - 1
        await pilot.press("b")  # bookmark the highlighted (unread) headline
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert listing.count == 1
        assert filled.store.headlines(bookmarked=True)[0].bookmarked
        await pilot.press("m")
        await settle(pilot)
        assert listing.count == total


async def test_categories_switch(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    names = [category.name for category in filled.store.categories()]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HeadlinesScreen)
        assert screen.filters.category == names[0]
        assert screen.headline_list.count == filled.store.count_headlines(category=names[0])
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.filters.category is None
        # The side list: move down to the second category and choose it.
        await pilot.press("c", "down", "down", "enter")
        await settle(pilot)
        assert screen.filters.category == names[1]
        await until(pilot, lambda: screen.headline_list.count
                    == filled.store.count_headlines(category=names[1]))


async def test_the_start_reads_the_rows_under_the_remembered_filter_only(
        filled: Runtime, captured: Captured, monkeypatch: pytest.MonkeyPatch) -> None:
    # «Hide read» was remembered: the first rows read (and drawn) are the unread ones — not
    # every row first, drawn for a moment and then replaced.
    newest = filled.store.headlines(limit=1)[0]
    await filled.service.mark_read(newest.source, newest.id, True)
    await filled.service.set_preference(HIDE_READ_PREF, "1")
    total = filled.store.count_headlines()
    service = filled.service
    read_page = service.headline_page
    unread_only: list[bool] = []

    async def recorded(filters: HeadlineFilter, offset: int, limit: int) -> list[Headline]:
        unread_only.append(filters.unread)
        return await read_page(filters, offset, limit)

    monkeypatch.setattr(service, "headline_page", recorded)
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = headline_list(app)
        assert listing.count == total - 1
        assert unread_only and all(unread_only)
        assert newest.title not in "".join(rows(listing))


async def test_the_reader_reads_its_first_rows_before_the_app_mounts(
        filled: Runtime, captured: Captured, monkeypatch: pytest.MonkeyPatch) -> None:
    # `commands.reader` starts the first screen's reads (`read_ahead`) before the app runs: they
    # overlap Textual's start. The app's mount reads the theme first; here the hide-read
    # preference was asked for before it, and the screen shows the rows read ahead.
    await filled.service.set_preference(HIDE_READ_PREF, "1")
    service = filled.service
    asked: list[str] = []
    read_preference, read_page = service.preference, service.headline_page

    async def preference(key: str) -> str | None:
        asked.append(key)
        return await read_preference(key)

    async def page(filters: HeadlineFilter, offset: int, limit: int) -> list[Headline]:
        asked.append("page")
        return await read_page(filters, offset, limit)

    monkeypatch.setattr(service, "preference", preference)
    monkeypatch.setattr(service, "headline_page", page)
    app = build_app(filled, captured)
    app.read_ahead()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert asked.index(HIDE_READ_PREF) < asked.index("theme")
        assert headline_list(app).count == filled.store.count_headlines(unread=True)
        assert asked.count(HIDE_READ_PREF) == 1  # read once, ahead: the screen took those rows
