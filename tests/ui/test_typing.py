"""Typing Persian, half-spaces included, into every field of the reader: the comment form's
name, email, website and comment, and the search box. What is stored keeps U+200C; what each
field draws is the text engine's layout of the value."""

from __future__ import annotations

from reader_harness import SIZE, Captured, build_app, settle, type_text, until
from test_comments import ARTICLE, open_form

from madara_tui.runtime import Runtime
from madara_tui.text import BidiMode, Paragraph
from madara_tui.ui.screens.search import SearchScreen
from madara_tui.ui.widgets.persian_input import PersianInput

ZWNJ = "\u200c"
TYPED = {
    "author": "مهدی رضایی‌نژاد",
    "email": "mehdi@example.com",
    "url": "https://example.com/نوشته‌ها",
    "comment": "کتاب‌ها را می‌خوانم و نمی‌دانم کی تمام می‌شوند؛ ایستگاه‌های شرقی هم",
}


def engine_rows(value: str, width: int, *, multiline: bool) -> list[str]:
    """What the text engine makes of `value` for a field `width` cells wide: one row for a
    one-line field, wrapped rows (one cell kept for the cursor) for the comment."""
    direction = "rtl" if any("\u0600" <= c <= "\u06ff" for c in value) else "ltr"
    paragraph = Paragraph(value, direction=direction)
    if not multiline:
        line = paragraph.lines(width + 10, BidiMode.APP)[0].text.strip(" ")
        return [line.rjust(width) if direction == "rtl" else line.ljust(width)]
    return [line.text.rjust(width) for line in paragraph.lines(width - 1, BidiMode.APP)]


async def test_every_comment_field_keeps_the_half_space_and_draws_the_engine_layout(
        filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    source = filled.config.site or ""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, source)
        for name, text in TYPED.items():
            field = form.query_one(f"#field-{name}", PersianInput)
            field.focus()
            await settle(pilot, 1)
            await type_text(pilot, text)
            await settle(pilot, 1)
            assert field.value == text, name
            assert (ZWNJ in field.value) == (ZWNJ in text)
            width = field.content_size.width
            multiline = name == "comment"
            expected = engine_rows(text, width, multiline=multiline)
            drawn = [field.render_line(y).text for y in range(len(expected))]
            assert [row.rstrip() for row in drawn] == [row.rstrip() for row in expected], name
        # What is saved and what would be sent is the logical text, half-spaces and all.
        draft = form.draft()
        assert draft.author == TYPED["author"] and draft.text == TYPED["comment"]

        def saved() -> str:
            draft = filled.store.draft(source, ARTICLE)
            return draft.text if draft is not None else ""

        await until(pilot, lambda: saved() == TYPED["comment"])


async def test_search_box_keeps_the_half_space_and_draws_the_engine_layout(
        filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        field = screen.query_one("#query", PersianInput)
        await type_text(pilot, "ایستگاه‌های")
        assert field.value == "ایستگاه\u200cهای"
        assert screen.query_text == "ایستگاه\u200cهای"
        width = field.content_size.width
        assert field.render_line(0).text == engine_rows(field.value, width, multiline=False)[0]
        # Keys bound elsewhere ("/" search, "?" help, "q" back) are letters here.
        await type_text(pilot, " q?/")
        assert field.value == "ایستگاه\u200cهای q?/"
        assert isinstance(app.screen, SearchScreen)


async def test_enter_in_a_one_line_field_goes_to_the_next(filled: Runtime,
                                                          captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, filled.config.site or "")
        form.query_one("#field-author", PersianInput).focus()
        await pilot.press("enter")
        assert app.focused is form.query_one("#field-email", PersianInput)
        await pilot.press("enter", "enter")
        comment = form.query_one("#field-comment", PersianInput)
        assert app.focused is comment
        await type_text(pilot, "یک")
        await pilot.press("enter")  # in the comment, Enter starts a new paragraph
        await type_text(pilot, "دو")
        assert comment.value == "یک\nدو" and app.focused is comment
