"""The edit buffer and the caret map of the input fields, without a terminal."""

from __future__ import annotations

import pytest

from madara_tui.text import BidiMode, Paragraph
from madara_tui.text.caret import FieldLayout, field_direction
from madara_tui.text.editing import EditBuffer, typable, typed_text

ZWNJ, ZWJ, LRM, RLM = "\u200c", "\u200d", "\u200e", "\u200f"


@pytest.mark.parametrize("char", [ZWNJ, ZWJ, LRM, RLM, "\u061c", "ت", "a", " ", "۱"])
def test_persian_layout_characters_are_typable(char: str) -> None:
    assert typable(char)


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\n", "\u202e", "\u2067", "\ud800"])
def test_controls_and_embeddings_are_not(char: str) -> None:
    assert not typable(char)


def test_typed_text_keeps_half_spaces_and_folds_lines_in_one_line_fields() -> None:
    pasted = "می\u200cشود\r\nکتاب\u200cها\t\u202eتمام\x1b"
    assert typed_text(pasted, multiline=False) == "می\u200cشود کتاب\u200cها تمام"
    assert typed_text(pasted, multiline=True) == "می\u200cشود\nکتاب\u200cها تمام"
    assert typed_text("۱۲\u00a0هزار", multiline=False) == "۱۲\u00a0هزار"  # Persian nbsp kept


def test_typing_one_key_at_a_time_keeps_zwnj_and_undoes_a_word_at_once() -> None:
    buffer = EditBuffer()
    for char in "نمی" + ZWNJ + "کنم":
        buffer.insert(char)
    assert buffer.text == "نمی\u200cکنم"
    buffer.insert(" ")
    for char in "دانم":
        buffer.insert(char)
    buffer.undo()
    assert buffer.text == "نمی\u200cکنم "
    buffer.undo()
    assert buffer.text == "نمی\u200cکنم"
    buffer.undo()
    assert buffer.text == ""
    assert not buffer.undo()
    buffer.redo()
    assert buffer.text == "نمی\u200cکنم"


def test_delete_backspace_selection_and_max_length() -> None:
    buffer = EditBuffer("کتاب‌ها", max_length=8)
    buffer.move(5)
    buffer.delete(forward=False)  # the ZWNJ before "ها"
    assert buffer.text == "کتابها"
    buffer.move(0)
    buffer.move(4, extend=True)
    assert buffer.selected_text == "کتاب"
    buffer.insert("دفترهای بسیار")
    assert buffer.text == "دفترها" + "ها"  # cut to the room left: 8 characters


def test_field_direction_follows_any_rtl_letter() -> None:
    assert field_direction("UNESCO امروز", empty_rtl=False) == "rtl"
    assert field_direction("reader@example.com", empty_rtl=True) == "ltr"
    assert field_direction("۱۲۳", empty_rtl=True) == "rtl"
    assert field_direction("", empty_rtl=False) == "ltr"


def test_cells_are_the_engine_line_and_every_position_has_a_column() -> None:
    text = "می\u200cشود (ICCN) ۱۲ خبر"
    layout = FieldLayout(text, 40, BidiMode.APP, multiline=False, empty_rtl=True)
    (row,) = layout.rows
    drawn = [" "] * 40
    for cell in row.cells:
        drawn[cell.x] = cell.text
    assert "".join(drawn) == Paragraph(text, direction="rtl").lines(40, BidiMode.APP)[0].text
    assert row.first == 0 and row.last == len(text)
    assert all(0 <= x < 40 for x in row.xs)
    # Before the ZWNJ and after it: the same cell, that of "ش".
    shin = next(cell.x for cell in row.cells if cell.logical == 3)
    assert row.x_of(2) == row.x_of(3) == shin


def test_terminal_mode_columns_are_logical() -> None:
    text = "سلام abc"
    layout = FieldLayout(text, 20, BidiMode.TERMINAL, multiline=False, empty_rtl=True)
    (row,) = layout.rows
    assert "".join(cell.text for cell in row.cells) == text
    assert list(row.xs) == sorted(row.xs)  # the terminal reorders; the field stays logical


def test_wrapped_rows_own_every_position_once() -> None:
    text = "این دیدگاه چند خط دارد\n\nو پس از یک سطر خالی ادامه دارد"
    layout = FieldLayout(text, 12, BidiMode.APP, multiline=True, empty_rtl=True)
    owned = [p for row in layout.rows for p in range(row.first, row.last + 1)]
    assert owned == list(range(len(text) + 1))
    assert all(0 <= x < 12 for row in layout.rows for x in row.xs)
    empty = layout.rows[layout.row_of(text.index("\n") + 1)]
    assert not empty.cells and empty.xs == (11,)  # an empty RTL paragraph: cursor on the right


def test_words_hold_their_half_spaces() -> None:
    buffer = EditBuffer("کتاب‌ها را می‌خوانم، (ICCN) نه")
    assert buffer.word_boundary(0, forward=True) == len("کتاب‌ها")
    end = len("کتاب‌ها را می‌خوانم")
    assert buffer.word_boundary(end, forward=False) == len("کتاب‌ها را ")
    assert buffer.word_boundary(len(buffer.text), forward=False) == len(buffer.text) - 2
    buffer.move(end)
    assert buffer.delete_word(forward=False)
    assert buffer.text == "کتاب‌ها را ، (ICCN) نه"
    buffer.undo()
    assert buffer.text == "کتاب‌ها را می‌خوانم، (ICCN) نه"
