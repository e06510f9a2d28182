"""Keys: help spells keys as people write them with the current screen's keys first, `w`
writes a comment from the article, and an unknown `[keymap]` id is reported with the closest
valid one."""

from __future__ import annotations

import dataclasses

from reader_harness import SIZE, Captured, build_app, settle, until

from madara_tui.runtime import Runtime
from madara_tui.ui.screens.article import ArticleScreen
from madara_tui.ui.screens.comment_form import CommentFormScreen
from madara_tui.ui.screens.help import HelpScreen, key_names
from madara_tui.ui.widgets.bars import TopBar
from madara_tui.ui.widgets.document import DocumentView


def help_lines(app: object) -> list[str]:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, HelpScreen)
    return [piece.text for piece in screen.query_one("#help", DocumentView).pieces[1:]]


def test_keys_are_spelled_as_people_write_them() -> None:
    assert key_names("right_square_bracket") == "]"
    assert key_names("f1,question_mark,؟") == "F1 ? ؟"
    assert key_names("slash") == "/"
    assert key_names("escape,q") == "Esc q"
    assert key_names("pagedown,space") == "PgDn Space"
    assert key_names("ctrl+r") == "ctrl+r"


async def test_help_starts_with_the_current_screens_keys(filled: Runtime,
                                                         captured: Captured) -> None:
    app = build_app(filled, captured, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        lines = help_lines(app)
        assert lines[0].endswith("(headlines.quit)")
        assert "] چ  Next category  (headlines.next_category)" in lines
        assert not any("right_square_bracket" in line or "question_mark" in line
                       or "slash" in line for line in lines)
        await pilot.press("escape")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("f1")
        await settle(pilot)
        lines = help_lines(app)
        assert lines[0].endswith("(article.open)")
        assert any(line.endswith("(article.write)") for line in lines[:15])


async def test_w_on_the_article_opens_the_comment_form(filled: Runtime,
                                                       captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        await until(pilot, lambda: screen.article is not None)
        assert screen.article is not None and screen.article.comments_open
        await pilot.press("w")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CommentFormScreen)
        assert (form.source, form.article_id, form.parent_id) == (screen.source,
                                                                  screen.article_id, 0)


async def test_an_unknown_keymap_id_is_reported_with_the_closest_one(
        filled: Runtime, captured: Captured) -> None:
    config = dataclasses.replace(filled.config, keymap={"headline.unread": "z",
                                                        "article.bookmark": "B"})
    app = build_app(dataclasses.replace(filled, config=config), captured, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.status.error
        # The ids are isolated in the sentence (FSI … PDI).
        assert app.status.text("en") == ("unknown [keymap] id \u2068headline.unread\u2069 "
                                         "(did you mean \u2068headlines.unread\u2069?)")
        top = app.screen.query_one(TopBar)
        assert "did you mean headlines.unread?" in top.render_line(0).text


async def test_the_palette_has_only_our_commands_right_aligned_in_persian(
        filled: Runtime, captured: Captured) -> None:
    from textual.command import CommandList

    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        listing = app.screen.query_one(CommandList)
        await until(pilot, lambda: listing.option_count > 10)
        prompts = [str(listing.get_option_at_index(i).prompt)
                   for i in range(listing.option_count)]
        assert not any(word in prompt for prompt in prompts
                       for word in ("Keys", "Maximize", "Screenshot", "Quit the application"))
        drawn = [listing.render_line(y).text for y in range(4)]
        width = listing.size.width
        for row in drawn:
            text = row.rstrip()
            assert text and len(row) - len(row.lstrip()) > width // 3, row  # right-aligned
