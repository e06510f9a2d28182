"""Live switches (bidi mode, language), the keymap, search, help, the palette and the theme."""

from __future__ import annotations

import dataclasses

from reader_harness import SIZE, Captured, build_app, rows, settle, until

from madara_tui.runtime import Runtime
from madara_tui.text import EXPLICIT_MODE, IMPLICIT_MODE, BidiMode
from madara_tui.ui.screens.headlines import HeadlinesScreen
from madara_tui.ui.screens.help import HelpScreen
from madara_tui.ui.screens.search import SearchScreen
from madara_tui.ui.widgets.bars import KeyBar, TopBar
from madara_tui.ui.widgets.item_list import ItemList


async def test_bidi_mode_switch_redraws_and_tells_the_terminal(filled: Runtime,
                                                               captured: Captured) -> None:
    app = build_app(filled, captured, explicit=True)
    newest = filled.store.headlines(limit=1)[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HeadlinesScreen)
        first_word = newest.title.split()[0]
        assert first_word not in rows(screen.headline_list)[0]  # shaped, visual order
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert app.bidi_mode is BidiMode.TERMINAL
        assert captured.terminal == [IMPLICIT_MODE]
        assert first_word in rows(screen.headline_list)[0]  # logical: the terminal orders it
        await pilot.press("f2")
        await settle(pilot)
        assert app.bidi_mode is BidiMode.APP
        assert captured.terminal == [IMPLICIT_MODE, EXPLICIT_MODE]


async def test_the_switch_is_sent_whatever_the_environment_says(filled: Runtime,
                                                                captured: Captured) -> None:
    # No VTE_VERSION (as over ssh): the terminal may still be VTE, and the others ignore it.
    app = build_app(filled, captured, explicit=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert app.bidi_mode is BidiMode.TERMINAL and captured.terminal == [IMPLICIT_MODE]


async def test_language_switch_to_english_and_back(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.has_class("-rtl")
        await pilot.press("f3")
        await settle(pilot)
        assert app.lang == "en" and not app.has_class("-rtl")
        top = rows(app.screen.query_one(TopBar))[0]
        assert top.startswith(" Madara — Headlines")
        keys = rows(app.screen.query_one(KeyBar))[0]
        assert "Open" in keys and "Hide read" in keys
        categories = app.screen.query_one("#categories", ItemList)
        assert categories.region.x == 0  # the side list moved to the left
        await pilot.press("f3")
        await settle(pilot)
        assert app.lang == "fa" and categories.region.right == SIZE[0]


async def test_english_from_the_command_line(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert rows(app.screen.query_one(TopBar))[0].startswith(" Madara")


async def test_keymap_from_the_config_remaps_a_binding(filled: Runtime,
                                                       captured: Captured) -> None:
    config = dataclasses.replace(filled.config, keymap={"headlines.unread": "z"})
    remapped = dataclasses.replace(filled, config=config)
    app = build_app(remapped, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HeadlinesScreen)
        await pilot.press("u")
        assert not screen.filters.unread
        await pilot.press("z")
        await settle(pilot)
        assert screen.filters.unread


async def test_search_as_you_type_highlights_hits(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"مترو")
        await until(pilot, lambda: bool(screen.hits))
        assert all("مترو" in hit.headline.title + hit.snippet for hit in screen.hits[:3])
        items = screen.query_one("#results", ItemList).items
        assert any(span.style == "hit" for piece in items[0].pieces for span in piece.spans)
        await pilot.press("enter", "enter")
        await settle(pilot)
        from madara_tui.ui.screens.article import ArticleScreen

        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article_id == screen.hits[0].headline.id


async def test_help_palette_and_theme(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"صافی: نخوانده")
        await pilot.pause(0.6)
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HeadlinesScreen) and screen.filters.unread
        app.theme = "nord"
        await settle(pilot)
        await until(pilot, lambda: filled.store.get_pref("theme") == "nord")
    again = build_app(filled, Captured())
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
