"""Names inside the interface's own sentences are isolated: a site's Persian name in an English
line, or a Latin name in a Persian one, keeps the numbers and punctuation beside it out of its
run, and does not turn the line around."""

from __future__ import annotations

from datetime import timedelta

from reader_harness import NOW, Captured, build_app, rows, settle, until, visual_line

from madara_tui.models import Comment
from madara_tui.runtime import Runtime
from madara_tui.ui.screens.article import ArticleScreen
from madara_tui.ui.screens.comments import CommentsScreen
from madara_tui.ui.widgets.bars import TopBar
from madara_tui.ui.widgets.document import DocumentView
from madara_tui.ui.widgets.item_list import ItemList

ARTICLE = 331201


async def open_comments(pilot: object, app: object, source: str) -> CommentsScreen:
    await app.push_screen(ArticleScreen(source, ARTICLE))  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("c")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, CommentsScreen)
    await until(pilot, lambda: bool(screen.comments))  # type: ignore[arg-type]
    return screen


def thread(source_post: int) -> list[Comment]:
    three_hours_ago = NOW - timedelta(hours=3)
    return [
        Comment(1, source_post, 0, "مریم", three_hours_ago, "متن نخست"),
        Comment(2, source_post, 1, "John 2", three_hours_ago, "a reply"),
    ]


async def test_comment_authors_in_the_english_interface(filled: Runtime,
                                                        captured: Captured) -> None:
    app = build_app(filled, captured, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_comments(pilot, app, filled.config.site or "")
        screen.comments = thread(ARTICLE)
        screen._show()
        await settle(pilot)
        drawn = [row.rstrip() for row in rows(screen.query_one("#comments", ItemList))]
        # An English line: the Persian author on the left, the time after it in order (not a
        # right-to-left line with "ago hours 3" reversed around the name).
        maryam = visual_line("مریم", 20)
        assert f"{maryam} · 3 hours ago" in drawn[0], drawn[:3]
        assert drawn[0].startswith(maryam) or drawn[0].lstrip().startswith(maryam)
        reply = next(row for row in drawn if "John 2" in row)
        assert reply.lstrip().startswith("│ John 2 · 3 hours ago · reply to " + maryam), reply


async def test_a_latin_author_in_the_persian_interface(filled: Runtime,
                                                       captured: Captured) -> None:
    app = build_app(filled, captured, lang="fa")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_comments(pilot, app, filled.config.site or "")
        screen.comments = thread(ARTICLE)
        screen._show()
        await settle(pilot)
        drawn = [row.strip() for row in rows(screen.query_one("#comments", ItemList))]
        reply = next(row for row in drawn if "John" in row)
        # «John 2 · ۳ ساعت پیش»: the Persian digit stays with the Persian words on the left of
        # the dot, not pulled into the Latin name's run ("John 2 · ۳").
        when = visual_line("۳ ساعت پیش", 40)
        assert reply.endswith(f"{when} · John 2 │"), reply
        assert "John 2 · ۳" not in reply


async def test_the_article_meta_line_in_english_keeps_its_order(filled: Runtime,
                                                                captured: Captured) -> None:
    source = filled.config.site or ""
    await filled.service.complete_article(source, ARTICLE)
    article = filled.store.article(source, ARTICLE)
    assert article is not None and article.category
    app = build_app(filled, captured, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(ArticleScreen(source, ARTICLE))
        await settle(pilot)
        view = app.screen.query_one(DocumentView)
        drawn = [row.strip() for row in rows(view)]
        meta = next(row for row in drawn if row.startswith("News code:"))
        assert meta.endswith("Category: " + visual_line(article.category, 40)), meta


async def test_a_status_message_with_a_name_in_english(filled: Runtime,
                                                       captured: Captured) -> None:
    app = build_app(filled, captured, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.say_key("comments.reply_to", author="مهدی رضایی")
        await settle(pilot)
        bar = app.screen.query_one(TopBar)
        row = rows(bar)[0]
        # Without the isolate the line would start with the Persian name (an RTL paragraph).
        assert "reply to " + visual_line("مهدی رضایی", 40) in row, row
