"""Status messages belong to the moment: the screen they were said on, a few seconds, the
language in force; and a link whose browser never opened says so and offers the link."""

from __future__ import annotations

from reader_harness import SIZE, Captured, build_app, rows, settle, until, visual_line

from madara_tui.messages import tr
from madara_tui.runtime import Runtime
from madara_tui.ui.screens.article import ArticleScreen
from madara_tui.ui.screens.dialogs import ConfirmOpenScreen, NoBrowserScreen
from madara_tui.ui.screens.headlines import HeadlinesScreen
from madara_tui.ui.widgets.bars import TopBar


def top(app: object) -> str:
    return rows(app.screen.query_one(TopBar))[0]  # type: ignore[attr-defined]


async def test_a_message_stays_on_its_screen_follows_the_language_and_times_out(
        filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("b")
        await settle(pilot)
        said = visual_line(tr("article.bookmarked", "fa"), 40)
        assert said in top(app)
        await pilot.press("f3")
        await settle(pilot)
        assert "bookmarked" in top(app) and said not in top(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HeadlinesScreen)
        assert "bookmarked" not in top(app)  # said on the article, not here
        app.say_key("article.copied")
        await settle(pilot)
        assert "link copied" in top(app)
        # Said again for 0.2 s: it goes by itself. (Not checked as shown first with 0.2 s:
        # on a busy machine settling alone can take longer than that.)
        app.message_seconds = 0.2
        app.say_key("article.copied")
        await until(pilot, lambda: "link copied" not in top(app), seconds=3)
        assert not app.status.message


async def test_no_browser_says_so_and_offers_to_copy_the_link(filled: Runtime) -> None:
    refused: list[str] = []

    def no_browser(url: str) -> bool:
        refused.append(url)
        return False  # what webbrowser.open answers when it found no browser

    captured = Captured()
    captured.opener = no_browser  # type: ignore[method-assign]
    app = build_app(filled, captured, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        await until(pilot, lambda: screen.article is not None)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmOpenScreen)
        await pilot.press("y")
        await settle(pilot)
        assert screen.article is not None and refused == [screen.article.url]
        assert isinstance(app.screen, NoBrowserScreen)
        assert "opened in the browser" not in top(screen)
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == screen.article.url
        assert "link copied" in top(app)


async def test_the_browser_gets_only_a_link_that_passes_the_check_again(
        filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_in_browser("javascript:alert(1)")
        app.open_in_browser("https://example.com/a\u202eb")
        await settle(pilot)
        assert captured.opened == []
        app.open_in_browser("https://example.com/news")
        await settle(pilot)
        assert captured.opened == ["https://example.com/news"]
