"""Finding 9 of hardening round 2, in the reader: the disk fills while a comment is typed. The
status line says so at once, the words stay in the form, and once there is room again the
draft is saved (and the status line says that too). The disk is made full for real: SQLite's
page limit on the user database gives the error a full disk gives."""

from __future__ import annotations

import sqlite3

from reader_harness import SIZE, Captured, build_app, settle, until
from textual.pilot import Pilot

from madara_tui.messages import tr
from madara_tui.runtime import Runtime
from madara_tui.ui.app import MadaraApp
from madara_tui.ui.screens.article import ArticleScreen
from madara_tui.ui.screens.comment_form import CommentFormScreen
from madara_tui.ui.widgets.persian_input import PersianInput

ARTICLE = 331201
"""A demo article whose comments are open."""


async def open_form(pilot: Pilot[int], app: MadaraApp, source: str) -> CommentFormScreen:
    """The article, then its comment form (`w`)."""
    await app.push_screen(ArticleScreen(source, ARTICLE))
    await settle(pilot)
    await pilot.press("w")
    await until(pilot, lambda: isinstance(app.screen, CommentFormScreen))
    form = app.screen
    assert isinstance(form, CommentFormScreen)
    return form


def _limit(runtime: Runtime, pages: int | None) -> None:
    conn: sqlite3.Connection = runtime.store._user.conn
    if pages is None:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def _said(runtime_app: object) -> str:
    message = runtime_app.status.message  # type: ignore[attr-defined]
    return message("fa") if callable(message) else str(message)


async def test_a_full_disk_while_typing_is_said_and_the_words_are_kept(
        filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    source = filled.config.site or ""
    text = "دیدگاهی بلند که باید بماند " * 800
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, source)
        _limit(filled, None)
        try:
            form.query_one("#field-comment", PersianInput).value = text
            await settle(pilot)
            await until(pilot, lambda: _said(app) == tr("form.draft_not_saved", "fa"),
                        seconds=30)
            assert app.status.error
            assert form.query_one("#field-comment", PersianInput).value == text
            assert form.saver is not None and form.saver.pending is not None
            assert form.saver.pending.text == text
        finally:
            _limit(filled, 1_000_000)
        await until(pilot, lambda: _said(app) == tr("form.draft_saved_again", "fa"),
                    seconds=60)
        stored = filled.store.draft(source, ARTICLE)
        assert stored is not None and stored.text == text
