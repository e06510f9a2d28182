"""The Persian input fields on their own: what typing stores, what the field draws, where the
cursor is and where the keys take it."""

from __future__ import annotations

from itertools import pairwise
from typing import ClassVar

from reader_harness import type_text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.pilot import Pilot

from madara_tui.text import BidiMode, Paragraph
from madara_tui.ui.widgets.persian_input import PersianInput, PersianTextArea

ZWNJ = "\u200c"
WIDTH = 40
"""Cells inside the one-line field (the app is wider: border and padding around it)."""


class FieldApp(App[None]):
    """One one-line field and one many-line field, nothing else."""

    CSS = "PersianInput { width: 44; }"

    def __init__(self, value: str = "") -> None:
        super().__init__()
        self.start = value

    def compose(self) -> ComposeResult:
        yield PersianInput(self.start, id="line")
        yield PersianTextArea(id="area")


def field(pilot: Pilot[None], selector: str = "#line") -> PersianInput:
    return pilot.app.query_one(selector, PersianInput)


def engine_line(text: str, width: int = WIDTH) -> str:
    """The text engine's line for `text`, padded to `width` the way the engine pads RTL."""
    return Paragraph(text, direction="rtl").lines(width, BidiMode.APP)[0].text


def cursor_x(widget: PersianInput) -> int:
    """The screen column where the widget draws its cursor (found by its style)."""
    cursor = widget.get_component_rich_style("input--cursor")
    x = 0
    for segment in widget.render_line(0):
        if segment.style is not None and segment.style.bgcolor == cursor.bgcolor \
                and cursor.bgcolor is not None:
            return x
        x += segment.cell_length
    raise AssertionError("no cursor drawn")


async def test_typed_half_space_is_stored_and_drawn_through_the_engine() -> None:
    async with FieldApp().run_test(size=(60, 20)) as pilot:
        widget = field(pilot)
        widget.focus()
        await type_text(pilot, "نمی" + ZWNJ + "کنم")
        assert widget.value == "نمی\u200cکنم"
        assert widget.render_line(0).text == engine_line(widget.value)
        # Without the ZWNJ the letters join: the drawn line is different.
        assert engine_line("نمیکنم") != engine_line(widget.value)


async def test_zwj_and_bidi_marks_typed_are_kept() -> None:
    async with FieldApp().run_test(size=(60, 20)) as pilot:
        widget = field(pilot)
        widget.focus()
        await type_text(pilot, "a\u200db\u200ec\u200fd\x07")
        assert widget.value == "a\u200db\u200ec\u200fd"


async def test_paste_keeps_the_half_space_and_folds_lines_in_a_one_line_field() -> None:
    async with FieldApp().run_test(size=(60, 20)) as pilot:
        widget = field(pilot)
        widget.focus()
        widget.post_message(events.Paste("کتاب\u200cها\nی من\x1b[31m"))
        await pilot.pause()
        assert widget.value == "کتاب\u200cها ی من[31m"


async def test_left_moves_left_on_screen_in_rtl_and_mixed_text() -> None:
    text = "سلام ICCN و ۱۲ خبر"
    async with FieldApp(text).run_test(size=(60, 20)) as pilot:
        widget = field(pilot)
        widget.focus()
        await pilot.press("home")
        assert widget.cursor_position == 0
        start = cursor_x(widget)
        assert start == WIDTH - 1  # the logical start of an RTL line is its right edge
        xs = [start]
        for _ in range(len(text) + 3):
            await pilot.press("left")
            xs.append(cursor_x(widget))
        # Every press moves one cell left until the left end, where the cursor stays.
        assert all(b < a or a == b == xs[-1] for a, b in pairwise(xs))
        assert xs[-1] == xs[-2] == WIDTH - 1 - len(engine_line(text).strip()) \
            and widget.cursor_position == len(text)
        # Right walks back to the start.
        for _ in range(len(text) + 3):
            await pilot.press("right")
        assert widget.cursor_position == 0 and cursor_x(widget) == start


async def test_cursor_on_the_cell_of_its_logical_position() -> None:
    text = "کتاب abc"  # on screen: "abc باتک", the space between the runs
    async with FieldApp(text).run_test(size=(60, 20)) as pilot:
        widget = field(pilot)
        widget.focus()
        line = widget.render_line(0).text
        left = WIDTH - len(line.strip())
        for position in range(5, 8):  # before "a", "b", "c": on the cell showing it
            widget.buffer.move(position)
            assert line[cursor_x(widget)] == text[position]
        await pilot.press("end")
        assert widget.cursor_position == len(text)
        assert cursor_x(widget) == left + 3  # just after "c", where the next letter goes
        # From the start (the right edge) Left walks the cells right to left: through
        # the Persian word, the space, then c, b, a.
        await pilot.press("home")
        visited = []
        for _ in range(8):
            visited.append(cursor_x(widget))
            await pilot.press("left")
        assert visited == list(range(left + 7, left - 1, -1))
        assert widget.cursor_position == 5


async def test_selection_replace_undo_redo() -> None:
    async with FieldApp("کتاب خوب").run_test(size=(60, 20)) as pilot:
        widget = field(pilot)
        widget.focus()
        await pilot.press("home", "shift+left", "shift+left", "shift+left", "shift+left")
        assert widget.selection == (0, 4)
        await type_text(pilot, "دفتر")
        assert widget.value == "دفتر خوب"
        await pilot.press("ctrl+z")
        assert widget.value == "کتاب خوب"
        await pilot.press("ctrl+y")
        assert widget.value == "دفتر خوب"
        await pilot.press("ctrl+a", "backspace")
        assert widget.value == ""


async def test_letters_and_question_mark_go_into_the_field_not_to_bindings() -> None:
    class Bound(FieldApp):
        BINDINGS: ClassVar[list[BindingType]] = [("question_mark", "bell", "Help"),
                                                 ("ت", "bell", "j on Persian")]

        rang = 0

        def action_bell(self) -> None:
            Bound.rang += 1

    async with Bound().run_test(size=(60, 20)) as pilot:
        widget = field(pilot)
        widget.focus()
        await type_text(pilot, "تست?")
        assert widget.value == "تست?" and Bound.rang == 0


async def test_many_lines_wrap_like_the_engine_and_up_down_keep_the_column() -> None:
    text = "این دیدگاه چند خط دارد و باید در پهنای کادر بشکند تا همه‌اش دیده شود"
    async with FieldApp().run_test(size=(60, 20)) as pilot:
        area = field(pilot, "#area")
        area.focus()
        await type_text(pilot, text)
        await pilot.press("enter")
        await type_text(pilot, "خط دوم")
        assert area.value == text + "\nخط دوم"
        width = area.content_size.width
        expected = [line.text for line in Paragraph(text).lines(width - 1, BidiMode.APP)]
        expected += [engine_line("خط دوم", width - 1)]
        drawn = [area.render_line(y).text for y in range(len(expected))]
        assert [row[1:] for row in drawn] == expected
        await pilot.press("ctrl+home")
        assert area.cursor_position == 0
        await pilot.press("down")
        layout = area.field_layout()
        assert layout.row_of(area.cursor_position) == 1
        assert layout.place(area.cursor_position)[1] == layout.place(0)[1]


async def test_ctrl_arrows_jump_words_on_screen_and_ctrl_w_deletes_one() -> None:
    async with FieldApp("می‌روم به خانه").run_test(size=(60, 20)) as pilot:
        widget = field(pilot)
        widget.focus()
        await pilot.press("home", "ctrl+left")  # right-to-left: Left goes on in the text
        assert widget.cursor_position == len("می‌روم")
        await pilot.press("ctrl+left")
        assert widget.cursor_position == len("می‌روم به")
        await pilot.press("ctrl+right")
        assert widget.cursor_position == len("می‌روم ")
        await pilot.press("end", "ctrl+w")
        assert widget.value == "می‌روم به "


async def test_terminal_mode_draws_the_logical_text() -> None:
    class TerminalApp(FieldApp):
        bidi_mode = BidiMode.TERMINAL

    async with TerminalApp("می‌روم abc").run_test(size=(60, 20)) as pilot:
        widget = field(pilot)
        # The terminal does the bidi: it gets the logical letters, ZWNJ and all.
        assert widget.render_line(0).text.strip() == "می‌روم abc"


async def test_a_click_puts_the_cursor_on_the_clicked_letter() -> None:
    text = "کتاب abc"
    async with FieldApp(text).run_test(size=(60, 20)) as pilot:
        widget = field(pilot)
        widget.focus()
        line = widget.render_line(0).text
        content = widget.content_region.x - widget.region.x, \
            widget.content_region.y - widget.region.y
        await pilot.click("#line", offset=(content[0] + line.index("b"), content[1]))
        assert widget.cursor_position == text.index("b")
        await pilot.click("#line", offset=(content[0] + WIDTH - 1, content[1]))
        assert widget.cursor_position == 0  # the right edge: the start of the RTL text
