"""Readable in 16 colours (TERM=xterm): every field of the comment form has a border that stays
apart from the background once colours are reduced to the 16 ANSI ones, and Send has a label."""

from __future__ import annotations

from reader_harness import SIZE, Captured, build_app
from rich.color import ColorSystem
from test_comments import open_form
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Button

from madara_tui.runtime import Runtime

FIELDS = ("#field-author", "#field-email", "#field-url", "#field-comment")


def ansi16(color: Color) -> int | None:
    """The ANSI colour number a 16-colour terminal gets for `color` (opaque)."""
    return color.rich_color.downgrade(ColorSystem.STANDARD).number


def border_against_background(widget: Widget) -> tuple[int | None, int | None]:
    _, background = widget.background_colors
    _, edge = widget.styles.border_top
    return ansi16(background + edge), ansi16(background)


async def test_the_comment_form_reads_in_16_colours(filled: Runtime, captured: Captured) -> None:
    app = build_app(filled, captured)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app, filled.config.site or "")
        for selector in FIELDS:
            widget = form.query_one(selector)
            edge, background = border_against_background(widget)
            assert edge != background, (selector, widget.has_focus)
        send = form.query_one("#send", Button)
        assert str(send.label).strip()
        _, background = send.background_colors
        assert ansi16(background + send.styles.color) != ansi16(background)
