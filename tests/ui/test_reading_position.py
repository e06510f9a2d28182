"""The reading position is saved on every way out and restored to the row: Esc, n/p, ctrl+q
(SIGTERM and SIGHUP in tests/e2e/test_reading_position_tmux.py)."""

from __future__ import annotations

from reader_harness import Captured, build_app, settle, until

from madara_tui.runtime import Runtime
from madara_tui.ui.screens.article import ArticleScreen


def article(app: object) -> ArticleScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ArticleScreen)
    return screen


async def scrolled_into_a_paragraph(pilot: object, screen: ArticleScreen) -> tuple[int, int]:
    """Scroll down row by row until the top row is inside a paragraph, not at its start."""
    for _ in range(40):
        await pilot.press("j")  # type: ignore[attr-defined]
        await settle(pilot)  # type: ignore[arg-type]
        piece, row = screen.view.reading_position
        if piece > 0 and row > 0:
            return piece, row
    raise AssertionError("never stopped inside a paragraph")


async def test_esc_then_reopen_restores_the_exact_row(filled: Runtime,
                                                      captured: Captured) -> None:
    app = build_app(filled, captured)
    first = filled.store.headlines(limit=1)[0]
    async with app.run_test(size=(60, 16)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = article(app)
        await until(pilot, lambda: screen.article is not None and screen.article.complete)
        where = await scrolled_into_a_paragraph(pilot, screen)
        offset = screen.view.scroll_offset.y
        await pilot.press("escape")
        await settle(pilot)
        assert filled.store.reading_position(first.source, first.id) == where
        await pilot.press("enter")
        await settle(pilot)
        again = article(app)
        await until(pilot, lambda: again.view.reading_position == where)
        assert again.view.scroll_offset.y == offset


async def test_ctrl_q_saves_the_position(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    first = filled.store.headlines(limit=1)[0]
    async with app.run_test(size=(60, 16)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = article(app)
        await until(pilot, lambda: screen.article is not None and screen.article.complete)
        where = await scrolled_into_a_paragraph(pilot, screen)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert filled.store.reading_position(first.source, first.id) == where
