"""Input fields for Persian: one line (`PersianInput`) and many lines (`PersianTextArea`).

Textual's `Input` and `TextArea` draw the logical string cell by cell, unshaped (a Persian word
shows its letters isolated and reversed), and insert only keys for which `str.isprintable()` is
true, so the half-space (ZWNJ), ZWJ, LRM and RLM typed from a Persian layout are lost. These
fields keep the logical text as the truth (`EditBuffer`: that is what is stored and sent) and
draw it through the text engine (`FieldLayout`): shaped, in visual order, RTL rows aligned to the
right, the cursor on the cell of its logical position, Left and Right moving on screen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from madara_tui.text import BidiMode
from madara_tui.text.caret import CaretRow, FieldLayout
from madara_tui.text.editing import EditBuffer, typable
from madara_tui.ui.lines import visual
from madara_tui.ui.widgets.shaped import follow_app, ui_mode


class PersianInput(Widget, can_focus=True):
    """A one-line field whose text is laid out by the text engine; Enter submits."""

    DEFAULT_CSS = """
    PersianInput {
        background: $surface;
        color: $foreground;
        padding: 0 1;
        border: tall $border-blurred;
        width: 1fr;
        height: 3;
        pointer: text;
        &:focus { border: tall $border; background-tint: $foreground 5%; }
        & > .input--cursor {
            background: $input-cursor-background;
            color: $input-cursor-foreground;
            text-style: $input-cursor-text-style;
        }
        & > .input--selection {
            background: $input-selection-background;
            color: $input-selection-foreground;
        }
        & > .input--placeholder { color: $text-disabled; }
        &:ansi {
            background: ansi_default;
            color: ansi_default;
            & > .input--cursor { background: ansi_white; color: ansi_black; }
            & > .input--placeholder { text-style: dim; color: ansi_default; }
        }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"input--cursor", "input--selection",
                                             "input--placeholder"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "sideways(-1)", show=False),
        Binding("right", "sideways(1)", show=False),
        Binding("shift+left", "sideways(-1, True)", show=False),
        Binding("shift+right", "sideways(1, True)", show=False),
        Binding("home", "row_edge(False)", show=False),
        Binding("end", "row_edge(True)", show=False),
        Binding("shift+home", "row_edge(False, True)", show=False),
        Binding("shift+end", "row_edge(True, True)", show=False),
        Binding("ctrl+left", "word(-1)", show=False),
        Binding("ctrl+right", "word(1)", show=False),
        Binding("ctrl+shift+left", "word(-1, True)", show=False),
        Binding("ctrl+shift+right", "word(1, True)", show=False),
        Binding("backspace", "delete(False)", show=False),
        Binding("ctrl+backspace,ctrl+w", "delete_word(False)", show=False),
        Binding("ctrl+delete", "delete_word(True)", show=False),
        Binding("delete", "delete(True)", show=False),
        Binding("ctrl+a", "select_all", show=False),
        Binding("ctrl+z", "undo", show=False),
        Binding("ctrl+y,ctrl+shift+z", "redo", show=False),
        Binding("ctrl+c", "copy", show=False),
        Binding("ctrl+x", "cut", show=False),
        Binding("ctrl+v", "paste", show=False),
        Binding("enter", "enter", show=False),
    ]
    MULTILINE = False

    class _FieldMessage(Message):
        """A message about the field and its value."""

        def __init__(self, field: PersianInput, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> PersianInput:
            """The field (for `@on(…, selector)`)."""
            return self.field

    class Changed(_FieldMessage):
        """The field's value changed (typed, pasted, undone or set)."""

    class Submitted(_FieldMessage):
        """Enter was pressed in a one-line field."""

    def __init__(self, value: str = "", *, placeholder: str = "", max_length: int | None = None,
                 empty_rtl: bool = True, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.buffer = EditBuffer(value, multiline=self.MULTILINE, max_length=max_length)
        self.placeholder = placeholder
        """Shown (dim) while the field is empty."""
        self.empty_rtl = empty_rtl
        """Direction of text without letters (the placeholder, digits): right-to-left unless
        the field holds Latin text such as an email address."""
        self._laid_out: tuple[tuple[str, int, BidiMode, bool], FieldLayout] | None = None
        self._goal: int | None = None
        """The column Up/Down aim for, kept while moving vertically."""
        self._scroll_y = 0

    # The value.

    @property
    def value(self) -> str:
        """The logical text (what is stored and sent)."""
        return self.buffer.text

    @value.setter
    def value(self, text: str) -> None:
        if text != self.buffer.text:
            self.buffer.set_text(text)
            self._edited()

    @property
    def cursor_position(self) -> int:
        """The cursor's logical position."""
        return self.buffer.cursor

    @property
    def selection(self) -> tuple[int, int]:
        """The selected logical range (start, end)."""
        return self.buffer.selection

    def _edited(self) -> None:
        self._goal = None
        self.refresh()
        self.post_message(self.Changed(self, self.buffer.text))

    def _moved(self) -> None:
        self.refresh()

    # Layout.

    def on_mount(self) -> None:
        follow_app(self, self.refresh)

    def field_layout(self) -> FieldLayout:
        """The text laid out at the field's width in the app's bidi mode (memoized)."""
        key = (self.buffer.text, self.content_size.width, ui_mode(self), self.empty_rtl)
        cached = self._laid_out
        if cached is None or cached[0] != key:
            text, width, mode, empty_rtl = key
            layout = FieldLayout(text, width, mode, multiline=self.MULTILINE,
                                 empty_rtl=empty_rtl)
            self._laid_out = cached = (key, layout)
        return cached[1]

    # Keys.

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Letters (Persian ones too) and the half-space go into the text, never to a binding."""
        return character is not None and typable(character)

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if character is not None and typable(character):
            event.stop()
            event.prevent_default()
            if self.buffer.insert(character):
                self._edited()

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        if event.text and self.buffer.insert(event.text):
            self._edited()

    def action_sideways(self, step: int, extend: bool = False) -> None:
        buffer = self.buffer
        start, end = buffer.selection
        if start != end and not extend:
            # An arrow without shift collapses the selection at the side it points to.
            layout = self.field_layout()
            xs = {p: layout.place(p) for p in (start, end)}
            left, right = sorted((start, end), key=lambda p: (xs[p][0], xs[p][1]))
            buffer.move(left if step < 0 else right)
        else:
            buffer.move(self.field_layout().sideways(buffer.cursor, step), extend=extend)
        self._goal = None
        self._moved()

    def action_word(self, step: int, extend: bool = False) -> None:
        """To the next word on screen that way: in a right-to-left row Left goes on to the
        next word of the text, in a left-to-right row back to the previous one."""
        layout = self.field_layout()
        cursor = self.buffer.cursor
        rtl = layout.rows[layout.row_of(cursor)].rtl
        forward = (step < 0) == rtl
        self.buffer.move(self.buffer.word_boundary(cursor, forward=forward), extend=extend)
        self._goal = None
        self._moved()

    def action_delete_word(self, forward: bool) -> None:
        if self.buffer.delete_word(forward=forward):
            self._edited()

    def action_row_edge(self, end: bool, extend: bool = False) -> None:
        layout = self.field_layout()
        cursor = self.buffer.cursor
        self.buffer.move(layout.row_end(cursor) if end else layout.row_start(cursor),
                         extend=extend)
        self._goal = None
        self._moved()

    def action_delete(self, forward: bool) -> None:
        if self.buffer.delete(forward=forward):
            self._edited()

    def action_select_all(self) -> None:
        self.buffer.select_all()
        self._moved()

    def action_undo(self) -> None:
        if self.buffer.undo():
            self._edited()

    def action_redo(self) -> None:
        if self.buffer.redo():
            self._edited()

    def action_copy(self) -> None:
        if self.buffer.selected_text:
            self.app.copy_to_clipboard(self.buffer.selected_text)

    def action_cut(self) -> None:
        if self.buffer.selected_text:
            self.app.copy_to_clipboard(self.buffer.selected_text)
            self.action_delete(False)

    def action_paste(self) -> None:
        if self.app.clipboard and self.buffer.insert(self.app.clipboard):
            self._edited()

    def action_enter(self) -> None:
        self.post_message(self.Submitted(self, self.buffer.text))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        layout = self.field_layout()
        row = min(max(offset.y + self._scroll_y, 0), len(layout.rows) - 1)
        shift = self._shift(layout.rows[row], layout.area) if not self.MULTILINE else 0
        self.buffer.move(layout.rows[row].nearest(offset.x - shift, self.buffer.cursor),
                         extend=event.shift)
        self._moved()

    # Drawing.

    def _shift(self, row: CaretRow, area: int) -> int:
        """Columns a too-long one-line row moves so that the cursor stays visible."""
        x = row.x_of(self.buffer.cursor)
        if x < 0:
            return -x
        if x >= area:
            return area - 1 - x
        return 0

    def _visible_rows(self, layout: FieldLayout) -> range:
        height = max(self.content_size.height, 1)
        row = layout.row_of(self.buffer.cursor)
        if row < self._scroll_y:
            self._scroll_y = row
        elif row >= self._scroll_y + height:
            self._scroll_y = row - height + 1
        self._scroll_y = max(0, min(self._scroll_y, max(len(layout.rows) - height, 0)))
        return range(self._scroll_y, self._scroll_y + height)

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        base = self.rich_style
        layout = self.field_layout()
        rows = self._visible_rows(layout)
        k = rows.start + y
        focused = self.has_focus
        cursor_style = self.get_component_rich_style("input--cursor")
        if not self.buffer.text:
            return self._placeholder_line(y, layout, base, cursor_style if focused else None)
        if k >= len(layout.rows):
            return Strip.blank(width, base)
        row = layout.rows[k]
        shift = 0 if self.MULTILINE else self._shift(row, width)
        caret = row.x_of(self.buffer.cursor) + shift if (
            focused and row.first <= self.buffer.cursor <= row.last) else None
        start, end = self.buffer.selection
        selected = self.get_component_rich_style("input--selection")
        segments: list[Segment] = []
        x = 0
        for cell in row.cells:
            left = cell.x + shift
            if left < 0 or left + cell.width > width:
                continue
            if left > x:
                segments.extend(_gap(x, left, caret, base, cursor_style))
            style = base + selected if start <= cell.logical < end else base
            if caret == left:
                style = style + cursor_style
            segments.append(Segment(cell.text, style))
            x = left + cell.width
        if x < width:
            segments.extend(_gap(x, width, caret, base, cursor_style))
        return Strip(segments).adjust_cell_length(width, base)

    def _placeholder_line(self, y: int, layout: FieldLayout, base: Style,
                          cursor_style: Style | None) -> Strip:
        width = self.content_size.width
        caret = layout.rows[0].x_of(0) if cursor_style is not None and y == 0 else None
        hint = visual(self.placeholder, ui_mode(self)) if y == 0 and self.placeholder else ""
        dim = base + self.get_component_rich_style("input--placeholder")
        segments: list[Segment] = []
        if hint:
            hint_text = hint[: max(width - 1, 0)]
            rtl = layout.rows[0].rtl
            left = max(width - 1 - len(hint_text), 0) if rtl else 1
            segments.extend(_gap(0, left, caret, base, cursor_style or Style.null()))
            segments.append(Segment(hint_text, dim))
            end = left + len(hint_text)
            segments.extend(_gap(end, width, caret, base, cursor_style or Style.null()))
        else:
            segments.extend(_gap(0, width, caret, base, cursor_style or Style.null()))
        return Strip(segments).adjust_cell_length(width, base)


def _gap(start: int, end: int, caret: int | None, base: Style, cursor: Style) -> list[Segment]:
    """Blank cells [start, end), the cursor drawn on one of them if it is there."""
    if end <= start:
        return []
    if caret is None or not start <= caret < end:
        return [Segment(" " * (end - start), base)]
    out = [Segment(" " * (caret - start), base)] if caret > start else []
    out.append(Segment(" ", base + cursor))
    if end > caret + 1:
        out.append(Segment(" " * (end - caret - 1), base))
    return out


class PersianTextArea(PersianInput):
    """A many-line field: Enter starts a new paragraph, rows wrap at the field's width,
    Up/Down move between rows, ctrl+Home/ctrl+End go to the text's ends."""

    DEFAULT_CSS = """
    PersianTextArea { height: 8; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "vertical(-1)", show=False),
        Binding("down", "vertical(1)", show=False),
        Binding("shift+up", "vertical(-1, True)", show=False),
        Binding("shift+down", "vertical(1, True)", show=False),
        Binding("ctrl+home", "text_edge(False)", show=False),
        Binding("ctrl+end", "text_edge(True)", show=False),
    ]
    MULTILINE = True

    def action_enter(self) -> None:
        if self.buffer.insert("\n"):
            self._edited()

    def action_vertical(self, step: int, extend: bool = False) -> None:
        layout = self.field_layout()
        cursor = self.buffer.cursor
        if self._goal is None:
            self._goal = layout.place(cursor)[1]
        self.buffer.move(layout.vertical(cursor, step, self._goal), extend=extend)
        self._moved()

    def action_text_edge(self, end: bool) -> None:
        self.buffer.move(len(self.buffer.text) if end else 0)
        self._goal = None
        self._moved()

