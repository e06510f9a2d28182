"""Writing and sending comments from the form, with every outcome the demo site gives."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from reader_harness import (
    SIZE,
    Captured,
    build_app,
    reader_args,
    rows,
    settle,
    until,
    visual_line,
)
from textual.pilot import Pilot

from madara_tui.demo import DemoSite
from madara_tui.models import CommentDraft, CommentState
from madara_tui.runtime import Runtime, open_runtime
from madara_tui.text import BidiMode, Paragraph
from madara_tui.ui.app import MadaraApp
from madara_tui.ui.screens.comment_form import CommentFormScreen
from madara_tui.ui.screens.comments import CommentsScreen
from madara_tui.ui.screens.outbox import OutboxScreen
from madara_tui.ui.widgets.item_list import ItemList
from madara_tui.ui.widgets.persian_input import PersianInput
from madara_tui.ui.widgets.shaped import ShapedText

ARTICLE = 331201
TRUSTED = "kaveh.j@example.com"
"""Has approved comments on the demo site: a new comment from it is published at once."""


async def open_form(pilot: Pilot[int], app: MadaraApp, source: str) -> CommentFormScreen:
    """Article 331201 → comments → the form."""
    from madara_tui.ui.screens.article import ArticleScreen

    await app.push_screen(ArticleScreen(source, ARTICLE))
    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)
    assert isinstance(app.screen, CommentsScreen)
    await pilot.press("w")
    await settle(pilot)
    form = app.screen
    assert isinstance(form, CommentFormScreen)
    return form


async def fill(pilot: Pilot[int], form: CommentFormScreen, *, author: str, email: str,
               text: str) -> None:
    form.query_one("#field-author", PersianInput).value = author
    form.query_one("#field-email", PersianInput).value = email
    form.query_one("#field-comment", PersianInput).value = text
    await settle(pilot)


async def send(pilot: Pilot[int], form: CommentFormScreen) -> CommentState:
    await pilot.press("ctrl+s")
    await until(pilot, lambda: form.last_outcome is not None)
    assert form.last_outcome is not None
    return form.last_outcome.state


def outcome(form: CommentFormScreen) -> str:
    return form.query_one("#outcome", ShapedText).plain


async def test_published_then_duplicate_and_listed(filled: Runtime, captured: Captured,
                                                   demo_site: DemoSite) -> None:
    app = build_app(filled, captured)
    text = "ممنون از گزارش؛ ایستگاه میدان امام‌علی کی باز می‌شود؟"
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, filled.config.site or "")
        await fill(pilot, form, author="کاوه", email=TRUSTED, text=text)
        assert await send(pilot, form) is CommentState.PUBLISHED
        assert outcome(form) == "دیدگاه شما منتشر شد."
        assert demo_site.posted[-1].outcome == "published"
        await pilot.press("escape")
        await settle(pilot)
        comments = app.screen
        assert isinstance(comments, CommentsScreen)
        await until(pilot, lambda: any(c.text == text for c in comments.comments))
        await pilot.press("w")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CommentFormScreen)
        assert form.value("author") == "کاوه"  # remembered like the site's cookie
        await fill(pilot, form, author="کاوه", email=TRUSTED, text=text)
        assert await send(pilot, form) is CommentState.DUPLICATE
        assert outcome(form) == "این دیدگاه پیش‌تر فرستاده شده بود."


async def test_held_then_too_fast(filled: Runtime, captured: Captured,
                                  demo_site: DemoSite) -> None:
    demo_site.flood_interval = 15.0
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, filled.config.site or "")
        await fill(pilot, form, author="خوانندهٔ تازه", email="new.reader@example.com",
                   text="نخستین دیدگاه من دربارهٔ مترو")
        assert await send(pilot, form) is CommentState.HELD
        assert "بررسی" in outcome(form)
        form.last_outcome = None
        await fill(pilot, form, author="خوانندهٔ تازه", email="new.reader@example.com",
                   text="و یک دیدگاه دیگر، خیلی زود")
        assert await send(pilot, form) is CommentState.TOO_FAST
        assert "سریع" in outcome(form)


async def test_rejected_by_the_site_shows_its_reason(filled: Runtime,
                                                     captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, filled.config.site or "")
        # Passes the local check, fails WordPress's is_email() (over 64 characters before @).
        await fill(pilot, form, author="نام", email="a" * 70 + "@example.com",
                   text="متنی که نباید گم شود")
        assert await send(pilot, form) is CommentState.REJECTED
        assert outcome(form).startswith("سایت دیدگاه را نپذیرفت: ")
        assert "ایمیل" in outcome(form)
        assert form.value("comment") == "متنی که نباید گم شود"


async def test_validation_and_draft(filled: Runtime, captured: Captured,
                                            demo_site: DemoSite) -> None:
    app = build_app(filled, captured)
    source = filled.config.site or ""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, source)
        await fill(pilot, form, author="", email="not-an-email", text="سلام")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.query_one("#error-email", ShapedText).plain
        assert form.query_one("#error-author", ShapedText).plain
        assert not demo_site.posted
        # The field itself shows the text engine's shaped, ordered line of what was typed.
        field = form.query_one("#field-author", PersianInput)
        field.value = "مهدی رضایی"
        await settle(pilot)
        drawn = field.render_line(0).text.strip()
        assert drawn == Paragraph("مهدی رضایی").lines(80, BidiMode.APP)[0].text.strip()
        await until(pilot, lambda: (filled.store.draft(source, ARTICLE) or
                                    _empty()).author == "مهدی رضایی")


def _empty() -> object:
    from madara_tui.models import CommentDraft

    return CommentDraft("", 0)


async def test_queued_offline_then_sent_on_refresh(demo_site: DemoSite, data_dir: Path,
                                                   captured: Captured) -> None:
    async with open_runtime(reader_args(data_dir, demo_site.url)) as runtime:
        assert (await runtime.service.refresh()).ok
        await runtime.service.complete_article(demo_site.url, ARTICLE)
        port = int(demo_site.url.rsplit(":", 1)[1])
        demo_site.stop()
        app = build_app(runtime, captured)
        async with app.run_test(size=SIZE) as pilot:
            form = await open_form(pilot, app, demo_site.url)
            await fill(pilot, form, author="کاوه", email=TRUSTED,
                       text="در مترو هستم و اینترنت ندارم")
            assert await send(pilot, form) is CommentState.QUEUED
            assert "صف" in outcome(form)
            await pilot.press("ctrl+o")
            await settle(pilot)
            outbox = app.screen
            assert isinstance(outbox, OutboxScreen)
            assert [item.state for item in outbox.items] == [CommentState.QUEUED]
            assert outbox.query_one(ItemList).items
            revived = DemoSite(flood_interval=0)
            revived.start(port=port)
            try:
                await pilot.press("ctrl+r")
                await until(pilot, lambda: app.last_report is not None)
                await settle(pilot)
                assert any(p.outcome == "published" for p in revived.posted)
                assert outbox.items == []
            finally:
                revived.stop()


async def test_a_held_comment_stays_in_the_thread_until_published(
        filled: Runtime, captured: Captured, demo_site: DemoSite) -> None:
    app = build_app(filled, captured)
    text = "دیدگاهی که باید بررسی شود"
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, filled.config.site or "")
        await fill(pilot, form, author="خوانندهٔ تازه", email="new.reader@example.com",
                   text=text)
        assert await send(pilot, form) is CommentState.HELD
        held_id = form.last_outcome.comment_id if form.last_outcome else None
        assert held_id is not None
        await pilot.press("escape")
        await settle(pilot)
        comments = app.screen
        assert isinstance(comments, CommentsScreen)
        await until(pilot, lambda: any(c.text == text for c in comments.comments))
        (mine,) = [c for c in comments.comments if c.text == text]
        assert mine.held and mine.id == held_id
        drawn = "\n".join(rows(comments.query_one("#comments", ItemList)))
        assert visual_line("«در انتظار تأیید»", 60) in drawn
        demo_site.book.approve(held_id, datetime.now(UTC))
        await pilot.press("R")
        await settle(pilot)
        await until(pilot, lambda: any(c.text == text and not c.held
                                       for c in comments.comments))
        assert [c.id for c in comments.comments].count(held_id) == 1
        assert filled.store.outbox([CommentState.HELD]) == []


async def test_replies_are_marked_and_name_whom_they_answer(
        filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, app, filled.config.site or "")
        await pilot.press("escape")
        await settle(pilot)
        comments = app.screen
        assert isinstance(comments, CommentsScreen)
        await until(pilot, lambda: bool(comments.comments))
        by_id = {c.id: c for c in comments.comments}
        reply = next(c for c in comments.comments if c.parent in by_id)
        (item,) = [i for i in comments.query_one("#comments", ItemList).items
                   if i.value == reply]
        meta = item.pieces[0]
        assert meta.text.startswith("│ ")
        # The names are isolated (FSI … PDI) in the interface's sentence.
        assert meta.text.endswith(f"reply to \u2068{by_id[reply.parent].author}\u2069")
        assert all(piece.text.startswith("│ ") for piece in item.pieces)
        assert form is not None


async def test_form_starts_at_the_first_empty_required_field_and_shows_the_outcome(
        filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, app, filled.config.site or "")
        await until(pilot, lambda: form.focused is not None
                    and form.focused.id == "field-author")
        await fill(pilot, form, author="کاوه", email=TRUSTED, text="دیدگاهی در ۸۰ ستون")
        form.query_one("#field-author", PersianInput).focus()
        assert await send(pilot, form) is CommentState.PUBLISHED
        await settle(pilot)
        scroller = form.query_one("#form")
        shown = form.query_one("#outcome", ShapedText)
        assert scroller.region.contains_region(shown.region), "the outcome is out of view"
        top = rows(form.query_one("#top"))[0]
        assert visual_line("دیدگاه شما منتشر شد.", 60) in top
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, CommentFormScreen) and again is not form
        # Name and email are remembered now: the comment box is the first empty field.
        await until(pilot, lambda: again.focused is not None
                    and again.focused.id == "field-comment"
                    and again.value("author") == "کاوه")


async def test_a_held_comment_the_site_drops_is_said_once_then_left_out(
        filled: Runtime, captured: Captured, demo_site: DemoSite) -> None:
    app = build_app(filled, captured, lang="en")
    text = "دیدگاهی که مدیر سایت پاک خواهد کرد"
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, app, filled.config.site or "")
        await fill(pilot, form, author="خوانندهٔ تازه", email="new.reader@example.com",
                   text=text)
        assert await send(pilot, form) is CommentState.HELD
        held_id = form.last_outcome.comment_id if form.last_outcome else None
        assert held_id is not None
        await pilot.press("escape")
        await settle(pilot)
        comments = app.screen
        assert isinstance(comments, CommentsScreen)
        await until(pilot, lambda: any(c.text == text and c.held for c in comments.comments))
        demo_site.book.drop(held_id)  # the moderator deletes it
        await pilot.press("R")
        await until(pilot, lambda: any(c.text == text and c.dropped
                                       for c in comments.comments))
        drawn = "\n".join(rows(comments.query_one("#comments", ItemList)))
        assert "«not published: the site removed it»" in drawn
        assert "awaiting moderation" not in drawn
        assert app.status.text("en") == ("the site did not publish 1 of your comments; the "
                                         "outbox keeps the text")
        (item,) = filled.store.outbox([CommentState.DROPPED])
        assert item.draft.text == text
        await pilot.press("R")
        await settle(pilot)
        await until(pilot, lambda: bool(comments.comments)
                    and all(c.text != text for c in comments.comments))
        await pilot.press("ctrl+o")
        await settle(pilot)
        outbox = app.screen
        assert isinstance(outbox, OutboxScreen)
        await until(pilot, lambda: any(i.id == item.id for i in outbox.items))
        listed = "\n".join(rows(outbox.query_one("#outbox", ItemList)))
        assert "the site deleted it or marked it spam" in listed


async def test_the_form_sends_through_the_one_cleaning_and_validation(
        filled: Runtime, captured: Captured, demo_site: DemoSite,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What the form holds is cleaned by the service (as `madara-tui comment` is) and judged
    once per send, not by the screen and then again by the service."""
    from madara_tui.client import comments as client_comments

    judged: list[str] = []
    real = client_comments.validate_draft

    def counting(draft: CommentDraft, required: frozenset[str]) -> list[str]:
        judged.append(draft.author)
        return real(draft, required)

    monkeypatch.setattr(client_comments, "validate_draft", counting)
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, filled.config.site or "")
        await fill(pilot, form, author="کاوه\u200e ", email=TRUSTED,
                   text="خبر خوبی بود\x07؛\r\nممنون.")
        assert await send(pilot, form) is CommentState.PUBLISHED
    assert judged == ["کاوه"]
    posted = dict(demo_site.posted[-1].form)
    assert (posted["author"], posted["comment"]) == ("کاوه", "خبر خوبی بود؛\nممنون.")
