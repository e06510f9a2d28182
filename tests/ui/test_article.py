"""The article, related and link flows over the real demo site."""

from __future__ import annotations

import gc
from collections import Counter

import pytest
from reader_harness import SIZE, Captured, build_app, count_styling, settle, until
from textual.dom import DOMNode

from madara_tui.runtime import Runtime
from madara_tui.text import BidiMode, Paragraph, format_jalali
from madara_tui.ui.article_text import meta_line
from madara_tui.ui.screens.article import ArticleScreen
from madara_tui.ui.screens.dialogs import ConfirmOpenScreen
from madara_tui.ui.screens.related import RelatedScreen
from madara_tui.ui.widgets.document import DocumentView
from madara_tui.ui.widgets.item_list import ItemList


def article_screen(app: object) -> ArticleScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ArticleScreen)
    return screen


async def test_open_shows_cache_then_completes_with_code_and_date(filled: Runtime,
                                                                  captured: Captured) -> None:
    app = build_app(filled, captured)
    first = filled.store.headlines(limit=1)[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = article_screen(app)
        await until(pilot, lambda: screen.article is not None and screen.article.complete)
        article = screen.article
        assert article is not None and article.code
        view = screen.query_one(DocumentView)
        width = view.scrollable_content_region.width
        drawn = [line.strip() for line in view.lines_text()]
        meta = meta_line(article, "fa")
        assert "کد خبر" in meta and format_jalali(article.published) in meta
        assert Paragraph(meta).lines(width, BidiMode.APP)[0].text.strip() in drawn
        assert Paragraph(article.title).lines(width)[0].text.strip() == drawn[0]
        assert filled.store.is_read(first.source, first.id)


async def test_next_previous_and_bookmark(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    first, second = filled.store.headlines(limit=2)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = article_screen(app)
        assert screen.article_id == second.id
        assert screen.article is not None and screen.article.title == second.title
        await pilot.press("b")
        await settle(pilot)
        assert filled.store.is_bookmarked(second.source, second.id)
        await pilot.press("p")
        await settle(pilot)
        assert screen.article_id == first.id
        await pilot.press("p")
        await settle(pilot)
        assert screen.article_id == first.id  # nothing before the first


async def test_open_a_link_and_the_page_after_confirmation(filled: Runtime,
                                                           captured: Captured) -> None:
    app = build_app(filled, captured)
    site = filled.config.site or ""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Find an article with a link to another site in its body (the site's own articles
        # open in the reader: tests/ui/test_site_links.py).
        outside = None
        for _ in range(30):
            await pilot.press("enter")
            screen = article_screen(app)
            await until(pilot, lambda shown=screen: shown.article is not None
                        and shown.article.complete)
            outside = next((link for link in screen.links if not link.url.startswith(site)),
                           None)
            if outside is not None:
                break
            await pilot.press("escape", "j")
        assert outside is not None, "no article with an outside link in the demo site"
        await pilot.press(str(outside.number))
        await until(pilot, lambda: isinstance(app.screen, ConfirmOpenScreen))
        assert captured.opened == []  # nothing opens before the user says yes
        await pilot.press("y")
        await settle(pilot)
        assert captured.opened == [outside.url]
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert len(captured.opened) == 1
        await pilot.press("o", "y")
        await settle(pilot)
        assert screen.article is not None and captured.opened[-1] == screen.article.url
        await pilot.press("y")
        assert app.clipboard == screen.article.url


async def test_reading_position_is_remembered(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    first = filled.store.headlines(limit=1)[0]
    async with app.run_test(size=(60, 16)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = article_screen(app)
        await until(pilot, lambda: screen.article is not None and screen.article.complete)
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        top = screen.view.top_piece
        assert top > 0
        await pilot.press("escape")
        await settle(pilot)
        assert filled.store.position(first.source, first.id) == top
        await pilot.press("enter")
        await settle(pilot)
        assert article_screen(app).view.top_piece == top


async def test_related_lists_items_and_opens_one(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    first = filled.store.headlines(limit=1)[0]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = article_screen(app)
        await until(pilot, lambda: screen.article is not None and screen.article.complete)
        await pilot.press("r")
        await settle(pilot)
        related = app.screen
        assert isinstance(related, RelatedScreen)
        expected = filled.store.related(first.source, first.id)
        assert [item.title for item in related.related] == [item.title for item in expected]
        assert related.query_one("#related", ItemList).items
        await pilot.press("enter")
        await settle(pilot)
        opened = app.screen
        assert isinstance(opened, ArticleScreen)
        assert opened.article is not None and opened.article.title == expected[0].title


async def test_the_first_frame_of_an_opened_article_already_shows_it(filled: Runtime,
                                                                     captured: Captured) -> None:
    app = build_app(filled, captured)
    drawn: list[bool] = []
    display = app._display

    def noted(screen: object, renderable: object) -> None:
        if renderable is not None and isinstance(screen, ArticleScreen):
            drawn.append(screen.article is not None)
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = noted  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = article_screen(app)
        await until(pilot, lambda: screen.article is not None)
        await settle(pilot)
        # No frame of the empty screen before the article: it was drawn (and laid out) twice.
        assert drawn and all(drawn), drawn


async def test_an_opened_article_screen_is_not_styled_again_as_it_is_shown(
        filled: Runtime, captured: Captured, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each widget once as it mounts, the view again as it takes the focus (the screen's auto
    # focus) — not a third time for a focus given by its mount, and not the whole screen again
    # when it is shown (Textual's resume): 30 styling passes an open instead of 50
    # (docs/performance.md, round 6).
    app = build_app(filled, captured)
    styled = count_styling(monkeypatch)
    at_first_frame: list[Counter[DOMNode]] = []
    display = app._display

    def noted(screen: object, renderable: object) -> None:
        if (renderable is not None and isinstance(screen, ArticleScreen)
                and screen.article is not None and not at_first_frame):
            at_first_frame.append(Counter(styled))
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = noted  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        styled.clear()
        await pilot.press("enter")
        screen = article_screen(app)
        await until(pilot, lambda: bool(at_first_frame))
        counts = at_first_frame[0]
        view = screen.query_one(DocumentView)
        assert app.focused is view
        assert counts[screen] == 1
        assert counts[view] == 2
        assert counts[screen.query_one("#top")] == 1
        assert counts[screen.query_one("#keys")] == 1
        hidden = Counter(node.parent for node in counts if type(node) is DOMNode)
        assert hidden[view] == 2 * len(DocumentView.VIEW_ROLES)


async def test_a_closed_article_screen_is_not_kept(filled: Runtime, captured: Captured) -> None:
    # Its widgets watch the app's language and bidi mode; Textual drops such watchers only when
    # the watched value next changes, which kept every article read, laid out, for the session.
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(3):
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ArticleScreen))
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("j")
        await settle(pilot)
        gc.collect()
        kept = [o for o in gc.get_objects() if isinstance(o, ArticleScreen)]
        assert kept == []


async def test_a_closed_screens_garbage_is_collected_once_the_screen_beneath_is_back(
        filled: Runtime, captured: Captured) -> None:
    # A closed screen is reference cycles that only a full collection frees. Left to the
    # collector's own schedule, that collection fell inside the next article open or key press.
    app = build_app(filled, captured)
    full: list[tuple[int, str]] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            full.append((info["collected"], type(app.screen).__name__))

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await settle(pilot)
        gc.collect()  # nothing pending now: a full collection from here on is the reader's
        gc.callbacks.append(note)
        try:
            await pilot.press("escape")
            await settle(pilot)
        finally:
            gc.callbacks.remove(note)
        assert full, "no full collection after the article was closed"
        collected, screen = full[0]
        assert collected > 1000 and screen == "HeadlinesScreen", full
