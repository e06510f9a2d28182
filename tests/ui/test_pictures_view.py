"""Pictures in the article view over the real demo site and a slow picture server: drawn as
rows of the view in each protocol, hidden with `i`, refused ones shown as alt text with a
reason, and the text of an article with ten pictures drawn before any picture arrives."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import datetime

import pytest
from reader_harness import NOW, Captured, settle, until

from madara_tui.commands.reader import make_app
from madara_tui.models import Article, Block, BlockKind, ImageRef
from madara_tui.runtime import Runtime
from madara_tui.text import TEHRAN, BidiMode
from madara_tui.ui.app import MadaraApp
from madara_tui.ui.pictures import kitty
from madara_tui.ui.pictures.blocks import UPPER_HALF
from madara_tui.ui.pictures.detect import Graphics
from madara_tui.ui.pictures.geometry import CellSize
from madara_tui.ui.screens.article import ArticleScreen
from madara_tui.ui.widgets.document import DocumentView
from picture_samples import SVG, photo, picture_server

STREET_THEATRE = 331217
"""A demo article with one picture in its body."""
ALT = "اجرای یک گروه نمایش خیابانی در پیاده‌راه چهارباغ"


def app_with(runtime: Runtime, captured: Captured, protocol: str) -> MadaraApp:
    return make_app(runtime, bidi=BidiMode.APP, env={"TERM": "xterm-256color"},
                    clock=lambda: NOW, opener=captured.opener,
                    terminal_write=captured.terminal.append, refresh_on_start=False, demo=True,
                    graphics=Graphics(protocol, CellSize(8, 16)))


async def open_article(app: MadaraApp, pilot: object, source: str, article_id: int
                       ) -> ArticleScreen:
    app.push_screen(ArticleScreen(source, article_id))
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, ArticleScreen)
    return screen


def view_rows(screen: ArticleScreen) -> list[str]:
    view = screen.query_one(DocumentView)
    return [view.render_line(y).text for y in range(view.size.height)]


async def test_half_blocks_draw_the_picture_then_its_caption(filled: Runtime,
                                                             captured: Captured) -> None:
    app = app_with(filled, captured, "blocks")
    async with app.run_test(size=(100, 60)) as pilot:
        screen = await open_article(app, pilot, filled.config.site or "", STREET_THEATRE)
        await until(pilot, lambda: any(UPPER_HALF in row for row in view_rows(screen)))
        drawn = view_rows(screen)
        picture = [i for i, row in enumerate(drawn) if UPPER_HALF in row]
        assert picture == list(range(picture[0], picture[0] + len(picture)))
        assert len(picture) >= 10
        caption = drawn[picture[-1] + 1]
        assert "[" not in caption and caption.strip(), caption  # the alt text, no brackets
        assert not screen.failed_pictures
        # `i` hides it: the alt text in brackets instead; `i` again shows it.
        await pilot.press("i")
        await settle(pilot)
        assert not any(UPPER_HALF in row for row in view_rows(screen))
        await pilot.press("i")
        await settle(pilot)
        assert any(UPPER_HALF in row for row in view_rows(screen))
    assert captured.terminal == [], "half blocks send no protocol bytes"


async def test_kitty_sends_the_picture_once_and_draws_placeholders(filled: Runtime,
                                                                   captured: Captured) -> None:
    app = app_with(filled, captured, "kitty")
    async with app.run_test(size=(100, 60)) as pilot:
        screen = await open_article(app, pilot, filled.config.site or "", STREET_THEATRE)
        await until(pilot, lambda: any(kitty.PLACEHOLDER in r for r in view_rows(screen)))
        await pilot.press("down", "down", "up")
        await settle(pilot)
    sent = "".join(captured.terminal)
    starts = re.findall(r"\x1b_Ga=T,q=2,f=24,o=z,s=(\d+),v=(\d+),i=(\d+),U=1,c=(\d+),r=(\d+)",
                        sent)
    assert len(starts) == 1, "transmitted once, whatever the scrolling"
    assert re.fullmatch(r"(\x1b_G[a-zA-Z0-9=,]*;[A-Za-z0-9+/=]*\x1b\\)+", sent)


async def test_sixel_slices_follow_the_frame(filled: Runtime, captured: Captured) -> None:
    app = app_with(filled, captured, "sixel")
    async with app.run_test(size=(100, 60)) as pilot:
        await open_article(app, pilot, filled.config.site or "", STREET_THEATRE)
        await until(pilot, lambda: any("\x1bP0;1;0q" in s for s in captured.terminal))
    slices = re.findall(r"\x1b7\x1b\[(\d+);(\d+)H\x1bP0;1;0q\"1;1;(\d+);(\d+)", "".join(
        captured.terminal))
    assert slices and all(int(h) == 16 for *_, h in slices), "each slice is one cell tall"
    rows = sorted({int(y) for y, *_ in slices})
    assert rows == list(range(rows[0], rows[0] + len(rows))), "one slice per picture row"


async def test_off_fetches_nothing_and_shows_the_alt_text(filled: Runtime,
                                                          captured: Captured) -> None:
    app = app_with(filled, captured, "off")
    async with app.run_test(size=(100, 60)) as pilot:
        screen = await open_article(app, pilot, filled.config.site or "", STREET_THEATRE)
        assert screen.article is not None
        await settle(pilot)
        assert not any(UPPER_HALF in row for row in view_rows(screen))
    folder = filled.config.data_dir / "pictures"
    assert not folder.exists() or not list(folder.iterdir())


def article_with(source: str, article_id: int, images: list[tuple[str, str]]) -> Article:
    blocks: list[Block] = []
    for n, (src, alt) in enumerate(images):
        blocks.append(Block(BlockKind.PARAGRAPH, f"بند شمارهٔ {n} از متن این خبر آزمایشی."))
        blocks.append(Block(BlockKind.IMAGE, alt, src=src))
    return Article(id=article_id, source=source, url=f"{source}/?p={article_id}",
                   title="خبری با تصویرهای بسیار", published=datetime(2026, 11, 20, 9,
                                                                       tzinfo=TEHRAN),
                   blocks=tuple(blocks), complete=True)


HELD = threading.Event()
"""The slow pictures are answered only once this is set (each test sets it when it is done)."""


@pytest.fixture
def slow_pictures() -> Iterator[str]:
    body = photo((120, 80))
    HELD.clear()

    def slow() -> tuple[int, str, bytes]:
        HELD.wait(60)
        return 200, "image/jpeg", body

    routes = {f"/slow/{n}.jpg": slow for n in range(10)}
    routes["/featured.jpg"] = lambda: (200, "image/jpeg", body)
    routes["/vector.svg"] = lambda: (200, "image/svg+xml", SVG)
    routes["/page.jpg"] = lambda: (200, "text/html", b"<html></html>")
    try:
        with picture_server(routes) as url:
            yield url
    finally:
        HELD.set()


async def test_ten_pictures_never_hold_the_text_back(runtime: Runtime, captured: Captured,
                                                     slow_pictures: str) -> None:
    source = runtime.config.site or ""
    images = [(f"{slow_pictures}/slow/{n}.jpg", f"تصویر {n}") for n in range(10)]
    runtime.store.upsert_articles([article_with(source, 777001, images)])
    app = app_with(runtime, captured, "blocks")
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(ArticleScreen(source, 777001))
        # The picture server holds every answer: the text must be drawn all the same.
        await until(pilot, lambda: isinstance(app.screen, ArticleScreen)
                    and app.screen.article is not None)
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.shelf is not None
        await until(pilot, lambda: len([r for r in view_rows(screen) if r.strip()]) >= 15)
        assert len(screen.view.pieces) == 2 + 20  # title, meta, paragraphs, waiting captions
        assert not any(screen.shelf.has(url) for url, _ in images)
        HELD.set()
        assert not any(screen.shelf.has(url) for url, _ in images)
        await until(pilot, lambda: all(screen.shelf is not None and screen.shelf.has(url)
                                       for url, _ in images), seconds=30)


async def test_refused_pictures_show_alt_text_and_a_reason(runtime: Runtime, captured: Captured,
                                                           slow_pictures: str) -> None:
    source = runtime.config.site or ""
    images = [(f"{slow_pictures}/vector.svg", "نمودار"), (f"{slow_pictures}/page.jpg", "عکس")]
    runtime.store.upsert_articles([article_with(source, 777002, images)])
    app = app_with(runtime, captured, "blocks")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_article(app, pilot, source, 777002)
        await until(pilot, lambda: len(screen.failed_pictures) == 2)
        assert screen.failed_pictures == {images[0][0]: "svg", images[1][0]: "type"}
        texts = [piece.text for piece in screen.view.pieces]
        # The alt text is isolated in the sentence (FSI … PDI).
        assert "[تصویر: \u2068نمودار\u2069 — SVG نمایش داده نمی‌شود]" in texts
        assert "[تصویر: \u2068عکس\u2069 — پاسخ تصویر نبود]" in texts


async def test_the_featured_image_is_drawn_under_the_title(runtime: Runtime, captured: Captured,
                                                          slow_pictures: str) -> None:
    from madara_tui.records import replace

    source = runtime.config.site or ""
    url = f"{slow_pictures}/featured.jpg"
    article = replace(article_with(source, 777003, []),
                      featured_image=ImageRef(url, "نمای میدان"))
    runtime.store.upsert_articles([article])
    app = app_with(runtime, captured, "blocks")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_article(app, pilot, source, 777003)
        await until(pilot, lambda: screen.shelf is not None and screen.shelf.has(url))
        await settle(pilot)
        pieces = screen.view.pieces
        assert [p.role for p in pieces[:3]] == ["title", "meta", "dim"]
        assert pieces[2].picture == url and pieces[2].text == "نمای میدان"
        assert any(UPPER_HALF in row for row in view_rows(screen))
