"""The headline screen's room and list actions: the category list folds away on small
terminals and comes back with `s`, empty categories are not listed, mark all read, and
hiding read headlines is remembered."""

from __future__ import annotations

from reader_harness import Captured, build_app, rows, settle, until, visual_line

from madara_tui.models import Category
from madara_tui.runtime import Runtime
from madara_tui.ui.screens.article import ArticleScreen
from madara_tui.ui.screens.headlines import HeadlinesScreen
from madara_tui.ui.widgets.bars import TopBar
from madara_tui.ui.widgets.item_list import ItemList


def headlines(app: object) -> HeadlinesScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, HeadlinesScreen)
    return screen


async def test_the_category_list_folds_below_100_columns_and_s_toggles_it(
        filled: Runtime, captured: Captured) -> None:
    for size, shown in (((120, 40), True), ((100, 30), True), ((80, 24), False),
                        ((60, 20), False)):
        app = build_app(filled, captured)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            screen = headlines(app)
            assert screen.sidebar_shown is shown, size
            listing = screen.headline_list
            # Folded, the headline list has the whole width.
            assert (listing.outer_size.width == size[0]) is not shown, size
            await pilot.press("s")
            await settle(pilot)
            assert screen.sidebar_shown is not shown
            await pilot.press("s")
            await settle(pilot)
            assert screen.sidebar_shown is shown
    app = build_app(filled, captured)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = headlines(app)
        await pilot.press("c")  # moving to the category list shows it
        await settle(pilot)
        assert screen.sidebar_shown and screen.query_one("#categories").has_focus
        await pilot.press("escape")  # nothing to go back to; the list stays
        await pilot.press("s")
        await settle(pilot)
        assert not screen.sidebar_shown and screen.headline_list.has_focus
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert not screen.sidebar_shown  # the user's choice outlives a resize


async def test_empty_categories_are_not_listed(filled: Runtime, captured: Captured) -> None:
    source = filled.config.site or ""
    empty = Category(9999, "دسته‌بندی نشده", "uncategorized", 0)
    filled.store.upsert_categories(source, [*filled.store.categories(source), empty])
    assert empty.name in {c.name for c in filled.store.categories()}
    app = build_app(filled, captured)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        menu = headlines(app).query_one("#categories", ItemList)
        await until(pilot, lambda: len(menu.items) > 1)
        values = [item.value for item in menu.items]
        assert empty.name not in values
        assert set(values[1:]) == {c.name for c in await filled.service.categories_in_use()}
        # The list is as wide as its longest name needs, so names are not cut.
        drawn = "\n".join(rows(menu))
        assert "…" not in drawn


async def test_mark_all_read_in_a_category_then_everywhere(filled: Runtime,
                                                           captured: Captured) -> None:
    app = build_app(filled, captured, lang="en")
    names = [c.name for c in await filled.service.categories_in_use()]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = headlines(app)
        screen.set_category(names[0])
        await settle(pilot)
        in_category = filled.store.count_headlines(category=names[0])
        await pilot.press("A")
        await settle(pilot)
        assert filled.store.count_headlines(category=names[0], unread=True) == 0
        assert filled.store.count_headlines(unread=True) > 0
        assert app.status.text("en") == f"{in_category} marked read — undo: \u2068z\u2069"
        screen.set_category(None)
        await pilot.press("A")
        await settle(pilot)
        assert filled.store.count_headlines(unread=True) == 0


async def test_mark_all_read_is_undone_with_z(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    already = filled.store.headlines(limit=2)
    for headline in already:
        filled.store.mark_read(headline.source, headline.id, True)
    total = filled.store.count_headlines()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = headlines(app)
        await pilot.press("A")
        await settle(pilot)
        assert filled.store.count_headlines(unread=True) == 0
        assert "z" in app.status.text("fa") and "برگرداندن" in app.status.text("fa")
        await pilot.press("z")
        await settle(pilot)
        # Exactly what A marked is unread again; what was read before stays read.
        assert filled.store.count_headlines(unread=True) == total - len(already)
        assert all(filled.store.is_read(h.source, h.id) for h in already)
        assert app.status.text("en") == f"{total - len(already)} marked unread again"
        rows_now = rows(screen.headline_list)
        assert any("●" in row for row in rows_now)
        await pilot.press("z")  # one undo per mark all read
        await settle(pilot)
        assert filled.store.count_headlines(unread=True) == total - len(already)
        assert app.status.text("en") == "nothing to undo"


async def test_hiding_read_headlines_is_remembered(filled: Runtime, captured: Captured) -> None:
    total = filled.store.count_headlines()
    first = filled.store.headlines(limit=1)[0]
    filled.store.mark_read(first.source, first.id, True)
    app = build_app(filled, captured)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = headlines(app)
        assert screen.headline_list.count == total
        await pilot.press("u")
        await settle(pilot)
        assert screen.headline_list.count == total - 1
    again = build_app(filled, captured)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = headlines(again)
        await until(pilot, lambda: screen.filters.unread
                    and screen.headline_list.count == total - 1)
        await pilot.press("u")
        await settle(pilot)
        assert screen.headline_list.count == total
    third = build_app(filled, captured)
    async with third.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not headlines(third).filters.unread


async def test_a_persian_category_in_the_english_title_keeps_the_count_out(
        filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured, lang="en")
    name = (await filled.service.categories_in_use())[0].name
    count = filled.store.count_headlines(category=name)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        headlines(app).set_category(name)
        await settle(pilot)
        top = rows(app.screen.query_one(TopBar))[0]
        assert f" Madara — Headlines · {visual_line(name, 40)} · {count} items " in top


async def test_the_article_bar_names_its_category_and_source(filled: Runtime,
                                                             captured: Captured) -> None:
    app = build_app(filled, captured)
    first = filled.store.headlines(limit=1)[0]
    host = "127.0.0.1"  # the demo site's host (its port is not part of the name)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        await until(pilot, lambda: screen.article is not None)
        top = rows(screen.query_one(TopBar))[0]
        assert visual_line("سرخط خبرها", 40) not in top
        assert top.rstrip().endswith(
            f"{host} · {visual_line(first.category, 40)} · {visual_line('مدارا', 10)}")
